//! The portal's hot paths in DynamoDB calls, counted on the functions' own SDK clients: a
//! document list in 2, a download link in 2 (one BatchGetItem reads the session, its grants,
//! the share and the document; one transaction records the opening). And the session bearer
//! that makes this possible cannot be bent to reach anyone else.

use integration_tests::observe::{CallCounter, SharedInterceptor};
use integration_tests::{Access, Stack};
use std::collections::BTreeMap;

fn ops(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(op, n)| (op.to_string(), *n)).collect()
}

#[tokio::test]
async fn a_matter_grouped_by_folder_is_still_two_dynamodb_calls() {
    let counter = CallCounter::default();
    let stack = Stack::instrumented(&[], &[SharedInterceptor::new(counter.clone())]).await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let matter = contact.matter.clone();
    let [a, b, c] = stack
        .upload_firm_documents(
            &matter,
            [
                ("A.pdf", b"%PDF-1.4 a"),
                ("B.pdf", b"%PDF-1.4 b"),
                ("C.pdf", b"%PDF-1.4 c"),
            ],
        )
        .await;
    stack.deliver_object_events().await;
    let first = stack.create_folder(&matter, "First").await;
    let second = stack.create_folder(&matter, "Second").await;
    stack.move_to(&matter, &a, Some(&first)).await;
    stack.move_to(&matter, &b, Some(&second)).await;
    stack.share_folder(&matter, &first, &[&contact.id]).await;
    stack.share_folder(&matter, &second, &[&contact.id]).await;
    stack.share(&matter, &[&c], &[&contact.id]).await;
    let session = stack.sign_in_contact(contact).await.session;
    counter.take();

    let listed = stack
        .portal_documents(&session, &format!("?matterId={matter}"))
        .await;
    let folders: Vec<&str> = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|d| d["folderName"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(folders.len(), 3, "{listed}");
    assert!(folders.contains(&"First") && folders.contains(&"Second") && folders.contains(&"-"));
    assert_eq!(
        counter.take_dynamodb(),
        ops(&[("BatchGetItem", 1), ("Query", 1)]),
        "the session's read and one query, folders or not"
    );
}

#[tokio::test]
async fn a_list_and_a_link_cost_two_dynamodb_calls_each() {
    let counter = CallCounter::default();
    let stack = Stack::instrumented(&[], &[SharedInterceptor::new(counter.clone())]).await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let matter = contact.matter.clone();
    let document = stack
        .share_new_document(&matter, "brief.pdf", b"%PDF-1.4 brief", &[&contact.id])
        .await;
    // A second matter, so that the bearer names two and the batch reads both grants.
    let other = stack.new_matter("m2").await;
    stack
        .grant(&other, &contact.id, &contact.email, Access::ViewOnly)
        .await;
    let session = stack.sign_in_contact(contact).await.session;
    counter.take();

    let listed = stack.portal_documents(&session, "").await;
    assert_eq!(
        listed["items"].as_array().map(Vec::len),
        Some(1),
        "{listed}"
    );
    assert_eq!(
        counter.take_dynamodb(),
        ops(&[("BatchGetItem", 1), ("Query", 1)])
    );

    let matters = stack.portal_matters(&session).await;
    assert_eq!(
        matters["items"].as_array().map(Vec::len),
        Some(2),
        "{matters}"
    );
    assert_eq!(counter.take_dynamodb(), ops(&[("BatchGetItem", 1)]));

    for disposition in ["view", "download"] {
        let link = stack.link(&session, &document, disposition).await;
        assert!(link["url"]
            .as_str()
            .is_some_and(|u| u.contains("X-Amz-Signature")));
        assert_eq!(
            counter.take_dynamodb(),
            ops(&[("BatchGetItem", 1), ("TransactWriteItems", 1)]),
            "{disposition}"
        );
    }
    // Refusals take the same single read: not shared (404), not this contact's matter.
    let (status, _) = stack.try_link(&session, "no-such-document", "view").await;
    assert_eq!(status, 404);
    assert_eq!(counter.take_dynamodb(), ops(&[("BatchGetItem", 1)]));
}

#[tokio::test]
async fn a_bearer_altered_in_any_part_reaches_nothing() {
    let stack = Stack::new().await;
    let (alice, document) = stack
        .signed_in_with_document(Access::Download, "a.pdf", b"%PDF-1.4 a")
        .await;
    let bob = stack
        .new_contact(&alice.matter, "bob", Access::Download)
        .await;
    stack.share(&alice.matter, &[&document], &[&bob.id]).await;
    let parts: Vec<&str> = alice.session.split('.').collect();
    assert_eq!(parts.len(), 3, "secret, contact, matter: {}", alice.session);
    assert_eq!(
        (parts[1], parts[2]),
        (alice.id.as_str(), alice.matter.as_str())
    );

    let other_matter = stack.new_matter("other").await;
    let altered = [
        // Bob's id on Alice's secret: the document is shared with Bob too.
        format!("{}.{}.{}", parts[0], bob.id, parts[2]),
        format!("{}.{}.{}", parts[0], parts[1], other_matter),
        format!("{}.{}.{}.{}", parts[0], parts[1], parts[2], other_matter),
        format!("{}.{}", parts[0], parts[1]),
        parts[0].to_string(),
    ];
    for bearer in &altered {
        let (status, answer) = stack.try_link(bearer, &document, "download").await;
        assert_eq!(status, 401, "{bearer}: {answer}");
        let (status, answer) = stack.try_portal_documents(bearer, "").await;
        assert_eq!(status, 401, "{bearer}: {answer}");
    }
    // The real one still works.
    assert!(stack.link(&alice.session, &document, "view").await["url"].is_string());
}

#[tokio::test]
async fn a_contact_on_more_matters_than_a_bearer_names_still_reaches_them_all() {
    let counter = CallCounter::default();
    let stack = Stack::instrumented(&[], &[SharedInterceptor::new(counter.clone())]).await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let document = stack
        .share_new_document(&contact.matter, "last.pdf", b"%PDF-1.4 z", &[&contact.id])
        .await;
    for n in 0..20 {
        let matter = stack.new_matter(&format!("m{n}")).await;
        stack
            .grant(&matter, &contact.id, &contact.email, Access::ViewOnly)
            .await;
    }
    let session = stack.sign_in_contact(contact).await.session;
    assert_eq!(
        session.split('.').count(),
        2,
        "21 matters: the bearer names none"
    );
    counter.take();

    let matters = stack.portal_matters(&session).await;
    assert_eq!(matters["items"].as_array().map(Vec::len), Some(21));
    assert_eq!(
        counter.take_dynamodb(),
        ops(&[("BatchGetItem", 1), ("GetItem", 1)])
    );
    assert!(stack.link(&session, &document, "download").await["url"].is_string());
    assert_eq!(
        counter.take_dynamodb(),
        ops(&[
            ("BatchGetItem", 1),
            ("GetItem", 1),
            ("TransactWriteItems", 1)
        ])
    );
}

/// The console's matter list reads one page of matters and one batch of their tallies: 2
/// calls for a page, however many contacts and documents each matter holds.
#[tokio::test]
async fn the_matter_list_costs_two_dynamodb_calls_whatever_the_matters_hold() {
    let counter = CallCounter::default();
    let stack = Stack::instrumented(&[], &[SharedInterceptor::new(counter.clone())]).await;
    let small = stack.new_matter("small").await;
    stack
        .grant(
            &small,
            &stack.id("s1"),
            &stack.email("s1"),
            Access::ViewOnly,
        )
        .await;
    counter.take();
    let listed = stack.list_matters("").await;
    assert_eq!(listed["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        counter.take_dynamodb(),
        ops(&[("BatchGetItem", 1), ("Query", 1)])
    );

    // Three matters, one with ten contacts and twenty documents: still 2 calls.
    let big = stack.new_matter("big").await;
    for i in 0..10 {
        let name = format!("b{i}");
        stack
            .grant(
                &big,
                &stack.id(&name),
                &stack.email(&name),
                Access::Download,
            )
            .await;
    }
    for i in 0..20 {
        stack
            .register_firm_document(&big, &format!("D{i}.pdf"), "application/pdf", &[0; 9])
            .await;
    }
    stack.new_matter("empty").await;
    counter.take();
    let listed = stack.list_matters("").await;
    let rows = listed["items"].as_array().expect("items");
    assert_eq!(rows.len(), 3, "{listed}");
    let big_row = rows.iter().find(|r| r["matterId"] == big).expect("big");
    assert_eq!(
        (big_row["contacts"].as_u64(), big_row["documents"].as_u64()),
        (Some(10), Some(20))
    );
    assert_eq!(
        counter.take_dynamodb(),
        ops(&[("BatchGetItem", 1), ("Query", 1)])
    );
}

#[tokio::test]
async fn a_page_of_messages_costs_at_most_two_dynamodb_calls_and_a_post_one_transaction() {
    let counter = CallCounter::default();
    let stack = Stack::instrumented(&[], &[SharedInterceptor::new(counter.clone())]).await;
    let contact = stack.signed_in_contact(Access::Download).await;
    let matter = contact.matter.clone();
    for i in 0..3 {
        stack
            .post_message(&matter, &contact.id, &format!("m{i}"))
            .await;
    }
    counter.take();

    assert_eq!(stack.my_messages(&contact.session, &matter).await.len(), 3);
    assert_eq!(
        counter.take_dynamodb(),
        ops(&[("BatchGetItem", 1), ("Query", 1)]),
        "the session's batch, one query"
    );
    assert_eq!(stack.staff_messages(&matter, &contact.id).await.len(), 3);
    assert_eq!(counter.take_dynamodb(), ops(&[("Query", 1)]));

    // A reply: the session's batch holds the conversation; the matter; one transaction.
    stack.reply(&contact.session, &matter, "reply").await;
    assert_eq!(
        counter.take_dynamodb(),
        ops(&[
            ("BatchGetItem", 1),
            ("GetItem", 1),
            ("TransactWriteItems", 1)
        ])
    );
    // Staff: the matter, the grant, the conversation, one transaction.
    stack.post_message(&matter, &contact.id, "again").await;
    assert_eq!(
        counter.take_dynamodb(),
        ops(&[("GetItem", 3), ("TransactWriteItems", 1)])
    );
}
