//! Stopping shares: one document with one contact (staff's "Stop sharing"), and every share
//! of a document that is being deleted, each with the contact's shared count.

use super::conversations;
use super::events::{self, Event};
use super::tally;
use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::records::{attr, AccessRecord, DocumentRecord, EventType, ShareRecord, Tally};
use crate::store::{Change, Condition, Stored, Transacted, Transaction};
use crate::{validate, App};

/// A stop-share cancelled by a concurrent writer is read and tried again this many times.
const STOP_ATTEMPTS: usize = 3;
/// Shares removed per transaction when a document is deleted (two items each, 100 max).
const SWEEP_CHUNK: usize = 50;
/// A concurrent stop-share can cancel a sweep transaction; it is re-read and retried.
const SWEEP_ATTEMPTS: usize = 5;

/// Removes one share inside a transaction, only if it still exists, with its count.
/// Answers the position of the share's delete.
pub(crate) fn remove_share(transaction: &mut Transaction, share: &ShareRecord) -> Result<usize> {
    let removed = transaction.delete(&share.key(), Some(Condition::exists()))?;
    transaction.update(
        &AccessRecord::key_for(&share.matter_id, &share.contact_id),
        one_share_fewer(),
    )?;
    Ok(removed)
}

/// The grant counts one share fewer; a grant already gone (revoked and removed) is not
/// written back into existence by the count.
fn one_share_fewer() -> Change {
    Change::new()
        .add(attr::SHARED_COUNT, -1)
        .when(Condition::exists())
}

/// Stops sharing one document with one contact; the document stays in the matter.
pub async fn stop_share(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    document_id: &str,
    contact_id: &str,
) -> Result<()> {
    let matter_id = validate::id("matterId", matter_id)?;
    let document_id = validate::id("documentId", document_id)?;
    let contact_id = validate::id("contactId", contact_id)?;
    let not_found = || {
        Error::not_found(format!(
            "share of document {document_id} with contact {contact_id}"
        ))
    };
    // Not found means the share is really not there: a cancelled transaction is read again.
    for _ in 0..STOP_ATTEMPTS {
        let share = app
            .table
            .get(&ShareRecord::key_for(&document_id, &contact_id))
            .await?
            .filter(|s| s.matter_id == matter_id)
            .ok_or_else(not_found)?;
        if let Some(folder_id) = share.via_folder.as_deref() {
            return stop_direct_share_of_folder_document(app, staff, &share, folder_id).await;
        }
        if share.in_messages {
            conversations::mark_attachment_removed(app, &matter_id, &contact_id, &document_id)
                .await?;
        }
        let mut transaction = app.table.transaction();
        let removed = remove_share(&mut transaction, &share)?;
        let event = Event::new(EventType::ShareStopped, staff.actor())
            .contact(&share.contact_id, &share.contact_name)
            .document(&share.document_id, &share.document.file_name);
        events::add(&mut transaction, &share.matter_id, event)?;
        tally::note(&mut transaction, &share.matter_id, Tally::NONE)?;
        match app.table.commit(transaction).await? {
            Transacted::Committed => return Ok(()),
            // Gone meanwhile (the next read says 404), or another writer in the way.
            Transacted::Cancelled(c) if c.failed_condition(removed) || c.conflicted() => continue,
            Transacted::Cancelled(c) => {
                return Err(Error::upstream(
                    "DynamoDB TransactWriteItems (stop share)",
                    c,
                ))
            }
        }
    }
    Err(Error::Conflict(
        "this share was changing while being stopped; try again".into(),
    ))
}

/// A document the contact also has through a folder share stays while that share does: only
/// its direct share ends. One the contact has only through the folder is stopped with the
/// folder share (409 says so).
async fn stop_direct_share_of_folder_document(
    app: &App,
    staff: &Staff,
    share: &ShareRecord,
    folder_id: &str,
) -> Result<()> {
    let folder = share
        .document
        .folder_name
        .as_deref()
        .unwrap_or("its folder");
    if !share.direct {
        return Err(Error::Conflict(format!(
            "{} is shared with {} through the folder {folder}: stop the folder share instead",
            share.document.file_name, share.contact_name
        )));
    }
    let mut transaction = app.table.transaction();
    transaction.update(&share.key(), ShareRecord::unmark_direct(folder_id))?;
    let event = Event::new(EventType::ShareStopped, staff.actor())
        .contact(&share.contact_id, &share.contact_name)
        .document(&share.document_id, &share.document.file_name)
        .detail(format!("still shared through the folder {folder}"));
    events::add(&mut transaction, &share.matter_id, event)?;
    match app.table.commit(transaction).await? {
        Transacted::Committed => Ok(()),
        Transacted::Cancelled(c) if c.any_failed_condition() || c.conflicted() => Err(
            Error::Conflict("this share was changing while being stopped; try again".into()),
        ),
        Transacted::Cancelled(c) => Err(Error::upstream(
            "DynamoDB TransactWriteItems (stop direct share)",
            c,
        )),
    }
}

/// Removes every share of a document being deleted, each with its count.
pub async fn remove_all_shares(app: &App, document: &DocumentRecord) -> Result<()> {
    let of_document = ShareRecord::of_document(&document.document_id);
    for _ in 0..SWEEP_ATTEMPTS {
        let shares = app.table.query_all(&of_document).await?;
        if shares.is_empty() {
            return Ok(());
        }
        for share in shares.iter().filter(|s| s.in_messages) {
            conversations::mark_attachment_removed(
                app,
                &share.matter_id,
                &share.contact_id,
                &document.document_id,
            )
            .await?;
        }
        let mut cancelled = false;
        for chunk in shares.chunks(SWEEP_CHUNK) {
            let mut transaction = app.table.transaction();
            for share in chunk {
                remove_share(&mut transaction, share)?;
            }
            cancelled |= matches!(
                app.table.commit(transaction).await?,
                Transacted::Cancelled(_)
            );
        }
        if !cancelled {
            return Ok(());
        }
    }
    Err(Error::Conflict(
        "the document's shares kept changing; try again".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stopped_share_takes_one_from_the_grant_only_while_the_grant_exists() {
        let text = format!("{:?}", one_share_fewer());
        assert!(
            text.contains(r#"("sharedCount", Value(N("-1")))"#) && text.contains("ItemExists"),
            "{text}"
        );
    }
}
