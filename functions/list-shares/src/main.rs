//! Lambda entry point for `list-shares`; the routes live in lib.rs.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::http::serve(list_shares::handle).await
}
