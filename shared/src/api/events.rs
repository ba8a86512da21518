//! The event log (JSON pages or a CSV export) and a document's readers.

use crate::auth::Staff;
use crate::error::Result;
use crate::http::{Attachment, Call, Reply};
use crate::service::events::{self, EventQuery};
use crate::service::readers;
use crate::App;

pub async fn list(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let matter = call.param("matterId");
    let query = EventQuery::parse(&call.query())?;
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

pub async fn readers(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, document) = (call.param("matterId"), call.param("documentId"));
    Reply::ok(readers::document_readers(app, matter, document).await?)
}
