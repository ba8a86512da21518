//! `presign-upload`: presigned PUTs for firm documents and for contacts' uploads.

use lambda_http::{Body, Request, Response};
use shared::http::{contact, json_body, respond, route_not_found, segments, staff, Reply};
use shared::service::{documents, uploads};
use shared::{App, Result};

pub async fn handle(app: &App, req: Request) -> Response<Body> {
    respond(route(app, &req).await)
}

async fn route(app: &App, req: &Request) -> Result<Reply> {
    let path = segments(req);
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    match (req.method().as_str(), path.as_slice()) {
        ("POST", ["matters", matter, "documents"]) => {
            let staff = staff(app, req)?;
            Reply::json(
                201,
                documents::register_firm_document(app, &staff, matter, json_body(req)?).await?,
            )
        }
        ("POST", ["portal", "matters", matter, "uploads"]) => {
            let contact = contact(app, req).await?;
            Reply::json(
                201,
                uploads::request_upload(app, &contact, matter, json_body(req)?).await?,
            )
        }
        ("GET", ["portal", "matters", matter, "uploads", upload]) => {
            let contact = contact(app, req).await?;
            Reply::ok(uploads::upload_status(app, &contact, matter, upload).await?)
        }
        _ => Err(route_not_found()),
    }
}
