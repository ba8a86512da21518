//! `list-events`: a matter's event log (filtered, paginated, or exported as CSV) and who
//! The routes it serves, with their handlers and callers, are its entries in
//! `shared::routes`.

fn main() -> Result<(), lambda_http::Error> {
    shared::startup::block_on(shared::http::serve(shared::routes::dispatch::list_events))
}
