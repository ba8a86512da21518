//! The portal identity is the address on a grant, and every link and session is bound to the
//! grant version it was issued for (DESIGN.md, Identity).

use integration_tests::{Access, Stack};
use std::time::{Duration, Instant};

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

/// Known and unknown addresses answer after the same padded time.
#[tokio::test]
async fn known_and_unknown_addresses_take_the_same_time() {
    let answer_time = Duration::from_millis(600);
    let stack =
        Stack::with_settings(&[("SIGN_IN_ANSWER_MS", "600"), ("SIGN_IN_COOLDOWN", "0")]).await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for round in 0..3 {
        let started = Instant::now();
        stack.try_request_sign_in_link(&contact.email).await;
        known.push(started.elapsed());
        let started = Instant::now();
        stack
            .try_request_sign_in_link(&stack.email(&format!("nobody{round}")))
            .await;
        unknown.push(started.elapsed());
    }
    println!("sign-in link answer times: known {known:?}, unknown {unknown:?}");
    assert_eq!(
        stack.emails_to(&contact.email).await.len(),
        4,
        "the known path did send"
    );
    for elapsed in known.iter().chain(&unknown) {
        assert!(*elapsed >= answer_time, "answered early: {elapsed:?}");
    }
}
