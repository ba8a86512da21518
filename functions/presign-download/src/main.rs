//! Lambda entry point for `presign-download`; the routes live in lib.rs.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::http::serve(presign_download::handle).await
}
