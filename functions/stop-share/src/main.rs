//! Lambda entry point for `stop-share`; the routes live in lib.rs.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::http::serve(stop_share::handle).await
}
