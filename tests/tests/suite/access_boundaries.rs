//! The boundaries that must hold: who may see, link and call what.

use integration_tests::{document_ids, Caller, Stack};
use serde_json::json;

#[tokio::test]
async fn a_view_only_contact_can_view_but_not_download() {
    let stack = Stack::new().await;
    let (matter, contact, email) = (stack.id("m"), stack.id("c"), stack.email("viewer"));
    stack.save_matter(&matter).await;
    stack.grant(&matter, &contact, &email, false).await;
    let document = stack
        .upload_firm_document(&matter, "Draft.pdf", b"%PDF-draft")
        .await;
    stack.share(&matter, &[&document], &[&contact]).await;
    let session = stack.sign_in(&email).await;

    let (status, answer) = stack.link(&session, &document, "download").await;
    assert_eq!(status, 403, "{answer}");
    assert_eq!(answer["error"]["code"], "forbidden");
    let (status, view) = stack.link(&session, &document, "view").await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(
        stack.get_url(view["url"].as_str().expect("url")).await.0,
        200
    );
    let (_, listed) = stack.portal_documents(&session, "").await;
    assert_eq!(listed["items"][0]["canDownload"], false);
}

#[tokio::test]
async fn a_revoked_contact_is_locked_out_at_once() {
    let stack = Stack::new().await;
    let (matter, contact, email) = (stack.id("m"), stack.id("c"), stack.email("revoked"));
    stack.save_matter(&matter).await;
    stack.grant(&matter, &contact, &email, true).await;
    let document = stack
        .upload_firm_document(&matter, "Will.pdf", b"%PDF-will")
        .await;
    stack.share(&matter, &[&document], &[&contact]).await;
    let session = stack.sign_in(&email).await;
    assert_eq!(
        document_ids(&stack.portal_documents(&session, "").await.1),
        vec![document.clone()]
    );

    let (status, _) = stack
        .call(
            "DELETE",
            &format!("/matters/{matter}/contacts/{contact}"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 204);

    assert_eq!(stack.portal_documents(&session, "").await.0, 401);
    assert_eq!(stack.link(&session, &document, "view").await.0, 401);
    assert_eq!(
        stack
            .call(
                "DELETE",
                "/portal/sessions/current",
                Caller::Bearer(&session),
                None
            )
            .await
            .0,
        401
    );
    assert_eq!(
        stack.access_row(&matter, &contact).await["status"],
        "revoked"
    );

    // A sign-in link is not sent to a revoked address, and the answer does not say so.
    let before = stack.emails_to(&email).await.len();
    let (status, _) = stack
        .call(
            "POST",
            "/portal/sign-in-links",
            Caller::Anonymous,
            Some(json!({"email": email})),
        )
        .await;
    assert_eq!(status, 202);
    assert_eq!(stack.emails_to(&email).await.len(), before);

    // Revoking twice, or someone who never had access, is a 404.
    let (status, _) = stack
        .call(
            "DELETE",
            &format!("/matters/{matter}/contacts/nobody"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 404);

    // A new grant invites again; the old shares come back with the access.
    let regrant = stack.grant(&matter, &contact, &email, true).await;
    assert_eq!(regrant["created"], true);
    let session = stack.sign_in(&email).await;
    assert_eq!(
        document_ids(&stack.portal_documents(&session, "").await.1),
        vec![document]
    );
}

#[tokio::test]
async fn a_contact_never_reaches_another_contacts_or_another_matters_documents() {
    let stack = Stack::new().await;
    let (matter, other_matter) = (stack.id("m1"), stack.id("m2"));
    let (alice, bob) = (stack.id("alice"), stack.id("bob"));
    let (alice_email, bob_email) = (stack.email("alice"), stack.email("bob"));
    for m in [&matter, &other_matter] {
        stack.save_matter(m).await;
    }
    stack.grant(&matter, &alice, &alice_email, true).await;
    stack.grant(&matter, &bob, &bob_email, true).await;
    stack.grant(&other_matter, &alice, &alice_email, true).await;
    let for_alice = stack
        .upload_firm_document(&matter, "alice.pdf", b"%PDF-a")
        .await;
    let for_bob = stack
        .upload_firm_document(&matter, "bob.pdf", b"%PDF-b")
        .await;
    let other = stack
        .upload_firm_document(&other_matter, "other.pdf", b"%PDF-o")
        .await;
    let never_shared = stack
        .upload_firm_document(&matter, "never.pdf", b"%PDF-n")
        .await;
    stack.share(&matter, &[&for_alice], &[&alice]).await;
    stack.share(&matter, &[&for_bob], &[&bob]).await;
    stack.share(&other_matter, &[&other], &[&alice]).await;
    let alice_session = stack.sign_in(&alice_email).await;
    let bob_session = stack.sign_in(&bob_email).await;

    let mut seen = document_ids(&stack.portal_documents(&alice_session, "").await.1);
    seen.sort();
    let mut want = vec![for_alice.clone(), other.clone()];
    want.sort();
    assert_eq!(seen, want, "alice sees her shares across both matters");
    assert_eq!(
        document_ids(&stack.portal_documents(&bob_session, "").await.1),
        vec![for_bob.clone()]
    );
    let (_, filtered) = stack
        .portal_documents(&alice_session, &format!("?matterId={other_matter}"))
        .await;
    assert_eq!(document_ids(&filtered), vec![other.clone()]);

    for document in [&for_bob, &never_shared, &"0".repeat(32)] {
        let (status, answer) = stack.link(&alice_session, document, "view").await;
        assert_eq!(status, 404, "{document}: {answer}");
    }
    assert_eq!(stack.link(&bob_session, &other, "view").await.0, 404);

    // Once alice's access to the other matter is revoked, nothing of it stays visible.
    let (status, _) = stack
        .call(
            "DELETE",
            &format!("/matters/{other_matter}/contacts/{alice}"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 204);
    stack.grant(&matter, &alice, &alice_email, true).await;
    let (status, _) = stack
        .call(
            "POST",
            &format!("/matters/{matter}/contacts/{alice}/invitations"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 202);
    let alice_session = stack.sign_in(&alice_email).await;
    assert_eq!(
        document_ids(&stack.portal_documents(&alice_session, "").await.1),
        vec![for_alice]
    );
    assert_eq!(stack.link(&alice_session, &other, "view").await.0, 404);
}

#[tokio::test]
async fn unshared_and_deleted_documents_disappear_from_the_portal() {
    let stack = Stack::new().await;
    let (matter, alice, bob) = (stack.id("m"), stack.id("alice"), stack.id("bob"));
    let (alice_email, bob_email) = (stack.email("alice"), stack.email("bob"));
    stack.save_matter(&matter).await;
    stack.grant(&matter, &alice, &alice_email, true).await;
    stack.grant(&matter, &bob, &bob_email, true).await;
    let kept = stack
        .upload_firm_document(&matter, "kept.pdf", b"%PDF-k")
        .await;
    let deleted = stack
        .upload_firm_document(&matter, "deleted.pdf", b"%PDF-d")
        .await;
    stack
        .share(&matter, &[&kept, &deleted], &[&alice, &bob])
        .await;
    let alice_session = stack.sign_in(&alice_email).await;
    let bob_session = stack.sign_in(&bob_email).await;

    // Stop sharing one document with alice: it stays in the matter and with bob.
    let (status, _) = stack
        .call(
            "DELETE",
            &format!("/matters/{matter}/shares/{kept}/{alice}"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(
        document_ids(&stack.portal_documents(&alice_session, "").await.1),
        vec![deleted.clone()]
    );
    assert_eq!(stack.link(&alice_session, &kept, "view").await.0, 404);
    assert_eq!(stack.link(&bob_session, &kept, "view").await.0, 200);
    assert_eq!(stack.access_row(&matter, &alice).await["sharedCount"], 1);
    let (status, _) = stack
        .call(
            "DELETE",
            &format!("/matters/{matter}/shares/{kept}/{alice}"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 404, "stopping twice finds nothing");

    // Delete a document from the matter: every share of it goes, and its bytes.
    let (_, link) = stack.link(&bob_session, &deleted, "view").await;
    let stale_url = link["url"].as_str().expect("url").to_string();
    let (status, _) = stack
        .call(
            "DELETE",
            &format!("/matters/{matter}/documents/{deleted}"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 204);
    assert!(document_ids(&stack.portal_documents(&alice_session, "").await.1).is_empty());
    assert_eq!(
        document_ids(&stack.portal_documents(&bob_session, "").await.1),
        vec![kept.clone()]
    );
    assert_eq!(stack.link(&bob_session, &deleted, "view").await.0, 404);
    assert_ne!(
        stack.get_url(&stale_url).await.0,
        200,
        "an earlier link no longer works"
    );
    assert!(
        !stack.object_exists(&matter, &deleted).await,
        "the object itself is gone"
    );
    assert!(stack.object_exists(&matter, &kept).await);
    assert_eq!(stack.access_row(&matter, &alice).await["sharedCount"], 0);
    assert_eq!(stack.access_row(&matter, &bob).await["sharedCount"], 1);
    let (_, documents) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/documents"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(document_ids(&documents), vec![kept]);
    let (status, _) = stack
        .call(
            "DELETE",
            &format!("/matters/{matter}/documents/{deleted}"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn staff_and_portal_credentials_never_cross() {
    let stack = Stack::new().await;
    let (matter, contact, email) = (stack.id("m"), stack.id("c"), stack.email("c"));
    stack.save_matter(&matter).await;
    stack.grant(&matter, &contact, &email, true).await;
    let session = stack.sign_in(&email).await;

    let staff_routes = [
        ("GET", format!("/matters/{matter}")),
        ("PUT", format!("/matters/{matter}")),
        ("PUT", format!("/matters/{matter}/contacts/{contact}")),
        (
            "POST",
            format!("/matters/{matter}/contacts/{contact}/invitations"),
        ),
        ("DELETE", format!("/matters/{matter}/contacts/{contact}")),
        ("GET", format!("/matters/{matter}/contacts")),
        ("POST", format!("/matters/{matter}/documents")),
        ("GET", format!("/matters/{matter}/documents")),
        ("DELETE", format!("/matters/{matter}/documents/d1")),
        ("POST", format!("/matters/{matter}/shares")),
        ("GET", format!("/matters/{matter}/shares")),
        ("DELETE", format!("/matters/{matter}/shares/d1/{contact}")),
    ];
    for (method, path) in &staff_routes {
        for caller in [
            Caller::Bearer(&session),
            Caller::Anonymous,
            Caller::Bearer("not.a.jwt"),
        ] {
            let (status, answer) = stack.call(method, path, caller, Some(json!({}))).await;
            assert_eq!(status, 401, "{method} {path} {caller:?}: {answer}");
            assert_eq!(answer["error"]["code"], "unauthorized");
        }
    }
    let portal_routes = [
        ("GET", "/portal/documents".to_string()),
        ("POST", "/portal/documents/d1/links".to_string()),
        ("DELETE", "/portal/sessions/current".to_string()),
    ];
    for (method, path) in &portal_routes {
        for caller in [Caller::Staff, Caller::Anonymous] {
            let (status, answer) = stack
                .call(method, path, caller, Some(json!({"disposition": "view"})))
                .await;
            assert_eq!(status, 401, "{method} {path} {caller:?}: {answer}");
        }
    }
    assert_eq!(
        stack.access_row(&matter, &contact).await["status"],
        "active",
        "nothing changed"
    );
}
