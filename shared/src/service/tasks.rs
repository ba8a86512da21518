//! Tasks: staff give a contact of the matter something to do by a date, optionally a document
//! to send back; the contact marks it done, or uploads that document, which completes it (in
//! the upload's acceptance, `intake`; both through `completion`). Staff see each task open, overdue or done; the day
//! before it is due the contact is reminded once ("Task due tomorrow").
//!
//! A task reaches its contact as a `DeliveryRecord`, as bills and calendar events do, so the
//! portal reads the task itself and the digests check it the same way.

use super::deliveries::{self, Sending};
use super::events::{self, Event};
use super::sessions::Contact;
use super::{completion, matters, sharing, tally};
use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::records::{
    attr, AccessRecord, Actor, DeliveryRecord, EventType, ItemKind, Person, Tally, TaskRecord,
    TaskState,
};
use crate::store::{Change, Condition, Key, Stored, Transacted};
use crate::{clock, validate, App};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;
pub const MAX_WANTED_CHARS: usize = 200;

/// A new task for one contact of the matter.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaskInput {
    pub contact_id: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// YYYY-MM-DD, a day in the firm's time zone.
    pub due_on: String,
    /// The document to send back, by what it is ("Signed engagement letter"); none: the
    /// contact only marks it done.
    #[serde(default)]
    pub document_wanted: Option<String>,
}

/// Where a task stands: overdue is open after its due day (in the firm's time zone).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TaskStatus {
    Open,
    Overdue,
    Done,
}

/// Done when done; overdue from the day after it is due (due today is still open).
pub fn status(task: &TaskRecord, today: &str) -> TaskStatus {
    match task.status {
        TaskState::Done => TaskStatus::Done,
        TaskState::Open if task.due_on.as_str() < today => TaskStatus::Overdue,
        TaskState::Open => TaskStatus::Open,
    }
}

fn optional(value: Option<&str>, field: &str, max: usize) -> Result<Option<String>> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| validate::message_text(field, v, max))
        .transpose()
}

/// A new open task from the input, for `contact`. A due date before yesterday (UTC, so that
/// no zone's rules are needed here) is refused: a task cannot start overdue by days.
pub fn new_task(
    input: &TaskInput,
    contact: &AccessRecord,
    staff: Person,
    now: time::OffsetDateTime,
) -> Result<TaskRecord> {
    let due_on = clock::parse_date(&input.due_on)
        .ok_or_else(|| Error::validation("dueOn must be a date: YYYY-MM-DD"))?;
    let earliest = clock::add_days(&clock::utc_date(now), -1).unwrap_or_default();
    if due_on < earliest {
        return Err(Error::validation(format!(
            "dueOn {due_on} is in the past: give a day from today on"
        )));
    }
    Ok(TaskRecord {
        task_id: crate::records::new_id(),
        matter_id: contact.matter_id.clone(),
        contact_id: contact.contact_id.clone(),
        contact_name: contact.name.clone(),
        title: validate::text("title", &input.title, MAX_TITLE_CHARS)?,
        description: optional(
            input.description.as_deref(),
            "description",
            MAX_DESCRIPTION_CHARS,
        )?,
        due_on,
        document_wanted: optional(
            input.document_wanted.as_deref(),
            "documentWanted",
            MAX_WANTED_CHARS,
        )?,
        status: TaskState::Open,
        done_at: None,
        document_id: None,
        reminded_on: None,
        created_at: clock::stamp(now),
        created_by: staff,
    })
}

/// What both faces show of a task.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskFacts {
    pub task_id: String,
    pub title: String,
    pub description: Option<String>,
    pub due_on: String,
    pub document_wanted: Option<String>,
    pub status: TaskStatus,
    pub done_at: Option<String>,
    /// The upload that completed it.
    pub document_id: Option<String>,
}

impl TaskFacts {
    fn of(task: &TaskRecord, today: &str) -> Self {
        Self {
            task_id: task.task_id.clone(),
            title: task.title.clone(),
            description: task.description.clone(),
            due_on: task.due_on.clone(),
            document_wanted: task.document_wanted.clone(),
            status: status(task, today),
            done_at: task.done_at.clone(),
            document_id: task.document_id.clone(),
        }
    }
}

/// What staff see of a task.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskView {
    #[serde(flatten)]
    pub task: TaskFacts,
    pub contact_id: String,
    pub contact_name: String,
    pub created_by: String,
    pub created_at: String,
}

impl TaskView {
    fn of(task: &TaskRecord, today: &str) -> Self {
        Self {
            task: TaskFacts::of(task, today),
            contact_id: task.contact_id.clone(),
            contact_name: task.contact_name.clone(),
            created_by: task.created_by.name.clone(),
            created_at: task.created_at.clone(),
        }
    }
}

/// A matter's tasks with the firm's day their status was computed for.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskList {
    pub items: Vec<TaskView>,
    pub today: String,
}

/// What a contact sees of a task given to them.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PortalTaskView {
    #[serde(flatten)]
    pub task: TaskFacts,
    pub matter_id: String,
    pub matter_title: String,
    pub assigned_at: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PortalTaskList {
    pub items: Vec<PortalTaskView>,
    pub today: String,
}

/// A new task for one contact with active access, given in one transaction with its
/// delivery and the `taskAssigned` event that tells them.
///
/// The answer's status is computed against UTC's day: the firm's zone rules live only in
/// the reading function (see `bills`), and a new task is at most a day from it.
pub async fn create(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    input: TaskInput,
) -> Result<TaskView> {
    let matter = matters::require(app, matter_id).await?;
    let contact_id = validate::id("contactId", &input.contact_id)?;
    let contacts = sharing::active_contacts(app, &matter, &[contact_id]).await?;
    let contact = contacts
        .first()
        .ok_or_else(|| Error::validation("contactId names no contact"))?;
    let now = clock::now();
    let task = new_task(&input, contact, staff.person(), now)?;
    let sending = Sending {
        kind: ItemKind::Task,
        item_id: &task.task_id,
        matter_id: &task.matter_id,
        event: EventType::TaskAssigned,
        detail: completion::label(&task),
        particulars: completion::particulars(&task),
        message: None,
    };
    let mut transaction = app.table.transaction();
    transaction.put(&task, Some(Condition::absent()))?;
    deliveries::deliver(&mut transaction, staff, &sending, contact, &task.created_at)?;
    tally::note(&mut transaction, &matter.matter_id, Tally::NONE)?;
    if let Transacted::Cancelled(c) = app.table.commit(transaction).await? {
        return Err(Error::upstream("DynamoDB TransactWriteItems (task)", c));
    }
    Ok(TaskView::of(&task, &clock::utc_date(now)))
}

fn today(app: &App) -> Result<String> {
    clock::date_in(&app.config.firm_time_zone, clock::now())
}

/// Staff withdraw a task given by mistake: the task and its delivery go in one transaction
/// with a `taskWithdrawn` event, so it leaves the contact's portal and home at once, and the
/// digest lines about it still waiting are dropped at send time (its delivery is gone). A
/// task already withdrawn is not found.
pub async fn withdraw(app: &App, staff: &Staff, matter_id: &str, task_id: &str) -> Result<()> {
    let matter = matters::require(app, matter_id).await?;
    let task_id = validate::id("taskId", task_id)?;
    let task = app
        .table
        .get(&TaskRecord::key_for(&matter.matter_id, &task_id))
        .await?
        .ok_or_else(|| Error::not_found(format!("task {task_id} in matter {matter_id}")))?;
    let mut transaction = app.table.transaction();
    transaction.delete(&task.key(), Some(Condition::exists()))?;
    let delivery = DeliveryRecord::key_for(
        &task.matter_id,
        ItemKind::Task,
        &task.task_id,
        &task.contact_id,
    );
    transaction.delete(&delivery, None)?;
    let event = Event::new(EventType::TaskWithdrawn, staff.actor())
        .item(&task.task_id)
        .contact(&task.contact_id, &task.contact_name)
        .detail(completion::label(&task));
    events::add(&mut transaction, &task.matter_id, event)?;
    tally::note(&mut transaction, &task.matter_id, Tally::NONE)?;
    match app.table.commit(transaction).await? {
        Transacted::Committed => Ok(()),
        Transacted::Cancelled(c) if c.any_failed_condition() => Err(Error::not_found(format!(
            "task {task_id} in matter {matter_id}"
        ))),
        Transacted::Cancelled(c) => Err(Error::upstream(
            "DynamoDB TransactWriteItems (task withdrawn)",
            c,
        )),
    }
}

/// The matter's tasks: open and overdue first by due date, then done, newest done first.
pub async fn list(app: &App, matter_id: &str) -> Result<TaskList> {
    let matter = matters::require(app, matter_id).await?;
    let tasks = app
        .table
        .query_all(&TaskRecord::in_matter(&matter.matter_id))
        .await?;
    let today = today(app)?;
    let mut items: Vec<TaskView> = tasks.iter().map(|t| TaskView::of(t, &today)).collect();
    items.sort_by(|a, b| order(&a.task).cmp(&order(&b.task)));
    Ok(TaskList { items, today })
}

/// Open before done; open by due date, done newest first; then by title.
fn order(task: &TaskFacts) -> (bool, &str, std::cmp::Reverse<Option<&str>>, &str) {
    let done = task.status == TaskStatus::Done;
    let due = if done { "" } else { task.due_on.as_str() };
    let done_at = std::cmp::Reverse(task.done_at.as_deref());
    (done, due, done_at, task.title.as_str())
}

/// A contact's tasks across the matters this session reaches (one index query, one
/// BatchGetItem), in the order of [`order`].
pub async fn mine(app: &App, contact: &Contact) -> Result<PortalTaskList> {
    let (sent, tasks) =
        deliveries::items_to_contact(app, contact, ItemKind::Task, TaskRecord::key_for).await?;
    let today = today(app)?;
    Ok(PortalTaskList {
        items: portal_views(&tasks, &sent, contact, &today),
        today,
    })
}

/// A contact's rows: one per task given to them that still exists on a matter their session
/// reaches, in the order of [`order`].
pub fn portal_views(
    tasks: &[TaskRecord],
    sent: &[DeliveryRecord],
    contact: &Contact,
    today: &str,
) -> Vec<PortalTaskView> {
    let assigned: HashMap<&str, &str> = sent
        .iter()
        .filter(|s| s.kind == ItemKind::Task)
        .map(|s| (s.item_id.as_str(), s.sent_at.as_str()))
        .collect();
    let mut items: Vec<PortalTaskView> = tasks
        .iter()
        .filter(|t| t.contact_id == contact.id)
        .filter_map(|t| {
            let grant = contact.grant_on(&t.matter_id)?;
            Some(PortalTaskView {
                task: TaskFacts::of(t, today),
                matter_id: t.matter_id.clone(),
                matter_title: grant.matter.matter_title.clone(),
                assigned_at: assigned.get(t.task_id.as_str())?.to_string(),
            })
        })
        .collect();
    items.sort_by(|a, b| order(&a.task).cmp(&order(&b.task)));
    items
}

/// The contact's own open task on a matter their session reaches; anyone else's, or one on
/// another matter, is not found.
pub async fn own_task(
    app: &App,
    contact: &Contact,
    matter_id: &str,
    task_id: &str,
) -> Result<TaskRecord> {
    let matter_id = validate::id("matterId", matter_id)?;
    let task_id = validate::id("taskId", task_id)?;
    let not_found = || Error::not_found(format!("task {task_id}"));
    contact.grant_on(&matter_id).ok_or_else(not_found)?;
    app.table
        .get(&TaskRecord::key_for(&matter_id, &task_id))
        .await?
        .filter(|t| t.contact_id == contact.id)
        .ok_or_else(not_found)
}

/// The contact marks their task done; done already is answered as it stands.
pub async fn mark_done(
    app: &App,
    contact: &Contact,
    matter_id: &str,
    task_id: &str,
) -> Result<PortalTaskView> {
    let task = own_task(app, contact, matter_id, task_id).await?;
    let matter_title = contact
        .grant_on(&task.matter_id)
        .map(|g| g.matter.matter_title.clone())
        .unwrap_or_default();
    let today = clock::utc_date(clock::now());
    let view = |t: &TaskRecord| PortalTaskView {
        task: TaskFacts::of(t, &today),
        matter_id: t.matter_id.clone(),
        matter_title: matter_title.clone(),
        assigned_at: t.created_at.clone(),
    };
    if !task.is_open() {
        return Ok(view(&task));
    }
    let matter = matters::require(app, &task.matter_id).await?;
    let mut transaction = app.table.transaction();
    let (open, done) =
        completion::complete(&mut transaction, &task, None, matter.firm_recipients())?;
    match app.table.commit(transaction).await? {
        Transacted::Committed => Ok(view(&done)),
        // Done meanwhile (by its upload): answered as it stands now.
        Transacted::Cancelled(c) if c.failed_condition(open) => {
            let now = app.table.get(&task.key()).await?;
            Ok(view(now.as_ref().unwrap_or(&done)))
        }
        Transacted::Cancelled(c) => Err(Error::upstream(
            "DynamoDB TransactWriteItems (task done)",
            c,
        )),
    }
}

/// What one scheduled pass of reminders did.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Reminded {
    pub due_on: String,
    pub reminded: usize,
    /// Already reminded for that day, or whose contact no longer has access.
    pub skipped: usize,
}

/// Reminds each contact of their open tasks due tomorrow in the firm's time zone: one
/// `taskDueSoon` event per task and date, however often the schedule runs (the task records
/// the date in the same transaction, under the condition that it has not yet).
pub async fn remind_due_tomorrow(app: &App) -> Result<Reminded> {
    let today = today(app)?;
    let due_on = clock::add_days(&today, 1)
        .ok_or_else(|| Error::internal(format!("the day after {today}")))?;
    let due = app
        .table
        .query_all(&TaskRecord::open_due_on(&due_on))
        .await?;
    let pending: Vec<&TaskRecord> = due
        .iter()
        .filter(|t| t.reminded_on.as_deref() != Some(due_on.as_str()))
        .collect();
    let mut outcome = Reminded {
        skipped: due.len() - pending.len(),
        due_on: due_on.clone(),
        ..Reminded::default()
    };
    if pending.is_empty() {
        return Ok(outcome);
    }
    let keys: Vec<Key<AccessRecord>> = pending
        .iter()
        .map(|t| AccessRecord::key_for(&t.matter_id, &t.contact_id))
        .collect();
    let stamp = clock::stamp(clock::now());
    let grants: Vec<AccessRecord> = app.table.batch_get(&keys).await?;
    for task in pending {
        let grant = grants.iter().find(|g| {
            g.matter_id == task.matter_id
                && g.contact_id == task.contact_id
                && g.is_active_at(&stamp)
        });
        let Some(grant) = grant else {
            outcome.skipped += 1;
            continue;
        };
        let mut transaction = app.table.transaction();
        let change = Change::new()
            .set(attr::REMINDED_ON, due_on.as_str())
            .when(Condition::equals(attr::STATUS, TaskState::Open))
            .when(Condition::not_equals(attr::REMINDED_ON, due_on.as_str()));
        let marked = transaction.update(&task.key(), change)?;
        let event = Event::new(EventType::TaskDueSoon, Actor::system())
            .item(&task.task_id)
            .contact(&task.contact_id, &task.contact_name)
            .detail(completion::label(task))
            .particulars(completion::particulars(task))
            .notify(vec![grant.contact()]);
        events::add(&mut transaction, &task.matter_id, event)?;
        match app.table.commit(transaction).await? {
            Transacted::Committed => outcome.reminded += 1,
            Transacted::Cancelled(c) if c.failed_condition(marked) => outcome.skipped += 1,
            Transacted::Cancelled(c) => {
                return Err(Error::upstream("DynamoDB TransactWriteItems (reminder)", c))
            }
        }
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures;

    fn input(due_on: &str) -> TaskInput {
        TaskInput {
            contact_id: "c1".into(),
            title: "  Sign the engagement letter ".into(),
            description: Some("  ".into()),
            due_on: due_on.into(),
            document_wanted: Some("Signed letter".into()),
        }
    }

    fn at(stamp: &str) -> time::OffsetDateTime {
        time::OffsetDateTime::parse(stamp, &time::format_description::well_known::Rfc3339)
            .expect("instant")
    }

    #[test]
    fn a_new_task_is_checked_and_open_for_its_contact() {
        let grant = fixtures::grant("m1", "c1");
        let now = at("2027-01-05T10:00:00Z");
        let task =
            new_task(&input("2027-01-06"), &grant, fixtures::person("s1"), now).expect("task");
        assert_eq!(task.title, "Sign the engagement letter");
        assert_eq!(task.description, None, "blank is none");
        assert_eq!(task.document_wanted.as_deref(), Some("Signed letter"));
        assert_eq!(
            (task.matter_id.as_str(), task.contact_id.as_str()),
            ("m1", "c1")
        );
        assert!(task.is_open());
        // Yesterday in UTC may be today in the firm's zone; the day before is refused.
        assert!(new_task(&input("2027-01-04"), &grant, fixtures::person("s1"), now).is_ok());
        let past = new_task(&input("2027-01-03"), &grant, fixtures::person("s1"), now);
        assert!(matches!(past, Err(Error::Validation(m)) if m.contains("in the past")));
        let bad = new_task(&input("05/01/2027"), &grant, fixtures::person("s1"), now);
        assert!(matches!(bad, Err(Error::Validation(m)) if m.contains("YYYY-MM-DD")));
        let mut untitled = input("2027-01-06");
        untitled.title = " ".into();
        assert!(new_task(&untitled, &grant, fixtures::person("s1"), now).is_err());
    }

    #[test]
    fn a_task_is_overdue_from_the_day_after_it_is_due_until_done() {
        let grant = fixtures::grant("m1", "c1");
        let now = at("2027-01-05T10:00:00Z");
        let mut task =
            new_task(&input("2027-01-06"), &grant, fixtures::person("s1"), now).expect("task");
        assert_eq!(status(&task, "2027-01-05"), TaskStatus::Open);
        assert_eq!(status(&task, "2027-01-06"), TaskStatus::Open, "due today");
        assert_eq!(status(&task, "2027-01-07"), TaskStatus::Overdue);
        task.status = TaskState::Done;
        assert_eq!(status(&task, "2027-01-07"), TaskStatus::Done);
    }

    #[test]
    fn open_tasks_come_first_by_due_date_then_done_ones_newest_first() {
        let facts = |id: &str, due: &str, done_at: Option<&str>| TaskFacts {
            task_id: id.into(),
            title: id.into(),
            description: None,
            due_on: due.into(),
            document_wanted: None,
            status: if done_at.is_some() {
                TaskStatus::Done
            } else {
                TaskStatus::Open
            },
            done_at: done_at.map(Into::into),
            document_id: None,
        };
        let mut all = [
            facts(
                "done-old",
                "2027-01-01",
                Some("2027-01-02T00:00:00.000000Z"),
            ),
            facts("later", "2027-03-01", None),
            facts(
                "done-new",
                "2027-01-01",
                Some("2027-01-09T00:00:00.000000Z"),
            ),
            facts("sooner", "2027-02-01", None),
        ];
        all.sort_by(|a, b| order(a).cmp(&order(b)));
        let ids: Vec<&str> = all.iter().map(|t| t.task_id.as_str()).collect();
        assert_eq!(ids, ["sooner", "later", "done-new", "done-old"]);
    }
}
