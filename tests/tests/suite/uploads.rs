//! Contacts upload into a matter; the S3 trigger (moto -> SQS -> attach-upload) attaches.

use integration_tests::{document_ids, pdf, Access, Caller, SignedIn, Stack};
use serde_json::{json, Value};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj signed contract";

/// As long as `PDF`, declared a PDF, but a Windows program: the trigger refuses it.
fn fake_pdf() -> Vec<u8> {
    [b"MZ\x90\x00".as_slice(), &PDF[4..]].concat()
}

/// A contact's upload whose bytes the trigger will refuse, PUT but not yet delivered: the
/// intent.
async fn put_fake_pdf(stack: &Stack, session: &str, matter: &str, file_name: &str) -> Value {
    let intent = stack
        .request_upload(session, matter, file_name, "application/pdf", PDF)
        .await;
    assert_eq!(stack.put_presigned(&intent, fake_pdf()).await, 200);
    intent
}

/// A matter whose owner and notify list differ, and a signed-in view-only contact.
async fn matter_with_contact(stack: &Stack) -> SignedIn {
    let matter = stack.id("m");
    let owner = json!({"id": "o1", "email": owner(stack), "name": "Olive Owner"});
    let paralegal = json!({"id": "p1", "email": paralegal(stack), "name": "Pat Paralegal"});
    let settings = json!({
        "title": "Estate of Upload",
        "owner": owner,
        "notify": [owner, paralegal],
    });
    stack.save_matter_as(&matter, settings).await;
    let contact = stack
        .new_contact(&matter, "uploader", Access::ViewOnly)
        .await;
    stack.sign_in_contact(contact).await
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
    let contact = matter_with_contact(&stack).await;
    let (matter, session) = (&contact.matter, &contact.session);
    let upload = stack
        .upload_as_contact(session, matter, "Signed contract – café.pdf", PDF)
        .await;
    assert!(upload.intent["url"]
        .as_str()
        .expect("url")
        .contains(&format!("matters/{matter}/uploads/{}", upload.id)));
    assert_eq!(upload.outcomes, vec![json!([{"outcome": "attached"}])]);

    let mine = stack.portal_documents(session, "").await;
    assert_eq!(document_ids(&mine), vec![upload.id.clone()]);
    assert_eq!(mine["items"][0]["uploadedByMe"], true);
    assert_eq!(mine["items"][0]["origin"], "portal");
    assert_eq!(mine["items"][0]["fileName"], "Signed contract – café.pdf");
    // Their own upload opens as it is, though they may only view the firm's documents.
    let view = stack.link(session, &upload.id, "view").await;
    assert_eq!(
        stack.get_url(view["url"].as_str().expect("url")).await.1,
        PDF
    );

    let documents = stack.matter_documents(matter).await;
    let document = &documents["items"][0];
    assert_eq!(document["origin"], "portal");
    assert_eq!(document["status"], "available");
    assert_eq!(
        document["author"]["name"], "Olive Owner",
        "the matter owner is the author"
    );
    assert_eq!(document["uploadedBy"]["id"], contact.id.as_str());
    let shares = stack
        .matter_shares(matter, &format!("?contactId={}", contact.id))
        .await;
    assert_eq!(shares["items"][0]["uploadedBy"]["id"], contact.id.as_str());
    assert_eq!(shares["items"][0]["origin"], "portal");
    assert_eq!(
        stack.access_row(matter, &contact.id).await["sharedCount"],
        1
    );

    // Told through the outbox, in one digest each when the window closes.
    assert!(stack.emails_to(&owner(&stack)).await.is_empty());
    stack.deliver_notifications().await;
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
    let contact = matter_with_contact(&stack).await;
    let matter = &contact.matter;
    stack
        .put_contact_upload(&contact.session, matter, "once.pdf", PDF)
        .await;
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

    let documents = stack.matter_documents(matter).await;
    assert_eq!(documents["items"].as_array().expect("items").len(), 1);
    assert_eq!(
        stack.access_row(matter, &contact.id).await["sharedCount"],
        1
    );
    stack.deliver_notifications().await;
    assert_eq!(stack.emails_to(&owner(&stack)).await.len(), 1);
    assert_eq!(stack.emails_to(&paralegal(&stack)).await.len(), 1);
}

#[tokio::test]
async fn objects_that_fail_the_checks_are_not_attached() {
    let stack = Stack::new().await;
    let contact = matter_with_contact(&stack).await;
    let (matter, session) = (&contact.matter, &contact.session);
    // moto does not verify signatures, so these PUTs reach the bucket and the trigger must refuse them.
    let cases: [(&str, &str, Vec<u8>, &str); 3] = [
        (
            "bigger.pdf",
            "application/pdf",
            [PDF, b"and more"].concat(),
            "size",
        ),
        ("retyped.pdf", "image/png", PDF.to_vec(), "type image/png"),
        ("fake.pdf", "application/pdf", fake_pdf(), "content"),
    ];
    for (name, sent_type, bytes, _) in &cases {
        let intent = stack
            .request_upload(session, matter, name, "application/pdf", PDF)
            .await;
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
    assert!(document_ids(&stack.matter_documents(matter).await).is_empty());
    assert!(document_ids(&stack.portal_documents(session, "").await).is_empty());
    stack.deliver_notifications().await;
    assert!(stack.emails_to(&owner(&stack)).await.is_empty());
    let listing = shared::files::client(&stack.sdk)
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
    let contact = matter_with_contact(&stack).await;
    let (matter, session) = (&contact.matter, &contact.session);
    let (status, answer) = stack
        .try_request_upload(session, matter, "big.pdf", "application/pdf", &[0; 1001])
        .await;
    assert_eq!(status, 413, "{answer}");
    let (status, answer) = stack
        .try_request_upload(
            session,
            matter,
            "tool.exe",
            "application/x-msdownload",
            &[0; 10],
        )
        .await;
    assert_eq!(status, 415, "{answer}");
    assert_eq!(answer["error"]["code"], "unsupported_type");
    stack
        .request_upload(
            session,
            matter,
            "ok.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            &[0; 10],
        )
        .await;
    let (status, _) = stack
        .try_register_firm_document(matter, "x.exe", "application/x-msdownload", &[0; 5])
        .await;
    assert_eq!(status, 415, "firm uploads share the allow-list");
}

#[tokio::test]
async fn no_upload_without_active_access() {
    let stack = Stack::new().await;
    let contact = matter_with_contact(&stack).await;
    let (matter, session) = (&contact.matter, &contact.session);
    let other_matter = stack.new_matter("other").await;
    let (status, _) = stack
        .try_request_upload(session, &other_matter, "a.pdf", "application/pdf", &[0; 10])
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
    let intent = stack
        .request_upload(session, matter, "late.pdf", "application/pdf", PDF)
        .await;
    stack.revoke(matter, &contact.id).await;
    assert_eq!(stack.put_presigned(&intent, PDF.to_vec()).await, 200);
    let outcomes = stack.deliver_object_events().await;
    assert_eq!(outcomes[0][0]["outcome"], "rejected", "{outcomes:?}");
    assert!(document_ids(&stack.matter_documents(matter).await).is_empty());
    let (status, _) = stack
        .try_request_upload(session, matter, "a.pdf", "application/pdf", &[0; 10])
        .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn firm_documents_become_available_through_the_trigger() {
    let stack = Stack::new().await;
    let contact = matter_with_contact(&stack).await;
    let matter = &contact.matter;
    let advice = pdf::letter(1);
    let good = stack
        .register_firm_document(matter, "Advice.pdf", "application/pdf", &advice)
        .await;
    let bad = stack
        .register_firm_document(matter, "Bad.pdf", "application/pdf", b"\x00\x01\x02\x03")
        .await;
    assert_eq!(stack.put_presigned(&good, advice.clone()).await, 200);
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

    let documents = stack.matter_documents(matter).await;
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
    assert_eq!(
        stack.try_share(matter, &[bad_id], &[&contact.id]).await.0,
        404
    );
    stack.share(matter, &[good_id], &[&contact.id]).await;
    // The contact may only view: the firm's PDF opens as its stamped copy.
    let (status, answer) = stack.try_stamped_link(&contact.session, good_id).await;
    assert_eq!(status, 200, "{answer}");
}

#[tokio::test]
async fn an_upload_reports_where_it_stands_to_its_uploader_only() {
    let stack = Stack::new().await;
    let contact = matter_with_contact(&stack).await;
    let (matter, session) = (&contact.matter, &contact.session);
    let other = stack.new_contact(matter, "other", Access::Download).await;
    let other = stack.sign_in_contact(other).await;

    let intent = stack
        .put_contact_upload(session, matter, "Signed.pdf", PDF)
        .await;
    let upload = intent["uploadId"].as_str().expect("uploadId");
    let pending = stack.upload_status(session, matter, upload).await;
    assert_eq!(
        pending,
        json!({"uploadId": upload, "status": "pending", "rejectionReason": null, "documentId": null,
            "sha256": shared::checksum::sha256_base64(PDF)})
    );
    // Nobody else learns of it: another contact, another matter, a made-up id.
    let elsewhere = stack.new_matter("elsewhere").await;
    for (who, on, id) in [
        (other.session.as_str(), matter.as_str(), upload),
        (session.as_str(), elsewhere.as_str(), upload),
        (session.as_str(), matter.as_str(), "no-such-upload"),
    ] {
        let (status, answer) = stack.try_upload_status(who, on, id).await;
        assert_eq!(status, 404, "{answer}");
    }

    stack.deliver_object_events().await;
    let attached = stack.upload_status(session, matter, upload).await;
    assert_eq!(attached["status"], "attached");
    assert_eq!(
        attached["documentId"], upload,
        "the upload id is the document id"
    );

    let refused = put_fake_pdf(&stack, session, matter, "fake.pdf").await;
    stack.deliver_object_events().await;
    let refused_id = refused["uploadId"].as_str().expect("uploadId");
    let rejected = stack.upload_status(session, matter, refused_id).await;
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(rejected["documentId"], Value::Null);
    assert!(
        rejected["rejectionReason"]
            .as_str()
            .is_some_and(|r| r.contains("content")),
        "{rejected}"
    );
}

#[tokio::test]
async fn an_upload_keeps_an_extension_that_fits_its_type() {
    let stack = Stack::new().await;
    let contact = matter_with_contact(&stack).await;
    let (matter, session) = (&contact.matter, &contact.session);
    // Declared a PDF but named as an HTML application: staff must not be shown ".hta".
    let upload = stack
        .upload_as_contact(session, matter, "Invoice.hta", PDF)
        .await;
    let firm = stack
        .register_firm_document(matter, "Advice", "application/pdf", PDF)
        .await;
    let documents = stack.matter_documents(matter).await;
    let name_of = |id: &str| {
        documents["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|d| d["documentId"] == id)
            .map(|d| d["fileName"].clone())
    };
    assert_eq!(name_of(&upload.id), Some(json!("Invoice.hta.pdf")));
    let firm_id = firm["documentId"].as_str().expect("documentId");
    assert_eq!(name_of(firm_id), Some(json!("Advice.pdf")));
}

#[tokio::test]
async fn an_upload_reaches_every_one_of_many_staff_without_showing_their_addresses() {
    // Each of them gets a digest of their own, addressed to them alone.
    let stack = Stack::new().await;
    let matter = stack.id("m");
    let staff_address = |i: usize| format!("staff{i}.{}@firm.example", stack.run);
    // The owner and a full notify list: 51 people, more than SES takes in one message.
    let notify: Vec<Value> = (1..=50)
        .map(|i| json!({"id": format!("s{i}"), "email": staff_address(i), "name": format!("Staff {i}")}))
        .collect();
    let settings = json!({
        "title": "Estate of Many",
        "owner": {"id": "s0", "email": staff_address(0), "name": "Staff 0"},
        "notify": notify,
    });
    stack.save_matter_as(&matter, settings).await;
    let contact = stack.new_contact(&matter, "c", Access::Download).await;
    let contact = stack.sign_in_contact(contact).await;
    stack
        .upload_as_contact(&contact.session, &matter, "Many.pdf", PDF)
        .await;
    stack.deliver_notifications().await;
    let mail = stack.all_emails().await;
    for i in 0..=50 {
        let address = staff_address(i);
        let mail: Vec<_> = mail.iter().filter(|m| m.is_for(&address)).collect();
        assert_eq!(mail.len(), 1, "staff {i} is told once");
        assert_eq!(mail[0].to, vec![address], "no one else's address is shown");
        assert!(mail[0].bcc.is_empty());
    }
}

#[tokio::test]
async fn accepted_bytes_never_change() {
    let stack = Stack::new().await;
    let contact = matter_with_contact(&stack).await;
    let (matter, session) = (&contact.matter, &contact.session);
    let firm = stack
        .register_firm_document(matter, "Advice.pdf", "application/pdf", PDF)
        .await;
    assert_eq!(firm["headers"]["if-none-match"], "*", "signed into the URL");
    assert_eq!(stack.put_presigned(&firm, PDF.to_vec()).await, 200);
    let upload = stack
        .upload_as_contact(session, matter, "Signed.pdf", PDF)
        .await;
    stack.deliver_object_events().await;

    // The same URLs again within their lifetime, even by a contact revoked meanwhile.
    stack.revoke(matter, &contact.id).await;
    let forged = [b"%PDF-".as_slice(), &[b'X'; 27]].concat();
    assert_eq!(forged.len(), PDF.len());
    assert_eq!(stack.put_presigned(&firm, forged.clone()).await, 412);
    assert_eq!(stack.put_presigned(&upload.intent, forged).await, 412);
    assert!(stack.take_object_events().await.is_empty());

    let reader = stack.new_contact(matter, "reader", Access::Download).await;
    let firm_id = firm["documentId"].as_str().expect("documentId");
    stack
        .share(matter, &[firm_id, &upload.id], &[&reader.id])
        .await;
    let reader = stack.sign_in_contact(reader).await;
    for id in [firm_id, upload.id.as_str()] {
        let link = stack.link(&reader.session, id, "download").await;
        let (status, bytes) = stack.get_url(link["url"].as_str().expect("url")).await;
        assert_eq!(
            (status, bytes),
            (200, PDF.to_vec()),
            "{id} keeps its accepted bytes"
        );
    }
}

#[tokio::test]
async fn a_put_after_the_document_left_the_matter_leaves_nothing_behind() {
    let stack = Stack::new().await;
    let contact = matter_with_contact(&stack).await;
    let (matter, session) = (&contact.matter, &contact.session);
    let firm = stack
        .register_firm_document(matter, "Advice.pdf", "application/pdf", PDF)
        .await;
    assert_eq!(stack.put_presigned(&firm, PDF.to_vec()).await, 200);
    let upload = stack
        .upload_as_contact(session, matter, "Signed.pdf", PDF)
        .await;
    let refused = put_fake_pdf(&stack, session, matter, "Fake.pdf").await;
    stack.deliver_object_events().await;
    let firm_id = firm["documentId"].as_str().expect("documentId");
    stack.delete_document(matter, firm_id).await;
    stack.delete_document(matter, &upload.id).await;

    // Each URL still lives: the PUTs land, and the trigger deletes what nothing may keep.
    for answer in [&firm, &upload.intent, &refused] {
        assert_eq!(stack.put_presigned(answer, PDF.to_vec()).await, 200);
    }
    let outcomes = stack.deliver_object_events().await;
    assert_eq!(outcomes.len(), 3, "{outcomes:?}");
    assert!(
        outcomes.iter().all(|o| o[0]["outcome"] == "rejected"),
        "{outcomes:?}"
    );
    let refused_id = refused["uploadId"].as_str().expect("uploadId");
    for key in [
        shared::records::upload::object_key(matter, firm_id),
        shared::records::upload::object_key(matter, &upload.id),
        shared::records::upload::object_key(matter, refused_id),
    ] {
        assert!(!stack.key_exists(&key).await, "{key} is left behind");
    }
    assert!(document_ids(&stack.matter_documents(matter).await).is_empty());
}

#[tokio::test]
async fn intents_expire_and_objects_at_keys_nobody_issued_are_not_kept() {
    let stack = Stack::new().await;
    let contact = matter_with_contact(&stack).await;
    let (matter, session) = (&contact.matter, &contact.session);
    let intent = stack
        .request_upload(session, matter, "Later.pdf", "application/pdf", PDF)
        .await;
    let upload_id = intent["uploadId"].as_str().expect("uploadId");
    let stored = aws_sdk_dynamodb::Client::new(&stack.sdk)
        .get_item()
        .table_name(&stack.app.config.table_name)
        .key(
            "pk",
            aws_sdk_dynamodb::types::AttributeValue::S(format!("UPLOAD#{upload_id}")),
        )
        .key(
            "sk",
            aws_sdk_dynamodb::types::AttributeValue::S("UPLOAD".into()),
        )
        .send()
        .await
        .expect("get");
    let expires: i64 = stored
        .item()
        .and_then(|i| i.get("expiresAtEpoch"))
        .and_then(|v| v.as_n().ok())
        .and_then(|n| n.parse().ok())
        .expect("an intent carries its TTL");
    let now = shared::clock::epoch_seconds(shared::clock::now());
    assert!(
        (now + 86_000..=now + 86_500).contains(&expires),
        "{expires} vs {now}"
    );

    // Nobody is given URLs for other keys under matters/, yet something put one there.
    let stray = format!("matters/{matter}/elsewhere/x.pdf");
    shared::files::client(&stack.sdk)
        .put_object()
        .bucket(&stack.app.config.bucket_name)
        .key(&stray)
        .body(PDF.to_vec().into())
        .send()
        .await
        .expect("put");
    let outcomes = stack.deliver_object_events().await;
    assert_eq!(
        outcomes,
        vec![json!([{"outcome": "rejected", "detail": "not a key this service issues"}])]
    );
    assert!(!stack.key_exists(&stray).await, "{stray} is left behind");
}
