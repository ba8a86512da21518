//! Lambda entry point for `presign-upload`; the routes live in lib.rs.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::http::serve(presign_upload::handle).await
}
