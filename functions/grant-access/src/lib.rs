//! `grant-access`: matter portal settings, contact access and contact sign-in.

use lambda_http::{Body, Request, Response};
use shared::http::{contact, json_body, respond, route_not_found, segments, staff, Reply};
use shared::service::{access, matters, sessions};
use shared::{App, Result};

pub async fn handle(app: &App, req: Request) -> Response<Body> {
    respond(route(app, &req).await)
}

async fn route(app: &App, req: &Request) -> Result<Reply> {
    let path = segments(req);
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    match (req.method().as_str(), path.as_slice()) {
        ("PUT", ["matters", matter]) => {
            let staff = staff(app, req)?;
            Reply::ok(matters::save_matter(app, &staff, matter, json_body(req)?).await?)
        }
        ("GET", ["matters", matter]) => {
            staff(app, req)?;
            Reply::ok(matters::matter(app, matter).await?)
        }
        ("PUT", ["matters", matter, "contacts", contact_id]) => {
            let staff = staff(app, req)?;
            let outcome =
                access::grant_access(app, &staff, matter, contact_id, json_body(req)?).await?;
            Reply::json(if outcome.created { 201 } else { 200 }, outcome)
        }
        ("POST", ["matters", matter, "contacts", contact_id, "invitations"]) => {
            staff(app, req)?;
            Reply::json(
                202,
                access::resend_invitation(app, matter, contact_id).await?,
            )
        }
        ("DELETE", ["matters", matter, "contacts", contact_id]) => {
            let staff = staff(app, req)?;
            access::revoke_access(app, &staff, matter, contact_id).await?;
            Reply::no_content()
        }
        ("POST", ["portal", "sessions"]) => {
            Reply::json(201, sessions::open_session(app, json_body(req)?).await?)
        }
        ("POST", ["portal", "sign-in-links"]) => {
            sessions::request_sign_in_link(app, json_body(req)?).await?;
            Reply::json(202, serde_json::json!({}))
        }
        ("DELETE", ["portal", "sessions", "current"]) => {
            let contact = contact(app, req).await?;
            sessions::close_session(app, &contact).await?;
            Reply::no_content()
        }
        _ => Err(route_not_found()),
    }
}
