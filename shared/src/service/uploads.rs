//! Contacts' uploads: declared through the pipeline (`intake`) for a matter the contact may
//! reach, and where each stands.

use super::intake::{self, UploadInput};
use super::sessions::Contact;
use super::tasks;
use crate::error::{Error, Result};
use crate::records::{TaskRecord, UploadPurpose, UploadRecord, UploadStatus};
use crate::{validate, App};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadIntentView {
    pub upload_id: String,
    pub url: String,
    pub method: &'static str,
    pub headers: BTreeMap<String, String>,
    pub expires_at: String,
}

/// A presigned PUT for a contact with active access to the matter, and the intent the
/// trigger will hold the object to.
pub async fn request_upload(
    app: &App,
    contact: &Contact,
    matter_id: &str,
    input: UploadInput,
) -> Result<UploadIntentView> {
    let matter_id = validate::id("matterId", matter_id)?;
    let grant = contact
        .grant_on(&matter_id)
        .ok_or_else(|| Error::not_found(format!("matter {matter_id}")))?;
    if let Some(task_id) = &input.task_id {
        let task = tasks::own_task(app, contact, &matter_id, task_id).await?;
        for_task(&task)?;
    }
    let declared = intake::declare(
        app,
        &matter_id,
        UploadPurpose::PortalUpload,
        grant.contact(),
        input,
    )
    .await?;
    Ok(UploadIntentView {
        upload_id: declared.upload_id,
        url: declared.url,
        method: "PUT",
        headers: declared.headers,
        expires_at: declared.expires_at,
    })
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadStatusView {
    pub upload_id: String,
    pub status: UploadStatus,
    pub rejection_reason: Option<String>,
    /// The document it became, once attached (the upload id is kept as the document id).
    pub document_id: Option<String>,
    /// The SHA-256 (base64) its bytes were signed and checked against.
    pub sha256: String,
}

/// Only an open task that asks for a document takes an upload.
fn for_task(task: &TaskRecord) -> Result<()> {
    if !task.is_open() {
        return Err(Error::Conflict(format!(
            "“{}” is already done: upload the document without the task",
            task.title
        )));
    }
    if task.document_wanted.is_none() {
        return Err(Error::validation(format!(
            "“{}” asks for no document: mark it done instead",
            task.title
        )));
    }
    Ok(())
}

/// Where the contact's own upload stands: still pending, attached, or rejected and why.
/// Anyone else's upload, or one on another matter, is not found.
pub async fn upload_status(
    app: &App,
    contact: &Contact,
    matter_id: &str,
    upload_id: &str,
) -> Result<UploadStatusView> {
    let matter_id = validate::id("matterId", matter_id)?;
    let upload_id = validate::id("uploadId", upload_id)?;
    let not_found = || Error::not_found(format!("upload {upload_id}"));
    contact.grant_on(&matter_id).ok_or_else(not_found)?;
    app.table
        .get(&UploadRecord::key_for(&upload_id))
        .await?
        .filter(|intent| is_own(intent, &contact.id, &matter_id))
        .map(UploadStatusView::from)
        .ok_or_else(not_found)
}

/// Where any upload into the matter stands, for staff (a firm document's or a new version's
/// console polls it).
pub async fn staff_upload_status(
    app: &App,
    matter_id: &str,
    upload_id: &str,
) -> Result<UploadStatusView> {
    let matter_id = validate::id("matterId", matter_id)?;
    let upload_id = validate::id("uploadId", upload_id)?;
    app.table
        .get(&UploadRecord::key_for(&upload_id))
        .await?
        .filter(|intent| intent.matter_id == matter_id)
        .map(UploadStatusView::from)
        .ok_or_else(|| Error::not_found(format!("upload {upload_id} in matter {matter_id}")))
}

/// A contact sees their own uploads into the matter asked about, nothing else.
fn is_own(intent: &UploadRecord, contact_id: &str, matter_id: &str) -> bool {
    intent.purpose == UploadPurpose::PortalUpload
        && intent.matter_id == matter_id
        && intent.uploader.id == contact_id
}

impl From<UploadRecord> for UploadStatusView {
    fn from(intent: UploadRecord) -> Self {
        Self {
            document_id: (intent.status == UploadStatus::Attached)
                .then(|| intent.document_id().to_string()),
            upload_id: intent.upload_id,
            sha256: intent.sha256,
            status: intent.status,
            rejection_reason: intent.rejection_reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::person;
    use crate::records::Declaration;

    fn intent(purpose: UploadPurpose) -> UploadRecord {
        let declared = Declaration {
            file_name: "a.pdf".into(),
            content_type: "application/pdf".into(),
            size: 1,
            sha256: "digest".into(),
        };
        UploadRecord::new("m", purpose, person("c"), declared, "t", 1)
    }

    #[test]
    fn a_contact_sees_only_their_own_uploads_into_that_matter() {
        let mine = intent(UploadPurpose::PortalUpload);
        assert!(is_own(&mine, "c", "m"));
        assert!(!is_own(&mine, "c2", "m"));
        assert!(!is_own(&mine, "c", "m2"));
        assert!(!is_own(&intent(UploadPurpose::FirmDocument), "c", "m"));
    }

    #[test]
    fn only_an_open_task_asking_for_a_document_takes_an_upload() {
        let mut task = crate::records::fixtures::task("t1", "m", "c");
        task.document_wanted = Some("Signed letter".into());
        assert!(for_task(&task).is_ok());
        task.document_wanted = None;
        assert_eq!(for_task(&task).map_err(|e| e.status()), Err(400));
        task.document_wanted = Some("Signed letter".into());
        task.status = crate::records::TaskState::Done;
        assert_eq!(for_task(&task).map_err(|e| e.status()), Err(409));
    }

    #[test]
    fn an_attached_upload_names_its_document() {
        let mut attached = intent(UploadPurpose::PortalUpload);
        assert_eq!(UploadStatusView::from(attached.clone()).document_id, None);
        attached.status = UploadStatus::Attached;
        let view = UploadStatusView::from(attached.clone());
        assert_eq!(view.document_id, Some(attached.upload_id));
    }
}
