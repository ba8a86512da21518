//! openapi.json describes exactly the route table: the same paths and methods, each
//! operation secured by its route's auth, every `$ref` resolvable, error answers in the
//! contract shape, and request bodies whose examples and schemas agree with the Rust input
//! types (required vs optional fields, unknown fields refused).

use serde_json::{json, Value};
use shared::routes::{Auth, Route, ROUTES};
use std::collections::{BTreeMap, BTreeSet};

/// Parses a request body into its Rust input type, keeping only whether that worked.
type Parse = fn(Value) -> Result<(), String>;

/// The Rust input type of each route's request body. The one place this file names the
/// service types, so that moving them means changing only these lines.
fn body_type(route: &Route) -> Option<Parse> {
    use shared::service::access::GrantInput;
    use shared::service::appointments::AppointmentInput;
    use shared::service::bills::{BillEdit, BillInput, SendInput};
    use shared::service::folders::{FolderInput, FolderShareInput, MoveInput};
    use shared::service::intake::UploadInput;
    use shared::service::matters::MatterInput;
    use shared::service::messages::PostInput;
    use shared::service::portal::LinkInput;
    use shared::service::preferences::PreferencesInput;
    use shared::service::sessions::{SessionInput, SignInInput};
    use shared::service::sharing::ShareInput;
    use shared::service::tasks::TaskInput;
    use shared::service::zips::ZipInput;

    // A macro rather than a generic function, so the test crate needs no serde of its own.
    macro_rules! parse {
        ($input:ty) => {
            |body: Value| {
                serde_json::from_value::<$input>(body)
                    .map(drop)
                    .map_err(|e| e.to_string())
            }
        };
    }
    Some(match (route.method, route.path) {
        ("PUT", "/matters/{matterId}") => parse!(MatterInput),
        ("PUT", "/matters/{matterId}/contacts/{contactId}") => parse!(GrantInput),
        ("POST", "/matters/{matterId}/documents") => parse!(UploadInput),
        ("POST", "/matters/{matterId}/shares") => parse!(ShareInput),
        ("POST", "/portal/sessions") => parse!(SessionInput),
        ("POST", "/portal/sign-in-links") => parse!(SignInInput),
        ("PUT", "/portal/preferences") => parse!(PreferencesInput),
        ("POST", "/portal/documents/{documentId}/links") => parse!(LinkInput),
        ("POST", "/portal/matters/{matterId}/uploads") => parse!(UploadInput),
        ("POST", "/matters/{matterId}/documents/{documentId}/versions") => parse!(UploadInput),
        ("POST", "/matters/{matterId}/folders") => parse!(FolderInput),
        ("PUT", "/matters/{matterId}/folders/{folderId}") => parse!(FolderInput),
        ("PUT", "/matters/{matterId}/documents/{documentId}/folder") => parse!(MoveInput),
        ("POST", "/matters/{matterId}/folders/{folderId}/shares") => parse!(FolderShareInput),
        ("POST", "/matters/{matterId}/documents/{documentId}/versions/{version}/links") => {
            parse!(LinkInput)
        }
        ("POST", "/matters/{matterId}/conversations/{contactId}/messages") => parse!(PostInput),
        ("POST", "/portal/matters/{matterId}/messages") => parse!(PostInput),
        ("POST", "/matters/{matterId}/zips") => parse!(ZipInput),
        ("POST", "/portal/matters/{matterId}/zips") => parse!(ZipInput),
        ("POST", "/matters/{matterId}/bills") => parse!(BillInput),
        ("PUT", "/matters/{matterId}/bills/{billId}") => parse!(BillEdit),
        ("POST", "/matters/{matterId}/bill-sendings") => parse!(SendInput),
        ("POST", "/matters/{matterId}/appointments") => parse!(AppointmentInput),
        ("PUT", "/matters/{matterId}/appointments/{appointmentId}") => parse!(AppointmentInput),
        ("POST", "/matters/{matterId}/tasks") => parse!(TaskInput),
        _ => return None,
    })
}

const HTTP_METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn document() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi.json");
    let text = std::fs::read_to_string(path).expect("openapi.json at the repository root");
    serde_json::from_str(&text).expect("openapi.json is JSON")
}

fn operation<'a>(doc: &'a Value, route: &Route) -> &'a Value {
    let op = &doc["paths"][route.path][route.method.to_ascii_lowercase()];
    assert!(
        op.is_object(),
        "openapi.json has no {} {}",
        route.method,
        route.path
    );
    op
}

/// Follows `$ref`s (local ones only) to what they point at.
fn resolve<'a>(doc: &'a Value, mut value: &'a Value) -> &'a Value {
    for _ in 0..16 {
        let Some(target) = value.get("$ref").and_then(Value::as_str) else {
            return value;
        };
        let pointer = target
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{target} is not a local reference"));
        value = doc
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{target} does not resolve"));
    }
    panic!("a $ref cycle");
}

fn refs_in<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            if let Some(target) = map.get("$ref").and_then(Value::as_str) {
                out.push(target);
            }
            map.values().for_each(|v| refs_in(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| refs_in(v, out)),
        _ => {}
    }
}

fn keys(value: &Value) -> BTreeSet<String> {
    value
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn strings(value: &Value) -> BTreeSet<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn it_is_openapi_3_1() {
    let doc = document();
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["info"]["title"].is_string() && doc["info"]["version"].is_string());
}

#[test]
fn paths_and_methods_are_exactly_the_route_table() {
    let doc = document();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for key in keys(item) {
            if HTTP_METHODS.contains(&key.as_str()) {
                documented.insert((key.to_ascii_uppercase(), path.clone()));
            } else {
                assert!(
                    ["parameters", "summary", "description"].contains(&key.as_str()),
                    "{path}: unexpected key {key}"
                );
            }
        }
    }
    let table: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    assert_eq!(documented, table);

    let mut operation_ids = BTreeSet::new();
    for route in ROUTES {
        let op = operation(&doc, route);
        assert_eq!(
            op["summary"], route.summary,
            "{} {}",
            route.method, route.path
        );
        let id = op["operationId"].as_str().expect("operationId");
        assert!(operation_ids.insert(id), "operationId {id} twice");
    }
}

#[test]
fn each_operation_is_secured_by_its_routes_auth() {
    let doc = document();
    assert!(
        doc.get("security").is_none(),
        "no document-wide default: each operation says who may call it"
    );
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(
        keys(schemes),
        BTreeSet::from(["portalSession".into(), "staffJwt".into()])
    );
    assert_eq!(schemes["staffJwt"]["type"], "http");
    assert_eq!(schemes["staffJwt"]["scheme"], "bearer");
    assert_eq!(schemes["staffJwt"]["bearerFormat"], "JWT");
    assert_eq!(schemes["portalSession"]["type"], "http");
    assert_eq!(schemes["portalSession"]["scheme"], "bearer");
    assert_ne!(schemes["portalSession"]["bearerFormat"], "JWT");

    for route in ROUTES {
        let op = operation(&doc, route);
        let want = match route.auth {
            Auth::Staff => json!([{"staffJwt": []}]),
            Auth::Contact => json!([{"portalSession": []}]),
            Auth::Public => json!([]),
        };
        assert_eq!(op["security"], want, "{} {}", route.method, route.path);
        if route.auth != Auth::Public {
            assert!(
                op["responses"].get("401").is_some(),
                "{} {}: no 401",
                route.method,
                route.path
            );
        }
    }
}

#[test]
fn path_parameters_are_each_routes_own() {
    let doc = document();
    for route in ROUTES {
        let op = operation(&doc, route);
        let mut declared = Vec::new();
        let shared_params = &doc["paths"][route.path]["parameters"];
        for list in [shared_params, &op["parameters"]] {
            for param in list.as_array().into_iter().flatten() {
                let param = resolve(&doc, param);
                if param["in"] == "path" {
                    assert_eq!(param["required"], true, "{param}");
                    declared.push(param["name"].as_str().expect("name").to_string());
                }
            }
        }
        declared.sort();
        let mut want: Vec<String> = route.parameters().map(String::from).collect();
        want.sort();
        assert_eq!(declared, want, "{} {}", route.method, route.path);
    }
}

#[test]
fn every_ref_resolves_and_every_component_is_used() {
    let doc = document();
    let mut refs = Vec::new();
    refs_in(&doc, &mut refs);
    assert!(!refs.is_empty());
    for target in &refs {
        let pointer = target
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{target} is not a local reference"));
        assert!(doc.pointer(pointer).is_some(), "{target} does not resolve");
    }
    let used: BTreeSet<&str> = refs.into_iter().collect();
    for kind in ["schemas", "parameters", "responses"] {
        for name in keys(&doc["components"][kind]) {
            let target = format!("#/components/{kind}/{name}");
            assert!(used.contains(target.as_str()), "{target} is never used");
        }
    }
}

#[test]
fn request_examples_fit_the_rust_input_types() {
    let doc = document();
    let mut checked = 0;
    for route in ROUTES {
        let op = operation(&doc, route);
        let at = format!("{} {}", route.method, route.path);
        let body = op.get("requestBody");
        let Some(parse) = body_type(route) else {
            assert!(body.is_none(), "{at}: a body the handler never reads");
            continue;
        };
        let body = resolve(&doc, body.unwrap_or_else(|| panic!("{at}: no requestBody")));
        assert_eq!(body["required"], true, "{at}");
        let content = &body["content"]["application/json"];
        let example = content["example"].clone();
        assert!(example.is_object(), "{at}: no request example");
        parse(example.clone()).unwrap_or_else(|e| panic!("{at}: the example is refused: {e}"));

        // The schema is closed, like the type (deny_unknown_fields), and the example shows
        // every documented field, so that what follows covers each one.
        let schema = resolve(&doc, &content["schema"]);
        let properties = keys(&schema["properties"]);
        assert_eq!(keys(&example), properties, "{at}: the example's fields");
        let required = strings(&schema["required"]);
        assert!(required.is_subset(&properties), "{at}");

        // Every object of the body, nested ones included, is closed in the schema and refuses
        // an unknown field in the type.
        let mut objects = Vec::new();
        objects_in(&doc, &example, schema, String::new(), &mut objects);
        assert!(
            objects.contains(&String::new()),
            "{at}: the body is an object"
        );
        for pointer in objects {
            let mut extra = example.clone();
            extra
                .pointer_mut(&pointer)
                .and_then(Value::as_object_mut)
                .expect("object")
                .insert("unexpectedField".into(), json!(true));
            let refused = parse(extra).expect_err(&format!(
                "{at}: an unknown field at '{pointer}' is accepted"
            ));
            assert!(refused.contains("unknown field"), "{at}: {refused}");
        }

        // Required in the schema exactly when the type cannot do without it.
        for name in &properties {
            let mut without = example.clone();
            without.as_object_mut().expect("object").remove(name);
            assert_eq!(
                parse(without).is_err(),
                required.contains(name),
                "{at}: is {name} required?"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 25, "request bodies checked");
}

/// JSON pointers of every object in `example`, checking that its schema is closed.
fn objects_in(doc: &Value, example: &Value, schema: &Value, at: String, out: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    match example {
        Value::Object(fields) => {
            assert_eq!(
                schema["additionalProperties"], false,
                "the schema of '{at}' is not closed"
            );
            for (name, value) in fields {
                let property = &schema["properties"][name];
                assert!(!property.is_null(), "'{at}/{name}' is not in the schema");
                objects_in(doc, value, property, format!("{at}/{name}"), out);
            }
            out.push(at);
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                objects_in(doc, item, &schema["items"], format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Status and code of every error the functions answer.
fn error_codes() -> BTreeMap<u16, &'static str> {
    use shared::Error;
    [
        Error::validation("x"),
        Error::Unauthorized,
        Error::Forbidden("x".into()),
        Error::not_found("x"),
        Error::Conflict("x".into()),
        Error::TooLarge("x".into()),
        Error::UnsupportedType("x".into()),
        Error::Throttled("x".into()),
        Error::upstream("DynamoDB GetItem", "x"),
        Error::internal("x"),
    ]
    .iter()
    .map(|e| (e.status(), e.code()))
    .collect()
}

/// The `code` an error response's schema pins, looking through `allOf`/`oneOf`.
fn pinned_codes(doc: &Value, schema: &Value, out: &mut BTreeSet<String>) {
    let schema = resolve(doc, schema);
    if let Some(code) = schema["properties"]["error"]["properties"]["code"]["const"].as_str() {
        out.insert(code.to_string());
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for part in schema[key].as_array().into_iter().flatten() {
            pinned_codes(doc, part, out);
        }
    }
}

fn refers_to_error_shape(doc: &Value, schema: &Value) -> bool {
    if schema["$ref"] == "#/components/schemas/Error" {
        return true;
    }
    let schema = resolve(doc, schema);
    ["allOf", "oneOf", "anyOf"].iter().any(|key| {
        schema[*key]
            .as_array()
            .into_iter()
            .flatten()
            .any(|part| refers_to_error_shape(doc, part))
    })
}

#[test]
fn error_answers_have_the_contract_shape_and_codes() {
    let doc = document();
    let codes = error_codes();
    let error = &doc["components"]["schemas"]["Error"];
    assert_eq!(
        strings(&error["required"]),
        BTreeSet::from(["error".into()])
    );
    let inner = &error["properties"]["error"];
    assert_eq!(
        strings(&inner["required"]),
        BTreeSet::from(["code".into(), "message".into()])
    );
    let documented: BTreeSet<String> = strings(&inner["properties"]["code"]["enum"]);
    let actual: BTreeSet<String> = codes.values().map(|c| c.to_string()).collect();
    assert_eq!(documented, actual, "the error codes");

    for route in ROUTES {
        let op = operation(&doc, route);
        let at = format!("{} {}", route.method, route.path);
        let responses = op["responses"].as_object().expect("responses");
        assert!(
            responses.keys().any(|s| s.starts_with('2')),
            "{at}: no success answer"
        );
        for required in ["500", "502"] {
            assert!(responses.contains_key(required), "{at}: no {required}");
        }
        for (status, response) in responses {
            let status: u16 = status.parse().expect("numeric status");
            if status < 400 || status == 429 {
                continue; // 429 is API Gateway's throttling answer, not a function's.
            }
            let schema = &resolve(&doc, response)["content"]["application/json"]["schema"];
            assert!(
                refers_to_error_shape(&doc, schema),
                "{at} {status}: not the error shape"
            );
            let mut pinned = BTreeSet::new();
            pinned_codes(&doc, schema, &mut pinned);
            let want = codes
                .get(&status)
                .unwrap_or_else(|| panic!("{at}: no error answers {status}"));
            assert_eq!(
                pinned,
                BTreeSet::from([want.to_string()]),
                "{at} {status}: code"
            );
        }
    }
}
