//! The event log: one event per portal action, written with its change (none when the change
//! is cancelled or changes nothing), read with filters and pages and as CSV; read receipts;
//! access that expires; download limits that hold under concurrency.

use integration_tests::{pdf, Access, Caller, Stack};
use serde_json::{json, Value};
use shared::records::{AccessRecord, Actor, ActorKind, EventType};
use shared::service::events::{self, Event};
use shared::store::{Condition, Transacted};
use std::collections::BTreeMap;

/// Bytes that pass the trigger's PDF check.
fn fake_pdf() -> Vec<u8> {
    b"%PDF-1.7\n% a test document\n".to_vec()
}

/// Every event of a matter, newest first, walking all pages of `query` (starts with `?`).
async fn events_of(stack: &Stack, matter: &str, query: &str) -> Vec<Value> {
    let base = format!("/matters/{matter}/events{query}");
    stack
        .walk_pages(Caller::Staff, &base)
        .await
        .iter()
        .flat_map(|page| page["items"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// How many events of each type.
fn counts(events: &[Value]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for event in events {
        let kind = event["type"].as_str().expect("type").to_string();
        *counts.entry(kind).or_default() += 1;
    }
    counts
}

fn expected(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

#[tokio::test]
async fn every_portal_action_writes_exactly_one_event_and_repeats_write_none() {
    let stack = Stack::new().await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let matter = contact.matter.clone();
    let session = stack.sign_in(&contact.email).await;
    let [kept, dropped] = stack
        .upload_firm_documents(
            &matter,
            [("kept.pdf", &fake_pdf()), ("dropped.pdf", &fake_pdf())],
        )
        .await;
    stack
        .share(&matter, &[&kept, &dropped], &[&contact.id])
        .await;
    // Sharing again changes nothing, so it records nothing.
    stack.share(&matter, &[&kept], &[&contact.id]).await;
    stack.link(&session, &kept, "view").await;
    stack.link(&session, &kept, "download").await;
    let upload = stack
        .upload_as_contact(&session, &matter, "scan.pdf", &fake_pdf())
        .await;
    let outcomes = serde_json::to_string(&upload.outcomes).expect("json");
    assert!(outcomes.contains(r#""outcome":"attached""#), "{outcomes}");
    let refused = stack
        .request_upload(&session, &matter, "big.pdf", "application/pdf", &[0; 10])
        .await;
    assert_eq!(stack.put_presigned(&refused, fake_pdf()).await, 200);
    stack.deliver_object_events().await;
    stack.stop_share(&matter, &dropped, &contact.id).await;
    stack.delete_document(&matter, &dropped).await;
    assert_eq!(stack.try_delete_document(&matter, &dropped).await.0, 404);
    stack.sign_out(&session).await;
    // Saved again unchanged: nothing to record.
    stack
        .grant(&matter, &contact.id, &contact.email, Access::Download)
        .await;
    // Same address, no download: an update. A new address: an address change (and a new
    // invitation to it).
    stack
        .grant(&matter, &contact.id, &contact.email, Access::ViewOnly)
        .await;
    let moved = stack.email("moved");
    stack
        .grant(&matter, &contact.id, &moved, Access::ViewOnly)
        .await;
    stack.resend_invitation(&matter, &contact.id).await;
    stack.revoke(&matter, &contact.id).await;
    stack.revoke(&matter, &contact.id).await;

    let events = events_of(&stack, &matter, "?limit=3").await;
    assert_eq!(
        counts(&events),
        expected(&[
            ("accessGranted", 1),
            ("invitationSent", 3),
            ("signedIn", 1),
            ("documentShared", 2),
            ("documentViewed", 1),
            ("documentDownloaded", 1),
            ("uploadAttached", 1),
            ("uploadRejected", 1),
            ("shareStopped", 1),
            ("documentDeleted", 1),
            ("signedOut", 1),
            ("accessUpdated", 1),
            ("addressChanged", 1),
            ("accessRevoked", 1),
            // The shares' digest, sent when the outbox ran with the later grants.
            ("notificationSent", 2),
        ]),
        "{events:#?}"
    );
    // Newest first, each with who and when, and never a secret.
    let stamps: Vec<&str> = events
        .iter()
        .map(|e| e["at"].as_str().expect("at"))
        .collect();
    assert!(stamps.windows(2).all(|w| w[0] >= w[1]), "{stamps:?}");
    assert_eq!(events.first().expect("events")["type"], "accessRevoked");
    assert_eq!(events.last().expect("events")["type"], "accessGranted");
    let text = serde_json::to_string(&events).expect("json");
    assert!(
        !text.contains("invite=") && !text.contains("X-Amz-Signature"),
        "{text}"
    );
    let viewed = events
        .iter()
        .find(|e| e["type"] == "documentViewed")
        .expect("viewed");
    assert_eq!(viewed["actor"]["kind"], "contact");
    assert_eq!(viewed["actor"]["id"], contact.id.as_str());
    assert_eq!(viewed["documentId"], kept.as_str());
    assert_eq!(viewed["fileName"], "kept.pdf");
    let shared = events
        .iter()
        .find(|e| e["type"] == "documentShared")
        .expect("shared");
    assert_eq!(shared["actor"]["kind"], "staff");
    assert_eq!(shared["contactId"], contact.id.as_str());
    assert!(shared.get("notify").is_none(), "recipients stay internal");
    let rejected = events
        .iter()
        .find(|e| e["type"] == "uploadRejected")
        .expect("rejected");
    assert!(
        rejected["detail"]
            .as_str()
            .is_some_and(|d| d.contains("size")),
        "{rejected}"
    );
}

#[tokio::test]
async fn a_cancelled_change_leaves_no_event_and_racing_writers_record_once() {
    let stack = Stack::new().await;
    let matter = stack.new_matter("m").await;
    // A transaction whose condition fails writes its event no more than its change.
    let mut transaction = stack.app.table.transaction();
    transaction
        .check(
            &AccessRecord::key_for(&matter, "nobody"),
            Condition::exists(),
        )
        .expect("check");
    let actor = Actor {
        kind: ActorKind::Staff,
        id: "staff-1".into(),
        name: "Ann Lawyer".into(),
    };
    events::add(
        &mut transaction,
        &matter,
        Event::new(EventType::AccessRevoked, actor).contact("nobody", "Nobody"),
    )
    .expect("event");
    let outcome = stack.app.table.commit(transaction).await.expect("commit");
    assert!(matches!(outcome, Transacted::Cancelled(_)), "{outcome:?}");
    assert!(events_of(&stack, &matter, "?").await.is_empty());

    // Five staff members share the same pair at once: one share, one event.
    let contact = stack.new_contact(&matter, "c", Access::Download).await;
    let document = stack
        .upload_firm_document(&matter, "a.pdf", &fake_pdf())
        .await;
    let (documents, contacts) = ([document.as_str()], [contact.id.as_str()]);
    let shares = (0..5).map(|_| stack.try_share(&matter, &documents, &contacts));
    let answers = futures::future::join_all(shares).await;
    let created: u64 = answers
        .iter()
        .filter(|(status, _)| *status == 200)
        .map(|(_, a)| a["created"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(created, 1, "{answers:?}");
    let shared = events_of(&stack, &matter, "?type=documentShared").await;
    assert_eq!(shared.len(), 1, "{shared:#?}");
}

#[tokio::test]
async fn events_filter_page_and_export_as_csv() {
    let stack = Stack::new().await;
    let [ann, bob] = stack
        .matter_with_contacts([("ann", Access::Download), ("bob", Access::ViewOnly)])
        .await;
    let matter = ann.matter.clone();
    let [first, second] = stack
        .upload_firm_documents(
            &matter,
            [("first.pdf", &fake_pdf()), ("=cmd|x.pdf", &pdf::letter(1))],
        )
        .await;
    stack
        .share(&matter, &[&first, &second], &[&ann.id, &bob.id])
        .await;
    let ann_session = stack.sign_in(&ann.email).await;
    let bob_session = stack.sign_in(&bob.email).await;
    for _ in 0..3 {
        stack.link(&ann_session, &first, "view").await;
    }
    // View-only: the PDF opens as its stamped copy, logged as a view all the same.
    let (status, answer) = stack.try_stamped_link(&bob_session, &second).await;
    assert_eq!(status, 200, "{answer}");

    let all = events_of(&stack, &matter, "?").await;
    // Pages of two walk the same events in the same order.
    let paged = events_of(&stack, &matter, "?limit=2").await;
    let ids = |events: &[Value]| -> Vec<String> {
        events
            .iter()
            .map(|e| e["eventId"].as_str().expect("id").to_string())
            .collect()
    };
    assert_eq!(ids(&paged), ids(&all));

    let of_first = events_of(&stack, &matter, &format!("?documentId={first}")).await;
    assert!(of_first.iter().all(|e| e["documentId"] == first.as_str()));
    assert_eq!(
        counts(&of_first),
        expected(&[("documentShared", 2), ("documentViewed", 3)])
    );
    let of_bob = events_of(&stack, &matter, &format!("?contactId={}", bob.id)).await;
    assert!(of_bob.iter().all(|e| e["contactId"] == bob.id.as_str()));
    assert_eq!(
        counts(&of_bob),
        expected(&[
            ("accessGranted", 1),
            ("invitationSent", 1),
            ("documentShared", 2),
            ("signedIn", 1),
            ("documentViewed", 1),
        ])
    );
    let views_of_ann = events_of(
        &stack,
        &matter,
        &format!(
            "?contactId={}&documentId={first}&type=documentViewed,documentDownloaded&limit=1",
            ann.id
        ),
    )
    .await;
    assert_eq!(views_of_ann.len(), 3);

    let (status, answer) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/events?type=opened"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 400, "{answer}");
    let (status, _) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/events"),
            Caller::Anonymous,
            None,
        )
        .await;
    assert_eq!(status, 401);

    let (status, csv) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/events?format=csv&documentId={second}"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 200);
    let csv = csv.as_str().expect("CSV text");
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with(r#""at","type","actorKind""#), "{csv}");
    let of_second = events_of(&stack, &matter, &format!("?documentId={second}")).await;
    assert_eq!(lines.len(), 1 + of_second.len(), "{csv}");
    assert!(
        lines[1..].iter().all(|l| l.contains("'=cmd|x.pdf")),
        "formula defused: {csv}"
    );
}

#[tokio::test]
async fn read_receipts_say_who_opened_what_and_who_has_not() {
    let stack = Stack::new().await;
    let [ann, bob] = stack
        .matter_with_contacts([("ann", Access::Download), ("bob", Access::Download)])
        .await;
    let matter = ann.matter.clone();
    let document = stack
        .share_new_document(&matter, "will.pdf", &fake_pdf(), &[&ann.id, &bob.id])
        .await;
    let ann_session = stack.sign_in(&ann.email).await;
    let bob_session = stack.sign_in(&bob.email).await;
    let is_new = |page: &Value| page["items"][0]["isNew"].clone();
    assert_eq!(
        is_new(&stack.portal_documents(&ann_session, "").await),
        true
    );
    stack.link(&ann_session, &document, "view").await;
    stack.link(&ann_session, &document, "download").await;
    assert_eq!(
        is_new(&stack.portal_documents(&ann_session, "").await),
        false
    );
    assert_eq!(
        is_new(&stack.portal_documents(&bob_session, "").await),
        true
    );

    let (status, readers) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/documents/{document}/readers"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 200, "{readers}");
    assert_eq!(
        readers["opened"].as_array().map(Vec::len),
        Some(1),
        "{readers}"
    );
    assert_eq!(readers["opened"][0]["contactId"], ann.id.as_str());
    assert_eq!(readers["opened"][0]["openCount"], 2);
    assert_eq!(readers["opened"][0]["downloadCount"], 1);
    assert!(readers["opened"][0]["lastOpenedAt"].is_string());
    assert_eq!(readers["notOpened"].as_array().map(Vec::len), Some(1));
    assert_eq!(readers["notOpened"][0]["contactId"], bob.id.as_str());

    let shares = stack.matter_shares(&matter, "?").await;
    let of = |id: &str| -> Value {
        shares["items"]
            .as_array()
            .and_then(|items| items.iter().find(|s| s["contactId"] == id).cloned())
            .expect("share row")
    };
    assert_eq!(of(&ann.id)["openCount"], 2);
    assert_eq!(of(&bob.id)["openCount"], 0);
    let row = stack.access_row(&matter, &ann.id).await;
    assert_eq!(row["lastOpened"]["documentId"], document.as_str());
    assert_eq!(row["lastOpened"]["fileName"], "will.pdf");
    assert!(stack.access_row(&matter, &bob.id).await["lastOpened"].is_null());

    // Another matter's document, or one that does not exist: 404.
    let other = stack.new_matter("other").await;
    let (status, _) = stack
        .call(
            "GET",
            &format!("/matters/{other}/documents/{document}/readers"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 404);
}

/// Grants `contact` access until `expires_at` (RFC 3339): the answer.
async fn grant_until(
    stack: &Stack,
    matter: &str,
    contact: &str,
    email: &str,
    expires_at: &str,
) -> (u16, Value) {
    let body =
        json!({"email": email, "name": "Client", "canDownload": true, "expiresAt": expires_at});
    let path = format!("/matters/{matter}/contacts/{contact}");
    stack.call("PUT", &path, Caller::Staff, Some(body)).await
}

#[tokio::test]
async fn access_that_expires_ends_like_a_revoke_and_says_so_once() {
    let stack = Stack::new().await;
    let matter = stack.new_matter("m").await;
    let (contact, email) = (stack.id("c"), stack.email("c"));
    for bad in ["2020-01-01T00:00:00Z", "tomorrow", "2026-13-01T00:00:00Z"] {
        let (status, answer) = grant_until(&stack, &matter, &contact, &email, bad).await;
        assert_eq!(status, 400, "{bad}: {answer}");
    }
    // Long enough for the steps below on a busy emulator, then waited out.
    let ends = time::OffsetDateTime::now_utc() + time::Duration::seconds(10);
    let end = ends
        .format(&time::format_description::well_known::Rfc3339)
        .expect("time");
    let (status, granted) = grant_until(&stack, &matter, &contact, &email, &end).await;
    assert_eq!(status, 201, "{granted}");
    assert!(granted["expiresAt"].is_string());
    stack.deliver_notifications().await;
    let document = stack
        .share_new_document(&matter, "a.pdf", &fake_pdf(), &[&contact])
        .await;
    let session = stack.sign_in(&email).await;
    stack.link(&session, &document, "view").await;
    let token = stack.emailed_token(&email).await;

    let left = ends - time::OffsetDateTime::now_utc() + time::Duration::milliseconds(500);
    assert!(
        left.is_positive(),
        "the steps outran the expiry; lengthen it"
    );
    tokio::time::sleep(left.try_into().expect("positive")).await;
    assert_eq!(stack.try_portal_documents(&session, "").await.0, 401);
    assert_eq!(stack.try_link(&session, &document, "view").await.0, 401);
    assert_eq!(stack.try_exchange(&token).await.0, 401);
    assert_eq!(
        stack.access_row(&matter, &contact).await["status"],
        "expired"
    );
    let (status, _) = stack.try_share(&matter, &[&document], &[&contact]).await;
    assert_eq!(status, 404, "no sharing with an expired contact");
    let expired = events_of(&stack, &matter, "?type=accessExpired").await;
    assert_eq!(expired.len(), 1, "{expired:#?}");
    assert_eq!(expired[0]["contactId"], contact.as_str());

    // A new end date brings access back; the expiry can be recorded again later.
    let later = time::OffsetDateTime::now_utc() + time::Duration::days(30);
    let later = later
        .format(&time::format_description::well_known::Rfc3339)
        .expect("time");
    let (status, _) = grant_until(&stack, &matter, &contact, &email, &later).await;
    assert_eq!(status, 200);
    assert_eq!(
        stack.access_row(&matter, &contact).await["status"],
        "active"
    );
}

#[tokio::test]
async fn a_download_limit_holds_under_forty_concurrent_links() {
    let stack = Stack::new().await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let matter = contact.matter.clone();
    let document = stack
        .upload_firm_document(&matter, "limited.pdf", &fake_pdf())
        .await;
    let path = format!("/matters/{matter}/shares");
    let share = |limit: Value| {
        let body = json!({"documentIds": [&document], "contactIds": [&contact.id], "downloadLimit": limit});
        stack.call("POST", &path, Caller::Staff, Some(body))
    };
    for bad in [json!(0), json!(1001), json!("5")] {
        assert_eq!(share(bad.clone()).await.0, 400, "{bad}");
    }
    let (status, answer) = share(json!(5)).await;
    assert_eq!(status, 200, "{answer}");
    let session = stack.sign_in(&contact.email).await;
    assert_eq!(
        stack.portal_documents(&session, "").await["items"][0]["downloadsLeft"],
        5
    );

    let links = (0..40).map(|_| stack.try_link(&session, &document, "download"));
    let answers = futures::future::join_all(links).await;
    let granted = answers.iter().filter(|(s, _)| *s == 200).count();
    let refused: Vec<&Value> = answers
        .iter()
        .filter(|(s, _)| *s == 403)
        .map(|(_, a)| a)
        .collect();
    assert_eq!(granted, 5, "{answers:?}");
    assert_eq!(refused.len(), 35, "{answers:?}");
    assert!(refused[0]["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("download limit")));
    let downloads = events_of(&stack, &matter, "?type=documentDownloaded").await;
    assert_eq!(downloads.len(), 5);
    assert_eq!(
        stack.portal_documents(&session, "").await["items"][0]["downloadsLeft"],
        0
    );
    // Viewing is not limited.
    stack.link(&session, &document, "view").await;
}
