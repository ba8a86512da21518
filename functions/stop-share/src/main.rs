//! `stop-share`: stop sharing a document with a contact, or delete it from the matter.
//! The routes it serves, with their handlers and callers, are its entries in
//! `shared::routes`.

fn main() -> Result<(), lambda_http::Error> {
    shared::startup::block_on(shared::http::serve(shared::routes::dispatch::stop_share))
}
