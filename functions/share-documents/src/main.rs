//! Lambda entry point for `share-documents`; the routes live in lib.rs.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::http::serve(share_documents::handle).await
}
