//! The portal's home: what needs the contact now (bills still owed, upcoming events, open
//! tasks, unread messages, new documents) and everything shared with them across their
//! matters, newest shared first (as Clio sorts it: by when the item was shared).
//!
//! Read in four DynamoDB calls however many kinds there are: the session's BatchGetItem, the
//! contact's deliveries of every kind (one index query), the newest page of their documents,
//! and one BatchGetItem for the bills, events and tasks those deliveries name and the
//! conversation on each matter. Each kind's own rules make its rows (`bills`,
//! `appointments`, `tasks`, `portal`), so the home shows what their lists show.

use super::appointments::{self, PortalAppointmentView};
use super::bills::{self, BillStatus, PortalBillView};
use super::deliveries;
use super::listing::ListQuery;
use super::portal::{self, PortalDocumentView};
use super::sessions::Contact;
use super::tasks::{self, PortalTaskView, TaskStatus};
use crate::error::Result;
use crate::records::{
    ActorKind, AppointmentRecord, BillKind, BillRecord, ConversationRecord, DeliveryRecord,
    ItemKind, TaskRecord,
};
use crate::store::{BatchFound, BatchRead, Key};
use crate::{clock, App};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::HashMap;

/// The newest documents the home looks at (the Documents list pages through the rest).
pub const HOME_DOCUMENTS: usize = 25;
/// The most items the chronological list shows.
pub const HOME_SHARED: usize = 50;
/// The most upcoming events the home shows (soonest first).
pub const HOME_EVENTS: usize = 5;

/// A conversation with messages the contact has not read.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnreadView {
    pub matter_id: String,
    pub matter_title: String,
    pub unread: i64,
}

/// What needs the contact now.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Needs {
    /// Unpaid, past due, requested: past due first.
    pub bills: Vec<PortalBillView>,
    /// Not yet ended and not cancelled, soonest first.
    pub appointments: Vec<PortalAppointmentView>,
    /// Open and overdue, by due day.
    pub tasks: Vec<PortalTaskView>,
    pub conversations: Vec<UnreadView>,
    /// Shared with them and not opened since it came (new, or a new version).
    pub documents: Vec<PortalDocumentView>,
}

/// What kind of thing was shared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SharedKind {
    Document,
    Bill,
    TrustRequest,
    Appointment,
    Task,
}

/// One thing shared with the contact, as the chronological list names it.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SharedItem {
    pub kind: SharedKind,
    /// The document's, bill's, event's or task's id.
    pub id: String,
    pub matter_id: String,
    pub matter_title: String,
    pub title: String,
    pub shared_at: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HomeView {
    /// The firm's day the statuses were computed for.
    pub today: String,
    pub needs: Needs,
    /// Newest shared first, at most [`HOME_SHARED`].
    pub shared: Vec<SharedItem>,
}

fn want_all<T>(batch: &mut BatchRead, keys: impl Iterator<Item = Key<T>>) -> Vec<Key<T>> {
    keys.map(|k| batch.want(k)).collect()
}

fn take_all<T: DeserializeOwned>(found: &mut BatchFound, keys: &[Key<T>]) -> Result<Vec<T>> {
    let mut records = Vec::with_capacity(keys.len());
    for key in keys {
        records.extend(found.take(key)?);
    }
    Ok(records)
}

fn of_kind(sent: &[DeliveryRecord], kind: ItemKind) -> Vec<DeliveryRecord> {
    sent.iter().filter(|s| s.kind == kind).cloned().collect()
}

/// The contact's home.
pub async fn home(app: &App, contact: &Contact) -> Result<HomeView> {
    let sent = deliveries::everything_to_contact(app, contact).await?;
    let mut query = ListQuery::parse(&HashMap::new())?;
    query.limit = HOME_DOCUMENTS;
    let documents = portal::portal_documents(app, contact, &query).await?.items;

    let mut batch = BatchRead::new();
    let keys = |kind| {
        sent.iter()
            .filter(move |s: &&DeliveryRecord| s.kind == kind)
    };
    let bill_keys = want_all(
        &mut batch,
        keys(ItemKind::Bill).map(|s| BillRecord::key_for(&s.matter_id, &s.item_id)),
    );
    let event_keys = want_all(
        &mut batch,
        keys(ItemKind::Appointment).map(|s| AppointmentRecord::key_for(&s.matter_id, &s.item_id)),
    );
    let task_keys = want_all(
        &mut batch,
        keys(ItemKind::Task).map(|s| TaskRecord::key_for(&s.matter_id, &s.item_id)),
    );
    let conversation_keys = want_all(
        &mut batch,
        contact
            .grants
            .iter()
            .map(|g| ConversationRecord::key_for(&g.matter_id, &contact.id)),
    );
    let mut found = app.table.read_batch(batch).await?;
    let found = Found {
        bills: take_all(&mut found, &bill_keys)?,
        events: take_all(&mut found, &event_keys)?,
        tasks: take_all(&mut found, &task_keys)?,
        conversations: take_all(&mut found, &conversation_keys)?,
    };
    let today = clock::date_in(&app.config.firm_time_zone, clock::now())?;
    let now = clock::stamp(clock::now());
    let pay = app.config.payment_url_template.as_deref();
    Ok(compose(
        contact,
        &sent,
        found,
        documents,
        (&today, &now, pay),
    ))
}

/// The records the deliveries and the matters name.
pub struct Found {
    pub bills: Vec<BillRecord>,
    pub events: Vec<AppointmentRecord>,
    pub tasks: Vec<TaskRecord>,
    pub conversations: Vec<ConversationRecord>,
}

/// The home from what was read: each kind's rows by its own rules, then what needs the
/// contact and the chronological list.
pub fn compose(
    contact: &Contact,
    sent: &[DeliveryRecord],
    found: Found,
    documents: Vec<PortalDocumentView>,
    (today, now, pay): (&str, &str, Option<&str>),
) -> HomeView {
    let mut shared = timeline(contact, sent, &found, &documents);
    shared.truncate(HOME_SHARED);
    let mut owed: Vec<PortalBillView> = bills::portal_views(
        found.bills,
        of_kind(sent, ItemKind::Bill),
        contact,
        today,
        pay,
    )
    .into_iter()
    .filter(|b| {
        matches!(
            b.status,
            BillStatus::Unpaid | BillStatus::PastDue | BillStatus::Requested
        )
    })
    .collect();
    owed.sort_by_key(|b| b.status != BillStatus::PastDue);
    let mut upcoming: Vec<PortalAppointmentView> = appointments::upcoming(
        found.events,
        of_kind(sent, ItemKind::Appointment),
        contact,
        now,
    )
    .into_iter()
    .filter(|a| !a.cancelled)
    .collect();
    upcoming.truncate(HOME_EVENTS);
    let open_tasks = tasks::portal_views(&found.tasks, sent, contact, today)
        .into_iter()
        .filter(|t| t.task.status != TaskStatus::Done)
        .collect();
    let unread = found
        .conversations
        .iter()
        .filter_map(|c| {
            let grant = contact.grant_on(&c.matter_id)?;
            let unread = c.unread_by(ActorKind::Contact);
            (unread > 0).then(|| UnreadView {
                matter_id: c.matter_id.clone(),
                matter_title: grant.matter.matter_title.clone(),
                unread,
            })
        })
        .collect();
    HomeView {
        today: today.to_string(),
        needs: Needs {
            bills: owed,
            appointments: upcoming,
            tasks: open_tasks,
            conversations: unread,
            documents: documents
                .into_iter()
                .filter(|d| !d.uploaded_by_me && (d.is_new || d.is_updated))
                .collect(),
        },
        shared,
    }
}

/// Everything shared with the contact, newest shared first: the documents shared with them
/// (not their own uploads) and every bill, event and task sent to them that still exists.
pub fn timeline(
    contact: &Contact,
    sent: &[DeliveryRecord],
    found: &Found,
    documents: &[PortalDocumentView],
) -> Vec<SharedItem> {
    let mut titles: HashMap<(ItemKind, &str), (SharedKind, String)> = HashMap::new();
    for b in &found.bills {
        let kind = match b.kind {
            BillKind::Bill => SharedKind::Bill,
            BillKind::TrustRequest => SharedKind::TrustRequest,
        };
        titles.insert((ItemKind::Bill, &b.bill_id), (kind, bills::label(b)));
    }
    for a in &found.events {
        let title = a.content.title.clone();
        titles.insert(
            (ItemKind::Appointment, &a.appointment_id),
            (SharedKind::Appointment, title),
        );
    }
    for t in &found.tasks {
        titles.insert(
            (ItemKind::Task, &t.task_id),
            (SharedKind::Task, t.title.clone()),
        );
    }
    let matter_title = |m: &str| {
        contact
            .grant_on(m)
            .map(|g| g.matter.matter_title.clone())
            .unwrap_or_default()
    };
    let mut items: Vec<SharedItem> = sent
        .iter()
        .filter_map(|s| {
            let (kind, title) = titles.get(&(s.kind, s.item_id.as_str()))?;
            Some(SharedItem {
                kind: *kind,
                id: s.item_id.clone(),
                matter_id: s.matter_id.clone(),
                matter_title: matter_title(&s.matter_id),
                title: title.clone(),
                shared_at: s.sent_at.clone(),
            })
        })
        .chain(
            documents
                .iter()
                .filter(|d| !d.uploaded_by_me)
                .map(|d| SharedItem {
                    kind: SharedKind::Document,
                    id: d.document_id.clone(),
                    matter_id: d.matter_id.clone(),
                    matter_title: d.matter_title.clone(),
                    title: d.file_name.clone(),
                    shared_at: d.shared_at.clone(),
                }),
        )
        .collect();
    items.sort_by(|a, b| (&b.shared_at, &b.id).cmp(&(&a.shared_at, &a.id)));
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{fixtures, TaskState};

    #[test]
    fn the_home_lists_open_tasks_and_unread_messages_and_everything_sent_newest_first() {
        let contact = Contact::for_tests(vec![
            fixtures::grant("m1", "c1"),
            fixtures::grant("m2", "c1"),
        ]);
        let mut done = fixtures::task("t2", "m1", "c1");
        done.status = TaskState::Done;
        let mut talking = ConversationRecord::empty("m2", "c1");
        talking.unread_by_contact = 2;
        let found = Found {
            bills: Vec::new(),
            events: Vec::new(),
            tasks: vec![fixtures::task("t1", "m1", "c1"), done],
            conversations: vec![ConversationRecord::empty("m1", "c1"), talking],
        };
        let deliveries = [
            fixtures::delivery(ItemKind::Task, "t1", "m1", "2026-12-01T10:00:00.000000Z"),
            fixtures::delivery(ItemKind::Task, "t2", "m1", "2026-12-03T10:00:00.000000Z"),
            // Its task is gone: not listed.
            fixtures::delivery(ItemKind::Task, "gone", "m1", "2026-12-04T10:00:00.000000Z"),
        ];
        let home = compose(
            &contact,
            &deliveries,
            found,
            Vec::new(),
            ("2026-12-04", "2026-12-04T12:00:00.000000Z", None),
        );
        let open: Vec<&str> = home
            .needs
            .tasks
            .iter()
            .map(|t| t.task.task_id.as_str())
            .collect();
        assert_eq!(open, ["t1"], "done tasks need nothing");
        assert_eq!(home.needs.conversations.len(), 1);
        assert_eq!(home.needs.conversations[0].matter_id, "m2");
        assert_eq!(home.needs.conversations[0].unread, 2);
        let shared: Vec<(&str, SharedKind)> = home
            .shared
            .iter()
            .map(|s| (s.id.as_str(), s.kind))
            .collect();
        assert_eq!(shared, [("t2", SharedKind::Task), ("t1", SharedKind::Task)]);
        assert_eq!(home.shared[0].matter_title, "Matter m1");
    }
}
