//! An upload intent: what an uploader declared before sending the bytes, and what became of
//! them. Every upload, a firm document or a contact's, is one; its bytes always land at the
//! key it names, which only the service issues.

use super::{attr, stored_words, Person};
use crate::store::layout::GSI2;
use crate::store::{indexed_as, Change, Condition, IndexKey, Key, Query, Stored};
use serde::{Deserialize, Serialize};

stored_words! {
    pub enum UploadStatus {
        /// URL issued, object not seen yet.
        Pending = "pending",
        /// The object passed the checks and is a document of the matter.
        Attached = "attached",
        /// The object failed the checks and was deleted.
        Rejected = "rejected",
    }
}

stored_words! {
    /// What an accepted upload becomes.
    pub enum UploadPurpose {
        /// A firm document, listed as pending from the moment it was declared.
        FirmDocument = "firmDocument",
        /// A contact's upload: a Document (Portal) of the matter, shared back with them.
        PortalUpload = "portalUpload",
        /// The next version of a document (`documentId`), by staff.
        NewVersion = "newVersion",
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadRecord {
    /// Also the id of the document it becomes.
    pub upload_id: String,
    pub matter_id: String,
    pub purpose: UploadPurpose,
    pub uploader: Person,
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
    /// The SHA-256 (base64) its PUT was signed with; the trigger checks the bytes against it.
    #[serde(default)]
    pub sha256: String,
    pub status: UploadStatus,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection_reason: Option<String>,
    /// The document a new version is for; else the upload becomes a document of its own id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<String>,
    /// The contact's task this upload is the document of: accepted, it completes the task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_id: Option<String>,
    /// Since when its bytes, checked, wait for the malware scan's verdict (GuardDuty): while
    /// pending, in the index the sweep reads to look for a verdict that never came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awaiting_scan_since: Option<String>,
    /// DynamoDB TTL: an intent outlives its URL (at most 900 s) by a day, long enough for
    /// repeated events and status reads.
    pub expires_at_epoch: i64,
}

const UPLOAD: &str = "UPLOAD";
/// The index partition of uploads waiting for a malware verdict, by since when.
const AWAITING_SCAN: &str = "UPLOADS#AWAITING_SCAN";

/// What an uploader declared, checked: the name it is kept under, its type and size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
    pub sha256: String,
}

impl UploadRecord {
    /// A new pending intent with a fresh id, kept until `expires_at_epoch`.
    pub fn new(
        matter_id: &str,
        purpose: UploadPurpose,
        uploader: Person,
        declared: Declaration,
        now: &str,
        expires_at_epoch: i64,
    ) -> Self {
        Self {
            upload_id: super::new_id(),
            matter_id: matter_id.into(),
            purpose,
            uploader,
            file_name: declared.file_name,
            content_type: declared.content_type,
            size: declared.size,
            sha256: declared.sha256,
            status: UploadStatus::Pending,
            created_at: now.into(),
            rejection_reason: None,
            document_id: None,
            task_id: None,
            awaiting_scan_since: None,
            expires_at_epoch,
        }
    }

    /// The SHA-256 it was declared with (none on an intent older than checksums).
    pub fn checksum(&self) -> Option<String> {
        Some(self.sha256.clone()).filter(|s| !s.is_empty())
    }

    /// The document its bytes are (or will be) part of.
    pub fn document_id(&self) -> &str {
        self.document_id.as_deref().unwrap_or(&self.upload_id)
    }

    pub fn key_for(upload_id: &str) -> Key<Self> {
        Key::new(format!("{UPLOAD}#{upload_id}"), UPLOAD)
    }

    /// Where its bytes land: server-generated, never the user's file name.
    pub fn object_key(&self) -> String {
        object_key(&self.matter_id, &self.upload_id)
    }

    /// Uploads that have waited for a malware verdict since `before` (a stamp) or earlier.
    pub fn awaiting_scan_since(before: &str) -> Query<Self> {
        Query::index_until(&GSI2, AWAITING_SCAN.into(), format!("{before}~"))
    }

    /// pending -> attached, once (and out of the awaiting-scan index).
    pub fn attach() -> Change {
        Change::new()
            .set(attr::STATUS, UploadStatus::Attached)
            .remove(GSI2.partition)
            .remove(GSI2.sort)
            .when(Condition::equals(attr::STATUS, UploadStatus::Pending))
    }

    /// pending -> rejected with its reason, once (and out of the awaiting-scan index).
    pub fn reject(reason: &str) -> Change {
        Change::new()
            .set(attr::STATUS, UploadStatus::Rejected)
            .set(attr::REJECTION_REASON, reason)
            .remove(GSI2.partition)
            .remove(GSI2.sort)
            .when(Condition::equals(attr::STATUS, UploadStatus::Pending))
    }
}

impl Stored for UploadRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.upload_id)
    }

    fn index_keys(&self) -> Vec<IndexKey> {
        match (&self.status, &self.awaiting_scan_since) {
            (UploadStatus::Pending, Some(since)) => {
                let sort = format!("{since}#{}", self.upload_id);
                indexed_as(&GSI2, AWAITING_SCAN.into(), sort).to_vec()
            }
            _ => Vec::new(),
        }
    }
}

/// The object key of an upload.
pub fn object_key(matter_id: &str, upload_id: &str) -> String {
    format!("matters/{matter_id}/uploads/{upload_id}")
}

/// The matter and upload an object key this service issued stands for; anything else is
/// `None`.
pub fn parse_object_key(key: &str) -> Option<(String, String)> {
    let valid = |s: &str| crate::validate::id("key", s).is_ok();
    match key.split('/').collect::<Vec<_>>().as_slice() {
        ["matters", m, "uploads", u] if valid(m) && valid(u) => {
            Some((m.to_string(), u.to_string()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_keys_are_server_generated_and_parse_back() {
        assert_eq!(object_key("m1", "u1"), "matters/m1/uploads/u1");
        assert_eq!(
            parse_object_key(&object_key("m1", "u1")),
            Some(("m1".into(), "u1".into()))
        );
        for other in [
            "",
            "matters/m1",
            "matters/m 1/uploads/u",
            "matters/m/documents/d",
            "quarantine/matters/m/uploads/u",
            "matters/m/uploads/u/x",
        ] {
            assert_eq!(parse_object_key(other), None, "{other}");
        }
    }

    #[test]
    fn only_a_pending_upload_awaiting_its_verdict_is_indexed_and_settling_leaves_the_index() {
        let declared = Declaration {
            file_name: "a.pdf".into(),
            content_type: "application/pdf".into(),
            size: 1,
            sha256: String::new(),
        };
        let person = crate::records::fixtures::person("c1");
        let mut upload =
            UploadRecord::new("m", UploadPurpose::PortalUpload, person, declared, "t", 0);
        assert!(upload.index_keys().is_empty(), "not waiting");
        upload.awaiting_scan_since = Some("2026-12-04T09:00:00.000000Z".into());
        let keys = upload.index_keys();
        let sort = format!("2026-12-04T09:00:00.000000Z#{}", upload.upload_id);
        assert!(keys.contains(&("gsi2sk", sort.clone())), "{keys:?}");
        let due = UploadRecord::awaiting_scan_since("2026-12-04T09:00:00.000000Z");
        assert!(sort <= due.spec().sort_at_most.clone().unwrap_or_default());
        let early = UploadRecord::awaiting_scan_since("2026-12-04T08:59:59.999999Z");
        assert!(sort > early.spec().sort_at_most.clone().unwrap_or_default());
        upload.status = UploadStatus::Attached;
        assert!(upload.index_keys().is_empty(), "settled");
        for change in [UploadRecord::attach(), UploadRecord::reject("r")] {
            let text = format!("{change:?}");
            assert!(text.contains("gsi2pk") && text.contains("gsi2sk"), "{text}");
        }
    }
}
