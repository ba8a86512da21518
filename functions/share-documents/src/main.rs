//! `share-documents`: share many documents with many contacts in one call.
//! The routes it serves, with their handlers and callers, are its entries in
//! `shared::routes`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::http::serve(shared::routes::dispatch::share_documents).await
}
