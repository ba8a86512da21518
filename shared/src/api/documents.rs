//! Matter documents: list, register a firm upload, delete.

use super::page_params;
use crate::auth::Staff;
use crate::error::Result;
use crate::http::{Call, Reply};
use crate::service::{documents, removal};
use crate::App;

pub async fn list(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (limit, cursor) = page_params(call)?;
    let matter = call.param("matterId");
    Reply::ok(documents::list_documents(app, matter, limit, cursor.as_deref()).await?)
}

pub async fn register(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let matter = call.param("matterId");
    let upload = documents::register_firm_document(app, staff, matter, call.body()?).await?;
    Reply::json(201, upload)
}

pub async fn delete(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, document) = (call.param("matterId"), call.param("documentId"));
    removal::delete_document(app, staff, matter, document).await?;
    Reply::no_content()
}
