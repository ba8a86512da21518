//! Deleting a document from the matter: it leaves every portal, its bytes and its record go.

use super::{documents, sharing};
use crate::error::{Error, Result};
use crate::keys::Record;
use crate::{validate, App};

/// Marked first, so that no new share or link can start; a retry after a failure finishes
/// the sweep.
pub async fn delete_document(app: &App, matter_id: &str, document_id: &str) -> Result<()> {
    let matter_id = validate::id("matterId", matter_id)?;
    let document_id = validate::id("documentId", document_id)?;
    let document = documents::mark_deleting(app, &matter_id, &document_id)
        .await?
        .ok_or_else(|| Error::not_found(format!("document {document_id} in matter {matter_id}")))?;
    sharing::remove_all_shares(app, &document).await?;
    app.files.delete(&document.object_key).await?;
    app.table.delete(&document.key()).await
}
