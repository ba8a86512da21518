//! The notification outbox: notifiable events (`EventType::is_notifiable`) become one digest
//! email per recipient per window, re-checked when it is sent.
//!
//! **Filing** (`file-notifications`, on the table's stream). For each person an event names
//! in `notify`, keyed by address (`validate::email_key`):
//!
//! - the recipient's *window pointer* (`DIGEST#r` / `OPEN`, holding `windowId`) is read, or
//!   created with a conditional put when there is none (racing filers agree on one window);
//! - one transaction condition-checks that the pointer still names that window, puts a
//!   *filed marker* (`DIGEST#r` / `FILED#<eventId>`) and the *item* (`DIGEST#r#w` /
//!   `ITEM#<eventId>`), both only if absent. A failed pointer check means the window was
//!   closed for sending meanwhile: the filer reads the pointer again and files into the next
//!   window, so nothing lands in a window being sent. A failed filed-marker means a repeated
//!   stream record: nothing is filed twice, even after the first window was sent;
//! - a window whose pointer lacks `wakeQueuedAt` gets its wake-up message, `{recipient,
//!   windowId}` delayed by `DIGEST_WINDOW`, and only after SQS accepted it is the pointer
//!   marked. So a crash or an SQS failure between opening a window and waking it cannot
//!   strand it: the stream record is retried (and, as a duplicate, re-sends the wake-up),
//!   and any later filing into the window sends it too. Extra wake-ups are harmless.
//!
//! **Sending** (`send-digests`, on the delayed message), at most once per window:
//!
//! - the window's *send marker* (`DIGEST#r#w` / `SENT`) says `sent`: a duplicate message,
//!   nothing to do. It says `sending` under a live lease: another attempt is sending; this
//!   message is retried later (and then finds it sent, or takes the lapsed claim over);
//! - the pointer is deleted if it still names this window (closing it), then the marker is
//!   claimed (`sending`, this attempt's id, a lease), conditionally on what was read;
//! - the window's items are read strongly consistently and re-checked *now*: a share only
//!   if it still exists, the contact's grant is active, unexpired and still names this
//!   address, and the document is available; an upload only if its document is available;
//! - nothing left: the marker becomes `sent` and no email goes out. Otherwise one email,
//!   grouped by matter, then one transaction marks the window `sent` and writes one
//!   `notificationSent` event per matter in it;
//! - an SES failure (or any failure before the email) releases the claim and fails the
//!   message, which SQS delivers again (then dead-letters, with an alarm): sent once, on
//!   the retry.
//!
//! **Choices** (the contact's, kept on their grants; `NotificationChoice`). A wake-up reads
//! the recipient's choice (one query of the grants naming the address; staff have none):
//!
//! - one digest per window (the default): as above;
//! - a daily summary: the first wake-up leaves the window open and marks it due at the next
//!   08:00 in the firm's time zone (`dueAt`, in a sparse index); everything filed meanwhile
//!   joins it. `file-notifications`' schedule puts the windows due on the queue as `daily`
//!   wake-ups, which send them as above. A window left unsent stays in the index, so the
//!   next run queues it again: it is late, never lost;
//! - only invitations and sign-in links: the items told to the contact are dropped at send
//!   time (the firm's own notifications, to staff, are not the contact's to choose).
//!
//! A crash after SES accepted the email but before the marker says `sent` cannot be told
//! from one before the email went out. The claim's lease then lapses and a retry sends the
//! digest again: we chose at least once (a rare duplicate digest) over at most once (a
//! notification silently lost), and the marker write is retried in place to keep that window
//! small.

use super::events::{self, Event};
use crate::email::{self, DigestLine, DigestSection};
use crate::error::{Error, Result};
use crate::locale::Language;
use crate::queue::Queue;
use crate::records::{
    attr, new_id, AccessRecord, Actor, DeliveryRecord, DigestFiledRecord, DigestItemRecord,
    DigestSentRecord, DigestState, DigestWindowRecord, DocumentRecord, EventRecord, EventType,
    ItemKind, MailJob, MatterRecord, MessageRecord, NotificationChoice, Person, ShareRecord,
};
use crate::store::{Change, Condition, Key, Transacted};
use crate::{clock, validate, App};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Duration;

/// How long an attempt holds a window's claim: longer than `send-digests` may run (its
/// timeout), shorter than the queue's visibility timeout, so a retry finds it lapsed.
pub const CLAIM_LEASE: Duration = Duration::from_secs(120);
/// Digest records are kept this long (TTL): far beyond any window, stream retry or
/// redelivery of a queue message, which is all they guard against.
const RECORD_TTL: Duration = Duration::from_secs(14 * 24 * 3600);
/// Filing gives up (and the stream record is retried) after this many windows closed
/// under it.
const FILING_ATTEMPTS: usize = 5;
/// Attempts at recording a sent digest before the message is left to be retried.
const MARK_SENT_ATTEMPTS: usize = 3;
/// DynamoDB's limit on items per transaction.
const TRANSACTION_ITEMS: usize = 100;
/// When a daily summary goes out: this hour, in the firm's time zone.
pub const DAILY_SUMMARY_HOUR: i8 = 8;

/// The wake-up message of one window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Wake {
    pub recipient: String,
    pub window_id: String,
    /// Queued by the daily sweep: the window's summary is due, whatever its recipient chose.
    #[serde(default)]
    pub daily: bool,
}

/// The event record a stream image holds; `None` for any other record.
pub fn event_from_image(image: &serde_dynamo::Item) -> Result<Option<EventRecord>> {
    EventRecord::from_stream_image(image)
}

/// What filing one event did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Filed {
    /// Items filed into a window.
    pub filed: usize,
    /// Recipients that already had this event (a repeated stream record).
    pub duplicates: usize,
}

fn expires_epoch() -> i64 {
    clock::epoch_seconds(clock::now()) + i64::try_from(RECORD_TTL.as_secs()).unwrap_or(0)
}

/// Files a notifiable event for each person it names; anything else is left alone.
pub async fn file_event(app: &App, queue: &Queue, event: &EventRecord) -> Result<Filed> {
    let mut outcome = Filed::default();
    if !event.kind.is_notifiable() {
        return Ok(outcome);
    }
    let mut seen = HashSet::new();
    for person in &event.notify {
        let recipient = validate::email_key(&person.email);
        if recipient.is_empty() || !seen.insert(recipient.clone()) {
            continue;
        }
        if file_for(app, queue, event, person, &recipient).await? {
            outcome.filed += 1;
        } else {
            outcome.duplicates += 1;
        }
    }
    Ok(outcome)
}

/// Files `event` into `recipient`'s open window; false when it was already filed.
async fn file_for(
    app: &App,
    queue: &Queue,
    event: &EventRecord,
    person: &Person,
    recipient: &str,
) -> Result<bool> {
    let pointer_key = DigestWindowRecord::key_for(recipient);
    for _ in 0..FILING_ATTEMPTS {
        let window = match app.table.get(&pointer_key).await? {
            Some(window) => window,
            None => {
                let window = DigestWindowRecord {
                    recipient: recipient.into(),
                    window_id: new_id(),
                    opened_at: clock::stamp(clock::now()),
                    wake_queued_at: None,
                    due_at: None,
                    expires_at_epoch: expires_epoch(),
                };
                if !app.table.put(&window, Some(Condition::absent())).await? {
                    continue; // another filer opened one first: use theirs
                }
                window
            }
        };
        let item = item_record(event, person, recipient, &window.window_id);
        let filed = DigestFiledRecord {
            recipient: recipient.into(),
            event_id: event.event_id.clone(),
            window_id: window.window_id.clone(),
            expires_at_epoch: item.expires_at_epoch,
        };
        let mut transaction = app.table.transaction();
        let check = transaction.check(
            &pointer_key,
            Condition::equals(attr::WINDOW_ID, &window.window_id),
        )?;
        let marker = transaction.put(&filed, Some(Condition::absent()))?;
        transaction.put(&item, Some(Condition::absent()))?;
        match app.table.commit(transaction).await? {
            Transacted::Committed => {
                wake(app, queue, &window).await?;
                return Ok(true);
            }
            Transacted::Cancelled(why) if why.failed_condition(marker) => {
                // Filed before; its window may still wait for the wake-up this record's
                // earlier delivery failed to send.
                if let Some(current) = app.table.get(&pointer_key).await? {
                    wake(app, queue, &current).await?;
                }
                return Ok(false);
            }
            Transacted::Cancelled(why) if why.failed_condition(check) || why.conflicted() => {
                continue; // the window closed (or is busy): file into the next one
            }
            Transacted::Cancelled(why) => {
                return Err(Error::upstream("DynamoDB TransactWriteItems (digest)", why))
            }
        }
    }
    Err(Error::internal(format!(
        "digest window of {recipient} kept closing while filing event {}",
        event.event_id
    )))
}

fn item_record(
    event: &EventRecord,
    person: &Person,
    recipient: &str,
    window_id: &str,
) -> DigestItemRecord {
    DigestItemRecord {
        recipient: recipient.into(),
        window_id: window_id.into(),
        event_id: event.event_id.clone(),
        matter_id: event.matter_id.clone(),
        kind: event.kind,
        at: event.at.clone(),
        actor_name: event.actor.name.clone(),
        person: person.clone(),
        subject: event.subject.clone(),
        detail: event.detail.clone(),
        particulars: event.particulars.clone(),
        expires_at_epoch: expires_epoch(),
    }
}

/// Sends the window's wake-up unless it is known to be queued, then notes it on the pointer
/// (only while the pointer still names that window).
async fn wake(app: &App, queue: &Queue, window: &DigestWindowRecord) -> Result<()> {
    if window.wake_queued_at.is_some() {
        return Ok(());
    }
    let message = MailJob::Digest {
        recipient: window.recipient.clone(),
        window_id: window.window_id.clone(),
        daily: false,
    };
    queue.send(&message, app.config.digest_window).await?;
    let change = Change::new()
        .set(attr::WAKE_QUEUED_AT, clock::stamp(clock::now()))
        .when(Condition::equals(attr::WINDOW_ID, &window.window_id));
    app.table
        .update(&DigestWindowRecord::key_for(&window.recipient), change)
        .await?;
    Ok(())
}

/// What a wake-up did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "outcome")]
pub enum Sent {
    /// A repeated wake-up: the window was sent already.
    AlreadySent,
    /// Another attempt holds the window's claim: try again later.
    Busy,
    /// Everything in the window had been undone (unshared, revoked, deleted): no email.
    NothingLeft { dropped: usize },
    /// One email with `items` lines.
    Emailed { items: usize, dropped: usize },
    /// A daily-summary recipient's window: left open until `until`, when the sweep queues it.
    Deferred { until: String },
}

/// The windows of daily-summary recipients due at `at` (the scheduled run's time), each put
/// on the mail queue as a `daily` wake-up; how many. Sent windows leave the index, so a
/// window queued twice (a run repeated, a send that failed) is sent once.
pub async fn queue_daily_summaries(
    app: &App,
    queue: &Queue,
    at: time::OffsetDateTime,
) -> Result<usize> {
    let due = app
        .table
        .query_all(&DigestWindowRecord::daily_due_by(&clock::stamp(at)))
        .await?;
    for window in &due {
        let message = MailJob::Digest {
            recipient: window.recipient.clone(),
            window_id: window.window_id.clone(),
            daily: true,
        };
        queue.send(&message, Duration::ZERO).await?;
    }
    Ok(due.len())
}

/// What the recipient chose, as the grants naming their address say (staff have none: one
/// digest per window).
async fn choice_of(app: &App, recipient: &str) -> Result<NotificationChoice> {
    let grants = app
        .table
        .query_all(&AccessRecord::naming(recipient))
        .await?;
    Ok(super::preferences::notifications_of(&grants))
}

/// Leaves a daily-summary recipient's open window open, due at the next summary hour; `None`
/// when the pointer no longer names this window (closed by an attempt that failed: sent now).
async fn defer_to_daily(
    app: &App,
    recipient: &str,
    window_id: &str,
    now: time::OffsetDateTime,
) -> Result<Option<Sent>> {
    let key = DigestWindowRecord::key_for(recipient);
    let Some(mut window) = app.table.get(&key).await? else {
        return Ok(None);
    };
    if window.window_id != window_id {
        return Ok(None);
    }
    if let Some(until) = window.due_at {
        return Ok(Some(Sent::Deferred { until }));
    }
    let due = clock::next_local_hour(&app.config.firm_time_zone, DAILY_SUMMARY_HOUR, now)?;
    let until = clock::stamp(due);
    window.due_at = Some(until.clone());
    let still_open = Condition::equals(attr::WINDOW_ID, window_id);
    if !app.table.put(&window, Some(still_open)).await? {
        return Ok(None);
    }
    Ok(Some(Sent::Deferred { until }))
}

/// Closes the window `wake` names and sends its digest (see the module's notes).
pub async fn send_window(app: &App, wake: &Wake) -> Result<Sent> {
    let window_id = validate::id("windowId", &wake.window_id)?;
    let recipient = validate::email_key(&wake.recipient);
    if recipient.is_empty() {
        return Err(Error::validation("recipient must not be empty"));
    }
    let marker_key = DigestSentRecord::key_for(&recipient, &window_id);
    let now = clock::now();
    let now_epoch = clock::epoch_seconds(now);
    let claim_condition = match app.table.get(&marker_key).await? {
        Some(marker) if marker.state == DigestState::Sent => return Ok(Sent::AlreadySent),
        Some(marker) if marker.lease_until_epoch > now_epoch => return Ok(Sent::Busy),
        Some(lapsed) => Condition::equals(attr::ATTEMPT, lapsed.attempt)
            .and(Condition::equals(attr::STATE, DigestState::Sending)),
        None => Condition::absent(),
    };
    let choice = choice_of(app, &recipient).await?;
    if choice == NotificationChoice::Daily && !wake.daily {
        if let Some(deferred) = defer_to_daily(app, &recipient, &window_id, now).await? {
            return Ok(deferred);
        }
    }
    // Closed first: from here on no filer can add to this window.
    app.table
        .delete_if(
            &DigestWindowRecord::key_for(&recipient),
            Condition::equals(attr::WINDOW_ID, &window_id),
        )
        .await?;
    let attempt = new_id();
    let claim = DigestSentRecord {
        recipient: recipient.clone(),
        window_id: window_id.clone(),
        state: DigestState::Sending,
        attempt: attempt.clone(),
        lease_until_epoch: now_epoch + i64::try_from(CLAIM_LEASE.as_secs()).unwrap_or(0),
        sent_at: None,
        items: 0,
        expires_at_epoch: expires_epoch(),
    };
    if !app.table.put(&claim, Some(claim_condition)).await? {
        return Ok(Sent::Busy);
    }
    let how = Sending {
        choice,
        daily: wake.daily,
    };
    match send_claimed(app, &recipient, &window_id, &attempt, now, how).await {
        Ok(sent) => Ok(sent),
        Err(Failure::BeforeEmail(err)) => {
            // Released so that the retry need not wait for the lease: nothing went out.
            let release = app
                .table
                .delete_if(
                    &marker_key,
                    Condition::equals(attr::ATTEMPT, &attempt)
                        .and(Condition::equals(attr::STATE, DigestState::Sending)),
                )
                .await;
            if let Err(release) = release {
                tracing::warn!(error = %release.chain(), "digest claim not released; it lapses");
            }
            Err(err)
        }
        // The email may have gone: the claim stays until its lease lapses (see the notes).
        Err(Failure::AfterEmail(err)) => Err(err),
    }
}

/// How a claimed window is sent: the recipient's choice, and whether it is the day's summary.
#[derive(Clone, Copy)]
struct Sending {
    choice: NotificationChoice,
    daily: bool,
}

/// Where sending a claimed window failed.
enum Failure {
    BeforeEmail(Error),
    AfterEmail(Error),
}

async fn send_claimed(
    app: &App,
    recipient: &str,
    window_id: &str,
    attempt: &str,
    now: time::OffsetDateTime,
    how: Sending,
) -> std::result::Result<Sent, Failure> {
    let marker_key = DigestSentRecord::key_for(recipient, window_id);
    let items = app
        .table
        .query_all(&DigestItemRecord::of_window(recipient, window_id))
        .await
        .map_err(Failure::BeforeEmail)?;
    let total = items.len();
    let (mut kept, language) = still_valid(app, recipient, items, &clock::stamp(now))
        .await
        .map_err(Failure::BeforeEmail)?;
    if how.choice == NotificationChoice::SignInOnly {
        kept.retain(|item| !is_to_contact(item));
    }
    let dropped = total - kept.len();
    if kept.is_empty() {
        mark_sent(app, &marker_key, attempt, 0, Vec::new())
            .await
            .map_err(Failure::BeforeEmail)?;
        return Ok(Sent::NothingLeft { dropped });
    }
    let titles = matter_titles(app, &kept)
        .await
        .map_err(Failure::BeforeEmail)?;
    let language = language.unwrap_or(app.config.firm_language);
    let email = digest_email(app, language, &kept, &titles, how.daily);
    app.mailer.send(email).await.map_err(Failure::BeforeEmail)?;
    let events = sent_events(&kept);
    mark_sent(app, &marker_key, attempt, kept.len(), events)
        .await
        .map_err(Failure::AfterEmail)?;
    Ok(Sent::Emailed {
        items: kept.len(),
        dropped,
    })
}

/// The items whose share, grant and document still stand at `now`, and the language of a
/// contact recipient as their newest item's grant says (none for staff: the firm's).
async fn still_valid(
    app: &App,
    recipient: &str,
    items: Vec<DigestItemRecord>,
    now: &str,
) -> Result<(Vec<DigestItemRecord>, Option<Language>)> {
    let mut share_keys = Vec::new();
    let mut access_keys = Vec::new();
    let mut document_keys = Vec::new();
    let mut message_keys = Vec::new();
    let mut delivery_keys = Vec::new();
    let mut seen = HashSet::new();
    for item in &items {
        if let (Some(id), Some(contact), Some(kind)) = (
            &item.subject.item_id,
            &item.subject.contact_id,
            delivered_kind(item.kind),
        ) {
            delivery_keys.push(DeliveryRecord::key_for(&item.matter_id, kind, id, contact));
            if seen.insert(("access", item.matter_id.clone(), contact.clone())) {
                access_keys.push(AccessRecord::key_for(&item.matter_id, contact));
            }
            continue;
        }
        if let (Some(message), Some(contact)) = (&item.subject.message_id, &item.subject.contact_id)
        {
            message_keys.push(MessageRecord::key_for(&item.matter_id, contact, message));
            if seen.insert(("access", item.matter_id.clone(), contact.clone())) {
                access_keys.push(AccessRecord::key_for(&item.matter_id, contact));
            }
            continue;
        }
        let Some(document) = &item.subject.document_id else {
            continue;
        };
        if seen.insert(("doc", document.clone(), String::new())) {
            document_keys.push(DocumentRecord::key_for(document));
        }
        let about_a_share = matches!(
            item.kind,
            EventType::DocumentShared | EventType::DocumentVersionAdded
        );
        if let (true, Some(contact)) = (about_a_share, &item.subject.contact_id) {
            if seen.insert(("share", document.clone(), contact.clone())) {
                share_keys.push(ShareRecord::key_for(document, contact));
            }
            if seen.insert(("access", item.matter_id.clone(), contact.clone())) {
                access_keys.push(AccessRecord::key_for(&item.matter_id, contact));
            }
        }
    }
    let standing = Standing {
        documents: by_id(&app.table, &document_keys)
            .await?
            .into_iter()
            .map(|d: DocumentRecord| (d.document_id.clone(), d))
            .collect(),
        shares: by_id(&app.table, &share_keys)
            .await?
            .into_iter()
            .map(|s: ShareRecord| (s.document_id, s.contact_id))
            .collect(),
        grants: by_id(&app.table, &access_keys)
            .await?
            .into_iter()
            .map(|a: AccessRecord| ((a.matter_id.clone(), a.contact_id.clone()), a))
            .collect(),
        messages: by_id(&app.table, &message_keys)
            .await?
            .into_iter()
            .map(|m: MessageRecord| m.message_id)
            .collect(),
        delivered: by_id(&app.table, &delivery_keys)
            .await?
            .into_iter()
            .map(|s: DeliveryRecord| (s.kind, s.item_id, s.contact_id))
            .collect(),
    };
    let kept: Vec<DigestItemRecord> = items
        .into_iter()
        .filter(|item| standing.keeps(item, recipient, now))
        .collect();
    let language = kept
        .iter()
        .filter(|i| is_to_contact(i))
        .max_by(|a, b| a.at.cmp(&b.at))
        .and_then(|i| {
            standing
                .grants
                .get(&(i.matter_id.clone(), i.person.id.clone()))
        })
        .and_then(|grant| grant.language);
    Ok((kept, language))
}

/// What the send-time check read of a window's documents, shares and grants.
#[derive(Default)]
struct Standing {
    documents: HashMap<String, DocumentRecord>,
    shares: HashSet<(String, String)>,
    grants: HashMap<(String, String), AccessRecord>,
    messages: HashSet<String>,
    /// (kind, item, contact) of what is still sent.
    delivered: HashSet<(ItemKind, String, String)>,
}

/// What kind of delivered item an event is about (a bill, a calendar event, a task), if any.
fn delivered_kind(kind: EventType) -> Option<ItemKind> {
    match kind {
        EventType::BillSent | EventType::BillUpdated => Some(ItemKind::Bill),
        EventType::AppointmentShared
        | EventType::AppointmentMoved
        | EventType::AppointmentChanged
        | EventType::AppointmentCancelled => Some(ItemKind::Appointment),
        EventType::TaskAssigned | EventType::TaskDueSoon | EventType::TaskDone => {
            Some(ItemKind::Task)
        }
        _ => None,
    }
}

impl Standing {
    /// Whether an item still stands: a share only while it exists, its contact's grant is
    /// active at `now` and still names the recipient, and the document is available; an
    /// upload while its document is available. Anything else is not a digest item.
    fn keeps(&self, item: &DigestItemRecord, recipient: &str, now: &str) -> bool {
        let available = item
            .subject
            .document_id
            .as_ref()
            .is_some_and(|d| self.documents.get(d).is_some_and(|doc| doc.is_available()));
        match item.kind {
            // A share, or a new version on it: while the share stands.
            EventType::DocumentShared | EventType::DocumentVersionAdded => {
                let (Some(document), Some(contact)) =
                    (&item.subject.document_id, &item.subject.contact_id)
                else {
                    return false;
                };
                self.reaches(item, contact, recipient, now)
                    && self.shares.contains(&(document.clone(), contact.clone()))
                    && available
            }
            EventType::UploadAttached => available,
            // An upload refused for malware: what happened stands (its bytes are gone).
            EventType::UploadRejected => true,
            // A message stands while it is not deleted; told to its contact, while their
            // grant is active and still names the recipient.
            EventType::MessagePosted => {
                let (Some(message), Some(contact)) =
                    (&item.subject.message_id, &item.subject.contact_id)
                else {
                    return false;
                };
                let to_contact = item.person.id == *contact;
                let granted = self
                    .grants
                    .get(&(item.matter_id.clone(), contact.clone()))
                    .is_some_and(|a| {
                        a.is_active_at(now) && (!to_contact || a.address_key() == recipient)
                    });
                granted && self.messages.contains(message)
            }
            // A task done, told to the firm: while the task still stands.
            EventType::TaskDone => {
                let (Some(id), Some(contact)) = (&item.subject.item_id, &item.subject.contact_id)
                else {
                    return false;
                };
                self.delivered
                    .contains(&(ItemKind::Task, id.clone(), contact.clone()))
            }
            // A bill, calendar event or task sent, changed or cancelled: while it is still sent to
            // the contact and their grant is active and still names the recipient.
            kind => {
                let (Some(delivered), Some(id), Some(contact)) = (
                    delivered_kind(kind),
                    &item.subject.item_id,
                    &item.subject.contact_id,
                ) else {
                    return false;
                };
                self.reaches(item, contact, recipient, now)
                    && self
                        .delivered
                        .contains(&(delivered, id.clone(), contact.clone()))
            }
        }
    }

    /// Whether the contact's grant on the item's matter is active at `now` and still names
    /// the recipient (an address changed since is not told what went to the old one).
    fn reaches(&self, item: &DigestItemRecord, contact: &str, recipient: &str, now: &str) -> bool {
        self.grants
            .get(&(item.matter_id.clone(), contact.to_string()))
            .is_some_and(|a| a.is_active_at(now) && a.address_key() == recipient)
    }
}

async fn by_id<T: serde::de::DeserializeOwned>(
    table: &crate::store::Table,
    record_keys: &[Key<T>],
) -> Result<Vec<T>> {
    if record_keys.is_empty() {
        return Ok(Vec::new());
    }
    table.batch_get(record_keys).await
}

/// Each matter's title (its id when the settings are gone).
async fn matter_titles(app: &App, items: &[DigestItemRecord]) -> Result<HashMap<String, String>> {
    let ids: HashSet<&str> = items.iter().map(|i| i.matter_id.as_str()).collect();
    let record_keys: Vec<Key<MatterRecord>> =
        ids.iter().map(|m| MatterRecord::key_for(m)).collect();
    let mut titles: HashMap<String, String> = by_id(&app.table, &record_keys)
        .await?
        .into_iter()
        .map(|m: MatterRecord| (m.matter_id, m.title))
        .collect();
    for id in ids {
        titles
            .entry(id.to_string())
            .or_insert_with(|| id.to_string());
    }
    Ok(titles)
}

/// The one email of a window: sections by matter title, lines in the order things
/// happened; a contact is sent to the portal, staff to the console.
fn digest_email(
    app: &App,
    language: Language,
    items: &[DigestItemRecord],
    titles: &HashMap<String, String>,
    daily: bool,
) -> email::Email {
    let portal = &app.config.portal_url;
    let mut links = Vec::new();
    if items.iter().any(is_to_contact) {
        links.push(format!("{portal}/"));
    }
    if items.iter().any(|i| !is_to_contact(i)) {
        links.push(format!("{portal}/console/"));
    }
    // The newest item names the person as they are now known.
    let newest = items.iter().max_by(|a, b| a.at.cmp(&b.at));
    let (to, name) = newest.map_or_else(
        || (items[0].recipient.clone(), String::new()),
        |i| (i.person.email.clone(), i.person.name.clone()),
    );
    let compose = if daily {
        email::daily_summary
    } else {
        email::digest
    };
    compose(
        language,
        &app.config.firm_name,
        &to,
        &name,
        &sections(items, titles),
        &links,
    )
}

/// Whether an item is told to the contact it is about (a share with them, a message to
/// them) rather than to the firm.
fn is_to_contact(item: &DigestItemRecord) -> bool {
    item.subject.contact_id.as_deref() == Some(item.person.id.as_str())
}

/// A digest's sections: one per matter, by title, each in the order things happened.
fn sections(items: &[DigestItemRecord], titles: &HashMap<String, String>) -> Vec<DigestSection> {
    let mut by_matter: BTreeMap<(String, String), Vec<&DigestItemRecord>> = BTreeMap::new();
    for item in items {
        let title = titles
            .get(&item.matter_id)
            .cloned()
            .unwrap_or_else(|| item.matter_id.clone());
        by_matter
            .entry((title, item.matter_id.clone()))
            .or_default()
            .push(item);
    }
    by_matter
        .into_iter()
        .map(|((matter_title, _), mut items)| {
            items.sort_by(|a, b| a.at.cmp(&b.at));
            DigestSection {
                matter_title,
                lines: items.into_iter().map(line).collect(),
            }
        })
        .collect()
}

/// What a bill, event or task line names: the event's facts, else its English detail.
fn what_of(item: &DigestItemRecord) -> email::What {
    match &item.particulars {
        Some(facts) => email::What::Facts(facts.clone()),
        None => email::What::Logged(item.detail.clone().unwrap_or_default()),
    }
}

fn line(item: &DigestItemRecord) -> DigestLine {
    let file_name = item.subject.file_name.clone().unwrap_or_default();
    match item.kind {
        EventType::UploadRejected => DigestLine::FailedScan {
            uploader: item.subject.contact_name.clone(),
            file_name,
        },
        EventType::UploadAttached => DigestLine::Uploaded {
            uploader: item
                .subject
                .contact_name
                .clone()
                .unwrap_or_else(|| item.actor_name.clone()),
            file_name,
        },
        EventType::MessagePosted => DigestLine::Message {
            from: item.actor_name.clone(),
        },
        EventType::DocumentVersionAdded => DigestLine::Updated { file_name },
        EventType::BillSent => DigestLine::Bill {
            what: what_of(item),
        },
        EventType::BillUpdated => DigestLine::BillChanged {
            what: what_of(item),
        },
        EventType::AppointmentShared => DigestLine::Appointment {
            what: what_of(item),
        },
        EventType::AppointmentMoved => DigestLine::AppointmentMoved {
            what: what_of(item),
        },
        EventType::AppointmentChanged => DigestLine::AppointmentChanged {
            what: what_of(item),
        },
        EventType::AppointmentCancelled => DigestLine::AppointmentCancelled {
            what: what_of(item),
        },
        EventType::TaskAssigned => DigestLine::Task {
            what: what_of(item),
        },
        EventType::TaskDueSoon => DigestLine::TaskDueSoon {
            what: what_of(item),
        },
        EventType::TaskDone => DigestLine::TaskDone {
            who: item.subject.contact_name.clone().unwrap_or_default(),
            what: what_of(item),
        },
        _ => DigestLine::Shared { file_name },
    }
}

/// One `notificationSent` event per matter of the digest, naming the contact when the
/// recipient is one.
fn sent_events(items: &[DigestItemRecord]) -> Vec<(String, Event)> {
    let mut by_matter: BTreeMap<&str, Vec<&DigestItemRecord>> = BTreeMap::new();
    for item in items {
        by_matter.entry(&item.matter_id).or_default().push(item);
    }
    by_matter
        .into_iter()
        .map(|(matter_id, items)| {
            let count = items.len();
            let noun = if count == 1 { "item" } else { "items" };
            let address = &items[0].person.email;
            let mut event = Event::new(EventType::NotificationSent, Actor::system())
                .detail(format!("{count} {noun} to {address}"));
            let contact = items.iter().find(|i| is_to_contact(i));
            if let Some(item) = contact {
                event = event.contact(
                    item.subject.contact_id.as_deref().unwrap_or_default(),
                    item.subject.contact_name.as_deref().unwrap_or_default(),
                );
            }
            (matter_id.to_string(), event)
        })
        .collect()
}

/// Marks the window sent (only while this attempt holds its claim) together with its
/// events; retried in place, since a failure here means the digest may go out again.
async fn mark_sent(
    app: &App,
    marker_key: &Key<DigestSentRecord>,
    attempt: &str,
    items: usize,
    events: Vec<(String, Event)>,
) -> Result<()> {
    let mut last_error = None;
    for round in 0..MARK_SENT_ATTEMPTS {
        if round > 0 {
            tokio::time::sleep(Duration::from_millis(100 << round)).await;
        }
        let mut transaction = app.table.transaction();
        let change = Change::new()
            .set(attr::STATE, DigestState::Sent)
            .set(attr::SENT_AT, clock::stamp(clock::now()))
            .set(attr::ITEMS, i64::try_from(items).unwrap_or(i64::MAX))
            // Still ours and not yet recorded: a commit whose answer was lost is not redone.
            .when(Condition::equals(attr::ATTEMPT, attempt))
            .when(Condition::equals(attr::STATE, DigestState::Sending));
        transaction.update(marker_key, change)?;
        // A digest spans few matters; any beyond one transaction's room follow below.
        let mut rest = events.clone().into_iter();
        for (matter_id, event) in rest.by_ref().take(TRANSACTION_ITEMS - 1) {
            events::add(&mut transaction, &matter_id, event)?;
        }
        match app.table.commit(transaction).await {
            Ok(Transacted::Committed) => {
                for (matter_id, event) in rest {
                    events::write(app, &matter_id, event).await?;
                }
                return Ok(());
            }
            Ok(Transacted::Cancelled(why)) if why.failed_condition(0) => {
                // Either an earlier round committed and only its answer was lost, or our
                // lease lapsed and another attempt took the window over (and records it).
                let marker = app.table.get(marker_key).await?;
                if marker.is_none_or(|m| m.attempt != attempt) {
                    tracing::warn!(%why, "digest sent, but its claim had passed to another attempt");
                }
                return Ok(());
            }
            Ok(Transacted::Cancelled(why)) => {
                last_error = Some(Error::upstream("DynamoDB TransactWriteItems (digest)", why));
            }
            Err(err) => last_error = Some(err),
        }
    }
    Err(last_error.unwrap_or_else(|| Error::internal("digest not marked sent")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: EventType) -> EventRecord {
        Event::new(kind, Actor::staff("s1", "Sam"))
            .contact("c1", "Carl")
            .document("d1", "a.pdf")
            .record("m1", "2026-11-24T10:00:00.000000Z")
    }

    #[test]
    fn sent_events_are_one_per_matter_and_name_the_contact() {
        let person = Person {
            id: "c1".into(),
            email: "Carl@Example.com".into(),
            name: "Carl".into(),
        };
        let shared = event(EventType::DocumentShared);
        let items = vec![
            item_record(&shared, &person, "carl@example.com", "w1"),
            item_record(
                &event(EventType::DocumentShared),
                &person,
                "carl@example.com",
                "w1",
            ),
        ];
        let events = sent_events(&items);
        assert_eq!(events.len(), 1);
        let record = events[0].1.clone().record("m1", "t");
        assert_eq!(record.kind, EventType::NotificationSent);
        assert_eq!(record.subject.contact_id.as_deref(), Some("c1"));
        assert_eq!(
            record.detail.as_deref(),
            Some("2 items to Carl@Example.com")
        );
    }

    fn item(kind: EventType, matter: &str, document: &str, at: &str) -> DigestItemRecord {
        let mut record = item_record(
            &event(kind),
            &crate::records::fixtures::person("c1"),
            "c1@example.com",
            "w1",
        );
        record.matter_id = matter.into();
        record.subject.document_id = Some(document.into());
        record.subject.file_name = Some(format!("{document}.pdf"));
        record.at = at.into();
        record
    }

    #[test]
    fn a_shared_item_stands_while_its_share_grant_and_document_do() {
        use crate::records::fixtures::{document, grant};
        let shared = item(EventType::DocumentShared, "m1", "d1", "t");
        let mut standing = Standing::default();
        let mut g = grant("m1", "c1");
        g.email = "C1@Example.com".into();
        standing.grants.insert(("m1".into(), "c1".into()), g);
        standing.shares.insert(("d1".into(), "c1".into()));
        standing.documents.insert("d1".into(), document("d1", "m1"));
        assert!(standing.keeps(&shared, "c1@example.com", "2026"));
        let updated = item(EventType::DocumentVersionAdded, "m1", "d1", "t");
        assert!(standing.keeps(&updated, "c1@example.com", "2026"));
        assert!(
            !standing.keeps(&shared, "someone@else.example", "2026"),
            "address moved"
        );
        let mut unshared = Standing {
            shares: HashSet::new(),
            ..Default::default()
        };
        unshared.grants = standing.grants.clone();
        unshared.documents = standing.documents.clone();
        assert!(!unshared.keeps(&shared, "c1@example.com", "2026"));
        assert!(
            !unshared.keeps(&updated, "c1@example.com", "2026"),
            "a version is told only while the share stands"
        );
        standing.documents.get_mut("d1").expect("d1").status =
            crate::records::DocumentStatus::Deleting;
        assert!(
            !standing.keeps(&shared, "c1@example.com", "2026"),
            "document going"
        );
    }

    #[test]
    fn a_bill_item_stands_while_it_is_sent_to_the_contact_and_their_grant_holds() {
        let mut sent = item(EventType::BillSent, "m1", "d1", "t");
        sent.subject.document_id = None;
        sent.subject.item_id = Some("b1".into());
        sent.subject.contact_id = Some("c1".into());
        sent.detail = Some("Bill 1042, USD 10.00 due 2027-01-31".into());
        let mut standing = Standing::default();
        standing.grants.insert(
            ("m1".into(), "c1".into()),
            crate::records::fixtures::grant("m1", "c1"),
        );
        assert!(
            !standing.keeps(&sent, "c1@client.example", "2026"),
            "no longer sent"
        );
        standing
            .delivered
            .insert((ItemKind::Bill, "b1".into(), "c1".into()));
        assert!(standing.keeps(&sent, "c1@client.example", "2026"));
        assert!(
            !standing.keeps(&sent, "other@client.example", "2026"),
            "address moved"
        );
        let mut changed = sent.clone();
        changed.kind = EventType::BillUpdated;
        assert!(standing.keeps(&changed, "c1@client.example", "2026"));
        standing.grants.clear();
        assert!(
            !standing.keeps(&changed, "c1@client.example", "2026"),
            "access gone"
        );
        assert_eq!(
            line(&sent),
            DigestLine::Bill {
                what: "Bill 1042, USD 10.00 due 2027-01-31".into()
            }
        );
    }

    #[test]
    fn a_task_done_is_told_to_the_firm_while_the_task_stands() {
        let mut done = item(EventType::TaskDone, "m1", "d1", "t");
        done.subject.item_id = Some("t1".into());
        done.subject.contact_id = Some("c1".into());
        done.subject.contact_name = Some("Ann".into());
        done.detail = Some("Sign, due 2027-01-06".into());
        let mut standing = Standing::default();
        assert!(
            !standing.keeps(&done, "owner@firm.example", "2026"),
            "task gone"
        );
        standing
            .delivered
            .insert((ItemKind::Task, "t1".into(), "c1".into()));
        assert!(
            standing.keeps(&done, "owner@firm.example", "2026"),
            "the firm's recipient is not the contact's address"
        );
        let mut due = done.clone();
        due.kind = EventType::TaskDueSoon;
        assert!(
            !standing.keeps(&due, "c1@client.example", "2026"),
            "a reminder needs the contact's grant"
        );
        standing.grants.insert(
            ("m1".into(), "c1".into()),
            crate::records::fixtures::grant("m1", "c1"),
        );
        assert!(standing.keeps(&due, "c1@client.example", "2026"));
        assert_eq!(
            line(&done),
            DigestLine::TaskDone {
                who: "Ann".into(),
                what: "Sign, due 2027-01-06".into()
            }
        );
    }

    #[test]
    fn an_upload_stands_while_its_document_is_available_and_nothing_else_is_an_item() {
        let upload = item(EventType::UploadAttached, "m1", "d1", "t");
        let mut standing = Standing::default();
        assert!(!standing.keeps(&upload, "c1@example.com", "t"));
        standing
            .documents
            .insert("d1".into(), crate::records::fixtures::document("d1", "m1"));
        assert!(standing.keeps(&upload, "c1@example.com", "t"));
        let viewed = item(EventType::DocumentViewed, "m1", "d1", "t");
        assert!(!standing.keeps(&viewed, "c1@example.com", "t"));
    }

    #[test]
    fn sections_go_by_matter_title_and_lines_by_time() {
        let items = vec![
            item(EventType::DocumentShared, "m2", "late", "3"),
            item(EventType::DocumentShared, "m1", "b", "2"),
            item(EventType::DocumentShared, "m2", "early", "1"),
        ];
        let titles: HashMap<String, String> = [("m1".to_string(), "Zoning".to_string())]
            .into_iter()
            .collect();
        let sections = sections(&items, &titles);
        let titles: Vec<&str> = sections.iter().map(|s| s.matter_title.as_str()).collect();
        assert_eq!(titles, ["Zoning", "m2"], "an unknown matter goes by its id");
        assert_eq!(
            sections[1].lines,
            [
                DigestLine::Shared {
                    file_name: "early.pdf".into()
                },
                DigestLine::Shared {
                    file_name: "late.pdf".into()
                },
            ]
        );
    }
}
