//! The notification outbox end to end on the emulator: the table's real stream into
//! `file-notifications`, the digest queue into `send-digests`, through the stack's SDK
//! clients (`Stack::deliver_notifications`). One email per recipient per window, re-checked
//! at send time, nothing sent twice, nothing lost to a failure.

use integration_tests::faults::{FaultInjector, MailRecorder, Mode};
use integration_tests::observe::{Refuse, SharedInterceptor};
use integration_tests::{Access, Caller, SentEmail, Stack, PORTAL_URL};
use serde_json::{json, Value};
use shared::service::digests::Wake;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj digest";

/// Mail that is not an invitation or a sign-in link: the digests.
fn digests(mail: &MailRecorder, address: &str) -> Vec<SentEmail> {
    mail.to(address)
        .into_iter()
        .filter(|m| !m.body.contains("#invite="))
        .collect()
}

/// The matter's `notificationSent` events, newest first.
async fn sent_events(stack: &Stack, matter: &str) -> Vec<Value> {
    let path = format!("/matters/{matter}/events?type=notificationSent");
    let (status, answer) = stack.call("GET", &path, Caller::Staff, None).await;
    assert_eq!(status, 200, "{answer}");
    answer["items"].as_array().cloned().unwrap_or_default()
}

/// The outcomes `send-digests` logged in its answers are not returned; its effects are the
/// mail and the events. This counts the failures a delivery reported.
fn failures(answers: &[Value]) -> usize {
    answers
        .iter()
        .map(|a| a["batchItemFailures"].as_array().map_or(0, Vec::len))
        .sum()
}

#[tokio::test]
async fn uploads_in_one_window_make_one_digest_per_recipient() {
    let mail = MailRecorder::new();
    let stack = Stack::instrumented(&[], &[mail.interceptor()]).await;
    let matter = stack.id("m");
    let owner_email = format!("owner.{}@firm.example", stack.run);
    let paralegal_email = format!("paralegal.{}@firm.example", stack.run);
    let owner = json!({"id": "o1", "email": owner_email, "name": "Olive Owner"});
    // The owner twice (once in another case): told once.
    let owner_again = json!({"id": "o1", "email": owner_email.to_uppercase(), "name": "Olive"});
    let paralegal = json!({"id": "p1", "email": paralegal_email, "name": "Pat Paralegal"});
    let settings = json!({
        "title": "Estate of Digest",
        "owner": owner,
        "notify": [owner_again, paralegal],
    });
    stack.save_matter_as(&matter, settings).await;
    let contact = stack.new_contact(&matter, "up", Access::ViewOnly).await;
    let contact = stack.sign_in_contact(contact).await;
    for name in ["one.pdf", "two.pdf", "three.pdf"] {
        stack
            .upload_as_contact(&contact.session, &matter, name, PDF)
            .await;
    }
    let delivered = stack.deliver_notifications().await;
    assert_eq!(delivered.failures(), 0, "{delivered:?}");

    for address in [&owner_email, &paralegal_email] {
        let mail = digests(&mail, address);
        assert_eq!(
            mail.len(),
            1,
            "{address}: one digest for the window: {mail:?}"
        );
        let digest = &mail[0];
        assert_eq!(digest.to, vec![address.clone()]);
        for name in ["one.pdf", "two.pdf", "three.pdf"] {
            assert_eq!(digest.body.matches(name).count(), 1, "{}", digest.body);
        }
        assert!(
            digest.subject.contains("Estate of Digest"),
            "{}",
            digest.subject
        );
        assert!(digest.body.contains(&format!("{PORTAL_URL}/console/")));
        assert!(!digest.body.contains("#invite=") && !digest.body.contains("X-Amz-"));
    }
    let events = sent_events(&stack, &matter).await;
    let mut details: Vec<&str> = events
        .iter()
        .map(|e| e["detail"].as_str().expect("detail"))
        .collect();
    details.sort();
    assert_eq!(
        details,
        [
            format!("3 items to {owner_email}"),
            format!("3 items to {paralegal_email}")
        ]
    );
    assert!(events.iter().all(|e| e["actor"]["kind"] == "system"));

    // Nothing more is due: a second delivery sends nothing.
    stack.deliver_notifications().await;
    assert_eq!(digests(&mail, &owner_email).len(), 1);
}

#[tokio::test]
async fn what_is_undone_inside_the_window_is_not_sent() {
    let mail = MailRecorder::new();
    let stack = Stack::instrumented(&[], &[mail.interceptor()]).await;
    let [ann, bob] = stack
        .matter_with_contacts([("ann", Access::Download), ("bob", Access::ViewOnly)])
        .await;
    let matter = ann.matter.clone();
    let [kept, unshared, deleted] = stack
        .upload_firm_documents(
            &matter,
            [
                ("Kept.pdf", PDF),
                ("Unshared.pdf", PDF),
                ("Deleted.pdf", PDF),
            ],
        )
        .await;
    stack
        .share(&matter, &[&kept, &unshared, &deleted], &[&ann.id])
        .await;
    stack.share(&matter, &[&kept], &[&bob.id]).await;
    stack.stop_share(&matter, &unshared, &ann.id).await;
    stack.delete_document(&matter, &deleted).await;
    stack.revoke(&matter, &bob.id).await;
    let delivered = stack.deliver_notifications().await;
    assert_eq!(delivered.failures(), 0, "{delivered:?}");

    let to_ann = digests(&mail, &ann.email);
    assert_eq!(to_ann.len(), 1, "{to_ann:?}");
    let body = &to_ann[0].body;
    assert!(body.contains("Kept.pdf"), "{body}");
    assert!(
        !body.contains("Unshared.pdf") && !body.contains("Deleted.pdf"),
        "{body}"
    );
    assert_eq!(
        to_ann[0].subject,
        format!("{} shared 1 document with you", integration_tests::FIRM)
    );
    assert!(body.contains(&format!("{PORTAL_URL}/\n")) && !body.contains("/console/"));
    assert!(
        digests(&mail, &bob.email).is_empty(),
        "a revoked contact is told nothing"
    );

    let events = sent_events(&stack, &matter).await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["contactId"], ann.id.as_str());
    assert_eq!(events[0]["detail"], format!("1 item to {}", ann.email));
}

#[tokio::test]
async fn replayed_stream_records_and_repeated_wake_ups_send_nothing_twice() {
    let mail = MailRecorder::new();
    let stack = Stack::instrumented(&[], &[mail.interceptor()]).await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let matter = contact.matter.clone();
    // The grant's own records first, so that the batch below is the share's.
    stack.deliver_notifications().await;
    let document = stack
        .share_new_document(&matter, "Once.pdf", PDF, &[&contact.id])
        .await;

    let mut batches = Vec::new();
    while let Some(batch) = stack.take_stream_batch().await {
        batches.push(batch);
    }
    assert!(!batches.is_empty(), "the share reached the stream");
    // Lambda may hand the same records over again, even concurrently.
    for batch in &batches {
        let (a, b) = tokio::join!(
            stack.file_notifications(batch.clone()),
            stack.file_notifications(batch.clone())
        );
        assert_eq!(failures(&[a, b]), 0);
    }
    let wakes = stack.take_digest_events().await;
    let messages: usize = wakes
        .iter()
        .map(|e| e["Records"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(messages >= 1, "the window was woken");
    // Every wake-up twice (SQS delivers at least once), and once more after the send.
    for event in wakes.iter().chain(&wakes) {
        assert_eq!(failures(&[stack.send_digest_event(event.clone()).await]), 0);
    }
    let body = &digests(&mail, &contact.email)[0].body;
    assert_eq!(body.matches("Once.pdf").count(), 1, "{body}");
    let wake: Wake = serde_json::from_str(
        wakes[0]["Records"][0]["body"]
            .as_str()
            .expect("a message body"),
    )
    .expect("a wake-up");
    stack
        .queue
        .send(&wake, std::time::Duration::ZERO)
        .await
        .expect("a duplicate wake-up");
    // The same records once more after the window was sent: filed nothing, woke nothing.
    for batch in &batches {
        assert_eq!(
            failures(&[stack.file_notifications(batch.clone()).await]),
            0
        );
    }
    stack.deliver_notifications().await;

    assert_eq!(digests(&mail, &contact.email).len(), 1);
    assert_eq!(sent_events(&stack, &matter).await.len(), 1);
    let shares = stack
        .matter_shares(&matter, &format!("?contactId={}", contact.id))
        .await;
    assert_eq!(shares["items"][0]["documentId"], document.as_str());
}

#[tokio::test]
async fn a_failed_wake_up_is_sent_again_and_the_window_is_not_stranded() {
    let mail = MailRecorder::new();
    let refuse = Refuse::default();
    let stack = Stack::instrumented(
        &[],
        &[mail.interceptor(), SharedInterceptor::new(refuse.clone())],
    )
    .await;
    let contact = stack.matter_with_contact(Access::Download).await;
    stack
        .share_new_document(&contact.matter, "Woken.pdf", PDF, &[&contact.id])
        .await;
    refuse.arm(&["SQS.SendMessage"]);
    let answers = stack.file_stream().await;
    refuse.disarm();
    assert!(refuse.refused() >= 1);
    assert_eq!(failures(&answers), 1, "the record is reported: {answers:?}");
    assert!(
        stack.send_digests().await.is_empty(),
        "no wake-up was queued"
    );
    // Lambda retries the shard from the failed record: a duplicate now, which wakes the window.
    let delivered = stack.deliver_notifications().await;
    assert_eq!(delivered.failures(), 0, "{delivered:?}");
    let mail = digests(&mail, &contact.email);
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert!(mail[0].body.contains("Woken.pdf"));
}

/// Each call of `send-digests` fails in turn, before it is sent: the message is reported,
/// delivered again, and the digest goes out exactly once (the SES failure among them).
#[tokio::test]
async fn a_failure_at_any_call_of_the_sender_is_retried_and_sends_once() {
    let mail = MailRecorder::new();
    let faults = FaultInjector::new();
    let stack = Stack::instrumented(&[], &[mail.interceptor(), faults.interceptor()]).await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let mut hit = Vec::new();
    for nth in 1..40usize {
        let name = format!("Doc {nth}.pdf");
        stack
            .share_new_document(&contact.matter, &name, PDF, &[&contact.id])
            .await;
        stack.file_stream().await;
        faults.arm(nth as u64, Mode::Before);
        let first = stack.send_digests().await;
        let fired = faults.disarm();
        assert!(!faults.retried(), "the SDK retried {fired:?}");
        let retried = stack.send_digests().await;
        assert_eq!(failures(&retried), 0, "the retry went through: {retried:?}");
        let mail = digests(&mail, &contact.email);
        assert_eq!(mail.len(), nth, "{fired:?}: one digest per window");
        assert!(mail[nth - 1].body.contains(&name), "{}", mail[nth - 1].body);
        match fired {
            Some(fired) => {
                // Recording the sent digest is retried in place; anything else fails the
                // message.
                let in_place = fired.operation == "DynamoDB.TransactWriteItems";
                assert_eq!(failures(&first), usize::from(!in_place), "{fired:?}");
                hit.push(fired.operation);
            }
            None => break,
        }
    }
    assert!(hit.contains(&"SESv2.SendEmail".to_string()), "{hit:?}");
    assert!(hit.len() >= 5, "{hit:?}");
    assert_eq!(
        sent_events(&stack, &contact.matter).await.len(),
        hit.len() + 1
    );
}
