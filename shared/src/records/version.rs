//! A version of a document that a newer one replaced. The document record itself always
//! holds the current version's facts (so shares, links and lists read one record); each
//! version it replaces is kept here, its bytes at their own key, never changed.

use super::document::{document_partition, DocumentRecord};
use super::Person;
use crate::store::{Key, Query, Stored};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionRecord {
    pub document_id: String,
    pub matter_id: String,
    pub number: u32,
    pub size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    pub object_key: String,
    pub uploaded_by: Person,
    pub uploaded_at: String,
}

const VERSION_PREFIX: &str = "VERSION#";

impl VersionRecord {
    /// The version `document` holds now, as it is kept once a newer one replaces it.
    pub fn current_of(document: &DocumentRecord) -> Self {
        Self {
            document_id: document.document_id.clone(),
            matter_id: document.matter_id.clone(),
            number: document.version,
            size: document.size,
            sha256: document.sha256.clone(),
            object_key: document.object_key.clone(),
            uploaded_by: document.version_uploader().clone(),
            uploaded_at: document.version_uploaded_at().to_string(),
        }
    }

    pub fn key_for(document_id: &str, number: u32) -> Key<Self> {
        // Zero-padded so that the sort key orders versions by number.
        Key::new(
            document_partition(document_id),
            format!("{VERSION_PREFIX}{number:06}"),
        )
    }

    /// The versions a document replaced, oldest first.
    pub fn of_document(document_id: &str) -> Query<Self> {
        Query::table(document_partition(document_id), VERSION_PREFIX)
    }
}

impl Stored for VersionRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.document_id, self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::{document, person};

    #[test]
    fn a_replaced_version_keeps_its_bytes_and_who_added_them() {
        let mut d = document("d1", "m1");
        d.sha256 = Some("digest".into());
        let first = VersionRecord::current_of(&d);
        assert_eq!((first.number, first.size), (1, 1));
        assert_eq!(first.object_key, "matters/m1/uploads/d1");
        assert_eq!(
            first.uploaded_by, d.author,
            "version 1 is the author's upload"
        );
        assert_eq!(first.uploaded_at, d.created_at);
        let second = d.with_new_version(
            2,
            "matters/m1/uploads/u2",
            Some("digest2".into()),
            person("sam"),
            "t2",
        );
        let kept = VersionRecord::current_of(&second);
        assert_eq!((kept.number, kept.size), (2, 2));
        assert_eq!(kept.uploaded_by, person("sam"));
        assert_eq!(kept.uploaded_at, "t2");
        assert!(
            VersionRecord::key_for("d1", 2).sk < VersionRecord::key_for("d1", 10).sk,
            "by number"
        );
    }
}
