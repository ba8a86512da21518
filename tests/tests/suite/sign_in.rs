//! Invitation and sign-in tokens: random, single use, expiring, and silent about addresses.

use integration_tests::{Caller, Stack};
use serde_json::json;

async fn exchange(stack: &Stack, token: &str) -> (u16, serde_json::Value) {
    stack
        .call(
            "POST",
            "/portal/sessions",
            Caller::Anonymous,
            Some(json!({"invitation": token})),
        )
        .await
}

#[tokio::test]
async fn an_invitation_works_once() {
    let stack = Stack::new().await;
    let (matter, contact, email) = (stack.id("m"), stack.id("c"), stack.email("once"));
    stack.save_matter(&matter).await;
    stack.grant(&matter, &contact, &email, true).await;
    let token = stack.emails_to(&email).await[0].link_token();
    assert_eq!(token.len(), 43, "256 bits, base64url");

    let (status, session) = exchange(&stack, &token).await;
    assert_eq!(status, 201, "{session}");
    assert_eq!(session["contact"]["id"], contact.as_str());
    assert_eq!(session["contact"]["email"], email.as_str());
    assert!(session["expiresAt"].is_string());
    let (status, again) = exchange(&stack, &token).await;
    assert_eq!(status, 401, "{again}");

    // Two sessions from one token are impossible even when raced.
    stack
        .call(
            "POST",
            &format!("/matters/{matter}/contacts/{contact}/invitations"),
            Caller::Staff,
            None,
        )
        .await;
    let fresh = stack
        .emails_to(&email)
        .await
        .last()
        .expect("resent")
        .link_token();
    let (a, b) = tokio::join!(exchange(&stack, &fresh), exchange(&stack, &fresh));
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [201, 401]);
}

#[tokio::test]
async fn only_the_hash_of_a_token_is_stored() {
    let stack = Stack::new().await;
    let (matter, contact, email) = (stack.id("m"), stack.id("c"), stack.email("hash"));
    stack.save_matter(&matter).await;
    stack.grant(&matter, &contact, &email, true).await;
    let invitation = stack.emails_to(&email).await[0].link_token();
    let session = stack.sign_in(&email).await;
    let dump = shared::aws::dynamodb(&stack.sdk)
        .scan()
        .table_name(&stack.app.config.table_name)
        .send()
        .await
        .expect("scan");
    let text = format!("{:?}", dump.items());
    for secret in [&invitation, &session] {
        assert!(!text.contains(secret.as_str()), "a raw token is stored");
    }
    assert!(text.contains(&shared::tokens::digest(&session)));
}

#[tokio::test]
async fn an_invitation_expires() {
    let stack = Stack::with_settings(&[("INVITE_TTL", "1")]).await;
    let (matter, contact, email) = (stack.id("m"), stack.id("c"), stack.email("late"));
    stack.save_matter(&matter).await;
    stack.grant(&matter, &contact, &email, true).await;
    let token = stack.emails_to(&email).await[0].link_token();
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let (status, answer) = exchange(&stack, &token).await;
    assert_eq!(status, 401, "{answer}");
}

#[tokio::test]
async fn a_resend_kills_the_old_invitation() {
    let stack = Stack::new().await;
    let (matter, contact, email) = (stack.id("m"), stack.id("c"), stack.email("resend"));
    stack.save_matter(&matter).await;
    stack.grant(&matter, &contact, &email, true).await;
    let old = stack.emails_to(&email).await[0].link_token();
    let (status, answer) = stack
        .call(
            "POST",
            &format!("/matters/{matter}/contacts/{contact}/invitations"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 202, "{answer}");
    let mail = stack.emails_to(&email).await;
    assert_eq!(mail.len(), 2);
    let new = mail[1].link_token();
    assert_ne!(old, new);
    assert_eq!(exchange(&stack, &old).await.0, 401);
    assert_eq!(exchange(&stack, &new).await.0, 201);
    let (status, _) = stack
        .call(
            "POST",
            &format!("/matters/{matter}/contacts/nobody/invitations"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn sign_in_links_never_reveal_whether_an_address_has_access() {
    let stack = Stack::new().await;
    let (matter, contact, email) = (stack.id("m"), stack.id("c"), stack.email("known"));
    let stranger = stack.email("stranger");
    stack.save_matter(&matter).await;
    stack.grant(&matter, &contact, &email, true).await;

    let (known_status, known_body) = stack
        .call(
            "POST",
            "/portal/sign-in-links",
            Caller::Anonymous,
            Some(json!({"email": email.to_uppercase()})),
        )
        .await;
    let (unknown_status, unknown_body) = stack
        .call(
            "POST",
            "/portal/sign-in-links",
            Caller::Anonymous,
            Some(json!({"email": stranger})),
        )
        .await;
    assert_eq!((known_status, unknown_status), (202, 202));
    assert_eq!(known_body, unknown_body);
    assert!(stack.emails_to(&stranger).await.is_empty());

    let mail = stack.emails_to(&email).await;
    assert_eq!(mail.len(), 2, "invitation, then the sign-in link");
    assert!(mail[1].subject.contains("sign-in link"));
    let (status, session) = exchange(&stack, &mail[1].link_token()).await;
    assert_eq!(status, 201, "{session}");
    assert_eq!(session["contact"]["id"], contact.as_str());

    let (status, answer) = stack
        .call(
            "POST",
            "/portal/sign-in-links",
            Caller::Anonymous,
            Some(json!({"email": "not-an-address"})),
        )
        .await;
    assert_eq!(status, 400, "{answer}");
}

#[tokio::test]
async fn junk_tokens_are_refused() {
    let stack = Stack::new().await;
    for token in ["", "short", &"A".repeat(43), "a.b.c"] {
        assert_eq!(exchange(&stack, token).await.0, 401, "{token}");
    }
    let (status, _) = stack
        .call(
            "GET",
            "/portal/documents",
            Caller::Bearer(&shared::tokens::new_secret()),
            None,
        )
        .await;
    assert_eq!(status, 401);
}
