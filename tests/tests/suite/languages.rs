//! A contact is written to in their language: the one staff set on the grant, else the
//! firm's (`FIRM_LANGUAGE`); invitations, sign-in links and digests alike.

use integration_tests::{Caller, Stack};
use serde_json::{json, Value};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj testamento";

enum At {
    Start,
    End,
    Anywhere,
}

/// `text` says `part` where `at` says, else the test fails showing the whole text.
fn assert_says(text: &str, at: At, part: &str) {
    let says = match at {
        At::Start => text.starts_with(part),
        At::End => text.ends_with(part),
        At::Anywhere => text.contains(part),
    };
    assert!(says, "{part:?} not in:\n{text}");
}

async fn grant(stack: &Stack, matter: &str, contact: &str, email: &str, language: Value) -> Value {
    let mut body = json!({"email": email, "name": "Ana Cliente", "canDownload": true});
    if !language.is_null() {
        body["language"] = language;
    }
    let path = format!("/matters/{matter}/contacts/{contact}");
    let (status, answer) = stack.call("PUT", &path, Caller::Staff, Some(body)).await;
    assert!(status == 201 || status == 200, "{status}: {answer}");
    stack.deliver_notifications().await;
    answer
}

#[tokio::test]
async fn a_spanish_contact_is_invited_linked_and_told_in_spanish() {
    let stack =
        Stack::with_settings(&[("SIGN_IN_COOLDOWN", "0"), ("FIRM_ACCENT", "#7A1F5C")]).await;
    let matter = stack.new_matter("m").await;
    let (ana, email) = (stack.id("ana"), stack.email("ana"));
    let answer = grant(&stack, &matter, &ana, &email, json!("es")).await;
    assert_eq!(answer["language"], "es");

    let invitation = &stack.emails_to(&email).await[0];
    // Its HTML part: in Spanish, under the firm's header (the logo from the portal's own site
    // and the firm's name, escaped, on the firm's accent), the link clickable.
    let html = &invitation.html;
    assert_says(html, At::Anywhere, r#"<html lang="es">"#);
    let logo = format!(
        r#"<img src="{}/brand/logo.png" alt="""#,
        integration_tests::PORTAL_URL
    );
    assert_says(html, At::Anywhere, &logo);
    let firm = format!(">{}</td>", shared::brand::escape(integration_tests::FIRM));
    assert_says(html, At::Anywhere, &firm);
    assert_says(html, At::Anywhere, "background:#7a1f5c");
    assert_says(html, At::Anywhere, "Hola, Ana Cliente:");
    assert_says(html, At::Anywhere, r#"<a href="https://"#);
    assert_says(
        &invitation.subject,
        At::End,
        "le invitó a su portal de clientes",
    );
    assert_says(&invitation.body, At::Start, "Hola, Ana Cliente:\n\n");
    assert_says(&invitation.body, At::Anywhere, "caduca en 60 minutos");
    assert_says(&invitation.body, At::Anywhere, "Ann Lawyer, de ");
    let session = stack.sign_in(&email).await;

    stack
        .share_new_document(&matter, "Testamento.pdf", PDF, &[&ana])
        .await;
    stack.deliver_notifications().await;
    let digest = stack.emails_to(&email).await.pop().expect("a digest");
    assert_says(&digest.subject, At::End, "compartió 1 documento con usted");
    assert_says(
        &digest.body,
        At::Anywhere,
        "  - compartido con usted: Testamento.pdf",
    );

    stack.try_request_sign_in_link(&email).await;
    let link = stack.emails_to(&email).await.pop().expect("a link");
    assert_says(&link.subject, At::Start, "Su enlace de acceso a ");
    assert_says(&link.body, At::Start, "Hola:\n\nUse este enlace");
    assert_eq!(stack.try_portal_documents(&session, "").await.0, 200);

    // Switched to English by staff: the same identity (the session stands), English mail.
    let answer = grant(&stack, &matter, &ana, &email, json!("en")).await;
    assert_eq!(answer["language"], "en");
    assert_eq!(stack.try_portal_documents(&session, "").await.0, 200);
    stack.try_request_sign_in_link(&email).await;
    let link = stack.emails_to(&email).await.pop().expect("a link");
    assert_says(&link.subject, At::Start, "Your sign-in link for ");

    let path = format!("/matters/{matter}/contacts/{ana}");
    let body = json!({"email": email, "name": "Ana Cliente", "language": "fr"});
    let (status, answer) = stack.call("PUT", &path, Caller::Staff, Some(body)).await;
    assert_eq!(status, 400, "{answer}");
}

#[tokio::test]
async fn a_contact_with_no_language_set_is_written_to_in_the_firms() {
    let stack = Stack::with_settings(&[("FIRM_LANGUAGE", "es")]).await;
    let matter = stack.new_matter("m").await;
    let (ana, ana_email) = (stack.id("ana"), stack.email("ana"));
    let answer = grant(&stack, &matter, &ana, &ana_email, Value::Null).await;
    assert_eq!(answer["language"], Value::Null, "the firm's, kept so");
    let mail = stack.emails_to(&ana_email).await;
    assert!(mail[0]
        .subject
        .ends_with("le invitó a su portal de clientes"));

    let (bob, bob_email) = (stack.id("bob"), stack.email("bob"));
    grant(&stack, &matter, &bob, &bob_email, json!("en")).await;
    let mail = stack.emails_to(&bob_email).await;
    assert!(mail[0]
        .subject
        .ends_with("invited you to its client portal"));
    // It says who invites (the staff member who granted), what the portal is for, and what
    // to do once the link has expired.
    for part in [
        "Ann Lawyer at ",
        "The portal is a private place",
        "If it has expired, open the portal",
    ] {
        assert_says(&mail[0].body, At::Anywhere, part);
    }
}

/// The contact switches in the portal: kept on every grant their session reaches (so every
/// later email follows), told in each matter's log; other contacts and bad input untouched.
#[tokio::test]
async fn a_contact_chooses_their_language_for_every_matter() {
    let stack = Stack::with_settings(&[("SIGN_IN_COOLDOWN", "0")]).await;
    let first = stack.new_matter("first").await;
    let second = stack.new_matter("second").await;
    let (ana, email) = (stack.id("ana"), stack.email("ana"));
    grant(&stack, &first, &ana, &email, Value::Null).await;
    grant(&stack, &second, &ana, &email, Value::Null).await;
    let (bob, bob_email) = (stack.id("bob"), stack.email("bob"));
    grant(&stack, &first, &bob, &bob_email, Value::Null).await;
    let session = stack.sign_in(&email).await;
    let me = Caller::Bearer(&session);

    let (status, answer) = stack.call("GET", "/portal/preferences", me, None).await;
    assert_eq!(
        (status, &answer["language"]),
        (200, &json!("en")),
        "{answer}"
    );
    let choose = |language: &str| json!({ "language": language });
    let (status, answer) = stack
        .call("PUT", "/portal/preferences", me, Some(choose("es")))
        .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer,
        json!({"language": "es", "notifications": "window", "changed": 2})
    );
    let (_, answer) = stack.call("GET", "/portal/preferences", me, None).await;
    assert_eq!(answer["language"], "es");
    let (_, again) = stack
        .call("PUT", "/portal/preferences", me, Some(choose("es")))
        .await;
    assert_eq!(again["changed"], 0, "nothing to change, nothing written");
    for matter in [&first, &second] {
        let row = stack.access_row(matter, &ana).await;
        assert_eq!(row["language"], "es", "{row}");
        let path = format!("/matters/{matter}/events?type=preferencesChanged");
        let (_, events) = stack.call("GET", &path, Caller::Staff, None).await;
        let items = events["items"].as_array().expect("items");
        assert_eq!(items.len(), 1, "{events}");
        assert_eq!(items[0]["actor"]["kind"], "contact");
        assert_eq!(items[0]["detail"], "language: es; notifications: window");
    }
    assert_eq!(
        stack.access_row(&first, &bob).await["language"],
        Value::Null
    );

    stack.try_request_sign_in_link(&email).await;
    let link = stack.emails_to(&email).await.pop().expect("a link");
    assert_says(&link.subject, At::Start, "Su enlace de acceso a ");

    for bad in [
        json!({"language": "fr"}),
        json!({}),
        json!({"language": "es", "x": 1}),
    ] {
        let (status, answer) = stack
            .call("PUT", "/portal/preferences", me, Some(bad))
            .await;
        assert_eq!(status, 400, "{answer}");
    }
    let (status, _) = stack
        .call(
            "PUT",
            "/portal/preferences",
            Caller::Anonymous,
            Some(choose("en")),
        )
        .await;
    assert_eq!(status, 401);
}

/// A bill's and a task's lines in a Spanish contact's digest are in Spanish too: the words,
/// the amount as Spanish writes numbers, the date in full (facts the event kept, worded when
/// the digest is written).
#[tokio::test]
async fn bills_and_tasks_are_told_in_the_contacts_language() {
    let stack = Stack::new().await;
    let matter = stack.new_matter("m").await;
    let (ana, email) = (stack.id("ana"), stack.email("ana"));
    grant(&stack, &matter, &ana, &email, json!("es")).await;
    let bill = json!({
        "number": "1042",
        "issuedOn": "2026-11-01",
        "dueOn": "2027-01-31",
        "currency": "EUR",
        "totalMinor": 1_250_000,
    });
    let bill = stack.create_bill(&matter, bill).await;
    let id = bill["billId"].as_str().expect("billId").to_string();
    stack.send_bills(&matter, &[&id], &[&ana]).await;
    let task = json!({"contactId": ana, "title": "Firmar el poder", "dueOn": "2027-03-09"});
    let (status, answer) = stack.try_give_task(&matter, task).await;
    assert_eq!(status, 201, "{answer}");
    stack.deliver_notifications().await;

    let digest = stack.emails_to(&email).await.pop().expect("a digest");
    assert_says(
        &digest.body,
        At::Anywhere,
        "Factura 1042, 12.500,00 EUR, vence el 31 de enero de 2027",
    );
    assert_says(
        &digest.body,
        At::Anywhere,
        "tarea nueva para usted: Firmar el poder, vence el 9 de marzo de 2027",
    );
    assert!(!digest.body.contains("due"), "{}", digest.body);
}
