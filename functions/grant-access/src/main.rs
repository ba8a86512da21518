//! Lambda entry point for `grant-access`; the routes live in lib.rs.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::http::serve(grant_access::handle).await
}
