//! `list-events`: a matter's event log (filtered, paginated, or exported as CSV) and who
//! opened a document and who has not yet.

use lambda_http::{Body, Request, Response};
use shared::http::{query, respond, route_not_found, segments, staff, Attachment, Reply};
use shared::service::events::{self, EventQuery};
use shared::service::readers;
use shared::{App, Result};

pub async fn handle(app: &App, req: Request) -> Response<Body> {
    respond(route(app, &req).await)
}

async fn route(app: &App, req: &Request) -> Result<Reply> {
    let path = segments(req);
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    match (req.method().as_str(), path.as_slice()) {
        ("GET", ["matters", matter, "events"]) => {
            staff(app, req)?;
            let query = EventQuery::parse(&query(req))?;
            if query.csv {
                let export = events::export_events(app, matter, &query).await?;
                return Reply::attachment(Attachment {
                    content_type: "text/csv; charset=utf-8",
                    file_name: export.file_name,
                    text: export.csv,
                });
            }
            Reply::ok(events::list_events(app, matter, &query).await?)
        }
        ("GET", ["matters", matter, "documents", document, "readers"]) => {
            staff(app, req)?;
            Reply::ok(readers::document_readers(app, matter, document).await?)
        }
        _ => Err(route_not_found()),
    }
}
