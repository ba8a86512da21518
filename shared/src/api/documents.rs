//! Matter documents: list, register a firm upload or a new version, versions, delete.

use super::page_params;
use crate::auth::Staff;
use crate::error::Result;
use crate::http::{Call, Reply};
use crate::service::portal::LinkInput;
use crate::service::{documents, removal, uploads, versions};
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

pub async fn new_version(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, document) = (call.param("matterId"), call.param("documentId"));
    let upload =
        documents::register_new_version(app, staff, matter, document, call.body()?).await?;
    Reply::json(201, upload)
}

pub async fn versions(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, document) = (call.param("matterId"), call.param("documentId"));
    let items = versions::list(app, matter, document).await?;
    Reply::ok(serde_json::json!({ "items": items }))
}

pub async fn version_link(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, document) = (call.param("matterId"), call.param("documentId"));
    let input: LinkInput = call.body()?;
    let (url, expires_at) = versions::link(
        app,
        matter,
        document,
        call.param("version"),
        &input.disposition,
    )
    .await?;
    Reply::ok(serde_json::json!({ "url": url, "expiresAt": expires_at }))
}

pub async fn upload_status(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, upload) = (call.param("matterId"), call.param("uploadId"));
    Reply::ok(uploads::staff_upload_status(app, matter, upload).await?)
}
