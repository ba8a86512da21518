//! A document of a matter: its facts, where its bytes are, and where it stands.

use super::{attr, matter_partition, stored_words, Person, UploadPurpose, UploadRecord};
use crate::store::layout::GSI2;
use crate::store::{indexed_as, Change, Condition, IndexKey, Key, Query, Stored};
use serde::{Deserialize, Serialize};

stored_words! {
    pub enum DocumentStatus {
        /// Upload URL issued; the object may not exist yet.
        Pending = "pending",
        Available = "available",
        /// Being removed from the matter; shares are being swept.
        Deleting = "deleting",
        /// Its object failed the size, type or content checks and was deleted.
        Rejected = "rejected",
    }
}

stored_words! {
    pub enum Origin {
        Firm = "firm",
        Portal = "portal",
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentRecord {
    pub document_id: String,
    pub matter_id: String,
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
    /// Its bytes' SHA-256 (base64), checked by the trigger; none on documents older than it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    pub status: DocumentStatus,
    pub origin: Origin,
    pub author: Person,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uploaded_by: Option<Person>,
    /// The current version's bytes; versions it replaced are `VersionRecord`s.
    pub object_key: String,
    pub created_at: String,
    pub activity_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection_reason: Option<String>,
    /// The current version's number (1 for the first upload) and, from version 2 on, who
    /// added it and when.
    #[serde(default = "first_version")]
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_by: Option<Person>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_at: Option<String>,
    /// The folder it is in (none: the matter's top level), and that folder's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder_name: Option<String>,
}

/// A record written before versions existed holds version 1.
pub(crate) fn first_version() -> u32 {
    1
}

const DOCUMENT: &str = "DOC";
pub(crate) const DOCUMENT_PREFIX: &str = "DOC#";

pub(crate) fn document_partition(document_id: &str) -> String {
    format!("{DOCUMENT_PREFIX}{document_id}")
}

impl DocumentRecord {
    /// The document an upload becomes, with the upload's id: a firm document's author is
    /// the staff member who uploaded it; a portal upload's is the matter owner (as in the
    /// products this mirrors), with the contact as `uploadedBy`.
    pub fn from_upload(
        upload: &UploadRecord,
        author: Person,
        status: DocumentStatus,
        now: &str,
    ) -> Self {
        let (origin, uploaded_by) = match upload.purpose {
            UploadPurpose::FirmDocument | UploadPurpose::NewVersion => (Origin::Firm, None),
            UploadPurpose::PortalUpload => (Origin::Portal, Some(upload.uploader.clone())),
        };
        Self {
            document_id: upload.upload_id.clone(),
            matter_id: upload.matter_id.clone(),
            file_name: upload.file_name.clone(),
            content_type: upload.content_type.clone(),
            size: upload.size,
            sha256: upload.checksum(),
            status,
            origin,
            author,
            uploaded_by,
            object_key: upload.object_key(),
            created_at: now.into(),
            activity_at: now.into(),
            rejection_reason: None,
            version: 1,
            version_by: None,
            version_at: None,
            folder_id: None,
            folder_name: None,
        }
    }

    /// Who uploaded the current version: for version 1 the contact who uploaded it, or else
    /// its author.
    pub fn version_uploader(&self) -> &Person {
        self.version_by
            .as_ref()
            .or(self.uploaded_by.as_ref())
            .unwrap_or(&self.author)
    }

    pub fn version_uploaded_at(&self) -> &str {
        self.version_at.as_deref().unwrap_or(&self.created_at)
    }

    /// The document once its next version (whose bytes are at `object_key`) is current:
    /// same name, type, shares and history; new bytes.
    pub fn with_new_version(
        &self,
        size: u64,
        object_key: &str,
        sha256: Option<String>,
        by: Person,
        now: &str,
    ) -> Self {
        Self {
            size,
            object_key: object_key.into(),
            sha256,
            version: self.version + 1,
            version_by: Some(by),
            version_at: Some(now.into()),
            activity_at: now.into(),
            ..self.clone()
        }
    }

    /// Holds while it is available in `matter_id` at `version` (a record written before
    /// versions existed is at version 1).
    pub fn available_at_version(matter_id: &str, version: u32) -> Condition {
        let at_version = Condition::equals(attr::VERSION, i64::from(version));
        let at_version = if version == 1 {
            Condition::either(at_version, Condition::missing(attr::VERSION))
        } else {
            at_version
        };
        Self::available_in(matter_id).and(at_version)
    }

    pub fn key_for(document_id: &str) -> Key<Self> {
        Key::new(document_partition(document_id), DOCUMENT)
    }

    /// A matter's documents by creation.
    pub fn in_matter(matter_id: &str) -> Query<Self> {
        Query::index(&GSI2, matter_partition(matter_id), DOCUMENT_PREFIX)
    }

    /// Whether shares and links may reach it now.
    pub fn is_available(&self) -> bool {
        self.status == DocumentStatus::Available
    }

    /// Holds while the document is available in `matter_id`.
    pub fn available_in(matter_id: &str) -> Condition {
        Condition::equals(attr::STATUS, DocumentStatus::Available)
            .and(Condition::equals(attr::MATTER_ID, matter_id))
    }

    /// Into `to` (a folder's id and name; none: out of every folder), while it is available in
    /// `matter_id` and still where it was read (`from`).
    pub fn move_to_folder(matter_id: &str, from: Option<&str>, to: Option<(&str, &str)>) -> Change {
        let change = in_folder(to);
        let was = match from {
            Some(id) => Condition::equals(attr::FOLDER_ID, id),
            None => Condition::missing(attr::FOLDER_ID),
        };
        change.when(Self::available_in(matter_id).and(was))
    }

    /// Its folder's new name, while it is still in that folder.
    pub fn folder_renamed(folder_id: &str, name: &str) -> Change {
        Change::new()
            .set(attr::FOLDER_NAME, name)
            .when(Condition::exists().and(Condition::equals(attr::FOLDER_ID, folder_id)))
    }

    /// Moves it from `from` to `to` (only while it is still at `from`).
    pub fn move_status(from: DocumentStatus, to: DocumentStatus) -> Change {
        Change::new()
            .set(attr::STATUS, to)
            .when(Condition::equals(attr::STATUS, from))
    }
}

/// A record's folder fields set to `folder` (its id and name), or removed (in no folder).
pub(crate) fn in_folder(folder: Option<(&str, &str)>) -> Change {
    match folder {
        Some((id, name)) => Change::new()
            .set(attr::FOLDER_ID, id)
            .set(attr::FOLDER_NAME, name),
        None => Change::new()
            .remove(attr::FOLDER_ID)
            .remove(attr::FOLDER_NAME),
    }
}

impl Stored for DocumentRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.document_id)
    }

    fn index_keys(&self) -> Vec<IndexKey> {
        let in_matter = format!("{DOCUMENT_PREFIX}{}#{}", self.created_at, self.document_id);
        indexed_as(&GSI2, matter_partition(&self.matter_id), in_matter).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::document;

    #[test]
    fn a_portal_upload_becomes_a_portal_document_by_the_owner_uploaded_by_the_contact() {
        let declared = crate::records::upload::Declaration {
            file_name: "a.pdf".into(),
            content_type: "application/pdf".into(),
            size: 5,
            sha256: "digest".into(),
        };
        let contact = crate::records::fixtures::person("c");
        let upload = UploadRecord::new(
            "m",
            UploadPurpose::PortalUpload,
            contact.clone(),
            declared,
            "t0",
            9,
        );
        let owner = crate::records::fixtures::person("owner");
        let d =
            DocumentRecord::from_upload(&upload, owner.clone(), DocumentStatus::Available, "t1");
        assert_eq!(
            (d.document_id.as_str(), d.origin),
            (upload.upload_id.as_str(), Origin::Portal)
        );
        assert_eq!((d.author, d.uploaded_by), (owner, Some(contact)));
        assert_eq!(d.object_key, upload.object_key());
        assert_eq!((d.created_at.as_str(), d.size), ("t1", 5));
        assert_eq!(d.sha256.as_deref(), Some("digest"));
    }

    #[test]
    fn documents_list_in_their_matter_by_creation() {
        let d = document("d1", "m1");
        let indexed = d.index_keys();
        assert_eq!(indexed[0], ("gsi2pk", "MATTER#m1".into()));
        assert!(indexed[1].1.starts_with("DOC#2026-01-01T"));
        assert!(indexed[1].1.ends_with("#d1"));
        assert_eq!(
            DocumentRecord::in_matter("m1").spec().partition,
            "MATTER#m1"
        );
    }
}
