//! Deleting a document from the matter: it leaves every portal, its bytes and its record go.
//! A delete that stopped halfway is finished by repeating it or, after a grace period, by the
//! sweep (`attach-upload` runs it on a schedule), with the same steps.

use super::{documents, unsharing, versions};
use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::records::{DeletionRecord, DocumentRecord, DocumentStatus};
use crate::{clock, validate, App};
use serde::Serialize;
use std::time::Duration;

/// Deletes one sweep finishes at most, so that a run stays well inside the function's
/// timeout; the rest wait for the next run (every few minutes).
const SWEEP_BATCH: usize = 50;

/// Marked first (with its deletion marker), so that no new share or link can start; a retry
/// after a failure, or the sweep, finishes the rest.
pub async fn delete_document(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    document_id: &str,
) -> Result<()> {
    let matter_id = validate::id("matterId", matter_id)?;
    let document_id = validate::id("documentId", document_id)?;
    let document = documents::mark_deleting(app, staff, &matter_id, &document_id)
        .await?
        .ok_or_else(|| Error::not_found(format!("document {document_id} in matter {matter_id}")))?;
    finish(app, &document).await
}

/// Every step after the mark; each is safe to repeat.
async fn finish(app: &App, document: &DocumentRecord) -> Result<()> {
    unsharing::remove_all_shares(app, document).await?;
    versions::forget_replaced(app, document).await?;
    app.files.delete(&document.object_key).await?;
    documents::forget(app, document).await
}

/// What one sweep did.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SweepOutcome {
    /// Documents whose delete the sweep finished.
    pub finished: Vec<String>,
    /// Marked less than the grace period ago (perhaps still being deleted by staff), or
    /// beyond this run's batch.
    pub waiting: usize,
    /// Markers whose document was already gone, removed.
    pub stale: usize,
}

/// Finishes every delete marked more than `grace` ago. One document's failure does not stop
/// the others; the sweep then fails (so the invocation is retried and alarmed) with the first.
pub async fn sweep_deletions(app: &App, grace: Duration) -> Result<SweepOutcome> {
    let grace = time::Duration::try_from(grace)
        .map_err(|_| Error::validation("the sweep's grace period is too long"))?;
    let cutoff = clock::now()
        .checked_sub(grace)
        .map(clock::stamp)
        .ok_or_else(|| Error::validation("the sweep's grace period is too long"))?;
    let mut outcome = SweepOutcome::default();
    let mut first_error = None;
    for marker in documents::deletion_markers(app).await? {
        if !due(&marker, &cutoff, outcome.finished.len()) {
            outcome.waiting += 1;
            continue;
        }
        let result = match app
            .table
            .get(&DocumentRecord::key_for(&marker.document_id))
            .await
        {
            Ok(Some(document)) if still_marked(&marker, &document) => {
                finish(app, &document).await.map(|()| {
                    outcome.finished.push(document.document_id);
                })
            }
            // Nothing marked under this id any more: only the marker is left to remove.
            Ok(_) => documents::drop_deletion_marker(app, &marker)
                .await
                .map(|()| outcome.stale += 1),
            Err(err) => Err(err),
        };
        if let Err(err) = result {
            tracing::error!(error = %err.chain(), document = %marker.document_id, "sweep could not finish a delete");
            first_error.get_or_insert(err);
        }
    }
    tracing::info!(
        finished = outcome.finished.len(),
        waiting = outcome.waiting,
        stale = outcome.stale,
        "deletion sweep"
    );
    match first_error {
        Some(err) => Err(err),
        None => Ok(outcome),
    }
}

/// Whether the sweep finishes this marker's delete in this run: marked before the cutoff,
/// and room left in the run's batch.
fn due(marker: &DeletionRecord, cutoff: &str, finished: usize) -> bool {
    marker.marked_at.as_str() <= cutoff && finished < SWEEP_BATCH
}

/// Whether the document a marker names is still the one being deleted (not a new document
/// under a reused id, nor one already gone).
fn still_marked(marker: &DeletionRecord, document: &DocumentRecord) -> bool {
    document.status == DocumentStatus::Deleting && document.matter_id == marker.matter_id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::document;

    fn marker(at: &str) -> DeletionRecord {
        DeletionRecord {
            document_id: "d".into(),
            matter_id: "m".into(),
            marked_at: at.into(),
        }
    }

    #[test]
    fn a_delete_is_swept_after_its_grace_while_the_batch_has_room() {
        assert!(due(&marker("2026-01-01"), "2026-01-02", 0));
        assert!(due(&marker("2026-01-02"), "2026-01-02", 0));
        assert!(
            !due(&marker("2026-01-03"), "2026-01-02", 0),
            "staff may still be at it"
        );
        assert!(!due(&marker("2026-01-01"), "2026-01-02", SWEEP_BATCH));
    }

    #[test]
    fn only_a_document_still_marked_in_its_matter_is_finished() {
        let mut d = document("d", "m");
        assert!(
            !still_marked(&marker("t"), &d),
            "available: not being deleted"
        );
        d.status = DocumentStatus::Deleting;
        assert!(still_marked(&marker("t"), &d));
        d.matter_id = "other".into();
        assert!(!still_marked(&marker("t"), &d));
    }
}
