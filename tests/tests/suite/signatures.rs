//! Presigned URLs against s3s-fs, an S3 server that verifies SigV4 and checksums (moto does
//! neither): the signature pins the declared type, size and SHA-256, and expires.

use integration_tests::status_of;
use shared::checksum::sha256_base64;
use shared::files::Files;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const ACCESS_KEY: &str = "portal-test-key";
const SECRET_KEY: &str = "portal-test-secret-key";

/// s3s-fs on a free loopback port over a throwaway folder; stopped on drop.
struct SigningS3 {
    child: Child,
    endpoint: String,
    root: std::path::PathBuf,
}

impl SigningS3 {
    async fn start() -> Self {
        let binary = std::env::var("S3S_FS").unwrap_or_else(|_| "s3s-fs".into());
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let root = std::env::temp_dir().join(format!("s3s-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&root).expect("root folder");
        let child = Command::new(&binary)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args(["--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY])
            .arg(&root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("start {binary} (installed by `make test`): {e}"));
        // Owned by the guard at once, so every path below stops the process.
        let server = Self {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
            root,
        };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("s3s-fs did not listen on {}", server.endpoint);
    }

    /// The portal's S3 adapter on a fresh `documents` bucket of this server.
    async fn documents_bucket(&self) -> Files {
        let client = self.client().await;
        client
            .create_bucket()
            .bucket("documents")
            .send()
            .await
            .expect("bucket");
        Files::with_client(client, "documents")
    }

    async fn client(&self) -> aws_sdk_s3::Client {
        let sdk =
            shared::aws::over_https(aws_config::defaults(aws_config::BehaviorVersion::latest()))
                .endpoint_url(&self.endpoint)
                .region(aws_sdk_s3::config::Region::new("us-east-1"))
                .credentials_provider(aws_sdk_s3::config::Credentials::new(
                    ACCESS_KEY, SECRET_KEY, None, None, "test",
                ))
                .load()
                .await;
        shared::files::client(&sdk)
    }
}

impl Drop for SigningS3 {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// A PUT with the headers the service signs: the content type given, If-None-Match, and
/// the checksum of `declared` (the bytes the URL was signed for).
async fn put_declared(url: &str, content_type: &str, declared: &[u8], body: &[u8]) -> u16 {
    status_of(put_request(url, content_type, declared, body)).await
}

fn put_request(
    url: &str,
    content_type: &str,
    declared: &[u8],
    body: &[u8],
) -> reqwest::RequestBuilder {
    reqwest::Client::new()
        .put(url)
        .header("if-none-match", "*")
        .header("x-amz-checksum-sha256", sha256_base64(declared))
        .header("content-type", content_type)
        .body(body.to_vec())
}

/// A PUT of `body` as it was declared.
async fn put(url: &str, content_type: &str, body: &[u8]) -> u16 {
    put_declared(url, content_type, body, body).await
}

async fn get(url: &str) -> u16 {
    status_of(reqwest::Client::new().get(url)).await
}

/// A presigned PUT for `body` as a PDF under `key`: its URL.
async fn presign_pdf_put(files: &Files, key: &str, body: &[u8], ttl: Duration) -> String {
    files
        .presign_put(
            key,
            "application/pdf",
            body.len() as u64,
            &sha256_base64(body),
            ttl,
        )
        .await
        .expect("presign put")
        .url
}

#[tokio::test]
async fn a_presigned_put_accepts_only_the_declared_type_and_size() {
    let s3 = SigningS3::start().await;
    let files = s3.documents_bucket().await;
    let body = b"%PDF-1.7 9";
    let url = presign_pdf_put(
        &files,
        "matters/m/uploads/u1",
        body,
        Duration::from_secs(900),
    )
    .await;

    assert_eq!(
        put(&url, "image/png", body).await,
        403,
        "another content type"
    );
    assert_eq!(
        put_declared(&url, "application/pdf", body, b"%PDF-1.7 9 plus more").await,
        403,
        "another size"
    );
    let without_condition = reqwest::Client::new()
        .put(&url)
        .header("content-type", "application/pdf")
        .header("x-amz-checksum-sha256", sha256_base64(body))
        .body(body.to_vec());
    assert_eq!(
        status_of(without_condition).await,
        403,
        "If-None-Match is signed: a PUT that could overwrite is refused"
    );
    assert_eq!(
        put(&url, "application/pdf", body).await,
        200,
        "exactly as declared"
    );
    assert_eq!(
        files
            .head("matters/m/uploads/u1")
            .await
            .expect("head")
            .map(|f| f.size),
        Some(body.len() as u64)
    );
}

#[tokio::test]
async fn a_presigned_put_refuses_bytes_unlike_its_signed_checksum() {
    let s3 = SigningS3::start().await;
    let files = s3.documents_bucket().await;
    let body = b"%PDF-1.7 9";
    let url = presign_pdf_put(
        &files,
        "matters/m/uploads/u2",
        body,
        Duration::from_secs(900),
    )
    .await;
    assert!(
        url.contains("x-amz-checksum-sha256"),
        "the checksum is a signed header: {url}"
    );
    let other_bytes = b"%PDF-1.7 8";
    let answer = put_request(&url, "application/pdf", body, other_bytes)
        .send()
        .await
        .expect("PUT");
    let status = answer.status().as_u16();
    let text = answer.text().await.unwrap_or_default();
    assert_eq!(
        (status, text.contains("BadDigest")),
        (400, true),
        "same size and type, other bytes: {text}"
    );
    assert_eq!(
        put_declared(&url, "application/pdf", other_bytes, other_bytes).await,
        403,
        "a checksum other than the signed one breaks the signature"
    );
    let unsigned = reqwest::Client::new()
        .put(&url)
        .header("if-none-match", "*")
        .header("content-type", "application/pdf")
        .body(body.to_vec());
    assert_eq!(
        status_of(unsigned).await,
        403,
        "a PUT without the checksum is refused"
    );
}

#[tokio::test]
async fn presigned_urls_expire_and_cannot_be_altered() {
    let s3 = SigningS3::start().await;
    let files = s3.documents_bucket().await;
    let body = b"%PDF-1.7 x";
    let put_url = presign_pdf_put(
        &files,
        "matters/m/documents/d1",
        body,
        Duration::from_secs(1),
    )
    .await;
    let get_url = files
        .presign_get(
            "matters/m/documents/d1",
            "inline; filename=\"a.pdf\"",
            "application/pdf",
            Duration::from_secs(300),
        )
        .await
        .expect("presign get");
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(put(&put_url, "application/pdf", body).await, 403, "expired");

    let fresh = presign_pdf_put(
        &files,
        "matters/m/documents/d1",
        body,
        Duration::from_secs(60),
    )
    .await;
    assert_eq!(put(&fresh, "application/pdf", body).await, 200);
    assert_eq!(get(&get_url).await, 200);
    let tampered = get_url.replace("a.pdf", "b.pdf");
    assert_eq!(get(&tampered).await, 403, "altered disposition");
    let other_object = get_url.replace("documents/d1", "documents/d2");
    assert_eq!(get(&other_object).await, 403, "another key");
}
