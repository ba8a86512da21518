//! The portal identity is the address on a grant, and every link and session is bound to the
//! grant version it was issued for (DESIGN.md, Identity).

use integration_tests::observe::{CallCounter, SharedInterceptor};
use integration_tests::{Access, Stack};
use std::collections::BTreeMap;

/// One contact record granted on two matters under two addresses is two identities.
#[tokio::test]
async fn a_contact_granted_under_two_addresses_is_two_identities() {
    let stack = Stack::new().await;
    let contact = stack.id("dana");
    let (home, work) = (stack.email("dana.home"), stack.email("dana.work"));
    let first = stack.new_matter("first").await;
    let second = stack.new_matter("second").await;
    stack.grant(&first, &contact, &home, Access::Download).await;
    let on_first = stack
        .share_new_document(&first, "first.pdf", b"%PDF-1.4 first", &[&contact])
        .await;
    stack
        .grant(&second, &contact, &work, Access::Download)
        .await;
    let on_second = stack
        .share_new_document(&second, "second.pdf", b"%PDF-1.4 second", &[&contact])
        .await;

    let work_session = stack.sign_in(&work).await;
    let matters = stack.portal_matters(&work_session).await;
    let ids: Vec<&str> = matters["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|m| m["matterId"].as_str())
        .collect();
    assert_eq!(
        ids,
        [second.as_str()],
        "the work address reaches only its matter"
    );
    let documents = stack.portal_documents(&work_session, "").await;
    assert_eq!(
        integration_tests::document_ids(&documents),
        [on_second.as_str()]
    );
    let everything_on_first = [
        stack
            .try_portal_documents(&work_session, &format!("?matterId={first}"))
            .await,
        stack.try_link(&work_session, &on_first, "view").await,
        stack
            .try_request_upload(
                &work_session,
                &first,
                "mine.pdf",
                "application/pdf",
                &[0; 10],
            )
            .await,
    ];
    assert_eq!(
        everything_on_first[0].1["items"],
        serde_json::json!([]),
        "the first matter's documents are not listed"
    );
    assert_eq!(
        everything_on_first[1].0, 404,
        "{}",
        everything_on_first[1].1
    );
    assert_eq!(
        everything_on_first[2].0, 404,
        "{}",
        everything_on_first[2].1
    );

    let home_session = stack.sign_in(&home).await;
    let documents = stack.portal_documents(&home_session, "").await;
    assert_eq!(integration_tests::document_ids(&documents), [on_first]);
    assert_eq!(
        stack.try_link(&home_session, &on_second, "view").await.0,
        404
    );
}

/// A link mailed before a revoke opens nothing after a re-grant, to a new or the same address.
#[tokio::test]
async fn links_mailed_before_a_revoke_are_dead_after_a_regrant() {
    let stack = Stack::with_settings(&[("SIGN_IN_COOLDOWN", "0")]).await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let invitation = stack.emailed_token(&contact.email).await;
    let signed_in = stack.sign_in_contact(contact.clone()).await;
    stack.try_request_sign_in_link(&contact.email).await;
    let sign_in_link = stack.emailed_token(&contact.email).await;
    assert_ne!(sign_in_link, invitation);

    stack.revoke(&contact.matter, &contact.id).await;
    let elsewhere = stack.email("elsewhere");
    stack
        .grant(&contact.matter, &contact.id, &elsewhere, Access::Download)
        .await;
    assert_eq!(stack.try_exchange(&sign_in_link).await.0, 401);
    assert_eq!(
        stack.try_portal_documents(&signed_in.session, "").await.0,
        401
    );

    // Revoked and granted again to the same address: nothing issued before works either.
    stack.try_request_sign_in_link(&elsewhere).await;
    let unspent = stack.emailed_token(&elsewhere).await;
    stack.revoke(&contact.matter, &contact.id).await;
    stack
        .grant(&contact.matter, &contact.id, &elsewhere, Access::Download)
        .await;
    assert_eq!(stack.try_exchange(&unspent).await.0, 401);
    let fresh = stack.emailed_token(&elsewhere).await;
    assert_ne!(fresh, unspent);
    assert_eq!(
        stack.try_exchange(&fresh).await.0,
        201,
        "the new invitation works"
    );
}

/// Changing the address ends the old address's session and unspent links, and invites the
/// new address.
#[tokio::test]
async fn an_address_change_ends_everything_issued_to_the_old_address() {
    let stack = Stack::new().await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let signed_in = stack.sign_in_contact(contact.clone()).await;
    stack.try_request_sign_in_link(&contact.email).await;
    let unspent = stack.emailed_token(&contact.email).await;

    let moved = stack.email("moved");
    let answer = stack
        .grant(&contact.matter, &contact.id, &moved, Access::Download)
        .await;
    assert_eq!(answer["invitationSent"], true, "{answer}");
    assert_eq!(answer["email"], moved.as_str());
    assert_eq!(
        stack.try_portal_documents(&signed_in.session, "").await.0,
        401
    );
    assert_eq!(stack.try_exchange(&unspent).await.0, 401);

    let session = stack.sign_in(&moved).await;
    let matters = stack.portal_matters(&session).await;
    assert_eq!(matters["items"][0]["matterId"], contact.matter.as_str());

    // A change that keeps the address (the switch, the name) ends nothing.
    stack
        .grant(
            &contact.matter,
            &contact.id,
            &moved.to_uppercase(),
            Access::ViewOnly,
        )
        .await;
    assert_eq!(stack.try_portal_documents(&session, "").await.0, 200);
}

/// At most one live sign-in link per address, at most SIGN_IN_LIMIT per window, none
/// inside the cooldown.
#[tokio::test]
async fn sign_in_links_are_limited_per_address() {
    let stack = Stack::with_settings(&[("SIGN_IN_COOLDOWN", "0"), ("SIGN_IN_LIMIT", "2")]).await;
    let contact = stack.matter_with_contact(Access::Download).await;
    stack.try_request_sign_in_link(&contact.email).await;
    let first = stack.emailed_token(&contact.email).await;
    stack.try_request_sign_in_link(&contact.email).await;
    let second = stack.emailed_token(&contact.email).await;
    assert_ne!(first, second);
    assert_eq!(
        stack.try_exchange(&first).await.0,
        401,
        "the newer link killed it"
    );

    let (status, _) = stack.try_request_sign_in_link(&contact.email).await;
    assert_eq!(status, 202, "the answer does not change over the limit");
    assert_eq!(
        stack.emails_to(&contact.email).await.len(),
        3,
        "invitation and two links: the third request mailed nothing"
    );
    assert_eq!(stack.try_exchange(&second).await.0, 201);

    let cooling = Stack::new().await;
    let contact = cooling.matter_with_contact(Access::Download).await;
    for _ in 0..3 {
        cooling.try_request_sign_in_link(&contact.email).await;
    }
    assert_eq!(
        cooling.emails_to(&contact.email).await.len(),
        2,
        "one link inside the cooldown"
    );
}

/// The route does the same thing for a known and an unknown address (it stores the request,
/// one PutItem, and sends nothing), so neither its answer nor its time can tell them apart;
/// the mail worker sends the link later.
#[tokio::test]
async fn known_and_unknown_addresses_are_answered_by_the_same_work() {
    let counter = CallCounter::default();
    let stack = Stack::instrumented(
        &[("SIGN_IN_COOLDOWN", "0")],
        &[SharedInterceptor::new(counter.clone())],
    )
    .await;
    let contact = stack.matter_with_contact(Access::Download).await;
    stack.deliver_notifications().await;
    let mailed = stack.emails_to(&contact.email).await.len();
    let stranger = stack.email("nobody");
    let mut answers = Vec::new();
    for address in [contact.email.clone(), stranger.clone()] {
        counter.take();
        answers.push(stack.request_sign_in_link_only(&address).await);
        assert_eq!(
            counter.take(),
            BTreeMap::from([("DynamoDB.PutItem".to_string(), 1)]),
            "the route's AWS calls for {address}"
        );
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0].0, 202);
    assert_eq!(
        stack.emails_to(&contact.email).await.len(),
        mailed,
        "nothing sent by the route"
    );
    // Each request's message handled twice (SQS delivers at least once): the first sends,
    // the repeat finds the request spent.
    stack.file_stream().await;
    let jobs = stack.take_digest_events().await;
    assert!(!jobs.is_empty());
    for job in jobs.iter().chain(&jobs) {
        stack.send_digest_event(job.clone()).await;
    }
    assert_eq!(
        stack.emails_to(&contact.email).await.len(),
        mailed + 1,
        "the worker sent the link, once"
    );
    assert!(stack.emails_to(&stranger).await.is_empty());
}
