//! `stop-share`: stop sharing a document with a contact, or delete it from the matter.

use lambda_http::{Body, Request, Response};
use shared::http::{respond, route_not_found, segments, staff, Reply};
use shared::service::{removal, sharing};
use shared::{App, Result};

pub async fn handle(app: &App, req: Request) -> Response<Body> {
    respond(route(app, &req).await)
}

async fn route(app: &App, req: &Request) -> Result<Reply> {
    let path = segments(req);
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    match (req.method().as_str(), path.as_slice()) {
        ("DELETE", ["matters", matter, "documents", document]) => {
            let staff = staff(app, req)?;
            removal::delete_document(app, &staff, matter, document).await?;
            Reply::no_content()
        }
        ("DELETE", ["matters", matter, "shares", document, contact_id]) => {
            let staff = staff(app, req)?;
            sharing::stop_share(app, &staff, matter, document, contact_id).await?;
            Reply::no_content()
        }
        _ => Err(route_not_found()),
    }
}
