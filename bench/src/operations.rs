//! The "Operations" table: the main operations run in process through the real handlers, with
//! SDK clients whose every call is counted (`integration_tests::observe`), on the small and the big matter.

use crate::budgets::{Measured, Records};
use crate::seeding::{seed_matter, Scenario};
use crate::{ms, us, BoxError};
use integration_tests::observe::{instrumented_app, summary, CallCounter, SharedInterceptor};
use integration_tests::Stack;
use lambda_http::{Body, Request};
use serde_json::{json, Value};
use shared::routes::dispatch;
use shared::App;
use std::future::Future;
use std::time::{Duration, Instant};

/// Prints the "Operations" table: every operation on `small`, then on a matter of
/// `big_documents` documents seeded here, then the presign timing.
pub async fn run(
    stack: &Stack,
    small: &Scenario,
    big_documents: usize,
) -> Result<Measured, BoxError> {
    let counted = Counted::new(stack).await;
    println!("## Operations (in process, real SDK clients against the emulator)\n");
    println!("| operation | matter | AWS calls | latency | result |");
    println!("|---|---|---|---|---|");
    let small_calls = on_matter(&counted, stack, small).await?;
    let big = seed_matter(stack, "big", big_documents).await?;
    let big_calls = on_matter(&counted, stack, &big).await?;
    let presign = presign_timing(&counted.app).await?;
    Ok(Measured {
        small: small_calls,
        big: big_calls,
        presign,
    })
}

/// An App whose every SDK client counts its calls, and the counter.
struct Counted {
    app: App,
    counter: CallCounter,
}

impl Counted {
    async fn new(stack: &Stack) -> Self {
        let counter = CallCounter::default();
        let sdk = integration_tests::sdk_config(&integration_tests::endpoint()).await;
        let interceptor = SharedInterceptor::new(counter.clone());
        let app = instrumented_app(stack.app.config.clone(), &sdk, &[interceptor]);
        Self { app, counter }
    }

    /// Runs `op` once, notes its DynamoDB calls in `records` and prints a row: its AWS calls,
    /// wall time and the result `op` describes (may be empty).
    async fn measure<F, Fut>(
        &self,
        records: &mut Records,
        name: &str,
        matter: &str,
        op: F,
    ) -> Result<(), BoxError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<String, BoxError>>,
    {
        self.counter.take();
        let started = Instant::now();
        let result = op().await?;
        let elapsed = started.elapsed();
        let calls = self.counter.take();
        records.note(name, &calls);
        let result = if result.is_empty() {
            " ".to_string()
        } else {
            format!(" {result} ")
        };
        println!(
            "| {name} | {matter} | {} | {:.1} ms |{result}|",
            summary(&calls),
            ms(elapsed)
        );
        Ok(())
    }
}

/// Every list, first page and full walk, a download link and a share, on one matter.
async fn on_matter(counted: &Counted, stack: &Stack, s: &Scenario) -> Result<Records, BoxError> {
    let app = &counted.app;
    let mut records = Records::default();
    let session = s.session.as_str();
    let staff = stack.staff_token();
    let sharing = s.sharing_path();
    let one_contact = format!("{sharing}?contactId={}", s.contact);
    // "999.pdf" matches one document name in a thousand.
    let lists: [(&str, String, &str); 7] = [
        (
            "portal list, newest first",
            "/portal/documents".into(),
            session,
        ),
        (
            "portal list, by name",
            "/portal/documents?sort=name".into(),
            session,
        ),
        (
            "portal list, searched (1 in 1,000)",
            "/portal/documents?q=999.pdf".into(),
            session,
        ),
        (
            "Sharing section, whole matter, newest first",
            sharing.clone(),
            staff,
        ),
        (
            "Sharing section, whole matter, by name",
            format!("{sharing}?sort=name"),
            staff,
        ),
        (
            "Sharing section, one contact, by created",
            format!("{one_contact}&sort=created"),
            staff,
        ),
        (
            "Sharing section, one contact, searched (1 in 1,000)",
            format!("{one_contact}&q=999.pdf"),
            staff,
        ),
    ];
    for (name, path, bearer) in &lists {
        for (label, limit, max_pages) in [
            ("first page of 50", 50, 1),
            ("full walk, pages of 200", 200, usize::MAX),
        ] {
            let operation = format!("{name}, {label}");
            counted
                .measure(&mut records, &operation, &s.label, || async {
                    let (items, pages) = walk(app, path, bearer, limit, max_pages).await;
                    Ok(format!("{items} items in {pages} pages"))
                })
                .await?;
        }
    }
    let link = format!(
        "/portal/documents/{}/links",
        s.documents[s.documents.len() / 2]
    );
    counted
        .measure(&mut records, "download link", &s.label, || async {
            let r = dispatch::presign_download(
                app,
                request(
                    "POST",
                    &link,
                    session,
                    Some(json!({"disposition": "download"})),
                ),
            )
            .await;
            assert_eq!(r.status(), 200, "{:?}", json_body(&r));
            Ok(String::new())
        })
        .await?;
    // Ten documents the other contacts do not have yet, to five of them.
    let documents: Vec<&String> = s.documents.iter().skip(10).take(10).collect();
    let contacts: Vec<&String> = s.others.iter().take(5).collect();
    counted
        .measure(
            &mut records,
            "share 10 documents with 5 contacts",
            &s.label,
            || async {
                let r = dispatch::share_documents(
                    app,
                    request(
                        "POST",
                        &sharing,
                        staff,
                        Some(json!({"documentIds": documents, "contactIds": contacts})),
                    ),
                )
                .await;
                let body = json_body(&r);
                assert_eq!(body["created"], 50, "{body}");
                Ok(String::new())
            },
        )
        .await?;
    Ok(records)
}

/// A request as API Gateway hands it to a function, with the caller's bearer.
pub fn request(method: &str, uri: &str, bearer: &str, body: Option<Value>) -> Request {
    lambda_http::http::Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", format!("Bearer {bearer}"))
        .body(body.map_or(Body::Empty, |b| Body::from(b.to_string())))
        .expect("request")
}

fn json_body(response: &lambda_http::Response<Body>) -> Value {
    serde_json::from_slice(response.body().as_ref()).unwrap_or(Value::Null)
}

/// Follows `nextCursor` for at most `max_pages` pages of `limit`; returns the items seen and
/// the pages read.
async fn walk(
    app: &App,
    path: &str,
    bearer: &str,
    limit: usize,
    max_pages: usize,
) -> (usize, usize) {
    let (mut items, mut pages, mut cursor) = (0, 0, None::<String>);
    while pages < max_pages {
        let joiner = if path.contains('?') { '&' } else { '?' };
        let uri = match &cursor {
            Some(c) => format!("{path}{joiner}limit={limit}&cursor={c}"),
            None => format!("{path}{joiner}limit={limit}"),
        };
        let page = json_body(&dispatch::list_shares(app, request("GET", &uri, bearer, None)).await);
        pages += 1;
        items += page["items"].as_array().map_or(0, Vec::len);
        match page["nextCursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    (items, pages)
}

/// Mean time of one GET presign (no call: it is signed locally), printed as a row.
async fn presign_timing(app: &App) -> Result<Duration, BoxError> {
    let rounds = 1000;
    let started = Instant::now();
    for i in 0..rounds {
        app.files
            .presign_get(
                &format!("matters/m/documents/d{i}"),
                "attachment; filename=\"a.pdf\"",
                "application/pdf",
                Duration::from_secs(300),
            )
            .await?;
    }
    let each = started.elapsed() / rounds;
    println!(
        "| presign a GET URL (mean of {rounds}, no network) | — | 0 | {:.1} µs | |",
        us(each)
    );
    Ok(each)
}
