//! openapi.json as the integration tests hold the API to it: every request the API accepted
//! and every answer it gave, through `Stack::call`, is validated against the document's
//! schemas (JSON Schema 2020-12, OpenAPI 3.1's dialect). Answers are closed objects in the
//! document (`additionalProperties: false`), so a field the API adds without describing it
//! fails, and so does a required field it stops sending; a status the operation does not
//! list fails too.

use serde_json::Value;
use shared::routes::Route;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

static DOCUMENT: LazyLock<Value> = LazyLock::new(|| {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi.json");
    let text = std::fs::read_to_string(path).expect("openapi.json at the repository root");
    serde_json::from_str(&text).expect("openapi.json is JSON")
});

/// Validators by the JSON pointer of their schema, built once per test binary.
static VALIDATORS: LazyLock<Mutex<HashMap<String, Arc<jsonschema::Validator>>>> =
    LazyLock::new(Default::default);

/// A JSON pointer token: `~` and `/` escaped.
fn token(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// Follows a local `$ref` (as `responses` and `requestBodies` use them) to its target and
/// its pointer.
fn follow(mut pointer: String) -> (String, &'static Value) {
    for _ in 0..8 {
        let value = DOCUMENT.pointer(&pointer).unwrap_or(&Value::Null);
        match value.get("$ref").and_then(Value::as_str) {
            Some(target) => pointer = target.trim_start_matches('#').to_string(),
            None => return (pointer, value),
        }
    }
    panic!("a $ref cycle at {pointer}");
}

fn validator(pointer: &str) -> Arc<jsonschema::Validator> {
    if let Some(validator) = VALIDATORS.lock().expect("validators lock").get(pointer) {
        return validator.clone();
    }
    // The whole document is the root, so every `#/components/...` inside resolves; the
    // pointer travels as a URI fragment (`{matterId}` percent-encoded).
    let fragment: String = pointer
        .chars()
        .map(|c| match c {
            '{' => "%7B".to_string(),
            '}' => "%7D".to_string(),
            c => c.to_string(),
        })
        .collect();
    let mut root = DOCUMENT.clone();
    root["$schema"] = "https://json-schema.org/draft/2020-12/schema".into();
    root["$ref"] = format!("#{fragment}").into();
    let validator = Arc::new(
        jsonschema::validator_for(&root)
            .unwrap_or_else(|e| panic!("openapi.json: the schema at {pointer} is invalid: {e}")),
    );
    VALIDATORS
        .lock()
        .expect("validators lock")
        .insert(pointer.to_string(), validator.clone());
    validator
}

fn errors(pointer: &str, instance: &Value) -> Vec<String> {
    validator(pointer)
        .iter_errors(instance)
        .map(|e| format!("{e} (at `{}`)", e.instance_path()))
        .collect()
}

/// What a call sent and got back, as the check needs it.
pub struct Exchange<'a> {
    pub route: &'a Route,
    pub request: Option<&'a Value>,
    pub status: u16,
    pub content_type: &'a str,
    pub response: &'a Value,
}

/// Every way `exchange` departs from the document; empty when it keeps to it.
pub fn departures(exchange: &Exchange<'_>) -> Vec<String> {
    let Exchange {
        route,
        request,
        status,
        content_type,
        response,
    } = exchange;
    let operation = format!(
        "/paths/{}/{}",
        token(route.path),
        route.method.to_ascii_lowercase()
    );
    let mut found = Vec::new();
    // A request the API accepted is one the document allows.
    if let (Some(body), 200..=299) = (request, status) {
        let (body_pointer, _) = follow(format!("{operation}/requestBody"));
        let schema = format!("{body_pointer}/content/application~1json/schema");
        if DOCUMENT.pointer(&schema).is_none() {
            found.push("a request body the document does not describe".to_string());
        } else {
            found.extend(
                errors(&schema, body)
                    .into_iter()
                    .map(|e| format!("request: {e}")),
            );
        }
    }
    let listed = format!("{operation}/responses/{status}");
    if DOCUMENT.pointer(&listed).is_none() {
        found.push(format!(
            "status {status} is not among the operation's responses"
        ));
        return found;
    }
    let (answer, described) = follow(listed);
    let media = content_type.split(';').next().unwrap_or("").trim();
    let content = &described["content"];
    match (
        content.as_object().map(|c| c.is_empty()).unwrap_or(true),
        media,
    ) {
        (true, _) if response.is_null() => {}
        (true, _) => found.push(format!(
            "status {status} has a body the document does not describe"
        )),
        (false, "application/json") => {
            let schema = format!("{answer}/content/application~1json/schema");
            if DOCUMENT.pointer(&schema).is_none() {
                found.push(format!("status {status}: no JSON answer described"));
            } else {
                found.extend(
                    errors(&schema, response)
                        .into_iter()
                        .map(|e| format!("answer: {e}")),
                );
            }
        }
        (false, other) => {
            if content.get(other).is_none() {
                found.push(format!(
                    "status {status}: {other} is not an answer the document describes"
                ));
            }
        }
    }
    found
}
