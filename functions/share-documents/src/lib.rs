//! `share-documents`: share many documents with many contacts in one call.

use lambda_http::{Body, Request, Response};
use shared::http::{json_body, respond, route_not_found, segments, staff, Reply};
use shared::service::sharing;
use shared::{App, Result};

pub async fn handle(app: &App, req: Request) -> Response<Body> {
    respond(route(app, &req).await)
}

async fn route(app: &App, req: &Request) -> Result<Reply> {
    let path = segments(req);
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    match (req.method().as_str(), path.as_slice()) {
        ("POST", ["matters", matter, "shares"]) => {
            let staff = staff(app, req)?;
            Reply::ok(sharing::share_documents(app, &staff, matter, json_body(req)?).await?)
        }
        _ => Err(route_not_found()),
    }
}
