//! The sample events in events/ are real API Gateway v2 payloads (and an S3, a DynamoDB
//! stream and an SQS event): each goes through the function it names, with the JWT
//! authorizer's claims where a staff route has them.

use integration_tests::Stack;
use lambda_http::{Body, Request, Response};
use shared::routes::dispatch;

fn event(name: &str) -> Request {
    let path = format!("{}/../events/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("sample event");
    lambda_http::request::from_str(&text).expect("an API Gateway v2 event")
}

fn sample_json(name: &str) -> serde_json::Value {
    let path = format!("{}/../events/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("sample")).expect("json")
}

fn status_and_body(response: Response<Body>) -> (u16, serde_json::Value) {
    let bytes: &[u8] = response.body().as_ref();
    let body = if bytes.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::from_slice(bytes).expect("json")
    };
    (response.status().as_u16(), body)
}

#[tokio::test]
async fn every_sample_event_reaches_its_function() {
    let stack = Stack::new().await;
    let app = &stack.app;

    let (status, saved) = status_and_body(dispatch::grant_access(app, event("grant-access")).await);
    assert_eq!(
        status, 200,
        "authorizer claims identify the staff member: {saved}"
    );
    assert_eq!(saved["title"], "Estate of Sample");

    let (status, listed) = status_and_body(dispatch::list_shares(app, event("list-shares")).await);
    assert_eq!(status, 200, "{listed}");

    let (status, upload) =
        status_and_body(dispatch::presign_upload(app, event("presign-upload")).await);
    assert_eq!(status, 201, "{upload}");

    // Ids in these samples name nothing that exists: the routes answer 404 past the auth check.
    let (status, shared) =
        status_and_body(dispatch::share_documents(app, event("share-documents")).await);
    assert_eq!(status, 404, "{shared}");
    let (status, stopped) = status_and_body(dispatch::stop_share(app, event("stop-share")).await);
    assert_eq!(status, 404, "{stopped}");
    // The sample matter exists (saved above); its contact has no access.
    let (status, posted) = status_and_body(dispatch::messages(app, event("messages")).await);
    assert_eq!(status, 404, "{posted}");
    assert!(posted.to_string().contains("c-sample"), "{posted}");

    // An S3 record as AWS sends it: the encoded key decodes, and an object nobody was given a
    // URL for is refused.
    let path = format!(
        "{}/../events/attach-upload.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let s3_event: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("sample")).expect("json");
    let outcomes = attach_upload::handle(app, s3_event).await.expect("handled");
    assert_eq!(
        serde_json::to_value(outcomes).expect("json"),
        serde_json::json!([{"outcome": "rejected", "detail": "no upload intent for this object"}])
    );

    // A stream record of a share, as Lambda hands it over: filed for its contact.
    let answer = stack
        .file_notifications(sample_json("file-notifications"))
        .await;
    assert_eq!(answer, serde_json::json!({"batchItemFailures": []}));
    // A wake-up of a window with nothing in it: handled, nothing sent.
    let answer = stack.send_digest_event(sample_json("send-digests")).await;
    assert_eq!(answer, serde_json::json!({"batchItemFailures": []}));

    // A portal route trusts only a live session; the sample's token is not one.
    let (status, link) =
        status_and_body(dispatch::presign_download(app, event("presign-download")).await);
    assert_eq!(status, 401, "{link}");
    let (status, link) = status_and_body(dispatch::stamp_views(app, event("stamp-views")).await);
    assert_eq!(status, 401, "{link}");
}
