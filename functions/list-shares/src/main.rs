//! `list-shares`: the matter list, the Access and Sharing sections, matter documents, and the
//! The routes it serves, with their handlers and callers, are its entries in
//! `shared::routes`.

fn main() -> Result<(), lambda_http::Error> {
    shared::startup::block_on(shared::http::serve(shared::routes::dispatch::list_shares))
}
