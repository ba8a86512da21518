//! `presign-download`: a short-lived view or download link, minted after the access check.

use lambda_http::{Body, Request, Response};
use shared::http::{json_body, respond, route_not_found, segments, Reply};
use shared::service::portal;
use shared::{App, Result};

pub async fn handle(app: &App, req: Request) -> Response<Body> {
    respond(route(app, &req).await)
}

async fn route(app: &App, req: &Request) -> Result<Reply> {
    let path = segments(req);
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    match (req.method().as_str(), path.as_slice()) {
        ("POST", ["portal", "documents", document, "links"]) => {
            let bearer = shared::auth::bearer(req);
            Reply::ok(portal::download_link(app, bearer, document, || json_body(req)).await?)
        }
        _ => Err(route_not_found()),
    }
}
