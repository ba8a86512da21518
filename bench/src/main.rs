//! `make bench`: for every function, init time, first and warm latency, peak memory, binary
//! size, each as a ratio to a hello-world lambda_http function under the same harness; then
//! the AWS calls and latency of the main operations on a 10-document and a 10,000-document
//! matter. Figures are printed as Markdown; nothing here asserts a time.

mod counting;
mod runtime_api;

use aws_sdk_dynamodb::types::AttributeValue;
use counting::{summary, CallCounter};
use integration_tests::{Stack, LOCAL_SECRET};
use lambda_http::{Body, Request};
use serde_json::{json, Value};
use shared::model::{DocumentRecord, DocumentStatus, Origin, Person};
use shared::service::listing::MAX_READS_PER_PAGE;
use shared::service::sharing::share_record;
use shared::{keys, App};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const WARM_INVOCATIONS: usize = 200;
const BIG_MATTER_DOCUMENTS: usize = 10_000;

/// `BENCH_DOCUMENTS` makes the big matter smaller for a quick try of the bench itself.
fn big_matter_documents() -> usize {
    std::env::var("BENCH_DOCUMENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|n| *n > 20)
        .unwrap_or(BIG_MATTER_DOCUMENTS)
}
const CONTACTS: usize = 50;
/// Each binary is started this many times, in turns with the others so that drift in the
/// machine touches them all alike; tables show medians.
const STARTS: usize = 5;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let stack = Stack::new().await;
    let counter = CallCounter::default();
    let counted = counted_app(&stack, &counter).await;
    println!("# Benchmark\n");
    println!("machine: {}\n", machine());

    // `portal-bench processes` skips the operations (the 10,000-document matter takes minutes).
    let processes_only = std::env::args().nth(1).as_deref() == Some("processes");
    // Twenty documents: ten shared with everyone, ten left for the share measurement.
    let small = seed_matter(&stack, "small", 20).await?;
    if !processes_only {
        println!("## Operations (in process, real SDK clients against the emulator)\n");
        println!("| operation | matter | AWS calls | latency | result |");
        println!("|---|---|---|---|---|");
        let small_calls = operations(&counted, &counter, &stack, &small).await?;
        let big = seed_matter(&stack, "big", big_matter_documents()).await?;
        let big_calls = operations(&counted, &counter, &stack, &big).await?;
        let presign = presign_timing(&counted).await?;
        check_budgets(&small_calls, &big_calls, presign)?;
    }

    println!("\n## Functions (release binaries through a local Lambda Runtime API)\n");
    // The small matter: these figures are about each function, not the emulator's scans.
    processes(&stack, &small).await?;
    slimming(&stack, &small).await?;
    Ok(())
}

/// An App whose every SDK client counts its calls.
async fn counted_app(stack: &Stack, counter: &CallCounter) -> App {
    let sdk = integration_tests::sdk_config(&integration_tests::endpoint()).await;
    let dynamodb = aws_sdk_dynamodb::Client::from_conf(
        aws_sdk_dynamodb::config::Builder::from(&sdk)
            .interceptor(counter.clone())
            .build(),
    );
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&sdk)
            .force_path_style(true)
            .interceptor(counter.clone())
            .build(),
    );
    let ses = aws_sdk_sesv2::Client::from_conf(
        aws_sdk_sesv2::config::Builder::from(&sdk)
            .interceptor(counter.clone())
            .build(),
    );
    let config = stack.app.config.clone();
    App {
        table: shared::store::Table::with_client(dynamodb, &config.table_name),
        files: shared::files::Files::with_client(s3, &config.bucket_name),
        mailer: shared::email::Mailer::with_client(ses, &config.sender_email),
        config,
    }
}

struct Scenario {
    label: String,
    matter: String,
    documents: Vec<String>,
    /// Every document is shared with this contact.
    contact: String,
    session: String,
    others: Vec<String>,
}

/// A matter with `documents` available documents, 50 contacts, every document shared with the
/// first contact and ten with each of the others. Written in bulk: the bench measures reads.
async fn seed_matter(stack: &Stack, label: &str, documents: usize) -> Result<Scenario, BoxError> {
    let matter = stack.id(label);
    stack.save_matter(&matter).await;
    let mut contacts = Vec::new();
    for i in 0..CONTACTS {
        let contact = stack.id(&format!("{label}-c{i}"));
        stack
            .grant(
                &matter,
                &contact,
                &stack.email(&format!("{label}-c{i}")),
                true,
            )
            .await;
        contacts.push(contact);
    }
    let author = Person {
        id: "staff-1".into(),
        email: "ann.lawyer@firm.example".into(),
        name: "Ann Lawyer".into(),
    };
    let mut items = Vec::new();
    let mut ids = Vec::new();
    let mut counts = vec![0i64; CONTACTS];
    for n in 0..documents {
        let id = format!("{label}{n:05}x{}", stack.run);
        let at = shared::clock::stamp(shared::clock::now());
        let document = DocumentRecord {
            pk: keys::document(&id),
            sk: keys::DOCUMENT.into(),
            gsi2pk: keys::matter(&matter),
            gsi2sk: keys::document_in_matter(&at, &id),
            document_id: id.clone(),
            matter_id: matter.clone(),
            file_name: format!("Document {n:05}.pdf"),
            content_type: "application/pdf".into(),
            size: 1024,
            status: DocumentStatus::Available,
            origin: Origin::Firm,
            author: author.clone(),
            uploaded_by: None,
            object_key: keys::object_key(&matter, &id),
            created_at: at.clone(),
            activity_at: at.clone(),
            rejection_reason: None,
        };
        items.push(serde_dynamo::to_item(&document)?);
        for (c, contact) in contacts.iter().enumerate() {
            if c == 0 || n < 10 {
                let share = share_record(
                    &document,
                    contact,
                    &format!("Client {contact}"),
                    "staff-1",
                    &at,
                );
                items.push(serde_dynamo::to_item(&share)?);
                counts[c] += 1;
            }
        }
        ids.push(id);
    }
    write_all(stack, items).await?;
    for (c, contact) in contacts.iter().enumerate() {
        let change = shared::store::Change::new()
            .set(keys::attr::SHARED_COUNT, counts[c])
            .set(keys::attr::STATUS, shared::model::AccessStatus::Active);
        stack
            .app
            .table
            .update(&keys::access_key(&matter, contact), change)
            .await?;
    }
    let session = stack.sign_in(&stack.email(&format!("{label}-c0"))).await;
    Ok(Scenario {
        label: format!("{documents} documents"),
        matter,
        documents: ids,
        contact: contacts[0].clone(),
        session,
        others: contacts[1..].to_vec(),
    })
}

/// Bulk writes with the bench's own client: the service itself never writes in bulk.
async fn write_all(
    stack: &Stack,
    items: Vec<HashMap<String, AttributeValue>>,
) -> Result<(), BoxError> {
    use aws_sdk_dynamodb::types::{PutRequest, WriteRequest};
    let client = aws_sdk_dynamodb::Client::new(&stack.sdk);
    let table = &stack.app.config.table_name;
    for chunk in items.chunks(25) {
        let mut pending: Vec<WriteRequest> = chunk
            .iter()
            .map(|item| {
                WriteRequest::builder()
                    .put_request(
                        PutRequest::builder()
                            .set_item(Some(item.clone()))
                            .build()
                            .expect("put"),
                    )
                    .build()
            })
            .collect();
        while !pending.is_empty() {
            let out = client
                .batch_write_item()
                .request_items(table, pending)
                .send()
                .await?;
            pending = out
                .unprocessed_items
                .and_then(|mut u| u.remove(table))
                .unwrap_or_default();
        }
    }
    Ok(())
}

fn request(method: &str, uri: &str, bearer: &str, body: Option<Value>) -> Request {
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

/// Runs `op` once, printing its AWS calls and wall time.
async fn measure<F, Fut>(
    counter: &CallCounter,
    records: &mut Records,
    name: &str,
    matter: &str,
    op: F,
) -> Result<Value, BoxError>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<Value, BoxError>>,
{
    counter.take();
    let started = Instant::now();
    let value = op().await?;
    let elapsed = started.elapsed();
    let calls = counter.take();
    records.note(name, &calls);
    println!(
        "| {name} | {matter} | {} | {:.1} ms | |",
        summary(&calls),
        ms(elapsed)
    );
    Ok(value)
}

/// DynamoDB calls per operation, as measured on one matter.
#[derive(Default)]
struct Records(BTreeMap<String, u64>);

impl Records {
    fn note(&mut self, operation: &str, calls: &BTreeMap<String, u64>) {
        let dynamodb = calls
            .iter()
            .filter(|(op, _)| op.starts_with("DynamoDB."))
            .map(|(_, n)| n)
            .sum();
        self.0.insert(operation.to_string(), dynamodb);
    }
}

/// The budgets the README promises: DynamoDB calls per operation, whatever the matter holds.
/// Prints each against both matters and fails the bench when one is missed.
fn check_budgets(small: &Records, big: &Records, presign: Duration) -> Result<(), BoxError> {
    let searched = 2 + MAX_READS_PER_PAGE as u64;
    let budgets = [
        ("portal list, newest first, first page of 50", 3),
        ("portal list, by name, first page of 50", 3),
        (
            "portal list, searched (1 in 1,000), first page of 50",
            searched,
        ),
        (
            "Sharing section, whole matter, newest first, first page of 50",
            2,
        ),
        (
            "Sharing section, whole matter, by name, first page of 50",
            2,
        ),
        (
            "Sharing section, one contact, by created, first page of 50",
            2,
        ),
        (
            "Sharing section, one contact, searched (1 in 1,000), first page of 50",
            searched - 1,
        ),
        ("download link", 5),
        // Matter, documents, contacts; then per contact its existing shares and one transaction.
        ("share 10 documents with 5 contacts", 3 + 2 * 5),
    ];
    println!("\n## Budgets (DynamoDB calls, from the counts above)\n");
    println!("| operation | budget | small matter | big matter | met |");
    println!("|---|---|---|---|---|");
    let mut missed = 0;
    for (operation, budget) in budgets {
        let (a, b) = (small.0.get(operation), big.0.get(operation));
        let met = matches!((a, b), (Some(a), Some(b)) if *a <= budget && *b <= budget);
        missed += usize::from(!met);
        let shown = |n: Option<&u64>| n.map_or("not measured".to_string(), u64::to_string);
        println!(
            "| {operation} | ≤ {budget} | {} | {} | {} |",
            shown(a),
            shown(b),
            if met { "yes" } else { "NO" }
        );
    }
    let presign_met = presign < Duration::from_millis(1);
    missed += usize::from(!presign_met);
    println!(
        "| presign a GET URL | < 1 ms, no call | {:.1} µs | — | {} |",
        presign.as_secs_f64() * 1e6,
        if presign_met { "yes" } else { "NO" }
    );
    if missed > 0 {
        return Err(format!("{missed} budget(s) missed").into());
    }
    Ok(())
}

async fn operations(
    app: &App,
    counter: &CallCounter,
    stack: &Stack,
    s: &Scenario,
) -> Result<Records, BoxError> {
    let mut records = Records::default();
    let session = s.session.as_str();
    let staff = stack.staff_token();
    let sharing = format!("/matters/{}/shares", s.matter);
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
            counter.take();
            let started = Instant::now();
            let (items, pages) = walk(app, path, bearer, limit, max_pages).await;
            let elapsed = started.elapsed();
            let calls = counter.take();
            records.note(&format!("{name}, {label}"), &calls);
            println!(
                "| {name}, {label} | {} | {} | {:.1} ms | {items} items in {pages} pages |",
                s.label,
                summary(&calls),
                ms(elapsed)
            );
        }
    }
    let link = format!(
        "/portal/documents/{}/links",
        s.documents[s.documents.len() / 2]
    );
    measure(counter, &mut records, "download link", &s.label, || async {
        let r = presign_download::handle(
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
        Ok(Value::Null)
    })
    .await?;
    // Ten documents the other contacts do not have yet, to five of them.
    let documents: Vec<&String> = s.documents.iter().skip(10).take(10).collect();
    let contacts: Vec<&String> = s.others.iter().take(5).collect();
    let shares = format!("/matters/{}/shares", s.matter);
    measure(
        counter,
        &mut records,
        "share 10 documents with 5 contacts",
        &s.label,
        || async {
            let r = share_documents::handle(
                app,
                request(
                    "POST",
                    &shares,
                    staff,
                    Some(json!({"documentIds": documents, "contactIds": contacts})),
                ),
            )
            .await;
            let body = json_body(&r);
            assert_eq!(body["created"], 50, "{body}");
            Ok(body)
        },
    )
    .await?;
    Ok(records)
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
        let page = json_body(&list_shares::handle(app, request("GET", &uri, bearer, None)).await);
        pages += 1;
        items += page["items"].as_array().map_or(0, Vec::len);
        match page["nextCursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    (items, pages)
}

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
        each.as_secs_f64() * 1e6
    );
    Ok(each)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines().next().map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<u64>()
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0);
    format!(
        "{cpu}, {cores} cores, {:.0} GiB, {}",
        memory as f64 / 1048576.0,
        std::env::consts::ARCH
    )
}

/// An API Gateway v2 event, as the HttpApi sends it.
fn api_event(method: &str, path: &str, query: &str, bearer: &str, body: Option<Value>) -> String {
    json!({
        "version": "2.0", "routeKey": "$default", "rawPath": path, "rawQueryString": query,
        "headers": {"authorization": format!("Bearer {bearer}"), "content-type": "application/json"},
        "requestContext": {
            "accountId": "123456789012", "apiId": "bench", "domainName": "bench.local", "domainPrefix": "bench",
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": "bench"},
            "requestId": "bench", "routeKey": "$default", "stage": "$default",
            "time": "22/Nov/2026:10:00:00 +0000", "timeEpoch": 0
        },
        "body": body.map(|b| b.to_string()), "isBase64Encoded": false
    })
    .to_string()
}

struct ProcessFigures {
    init: Duration,
    first: Duration,
    p50: Duration,
    p99: Duration,
    peak_kib: u64,
    size: u64,
    status: String,
}

async fn processes(stack: &Stack, s: &Scenario) -> Result<(), BoxError> {
    let bin_dir = bin_dir();
    let staff = stack.staff_token().to_string();
    let session = s.session.clone();
    let document = s.documents[0].clone();
    let attach = json!({"Records": [{"eventName": "ObjectCreated:Put", "s3": {"object": {"key": keys::object_key(&s.matter, &document)}}}]}).to_string();
    let runs: Vec<(&str, String)> = vec![
        ("hello-floor", api_event("GET", "/hello", "", &staff, None)),
        (
            "grant-access",
            api_event("GET", &format!("/matters/{}", s.matter), "", &staff, None),
        ),
        (
            "list-shares",
            api_event("GET", "/portal/documents", "", &session, None),
        ),
        (
            "presign-download",
            api_event(
                "POST",
                &format!("/portal/documents/{document}/links"),
                "",
                &session,
                Some(json!({"disposition": "view"})),
            ),
        ),
        (
            "share-documents",
            api_event(
                "POST",
                &format!("/matters/{}/shares", s.matter),
                "",
                &staff,
                Some(json!({"documentIds": s.documents[..10].to_vec(), "contactIds": [s.contact]})),
            ),
        ),
        (
            "presign-upload",
            api_event(
                "POST",
                &format!("/matters/{}/documents", s.matter),
                "",
                &staff,
                Some(json!({"fileName": "a.pdf", "contentType": "application/pdf", "size": 1000})),
            ),
        ),
        (
            "stop-share",
            api_event(
                "DELETE",
                &format!("/matters/{}/shares/{document}/nobody", s.matter),
                "",
                &staff,
                None,
            ),
        ),
        ("attach-upload", attach),
    ];
    let env = function_env(stack);
    let jobs: Vec<Job> = runs
        .iter()
        .map(|(name, event)| Job {
            binary: bin_dir.join(name),
            name,
            env: env.clone(),
            event: event.clone(),
        })
        .collect();
    let figures: Vec<(&str, ProcessFigures)> = runs
        .iter()
        .map(|(name, _)| *name)
        .zip(in_rounds(&jobs).await?)
        .collect();
    let floor = &figures[0].1;
    println!("| function | init | first invoke | warm p50 | warm p99 | peak RSS | stripped size | status |");
    println!("|---|---|---|---|---|---|---|---|");
    for (name, f) in &figures {
        let ratio = |a: f64, b: f64| {
            if b > 0.0 {
                format!(" ({:.1}×)", a / b)
            } else {
                String::new()
            }
        };
        println!(
            "| {name} | {:.1} ms{} | {:.2} ms{} | {:.2} ms{} | {:.2} ms{} | {:.1} MiB{} | {:.1} MiB{} | {} |",
            ms(f.init), ratio(ms(f.init), ms(floor.init)),
            ms(f.first), ratio(ms(f.first), ms(floor.first)),
            ms(f.p50), ratio(ms(f.p50), ms(floor.p50)),
            ms(f.p99), ratio(ms(f.p99), ms(floor.p99)),
            f.peak_kib as f64 / 1024.0, ratio(f.peak_kib as f64, floor.peak_kib as f64),
            f.size as f64 / 1048576.0, ratio(f.size as f64, floor.size as f64),
            f.status,
        );
    }
    println!("\n(each binary started {STARTS} times, in turns, medians shown; {WARM_INVOCATIONS} warm invocations after the first of each start; latency is from handing the event to the runtime client until its response arrives; ratios are to hello-floor)");
    Ok(())
}

/// What the template gives each function, pointed at the emulator.
fn function_env(stack: &Stack) -> Vec<(&'static str, String)> {
    let config = &stack.app.config;
    vec![
        ("TABLE_NAME", config.table_name.clone()),
        ("BUCKET_NAME", config.bucket_name.clone()),
        ("SENDER_EMAIL", config.sender_email.clone()),
        ("FIRM_NAME", config.firm_name.clone()),
        ("PORTAL_URL", config.portal_url.clone()),
        ("PORTAL_LOCAL_JWT_SECRET", LOCAL_SECRET.to_string()),
        ("AWS_ENDPOINT_URL", integration_tests::endpoint()),
        ("AWS_ACCESS_KEY_ID", "test".into()),
        ("AWS_SECRET_ACCESS_KEY", "test".into()),
        ("AWS_REGION", "us-east-1".into()),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128".into()),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".into()),
        ("AWS_LAMBDA_LOG_GROUP_NAME", "bench".into()),
        ("AWS_LAMBDA_LOG_STREAM_NAME", "bench".into()),
        ("RUST_LOG", "warn".into()),
    ]
}

/// Each slimming change, before and after, on presign-download (DynamoDB reads, an S3
/// presign), each build started `STARTS` times in turns, medians shown.
async fn slimming(stack: &Stack, s: &Scenario) -> Result<(), BoxError> {
    let Ok(variants) = std::env::var("BENCH_VARIANT_DIR").map(PathBuf::from) else {
        println!("\n(slimming variants not built: run `make bench`)");
        return Ok(());
    };
    let release = bin_dir().join("presign-download");
    let event = api_event(
        "POST",
        &format!("/portal/documents/{}/links", s.documents[0]),
        "",
        &s.session,
        Some(json!({"disposition": "view"})),
    );
    let no_warm_up = Some(("WARM_UP_AT_INIT", "false"));
    let builds = [
        ("hello-floor, for reference", bin_dir().join("hello-floor"), None),
        (
            "A: Cargo's release defaults (no LTO, 16 codegen units, not stripped), slim SDK features, no warm-up",
            variants.join("presign-download-cargo-defaults"),
            no_warm_up,
        ),
        (
            "B: A, stripped",
            variants.join("presign-download-cargo-defaults-stripped"),
            no_warm_up,
        ),
        (
            "C: this profile (thin LTO, 1 codegen unit, strip), SDK default features, no warm-up",
            variants.join("presign-download-sdk-defaults"),
            no_warm_up,
        ),
        (
            "D: this profile, slim SDK features, no warm-up",
            release.clone(),
            no_warm_up,
        ),
        ("E: D with warm-up at init: as built and deployed", release, None),
    ];
    let jobs: Vec<Job> = builds
        .iter()
        .map(|(_, binary, setting)| {
            let mut env = function_env(stack);
            if let Some((name, value)) = setting {
                env.push((name, value.to_string()));
            }
            Job {
                binary: binary.clone(),
                name: "presign-download",
                env,
                event: event.clone(),
            }
        })
        .collect();
    let figures = in_rounds(&jobs).await?;
    println!(
        "\n## Slimming, before and after (presign-download, median of {STARTS} starts in turns)\n"
    );
    println!("| build | init | first invoke | warm p50 | peak RSS | size |");
    println!("|---|---|---|---|---|---|");
    for ((label, _, _), f) in builds.iter().zip(figures) {
        println!(
            "| {label} | {:.1} ms | {:.2} ms | {:.2} ms | {:.1} MiB | {:.1} MiB |",
            ms(f.init),
            ms(f.first),
            ms(f.p50),
            f.peak_kib as f64 / 1024.0,
            f.size as f64 / 1048576.0,
        );
    }
    Ok(())
}

/// One binary to start, with its environment and the event it is given.
struct Job<'a> {
    binary: PathBuf,
    name: &'a str,
    env: Vec<(&'static str, String)>,
    event: String,
}

/// Starts every job `STARTS` times, one after another in turns, and keeps each job's medians.
async fn in_rounds(jobs: &[Job<'_>]) -> Result<Vec<ProcessFigures>, BoxError> {
    let mut runs: Vec<Vec<ProcessFigures>> = jobs.iter().map(|_| Vec::new()).collect();
    for _ in 0..STARTS {
        for (job, runs) in jobs.iter().zip(runs.iter_mut()) {
            runs.push(run_process(&job.binary, job.name, &job.env, &job.event).await?);
        }
    }
    Ok(runs.into_iter().map(medians).collect())
}

fn medians(mut runs: Vec<ProcessFigures>) -> ProcessFigures {
    fn middle<T: Copy + Ord>(runs: &[ProcessFigures], f: impl Fn(&ProcessFigures) -> T) -> T {
        let mut values: Vec<T> = runs.iter().map(f).collect();
        values.sort();
        values[values.len() / 2]
    }
    ProcessFigures {
        init: middle(&runs, |f| f.init),
        first: middle(&runs, |f| f.first),
        p50: middle(&runs, |f| f.p50),
        p99: middle(&runs, |f| f.p99),
        peak_kib: middle(&runs, |f| f.peak_kib),
        size: runs[0].size,
        status: std::mem::take(&mut runs[0].status),
    }
}

fn bin_dir() -> PathBuf {
    PathBuf::from(std::env::var("BENCH_BIN_DIR").unwrap_or_else(|_| "target/release".into()))
}

async fn run_process(
    binary: &PathBuf,
    name: &str,
    env: &[(&str, String)],
    event: &str,
) -> Result<ProcessFigures, BoxError> {
    let size = std::fs::metadata(binary)
        .map_err(|e| {
            format!(
                "{}: {e} (run `make bench`, which builds release binaries)",
                binary.display()
            )
        })?
        .len();
    let mut api = runtime_api::RuntimeApi::start().await?;
    let started = Instant::now();
    let mut child = tokio::process::Command::new(binary)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("AWS_LAMBDA_RUNTIME_API", &api.address)
        .env("AWS_LAMBDA_FUNCTION_NAME", name)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let polled = api
        .first_poll()
        .await
        .ok_or("the function never asked for an event")?;
    let init = polled - started;
    let mut latencies = Vec::with_capacity(WARM_INVOCATIONS + 1);
    let mut statuses = std::collections::BTreeMap::<String, usize>::new();
    for _ in 0..=WARM_INVOCATIONS {
        let sent = Instant::now();
        let answer = api.invoke(event.to_string()).await.ok_or("no answer")?;
        latencies.push(answer.at - sent);
        let status = if answer.error {
            "error".to_string()
        } else {
            serde_json::from_str::<Value>(&answer.body)
                .ok()
                .and_then(|v| v.get("statusCode").map(|s| s.to_string()))
                .unwrap_or_else(|| "ok".into())
        };
        *statuses.entry(status).or_default() += 1;
    }
    let peak_kib = child
        .id()
        .and_then(|pid| std::fs::read_to_string(format!("/proc/{pid}/status")).ok())
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0);
    child.kill().await?;
    let first = latencies[0];
    let mut warm: Vec<Duration> = latencies[1..].to_vec();
    warm.sort();
    let at = |p: usize| warm[(warm.len() * p / 100).min(warm.len() - 1)];
    Ok(ProcessFigures {
        init,
        first,
        p50: at(50),
        p99: at(99),
        peak_kib,
        size,
        status: statuses
            .iter()
            .map(|(s, n)| format!("{s}×{n}"))
            .collect::<Vec<_>>()
            .join(" "),
    })
}
