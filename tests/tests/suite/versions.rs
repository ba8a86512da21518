//! Documents that change: new versions through the one pipeline, every share showing the
//! latest at once, each version's bytes kept as they were, checksums signed into the PUT and
//! checked again by the trigger, and a download limit that counts across versions.

use integration_tests::faults::MailRecorder;
use integration_tests::steps::declaration;
use integration_tests::{Access, Caller, Stack};
use serde_json::{json, Value};
use shared::checksum::sha256_base64;

const FIRST: &[u8] = b"%PDF-1.7\n1 0 obj the first draft";
const SECOND: &[u8] = b"%PDF-1.7\n1 0 obj the second draft, a little longer";

async fn versions(stack: &Stack, matter: &str, document: &str) -> Vec<Value> {
    let (status, answer) = stack.try_versions(matter, document).await;
    assert_eq!(status, 200, "{answer}");
    answer["items"].as_array().cloned().expect("items")
}

async fn try_version_bytes(
    stack: &Stack,
    matter: &str,
    document: &str,
    number: &str,
) -> (u16, Vec<u8>) {
    let (status, answer) = stack.try_version_link(matter, document, number).await;
    if status != 200 {
        return (status, Vec::new());
    }
    stack.get_url(answer["url"].as_str().expect("url")).await
}

/// The contact's row of `document` in the portal list.
async fn portal_row(stack: &Stack, session: &str, document: &str) -> Value {
    let page = stack.portal_documents(session, "").await;
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|d| d["documentId"] == document)
        .cloned()
        .expect("the document is listed")
}

async fn contact_bytes(stack: &Stack, session: &str, document: &str) -> Vec<u8> {
    let link = stack.link(session, document, "download").await;
    let (status, bytes) = stack.get_url(link["url"].as_str().expect("url")).await;
    assert_eq!(status, 200);
    bytes
}

#[tokio::test]
async fn a_new_version_reaches_every_share_at_once_and_each_version_keeps_its_bytes() {
    let mail = MailRecorder::new();
    let stack = Stack::instrumented(&[], &[mail.interceptor()]).await;
    let [ann, bob] = stack
        .matter_with_contacts([("ann", Access::Download), ("bob", Access::Download)])
        .await;
    let matter = ann.matter.clone();
    let document = stack
        .share_new_document(&matter, "Will.pdf", FIRST, &[&ann.id, &bob.id])
        .await;
    let ann = stack.sign_in_contact(ann).await;
    assert_eq!(contact_bytes(&stack, &ann.session, &document).await, FIRST);
    let row = portal_row(&stack, &ann.session, &document).await;
    assert_eq!(
        (&row["version"], &row["isUpdated"], &row["sha256"]),
        (&json!(1), &json!(false), &json!(sha256_base64(FIRST)))
    );
    stack.deliver_notifications().await;
    let before = mail.to(&ann.email).len();

    let upload = stack.add_version(&matter, &document, SECOND).await;
    assert_eq!(upload["documentId"], document);
    assert_ne!(
        upload["uploadId"], document,
        "each version's bytes have a key of their own"
    );
    assert_eq!(
        upload["headers"]["x-amz-checksum-sha256"],
        sha256_base64(SECOND),
        "the checksum is signed into the PUT"
    );
    let status = stack
        .call(
            "GET",
            &format!(
                "/matters/{matter}/uploads/{}",
                upload["uploadId"].as_str().expect("id")
            ),
            Caller::Staff,
            None,
        )
        .await;
    assert_eq!(
        (status.0, &status.1["status"], &status.1["documentId"]),
        (200, &json!("attached"), &json!(document))
    );

    // Staff see the history, newest first, and open any version's own bytes.
    let history = versions(&stack, &matter, &document).await;
    let summary: Vec<(i64, bool, u64, String)> = history
        .iter()
        .map(|v| {
            (
                v["number"].as_i64().expect("number"),
                v["current"].as_bool().expect("current"),
                v["size"].as_u64().expect("size"),
                v["sha256"].as_str().expect("sha256").to_string(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (2, true, SECOND.len() as u64, sha256_base64(SECOND)),
            (1, false, FIRST.len() as u64, sha256_base64(FIRST)),
        ]
    );
    assert_eq!(
        history[0]["uploadedBy"]["id"],
        history[1]["uploadedBy"]["id"]
    );
    assert_eq!(
        try_version_bytes(&stack, &matter, &document, "1").await,
        (200, FIRST.to_vec()),
        "version 1's bytes never changed"
    );
    assert_eq!(
        try_version_bytes(&stack, &matter, &document, "2").await,
        (200, SECOND.to_vec())
    );
    assert_eq!(
        try_version_bytes(&stack, &matter, &document, "3").await.0,
        404
    );
    assert_eq!(
        try_version_bytes(&stack, &matter, &document, "x").await.0,
        400
    );

    // Every contact's share shows the new version at once; Ann opened the old one, so hers
    // is marked updated until she opens it again.
    let row = portal_row(&stack, &ann.session, &document).await;
    assert_eq!(
        (&row["version"], &row["isUpdated"], &row["size"]),
        (&json!(2), &json!(true), &json!(SECOND.len()))
    );
    assert_eq!(row["sha256"], sha256_base64(SECOND));
    let bob = stack.sign_in_contact(bob).await;
    let bobs = portal_row(&stack, &bob.session, &document).await;
    assert_eq!(
        (&bobs["version"], &bobs["isNew"], &bobs["isUpdated"]),
        (&json!(2), &json!(true), &json!(false)),
        "never opened: new, not updated"
    );
    assert_eq!(contact_bytes(&stack, &ann.session, &document).await, SECOND);
    let row = portal_row(&stack, &ann.session, &document).await;
    assert_eq!(row["isUpdated"], false, "opened since");

    // The log: the version once for the matter, once per contact told, and the download of
    // version 2 with its checksum.
    let added = stack.events_of(&matter, "documentVersionAdded").await;
    let mut told: Vec<&str> = added
        .iter()
        .map(|e| e["contactId"].as_str().unwrap_or("(matter)"))
        .collect();
    told.sort();
    let mut expected = vec!["(matter)", ann.id.as_str(), bob.id.as_str()];
    expected.sort();
    assert_eq!(told, expected);
    assert!(added
        .iter()
        .all(|e| e["version"] == 2 && e["sha256"] == sha256_base64(SECOND)));
    let downloads = stack.events_of(&matter, "documentDownloaded").await;
    let versions_downloaded: Vec<&Value> = downloads.iter().map(|e| &e["version"]).collect();
    assert_eq!(versions_downloaded, [&json!(2), &json!(1)], "newest first");

    // Each contact hears of it in their next digest.
    let delivered = stack.deliver_notifications().await;
    assert_eq!(delivered.failures(), 0, "{delivered:?}");
    let to_ann = mail.to(&ann.email);
    assert_eq!(to_ann.len(), before + 1, "{to_ann:?}");
    let last = to_ann.last().expect("digest");
    assert!(last.body.contains("Will.pdf was updated"), "{}", last.body);
}

#[tokio::test]
async fn versions_refuse_bad_input_and_deleted_documents_and_go_with_their_document() {
    let stack = Stack::new().await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let matter = contact.matter.clone();
    let document = stack.upload_firm_document(&matter, "Will.pdf", FIRST).await;
    let (code, answer) = stack
        .try_new_version(
            &matter,
            &document,
            declaration("Will.pdf", "application/pdf", SECOND),
        )
        .await;
    assert_eq!(
        code, 404,
        "a document still uploading has no next version: {answer}"
    );
    stack.deliver_object_events().await;
    let other_matter = stack.new_matter("other").await;

    let declared = declaration("Will.pdf", "application/pdf", SECOND);
    let status = |answer: (u16, Value)| answer.0;
    assert_eq!(
        status(
            stack
                .try_new_version(&other_matter, &document, declared.clone())
                .await
        ),
        404,
        "another matter's document"
    );
    assert_eq!(
        status(
            stack
                .try_new_version(&matter, "no-such-document", declared.clone())
                .await
        ),
        404
    );
    let docx = declaration(
        "Will.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        SECOND,
    );
    let (code, answer) = stack.try_new_version(&matter, &document, docx).await;
    assert_eq!(
        (code, &answer["error"]["code"]),
        (415, &json!("unsupported_type"))
    );
    let exe = declaration("x.exe", "application/x-msdownload", SECOND);
    assert_eq!(
        status(stack.try_new_version(&matter, &document, exe).await),
        415
    );
    let mut unsigned = declared.clone();
    unsigned
        .as_object_mut()
        .expect("object")
        .remove("checksumSha256");
    assert_eq!(
        status(stack.try_new_version(&matter, &document, unsigned).await),
        400
    );
    let mut malformed = declared.clone();
    malformed["checksumSha256"] = json!("not-a-digest");
    let (code, answer) = stack.try_new_version(&matter, &document, malformed).await;
    assert_eq!(code, 400, "{answer}");
    assert!(
        answer["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("checksumSha256")),
        "{answer}"
    );

    // Bytes other than the declared ones never become a version: S3 refuses them (moto does
    // not, so here the trigger's own hash does), and they are deleted.
    let mut same_size_other_bytes = SECOND.to_vec();
    if let Some(last) = same_size_other_bytes.last_mut() {
        *last = b'!';
    }
    let (code, upload) = stack
        .try_new_version(&matter, &document, declared.clone())
        .await;
    assert_eq!(code, 201, "{upload}");
    let upload_id = upload["uploadId"].as_str().expect("uploadId");
    match stack.put_presigned(&upload, same_size_other_bytes).await {
        // Real S3 (and s3s-fs, see signatures.rs) answers BadDigest.
        400 => {}
        200 => {
            let outcomes = stack.deliver_object_events().await;
            let reason = "the file's SHA-256 differs from the one declared";
            let rejected: Vec<&Value> = outcomes
                .iter()
                .filter_map(Value::as_array)
                .flatten()
                .filter(|o| o["outcome"] == "rejected" && o["detail"] == reason)
                .collect();
            assert_eq!(rejected.len(), 1, "{outcomes:?}");
        }
        other => panic!("the PUT answered {other}"),
    }
    let (_, state) = stack.staff_upload_status(&matter, upload_id).await;
    assert_ne!(state["status"], "attached", "{state}");
    assert_eq!(versions(&stack, &matter, &document).await.len(), 1);
    assert!(
        !stack
            .key_exists(&format!("matters/{matter}/uploads/{upload_id}"))
            .await
    );

    // A version accepted, then the document deleted: every version's bytes go with it, and a
    // version of a deleted document is 404.
    stack.add_version(&matter, &document, SECOND).await;
    assert_eq!(versions(&stack, &matter, &document).await.len(), 2);
    stack.delete_document(&matter, &document).await;
    assert!(
        stack
            .object_keys(&format!("matters/{matter}/"))
            .await
            .is_empty(),
        "no version's bytes are left"
    );
    assert_eq!(
        status(stack.try_new_version(&matter, &document, declared).await),
        404
    );
    assert_eq!(stack.try_versions(&matter, &document).await.0, 404);
}

#[tokio::test]
async fn a_download_limit_counts_every_version() {
    let stack = Stack::new().await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let matter = contact.matter.clone();
    let document = stack.upload_firm_document(&matter, "Will.pdf", FIRST).await;
    stack.deliver_object_events().await;
    let body = json!({"documentIds": [&document], "contactIds": [&contact.id], "downloadLimit": 1});
    let path = format!("/matters/{matter}/shares");
    let (code, answer) = stack.call("POST", &path, Caller::Staff, Some(body)).await;
    assert_eq!(code, 200, "{answer}");
    let signed_in = stack.sign_in_contact(contact).await;
    assert_eq!(
        contact_bytes(&stack, &signed_in.session, &document).await,
        FIRST
    );
    stack.add_version(&matter, &document, SECOND).await;
    let row = portal_row(&stack, &signed_in.session, &document).await;
    assert_eq!(
        (&row["downloadsLeft"], &row["version"]),
        (&json!(0), &json!(2))
    );
    let (code, _) = stack
        .try_link(&signed_in.session, &document, "download")
        .await;
    assert_eq!(code, 403, "the limit was used on version 1");
    let view = stack.link(&signed_in.session, &document, "view").await;
    let (_, bytes) = stack.get_url(view["url"].as_str().expect("url")).await;
    assert_eq!(bytes, SECOND, "viewing still opens the latest");
}
