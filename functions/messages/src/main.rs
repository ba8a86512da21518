//! `messages`: secure messages between the firm and each contact, for the console and the
//! portal. The routes it serves, with their handlers and callers, are its entries in
//! `shared::routes`.

fn main() -> Result<(), lambda_http::Error> {
    shared::startup::block_on(shared::http::serve(shared::routes::dispatch::messages))
}
