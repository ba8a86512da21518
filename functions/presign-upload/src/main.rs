//! `presign-upload`: presigned PUTs for firm documents and for contacts' uploads.
//! The routes it serves, with their handlers and callers, are its entries in
//! `shared::routes`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::http::serve(shared::routes::dispatch::presign_upload).await
}
