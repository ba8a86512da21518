//! Tasks: something a contact of the matter is asked to do by a date, optionally by sending
//! back a document. Given to one contact, as a `DeliveryRecord` of kind task, so the portal
//! and the digests read it the way they read bills and calendar events.
//!
//! An open task is also in a sparse index by due date, so the daily "due tomorrow" pass is
//! one query however many matters there are; a done task leaves it.

use super::{matter_partition, stored_words, Person};
use crate::store::layout::GSI2;
use crate::store::{indexed_as, IndexKey, Key, Query, Stored};
use serde::{Deserialize, Serialize};

stored_words! {
    /// What is stored; overdue is not: it follows from the due date and the firm's day.
    pub enum TaskState {
        Open = "open",
        Done = "done",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskRecord {
    pub task_id: String,
    pub matter_id: String,
    /// Whom it is given to.
    pub contact_id: String,
    pub contact_name: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// A calendar date (YYYY-MM-DD) in the firm's time zone.
    pub due_on: String,
    /// The document the contact is asked to send back ("Signed engagement letter"), if any:
    /// their upload of it completes the task.
    #[serde(default)]
    pub document_wanted: Option<String>,
    pub status: TaskState,
    #[serde(default)]
    pub done_at: Option<String>,
    /// The upload that completed it, once attached.
    #[serde(default)]
    pub document_id: Option<String>,
    /// The firm's date the "due tomorrow" reminder was written for: once per task and date.
    #[serde(default)]
    pub reminded_on: Option<String>,
    pub created_at: String,
    pub created_by: Person,
}

const TASK_PREFIX: &str = "TASK#";
/// The sparse index partition of open tasks, sorted by due date.
const OPEN_TASKS: &str = "TASKS#OPEN";

fn due_prefix(due_on: &str) -> String {
    format!("DUE#{due_on}#")
}

impl TaskRecord {
    pub fn key_for(matter_id: &str, task_id: &str) -> Key<Self> {
        Key::new(
            matter_partition(matter_id),
            format!("{TASK_PREFIX}{task_id}"),
        )
    }

    pub fn in_matter(matter_id: &str) -> Query<Self> {
        Query::table(matter_partition(matter_id), TASK_PREFIX)
    }

    /// Open tasks due on a date, across every matter.
    pub fn open_due_on(due_on: &str) -> Query<Self> {
        Query::index(&GSI2, OPEN_TASKS.into(), due_prefix(due_on))
    }

    pub fn is_open(&self) -> bool {
        self.status == TaskState::Open
    }
}

impl Stored for TaskRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.matter_id, &self.task_id)
    }

    fn index_keys(&self) -> Vec<IndexKey> {
        if !self.is_open() {
            return Vec::new();
        }
        let sort = format!(
            "{}{}#{}",
            due_prefix(&self.due_on),
            self.matter_id,
            self.task_id
        );
        indexed_as(&GSI2, OPEN_TASKS.into(), sort).to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(status: TaskState) -> TaskRecord {
        TaskRecord {
            task_id: "t1".into(),
            matter_id: "m1".into(),
            contact_id: "c1".into(),
            contact_name: "Ann".into(),
            title: "Sign the letter".into(),
            description: None,
            due_on: "2027-01-05".into(),
            document_wanted: None,
            status,
            done_at: None,
            document_id: None,
            reminded_on: None,
            created_at: "t".into(),
            created_by: crate::records::fixtures::person("s1"),
        }
    }

    #[test]
    fn only_open_tasks_are_in_the_due_date_index() {
        let open = task(TaskState::Open);
        assert_eq!(open.key().sk, "TASK#t1");
        let indexed = open.index_keys();
        assert!(indexed.contains(&("gsi2pk", "TASKS#OPEN".into())));
        assert!(indexed.contains(&("gsi2sk", "DUE#2027-01-05#m1#t1".into())));
        let due = TaskRecord::open_due_on("2027-01-05");
        assert_eq!(due.spec().index, Some("gsi2"));
        assert_eq!(due.spec().sort_prefix.as_deref(), Some("DUE#2027-01-05#"));
        assert!(task(TaskState::Done).index_keys().is_empty());
    }
}
