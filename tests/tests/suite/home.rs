//! The portal's home on the emulator: what needs the contact (a past-due bill before an
//! unpaid one, upcoming events but not cancelled ones, open tasks, unread messages, new
//! documents) and everything shared across their matters, newest shared first; in four
//! DynamoDB calls however many kinds there are; nothing of another contact's, nothing of a
//! matter whose access ended.

use integration_tests::observe::{CallCounter, SharedInterceptor};
use integration_tests::{Access, Stack};
use serde_json::{json, Value};
use shared::clock;
use std::collections::BTreeMap;

fn day(offset: i64) -> String {
    let today = clock::date_in("America/New_York", clock::now()).expect("today");
    clock::add_days(&today, offset).expect("day")
}

fn ids(list: &Value, field: &str) -> Vec<String> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| i[field].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn the_home_shows_what_needs_the_contact_and_everything_shared_newest_first() {
    let counter = CallCounter::default();
    let stack = Stack::instrumented(&[], &[SharedInterceptor::new(counter.clone())]).await;
    let [ann, bob] = stack
        .matter_with_contacts([("ann", Access::Download), ("bob", Access::Download)])
        .await;
    let matter = ann.matter.clone();
    let second = stack.new_matter("second").await;
    stack
        .grant(&second, &ann.id, &ann.email, Access::ViewOnly)
        .await;

    // In the order they are shared: a document, two bills, two events, two tasks, a message.
    let brief = stack
        .share_new_document(&matter, "brief.pdf", b"%PDF-1.4 brief", &[&ann.id])
        .await;
    let bill = |number: &str, due: i64| {
        json!({"number": number, "issuedOn": day(-30), "dueOn": day(due),
            "currency": "USD", "totalMinor": 10_000})
    };
    let unpaid = stack.create_bill(&matter, bill("1", 10)).await;
    let late = stack.create_bill(&second, bill("2", -1)).await;
    let (unpaid, late) = (
        unpaid["billId"].as_str().expect("id").to_string(),
        late["billId"].as_str().expect("id").to_string(),
    );
    stack.send_bills(&matter, &[&unpaid], &[&ann.id]).await;
    stack.send_bills(&second, &[&late], &[&ann.id]).await;
    let event = |title: &str| {
        json!({"title": title, "startsAt": "2030-01-05T15:00:00-05:00",
            "endsAt": "2030-01-05T16:00:00-05:00", "timeZone": "America/New_York",
            "contactIds": [&ann.id]})
    };
    let (_, signing) = stack
        .try_create_appointment(&matter, event("Signing"))
        .await;
    let (_, call) = stack.try_create_appointment(&matter, event("Call")).await;
    let call = call["appointmentId"].as_str().expect("id").to_string();
    assert_eq!(stack.try_cancel_appointment(&matter, &call).await.0, 204);
    let task = |title: &str| json!({"contactId": &ann.id, "title": title, "dueOn": day(3)});
    let (_, open) = stack.try_give_task(&matter, task("Sign")).await;
    let (_, done) = stack.try_give_task(&matter, task("Call back")).await;
    stack.post_message(&second, &ann.id, "Please call us").await;
    let ann = stack.sign_in_contact(ann).await;
    let done = done["taskId"].as_str().expect("id").to_string();
    assert_eq!(
        stack.try_task_done(&ann.session, &matter, &done).await.0,
        200
    );
    counter.take();

    let home = stack.portal_home(&ann.session).await;
    assert_eq!(
        counter.take_dynamodb(),
        BTreeMap::from([("BatchGetItem".to_string(), 2), ("Query".to_string(), 2)]),
        "the session, the deliveries, the documents, one batch of items"
    );
    let needs = &home["needs"];
    assert_eq!(
        ids(&needs["bills"], "billId"),
        [late.clone(), unpaid.clone()],
        "past due first"
    );
    assert_eq!(needs["bills"][0]["status"], "pastDue");
    assert_eq!(
        ids(&needs["appointments"], "appointmentId"),
        [signing["appointmentId"].as_str().expect("id")],
        "the cancelled event needs nothing"
    );
    assert_eq!(
        ids(&needs["tasks"], "taskId"),
        [open["taskId"].as_str().expect("id")]
    );
    assert_eq!(needs["conversations"][0]["matterId"], json!(second));
    assert_eq!(needs["conversations"][0]["unread"], 1);
    assert_eq!(ids(&needs["documents"], "documentId"), [brief.as_str()]);

    // Everything shared, newest first: the tasks, the events, the bills, then the document.
    let kinds: Vec<String> = ids(&home["shared"], "kind");
    assert_eq!(
        kinds,
        [
            "task",
            "task",
            "appointment",
            "appointment",
            "bill",
            "bill",
            "document"
        ],
        "{home}"
    );
    let shared = &home["shared"];
    assert_eq!(shared[6]["id"], json!(brief));
    assert_eq!(shared[0]["title"], "Call back");
    assert_eq!(shared[4]["title"], "Bill 2");

    // Bob sees none of it; Ann's second matter ends and its bill and message go with it.
    let bob = stack.sign_in_contact(bob).await;
    let theirs = stack.portal_home(&bob.session).await;
    assert_eq!(theirs["shared"], json!([]), "{theirs}");
    stack.revoke(&second, &ann.id).await;
    let (status, _) = stack.try_request_sign_in_link(&ann.email).await;
    assert_eq!(status, 202);
    let session = stack.sign_in(&ann.email).await;
    let home = stack.portal_home(&session).await;
    assert_eq!(ids(&home["needs"]["bills"], "billId"), [unpaid]);
    assert_eq!(home["needs"]["conversations"], json!([]));
    assert_eq!(home["shared"].as_array().map(Vec::len), Some(6));
}
