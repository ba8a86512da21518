//! Calendar events of a matter ("appointments"): staff create one and share it with chosen
//! contacts, change it (SEQUENCE raised, each contact told "Event moved" or "Event changed")
//! or cancel it (kept, sent as cancelled); a contact lists their upcoming events across
//! matters and takes each as an .ics file (`ics`).
//!
//! Times are stored in UTC with the zone they were set in; the pages show them in the
//! viewer's zone and name the event's. Contacts read the event itself through their
//! deliveries, so a change shows at once.

use super::deliveries::{self, Sending};
use super::events::{self, Event};
use super::sessions::Contact;
use super::{matters, sharing, tally};
use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::ics::{self, IcsEvent};
use crate::records::{
    AccessRecord, AppointmentContent, AppointmentRecord, DeliveryRecord, EventType, ItemKind,
    Particulars, Tally,
};
use crate::store::{BatchFound, BatchRead, Condition, Transacted};
use crate::{clock, validate, App};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_PLACE_CHARS: usize = 300;
pub const MAX_NOTES_CHARS: usize = 2_000;
pub const MAX_CONTACTS: usize = 25;
/// The longest event: a two-week trial, not a calendar of its own.
const MAX_DAYS: i64 = 14;

/// A new event, or an edit's whole new content (an edit replaces every field it describes).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppointmentInput {
    pub title: String,
    /// RFC 3339 with an offset (`2027-01-05T15:00:00-05:00`): an instant.
    pub starts_at: String,
    pub ends_at: String,
    /// The IANA zone it is set in, shown beside the times.
    pub time_zone: String,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub video_url: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    /// Contacts (with active access) to share it with now; on an edit, added to those it is
    /// shared with.
    #[serde(default)]
    pub contact_ids: Vec<String>,
    /// On an edit, the sequence the editor read (another is 409); ignored on creation.
    #[serde(default)]
    pub sequence: Option<u32>,
}

fn optional(value: Option<&str>, check: impl Fn(&str) -> Result<String>) -> Result<Option<String>> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(check)
        .transpose()
}

/// The input's fields checked: a title, an end after the start and at most 14 days later,
/// a zone by its form, https video links.
pub fn content(input: &AppointmentInput) -> Result<AppointmentContent> {
    let instant = |field: &str, raw: &str| {
        clock::parse_rfc3339(raw.trim()).ok_or_else(|| {
            Error::validation(format!(
                "{field} must be a time with its offset, like 2027-01-05T15:00:00-05:00"
            ))
        })
    };
    let starts_at = instant("startsAt", &input.starts_at)?;
    let ends_at = instant("endsAt", &input.ends_at)?;
    let (start, end) = (clock::parse_stamp(&starts_at), clock::parse_stamp(&ends_at));
    match (start, end) {
        (Some(s), Some(e)) if e <= s => {
            return Err(Error::validation("endsAt must be after startsAt"));
        }
        (Some(s), Some(e)) if (e - s).whole_days() > MAX_DAYS => {
            return Err(Error::validation(format!(
                "an event lasts at most {MAX_DAYS} days"
            )));
        }
        _ => {}
    }
    Ok(AppointmentContent {
        title: validate::text("title", &input.title, MAX_TITLE_CHARS)?,
        starts_at,
        ends_at,
        time_zone: validate::time_zone("timeZone", &input.time_zone)?,
        place: optional(input.place.as_deref(), |v| {
            validate::text("place", v, MAX_PLACE_CHARS)
        })?,
        video_url: optional(input.video_url.as_deref(), |v| {
            validate::https_url("videoUrl", v)
        })?,
        notes: optional(input.notes.as_deref(), |v| {
            validate::message_text("notes", v, MAX_NOTES_CHARS)
        })?,
    })
}

/// An event's facts, which a digest words in its reader's language and in the zone the
/// event was set in.
pub fn particulars(a: &AppointmentRecord) -> Particulars {
    Particulars::Appointment {
        title: a.content.title.clone(),
        starts_at: a.content.starts_at.clone(),
        time_zone: a.content.time_zone.clone(),
    }
}

/// How the log names it: "Signing, 2027-01-05 20:00 UTC" (moved: with "moved to").
pub fn label(a: &AppointmentRecord, moved: bool) -> String {
    let a = &a.content;
    let when: String = a
        .starts_at
        .chars()
        .take(16)
        .collect::<String>()
        .replace('T', " ");
    if moved {
        format!("{}, moved to {when} UTC", a.title)
    } else {
        format!("{}, {when} UTC", a.title)
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SharedWith {
    pub contact_id: String,
    pub contact_name: String,
    pub shared_at: String,
}

/// What staff see of an event.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentView {
    pub appointment_id: String,
    #[serde(flatten)]
    pub content: AppointmentContent,
    pub sequence: u32,
    pub cancelled: bool,
    pub created_by: String,
    pub updated_at: String,
    pub shared_with: Vec<SharedWith>,
}

impl AppointmentView {
    fn of(a: AppointmentRecord, sent: &[DeliveryRecord]) -> Self {
        Self {
            shared_with: sent
                .iter()
                .filter(|s| s.item_id == a.appointment_id)
                .map(|s| SharedWith {
                    contact_id: s.contact_id.clone(),
                    contact_name: s.contact_name.clone(),
                    shared_at: s.sent_at.clone(),
                })
                .collect(),
            created_by: a.created_by.name,
            appointment_id: a.appointment_id,
            content: a.content,
            sequence: a.sequence,
            cancelled: a.cancelled,
            updated_at: a.updated_at,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentList {
    pub items: Vec<AppointmentView>,
}

/// What a contact sees of an event shared with them.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PortalAppointmentView {
    pub appointment_id: String,
    pub matter_id: String,
    pub matter_title: String,
    #[serde(flatten)]
    pub content: AppointmentContent,
    pub cancelled: bool,
    pub sequence: u32,
    pub shared_at: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PortalAppointmentList {
    pub items: Vec<PortalAppointmentView>,
}

async fn require(app: &App, matter_id: &str, appointment_id: &str) -> Result<AppointmentRecord> {
    let id = validate::id("appointmentId", appointment_id)?;
    app.table
        .get(&AppointmentRecord::key_for(matter_id, &id))
        .await?
        .ok_or_else(|| Error::not_found(format!("event {id} in matter {matter_id}")))
}

/// Shares the event with contacts who do not have it yet, each told in their digest.
async fn share(
    app: &App,
    staff: &Staff,
    a: &AppointmentRecord,
    contacts: &[AccessRecord],
) -> Result<Vec<DeliveryRecord>> {
    let sending = Sending {
        kind: ItemKind::Appointment,
        item_id: &a.appointment_id,
        matter_id: &a.matter_id,
        event: EventType::AppointmentShared,
        detail: label(a, false),
        particulars: particulars(a),
        message: None,
    };
    deliveries::send(app, staff, &sending, contacts).await
}

/// A new event of the matter, shared at once with the contacts named.
pub async fn create(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    input: AppointmentInput,
) -> Result<AppointmentView> {
    let matter = matters::require(app, matter_id).await?;
    let checked = content(&input)?;
    let contacts = if input.contact_ids.is_empty() {
        Vec::new()
    } else {
        let ids = validate::id_list("contactIds", &input.contact_ids, MAX_CONTACTS)?;
        sharing::active_contacts(app, &matter, &ids).await?
    };
    let now = clock::stamp(clock::now());
    let a = AppointmentRecord {
        appointment_id: crate::records::new_id(),
        matter_id: matter.matter_id.clone(),
        content: checked,
        sequence: 0,
        cancelled: false,
        created_at: now.clone(),
        created_by: staff.person(),
        updated_at: now.clone(),
    };
    let mut transaction = app.table.transaction();
    transaction.put(&a, Some(Condition::absent()))?;
    let event = Event::new(EventType::AppointmentCreated, staff.actor())
        .item(&a.appointment_id)
        .detail(label(&a, false));
    events::add(&mut transaction, &matter.matter_id, event)?;
    tally::note(&mut transaction, &matter.matter_id, Tally::NONE)?;
    if let Transacted::Cancelled(c) = app.table.commit(transaction).await? {
        return Err(Error::upstream("DynamoDB TransactWriteItems (event)", c));
    }
    let sent = share(app, staff, &a, &contacts).await?;
    Ok(AppointmentView::of(a, &sent))
}

/// Writes the event as changed (its sequence raised, under the condition that it is still
/// at the one read), with one event per contact it is shared with.
async fn rewrite(
    app: &App,
    staff: &Staff,
    before: &AppointmentRecord,
    after: &AppointmentRecord,
    kind: EventType,
    told: &[AccessRecord],
) -> Result<()> {
    let mut transaction = app.table.transaction();
    let guarded = transaction.put(
        after,
        Some(Condition::equals(
            crate::records::attr::SEQUENCE,
            i64::from(before.sequence),
        )),
    )?;
    let detail = label(after, kind == EventType::AppointmentMoved);
    let what = (kind, after.appointment_id.as_str(), detail.as_str());
    let facts = particulars(after);
    deliveries::tell(
        &mut transaction,
        staff,
        &after.matter_id,
        what,
        &facts,
        told,
    )?;
    match app.table.commit(transaction).await? {
        Transacted::Committed => Ok(()),
        Transacted::Cancelled(c) if c.failed_condition(guarded) => Err(Error::Conflict(format!(
            "“{}” was changed meanwhile: reload it and try again",
            before.content.title
        ))),
        Transacted::Cancelled(c) => Err(Error::upstream(
            "DynamoDB TransactWriteItems (event change)",
            c,
        )),
    }
}

/// Staff's change: the event's fields replaced (a cancelled event cannot change), its
/// sequence raised, each contact told ("moved" when its times changed); contacts named are
/// added.
pub async fn update(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    appointment_id: &str,
    input: AppointmentInput,
) -> Result<AppointmentView> {
    let matter = matters::require(app, matter_id).await?;
    let before = require(app, &matter.matter_id, appointment_id).await?;
    if before.cancelled {
        return Err(Error::Conflict(format!(
            "“{}” was cancelled: create a new event instead",
            before.content.title
        )));
    }
    if input.sequence != Some(before.sequence) {
        return Err(Error::Conflict(format!(
            "“{}” was changed meanwhile (sequence {}): reload it and try again",
            before.content.title, before.sequence
        )));
    }
    let checked = content(&input)?;
    let added = if input.contact_ids.is_empty() {
        Vec::new()
    } else {
        let ids = validate::id_list("contactIds", &input.contact_ids, MAX_CONTACTS)?;
        sharing::active_contacts(app, &matter, &ids).await?
    };
    let (mut sent, told) =
        deliveries::recipients(app, &matter, ItemKind::Appointment, &before.appointment_id).await?;
    let now = clock::stamp(clock::now());
    let mut after = before.clone();
    // A change that changes nothing raises no sequence and tells nobody.
    if before.content != checked {
        after = AppointmentRecord {
            content: checked,
            sequence: before.sequence + 1,
            updated_at: now.clone(),
            ..before.clone()
        };
        let (was, is) = (&before.content, &after.content);
        let moved = was.starts_at != is.starts_at || was.ends_at != is.ends_at;
        let kind = if moved {
            EventType::AppointmentMoved
        } else {
            EventType::AppointmentChanged
        };
        rewrite(app, staff, &before, &after, kind, &told).await?;
    }
    sent.extend(share(app, staff, &after, &added).await?);
    Ok(AppointmentView::of(after, &sent))
}

/// Cancels the event: kept, marked cancelled with its sequence raised, so that the contact's
/// calendar file says so; each contact is told.
pub async fn cancel(app: &App, staff: &Staff, matter_id: &str, appointment_id: &str) -> Result<()> {
    let matter = matters::require(app, matter_id).await?;
    let before = require(app, &matter.matter_id, appointment_id).await?;
    if before.cancelled {
        return Ok(());
    }
    let (_, told) =
        deliveries::recipients(app, &matter, ItemKind::Appointment, &before.appointment_id).await?;
    let after = AppointmentRecord {
        cancelled: true,
        sequence: before.sequence + 1,
        updated_at: clock::stamp(clock::now()),
        ..before.clone()
    };
    rewrite(
        app,
        staff,
        &before,
        &after,
        EventType::AppointmentCancelled,
        &told,
    )
    .await
}

/// Staff's Calendar: the matter's events by start, with whom each is shared.
pub async fn list(app: &App, matter_id: &str) -> Result<AppointmentList> {
    let matter = matters::require(app, matter_id).await?;
    let mut items = app
        .table
        .query_all(&AppointmentRecord::in_matter(&matter.matter_id))
        .await?;
    let sent = app
        .table
        .query_all(&DeliveryRecord::in_matter(
            &matter.matter_id,
            ItemKind::Appointment,
        ))
        .await?;
    items.sort_by(|a, b| {
        (&a.content.starts_at, &a.appointment_id).cmp(&(&b.content.starts_at, &b.appointment_id))
    });
    Ok(AppointmentList {
        items: items
            .into_iter()
            .map(|a| AppointmentView::of(a, &sent))
            .collect(),
    })
}

/// A contact's upcoming events (not yet ended at `now`), cancelled ones included so that
/// they see the cancellation, soonest first, on matters this session reaches.
pub fn upcoming(
    events: Vec<AppointmentRecord>,
    sent: Vec<DeliveryRecord>,
    contact: &Contact,
    now: &str,
) -> Vec<PortalAppointmentView> {
    let mut by_id: HashMap<(String, String), AppointmentRecord> = events
        .into_iter()
        .map(|a| ((a.matter_id.clone(), a.appointment_id.clone()), a))
        .collect();
    let mut views: Vec<PortalAppointmentView> = sent
        .into_iter()
        .filter_map(|s| {
            let a = by_id.remove(&(s.matter_id.clone(), s.item_id.clone()))?;
            let grant = contact.grant_on(&a.matter_id)?;
            (a.content.ends_at.as_str() > now).then(|| PortalAppointmentView {
                matter_title: grant.matter.matter_title.clone(),
                appointment_id: a.appointment_id,
                matter_id: a.matter_id,
                content: a.content,
                cancelled: a.cancelled,
                sequence: a.sequence,
                shared_at: s.sent_at,
            })
        })
        .collect();
    views.sort_by(|a, b| {
        (&a.content.starts_at, &a.appointment_id).cmp(&(&b.content.starts_at, &b.appointment_id))
    });
    views
}

/// The contact's upcoming events: their deliveries (one index query) and the events (one
/// BatchGetItem), so a change shows at once.
pub async fn mine(app: &App, contact: &Contact) -> Result<PortalAppointmentList> {
    let (sent, events) = deliveries::items_to_contact(
        app,
        contact,
        ItemKind::Appointment,
        AppointmentRecord::key_for,
    )
    .await?;
    let now = clock::stamp(clock::now());
    Ok(PortalAppointmentList {
        items: upcoming(events, sent, contact, &now),
    })
}

/// What the .ics route reads with the session: the contact's delivery and the event.
pub fn ics_reads(matter_id: &str, appointment_id: &str, contact_id: &str, batch: &mut BatchRead) {
    if validate::id("matterId", matter_id).is_err()
        || validate::id("appointmentId", appointment_id).is_err()
    {
        return;
    }
    batch.want(DeliveryRecord::key_for(
        matter_id,
        ItemKind::Appointment,
        appointment_id,
        contact_id,
    ));
    batch.want(AppointmentRecord::key_for(matter_id, appointment_id));
}

/// The event as the text of an .ics file for a contact it is shared with, on a matter their
/// session reaches (404 otherwise, as for any document not theirs).
pub fn ics_file(
    app: &App,
    contact: &Contact,
    found: &mut BatchFound,
    matter_id: &str,
    appointment_id: &str,
) -> Result<String> {
    let missing = || Error::not_found(format!("event {appointment_id}"));
    contact.grant_on(matter_id).ok_or_else(missing)?;
    let delivery: Option<DeliveryRecord> = found.take(&DeliveryRecord::key_for(
        matter_id,
        ItemKind::Appointment,
        appointment_id,
        &contact.id,
    ))?;
    delivery.ok_or_else(missing)?;
    let a: AppointmentRecord = found
        .take(&AppointmentRecord::key_for(matter_id, appointment_id))?
        .ok_or_else(missing)?;
    let host = app
        .config
        .portal_url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("portal");
    let uid = format!("{}@{host}", a.appointment_id);
    let stamp = clock::stamp(clock::now());
    Ok(ics::calendar(&IcsEvent {
        uid: &uid,
        sequence: a.sequence,
        stamp: &stamp,
        starts_at: &a.content.starts_at,
        ends_at: &a.content.ends_at,
        summary: &a.content.title,
        location: a.content.place.as_deref(),
        url: a.content.video_url.as_deref(),
        description: a.content.notes.as_deref(),
        cancelled: a.cancelled,
        organizer: (&app.config.firm_name, &app.config.sender_email),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures;

    fn input() -> AppointmentInput {
        AppointmentInput {
            title: " Signing ".into(),
            starts_at: "2027-01-05T15:00:00-05:00".into(),
            ends_at: "2027-01-05T16:30:00-05:00".into(),
            time_zone: "America/New_York".into(),
            place: Some("  ".into()),
            video_url: Some("https://meet.example.com/j/1".into()),
            notes: Some("Bring ID".into()),
            contact_ids: Vec::new(),
            sequence: None,
        }
    }

    fn record(content: AppointmentContent) -> AppointmentRecord {
        AppointmentRecord {
            appointment_id: "a1".into(),
            matter_id: "m1".into(),
            content,
            sequence: 0,
            cancelled: false,
            created_at: "t".into(),
            created_by: fixtures::person("s1"),
            updated_at: "t".into(),
        }
    }

    #[test]
    fn times_are_kept_in_utc_and_fields_checked() {
        let c = content(&input()).expect("content");
        assert_eq!(c.title, "Signing");
        assert_eq!(c.starts_at, "2027-01-05T20:00:00.000000Z");
        assert_eq!(c.ends_at, "2027-01-05T21:30:00.000000Z");
        assert_eq!(c.place, None, "blank is none");
        let refused = |change: fn(&mut AppointmentInput)| {
            let mut i = input();
            change(&mut i);
            content(&i).expect_err("refused").public_message()
        };
        assert!(refused(|i| i.ends_at = i.starts_at.clone()).contains("after startsAt"));
        assert!(refused(|i| i.ends_at = "2027-01-25T15:00:00-05:00".into()).contains("14 days"));
        assert!(refused(|i| i.starts_at = "2027-01-05 15:00".into()).contains("offset"));
        assert!(refused(|i| i.time_zone = "Eastern Time".into()).contains("IANA"));
        assert!(refused(|i| i.video_url = Some("http://x.example".into())).contains("https"));
        assert!(refused(|i| i.title = "".into()).contains("title"));
    }

    #[test]
    fn an_edit_that_changes_nothing_is_no_change_and_labels_say_when() {
        let c = content(&input()).expect("content");
        let a = record(c.clone());
        // `update` tells of a change only when the checked content differs from the stored.
        assert_eq!(a.content, c, "the same input is no change");
        let moved = AppointmentContent {
            starts_at: "2027-01-06T20:00:00.000000Z".into(),
            ..c.clone()
        };
        assert_ne!(a.content, moved);
        assert_ne!(a.content, AppointmentContent { notes: None, ..c });
        assert_eq!(label(&a, false), "Signing, 2027-01-05 20:00 UTC");
        assert_eq!(label(&a, true), "Signing, moved to 2027-01-05 20:00 UTC");
    }

    #[test]
    fn a_contact_sees_their_upcoming_events_soonest_first_on_matters_they_reach() {
        let c = content(&input()).expect("content");
        let mut soon = record(c.clone());
        soon.appointment_id = "soon".into();
        let mut later = record(c.clone());
        later.appointment_id = "later".into();
        later.content.starts_at = "2027-02-01T10:00:00.000000Z".into();
        later.content.ends_at = "2027-02-01T11:00:00.000000Z".into();
        later.cancelled = true;
        let mut past = record(c.clone());
        past.appointment_id = "past".into();
        past.content.ends_at = "2026-01-01T00:00:00.000000Z".into();
        let mut elsewhere = record(c);
        elsewhere.appointment_id = "elsewhere".into();
        elsewhere.matter_id = "m2".into();
        let sent =
            |id: &str, matter: &str| fixtures::delivery(ItemKind::Appointment, id, matter, "t");
        let contact = Contact::for_tests(vec![fixtures::grant("m1", "c1")]);
        let views = upcoming(
            vec![later, soon, past, elsewhere],
            vec![
                sent("later", "m1"),
                sent("soon", "m1"),
                sent("past", "m1"),
                sent("elsewhere", "m2"),
            ],
            &contact,
            "2026-12-03T00:00:00.000000Z",
        );
        let ids: Vec<(&str, bool)> = views
            .iter()
            .map(|v| (v.appointment_id.as_str(), v.cancelled))
            .collect();
        assert_eq!(ids, [("soon", false), ("later", true)]);
    }
}
