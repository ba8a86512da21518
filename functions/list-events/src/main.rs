//! Lambda entry point for `list-events`; the routes live in lib.rs.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::http::serve(list_events::handle).await
}
