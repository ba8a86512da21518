//! `list-events`: a matter's event log (filtered, paginated, or exported as CSV) and who
//! The routes it serves, with their handlers and callers, are its entries in
//! `shared::routes`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::http::serve(shared::routes::dispatch::list_events).await
}
