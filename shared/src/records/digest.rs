//! The notification outbox's records (see `service::digests`): a recipient's open window,
//! what was filed for them, each window's items and its send marker. Recipients are
//! addresses as `validate::email_key` gives them.

use super::{stored_words, EventSubject, EventType, Particulars, Person};
use crate::store::layout::GSI2;
use crate::store::{indexed_as, IndexKey, Key, Query, Stored};
use serde::{Deserialize, Serialize};

/// A recipient's digest partition: the open window's pointer and what was filed.
fn digest(recipient: &str) -> String {
    format!("DIGEST#{recipient}")
}

/// One window of a recipient: its items and its send marker. Its sort keys (`ITEM#`,
/// `SENT`) never occur in a [`digest`] partition (`OPEN`, `FILED#`), so an address holding
/// `#` cannot make one key stand for two records.
fn window(recipient: &str, window_id: &str) -> String {
    format!("DIGEST#{recipient}#{window_id}")
}

const OPEN: &str = "OPEN";
const SENT: &str = "SENT";
const ITEM_PREFIX: &str = "ITEM#";
const FILED_PREFIX: &str = "FILED#";
/// The index partition of windows waiting for their daily summary, by when it is due.
const DAILY_WINDOWS: &str = "DIGESTS#DAILY";
const DUE_PREFIX: &str = "DUE#";

/// A recipient's open digest window: what new notifications are filed into until the
/// window's wake-up message closes it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DigestWindowRecord {
    pub recipient: String,
    pub window_id: String,
    pub opened_at: String,
    /// Set once the window's wake-up message was accepted by SQS: a window without it is
    /// woken again by the next filing (duplicate wake-ups are harmless).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wake_queued_at: Option<String>,
    /// A recipient who chose a daily summary: when the window goes out (a stamp). Only such
    /// windows are in the index the daily sweep reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_at: Option<String>,
    pub expires_at_epoch: i64,
}

impl DigestWindowRecord {
    pub fn key_for(recipient: &str) -> Key<Self> {
        Key::new(digest(recipient), OPEN)
    }

    /// Windows of daily recipients whose summary is due at `now` (a stamp) or earlier.
    pub fn daily_due_by(now: &str) -> Query<Self> {
        // `~` sorts after the `#` that follows the stamp, so a window due exactly now is in.
        Query::index_until(&GSI2, DAILY_WINDOWS.into(), format!("{DUE_PREFIX}{now}~"))
    }
}

impl Stored for DigestWindowRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.recipient)
    }

    fn index_keys(&self) -> Vec<IndexKey> {
        let Some(due) = &self.due_at else {
            return Vec::new();
        };
        let sort = format!("{DUE_PREFIX}{due}#{}", self.recipient);
        indexed_as(&GSI2, DAILY_WINDOWS.into(), sort).to_vec()
    }
}

/// One notification filed into a recipient's window: the event it came from, as it was.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DigestItemRecord {
    pub recipient: String,
    pub window_id: String,
    pub event_id: String,
    pub matter_id: String,
    #[serde(rename = "type")]
    pub kind: EventType,
    pub at: String,
    pub actor_name: String,
    /// The person told, as the event named them (the greeting uses the name).
    pub person: Person,
    #[serde(flatten)]
    pub subject: EventSubject,
    /// The event's detail: what a bill line says ("Bill 1042, USD 1,250.00 due 2027-01-31").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The event's facts, which the digest words in its reader's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub particulars: Option<Particulars>,
    pub expires_at_epoch: i64,
}

impl DigestItemRecord {
    /// Every item of one window.
    pub fn of_window(recipient: &str, window_id: &str) -> Query<Self> {
        Query::table(window(recipient, window_id), ITEM_PREFIX)
    }
}

impl Stored for DigestItemRecord {
    fn key(&self) -> Key<Self> {
        Key::new(
            window(&self.recipient, &self.window_id),
            format!("{ITEM_PREFIX}{}", self.event_id),
        )
    }
}

/// That an event was filed for a recipient (in whichever window), so that a repeated stream
/// record files nothing twice even after its window was sent.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DigestFiledRecord {
    pub recipient: String,
    pub event_id: String,
    pub window_id: String,
    pub expires_at_epoch: i64,
}

impl Stored for DigestFiledRecord {
    fn key(&self) -> Key<Self> {
        Key::new(
            digest(&self.recipient),
            format!("{FILED_PREFIX}{}", self.event_id),
        )
    }
}

stored_words! {
    pub enum DigestState {
        /// Claimed by one sender until `leaseUntilEpoch`; after that another may take over.
        Sending = "sending",
        /// Sent (or nothing was left to send): every later wake-up of the window does nothing.
        Sent = "sent",
    }
}

/// The send marker of one window: claimed before the email, marked sent after it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DigestSentRecord {
    pub recipient: String,
    pub window_id: String,
    pub state: DigestState,
    /// Who holds the claim: each attempt names itself, and only it may finish or release it.
    pub attempt: String,
    pub lease_until_epoch: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<String>,
    #[serde(default)]
    pub items: i64,
    pub expires_at_epoch: i64,
}

impl DigestSentRecord {
    pub fn key_for(recipient: &str, window_id: &str) -> Key<Self> {
        Key::new(window(recipient, window_id), SENT)
    }
}

impl Stored for DigestSentRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.recipient, &self.window_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_windows_items_and_marker_share_a_partition_apart_from_the_pointer() {
        let marker = DigestSentRecord::key_for("a@b.c", "w1");
        let items = DigestItemRecord::of_window("a@b.c", "w1");
        assert_eq!(marker.pk, items.spec().partition);
        assert_ne!(marker.pk, DigestWindowRecord::key_for("a@b.c").pk);
    }

    fn window(due_at: Option<&str>) -> DigestWindowRecord {
        DigestWindowRecord {
            recipient: "a@b.c".into(),
            window_id: "w1".into(),
            opened_at: "2026-12-04T09:00:00.000000Z".into(),
            wake_queued_at: None,
            due_at: due_at.map(String::from),
            expires_at_epoch: 0,
        }
    }

    #[test]
    fn only_daily_windows_are_indexed_and_read_up_to_the_moment_they_are_due() {
        assert!(window(None).index_keys().is_empty());
        let due = "2026-12-05T07:00:00.000000Z";
        let keys = window(Some(due)).index_keys();
        assert!(keys.contains(&("gsi2pk", DAILY_WINDOWS.into())));
        let sort = format!("DUE#{due}#a@b.c");
        assert!(keys.contains(&("gsi2sk", sort.clone())));
        let query = DigestWindowRecord::daily_due_by(due);
        let until = query.spec().sort_at_most.clone().unwrap_or_default();
        assert!(sort <= until, "due exactly now: read");
        let earlier = DigestWindowRecord::daily_due_by("2026-12-05T06:59:59.999999Z");
        let until = earlier.spec().sort_at_most.clone().unwrap_or_default();
        assert!(sort > until, "due later: not read");
        assert_eq!(query.spec().index, Some("gsi2"));
    }
}
