//! A task's completion by its contact: their Done (`tasks`) or the acceptance of their
//! upload of the document it asks for (`intake`), in either one's transaction. Below both,
//! so that the one pipeline need not reach up to the tasks module.

use super::events::{self, Event};
use crate::clock;
use crate::error::Result;
use crate::records::{attr, Actor, EventType, Particulars, Person, TaskRecord, TaskState};
use crate::store::{Condition, Transaction};

/// How the log names a task: "Sign the letter, due 2027-01-05".
pub fn label(task: &TaskRecord) -> String {
    format!("{}, due {}", task.title, task.due_on)
}

/// A task's facts, which a digest words in its reader's language.
pub fn particulars(task: &TaskRecord) -> Particulars {
    Particulars::Task {
        title: task.title.clone(),
        due_on: task.due_on.clone(),
    }
}

/// Adds to a transaction the task's completion by its contact (only while it is still
/// open: the index of that condition is returned, with the task as it will stand), with the
/// `taskDone` event for the firm's recipients; `document`: the upload that completed it.
pub fn complete(
    transaction: &mut Transaction,
    task: &TaskRecord,
    document: Option<(&str, &str)>,
    firm: Vec<Person>,
) -> Result<(usize, TaskRecord)> {
    let now = clock::stamp(clock::now());
    let done = TaskRecord {
        status: TaskState::Done,
        done_at: Some(now),
        document_id: document.map(|(id, _)| id.to_string()),
        ..task.clone()
    };
    let open = transaction.put(
        &done,
        Some(Condition::equals(attr::STATUS, TaskState::Open)),
    )?;
    let mut event = Event::new(
        EventType::TaskDone,
        Actor::contact(&task.contact_id, &task.contact_name),
    )
    .item(&task.task_id)
    .contact(&task.contact_id, &task.contact_name)
    .detail(label(task))
    .particulars(particulars(task))
    .notify(firm);
    if let Some((id, file_name)) = document {
        event = event.document(id, file_name);
    }
    events::add(transaction, &task.matter_id, event)?;
    Ok((open, done))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures;

    #[test]
    fn a_task_completed_is_done_with_the_upload_that_did_it_and_its_event_for_the_firm() {
        let task = fixtures::task("t1", "m1", "c1");
        assert_eq!(label(&task), "Task t1, due 2027-01-05");
        let mut transaction = Transaction::detached();
        let (open, done) = complete(
            &mut transaction,
            &task,
            Some(("d1", "Signed.pdf")),
            vec![fixtures::person("owner")],
        )
        .expect("added");
        assert_eq!(open, 0, "the task's write is the condition to watch");
        assert_eq!(transaction.len(), 2, "the task and its event");
        assert_eq!(done.status, TaskState::Done);
        assert_eq!(done.document_id.as_deref(), Some("d1"));
        assert!(done.done_at.is_some());
        assert_eq!((&done.task_id, &done.title), (&task.task_id, &task.title));

        let mut transaction = Transaction::detached();
        let (_, by_hand) = complete(&mut transaction, &task, None, Vec::new()).expect("added");
        assert_eq!(by_hand.document_id, None, "marked done, no upload");
    }
}
