//! A document marked `deleting`: written with the mark, removed with the document, so that
//! the sweep finishes a delete that failed halfway.

use super::document::DOCUMENT_PREFIX;
use crate::store::{Key, Query, Stored};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeletionRecord {
    pub document_id: String,
    pub matter_id: String,
    pub marked_at: String,
}

/// One partition holding a marker per document marked `deleting`, so that the sweep finds
/// every unfinished delete with one strongly consistent query (an index could not be read
/// consistently). A firm deletes a few documents a minute at most: one partition is plenty.
const DELETIONS: &str = "SWEEP#deletions";

impl DeletionRecord {
    pub fn key_for(document_id: &str) -> Key<Self> {
        Key::new(DELETIONS, format!("{DOCUMENT_PREFIX}{document_id}"))
    }

    /// Every marker, read strongly consistently.
    pub fn all() -> Query<Self> {
        Query::table(DELETIONS.into(), DOCUMENT_PREFIX)
    }
}

impl Stored for DeletionRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.document_id)
    }
}
