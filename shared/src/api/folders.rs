//! A matter's folders: list, create, rename, delete, move a document, share and stop sharing.

use crate::auth::Staff;
use crate::error::Result;
use crate::http::{Call, Reply};
use crate::service::folders;
use crate::App;

pub async fn list(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    Reply::ok(folders::list(app, call.param("matterId")).await?)
}

pub async fn create(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let folder = folders::create(app, staff, call.param("matterId"), call.body()?).await?;
    Reply::json(201, folder)
}

pub async fn rename(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, folder) = (call.param("matterId"), call.param("folderId"));
    Reply::ok(folders::rename(app, staff, matter, folder, call.body()?).await?)
}

pub async fn delete(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, folder) = (call.param("matterId"), call.param("folderId"));
    folders::delete(app, staff, matter, folder).await?;
    Reply::no_content()
}

pub async fn move_document(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, document) = (call.param("matterId"), call.param("documentId"));
    Reply::ok(folders::move_document(app, staff, matter, document, call.body()?).await?)
}

pub async fn share(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, folder) = (call.param("matterId"), call.param("folderId"));
    Reply::ok(folders::share(app, staff, matter, folder, call.body()?).await?)
}

pub async fn stop(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, folder) = (call.param("matterId"), call.param("folderId"));
    folders::stop(app, staff, matter, folder, call.param("contactId")).await?;
    Reply::no_content()
}
