//! Folders of a matter (one level: a document is in at most one folder, or in none), what
//! each holds, and the folder shares that make a folder's documents visible to a contact.
//!
//! A folder share is kept as what it is (`FolderShareRecord`) and as the shares it makes:
//! every document in the folder gets a `ShareRecord` for the contact that names the folder
//! (`viaFolder`), so the portal's list stays the one query it is (2 DynamoDB calls with the
//! session's read) and links, counts and limits work per document as before.

use super::{attr, matter_partition, Person};
use crate::store::{Change, Condition, Key, Query, Stored};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FolderRecord {
    pub folder_id: String,
    pub matter_id: String,
    pub name: String,
    pub created_at: String,
    pub created_by: Person,
    /// Documents in it: a folder is deleted only when empty.
    #[serde(default)]
    pub document_count: i64,
}

const FOLDER_PREFIX: &str = "FOLDER#";
const FOLDER_SHARE_PREFIX: &str = "FSHARE#";
const ENTRY_PREFIX: &str = "DOC#";

fn folder_partition(folder_id: &str) -> String {
    format!("{FOLDER_PREFIX}{folder_id}")
}

impl FolderRecord {
    pub fn key_for(matter_id: &str, folder_id: &str) -> Key<Self> {
        Key::new(matter_partition(matter_id), folder_partition(folder_id))
    }

    /// A matter's folders (by id; the pages sort them by name).
    pub fn in_matter(matter_id: &str) -> Query<Self> {
        Query::table(matter_partition(matter_id), FOLDER_PREFIX)
    }

    /// One more or one fewer document in it, while it exists.
    pub fn count_documents(delta: i64) -> Change {
        Change::new()
            .add(attr::DOCUMENT_COUNT, delta)
            .when(Condition::exists())
    }

    /// Holds while it holds no document.
    pub fn empty() -> Condition {
        Condition::either(
            Condition::missing(attr::DOCUMENT_COUNT),
            Condition::equals(attr::DOCUMENT_COUNT, 0),
        )
    }
}

impl Stored for FolderRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.matter_id, &self.folder_id)
    }
}

/// A folder shared with a contact: its documents, now and later, are shared with them under
/// this share's download limit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FolderShareRecord {
    pub folder_id: String,
    pub matter_id: String,
    pub contact_id: String,
    pub contact_name: String,
    pub shared_at: String,
    pub shared_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub download_limit: Option<i64>,
}

impl FolderShareRecord {
    pub fn key_for(matter_id: &str, folder_id: &str, contact_id: &str) -> Key<Self> {
        Key::new(
            matter_partition(matter_id),
            format!("{FOLDER_SHARE_PREFIX}{folder_id}#{contact_id}"),
        )
    }

    /// Every folder share of a matter.
    pub fn in_matter(matter_id: &str) -> Query<Self> {
        Query::table(matter_partition(matter_id), FOLDER_SHARE_PREFIX)
    }

    /// One folder's shares.
    pub fn of_folder(matter_id: &str, folder_id: &str) -> Query<Self> {
        Query::table(
            matter_partition(matter_id),
            format!("{FOLDER_SHARE_PREFIX}{folder_id}#"),
        )
    }
}

impl Stored for FolderShareRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.matter_id, &self.folder_id, &self.contact_id)
    }
}

/// A document in a folder, kept under the folder so that its documents are one query.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FolderEntryRecord {
    pub folder_id: String,
    pub matter_id: String,
    pub document_id: String,
}

impl FolderEntryRecord {
    pub fn key_for(folder_id: &str, document_id: &str) -> Key<Self> {
        Key::new(
            folder_partition(folder_id),
            format!("{ENTRY_PREFIX}{document_id}"),
        )
    }

    pub fn of_folder(folder_id: &str) -> Query<Self> {
        Query::table(folder_partition(folder_id), ENTRY_PREFIX)
    }
}

impl Stored for FolderEntryRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.folder_id, &self.document_id)
    }
}
