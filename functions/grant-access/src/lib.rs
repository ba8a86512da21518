//! `grant-access`: matter portal settings, contact access and contact sign-in.

use lambda_http::{Body, Request, Response};
use shared::http::{contact, json_body, respond, route_not_found, segments, staff, Reply};
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
            Reply::ok(app.save_matter(&staff, matter, json_body(req)?).await?)
        }
        ("GET", ["matters", matter]) => {
            staff(app, req)?;
            Reply::ok(app.matter(matter).await?)
        }
        ("PUT", ["matters", matter, "contacts", contact_id]) => {
            let staff = staff(app, req)?;
            let outcome = app
                .grant_access(&staff, matter, contact_id, json_body(req)?)
                .await?;
            Reply::json(if outcome.created { 201 } else { 200 }, outcome)
        }
        ("POST", ["matters", matter, "contacts", contact_id, "invitations"]) => {
            staff(app, req)?;
            Reply::json(202, app.resend_invitation(matter, contact_id).await?)
        }
        ("DELETE", ["matters", matter, "contacts", contact_id]) => {
            staff(app, req)?;
            app.revoke_access(matter, contact_id).await?;
            Reply::no_content()
        }
        ("POST", ["portal", "sessions"]) => {
            Reply::json(201, app.open_session(json_body(req)?).await?)
        }
        ("POST", ["portal", "sign-in-links"]) => {
            app.request_sign_in_link(json_body(req)?).await?;
            Reply::json(202, serde_json::json!({}))
        }
        ("DELETE", ["portal", "sessions", "current"]) => {
            let contact = contact(app, req).await?;
            app.close_session(&contact).await?;
            Reply::no_content()
        }
        _ => Err(route_not_found()),
    }
}
