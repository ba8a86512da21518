//! share-documents, the Sharing section and pending documents.

use integration_tests::{document_ids, url_parameter, Caller, Stack};
use serde_json::{json, Value};

#[tokio::test]
async fn sharing_is_idempotent_and_emails_each_contact_once_per_call() {
    let stack = Stack::new().await;
    let matter = stack.id("m");
    let (alice, bob) = (stack.id("alice"), stack.id("bob"));
    let (alice_email, bob_email) = (stack.email("alice"), stack.email("bob"));
    stack.save_matter(&matter).await;
    stack.grant(&matter, &alice, &alice_email, true).await;
    stack.grant(&matter, &bob, &bob_email, false).await;
    let d1 = stack
        .upload_firm_document(&matter, "one.pdf", b"%PDF-1")
        .await;
    let d2 = stack
        .upload_firm_document(&matter, "two.pdf", b"%PDF-2")
        .await;

    let first = stack.share(&matter, &[&d1, &d2], &[&alice, &bob]).await;
    assert_eq!(first["created"], 4);
    let again = stack
        .share(&matter, &[&d1, &d2, &d1], &[&alice, &bob])
        .await;
    assert_eq!(again["created"], 0, "{again}");
    assert_eq!(again["contacts"][0]["emailed"], false);

    for (contact, email) in [(&alice, &alice_email), (&bob, &bob_email)] {
        assert_eq!(stack.access_row(&matter, contact).await["sharedCount"], 2);
        let mail = stack.emails_to(email).await;
        assert_eq!(
            mail.len(),
            2,
            "invitation + one share email, none for the repeat"
        );
        assert!(mail[1].body.contains("one.pdf") && mail[1].body.contains("two.pdf"));
        assert_eq!(mail[1].to, vec![email.clone()]);
    }
    let (_, shares) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/shares"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(shares["items"].as_array().expect("items").len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn shared_count_stays_exact_under_concurrent_calls() {
    let stack = Stack::new().await;
    let (matter, contact, email) = (stack.id("m"), stack.id("c"), stack.email("race"));
    stack.save_matter(&matter).await;
    stack.grant(&matter, &contact, &email, true).await;
    let mut documents = Vec::new();
    for i in 0..6 {
        documents.push(
            stack
                .upload_firm_document(&matter, &format!("doc {i}.pdf"), b"%PDF-")
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
        let body = json!({"documentIds": window, "contactIds": [contact]});
        let path = format!("/matters/{matter}/shares");
        let stack = &stack;
        async move { stack.call("POST", &path, Caller::Staff, Some(body)).await }
    });
    let answers = futures::future::join_all(calls).await;
    let mut created = 0;
    for (status, answer) in &answers {
        assert!(*status == 200 || *status == 409, "{status} {answer}");
        created += answer["created"].as_u64().unwrap_or(0);
    }
    // A call that lost every race may say 409; a final call fills any gap and must create
    // exactly what is still missing.
    let last = stack
        .share(
            &matter,
            &documents.iter().map(String::as_str).collect::<Vec<_>>(),
            &[&contact],
        )
        .await;
    created += last["created"].as_u64().expect("created");
    assert_eq!(created, 6, "every pair created exactly once");
    assert_eq!(stack.access_row(&matter, &contact).await["sharedCount"], 6);
    let (_, shares) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/shares?contactId={contact}"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(shares["items"].as_array().expect("items").len(), 6);
    let share_emails = stack.emails_to(&email).await.len() - 1;
    let calls_that_created = answers
        .iter()
        .filter(|(_, a)| a["created"].as_u64().unwrap_or(0) > 0)
        .count()
        + usize::from(last["created"].as_u64() > Some(0));
    assert_eq!(
        share_emails, calls_that_created,
        "one email per contact per call that shared something"
    );
}

#[tokio::test]
async fn a_pending_document_is_neither_shareable_nor_downloadable_until_its_bytes_arrive() {
    let stack = Stack::new().await;
    let (matter, contact, email) = (stack.id("m"), stack.id("c"), stack.email("pending"));
    stack.save_matter(&matter).await;
    stack.grant(&matter, &contact, &email, true).await;
    let body = json!({"fileName": "Later.pdf", "contentType": "application/pdf", "size": 9});
    let (status, upload) = stack
        .call(
            "POST",
            &format!("/matters/{matter}/documents"),
            Caller::Staff,
            Some(body),
        )
        .await;
    assert_eq!(status, 201, "{upload}");
    let document = upload["documentId"].as_str().expect("id").to_string();
    assert_eq!(upload["method"], "PUT");
    assert_eq!(upload["headers"]["content-type"], "application/pdf");
    assert_eq!(upload["headers"]["content-length"], "9");
    assert!(upload["url"]
        .as_str()
        .expect("url")
        .contains(&format!("matters/{matter}/documents/{document}")));
    let url = upload["url"].as_str().expect("url");
    assert_eq!(
        url_parameter(url, "X-Amz-SignedHeaders").as_deref(),
        Some("content-length;content-type;host"),
        "the signature covers the declared type and size"
    );
    assert_eq!(url_parameter(url, "X-Amz-Expires").as_deref(), Some("900"));
    assert_eq!(upload["headers"].as_object().expect("headers").len(), 2);

    let (_, documents) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/documents"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(documents["items"][0]["status"], "pending");
    let share = json!({"documentIds": [document], "contactIds": [contact]});
    let (status, answer) = stack
        .call(
            "POST",
            &format!("/matters/{matter}/shares"),
            Caller::Staff,
            Some(share.clone()),
        )
        .await;
    assert_eq!(status, 409, "{answer}");
    assert!(answer["error"]["message"]
        .as_str()
        .expect("message")
        .contains("still uploading"));
    assert_eq!(
        stack.access_row(&matter, &contact).await["sharedCount"],
        0,
        "nothing half-written"
    );

    assert_eq!(
        stack.put_presigned(&upload, b"%PDF-1234".to_vec()).await,
        200
    );
    let (status, answer) = stack
        .call(
            "POST",
            &format!("/matters/{matter}/shares"),
            Caller::Staff,
            Some(share),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    let session = stack.sign_in(&email).await;
    assert_eq!(stack.link(&session, &document, "download").await.0, 200);
    let (_, documents) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/documents"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(documents["items"][0]["status"], "available");
}

fn names(answer: &Value) -> Vec<String> {
    answer["items"]
        .as_array()
        .expect("items")
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

#[tokio::test]
async fn the_sharing_section_filters_searches_sorts_and_pages() {
    let stack = Stack::new().await;
    let matter = stack.id("m");
    let (alice, bob) = (stack.id("alice"), stack.id("bob"));
    stack.save_matter(&matter).await;
    stack
        .grant(&matter, &alice, &stack.email("alice"), true)
        .await;
    stack.grant(&matter, &bob, &stack.email("bob"), true).await;
    let tax = stack
        .upload_firm_document(&matter, "Tax return.pdf", b"%PDF-t")
        .await;
    let will = stack
        .upload_firm_document(&matter, "Will.pdf", b"%PDF-w")
        .await;
    let deed = stack
        .upload_firm_document(&matter, "deed.pdf", b"%PDF-d")
        .await;
    stack.share(&matter, &[&tax], &[&alice]).await;
    stack.share(&matter, &[&will, &deed], &[&alice]).await;
    stack.share(&matter, &[&deed], &[&bob]).await;

    let get = |query: String| {
        let stack = &stack;
        let matter = matter.clone();
        async move {
            let (status, answer) = stack
                .call(
                    "GET",
                    &format!("/matters/{matter}/shares{query}"),
                    Caller::Staff,
                    None,
                )
                .await;
            assert_eq!(status, 200, "{answer}");
            answer
        }
    };
    let alice_name = format!("Client {alice}");
    let by_name = get(format!("?contactId={alice}&sort=name")).await;
    assert_eq!(
        names(&by_name),
        [
            format!("deed.pdf:{alice_name}"),
            format!("Tax return.pdf:{alice_name}"),
            format!("Will.pdf:{alice_name}")
        ]
    );
    let by_name_desc = get(format!("?contactId={alice}&sort=name&order=desc")).await;
    assert_eq!(
        document_ids(&by_name_desc),
        [will.clone(), tax.clone(), deed.clone()]
    );
    let created_asc = get(format!("?contactId={alice}&sort=created&order=asc")).await;
    assert_eq!(
        document_ids(&created_asc),
        [tax.clone(), will.clone(), deed.clone()]
    );
    let newest_first = get(format!("?contactId={alice}")).await;
    assert_eq!(
        document_ids(&newest_first)[2],
        tax,
        "the first share is the oldest activity"
    );
    let search = get("?q=TAX+return".to_string()).await;
    assert_eq!(document_ids(&search), vec![tax.clone()]);
    let bobs = get(format!("?contactId={bob}")).await;
    assert_eq!(document_ids(&bobs), vec![deed.clone()]);

    // Walk every share two at a time.
    let mut walked = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = match &cursor {
            Some(c) => format!("?sort=name&limit=2&cursor={c}"),
            None => "?sort=name&limit=2".to_string(),
        };
        let page = get(query).await;
        assert!(page["items"].as_array().expect("items").len() <= 2);
        walked.extend(names(&page));
        match page["nextCursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(walked.len(), 4);
    assert_eq!(walked[0], format!("deed.pdf:{alice_name}"));
    let first_page = get("?sort=name&limit=2".to_string()).await;
    let foreign = first_page["nextCursor"].as_str().expect("cursor");
    let (status, _) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/shares?sort=created&cursor={foreign}"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 400, "a cursor only continues the list it came from");

    // The contact's default view pages natively, newest first, each document once.
    let session = stack.sign_in(&stack.email("alice")).await;
    let (mut walked, mut cursor) = (Vec::new(), None::<String>);
    loop {
        let query = cursor
            .as_ref()
            .map_or("?limit=1".to_string(), |c| format!("?limit=1&cursor={c}"));
        let (status, page) = stack.portal_documents(&session, &query).await;
        assert_eq!(status, 200, "{page}");
        walked.extend(document_ids(&page));
        match page["nextCursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(walked.len(), 3);
    assert_eq!(walked[2], tax, "the first share is the oldest");
    let (_, oldest_first) = stack.portal_documents(&session, "?order=asc&limit=1").await;
    assert_eq!(document_ids(&oldest_first), vec![tax.clone()]);
    let (status, _) = stack
        .portal_documents(
            &session,
            &format!("?cursor={}", first_page["nextCursor"].as_str().expect("c")),
        )
        .await;
    assert_eq!(status, 400, "another list's cursor");

    // The contact's own view sorts and searches too.
    let (_, mine) = stack.portal_documents(&session, "?sort=name&q=.pdf").await;
    assert_eq!(document_ids(&mine), [deed, tax, will]);
}

#[tokio::test]
async fn bad_input_gets_a_clear_4xx() {
    let stack = Stack::with_settings(&[("MAX_UPLOAD_BYTES", "1000")]).await;
    let (matter, contact) = (stack.id("m"), stack.id("c"));
    stack.save_matter(&matter).await;
    stack
        .grant(&matter, &contact, &stack.email("c"), true)
        .await;
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
            Some(json!({"fileName": "a.pdf", "contentType": "application/pdf", "size": 1001})),
            413,
            "limit",
        ),
        (
            "POST",
            format!("/matters/{matter}/documents"),
            Some(json!({"fileName": "../a.pdf", "contentType": "application/pdf", "size": 1})),
            400,
            "fileName",
        ),
        (
            "POST",
            format!("/matters/{matter}/documents"),
            Some(json!({"fileName": "a.pdf", "contentType": "pdf", "size": 1})),
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
    let (status, _) = stack
        .call(
            "GET",
            &format!("/matters/{matter}/documents"),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(status, 200);
}

/// Every page of a list, following `nextCursor`; also how many pages came back empty but
/// with a cursor (a filtered page that stopped after its bounded reads).
async fn walk(stack: &Stack, caller: Caller<'_>, base: &str) -> (Vec<Value>, usize) {
    let (mut items, mut empty_pages, mut cursor) = (Vec::new(), 0, None::<String>);
    loop {
        let path = cursor
            .as_ref()
            .map_or(base.to_string(), |c| format!("{base}&cursor={c}"));
        let (status, page) = stack.call("GET", &path, caller, None).await;
        assert_eq!(status, 200, "{path}: {page}");
        let found = page["items"].as_array().expect("items").clone();
        match page["nextCursor"].as_str() {
            Some(c) => {
                empty_pages += usize::from(found.is_empty());
                cursor = Some(c.to_string());
                items.extend(found);
            }
            None => {
                items.extend(found);
                return (items, empty_pages);
            }
        }
    }
}

fn field<'a>(items: &'a [Value], name: &str) -> Vec<&'a str> {
    items
        .iter()
        .map(|i| i[name].as_str().expect(name))
        .collect()
}

#[tokio::test]
async fn every_order_pages_natively_and_searches_read_a_bounded_amount_per_page() {
    let stack = Stack::new().await;
    let matter = stack.id("m");
    let (alice, bob) = (stack.id("alice"), stack.id("bob"));
    stack.save_matter(&matter).await;
    stack
        .grant(&matter, &alice, &stack.email("alice"), true)
        .await;
    stack.grant(&matter, &bob, &stack.email("bob"), true).await;
    let mut documents = Vec::new();
    for i in 0..24 {
        // Mixed case on purpose: name order ignores it.
        let name = match i {
            3 | 17 | 22 => format!("Tax {i:02}.pdf"),
            _ if i % 2 == 0 => format!("doc {i:02}.pdf"),
            _ => format!("Doc {i:02}.pdf"),
        };
        documents.push(stack.upload_firm_document(&matter, &name, b"%PDF-x").await);
    }
    let all: Vec<&str> = documents.iter().map(String::as_str).collect();
    stack.share(&matter, &all, &[&alice]).await;
    stack.share(&matter, &all[..12], &[&bob]).await;

    // A sparse search: limit 1 reads at most ten shares per page, so the pages before the
    // first match come back empty with a cursor, and the walk still finds each match once.
    let sharing = format!("/matters/{matter}/shares");
    let (found, empty_pages) = walk(
        &stack,
        Caller::Staff,
        &format!("{sharing}?q=TAX&sort=name&limit=1"),
    )
    .await;
    assert_eq!(
        field(&found, "fileName"),
        ["Tax 03.pdf", "Tax 03.pdf", "Tax 17.pdf", "Tax 22.pdf"]
    );
    assert!(
        empty_pages >= 1,
        "the search never stopped at its read bound"
    );

    // Every share of the matter, newest share first (bob's came last), in pages of 5.
    let (newest, _) = walk(&stack, Caller::Staff, &format!("{sharing}?limit=5")).await;
    assert_eq!(newest.len(), 36);
    let shared_at = field(&newest, "sharedAt");
    assert!(shared_at.windows(2).all(|w| w[0] >= w[1]), "{shared_at:?}");
    assert!(field(&newest[..12], "contactId").iter().all(|c| *c == bob));

    // Creation order, oldest document first, across both contacts.
    let (created, _) = walk(
        &stack,
        Caller::Staff,
        &format!("{sharing}?sort=created&order=asc&limit=7"),
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
    let (alices, _) = walk(
        &stack,
        Caller::Staff,
        &format!("{sharing}?contactId={alice}&sort=name&limit=5"),
    )
    .await;
    assert_eq!(lower(&alices), expected);
    let session = stack.sign_in(&stack.email("alice")).await;
    let (mine, _) = walk(
        &stack,
        Caller::Bearer(&session),
        &format!("/portal/documents?matterId={matter}&sort=name&order=desc&limit=5"),
    )
    .await;
    expected.reverse();
    assert_eq!(lower(&mine), expected);
    let (mine, _) = walk(
        &stack,
        Caller::Bearer(&session),
        "/portal/documents?sort=created&limit=5",
    )
    .await;
    let created_at = field(&mine, "createdAt");
    assert_eq!(mine.len(), 24);
    assert!(
        created_at.windows(2).all(|w| w[0] >= w[1]),
        "{created_at:?}"
    );
}
