//! Read receipts: who opened a document (how often, when last) and who it is shared with
//! but has not opened it yet. The counts live on each share and move in the transaction that
//! writes the link's event, so they agree with the event log.

use crate::error::{Error, Result};
use crate::records::{DocumentRecord, ShareRecord};
use crate::{validate, App};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reader {
    pub contact_id: String,
    pub contact_name: String,
    pub shared_at: String,
    pub open_count: i64,
    pub last_opened_at: Option<String>,
    pub download_count: i64,
    pub download_limit: Option<i64>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentReaders {
    pub document_id: String,
    /// Opened at least once, most recent first.
    pub opened: Vec<Reader>,
    /// Shared with them, never opened, longest waiting first.
    pub not_opened: Vec<Reader>,
}

impl From<ShareRecord> for Reader {
    fn from(s: ShareRecord) -> Self {
        Self {
            contact_id: s.contact_id,
            contact_name: s.contact_name,
            shared_at: s.shared_at,
            open_count: s.open_count,
            last_opened_at: s.last_opened_at,
            download_count: s.download_count,
            download_limit: s.download_limit,
        }
    }
}

/// Splits a document's shares into opened and not yet opened.
pub fn split(shares: Vec<ShareRecord>) -> (Vec<Reader>, Vec<Reader>) {
    let (mut opened, mut not_opened): (Vec<Reader>, Vec<Reader>) = shares
        .into_iter()
        .map(Reader::from)
        .partition(|r| r.open_count > 0);
    opened.sort_by(|a, b| b.last_opened_at.cmp(&a.last_opened_at));
    not_opened.sort_by(|a, b| a.shared_at.cmp(&b.shared_at));
    (opened, not_opened)
}

pub async fn document_readers(
    app: &App,
    matter_id: &str,
    document_id: &str,
) -> Result<DocumentReaders> {
    let matter_id = validate::id("matterId", matter_id)?;
    let document_id = validate::id("documentId", document_id)?;
    app.table
        .get(&DocumentRecord::key_for(&document_id))
        .await?
        .filter(|d| d.matter_id == matter_id)
        .ok_or_else(|| Error::not_found(format!("document {document_id} in matter {matter_id}")))?;
    let shares = app
        .table
        .query_all(&ShareRecord::of_document(&document_id))
        .await?;
    let (opened, not_opened) = split(shares);
    Ok(DocumentReaders {
        document_id,
        opened,
        not_opened,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::{document, person};

    fn share(contact: &str, shared_at: &str, opened: Option<(i64, &str)>) -> ShareRecord {
        let mut share =
            ShareRecord::new(&document("d", "m"), &person(contact), "s", shared_at, None);
        if let Some((count, at)) = opened {
            share.open_count = count;
            share.last_opened_at = Some(at.into());
        }
        share
    }

    #[test]
    fn opened_come_most_recent_first_and_the_rest_longest_waiting_first() {
        let (opened, not_opened) = split(vec![
            share("a", "1", Some((2, "5"))),
            share("b", "3", None),
            share("c", "1", Some((1, "7"))),
            share("d", "2", None),
        ]);
        let ids = |readers: &[Reader]| -> Vec<String> {
            readers.iter().map(|r| r.contact_id.clone()).collect()
        };
        assert_eq!(ids(&opened), ["c", "a"]);
        assert_eq!(ids(&not_opened), ["d", "b"]);
        assert_eq!(opened[1].open_count, 2);
    }
}
