//! A contact chooses how often the portal emails them: one digest per window (the default),
//! one summary a day, or only invitations and sign-in links. The firm's own notifications
//! are not theirs to choose.

use integration_tests::{Access, Caller, SentEmail, Stack};
use serde_json::{json, Value};
use shared::records::DigestWindowRecord;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj summary";

async fn choose(stack: &Stack, session: &str, body: Value) -> (u16, Value) {
    let me = Caller::Bearer(session);
    stack
        .call("PUT", "/portal/preferences", me, Some(body))
        .await
}

/// Digests to `address` among what the stack sent (invitations and links say otherwise).
fn digests(mail: &[SentEmail]) -> Vec<&SentEmail> {
    mail.iter()
        .filter(|m| m.body.contains("shared with you") || m.body.contains("uploaded"))
        .collect()
}

#[tokio::test]
async fn a_daily_summary_contact_gets_one_email_at_eight_with_everything_of_the_day() {
    let stack = Stack::with_settings(&[("FIRM_TIME_ZONE", "America/New_York")]).await;
    let matter = stack.new_matter("m").await;
    let contact = stack.new_contact(&matter, "dee", Access::Download).await;
    let dee = stack.sign_in_contact(contact).await;
    let (status, answer) = choose(&stack, &dee.session, json!({"notifications": "daily"})).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["notifications"], "daily");
    assert_eq!(answer["language"], "en", "left as it was");
    let row = stack.access_row(&matter, &dee.id).await;
    assert_eq!(row["notifications"], "daily", "staff see the choice: {row}");
    let sent_before = stack.emails_to(&dee.email).await.len();

    let before = shared::clock::now();
    stack
        .share_new_document(&matter, "Morning letter.pdf", PDF, &[&dee.id])
        .await;
    let delivered = stack.deliver_notifications().await;
    assert_eq!(delivered.failures(), 0, "{delivered:?}");
    stack
        .share_new_document(&matter, "Afternoon letter.pdf", PDF, &[&dee.id])
        .await;
    stack.deliver_notifications().await;
    assert_eq!(
        stack.emails_to(&dee.email).await.len(),
        sent_before,
        "nothing until the summary is due"
    );

    // The window stays open, due at the next 08:00 in the firm's zone.
    let recipient = shared::validate::email_key(&dee.email);
    let window = stack
        .app
        .table
        .get(&DigestWindowRecord::key_for(&recipient))
        .await
        .expect("read")
        .expect("the window is open");
    let due = window.due_at.clone().expect("due at");
    let expected = shared::clock::next_local_hour("America/New_York", 8, before).expect("next");
    let latest =
        shared::clock::next_local_hour("America/New_York", 8, shared::clock::now()).expect("next");
    assert!(
        [shared::clock::stamp(expected), shared::clock::stamp(latest)].contains(&due),
        "{due}"
    );

    // A scheduled run before it queues nothing; the run at 08:00 queues the window once.
    let now = shared::clock::stamp(shared::clock::now());
    let answer = stack.run_daily_schedule_at(&now).await;
    assert_eq!(answer["dailySummariesQueued"], 0, "{answer}");
    stack.deliver_notifications().await;
    assert_eq!(stack.emails_to(&dee.email).await.len(), sent_before);

    let answer = stack.run_daily_schedule_at(&due).await;
    assert_eq!(answer["dailySummariesQueued"], 1, "{answer}");
    stack.deliver_notifications().await;
    let mail = stack.emails_to(&dee.email).await;
    let summaries = digests(&mail[sent_before..]);
    assert_eq!(summaries.len(), 1, "one summary: {mail:?}");
    assert!(
        summaries[0]
            .body
            .contains("Your daily summary from the Smith & Jones LLP client portal:"),
        "{}",
        summaries[0].body
    );
    for name in ["Morning letter.pdf", "Afternoon letter.pdf"] {
        assert!(summaries[0].body.contains(name), "{}", summaries[0].body);
    }

    // Sent: a repeated run queues nothing and nothing more goes out.
    let answer = stack.run_daily_schedule_at(&due).await;
    assert_eq!(answer["dailySummariesQueued"], 0, "{answer}");
    stack.deliver_notifications().await;
    assert_eq!(stack.emails_to(&dee.email).await.len(), sent_before + 1);
}

#[tokio::test]
async fn a_sign_in_only_contact_gets_no_digest_while_links_and_the_firms_notices_go_out() {
    let stack = Stack::with_settings(&[("SIGN_IN_COOLDOWN", "0")]).await;
    let (matter, owner_email) = stack.matter_with_owner("Quiet matter").await;
    let contact = stack.new_contact(&matter, "sam", Access::Download).await;
    let sam = stack.sign_in_contact(contact).await;
    let (status, answer) =
        choose(&stack, &sam.session, json!({"notifications": "signInOnly"})).await;
    assert_eq!(status, 200, "{answer}");
    let (_, answer) = stack
        .call(
            "GET",
            "/portal/preferences",
            Caller::Bearer(&sam.session),
            None,
        )
        .await;
    assert_eq!(answer["notifications"], "signInOnly", "{answer}");
    let sent_before = stack.emails_to(&sam.email).await.len();

    stack
        .share_new_document(&matter, "Quiet letter.pdf", PDF, &[&sam.id])
        .await;
    stack
        .upload_as_contact(&sam.session, &matter, "Signed form.pdf", PDF)
        .await;
    let delivered = stack.deliver_notifications().await;
    assert_eq!(delivered.failures(), 0, "{delivered:?}");
    assert_eq!(
        stack.emails_to(&sam.email).await.len(),
        sent_before,
        "no digest for the contact"
    );
    let firm = stack.emails_to(&owner_email).await;
    assert_eq!(
        digests(&firm).len(),
        1,
        "the firm still hears of the upload"
    );
    assert!(firm[0].body.contains("Signed form.pdf"), "{}", firm[0].body);

    // A sign-in link still comes.
    stack.try_request_sign_in_link(&sam.email).await;
    let link = stack.emails_to(&sam.email).await.pop().expect("a link");
    assert!(
        link.subject.starts_with("Your sign-in link for "),
        "{}",
        link.subject
    );

    // Back to one digest per window: the next share is told.
    let (status, _) = choose(&stack, &sam.session, json!({"notifications": "window"})).await;
    assert_eq!(status, 200);
    stack
        .share_new_document(&matter, "Loud letter.pdf", PDF, &[&sam.id])
        .await;
    stack.deliver_notifications().await;
    let mail = stack.emails_to(&sam.email).await;
    let told = digests(&mail[sent_before..]);
    assert_eq!(told.len(), 1, "{mail:?}");
    assert!(told[0].body.contains("Loud letter.pdf") && !told[0].body.contains("Quiet letter.pdf"));

    // The choice is recorded in the matter's log; bad choices are refused.
    let path = format!("/matters/{matter}/events?type=preferencesChanged");
    let (_, events) = stack.call("GET", &path, Caller::Staff, None).await;
    let details: Vec<&str> = events["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|e| e["detail"].as_str())
        .collect();
    assert!(
        details.contains(&"language: en; notifications: signInOnly"),
        "{details:?}"
    );
    for bad in [
        json!({"notifications": "hourly"}),
        json!({}),
        json!({"notifications": null}),
    ] {
        let (status, answer) = choose(&stack, &sam.session, bad).await;
        assert_eq!(status, 400, "{answer}");
    }
}
