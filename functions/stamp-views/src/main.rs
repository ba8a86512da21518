//! `stamp-views`: a view-only PDF opens as a copy stamped with the contact's name, address
//! and the time on every page. A function of its own: the PDF parser it needs would not fit
//! in presign-download's size budget, and stamping wants more memory than a link does.

fn main() -> Result<(), lambda_http::Error> {
    shared::startup::block_on(shared::http::serve(shared::routes::dispatch::stamp_views))
}
