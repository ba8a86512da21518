//! `presign-download`: a short-lived view or download link, minted after the access check.
//! The routes it serves, with their handlers and callers, are its entries in
//! `shared::routes`.

fn main() -> Result<(), lambda_http::Error> {
    shared::startup::block_on(shared::http::serve(
        shared::routes::dispatch::presign_download,
    ))
}
