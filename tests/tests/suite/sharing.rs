//! share-documents, the Sharing section and pending documents.

use integration_tests::{document_ids, url_parameter, Access, Caller, Stack};
use serde_json::{json, Value};

#[tokio::test]
async fn sharing_is_idempotent_and_emails_each_contact_once_per_call() {
    let stack = Stack::new().await;
    let [alice, bob] = stack
        .matter_with_contacts([("alice", Access::Download), ("bob", Access::ViewOnly)])
        .await;
    let matter = &alice.matter;
    let [d1, d2] = stack
        .upload_firm_documents(matter, [("one.pdf", b"%PDF-1"), ("two.pdf", b"%PDF-2")])
        .await;

    let first = stack
        .share(matter, &[&d1, &d2], &[&alice.id, &bob.id])
        .await;
    assert_eq!(first["created"], 4);
    let again = stack
        .share(matter, &[&d1, &d2, &d1], &[&alice.id, &bob.id])
        .await;
    assert_eq!(again["created"], 0, "{again}");
    stack.deliver_notifications().await;

    for contact in [&alice, &bob] {
        assert_eq!(
            stack.access_row(matter, &contact.id).await["sharedCount"],
            2
        );
        let mail = stack.emails_to(&contact.email).await;
        assert_eq!(
            mail.len(),
            2,
            "invitation + one digest, nothing for the repeat"
        );
        assert!(mail[1].body.contains("one.pdf") && mail[1].body.contains("two.pdf"));
        assert_eq!(mail[1].to, vec![contact.email.clone()]);
    }
    let shares = stack.matter_shares(matter, "").await;
    assert_eq!(shares["items"].as_array().expect("items").len(), 4);
}

#[tokio::test]
async fn many_documents_with_many_contacts_are_shared_in_one_call_exactly_once() {
    let stack = Stack::new().await;
    let contacts = stack
        .matter_with_contacts([
            ("ann", Access::Download),
            ("ben", Access::ViewOnly),
            ("cal", Access::Download),
        ])
        .await;
    let matter = &contacts[0].matter;
    // More than one transaction holds for one contact (49 shares), so each contact's shares
    // are split, and the contacts' pieces are packed together where they fit.
    let mut documents = Vec::new();
    for i in 0..60 {
        let name = format!("Bundle {i:02}.pdf");
        documents.push(stack.upload_firm_document(matter, &name, b"%PDF-b").await);
    }
    let document_refs: Vec<&str> = documents.iter().map(String::as_str).collect();
    let contact_ids: Vec<&str> = contacts.iter().map(|c| c.id.as_str()).collect();

    let shared = stack.share(matter, &document_refs, &contact_ids).await;
    assert_eq!(shared["created"], 180, "{shared}");
    for (outcome, contact) in shared["contacts"]
        .as_array()
        .expect("contacts")
        .iter()
        .zip(&contacts)
    {
        assert_eq!(outcome["contactId"], contact.id.as_str());
        assert_eq!(outcome["newlyShared"], 60);
    }
    stack.deliver_notifications().await;
    for contact in &contacts {
        assert_eq!(
            stack.access_row(matter, &contact.id).await["sharedCount"],
            60
        );
        let mail = stack.emails_to(&contact.email).await;
        assert_eq!(
            mail.len(),
            2,
            "the invitation and one digest listing every document"
        );
        assert!((0..60).all(|i| mail[1].body.contains(&format!("Bundle {i:02}.pdf"))));
        let listed = stack
            .walk_pages(
                Caller::Staff,
                &format!(
                    "/matters/{matter}/shares?contactId={}&limit=200",
                    contact.id
                ),
            )
            .await;
        assert_eq!(all_items(&listed).len(), 60);
    }
    let again = stack.share(matter, &document_refs, &contact_ids).await;
    assert_eq!(again["created"], 0, "{again}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn shared_count_stays_exact_under_concurrent_calls() {
    let stack = Stack::new().await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let (matter, id) = (&contact.matter, contact.id.as_str());
    let mut documents = Vec::new();
    for i in 0..6 {
        documents.push(
            stack
                .upload_firm_document(matter, &format!("doc {i}.pdf"), b"%PDF-")
                .await,
        );
    }
    // Eight overlapping calls: each shares a window of four of the six documents.
    let calls = (0..8).map(|i| {
        let window: Vec<&str> = documents
            .iter()
            .cycle()
            .skip(i)
            .take(4)
            .map(String::as_str)
            .collect();
        let stack = &stack;
        async move { stack.try_share(matter, &window, &[id]).await }
    });
    let answers = futures::future::join_all(calls).await;
    let mut created = 0;
    for (status, answer) in &answers {
        assert!(*status == 200 || *status == 409, "{status} {answer}");
        created += answer["created"].as_u64().unwrap_or(0);
    }
    // A call that lost every race may say 409; a final call fills any gap and must create
    // exactly what is still missing.
    let all: Vec<&str> = documents.iter().map(String::as_str).collect();
    let last = stack.share(matter, &all, &[id]).await;
    created += last["created"].as_u64().expect("created");
    assert_eq!(created, 6, "every pair created exactly once");
    assert_eq!(stack.access_row(matter, id).await["sharedCount"], 6);
    let shares = stack
        .matter_shares(matter, &format!("?contactId={id}"))
        .await;
    assert_eq!(shares["items"].as_array().expect("items").len(), 6);
    stack.deliver_notifications().await;
    let mail = stack.emails_to(&contact.email).await;
    assert_eq!(
        mail.len(),
        2,
        "the invitation and one digest for every call's shares"
    );
    for i in 0..6 {
        let name = format!("doc {i}.pdf");
        assert_eq!(mail[1].body.matches(&name).count(), 1, "{}", mail[1].body);
    }
}

#[tokio::test]
async fn a_pending_document_is_neither_shareable_nor_downloadable_until_its_bytes_arrive() {
    let stack = Stack::new().await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let matter = contact.matter.clone();
    let upload = stack
        .register_firm_document(&matter, "Later.pdf", "application/pdf", b"%PDF-1234")
        .await;
    let document = upload["documentId"].as_str().expect("id").to_string();
    assert_eq!(upload["method"], "PUT");
    assert_eq!(upload["headers"]["content-type"], "application/pdf");
    assert_eq!(upload["headers"]["content-length"], "9");
    assert!(upload["url"]
        .as_str()
        .expect("url")
        .contains(&format!("matters/{matter}/uploads/{document}")));
    let url = upload["url"].as_str().expect("url");
    assert_eq!(
        url_parameter(url, "X-Amz-SignedHeaders").as_deref(),
        Some("content-length;content-type;host;if-none-match;x-amz-checksum-sha256"),
        "the signature covers the declared type, size and checksum, and never overwriting"
    );
    assert_eq!(url_parameter(url, "X-Amz-Expires").as_deref(), Some("900"));
    assert_eq!(upload["headers"]["if-none-match"], "*");
    assert_eq!(
        upload["headers"]["x-amz-checksum-sha256"],
        shared::checksum::sha256_base64(b"%PDF-1234")
    );
    assert_eq!(upload["headers"].as_object().expect("headers").len(), 4);

    let documents = stack.matter_documents(&matter).await;
    assert_eq!(documents["items"][0]["status"], "pending");
    let (status, answer) = stack.try_share(&matter, &[&document], &[&contact.id]).await;
    assert_eq!(status, 409, "{answer}");
    assert!(answer["error"]["message"]
        .as_str()
        .expect("message")
        .contains("still uploading"));
    assert_eq!(
        stack.access_row(&matter, &contact.id).await["sharedCount"],
        0,
        "nothing half-written"
    );

    assert_eq!(
        stack.put_presigned(&upload, b"%PDF-1234".to_vec()).await,
        200
    );
    stack.share(&matter, &[&document], &[&contact.id]).await;
    let contact = stack.sign_in_contact(contact).await;
    stack.link(&contact.session, &document, "download").await;
    let documents = stack.matter_documents(&matter).await;
    assert_eq!(documents["items"][0]["status"], "available");
}

/// `fileName:contactName` of each item.
fn names(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| {
            format!(
                "{}:{}",
                i["fileName"].as_str().expect("name"),
                i["contactName"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// The items of a list answer.
fn items(answer: &Value) -> &[Value] {
    answer["items"].as_array().expect("items")
}

/// The items of every page, in order.
fn all_items(pages: &[Value]) -> Vec<Value> {
    pages.iter().flat_map(|p| items(p).to_vec()).collect()
}

#[tokio::test]
async fn the_sharing_section_filters_searches_sorts_and_pages() {
    let stack = Stack::new().await;
    let [alice, bob] = stack
        .matter_with_contacts([("alice", Access::Download), ("bob", Access::Download)])
        .await;
    let matter = &alice.matter;
    let files: [(&str, &[u8]); 3] = [
        ("Tax return.pdf", b"%PDF-t"),
        ("Will.pdf", b"%PDF-w"),
        ("deed.pdf", b"%PDF-d"),
    ];
    let [tax, will, deed] = stack.upload_firm_documents(matter, files).await;
    stack.share(matter, &[&tax], &[&alice.id]).await;
    stack.share(matter, &[&will, &deed], &[&alice.id]).await;
    stack.share(matter, &[&deed], &[&bob.id]).await;

    let alice_name = format!("Client {}", alice.id);
    let alices = |order: &str| {
        let (stack, query) = (&stack, format!("?contactId={}{order}", alice.id));
        async move { stack.matter_shares(matter, &query).await }
    };
    let by_name = alices("&sort=name").await;
    assert_eq!(
        names(items(&by_name)),
        [
            format!("deed.pdf:{alice_name}"),
            format!("Tax return.pdf:{alice_name}"),
            format!("Will.pdf:{alice_name}")
        ]
    );
    let by_name_desc = alices("&sort=name&order=desc").await;
    assert_eq!(
        document_ids(&by_name_desc),
        [will.clone(), tax.clone(), deed.clone()]
    );
    let created_asc = alices("&sort=created&order=asc").await;
    assert_eq!(
        document_ids(&created_asc),
        [tax.clone(), will.clone(), deed.clone()]
    );
    let newest_first = alices("").await;
    assert_eq!(
        document_ids(&newest_first)[2],
        tax,
        "the first share is the oldest activity"
    );
    let search = stack.matter_shares(matter, "?q=TAX+return").await;
    assert_eq!(document_ids(&search), vec![tax.clone()]);
    let bobs = stack
        .matter_shares(matter, &format!("?contactId={}", bob.id))
        .await;
    assert_eq!(document_ids(&bobs), vec![deed.clone()]);

    // Walk every share two at a time.
    let sharing = format!("/matters/{matter}/shares?sort=name&limit=2");
    let pages = stack.walk_pages(Caller::Staff, &sharing).await;
    assert!(pages.iter().all(|page| items(page).len() <= 2));
    let walked = names(&all_items(&pages));
    assert_eq!(walked.len(), 4);
    assert_eq!(walked[0], format!("deed.pdf:{alice_name}"));
    let first_page = stack.matter_shares(matter, "?sort=name&limit=2").await;
    let foreign = first_page["nextCursor"].as_str().expect("cursor");
    let (status, _) = stack
        .try_matter_shares(matter, &format!("?sort=created&cursor={foreign}"))
        .await;
    assert_eq!(status, 400, "a cursor only continues the list it came from");

    // The contact's default view pages natively, newest first, each document once.
    let session = stack.sign_in(&alice.email).await;
    let pages = stack
        .walk_pages(Caller::Bearer(&session), "/portal/documents?limit=1")
        .await;
    let walked: Vec<String> = pages.iter().flat_map(document_ids).collect();
    assert_eq!(walked.len(), 3);
    assert_eq!(walked[2], tax, "the first share is the oldest");
    let oldest_first = stack.portal_documents(&session, "?order=asc&limit=1").await;
    assert_eq!(document_ids(&oldest_first), vec![tax.clone()]);
    let (status, _) = stack
        .try_portal_documents(&session, &format!("?cursor={foreign}"))
        .await;
    assert_eq!(status, 400, "another list's cursor");

    // The contact's own view sorts and searches too.
    let mine = stack.portal_documents(&session, "?sort=name&q=.pdf").await;
    assert_eq!(document_ids(&mine), [deed, tax, will]);
}

#[tokio::test]
async fn bad_input_gets_a_clear_4xx() {
    let stack = Stack::with_settings(&[("MAX_UPLOAD_BYTES", "1000")]).await;
    let granted = stack.matter_with_contact(Access::Download).await;
    let (matter, contact) = (&granted.matter, &granted.id);
    let cases: Vec<(&str, String, Option<Value>, u16, &str)> = vec![
        (
            "PUT",
            format!("/matters/{matter}"),
            Some(json!({"title": ""})),
            400,
            "owner",
        ),
        (
            "PUT",
            format!("/matters/{matter}"),
            Some(json!({"title": " ", "owner": {"id": "o", "email": "o@x.com", "name": "O"}})),
            400,
            "title",
        ),
        (
            "PUT",
            "/matters/bad%23id".to_string(),
            Some(json!({"title": "T", "owner": {"id": "o", "email": "o@x.com", "name": "O"}})),
            400,
            "matterId",
        ),
        (
            "PUT",
            format!("/matters/{matter}/contacts/{contact}"),
            Some(json!({"email": "nope", "name": "X"})),
            400,
            "email",
        ),
        (
            "PUT",
            format!("/matters/{matter}/contacts/{contact}"),
            Some(json!({"email": "a,b@x.com", "name": "X"})),
            400,
            "email",
        ),
        (
            "PUT",
            format!("/matters/{matter}/contacts/{contact}"),
            Some(json!({"email": "\"ann\"@x.com", "name": "X"})),
            400,
            "email",
        ),
        (
            "PUT",
            format!("/matters/{matter}/contacts/{contact}"),
            Some(json!({"email": "Ann <ann@x.com>", "name": "X"})),
            400,
            "email",
        ),
        (
            "PUT",
            format!("/matters/{matter}/contacts/{contact}"),
            Some(json!({"email": "a@b@x.com", "name": "X"})),
            400,
            "email",
        ),
        (
            "PUT",
            format!("/matters/{matter}/contacts/{contact}"),
            Some(json!({"email": "a@x.com, b@y.com", "name": "X"})),
            400,
            "email",
        ),
        (
            "POST",
            format!("/matters/{matter}/documents"),
            Some(
                json!({"fileName": "Invoice\u{202E}fdp.hta", "contentType": "application/pdf", "size": 1,
                    "checksumSha256": "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="}),
            ),
            400,
            "invisible",
        ),
        (
            "POST",
            format!("/matters/{matter}/documents"),
            Some(
                json!({"fileName": "report\u{200B}.pdf", "contentType": "application/pdf", "size": 1,
                    "checksumSha256": "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="}),
            ),
            400,
            "invisible",
        ),
        (
            "PUT",
            format!("/matters/{matter}/contacts/{contact}"),
            Some(json!({"email": "a@b.com", "name": "X", "extra": 1})),
            400,
            "unknown field",
        ),
        (
            "PUT",
            "/matters/no-such-matter/contacts/c".to_string(),
            Some(json!({"email": "a@b.com", "name": "X"})),
            404,
            "matter",
        ),
        (
            "POST",
            format!("/matters/{matter}/documents"),
            Some(
                json!({"fileName": "a.pdf", "contentType": "application/pdf", "size": 1001, "checksumSha256": "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="}),
            ),
            413,
            "limit",
        ),
        (
            "POST",
            format!("/matters/{matter}/documents"),
            Some(
                json!({"fileName": "../a.pdf", "contentType": "application/pdf", "size": 1, "checksumSha256": "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="}),
            ),
            400,
            "fileName",
        ),
        (
            "POST",
            format!("/matters/{matter}/documents"),
            Some(
                json!({"fileName": "a.pdf", "contentType": "pdf", "size": 1, "checksumSha256": "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="}),
            ),
            400,
            "contentType",
        ),
        (
            "POST",
            format!("/matters/{matter}/shares"),
            Some(json!({"documentIds": [], "contactIds": [contact]})),
            400,
            "documentIds",
        ),
        (
            "POST",
            format!("/matters/{matter}/shares"),
            Some(json!({"documentIds": ["nope"], "contactIds": [contact]})),
            404,
            "document",
        ),
        (
            "POST",
            format!("/matters/{matter}/shares"),
            Some(json!({"documentIds": ["d"], "contactIds": ["x".repeat(65)]})),
            400,
            "contactIds",
        ),
        (
            "GET",
            format!("/matters/{matter}/contacts?cursor={}", {
                use base64::Engine;
                // The right partition and attributes, but a sort key outside the list.
                let forged = json!({"pk": format!("MATTER#{matter}"), "sk": "SETTINGS"});
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(forged.to_string())
            }),
            None,
            400,
            "cursor",
        ),
        (
            "GET",
            format!("/matters/{matter}/shares?sort=size"),
            None,
            400,
            "sort",
        ),
        (
            "GET",
            format!("/matters/{matter}/contacts?limit=0"),
            None,
            400,
            "limit",
        ),
        (
            "GET",
            format!("/matters/{matter}/documents?cursor=garbage"),
            None,
            400,
            "cursor",
        ),
    ];
    for (method, path, body, want, mention) in cases {
        let (status, answer) = stack.call(method, &path, Caller::Staff, body).await;
        assert_eq!(status, want, "{method} {path}: {answer}");
        let message = answer["error"]["message"].as_str().expect("error shape");
        assert!(message.contains(mention), "{method} {path}: {message}");
    }
    let (status, answer) = stack
        .call("POST", "/portal/sessions", Caller::Anonymous, None)
        .await;
    assert_eq!(status, 400, "{answer}");
    stack.matter_documents(matter).await;
}

/// The text fields `name` of each item.
fn field<'a>(items: &'a [Value], name: &str) -> Vec<&'a str> {
    items
        .iter()
        .map(|i| i[name].as_str().expect(name))
        .collect()
}

#[tokio::test]
async fn every_order_pages_natively_and_searches_read_a_bounded_amount_per_page() {
    let stack = Stack::new().await;
    let [alice, bob] = stack
        .matter_with_contacts([("alice", Access::Download), ("bob", Access::Download)])
        .await;
    let matter = &alice.matter;
    let mut documents = Vec::new();
    for i in 0..24 {
        // Mixed case on purpose: name order ignores it.
        let name = match i {
            3 | 17 | 22 => format!("Tax {i:02}.pdf"),
            _ if i % 2 == 0 => format!("doc {i:02}.pdf"),
            _ => format!("Doc {i:02}.pdf"),
        };
        documents.push(stack.upload_firm_document(matter, &name, b"%PDF-x").await);
    }
    let all: Vec<&str> = documents.iter().map(String::as_str).collect();
    stack.share(matter, &all, &[&alice.id]).await;
    stack.share(matter, &all[..12], &[&bob.id]).await;

    // A sparse search: limit 1 reads at most ten shares per page, so the pages before the
    // first match come back empty with a cursor, and the walk still finds each match once.
    let sharing = format!("/matters/{matter}/shares");
    let pages = stack
        .walk_pages(Caller::Staff, &format!("{sharing}?q=TAX&sort=name&limit=1"))
        .await;
    let found = all_items(&pages);
    assert_eq!(
        field(&found, "fileName"),
        ["Tax 03.pdf", "Tax 03.pdf", "Tax 17.pdf", "Tax 22.pdf"]
    );
    let empty_pages = pages
        .iter()
        .filter(|page| items(page).is_empty() && page["nextCursor"].is_string())
        .count();
    assert!(
        empty_pages >= 1,
        "the search never stopped at its read bound"
    );

    // Every share of the matter, newest share first (bob's came last), in pages of 5.
    let walk = |base: String, caller| {
        let stack = &stack;
        async move { all_items(&stack.walk_pages(caller, &base).await) }
    };
    let newest = walk(format!("{sharing}?limit=5"), Caller::Staff).await;
    assert_eq!(newest.len(), 36);
    let shared_at = field(&newest, "sharedAt");
    assert!(shared_at.windows(2).all(|w| w[0] >= w[1]), "{shared_at:?}");
    assert!(field(&newest[..12], "contactId")
        .iter()
        .all(|c| *c == bob.id));

    // Creation order, oldest document first, across both contacts.
    let created = walk(
        format!("{sharing}?sort=created&order=asc&limit=7"),
        Caller::Staff,
    )
    .await;
    assert_eq!(created.len(), 36);
    let created_at = field(&created, "createdAt");
    assert!(
        created_at.windows(2).all(|w| w[0] <= w[1]),
        "{created_at:?}"
    );

    // One contact in one matter, by name, from either side.
    let mut expected: Vec<String> = (0..24)
        .map(|i| match i {
            3 | 17 | 22 => format!("tax {i:02}.pdf"),
            _ => format!("doc {i:02}.pdf"),
        })
        .collect();
    expected.sort();
    let lower = |items: &[Value]| -> Vec<String> {
        field(items, "fileName")
            .iter()
            .map(|n| n.to_lowercase())
            .collect()
    };
    let alices = walk(
        format!("{sharing}?contactId={}&sort=name&limit=5", alice.id),
        Caller::Staff,
    )
    .await;
    assert_eq!(lower(&alices), expected);
    let session = stack.sign_in(&alice.email).await;
    let mine = walk(
        format!("/portal/documents?matterId={matter}&sort=name&order=desc&limit=5"),
        Caller::Bearer(&session),
    )
    .await;
    expected.reverse();
    assert_eq!(lower(&mine), expected);
    let mine = walk(
        "/portal/documents?sort=created&limit=5".to_string(),
        Caller::Bearer(&session),
    )
    .await;
    let created_at = field(&mine, "createdAt");
    assert_eq!(mine.len(), 24);
    assert!(
        created_at.windows(2).all(|w| w[0] >= w[1]),
        "{created_at:?}"
    );
}
