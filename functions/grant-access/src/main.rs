//! `grant-access`: matter portal settings, contact access and contact sign-in.
//! The routes it serves, with their handlers and callers, are its entries in
//! `shared::routes`.

fn main() -> Result<(), lambda_http::Error> {
    shared::startup::block_on(shared::http::serve(shared::routes::dispatch::grant_access))
}
