//! `list-shares`: the matter list, the Access and Sharing sections, matter documents, and the
//! contact's portal list.

use lambda_http::{Body, Request, Response};
use shared::http::{query, reading_contact, respond, route_not_found, segments, staff, Reply};
use shared::pagination::parse_limit;
use shared::service::listing::ListQuery;
use shared::service::{access, documents, matters, portal, sharing};
use shared::{App, Result};

pub async fn handle(app: &App, req: Request) -> Response<Body> {
    respond(route(app, &req).await)
}

async fn route(app: &App, req: &Request) -> Result<Reply> {
    let path = segments(req);
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    let params = query(req);
    let limit = || parse_limit(params.get("limit").map(String::as_str));
    let cursor = params.get("cursor").map(String::as_str);
    match (req.method().as_str(), path.as_slice()) {
        ("GET", ["matters"]) => {
            staff(app, req)?;
            let q = params.get("q").map(String::as_str);
            Reply::ok(matters::list_matters(app, q, limit()?, cursor).await?)
        }
        ("GET", ["matters", matter, "contacts"]) => {
            staff(app, req)?;
            Reply::ok(access::list_access(app, matter, limit()?, cursor).await?)
        }
        ("GET", ["matters", matter, "documents"]) => {
            staff(app, req)?;
            Reply::ok(documents::list_documents(app, matter, limit()?, cursor).await?)
        }
        ("GET", ["matters", matter, "shares"]) => {
            staff(app, req)?;
            Reply::ok(sharing::list_shares(app, matter, &ListQuery::parse(&params)?).await?)
        }
        ("GET", ["portal", "matters"]) => {
            let contact = reading_contact(app, req).await?;
            Reply::ok(portal::portal_matters(&contact))
        }
        ("GET", ["portal", "documents"]) => {
            let contact = reading_contact(app, req).await?;
            Reply::ok(portal::portal_documents(app, &contact, &ListQuery::parse(&params)?).await?)
        }
        _ => Err(route_not_found()),
    }
}
