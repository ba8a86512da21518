//! Secure messages on the emulator through the real handlers: a conversation per matter and
//! contact, privacy between co-parties and across matters, attachments and their removal,
//! read receipts and unread counts, delete, a share's note as a message, the digests both
//! ways, the hourly cap, and a post faulted at each AWS call then sent again.

use integration_tests::faults::{FaultInjector, MailRecorder, Mode};
use integration_tests::{Access, Caller, Stack};
use serde_json::{json, Value};
use shared::records::message::fields;
use shared::records::ConversationRecord;
use shared::store::Change;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj message attachment";

fn texts(messages: &[Value]) -> Vec<&str> {
    messages
        .iter()
        .map(|m| m["text"].as_str().expect("text"))
        .collect()
}

#[tokio::test]
async fn each_contact_has_their_own_conversation_with_receipts_and_unread_counts() {
    let stack = Stack::new().await;
    let [ann, bob] = stack
        .matter_with_contacts([("ann", Access::Download), ("bob", Access::Download)])
        .await;
    let matter = ann.matter.clone();
    let ann = stack.sign_in_contact(ann).await;
    let bob = stack.sign_in_contact(bob).await;
    let other = stack.new_matter("other").await;

    let first = stack
        .post_message(
            &matter,
            &ann.id,
            "Hello Ann,\nplease see https://example.com/x",
        )
        .await;
    assert_eq!(first["author"]["kind"], "staff");
    assert_eq!(first["readAt"], Value::Null);
    // Line breaks kept, nothing else made of the text.
    assert_eq!(
        first["text"],
        "Hello Ann,\nplease see https://example.com/x"
    );

    // Ann sees it, unread; Bob, on the same matter, sees nothing of it.
    let mine = stack.my_messages(&ann.session, &matter).await;
    assert_eq!(
        texts(&mine),
        ["Hello Ann,\nplease see https://example.com/x"]
    );
    assert!(stack.my_messages(&bob.session, &matter).await.is_empty());
    let conversations = stack.my_conversations(&ann.session).await;
    assert_eq!(conversations.len(), 1);
    assert_eq!(conversations[0]["unread"], 1);
    assert_eq!(stack.my_conversations(&bob.session).await[0]["unread"], 0);
    // Another matter is not there for Ann.
    assert_eq!(stack.try_my_messages(&ann.session, &other).await.0, 404);
    let (status, _) = stack
        .try_reply(&ann.session, &other, json!({"text": "hi"}))
        .await;
    assert_eq!(status, 404);

    // Ann opens it: the receipt, and the count falls.
    assert_eq!(stack.read_mine(&ann.session, &matter).await["marked"], 1);
    assert_eq!(stack.read_mine(&ann.session, &matter).await["marked"], 0);
    assert_eq!(stack.my_conversations(&ann.session).await[0]["unread"], 0);
    let read_at = stack.staff_messages(&matter, &ann.id).await[0]["readAt"].clone();
    assert!(read_at.is_string(), "staff see when it was read: {read_at}");

    // Ann replies twice; staff see two unread, by contact, newest conversation first.
    stack.reply(&ann.session, &matter, "Thanks").await;
    stack.reply(&ann.session, &matter, "One more thing").await;
    stack.post_message(&matter, &bob.id, "Hello Bob").await;
    let listed = stack.conversations(&matter).await;
    let ids: Vec<&str> = listed
        .iter()
        .map(|c| c["contactId"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, [bob.id.as_str(), ann.id.as_str()]);
    assert_eq!(listed[1]["unread"], 2);
    assert_eq!(listed[1]["messageCount"], 3);
    assert_eq!(
        listed[0]["unread"], 0,
        "staff's own message is not unread for staff"
    );
    assert_eq!(stack.staff_read(&matter, &ann.id).await["marked"], 2);
    assert_eq!(stack.conversations(&matter).await[1]["unread"], 0);
    let all = stack.staff_messages(&matter, &ann.id).await;
    assert_eq!(
        texts(&all),
        [
            "One more thing",
            "Thanks",
            "Hello Ann,\nplease see https://example.com/x"
        ]
    );
    assert!(all.iter().all(|m| m["readAt"].is_string()));
    // Every post is an event naming the message, never its text.
    let posted = stack.events_of(&matter, "messagePosted").await;
    assert_eq!(posted.len(), 4);
    assert!(posted
        .iter()
        .all(|e| e["messageId"].is_string() && e["detail"].is_null()));
}

#[tokio::test]
async fn bad_posts_are_refused_clearly() {
    let stack = Stack::new().await;
    let [ann, bob] = stack
        .matter_with_contacts([("ann", Access::Download), ("bob", Access::ViewOnly)])
        .await;
    let matter = ann.matter.clone();
    let ann = stack.sign_in_contact(ann).await;
    for body in [
        json!({"text": ""}),
        json!({"text": "  \n "}),
        json!({"text": "x".repeat(10_001)}),
        json!({"text": "bell\u{7}"}),
        json!({"text": "hi", "unknown": 1}),
    ] {
        assert_eq!(
            stack
                .try_post_message(&matter, &ann.id, body.clone())
                .await
                .0,
            400,
            "{body}"
        );
        assert_eq!(
            stack.try_reply(&ann.session, &matter, body.clone()).await.0,
            400,
            "{body}"
        );
    }
    assert_eq!(
        stack
            .try_post_message(&matter, &ann.id, json!({"text": "x".repeat(10_000)}))
            .await
            .0,
        201
    );
    // An attachment not in the matter; a contact's of a document not shared with them.
    let other = stack.new_matter("other").await;
    let elsewhere = stack.upload_firm_document(&other, "Else.pdf", PDF).await;
    let body = json!({"text": "see", "documentId": elsewhere});
    assert_eq!(
        stack
            .try_post_message(&matter, &ann.id, body.clone())
            .await
            .0,
        404
    );
    assert_eq!(stack.try_reply(&ann.session, &matter, body).await.0, 404);
    let unshared = stack
        .upload_firm_document(&matter, "Unshared.pdf", PDF)
        .await;
    let body = json!({"text": "see", "documentId": unshared});
    assert_eq!(stack.try_reply(&ann.session, &matter, body).await.0, 404);
    // Bob's upload is not Ann's to attach.
    let bob = stack.sign_in_contact(bob).await;
    let bobs = stack
        .upload_as_contact(&bob.session, &matter, "Bobs.pdf", PDF)
        .await;
    let body = json!({"text": "see", "documentId": bobs.id});
    assert_eq!(stack.try_reply(&ann.session, &matter, body).await.0, 404);
    // A contact without access.
    assert_eq!(
        stack
            .try_post_message(&matter, "nobody", json!({"text": "hi"}))
            .await
            .0,
        404
    );
    // Revoked: staff cannot post to them, their session is gone.
    stack.revoke(&matter, &ann.id).await;
    assert_eq!(
        stack
            .try_post_message(&matter, &ann.id, json!({"text": "hi"}))
            .await
            .0,
        404
    );
    assert_eq!(
        stack
            .try_reply(&ann.session, &matter, json!({"text": "hi"}))
            .await
            .0,
        401
    );
    assert_eq!(stack.try_my_messages(&ann.session, &matter).await.0, 401);
}

#[tokio::test]
async fn attachments_share_or_come_from_the_pipeline_and_show_removed_when_gone() {
    let stack = Stack::new().await;
    let ann = stack.signed_in_contact(Access::Download).await;
    let matter = ann.matter.clone();
    let [letter, lease] = stack
        .upload_firm_documents(&matter, [("Letter.pdf", PDF), ("Lease.pdf", PDF)])
        .await;
    // Staff attach a matter document: it is shared with Ann by the post.
    let body = json!({"text": "The letter", "documentId": letter});
    let (status, posted) = stack.try_post_message(&matter, &ann.id, body).await;
    assert_eq!(status, 201, "{posted}");
    assert_eq!(posted["attachment"]["fileName"], "Letter.pdf");
    let visible = stack.portal_documents(&ann.session, "").await;
    assert!(
        visible.to_string().contains(&letter),
        "shared by the post: {visible}"
    );
    let link = stack.link(&ann.session, &letter, "view").await;
    assert!(link["url"].is_string());
    // Ann attaches her own upload (a Document (Portal) through the pipeline).
    let upload = stack
        .upload_as_contact(&ann.session, &matter, "Signed.pdf", PDF)
        .await;
    let body = json!({"text": "Signed", "documentId": upload.id});
    let (status, reply) = stack.try_reply(&ann.session, &matter, body).await;
    assert_eq!(status, 201, "{reply}");
    assert_eq!(reply["attachment"]["documentId"], upload.id.as_str());
    // Ann may attach a document shared with her too.
    stack.share(&matter, &[&lease], &[&ann.id]).await;
    let body = json!({"text": "About the lease", "documentId": lease});
    assert_eq!(stack.try_reply(&ann.session, &matter, body).await.0, 201);

    // Unshared, and deleted from the matter: "attachment removed" on both faces.
    stack.stop_share(&matter, &letter, &ann.id).await;
    stack.delete_document(&matter, &upload.id).await;
    let removed = |messages: &[Value], text: &str| -> bool {
        messages
            .iter()
            .find(|m| m["text"] == text)
            .map(|m| m["attachment"]["removed"] == true)
            .expect("message")
    };
    for messages in [
        stack.my_messages(&ann.session, &matter).await,
        stack.staff_messages(&matter, &ann.id).await,
    ] {
        assert!(removed(&messages, "The letter"));
        assert!(removed(&messages, "Signed"));
        assert!(!removed(&messages, "About the lease"));
    }
    assert_eq!(stack.try_link(&ann.session, &letter, "view").await.0, 404);
}

#[tokio::test]
async fn a_deleted_message_leaves_both_faces_and_the_log_keeps_only_that_it_was() {
    let stack = Stack::new().await;
    let ann = stack.signed_in_contact(Access::Download).await;
    let matter = ann.matter.clone();
    let secret = "The settlement figure is 120,000";
    let posted = stack.post_message(&matter, &ann.id, secret).await;
    stack.post_message(&matter, &ann.id, "Kept").await;
    assert_eq!(stack.my_conversations(&ann.session).await[0]["unread"], 2);
    let id = posted["messageId"].as_str().expect("id");
    assert_eq!(stack.try_delete_message(&matter, &ann.id, id).await.0, 204);
    assert_eq!(
        texts(&stack.my_messages(&ann.session, &matter).await),
        ["Kept"]
    );
    assert_eq!(
        texts(&stack.staff_messages(&matter, &ann.id).await),
        ["Kept"]
    );
    assert_eq!(stack.my_conversations(&ann.session).await[0]["unread"], 1);
    assert_eq!(stack.try_delete_message(&matter, &ann.id, id).await.0, 404);
    let deleted = stack.events_of(&matter, "messageDeleted").await;
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0]["messageId"], id);
    let (_, log) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/events"),
            Caller::Staff,
            None,
        )
        .await;
    assert!(!log.to_string().contains("120,000"), "no text in the log");
    let (_, csv) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/events?format=csv"),
            Caller::Staff,
            None,
        )
        .await;
    assert!(!csv.to_string().contains("120,000"));
}

#[tokio::test]
async fn a_share_note_is_a_message_naming_the_shared_documents() {
    let stack = Stack::new().await;
    let [ann, bob] = stack
        .matter_with_contacts([("ann", Access::Download), ("bob", Access::ViewOnly)])
        .await;
    let matter = ann.matter.clone();
    let ann = stack.sign_in_contact(ann).await;
    let [a, b] = stack
        .upload_firm_documents(&matter, [("A.pdf", PDF), ("B.pdf", PDF)])
        .await;
    let body = json!({"documentIds": [a, b], "contactIds": [ann.id, bob.id], "message": "Please sign both."});
    let path = format!("/matters/{matter}/shares");
    for _ in 0..2 {
        // Sent again (a lost answer): the note is posted once.
        let (status, answer) = stack
            .call("POST", &path, Caller::Staff, Some(body.clone()))
            .await;
        assert_eq!(status, 200, "{answer}");
    }
    let mine = stack.my_messages(&ann.session, &matter).await;
    assert_eq!(texts(&mine), ["Please sign both."]);
    assert_eq!(mine[0]["author"]["kind"], "staff");
    let named: Vec<&str> = mine[0]["sharedDocuments"]
        .as_array()
        .expect("named")
        .iter()
        .map(|d| d["fileName"].as_str().expect("name"))
        .collect();
    assert_eq!(named, ["A.pdf", "B.pdf"]);
    assert_eq!(
        texts(&stack.staff_messages(&matter, &bob.id).await),
        ["Please sign both."]
    );
    // A share without a note posts nothing.
    let c = stack.upload_firm_document(&matter, "C.pdf", PDF).await;
    stack.share(&matter, &[&c], &[&ann.id]).await;
    assert_eq!(stack.my_messages(&ann.session, &matter).await.len(), 1);
}

#[tokio::test]
async fn messages_reach_the_other_side_in_one_digest_without_their_text() {
    let mail = MailRecorder::new();
    let stack = Stack::instrumented(&[], &[mail.interceptor()]).await;
    let matter = stack.id("m");
    let owner_email = format!("owner.{}@firm.example", stack.run);
    let settings = json!({
        "title": "Estate of Letters",
        "owner": {"id": "o1", "email": owner_email, "name": "Olive Owner"},
        "notify": [],
    });
    stack.save_matter_as(&matter, settings).await;
    let ann = stack.new_contact(&matter, "ann", Access::Download).await;
    let ann = stack.sign_in_contact(ann).await;
    stack.skip_stream().await;
    stack.post_message(&matter, &ann.id, "Private: first").await;
    stack
        .post_message(&matter, &ann.id, "Private: second")
        .await;
    stack.reply(&ann.session, &matter, "Private: reply").await;
    let delivered = stack.deliver_notifications().await;
    assert_eq!(delivered.failures(), 0, "{delivered:?}");

    let to_ann: Vec<_> = mail
        .to(&ann.email)
        .into_iter()
        .filter(|m| !m.body.contains("#invite="))
        .collect();
    assert_eq!(to_ann.len(), 1, "one digest for the window: {to_ann:?}");
    assert_eq!(
        to_ann[0].subject,
        format!(
            "2 new messages in the {} client portal",
            stack.app.config.firm_name
        )
    );
    assert!(!to_ann[0].body.contains("Private"), "{}", to_ann[0].body);
    assert!(to_ann[0].body.contains("Estate of Letters"));
    let to_owner = mail.to(&owner_email);
    assert_eq!(to_owner.len(), 1, "{to_owner:?}");
    assert!(
        to_owner[0].body.contains("new message from"),
        "{}",
        to_owner[0].body
    );
    assert!(to_owner[0].body.contains("/console/") && !to_owner[0].body.contains("Private"));

    // A message deleted before its window is sent is not told.
    let gone = stack.post_message(&matter, &ann.id, "Private: gone").await;
    let id = gone["messageId"].as_str().expect("id");
    assert_eq!(stack.try_delete_message(&matter, &ann.id, id).await.0, 204);
    stack.deliver_notifications().await;
    let digests = mail
        .to(&ann.email)
        .into_iter()
        .filter(|m| !m.body.contains("#invite="))
        .count();
    assert_eq!(digests, 1);
}

#[tokio::test]
async fn the_first_message_to_a_contact_who_never_signed_in_goes_with_an_invitation() {
    let mail = MailRecorder::new();
    // Another invitation may go at once (the grant's just went out).
    let stack =
        Stack::instrumented(&[("INVITE_RESEND_INTERVAL", "0")], &[mail.interceptor()]).await;
    let [ann] = stack
        .matter_with_contacts([("ann", Access::Download)])
        .await;
    let matter = ann.matter.clone();
    let invitations = || {
        mail.to(&ann.email)
            .into_iter()
            .filter(|m| m.body.contains("#invite="))
            .count()
    };
    assert_eq!(invitations(), 1, "the grant's");
    stack.post_message(&matter, &ann.id, "Welcome").await;
    stack.deliver_notifications().await;
    assert_eq!(invitations(), 2, "with the first message");
    stack.post_message(&matter, &ann.id, "Again").await;
    stack.deliver_notifications().await;
    assert_eq!(invitations(), 2, "only the first");
}

#[tokio::test]
async fn a_contact_posts_at_most_sixty_times_an_hour() {
    let stack = Stack::new().await;
    let ann = stack.signed_in_contact(Access::Download).await;
    let matter = ann.matter.clone();
    stack.reply(&ann.session, &matter, "first").await;
    // 59 more, as the counter has them.
    let key = ConversationRecord::key_for(&matter, &ann.id);
    let change = Change::new().set(fields::POSTS_IN_HOUR, 59);
    assert!(stack.app.table.update(&key, change).await.expect("set"));
    stack.reply(&ann.session, &matter, "sixtieth").await;
    let (status, answer) = stack
        .try_reply(&ann.session, &matter, json!({"text": "one more"}))
        .await;
    assert_eq!(status, 429, "{answer}");
    // Staff are not capped.
    stack.post_message(&matter, &ann.id, "staff").await;
}

/// A post fails at its Nth AWS call (before it is sent, then after it took effect) for every
/// N, then is sent again with the same request id: one message, one event, counts right.
#[tokio::test]
async fn a_post_faulted_at_each_call_then_sent_again_is_posted_once() {
    let faults = FaultInjector::new();
    let stack = Stack::instrumented(&[], &[faults.interceptor()]).await;
    let ann = stack.signed_in_contact(Access::Download).await;
    let matter = ann.matter.clone();
    let document = stack.upload_firm_document(&matter, "Doc.pdf", PDF).await;
    let mut expected = 0;
    for staff in [true, false] {
        for mode in [Mode::Before, Mode::After] {
            for nth in 1..40 {
                let request = format!("r-{staff}-{mode:?}-{nth}");
                let body = if staff {
                    json!({"text": request, "documentId": document, "requestId": request})
                } else {
                    json!({"text": request, "requestId": request})
                };
                let post = || async {
                    if staff {
                        stack.try_post_message(&matter, &ann.id, body.clone()).await
                    } else {
                        stack.try_reply(&ann.session, &matter, body.clone()).await
                    }
                };
                faults.arm(nth, mode);
                let (status, _) = post().await;
                let fired = faults.disarm();
                if fired.is_none() {
                    assert_eq!(status, 201);
                    expected += 1;
                    break;
                }
                let (status, answer) = post().await;
                assert_eq!(status, 201, "{request} sent again: {answer}");
                expected += 1;
                let messages = stack.staff_messages(&matter, &ann.id).await;
                let same = messages
                    .iter()
                    .filter(|m| m["text"] == request.as_str())
                    .count();
                assert_eq!(same, 1, "{request}: {fired:?}");
            }
        }
    }
    let conversation = stack
        .app
        .table
        .get(&ConversationRecord::key_for(&matter, &ann.id))
        .await
        .expect("read")
        .expect("conversation");
    let path = format!(
        "/matters/{matter}/conversations/{}/messages?limit=200",
        ann.id
    );
    let (_, page) = stack.call("GET", &path, Caller::Staff, None).await;
    let messages = page["items"].as_array().expect("items");
    assert_eq!(messages.len(), expected);
    assert_eq!(
        conversation.message_count,
        i64::try_from(expected).expect("count")
    );
    let unread_by_contact = messages
        .iter()
        .filter(|m| m["author"]["kind"] == "staff")
        .count();
    assert_eq!(
        conversation.unread_by_contact,
        i64::try_from(unread_by_contact).expect("n")
    );
    assert_eq!(
        conversation.unread_by_staff,
        i64::try_from(expected - unread_by_contact).expect("n")
    );
    let path = format!("/matters/{matter}/events?type=messagePosted&limit=200");
    let (_, events) = stack.call("GET", &path, Caller::Staff, None).await;
    assert_eq!(events["items"].as_array().expect("items").len(), expected);
}
