//! Tasks on the emulator through the real handlers: given to one contact, reminded once the
//! day before they are due, completed by the contact's Done or by their upload of the
//! document asked for (in the upload's acceptance), told to the firm, judged open, overdue
//! or done against the firm's day; and the boundaries (another contact, another matter,
//! revoked access, bad input); a task given by mistake withdrawn in three DynamoDB calls.

use integration_tests::faults::MailRecorder;
use integration_tests::observe::{CallCounter, SharedInterceptor};
use integration_tests::{Access, Stack};
use serde_json::{json, Value};
use shared::clock;
use shared::email::long_date;
use shared::locale::Language;
use std::collections::BTreeMap;

fn task(contact: &str, title: &str, due_on: &str, wanted: Option<&str>) -> Value {
    json!({
        "contactId": contact,
        "title": title,
        "description": "Page 3, in blue ink.",
        "dueOn": due_on,
        "documentWanted": wanted,
    })
}

fn id(view: &Value) -> String {
    view["taskId"].as_str().expect("taskId").to_string()
}

/// The firm's day, and the next.
fn firm_days(stack: &Stack) -> (String, String) {
    let today = clock::date_in(&stack.app.config.firm_time_zone, clock::now()).expect("today");
    let tomorrow = clock::add_days(&today, 1).expect("tomorrow");
    (today, tomorrow)
}

#[tokio::test]
async fn a_task_is_reminded_once_completed_by_its_upload_or_done_and_told_to_the_firm() {
    let mail = MailRecorder::new();
    let stack = Stack::instrumented(&[], &[mail.interceptor()]).await;
    let [ann, bob] = stack
        .matter_with_contacts([("ann", Access::Download), ("bob", Access::Download)])
        .await;
    let matter = ann.matter.clone();
    let ann = stack.sign_in_contact(ann).await;
    let bob = stack.sign_in_contact(bob).await;
    stack.skip_stream().await;
    let (_, tomorrow) = firm_days(&stack);

    let (status, letter) = stack
        .try_give_task(
            &matter,
            task(&ann.id, "Sign the letter", &tomorrow, Some("Signed letter")),
        )
        .await;
    assert_eq!(status, 201, "{letter}");
    assert_eq!(
        (&letter["status"], &letter["contactId"]),
        (&json!("open"), &json!(ann.id))
    );
    let (_, call) = stack
        .try_give_task(&matter, task(&ann.id, "Call us back", &tomorrow, None))
        .await;
    let (letter, call) = (id(&letter), id(&call));

    let mine = stack.my_tasks(&ann.session).await;
    assert_eq!(mine.len(), 2);
    assert_eq!(mine[0]["title"], "Call us back", "same day: by title");
    assert_eq!(mine[1]["documentWanted"], "Signed letter");
    assert!(mine[0]["matterTitle"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
    assert!(stack.my_tasks(&bob.session).await.is_empty(), "not Bob's");
    let (status, _) = stack.try_task_done(&bob.session, &matter, &letter).await;
    assert_eq!(status, 404, "Bob may not complete Ann's task");
    let (status, _) = stack
        .try_upload_for_task(&bob.session, &matter, &letter, b"%PDF-1.7 bob")
        .await;
    assert_eq!(status, 404, "nor upload for it");
    let (status, refused) = stack
        .try_upload_for_task(&ann.session, &matter, &call, b"%PDF-1.7 ann")
        .await;
    assert_eq!(status, 400, "a task that asks for no document: {refused}");

    // The schedule reminds each open task due tomorrow once, however often it runs.
    let swept = stack.sweep_deletions(300).await;
    assert_eq!(swept["reminders"]["reminded"], 2, "{swept}");
    assert_eq!(swept["reminders"]["dueOn"], json!(tomorrow));
    let again = stack.sweep_deletions(300).await;
    assert_eq!(
        (
            &again["reminders"]["reminded"],
            &again["reminders"]["skipped"]
        ),
        (&json!(0), &json!(2))
    );
    assert_eq!(stack.events_of(&matter, "taskDueSoon").await.len(), 2);

    // Ann uploads the signed letter for its task: its acceptance completes the task.
    let bytes = b"%PDF-1.7 signed by ann";
    let (status, intent) = stack
        .try_upload_for_task(&ann.session, &matter, &letter, bytes)
        .await;
    assert_eq!(status, 201, "{intent}");
    assert_eq!(stack.put_presigned(&intent, bytes.to_vec()).await, 200);
    let outcomes = stack.deliver_object_events().await;
    assert_eq!(outcomes[0][0]["outcome"], "attached", "{outcomes:?}");
    let upload = intent["uploadId"].as_str().expect("uploadId");
    let staff = stack.tasks(&matter).await;
    let done = staff["items"]
        .as_array()
        .and_then(|all| all.iter().find(|t| t["taskId"] == json!(letter)))
        .cloned()
        .expect("the letter's task");
    assert_eq!(done["status"], "done");
    assert_eq!(done["documentId"], json!(upload), "the upload that did it");
    let (status, _) = stack
        .try_upload_for_task(&ann.session, &matter, &letter, b"%PDF-1.7 twice")
        .await;
    assert_eq!(status, 409, "done already");

    // Ann marks the call done; again changes nothing.
    let (status, view) = stack.try_task_done(&ann.session, &matter, &call).await;
    assert_eq!((status, &view["status"]), (200, &json!("done")), "{view}");
    let (status, view) = stack.try_task_done(&ann.session, &matter, &call).await;
    assert_eq!((status, &view["status"]), (200, &json!("done")));
    let done = stack.events_of(&matter, "taskDone").await;
    assert_eq!(done.len(), 2, "one per task: {done:?}");
    let swept = stack.sweep_deletions(300).await;
    assert_eq!(
        swept["reminders"]["reminded"], 0,
        "done tasks leave the index"
    );

    // Ann's digest: her tasks and their reminders; the firm's: both done.
    let delivered = stack.deliver_notifications().await;
    assert_eq!(delivered.failures(), 0, "{delivered:?}");
    let to_ann: Vec<_> = mail
        .to(&ann.email)
        .into_iter()
        // Her digests (her invitation names tasks among what the portal is for).
        .filter(|m| m.body.contains("task") && !m.subject.contains("invited you"))
        .collect();
    assert_eq!(to_ann.len(), 1, "{to_ann:?}");
    let body = &to_ann[0].body;
    assert!(
        body.contains(&format!(
            "new task for you: Sign the letter, due {}",
            long_date(Language::En, &tomorrow)
        )),
        "{body}"
    );
    assert!(
        body.contains(&format!(
            "task due tomorrow: Call us back, due {}",
            long_date(Language::En, &tomorrow)
        )),
        "{body}"
    );
    let to_firm: Vec<_> = mail
        .to("ann.lawyer@firm.example")
        .into_iter()
        .filter(|m| m.body.contains("completed the task"))
        .collect();
    assert_eq!(to_firm.len(), 1, "{to_firm:?}");
    assert!(to_firm[0]
        .body
        .contains("completed the task: Sign the letter"));
    assert!(to_firm[0].body.contains("completed the task: Call us back"));
}

#[tokio::test]
async fn tasks_are_judged_on_the_firms_day_and_stay_within_their_matter() {
    let counter = CallCounter::default();
    let stack = Stack::instrumented(&[], &[SharedInterceptor::new(counter.clone())]).await;
    let [ann] = stack
        .matter_with_contacts([("ann", Access::Download)])
        .await;
    let matter = ann.matter.clone();
    let other = stack.new_matter("other").await;
    let carl = stack.new_contact(&other, "carl", Access::Download).await;
    let (today, _) = firm_days(&stack);

    let give = |body: Value| stack.try_give_task(&matter, body);
    assert_eq!(
        give(task(&carl.id, "X", &today, None)).await.0,
        404,
        "another matter's contact"
    );
    assert_eq!(
        give(task(&ann.id, "X", "2020-01-01", None)).await.0,
        400,
        "in the past"
    );
    assert_eq!(give(task(&ann.id, "X", "01/05/2027", None)).await.0, 400);
    assert_eq!(
        give(task(&ann.id, " ", &today, None)).await.0,
        400,
        "untitled"
    );
    let mut extra = task(&ann.id, "X", &today, None);
    extra["assignee"] = json!("someone");
    assert_eq!(give(extra).await.0, 400, "unknown field");
    assert_eq!(
        stack
            .try_give_task("no-such-matter", task(&ann.id, "X", &today, None))
            .await
            .0,
        404
    );

    // Due today is open; a day later it is overdue (stored as if given days ago).
    let (_, given) = give(task(&ann.id, "Today's", &today, None)).await;
    let mut late: shared::records::TaskRecord = stack
        .app
        .table
        .get(&shared::records::TaskRecord::key_for(&matter, &id(&given)))
        .await
        .expect("read")
        .expect("the task");
    late.task_id = "late".into();
    late.due_on = clock::add_days(&today, -1).expect("yesterday");
    stack.app.table.put(&late, None).await.expect("write");
    let listed = stack.tasks(&matter).await;
    assert_eq!(listed["today"], json!(today));
    let statuses: Vec<(&str, &str)> = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|t| {
            (
                t["title"].as_str().unwrap_or_default(),
                t["status"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(statuses, [("Today's", "overdue"), ("Today's", "open")]);
    assert!(stack.tasks(&other).await["items"]
        .as_array()
        .is_some_and(Vec::is_empty));

    let ann = stack.sign_in_contact(ann).await;
    let carl = stack.sign_in_contact(carl).await;
    let t = id(&given);
    assert!(stack.my_tasks(&carl.session).await.is_empty());
    assert_eq!(stack.try_task_done(&carl.session, &matter, &t).await.0, 404);
    assert_eq!(
        stack.try_task_done(&ann.session, &other, &t).await.0,
        404,
        "the wrong matter"
    );
    assert_eq!(
        stack.try_task_done(&ann.session, &matter, "a#b").await.0,
        404,
        "a malformed id finds nothing"
    );
    // Withdrawn: gone for her at once; only from its own matter, and only once.
    assert_eq!(stack.my_tasks(&ann.session).await.len(), 1);
    assert_eq!(
        stack.try_withdraw_task(&other, &t).await.0,
        404,
        "not the other matter's"
    );
    counter.take();
    assert_eq!(stack.try_withdraw_task(&matter, &t).await.0, 204);
    assert_eq!(
        counter.take_dynamodb(),
        BTreeMap::from([
            ("GetItem".to_string(), 2),
            ("TransactWriteItems".to_string(), 1)
        ]),
        "the matter, the task, one transaction"
    );
    assert_eq!(
        stack.try_withdraw_task(&matter, &t).await.0,
        404,
        "withdrawn already"
    );
    assert!(stack.my_tasks(&ann.session).await.is_empty());
    assert_eq!(stack.try_task_done(&ann.session, &matter, &t).await.0, 404);
    assert_eq!(stack.events_of(&matter, "taskWithdrawn").await.len(), 1);
    let left = stack.tasks(&matter).await;
    assert_eq!(
        left["items"].as_array().map(Vec::len),
        Some(1),
        "the late one stays"
    );
    stack.revoke(&matter, &ann.id).await;
    assert_eq!(
        stack.try_task_done(&ann.session, &matter, "late").await.0,
        401,
        "revoked"
    );
}
