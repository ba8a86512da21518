//! A matter's tally: how many contacts and documents it has and when anything last happened,
//! kept on one item beside its settings so that the console's matter list reads one item per
//! matter whatever the matter holds. Every change that moves a count or is activity (a grant,
//! a revoke, an address or terms change, a sign-in, a document added, accepted or deleted, a
//! share or a stop) adds [`note`] to its own transaction, so the tally moves exactly when the
//! change commits.
//!
//! A recount takes the counts from the records again and repairs any drift (a matter from
//! before tallies, a bug); the scheduled sweep recounts a few matters each run, in turn. It
//! reads the tally first and writes only over that version, so a change committed while it
//! read makes it try again instead of being lost; and it leaves alone a matter changed in the
//! last `settle`, whose index entries (a new document's, say) may not be readable yet.

use crate::error::{Error, Result};
use crate::records::{AccessRecord, DocumentRecord, MatterRecord, MatterTallyRecord, Tally};
use crate::store::{Key, Transaction};
use crate::{clock, App};
use serde::Serialize;
use std::collections::HashMap;
use std::time::Duration;

/// A tally changed more recently than this is left to a later recount: the index a recount
/// reads documents from is eventually consistent, and is current well within a minute.
pub const SETTLE: Duration = Duration::from_secs(60);
/// Matters one sweep recounts (five reads each, a few more for a big matter's documents).
pub const RECOUNT_BATCH: usize = 25;
/// A recount that keeps meeting changes gives up for this run.
const RECOUNT_ATTEMPTS: usize = 3;

/// Adds a change's effect on its matter's tally to `transaction`. Once per matter per
/// transaction: DynamoDB refuses two operations on one item.
pub fn note(transaction: &mut Transaction, matter_id: &str, tally: Tally) -> Result<usize> {
    let now = clock::stamp(clock::now());
    transaction.update(
        &MatterTallyRecord::key_for(matter_id),
        MatterTallyRecord::change(matter_id, tally, &now),
    )
}

/// The tallies of `matters`, in one batch read; a matter with none is absent.
pub async fn read(app: &App, matters: &[&str]) -> Result<HashMap<String, MatterTallyRecord>> {
    let keys: Vec<Key<MatterTallyRecord>> = matters
        .iter()
        .map(|m| MatterTallyRecord::key_for(m))
        .collect();
    Ok(app
        .table
        .batch_get(&keys)
        .await?
        .into_iter()
        .map(|t| (t.matter_id.clone(), t))
        .collect())
}

/// The tally the records say: live grants, document records, and the newest of the stored
/// activity, a grant, a last visit and a document's activity. Pure.
pub fn counted(
    before: &MatterTallyRecord,
    grants: &[AccessRecord],
    documents: u64,
    newest: Option<&DocumentRecord>,
    now: &str,
) -> MatterTallyRecord {
    let last_activity_at = grants
        .iter()
        .flat_map(|g| [Some(&g.granted_at), g.last_seen_at.as_ref()])
        .flatten()
        .chain(newest.map(|d| &d.activity_at))
        .chain(before.last_activity_at.as_ref())
        .max()
        .cloned();
    MatterTallyRecord {
        matter_id: before.matter_id.clone(),
        contacts: grants.iter().filter(|g| g.is_active()).count() as i64,
        documents: i64::try_from(documents).unwrap_or(i64::MAX),
        last_activity_at,
        version: before.version + 1,
        counted_at: Some(now.into()),
    }
}

/// Whether a recount may trust the index now: nothing changed the tally within `settle`.
pub fn settled(tally: &MatterTallyRecord, settle: Duration, now: time::OffsetDateTime) -> bool {
    let Some(changed) = tally
        .last_activity_at
        .as_deref()
        .and_then(clock::parse_stamp)
    else {
        return true;
    };
    changed + settle <= now
}

/// The tally `before` should be, from the records now (reads only: the matter list, which
/// only reads, counts a matter from before tallies this way and leaves the write to the sweep).
pub async fn count_now(app: &App, before: &MatterTallyRecord) -> Result<MatterTallyRecord> {
    let matter_id = before.matter_id.as_str();
    let grants = AccessRecord::of_matter(matter_id);
    let documents = DocumentRecord::in_matter(matter_id);
    let newest = documents.clone().descending();
    let (grants, document_count, newest) = tokio::try_join!(
        app.table.query_all(&grants),
        app.table.count(&documents),
        app.table.query_page(&newest, 1, None),
    )?;
    Ok(counted(
        before,
        &grants,
        document_count,
        newest.items.first(),
        &clock::stamp(clock::now()),
    ))
}

/// What one recount did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "outcome")]
pub enum Recount {
    /// The tally was right.
    Unchanged,
    /// The tally was wrong (or missing, or never counted) and now holds the records' counts.
    Repaired {
        contacts: (i64, i64),
        documents: (i64, i64),
    },
    /// Changed within the settle time, or kept changing while read: left for a later run.
    Busy,
}

/// Counts `matter_id`'s records again and repairs its tally if it drifted.
pub async fn recount(app: &App, matter_id: &str, settle: Duration) -> Result<Recount> {
    let key = MatterTallyRecord::key_for(matter_id);
    for _ in 0..RECOUNT_ATTEMPTS {
        let before = app
            .table
            .get(&key)
            .await?
            .unwrap_or_else(|| MatterTallyRecord {
                matter_id: matter_id.into(),
                ..MatterTallyRecord::default()
            });
        let now = clock::now();
        if !settled(&before, settle, now) {
            return Ok(Recount::Busy);
        }
        let after = count_now(app, &before).await?;
        let right = before.is_counted()
            && (before.contacts, before.documents) == (after.contacts, after.documents);
        if right {
            return Ok(Recount::Unchanged);
        }
        if app
            .table
            .put(&after, Some(before.unchanged_since()))
            .await?
        {
            if before.is_counted() {
                tracing::warn!(
                    matter = matter_id,
                    contacts = ?(before.contacts, after.contacts),
                    documents = ?(before.documents, after.documents),
                    "a matter's tally had drifted; repaired"
                );
            }
            return Ok(Recount::Repaired {
                contacts: (before.contacts, after.contacts),
                documents: (before.documents, after.documents),
            });
        }
    }
    Ok(Recount::Busy)
}

/// What one sweep's recounts did.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecountOutcome {
    pub checked: usize,
    pub repaired: Vec<String>,
    pub busy: usize,
    /// Whether the next run starts over from the first matter.
    pub wrapped: bool,
}

/// Recounts the next `batch` matters by title after where the last run stopped, and notes
/// where this one did.
pub async fn recount_some(app: &App, batch: usize, settle: Duration) -> Result<RecountOutcome> {
    let cursor = app
        .table
        .get(&crate::records::RecountCursorRecord::key())
        .await?
        .and_then(|c| c.cursor);
    let page = match app
        .table
        .query_page(&MatterRecord::by_title(), batch, cursor.as_deref())
        .await
    {
        Ok(page) => page,
        // A cursor from an older layout: start over.
        Err(Error::Validation(_)) => {
            app.table
                .query_page(&MatterRecord::by_title(), batch, None)
                .await?
        }
        Err(e) => return Err(e),
    };
    let mut outcome = RecountOutcome {
        wrapped: page.next_cursor.is_none(),
        ..RecountOutcome::default()
    };
    for matter in &page.items {
        outcome.checked += 1;
        match recount(app, &matter.matter_id, settle).await? {
            Recount::Unchanged => {}
            Recount::Repaired { .. } => outcome.repaired.push(matter.matter_id.clone()),
            Recount::Busy => outcome.busy += 1,
        }
    }
    let next = crate::records::RecountCursorRecord {
        cursor: page.next_cursor,
        updated_at: clock::stamp(clock::now()),
    };
    app.table.put(&next, None).await?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::{document, grant};
    use crate::records::AccessStatus;

    fn tally(version: i64, last: Option<&str>, counted: bool) -> MatterTallyRecord {
        MatterTallyRecord {
            matter_id: "m".into(),
            contacts: 9,
            documents: 9,
            last_activity_at: last.map(String::from),
            version,
            counted_at: counted.then(|| "2026-01-01T00:00:00.000000Z".into()),
        }
    }

    #[test]
    fn a_count_takes_live_grants_every_document_and_the_newest_activity() {
        let mut seen = grant("m", "a");
        seen.last_seen_at = Some("2026-03-01T00:00:00.000000Z".into());
        let mut revoked = grant("m", "b");
        revoked.status = AccessStatus::Revoked;
        let mut newest = document("d", "m");
        newest.activity_at = "2026-02-01T00:00:00.000000Z".into();
        let before = tally(4, Some("2026-04-01T00:00:00.000000Z"), true);
        let now = "2026-05-01T00:00:00.000000Z";
        let after = counted(&before, &[seen.clone(), revoked], 7, Some(&newest), now);
        assert_eq!((after.contacts, after.documents), (1, 7));
        assert_eq!(after.version, 5, "a recount is a change too");
        assert_eq!(after.counted_at.as_deref(), Some(now));
        assert_eq!(
            after.last_activity_at.as_deref(),
            Some("2026-04-01T00:00:00.000000Z"),
            "a share or a delete, which no record keeps, is not forgotten"
        );
        let fresh = counted(&MatterTallyRecord::default(), &[seen], 0, None, now);
        assert_eq!(
            fresh.last_activity_at.as_deref(),
            Some("2026-03-01T00:00:00.000000Z")
        );
    }

    #[test]
    fn a_recount_waits_until_the_index_has_caught_up() {
        let now = clock::parse_stamp("2026-05-01T00:01:00.000000Z").expect("stamp");
        let minute = Duration::from_secs(60);
        assert!(settled(&tally(1, None, false), minute, now));
        assert!(settled(
            &tally(1, Some("2026-05-01T00:00:00.000000Z"), true),
            minute,
            now
        ));
        assert!(!settled(
            &tally(1, Some("2026-05-01T00:00:00.000001Z"), true),
            minute,
            now
        ));
        assert!(settled(
            &tally(1, Some("2026-05-01T00:00:59.000000Z"), true),
            Duration::ZERO,
            now
        ));
    }

    #[test]
    fn a_recount_writes_only_over_the_tally_it_read() {
        let missing = MatterTallyRecord::default();
        assert_eq!(
            format!("{:?}", missing.unchanged_since()),
            format!("{:?}", crate::store::Condition::absent())
        );
        let read = tally(3, None, true);
        assert_eq!(
            format!("{:?}", read.unchanged_since()),
            format!(
                "{:?}",
                crate::store::Condition::equals(crate::records::attr::VERSION, 3)
            )
        );
    }
}
