//! Invitation and sign-in tokens: random, single use, expiring, and silent about addresses.

use integration_tests::{Access, Caller, Stack};

#[tokio::test]
async fn an_invitation_works_once() {
    let stack = Stack::new().await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let token = stack.emailed_token(&contact.email).await;
    assert_eq!(token.len(), 43, "256 bits, base64url");

    let session = stack.exchange(&token).await;
    assert_eq!(session["contact"]["id"], contact.id.as_str());
    assert_eq!(session["contact"]["email"], contact.email.as_str());
    assert!(session["expiresAt"].is_string());
    let (status, again) = stack.try_exchange(&token).await;
    assert_eq!(status, 401, "{again}");

    // Two sessions from one token are impossible even when raced.
    stack.resend_invitation(&contact.matter, &contact.id).await;
    let fresh = stack.emailed_token(&contact.email).await;
    let (a, b) = tokio::join!(stack.try_exchange(&fresh), stack.try_exchange(&fresh));
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [201, 401]);
}

#[tokio::test]
async fn only_the_hash_of_a_token_is_stored() {
    let stack = Stack::new().await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let invitation = stack.emailed_token(&contact.email).await;
    let session = stack.sign_in_contact(contact).await.session;
    let dump = aws_sdk_dynamodb::Client::new(&stack.sdk)
        .scan()
        .table_name(&stack.app.config.table_name)
        .send()
        .await
        .expect("scan");
    let text = format!("{:?}", dump.items());
    // The session bearer's secret part, not only the whole bearer, is never stored.
    let session_secret = session.split('.').next().unwrap_or_default();
    for secret in [invitation.as_str(), session.as_str(), session_secret] {
        assert!(!text.contains(secret), "a raw token is stored");
    }
    assert!(text.contains(&shared::tokens::digest(&session)));
}

#[tokio::test]
async fn an_invitation_expires() {
    let stack = Stack::with_settings(&[("INVITE_TTL", "1")]).await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let token = stack.emailed_token(&contact.email).await;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let (status, answer) = stack.try_exchange(&token).await;
    assert_eq!(status, 401, "{answer}");
}

#[tokio::test]
async fn a_resend_kills_the_old_invitation() {
    let stack = Stack::new().await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let old = stack.emailed_token(&contact.email).await;
    stack.resend_invitation(&contact.matter, &contact.id).await;
    let mail = stack.emails_to(&contact.email).await;
    assert_eq!(mail.len(), 2);
    let new = mail[1].link_token();
    assert_ne!(old, new);
    assert_eq!(stack.try_exchange(&old).await.0, 401);
    assert_eq!(stack.try_exchange(&new).await.0, 201);
    let (status, _) = stack.try_resend_invitation(&contact.matter, "nobody").await;
    assert_eq!(status, 404);
}

/// The mail worker's send fails: the queue retries the message, the old link works until the
/// new one is out, and the retry sends it once.
#[tokio::test]
async fn a_resend_whose_email_fails_leaves_the_old_invitation_working() {
    let stack = Stack::new().await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let old = stack.emailed_token(&contact.email).await;
    let path = format!(
        "/matters/{}/contacts/{}/invitations",
        contact.matter, contact.id
    );
    let (status, answer) = stack.call("POST", &path, Caller::Staff, None).await;
    assert_eq!(status, 202, "{answer}");
    stack.file_stream().await;
    let jobs = stack.take_digest_events().await;
    assert_eq!(jobs.len(), 1, "the request, on the mail queue");
    // The same stack, but its sender is not verified: the emulator refuses to send.
    let mut config = stack.app.config.clone();
    config.sender_email = format!("unverified.{}@firm.example", stack.run);
    let failing = shared::App::new(config, &stack.sdk);
    let answer = send_digests::handle(&failing, jobs[0].clone())
        .await
        .expect("an answer");
    assert_eq!(
        answer["batchItemFailures"].as_array().map(Vec::len),
        Some(1),
        "the message is left to be retried: {answer}"
    );
    assert_eq!(
        stack.emails_to(&contact.email).await.len(),
        1,
        "nothing new was sent"
    );
    assert_eq!(
        stack.try_exchange(&old).await.0,
        201,
        "the old link still works"
    );
    stack.send_digest_event(jobs[0].clone()).await;
    let mail = stack.emails_to(&contact.email).await;
    assert_eq!(mail.len(), 2, "the retry sent it");
    assert_eq!(stack.try_exchange(&mail[1].link_token()).await.0, 201);
}

#[tokio::test]
async fn sign_in_links_never_reveal_whether_an_address_has_access() {
    let stack = Stack::new().await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let email = &contact.email;
    let stranger = stack.email("stranger");

    let (known_status, known_body) = stack.try_request_sign_in_link(&email.to_uppercase()).await;
    let (unknown_status, unknown_body) = stack.try_request_sign_in_link(&stranger).await;
    assert_eq!((known_status, unknown_status), (202, 202));
    assert_eq!(known_body, unknown_body);
    assert!(stack.emails_to(&stranger).await.is_empty());

    let mail = stack.emails_to(email).await;
    assert_eq!(mail.len(), 2, "invitation, then the sign-in link");
    assert!(mail[1].subject.contains("sign-in link"));
    let session = stack.exchange(&mail[1].link_token()).await;
    assert_eq!(session["contact"]["id"], contact.id.as_str());

    let (status, answer) = stack.try_request_sign_in_link("not-an-address").await;
    assert_eq!(status, 400, "{answer}");
}

#[tokio::test]
async fn junk_tokens_are_refused() {
    let stack = Stack::new().await;
    for token in ["", "short", &"A".repeat(43), "a.b.c"] {
        assert_eq!(stack.try_exchange(token).await.0, 401, "{token}");
    }
    let stranger = shared::tokens::new_secret();
    assert_eq!(stack.try_portal_documents(&stranger, "").await.0, 401);
}

/// An invitation can be sent again at most once every `INVITE_RESEND_INTERVAL`; the Access
/// section says when the last one went out, and a resend too soon says when the next may.
#[tokio::test]
async fn a_resend_waits_for_the_interval_and_the_access_row_says_when_the_last_went() {
    let stack = Stack::with_settings(&[("INVITE_RESEND_INTERVAL", "2")]).await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let row = stack.access_row(&contact.matter, &contact.id).await;
    let first = row["invitationSentAt"]
        .as_str()
        .expect("the grant's invitation time")
        .to_string();
    let (status, refused) = stack
        .try_resend_invitation(&contact.matter, &contact.id)
        .await;
    assert_eq!(status, 429, "{refused}");
    assert_eq!(refused["error"]["code"], "throttled");
    let message = refused["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains(&first) && message.contains("another can be sent from"),
        "{message}"
    );
    assert_eq!(
        stack.emails_to(&contact.email).await.len(),
        1,
        "nothing more was sent"
    );

    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let asked = stack.resend_invitation(&contact.matter, &contact.id).await;
    let row = stack.access_row(&contact.matter, &contact.id).await;
    assert_eq!(row["invitationRequestedAt"], asked["requestedAt"]);
    assert!(
        row["invitationSentAt"].as_str().unwrap_or_default()
            > asked["requestedAt"].as_str().unwrap_or_default(),
        "sent by the worker after it was asked for: {row}"
    );
    assert_eq!(stack.emails_to(&contact.email).await.len(), 2);
}
