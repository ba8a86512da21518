//! Contacts upload into a matter; the S3 trigger (moto -> SQS -> attach-upload) attaches.

use integration_tests::{document_ids, Caller, Stack};
use serde_json::{json, Value};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj signed contract";

/// A matter whose owner and notify list differ, and a signed-in contact.
async fn matter_with_contact(stack: &Stack) -> (String, String, String) {
    let (matter, contact, email) = (stack.id("m"), stack.id("c"), stack.email("uploader"));
    let body = json!({
        "title": "Estate of Upload",
        "owner": {"id": "o1", "email": format!("owner.{}@firm.example", stack.run), "name": "Olive Owner"},
        "notify": [
            {"id": "o1", "email": format!("owner.{}@firm.example", stack.run), "name": "Olive Owner"},
            {"id": "p1", "email": format!("paralegal.{}@firm.example", stack.run), "name": "Pat Paralegal"}
        ]
    });
    let (status, answer) = stack
        .call(
            "PUT",
            &format!("/matters/{matter}"),
            Caller::Staff,
            Some(body),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    stack.grant(&matter, &contact, &email, false).await;
    let session = stack.sign_in(&email).await;
    (matter, contact, session)
}

fn owner(stack: &Stack) -> String {
    format!("owner.{}@firm.example", stack.run)
}

fn paralegal(stack: &Stack) -> String {
    format!("paralegal.{}@firm.example", stack.run)
}

#[tokio::test]
async fn an_upload_is_attached_shared_back_and_announced_once() {
    let stack = Stack::new().await;
    let (matter, contact, session) = matter_with_contact(&stack).await;
    let (status, intent) = stack
        .request_upload(
            &session,
            &matter,
            "Signed contract – café.pdf",
            "application/pdf",
            PDF.len(),
        )
        .await;
    assert_eq!(status, 201, "{intent}");
    let upload_id = intent["uploadId"].as_str().expect("uploadId").to_string();
    assert!(intent["url"]
        .as_str()
        .expect("url")
        .contains(&format!("matters/{matter}/uploads/{upload_id}")));
    assert_eq!(stack.put_presigned(&intent, PDF.to_vec()).await, 200);

    let outcomes = stack.deliver_object_events().await;
    assert_eq!(outcomes, vec![json!([{"outcome": "attached"}])]);

    let (_, mine) = stack.portal_documents(&session, "").await;
    assert_eq!(document_ids(&mine), vec![upload_id.clone()]);
    assert_eq!(mine["items"][0]["uploadedByMe"], true);
    assert_eq!(mine["items"][0]["origin"], "portal");
    assert_eq!(mine["items"][0]["fileName"], "Signed contract – café.pdf");
    assert_eq!(stack.link(&session, &upload_id, "view").await.0, 200);

    let (_, documents) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/documents"),
            Caller::Staff,
            None,
        )
        .await;
    let document = &documents["items"][0];
    assert_eq!(document["origin"], "portal");
    assert_eq!(document["status"], "available");
    assert_eq!(
        document["author"]["name"], "Olive Owner",
        "the matter owner is the author"
    );
    assert_eq!(document["uploadedBy"]["id"], contact.as_str());
    let (_, shares) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/shares?contactId={contact}"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(shares["items"][0]["uploadedBy"]["id"], contact.as_str());
    assert_eq!(shares["items"][0]["origin"], "portal");
    assert_eq!(stack.access_row(&matter, &contact).await["sharedCount"], 1);

    for address in [owner(&stack), paralegal(&stack)] {
        let mail = stack.emails_to(&address).await;
        assert_eq!(mail.len(), 1, "{address} is told once");
        assert!(mail[0].body.contains("Signed contract – café.pdf"));
        assert!(mail[0].subject.contains("Estate of Upload"));
    }
}

#[tokio::test]
async fn the_same_event_twice_or_concurrently_attaches_once() {
    let stack = Stack::new().await;
    let (matter, contact, session) = matter_with_contact(&stack).await;
    let (_, intent) = stack
        .request_upload(&session, &matter, "once.pdf", "application/pdf", PDF.len())
        .await;
    assert_eq!(stack.put_presigned(&intent, PDF.to_vec()).await, 200);
    let events = stack.take_object_events().await;
    assert_eq!(events.len(), 1);
    let event = events[0].clone();
    let key = event["Records"][0]["s3"]["object"]["key"]
        .as_str()
        .expect("key");
    assert!(key.contains("%2F"), "moto form-encodes keys: {key}");

    let handle = || attach_upload::handle(&stack.app, event.clone());
    let (a, b, c) = tokio::join!(handle(), handle(), handle());
    let again = handle().await;
    let mut outcomes: Vec<Value> = [a, b, c, again]
        .into_iter()
        .map(|r| serde_json::to_value(r.expect("handled")).expect("json")[0]["outcome"].clone())
        .collect();
    outcomes.sort_by_key(|o| o.to_string());
    assert_eq!(
        outcomes,
        [
            "alreadyHandled",
            "alreadyHandled",
            "alreadyHandled",
            "attached"
        ]
    );

    let (_, documents) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/documents"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(documents["items"].as_array().expect("items").len(), 1);
    assert_eq!(stack.access_row(&matter, &contact).await["sharedCount"], 1);
    assert_eq!(stack.emails_to(&owner(&stack)).await.len(), 1);
    assert_eq!(stack.emails_to(&paralegal(&stack)).await.len(), 1);
}

#[tokio::test]
async fn objects_that_fail_the_checks_are_not_attached() {
    let stack = Stack::new().await;
    let (matter, _, session) = matter_with_contact(&stack).await;
    // moto does not verify signatures, so these PUTs reach the bucket and the trigger must refuse them.
    let cases: [(&str, &str, Vec<u8>, &str); 3] = [
        (
            "bigger.pdf",
            "application/pdf",
            [PDF, b"and more"].concat(),
            "size",
        ),
        ("retyped.pdf", "image/png", PDF.to_vec(), "type image/png"),
        (
            "fake.pdf",
            "application/pdf",
            [b"MZ\x90\x00".as_slice(), &PDF[4..]].concat(),
            "content",
        ),
    ];
    for (name, sent_type, bytes, _) in &cases {
        let (status, intent) = stack
            .request_upload(&session, &matter, name, "application/pdf", PDF.len())
            .await;
        assert_eq!(status, 201, "{intent}");
        assert_eq!(
            stack
                .put_raw(
                    intent["url"].as_str().expect("url"),
                    sent_type,
                    bytes.clone()
                )
                .await,
            200
        );
    }
    let outcomes = stack.deliver_object_events().await;
    assert_eq!(outcomes.len(), 3);
    for (_, _, _, reason) in &cases {
        assert!(
            outcomes.iter().any(|o| o[0]["outcome"] == "rejected"
                && o[0]["detail"].as_str().is_some_and(|d| d.contains(reason))),
            "a rejection for {reason}: {outcomes:?}"
        );
    }
    let (_, documents) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/documents"),
            Caller::Staff,
            None,
        )
        .await;
    assert!(document_ids(&documents).is_empty());
    assert!(document_ids(&stack.portal_documents(&session, "").await.1).is_empty());
    assert!(stack.emails_to(&owner(&stack)).await.is_empty());
    let listing = shared::aws::s3(&stack.sdk)
        .list_objects_v2()
        .bucket(&stack.app.config.bucket_name)
        .send()
        .await
        .expect("list");
    assert_eq!(listing.key_count(), Some(0), "rejected objects are deleted");
}

#[tokio::test]
async fn declared_size_and_type_are_checked_before_any_url_is_issued() {
    let stack = Stack::with_settings(&[("MAX_UPLOAD_BYTES", "1000")]).await;
    let (matter, _, session) = matter_with_contact(&stack).await;
    let (status, answer) = stack
        .request_upload(&session, &matter, "big.pdf", "application/pdf", 1001)
        .await;
    assert_eq!(status, 413, "{answer}");
    let (status, answer) = stack
        .request_upload(
            &session,
            &matter,
            "tool.exe",
            "application/x-msdownload",
            10,
        )
        .await;
    assert_eq!(status, 415, "{answer}");
    assert_eq!(answer["error"]["code"], "unsupported_type");
    let (status, _) = stack
        .request_upload(
            &session,
            &matter,
            "ok.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            10,
        )
        .await;
    assert_eq!(status, 201);
    let (status, _) = stack
        .call(
            "POST",
            &format!("/matters/{matter}/documents"),
            Caller::Staff,
            Some(
                json!({"fileName": "x.exe", "contentType": "application/x-msdownload", "size": 5}),
            ),
        )
        .await;
    assert_eq!(status, 415, "firm uploads share the allow-list");
}

#[tokio::test]
async fn no_upload_without_active_access() {
    let stack = Stack::new().await;
    let (matter, contact, session) = matter_with_contact(&stack).await;
    let other_matter = stack.id("other");
    stack.save_matter(&other_matter).await;
    let (status, _) = stack
        .request_upload(&session, &other_matter, "a.pdf", "application/pdf", 10)
        .await;
    assert_eq!(status, 404, "no access to that matter");
    let (status, _) = stack
        .call(
            "POST",
            &format!("/portal/matters/{matter}/uploads"),
            Caller::Staff,
            Some(json!({"fileName": "a.pdf", "contentType": "application/pdf", "size": 10})),
        )
        .await;
    assert_eq!(status, 401, "a staff token is no portal session");

    // A URL issued before the revoke does not let an upload in after it.
    let (_, intent) = stack
        .request_upload(&session, &matter, "late.pdf", "application/pdf", PDF.len())
        .await;
    let (status, _) = stack
        .call(
            "DELETE",
            &format!("/matters/{matter}/contacts/{contact}"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(stack.put_presigned(&intent, PDF.to_vec()).await, 200);
    let outcomes = stack.deliver_object_events().await;
    assert_eq!(outcomes[0][0]["outcome"], "rejected", "{outcomes:?}");
    let (_, documents) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/documents"),
            Caller::Staff,
            None,
        )
        .await;
    assert!(document_ids(&documents).is_empty());
    assert_eq!(
        stack
            .request_upload(&session, &matter, "a.pdf", "application/pdf", 10)
            .await
            .0,
        401
    );
}

#[tokio::test]
async fn firm_documents_become_available_through_the_trigger() {
    let stack = Stack::new().await;
    let (matter, contact, session) = matter_with_contact(&stack).await;
    let body =
        json!({"fileName": "Advice.pdf", "contentType": "application/pdf", "size": PDF.len()});
    let (_, good) = stack
        .call(
            "POST",
            &format!("/matters/{matter}/documents"),
            Caller::Staff,
            Some(body),
        )
        .await;
    let body = json!({"fileName": "Bad.pdf", "contentType": "application/pdf", "size": 4});
    let (_, bad) = stack
        .call(
            "POST",
            &format!("/matters/{matter}/documents"),
            Caller::Staff,
            Some(body),
        )
        .await;
    assert_eq!(stack.put_presigned(&good, PDF.to_vec()).await, 200);
    assert_eq!(
        stack
            .put_presigned(&bad, b"\x00\x01\x02\x03".to_vec())
            .await,
        200
    );
    let mut outcomes: Vec<String> = stack
        .deliver_object_events()
        .await
        .iter()
        .map(|o| o[0]["outcome"].as_str().expect("outcome").to_string())
        .collect();
    outcomes.sort();
    assert_eq!(outcomes, ["attached", "rejected"]);

    let (_, documents) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/documents"),
            Caller::Staff,
            None,
        )
        .await;
    let status_of = |id: &Value| {
        documents["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|d| d["documentId"] == *id)
            .expect("listed")["status"]
            .clone()
    };
    assert_eq!(status_of(&good["documentId"]), "available");
    assert_eq!(status_of(&bad["documentId"]), "rejected");
    let bad_id = bad["documentId"].as_str().expect("id");
    let good_id = good["documentId"].as_str().expect("id");
    let share = json!({"documentIds": [bad_id], "contactIds": [contact]});
    assert_eq!(
        stack
            .call(
                "POST",
                &format!("/matters/{matter}/shares"),
                Caller::Staff,
                Some(share)
            )
            .await
            .0,
        404
    );
    stack.share(&matter, &[good_id], &[&contact]).await;
    assert_eq!(stack.link(&session, good_id, "view").await.0, 200);
}
