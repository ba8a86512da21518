//! Zip downloads on the emulator through the real handlers: a contact's matter or folder as
//! one zip whose entries are the documents' bytes, each counted as a download against its
//! limit with its event, the same request reusing the finished zip, staff's whole matter,
//! the caps, and a write that fails leaving nothing behind.

use integration_tests::observe::{Refuse, SharedInterceptor};
use integration_tests::{Access, Caller, Stack};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::Read;

const WILL: &[u8] = b"%PDF-1.7\n1 0 obj the will";
const DEED: &[u8] = b"%PDF-1.7\n1 0 obj the deed, another file";
const OTHER: &[u8] = b"%PDF-1.7\n1 0 obj for staff only";

/// Over one 8 MiB part, so the zip is written in more than one.
fn big_pdf() -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..9 * 1024 * 1024).map(|i| (i % 251) as u8));
    bytes
}

/// The zip a link points at, as name -> bytes.
async fn entries(stack: &Stack, zip: &Value) -> BTreeMap<String, Vec<u8>> {
    let (status, bytes) = stack.get_url(zip["url"].as_str().expect("url")).await;
    assert_eq!(status, 200);
    assert_eq!(bytes.len() as u64, zip["size"].as_u64().expect("size"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut found = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let mut read = Vec::new();
        entry
            .read_to_end(&mut read)
            .expect("entry bytes, CRC checked");
        found.insert(entry.name().expect("a UTF-8 name").to_string(), read);
    }
    found
}

async fn zip_ok(answer: (u16, Value)) -> Value {
    assert_eq!(answer.0, 200, "{}", answer.1);
    answer.1
}

/// Downloads left on each of the contact's rows, by file name.
async fn downloads_left(stack: &Stack, session: &str) -> BTreeMap<String, Value> {
    let page = stack.portal_documents(session, "").await;
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|d| {
            let name = d["fileName"].as_str().expect("name").to_string();
            (name, d["downloadsLeft"].clone())
        })
        .collect()
}

#[tokio::test]
async fn a_contacts_zip_holds_their_documents_and_counts_each_as_a_download() {
    let stack = Stack::new().await;
    let [ann, bob, cat] = stack
        .matter_with_contacts([
            ("ann", Access::Download),
            ("bob", Access::Download),
            ("cat", Access::ViewOnly),
        ])
        .await;
    let matter = ann.matter.clone();
    let big = big_pdf();
    let [will, deed, big_id, other] = stack
        .upload_firm_documents(
            &matter,
            [
                ("Will.pdf", WILL),
                ("Deed.pdf", DEED),
                ("Big.pdf", &big),
                ("Other.pdf", OTHER),
            ],
        )
        .await;
    stack.deliver_object_events().await;
    let court = stack.create_folder(&matter, "Court").await;
    stack.move_to(&matter, &deed, Some(&court)).await;
    let body = json!({"documentIds": [&will], "contactIds": [&ann.id], "downloadLimit": 2});
    let path = format!("/matters/{matter}/shares");
    let (status, answer) = stack.call("POST", &path, Caller::Staff, Some(body)).await;
    assert_eq!(status, 200, "{answer}");
    stack
        .share(&matter, &[&deed, &big_id], &[&ann.id, &cat.id])
        .await;
    let [ann, bob, cat] = [
        stack.sign_in_contact(ann).await,
        stack.sign_in_contact(bob).await,
        stack.sign_in_contact(cat).await,
    ];

    let zip = zip_ok(stack.try_my_zip(&ann.session, &matter, None).await).await;
    let title = stack.read_matter(&matter).await["title"].clone();
    assert_eq!(
        zip["fileName"],
        json!(format!("{}.zip", title.as_str().expect("title")))
    );
    assert_eq!(
        (zip["entries"].clone(), zip["reused"].clone()),
        (json!(3), json!(false))
    );
    assert!(
        stack.deliver_object_events().await.is_empty(),
        "a zip is no upload: the trigger hears of `matters/` only"
    );
    let found = entries(&stack, &zip).await;
    let expected = BTreeMap::from([
        ("Big.pdf".to_string(), big.clone()),
        ("Court/Deed.pdf".to_string(), DEED.to_vec()),
        ("Will.pdf".to_string(), WILL.to_vec()),
    ]);
    assert!(found == expected, "entries {:?}", found.keys());
    let downloaded = stack.events_of(&matter, "documentDownloaded").await;
    assert_eq!(downloaded.len(), 3, "one event per document");
    assert!(downloaded.iter().all(|e| e["contactId"] == json!(ann.id)
        && e["detail"] == json!(format!("In {}", zip["fileName"].as_str().unwrap_or("")))));
    assert_eq!(
        downloads_left(&stack, &ann.session).await["Will.pdf"],
        json!(1)
    );

    // The same request again: the finished zip, counted again; then Will's limit refuses it.
    let again = zip_ok(stack.try_my_zip(&ann.session, &matter, None).await).await;
    assert_eq!(again["reused"], json!(true));
    assert_eq!(
        downloads_left(&stack, &ann.session).await["Will.pdf"],
        json!(0)
    );
    let (status, refused) = stack.try_my_zip(&ann.session, &matter, None).await;
    assert_eq!(status, 403, "{refused}");
    assert!(
        refused["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("Will.pdf")),
        "{refused}"
    );
    assert_eq!(
        stack.events_of(&matter, "documentDownloaded").await.len(),
        6
    );

    // A folder: its files bare, named after it; only what is shared with the contact.
    let folder = zip_ok(stack.try_my_zip(&ann.session, &matter, Some(&court)).await).await;
    assert_eq!(folder["fileName"], json!("Court.zip"));
    assert_eq!(
        entries(&stack, &folder).await.keys().collect::<Vec<_>>(),
        ["Deed.pdf"]
    );

    // Boundaries: view-only, nothing shared, an unknown folder, another matter.
    assert_eq!(stack.try_my_zip(&cat.session, &matter, None).await.0, 403);
    assert_eq!(stack.try_my_zip(&bob.session, &matter, None).await.0, 404);
    assert_eq!(
        stack
            .try_my_zip(&bob.session, &matter, Some(&court))
            .await
            .0,
        404
    );
    let elsewhere = stack.new_matter("elsewhere").await;
    assert_eq!(
        stack.try_my_zip(&ann.session, &elsewhere, None).await.0,
        404
    );
    assert_eq!(
        stack
            .try_my_zip(&ann.session, &matter, Some("no such"))
            .await
            .0,
        400
    );

    // Staff: the whole matter, their own documents included; a new version makes a new zip.
    let staff = zip_ok(stack.try_matter_zip(&matter, None).await).await;
    let names: Vec<String> = entries(&stack, &staff).await.into_keys().collect();
    assert_eq!(
        names,
        ["Big.pdf", "Court/Deed.pdf", "Other.pdf", "Will.pdf"]
    );
    let _ = other;
    stack
        .add_version(&matter, &will, b"%PDF-1.7\n1 0 obj the will, amended")
        .await;
    stack.deliver_object_events().await;
    let newer = zip_ok(stack.try_matter_zip(&matter, None).await).await;
    assert_eq!(newer["reused"], json!(false));
    assert_eq!(
        entries(&stack, &newer).await["Will.pdf"],
        b"%PDF-1.7\n1 0 obj the will, amended"
    );
    let filed = zip_ok(stack.try_matter_zip(&matter, Some(&court)).await).await;
    assert_eq!(filed["entries"], json!(1));
    assert_eq!(
        stack.try_matter_zip(&matter, Some("f-unknown")).await.0,
        404
    );
    assert_eq!(stack.try_matter_zip(&elsewhere, None).await.0, 404);
}

#[tokio::test]
async fn a_zip_over_the_cap_is_refused_and_a_failed_write_leaves_nothing() {
    let refuse = Refuse::default();
    let stack = Stack::instrumented(
        &[("ZIP_MAX_BYTES", "400")],
        &[SharedInterceptor::new(refuse.clone())],
    )
    .await;
    let ann = stack.signed_in_contact(Access::Download).await;
    let matter = ann.matter.clone();
    let mut large = b"%PDF-1.7\n".to_vec();
    large.extend([b' '; 300]);
    let [small, large] = stack
        .upload_firm_documents(&matter, [("Small.pdf", WILL), ("Large.pdf", &large)])
        .await;
    stack.deliver_object_events().await;
    stack.share(&matter, &[&small, &large], &[&ann.id]).await;

    let (status, answer) = stack.try_my_zip(&ann.session, &matter, None).await;
    assert_eq!(status, 413, "{answer}");
    assert!(answer["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("a folder at a time")));
    assert!(
        stack
            .events_of(&matter, "documentDownloaded")
            .await
            .is_empty(),
        "nothing counted"
    );

    let folder = stack.create_folder(&matter, "Small").await;
    stack.move_to(&matter, &small, Some(&folder)).await;
    refuse.arm(&["S3.CompleteMultipartUpload"]);
    assert_eq!(
        stack
            .try_my_zip(&ann.session, &matter, Some(&folder))
            .await
            .0,
        502
    );
    refuse.disarm();
    assert!(
        stack
            .events_of(&matter, "documentDownloaded")
            .await
            .is_empty(),
        "nothing counted"
    );
    let zip = zip_ok(stack.try_my_zip(&ann.session, &matter, Some(&folder)).await).await;
    assert_eq!(
        zip["reused"],
        json!(false),
        "the failed write left no zip behind"
    );
    assert_eq!(entries(&stack, &zip).await["Small.pdf"], WILL);
}
