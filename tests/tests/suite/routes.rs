//! Every copy of the route table agrees with `shared::routes::ROUTES`: the HttpApi events of
//! infra/template.yaml (written by hand, checked here), the generated `cargo lambda watch`
//! router and README table (current), and each function's dispatch (it answers its own
//! routes and only those). No emulator: the handlers refuse these requests (no credentials,
//! no body) before any AWS call, and the test proves that no connection is ever made.

use aws_config::{BehaviorVersion, SdkConfig};
use aws_sdk_dynamodb::config::{Credentials, Region};
use lambda_http::{Body, Request, Response};
use serde_json::Value;
use shared::routes::{dispatch, http_functions, Auth, Route, ROUTES};
use shared::{App, Config};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

/// Sends `req` to the entry point of `function`, as API Gateway would.
async fn handle(function: &str, app: &App, req: Request) -> Response<Body> {
    dispatch::by_function(function, app, req)
        .await
        .unwrap_or_else(|| panic!("no HTTP function {function}"))
}

fn repo_file(path: &str) -> String {
    let full = format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

type RouteKey = (String, String, String);

fn route_table() -> BTreeSet<RouteKey> {
    ROUTES
        .iter()
        .map(|r| (r.method.into(), r.path.into(), r.function.into()))
        .collect()
}

/// One HttpApi event of the template.
#[derive(Debug)]
struct TemplateEvent {
    method: String,
    path: String,
    function: String,
    /// `Auth: { Authorizer: NONE }`: the staff JWT authorizer does not run.
    no_authorizer: bool,
}

/// The value after `key` in a one-line YAML flow mapping: a double-quoted string, or plain
/// text up to the next ',' or '}'.
fn flow_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let start = line.find(key)? + key.len();
    let rest = line[start..].trim_start();
    if let Some(quoted) = rest.strip_prefix('"') {
        return quoted.split_once('"').map(|(value, _)| value);
    }
    let end = rest.find([',', '}']).unwrap_or(rest.len());
    Some(rest[..end].trim())
}

/// The HttpApi events of every `AWS::Serverless::Function`, each with the function's name
/// (its cargo-lambda `BuildProperties: Binary:`, which is the crate and contract name).
fn template_events(template: &str) -> Vec<TemplateEvent> {
    // Resources are the two-space-indented keys; a block runs to the next one.
    let mut blocks: Vec<(String, Vec<&str>)> = Vec::new();
    for line in template.lines() {
        let is_key = line.len() > 3
            && line.starts_with("  ")
            && !line.starts_with("   ")
            && line.trim_end().ends_with(':')
            && line[2..line.trim_end().len() - 1]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric());
        let top_level = !line.starts_with(' ') && !line.is_empty() && !line.starts_with('#');
        if is_key {
            blocks.push((line.trim().trim_end_matches(':').to_string(), Vec::new()));
        } else if top_level {
            blocks.push((String::new(), Vec::new()));
        } else if let Some((_, lines)) = blocks.last_mut() {
            lines.push(line);
        }
    }
    let mut events = Vec::new();
    for (resource, lines) in blocks {
        if !lines
            .iter()
            .any(|l| l.trim() == "Type: AWS::Serverless::Function")
        {
            continue;
        }
        let function = lines
            .iter()
            .find_map(|l| l.trim().strip_prefix("Binary: "))
            .unwrap_or_else(|| panic!("{resource} has no BuildProperties Binary"))
            .trim()
            .to_string();
        for line in lines.iter().filter(|l| l.contains("Type: HttpApi")) {
            let method = flow_value(line, "Method:")
                .unwrap_or_else(|| panic!("{resource}: an HttpApi event not on one line: {line}"));
            let path = flow_value(line, "Path:")
                .unwrap_or_else(|| panic!("{resource}: an HttpApi event without Path: {line}"));
            let no_authorizer = match flow_value(line, "Auth: { Authorizer:") {
                None => false,
                Some("NONE") => true,
                Some(other) => panic!("{resource}: unexpected authorizer {other}"),
            };
            events.push(TemplateEvent {
                method: method.to_string(),
                path: path.to_string(),
                function: function.clone(),
                no_authorizer,
            });
        }
    }
    events
}

#[test]
fn the_template_serves_exactly_the_route_table() {
    let template = repo_file("infra/template.yaml");
    assert!(
        template.contains("DefaultAuthorizer: StaffJwt"),
        "routes without Auth must get the staff JWT authorizer"
    );
    let events = template_events(&template);
    // Every HttpApi event was read: none hides in a form the parser skipped.
    assert_eq!(events.len(), template.matches("Type: HttpApi").count());

    let declared: BTreeSet<RouteKey> = events
        .iter()
        .map(|e| (e.method.clone(), e.path.clone(), e.function.clone()))
        .collect();
    assert_eq!(declared.len(), events.len(), "a route is declared twice");
    assert_eq!(declared, route_table());

    for event in &events {
        let route = ROUTES
            .iter()
            .find(|r| r.method == event.method && r.path == event.path)
            .expect("declared route is in ROUTES");
        assert_eq!(
            event.no_authorizer,
            route.auth != Auth::Staff,
            "{} {}: Auth: {{ Authorizer: NONE }} belongs exactly on contact and public routes",
            event.method,
            event.path
        );
    }
}

#[test]
fn the_generated_router_and_readme_table_are_current() {
    let hint = "run `cargo run -p integration-tests --bin portal-local -- routes` to regenerate";
    assert!(
        repo_file("Cargo.toml").contains(&shared::routes::watch_router()),
        "the cargo lambda watch router in Cargo.toml is stale: {hint}"
    );
    assert!(
        repo_file("README.md").contains(&shared::routes::markdown_table()),
        "the README's route table is stale: {hint}"
    );
}

/// Settings for an `App` whose AWS endpoint is `endpoint`; staff tokens are accepted only
/// with a `local_secret`.
async fn offline_app(endpoint: &str, local_secret: Option<&str>) -> App {
    let sdk: SdkConfig = shared::aws::over_https(aws_config::defaults(BehaviorVersion::latest()))
        .endpoint_url(endpoint)
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("test", "test", None, None, "routes-test"))
        .load()
        .await;
    let mut settings: BTreeMap<&str, &str> = [
        ("TABLE_NAME", "routes-test"),
        ("BUCKET_NAME", "routes-test"),
        ("SENDER_EMAIL", "portal@firm.example"),
        ("PORTAL_URL", "https://portal.firm.example"),
    ]
    .into_iter()
    .collect();
    if let Some(secret) = local_secret {
        settings.insert("PORTAL_LOCAL_JWT_SECRET", secret);
    }
    let config = Config::from_lookup(|k| settings.get(k).map(|v| v.to_string())).expect("config");
    assert_eq!(config.local_jwt_secret.as_deref(), local_secret);
    App::new(config, &sdk)
}

/// The route's path with each parameter replaced by an id.
fn concrete(route: &Route) -> String {
    let mut path = route.path.to_string();
    for name in route.parameters() {
        path = path.replace(&format!("{{{name}}}"), &format!("{name}-1"));
    }
    path
}

/// A request as API Gateway would pass it on: no Authorization header, no body.
fn bare_request(method: &str, path: &str) -> Request {
    lambda_http::http::Request::builder()
        .method(method)
        .uri(path)
        .body(Body::Empty)
        .expect("request")
}

async fn answer(function: &str, app: &App, route: &Route) -> (u16, Value) {
    let req = bare_request(route.method, &concrete(route));
    let response = tokio::time::timeout(Duration::from_secs(20), handle(function, app, req))
        .await
        .unwrap_or_else(|_| {
            panic!(
                "{function} {} {}: no answer (did it call AWS?)",
                route.method, route.path
            )
        });
    let status = response.status().as_u16();
    let bytes: &[u8] = response.body().as_ref();
    let body = serde_json::from_slice(bytes).unwrap_or(Value::Null);
    (status, body)
}

fn is_no_such_route(status: u16, body: &Value) -> bool {
    status == 404 && body["error"]["message"] == "no such route"
}

#[tokio::test]
async fn each_function_answers_its_own_routes_and_no_others() {
    // A port we hold and never answer on: any AWS call would show up as a connection.
    let (listener, endpoint) = silent_port();
    let app = offline_app(&endpoint, None).await;

    let functions = http_functions();

    for route in ROUTES {
        let (status, body) = answer(route.function, &app, route).await;
        assert!(
            !is_no_such_route(status, &body),
            "{} does not serve {} {}",
            route.function,
            route.method,
            route.path
        );
        // Refused before any AWS call: staff and contact routes for the missing credential,
        // public routes for the missing body.
        let (want_status, want_code) = match route.auth {
            Auth::Staff | Auth::Contact => (401, "unauthorized"),
            Auth::Public => (400, "validation_failed"),
        };
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (want_status, Some(want_code)),
            "{} {}: {body}",
            route.method,
            route.path
        );

        for other in functions.iter().filter(|f| **f != route.function) {
            let (status, body) = answer(other, &app, route).await;
            assert!(
                is_no_such_route(status, &body),
                "{other} answers {} {} ({status} {body}), which is {}'s",
                route.method,
                route.path,
                route.function
            );
        }
    }

    match listener.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        Ok((_, peer)) => panic!("a handler called AWS (connection from {peer})"),
        Err(e) => panic!("listener: {e}"),
    }
}

/// A loopback port that is listened on and never answered: an SDK call to it shows up as a
/// pending connection.
fn silent_port() -> (std::net::TcpListener, String) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("loopback port");
    listener.set_nonblocking(true).expect("nonblocking");
    let endpoint = format!("http://{}", listener.local_addr().expect("address"));
    (listener, endpoint)
}

/// The check above is not vacuous: a request that does reach DynamoDB (a valid local staff
/// token on GET /matters/{matterId}) is seen as a connection on the silent port.
#[tokio::test]
async fn a_request_that_calls_aws_is_seen_by_the_silent_port() {
    let (listener, endpoint) = silent_port();
    let app = offline_app(&endpoint, Some("routes-test-secret")).await;
    let staff = shared::auth::Staff {
        id: "staff-1".into(),
        email: "ann.lawyer@firm.example".into(),
        name: "Ann Lawyer".into(),
    };
    let token = shared::auth::mint_local_jwt("routes-test-secret", &staff, i64::from(u32::MAX));
    let req = lambda_http::http::Request::builder()
        .method("GET")
        .uri("/matters/matterId-1")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::Empty)
        .expect("request");
    let connected = async {
        loop {
            match listener.accept() {
                Ok(_) => return,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                Err(e) => panic!("listener: {e}"),
            }
        }
    };
    let outcome = tokio::time::timeout(Duration::from_secs(20), async {
        tokio::select! {
            () = connected => None,
            response = dispatch::grant_access(&app, req) => Some(response.status().as_u16()),
        }
    })
    .await
    .expect("neither a connection nor an answer");
    assert_eq!(outcome, None, "answered without calling AWS");
}

#[test]
fn find_routes_every_concrete_path_to_its_function() {
    for route in ROUTES {
        let path = concrete(route);
        let found = shared::routes::find(route.method, &format!("{path}?limit=5"));
        assert_eq!(found, Some(route), "{} {path}", route.method);
    }
}
