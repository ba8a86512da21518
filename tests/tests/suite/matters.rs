//! The console's matter list: matters with portal settings, by title, searchable and
//! paginated, with counts that match the records and the newest activity.

use integration_tests::{Access, Caller, Stack};
use serde_json::{json, Value};

fn settings(title: &str) -> Value {
    json!({
        "title": title,
        "owner": {"id": "staff-1", "email": "ann.lawyer@firm.example", "name": "Ann Lawyer"},
    })
}

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|m| m["matterId"].as_str().expect("matterId").to_string())
        .collect()
}

#[tokio::test]
async fn matters_are_listed_by_title_with_their_counts_searchable_and_paginated() {
    let stack = Stack::new().await;
    let (lease, estate, gamma) = (stack.id("lease"), stack.id("estate"), stack.id("gamma"));
    stack.save_matter_as(&estate, settings("Beta estate")).await;
    stack.save_matter_as(&lease, settings("alpha lease")).await;
    stack
        .save_matter_as(&gamma, settings("Gamma dispute"))
        .await;
    let empty_lease = stack.list_matters("").await;
    assert_eq!(
        ids(&empty_lease),
        [lease.clone(), estate.clone(), gamma.clone()],
        "by title, case-insensitive"
    );
    assert_eq!(empty_lease["items"][0]["contacts"], 0);
    assert_eq!(empty_lease["items"][0]["documents"], 0);
    let saved_at = empty_lease["items"][0]["lastActivityAt"]
        .as_str()
        .expect("lastActivityAt")
        .to_string();

    for name in ["ann", "bob", "cy"] {
        stack.new_contact(&lease, name, Access::Download).await;
    }
    stack.revoke(&lease, &stack.id("cy")).await;
    stack
        .upload_firm_documents(
            &lease,
            [
                ("a.pdf", b"%PDF-1.4 a".as_slice()),
                ("b.pdf", b"%PDF-1.4 b"),
            ],
        )
        .await;
    let listed = stack.list_matters("").await;
    let row = &listed["items"][0];
    assert_eq!(row["matterId"], lease.as_str());
    assert_eq!(row["title"], "alpha lease");
    assert_eq!(row["owner"]["name"], "Ann Lawyer");
    assert_eq!(row["contacts"], 2, "the revoked contact is not counted");
    assert_eq!(row["documents"], 2);
    assert!(
        row["lastActivityAt"].as_str().expect("lastActivityAt") > saved_at.as_str(),
        "grants and documents are activity: {row}"
    );

    // A new title moves the matter in the list.
    stack.save_matter_as(&lease, settings("Zeta lease")).await;
    assert_eq!(
        ids(&stack.list_matters("").await),
        [estate.clone(), gamma.clone(), lease.clone()]
    );

    // Search by title or id, case-insensitive.
    assert_eq!(ids(&stack.list_matters("?q=LEASE").await), [lease.as_str()]);
    assert_eq!(
        ids(&stack.list_matters(&format!("?q={gamma}")).await),
        [gamma.as_str()]
    );
    assert!(ids(&stack.list_matters("?q=nothing-like-it").await).is_empty());

    // Pages follow the cursor to the end, nothing repeated or lost.
    let pages = stack.walk_pages(Caller::Staff, "/matters?limit=2").await;
    assert_eq!(pages.len(), 2);
    let walked: Vec<String> = pages.iter().flat_map(ids).collect();
    assert_eq!(walked, [estate.clone(), gamma.clone(), lease.clone()]);
}

#[tokio::test]
async fn only_staff_list_matters_and_bad_input_is_refused() {
    let stack = Stack::new().await;
    let signed_in = stack.signed_in_contact(Access::Download).await;
    assert_eq!(stack.try_list_matters(Caller::Anonymous, "").await.0, 401);
    let (status, _) = stack
        .try_list_matters(Caller::Bearer(&signed_in.session), "")
        .await;
    assert_eq!(status, 401, "a contact session is not a staff token");
    for query in [
        format!("?q={}", "x".repeat(201)),
        "?limit=0".to_string(),
        "?cursor=not-a-cursor".to_string(),
    ] {
        let (status, answer) = stack.try_list_matters(Caller::Staff, &query).await;
        assert_eq!(status, 400, "{query}: {answer}");
    }
}
