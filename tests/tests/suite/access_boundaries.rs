//! The boundaries that must hold: who may see, link and call what.

use integration_tests::{document_ids, pdf, Access, Caller, Stack};
use serde_json::json;

#[tokio::test]
async fn a_view_only_contact_can_view_but_not_download() {
    let stack = Stack::new().await;
    let (contact, document) = stack
        .signed_in_with_document(Access::ViewOnly, "Draft.pdf", &pdf::letter(1))
        .await;
    let session = contact.session;

    let (status, answer) = stack.try_link(&session, &document, "download").await;
    assert_eq!(status, 403, "{answer}");
    assert_eq!(answer["error"]["code"], "forbidden");
    // A PDF opens for them only as its stamped copy (stamps.rs), never as the original.
    assert_eq!(stack.try_link(&session, &document, "view").await.0, 403);
    let (status, view) = stack.try_stamped_link(&session, &document).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(
        stack.get_url(view["url"].as_str().expect("url")).await.0,
        200
    );
    let listed = stack.portal_documents(&session, "").await;
    assert_eq!(listed["items"][0]["canDownload"], false);
}

#[tokio::test]
async fn a_revoked_contact_is_locked_out_at_once() {
    let stack = Stack::new().await;
    let (contact, document) = stack
        .signed_in_with_document(Access::Download, "Will.pdf", b"%PDF-will")
        .await;
    let (matter, email, session) = (&contact.matter, &contact.email, &contact.session);
    assert_eq!(
        document_ids(&stack.portal_documents(session, "").await),
        vec![document.clone()]
    );

    stack.revoke(matter, &contact.id).await;

    assert_eq!(stack.try_portal_documents(session, "").await.0, 401);
    assert_eq!(stack.try_link(session, &document, "view").await.0, 401);
    assert_eq!(stack.try_sign_out(session).await.0, 401);
    assert_eq!(
        stack.access_row(matter, &contact.id).await["status"],
        "revoked"
    );

    // A sign-in link is not sent to a revoked address, and the answer does not say so.
    let before = stack.emails_to(email).await.len();
    assert_eq!(stack.try_request_sign_in_link(email).await.0, 202);
    assert_eq!(stack.emails_to(email).await.len(), before);

    // Revoking twice, or someone who never had access, is a 404.
    assert_eq!(stack.try_revoke(matter, "nobody").await.0, 404);

    // A new grant invites again; the old shares come back with the access.
    let regrant = stack
        .grant(matter, &contact.id, email, Access::Download)
        .await;
    assert_eq!(regrant["created"], true);
    let session = stack.sign_in(email).await;
    assert_eq!(
        document_ids(&stack.portal_documents(&session, "").await),
        vec![document]
    );
}

#[tokio::test]
async fn a_contact_never_reaches_another_contacts_or_another_matters_documents() {
    let stack = Stack::new().await;
    let [alice, bob] = stack
        .matter_with_contacts([("alice", Access::Download), ("bob", Access::Download)])
        .await;
    let matter = &alice.matter;
    let other_matter = stack.new_matter("m2").await;
    stack
        .grant(&other_matter, &alice.id, &alice.email, Access::Download)
        .await;
    let for_alice = stack
        .share_new_document(matter, "alice.pdf", b"%PDF-a", &[&alice.id])
        .await;
    let for_bob = stack
        .share_new_document(matter, "bob.pdf", b"%PDF-b", &[&bob.id])
        .await;
    let other = stack
        .share_new_document(&other_matter, "other.pdf", b"%PDF-o", &[&alice.id])
        .await;
    let never_shared = stack
        .upload_firm_document(matter, "never.pdf", b"%PDF-n")
        .await;
    let alice_session = stack.sign_in(&alice.email).await;
    let bob_session = stack.sign_in(&bob.email).await;

    let mut seen = document_ids(&stack.portal_documents(&alice_session, "").await);
    seen.sort();
    let mut want = vec![for_alice.clone(), other.clone()];
    want.sort();
    assert_eq!(seen, want, "alice sees her shares across both matters");
    assert_eq!(
        document_ids(&stack.portal_documents(&bob_session, "").await),
        vec![for_bob.clone()]
    );
    let filtered = stack
        .portal_documents(&alice_session, &format!("?matterId={other_matter}"))
        .await;
    assert_eq!(document_ids(&filtered), vec![other.clone()]);

    for document in [&for_bob, &never_shared, &"0".repeat(32)] {
        let (status, answer) = stack.try_link(&alice_session, document, "view").await;
        assert_eq!(status, 404, "{document}: {answer}");
    }
    assert_eq!(stack.try_link(&bob_session, &other, "view").await.0, 404);

    // Once alice's access to the other matter is revoked, nothing of it stays visible.
    stack.revoke(&other_matter, &alice.id).await;
    stack
        .grant(matter, &alice.id, &alice.email, Access::Download)
        .await;
    stack.resend_invitation(matter, &alice.id).await;
    let alice_session = stack.sign_in(&alice.email).await;
    assert_eq!(
        document_ids(&stack.portal_documents(&alice_session, "").await),
        vec![for_alice]
    );
    assert_eq!(stack.try_link(&alice_session, &other, "view").await.0, 404);
}

#[tokio::test]
async fn unshared_and_deleted_documents_disappear_from_the_portal() {
    let stack = Stack::new().await;
    let [alice, bob] = stack
        .matter_with_contacts([("alice", Access::Download), ("bob", Access::Download)])
        .await;
    let matter = &alice.matter;
    let [kept, deleted] = stack
        .upload_firm_documents(
            matter,
            [("kept.pdf", b"%PDF-k"), ("deleted.pdf", b"%PDF-d")],
        )
        .await;
    stack
        .share(matter, &[&kept, &deleted], &[&alice.id, &bob.id])
        .await;
    let alice_session = stack.sign_in(&alice.email).await;
    let bob_session = stack.sign_in(&bob.email).await;

    // Stop sharing one document with alice: it stays in the matter and with bob.
    stack.stop_share(matter, &kept, &alice.id).await;
    assert_eq!(
        document_ids(&stack.portal_documents(&alice_session, "").await),
        vec![deleted.clone()]
    );
    assert_eq!(stack.try_link(&alice_session, &kept, "view").await.0, 404);
    stack.link(&bob_session, &kept, "view").await;
    assert_eq!(stack.access_row(matter, &alice.id).await["sharedCount"], 1);
    assert_eq!(
        stack.try_stop_share(matter, &kept, &alice.id).await.0,
        404,
        "stopping twice finds nothing"
    );

    // Delete a document from the matter: every share of it goes, and its bytes.
    let link = stack.link(&bob_session, &deleted, "view").await;
    let stale_url = link["url"].as_str().expect("url").to_string();
    stack.delete_document(matter, &deleted).await;
    assert!(document_ids(&stack.portal_documents(&alice_session, "").await).is_empty());
    assert_eq!(
        document_ids(&stack.portal_documents(&bob_session, "").await),
        vec![kept.clone()]
    );
    assert_eq!(stack.try_link(&bob_session, &deleted, "view").await.0, 404);
    assert_ne!(
        stack.get_url(&stale_url).await.0,
        200,
        "an earlier link no longer works"
    );
    assert!(
        !stack.object_exists(matter, &deleted).await,
        "the object itself is gone"
    );
    assert!(stack.object_exists(matter, &kept).await);
    assert_eq!(stack.access_row(matter, &alice.id).await["sharedCount"], 0);
    assert_eq!(stack.access_row(matter, &bob.id).await["sharedCount"], 1);
    let documents = stack.matter_documents(matter).await;
    assert_eq!(document_ids(&documents), vec![kept]);
    assert_eq!(stack.try_delete_document(matter, &deleted).await.0, 404);
}

#[tokio::test]
async fn staff_and_portal_credentials_never_cross() {
    let stack = Stack::new().await;
    let contact = stack.signed_in_contact(Access::Download).await;
    let (matter, id, session) = (&contact.matter, &contact.id, &contact.session);

    let staff_routes = [
        ("GET", format!("/matters/{matter}")),
        ("PUT", format!("/matters/{matter}")),
        ("PUT", format!("/matters/{matter}/contacts/{id}")),
        (
            "POST",
            format!("/matters/{matter}/contacts/{id}/invitations"),
        ),
        ("DELETE", format!("/matters/{matter}/contacts/{id}")),
        ("GET", format!("/matters/{matter}/contacts")),
        ("POST", format!("/matters/{matter}/documents")),
        ("GET", format!("/matters/{matter}/documents")),
        ("DELETE", format!("/matters/{matter}/documents/d1")),
        ("POST", format!("/matters/{matter}/shares")),
        ("GET", format!("/matters/{matter}/shares")),
        ("DELETE", format!("/matters/{matter}/shares/d1/{id}")),
    ];
    for (method, path) in &staff_routes {
        for caller in [
            Caller::Bearer(session),
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
        stack.access_row(matter, id).await["status"],
        "active",
        "nothing changed"
    );
}

/// Every contact × every document × every portal route, with id tricks: a contact reaches
/// exactly what is shared with them on a matter where their access is active, and nothing
/// else answers 200 (or fails with a 5xx).
#[tokio::test]
async fn every_contact_document_and_route_is_checked_against_what_was_shared() {
    let stack = Stack::new().await;
    let [ann, ben] = stack
        .matter_with_contacts([("ann", Access::Download), ("ben", Access::ViewOnly)])
        .await;
    let first = ann.matter.clone();
    let second = stack.new_matter("second").await;
    let cat = stack.new_contact(&second, "cat", Access::Download).await;
    let revoked = stack.new_matter("revoked").await;
    stack
        .grant(&revoked, &ann.id, &ann.email, Access::Download)
        .await;

    let for_ann = stack
        .share_new_document(&first, "ann.pdf", &pdf::letter(1), &[&ann.id])
        .await;
    let for_ben = stack
        .share_new_document(&first, "ben.pdf", &pdf::letter(2), &[&ben.id])
        .await;
    let for_both = stack
        .share_new_document(&first, "both.pdf", &pdf::letter(3), &[&ann.id, &ben.id])
        .await;
    let for_cat = stack
        .share_new_document(&second, "cat.pdf", &pdf::letter(4), &[&cat.id])
        .await;
    let unshared = stack
        .upload_firm_document(&first, "none.pdf", &pdf::letter(5))
        .await;
    let in_revoked = stack
        .share_new_document(&revoked, "gone.pdf", &pdf::letter(6), &[&ann.id])
        .await;
    let (ann_id, ben_id, cat_id) = (ann.id.clone(), ben.id.clone(), cat.id.clone());
    let sessions = [
        (ann_id.as_str(), stack.sign_in_contact(ann).await.session),
        (ben_id.as_str(), stack.sign_in_contact(ben).await.session),
        (cat_id.as_str(), stack.sign_in_contact(cat).await.session),
    ];
    stack.revoke(&revoked, &ann_id).await;
    // A revoke ends the contact's sessions: Ann signs in again for her other matter.
    stack.try_request_sign_in_link(&stack.email("ann")).await;
    let ann_session = stack.sign_in(&stack.email("ann")).await;
    let sessions = [
        (ann_id.as_str(), ann_session),
        (sessions[1].0, sessions[1].1.clone()),
        (sessions[2].0, sessions[2].1.clone()),
    ];

    // Who may open what, and download what.
    // (contact, document, may download, matter), for grants that are active.
    let shared_with: Vec<(&str, &str, bool, &str)> = vec![
        (&ann_id, &for_ann, true, &first),
        (&ann_id, &for_both, true, &first),
        (&ben_id, &for_ben, false, &first),
        (&ben_id, &for_both, false, &first),
        (&cat_id, &for_cat, true, &second),
    ];
    let documents = [
        &for_ann,
        &for_ben,
        &for_both,
        &for_cat,
        &unshared,
        &in_revoked,
    ];
    let matters_of: [(&str, Vec<&str>); 3] = [
        (&ann_id, vec![&first]),
        (&ben_id, vec![&first]),
        (&cat_id, vec![&second]),
    ];
    let mut attempts = 0;
    for (contact, session) in &sessions {
        for document in documents {
            let share = shared_with
                .iter()
                .find(|(c, d, _, _)| c == contact && d == document);
            for disposition in ["view", "download"] {
                let (status, answer) = stack.try_link(session, document, disposition).await;
                attempts += 1;
                // View-only: no download, and a PDF opens only as its stamped copy.
                let expected = match share {
                    Some((_, _, true, _)) => 200,
                    Some((_, _, false, _)) => 403,
                    None => 404,
                };
                assert_eq!(
                    status, expected,
                    "{contact} {disposition} {document}: {answer}"
                );
            }
            let (status, answer) = stack.try_stamped_link(session, document).await;
            attempts += 1;
            let expected = if share.is_some() { 200 } else { 404 };
            assert_eq!(status, expected, "{contact} stamped {document}: {answer}");
            // The same id dressed up: other case, padding, a path, an encoded separator.
            for trick in [
                document.to_uppercase(),
                format!("{document}%20"),
                format!("..%2F{document}"),
                format!("{document}%23SHARE%23{contact}"),
            ] {
                let (status, answer) = stack.try_link(session, &trick, "view").await;
                let (stamped, _) = stack.try_stamped_link(session, &trick).await;
                attempts += 2;
                assert!(
                    [status, stamped].iter().all(|s| *s == 400 || *s == 404),
                    "{contact} {trick}: {status} {stamped} {answer}"
                );
            }
        }
        let allowed_matters = &matters_of.iter().find(|(c, _)| c == contact).expect("m").1;
        for matter in [
            first.as_str(),
            second.as_str(),
            revoked.as_str(),
            "no-such-matter",
        ] {
            let listed = stack
                .portal_documents(session, &format!("?matterId={matter}"))
                .await;
            attempts += 1;
            let mut seen = document_ids(&listed);
            seen.sort();
            let mut want: Vec<String> = shared_with
                .iter()
                .filter(|(c, _, _, m)| c == contact && *m == matter)
                .map(|(_, d, _, _)| d.to_string())
                .collect();
            want.sort();
            assert_eq!(seen, want, "{contact} lists matter {matter}");
            let (status, answer) = stack
                .try_request_upload(session, matter, "x.pdf", "application/pdf", &[0; 5])
                .await;
            attempts += 1;
            let expected = if allowed_matters.contains(&matter) {
                201
            } else {
                404
            };
            assert_eq!(
                status, expected,
                "{contact} uploads into {matter}: {answer}"
            );
        }
        // Whatever the contact lists, page by page, is theirs.
        let pages = stack
            .walk_pages(Caller::Bearer(session), "/portal/documents?limit=1")
            .await;
        attempts += pages.len();
        for id in pages.iter().flat_map(document_ids) {
            assert!(
                shared_with
                    .iter()
                    .any(|(c, d, _, _)| c == contact && *d == id),
                "{contact} was shown {id}"
            );
        }
    }
    assert!(attempts >= 100, "only {attempts} attempts");
}

/// Deployed, only what the distribution forwarded (with the stack's origin secret, through its
/// web ACL) reaches a route: a call to the API's own address is a 403 before any work.
#[tokio::test]
async fn deployed_only_requests_through_the_distribution_are_served() {
    const SECRET: &str = "from-the-stacks-secret";
    let stack = Stack::with_settings(&[("ORIGIN_SECRET", SECRET)]).await;
    let ask = |header: Option<&str>| {
        let mut builder = lambda_http::http::Request::builder()
            .method("POST")
            .uri("/portal/sign-in-links")
            .header("content-type", "application/json");
        if let Some(value) = header {
            builder = builder.header(shared::http::caller::ORIGIN_HEADER, value);
        }
        let body = json!({"email": "ann@client.example"}).to_string();
        builder
            .body(lambda_http::Body::from(body))
            .expect("request")
    };
    for (header, status) in [(None, 403), (Some("a-guess"), 403), (Some(SECRET), 202)] {
        let answer = shared::routes::dispatch::by_function("grant-access", &stack.app, ask(header))
            .await
            .expect("an HTTP function");
        assert_eq!(answer.status().as_u16(), status, "{header:?}");
    }
}
