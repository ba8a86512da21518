//! Request parsing and the one place errors become HTTP responses.

use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::service::sessions::{self, Contact, Expiries};
use crate::App;
use lambda_http::{Body, Request, Response};
use serde::{de::DeserializeOwned, Serialize};
use std::collections::HashMap;

/// What a route produced, before it becomes a response.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Option<serde_json::Value>,
    /// A non-JSON body instead (the CSV export): its content type, file name and text.
    pub attachment: Option<Attachment>,
}

/// A text file a route answers with, offered for download under `file_name`.
#[derive(Debug)]
pub struct Attachment {
    pub content_type: &'static str,
    pub file_name: String,
    pub text: String,
}

impl Reply {
    pub fn json(status: u16, body: impl Serialize) -> Result<Self> {
        let body =
            serde_json::to_value(body).map_err(|e| Error::internal_from("response encode", e))?;
        Ok(Self {
            status,
            body: Some(body),
            attachment: None,
        })
    }

    /// A 200 whose body is `attachment`, saved by browsers under its file name.
    pub fn attachment(attachment: Attachment) -> Result<Self> {
        Ok(Self {
            status: 200,
            body: None,
            attachment: Some(attachment),
        })
    }

    pub fn ok(body: impl Serialize) -> Result<Self> {
        Self::json(200, body)
    }

    pub fn no_content() -> Result<Self> {
        Ok(Self {
            status: 204,
            body: None,
            attachment: None,
        })
    }
}

/// Path segments after any `cargo lambda` function-URL prefix, so that local and
/// deployed paths route the same way.
pub fn segments(req: &Request) -> Vec<String> {
    let path = req.uri().path();
    let path = match path.strip_prefix("/lambda-url/") {
        Some(rest) => rest.split_once('/').map_or("", |(_, tail)| tail),
        None => path,
    };
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect()
}

/// Form decoding of a query-string part: '+' is a space, %XX a byte, invalid UTF-8 replaced.
pub fn form_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// Query parameters from the raw query string, form-decoded; first wins.
pub fn query(req: &Request) -> HashMap<String, String> {
    let mut params = HashMap::new();
    for pair in req.uri().query().unwrap_or("").split('&') {
        if pair.is_empty() {
            continue;
        }
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        params
            .entry(form_decode(k))
            .or_insert_with(|| form_decode(v));
    }
    params
}

/// Parses a JSON body; a missing, malformed or mistyped body is a 400 that says why.
pub fn json_body<T: DeserializeOwned>(req: &Request) -> Result<T> {
    let bytes: &[u8] = req.body().as_ref();
    if bytes.is_empty() {
        return Err(Error::validation("a JSON body is required"));
    }
    serde_json::from_slice(bytes).map_err(|e| Error::validation(format!("invalid JSON body: {e}")))
}

pub fn route_not_found() -> Error {
    Error::NotFound("no such route".into())
}

/// The single mapping of results to responses, errors in the DESIGN.md shape.
pub fn respond(result: Result<Reply>) -> Response<Body> {
    let (status, body) = match result {
        Ok(Reply {
            status,
            attachment: Some(file),
            ..
        }) => return attachment_response(status, file),
        Ok(reply) => (reply.status, reply.body),
        Err(err) => {
            if err.status() >= 500 {
                // Logged once, here, with every cause under it.
                tracing::error!(error = %err.chain(), "request failed");
            } else {
                tracing::info!(status = err.status(), error = %err, "request refused");
            }
            let body = serde_json::json!({
                "error": {"code": err.code(), "message": err.public_message()}
            });
            (err.status(), Some(body))
        }
    };
    let builder = Response::builder()
        .status(status)
        .header("cache-control", "no-store");
    let response = match body {
        Some(body) => builder
            .header("content-type", "application/json")
            .body(Body::from(body.to_string())),
        None => builder.body(Body::Empty),
    };
    response.unwrap_or_else(|_| Response::new(Body::from("internal error")))
}

fn attachment_response(status: u16, file: Attachment) -> Response<Body> {
    // The name is ours (ids and a fixed suffix), but quote it the RFC 6266 way regardless.
    let name: String = file
        .file_name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    Response::builder()
        .status(status)
        .header("cache-control", "no-store")
        .header("content-type", file.content_type)
        .header(
            "content-disposition",
            format!("attachment; filename=\"{name}\""),
        )
        .body(Body::from(file.text))
        .unwrap_or_else(|_| Response::new(Body::from("internal error")))
}

/// Runs a function: logging and the [`App`] (SDK clients included) are set up once per cold
/// start, then every request goes to `handler`.
pub async fn serve<F, Fut>(handler: F) -> std::result::Result<(), lambda_http::Error>
where
    F: Fn(&'static App, Request) -> Fut,
    Fut: std::future::Future<Output = Response<Body>> + Send,
{
    init_logging();
    let app: &'static App = Box::leak(Box::new(App::from_env().await?));
    lambda_http::run(lambda_http::service_fn(|req: Request| {
        let reply = handler(app, req);
        async move { Ok::<_, std::convert::Infallible>(reply.await) }
    }))
    .await
}

/// Staff routes: the JWT authorizer's claims, or the local HS256 token when enabled.
pub fn staff(app: &App, req: &Request) -> Result<Staff> {
    crate::auth::staff(req, app.config.local_jwt_secret.as_deref())
}

/// Portal routes: a live session token, nothing else. Grants found expired get their
/// `accessExpired` event here, once (see [`reading_contact`] for read-only functions).
pub async fn contact(app: &App, req: &Request) -> Result<Contact> {
    sessions::contact_session(app, crate::auth::bearer(req), Expiries::Record).await
}

/// [`contact`] for functions that only read the table (`list-shares`): an expired grant is
/// left out all the same, and its event waits for the next function that writes.
pub async fn reading_contact(app: &App, req: &Request) -> Result<Contact> {
    sessions::contact_session(app, crate::auth::bearer(req), Expiries::Leave).await
}

/// Logs once per cold start; JSON when Lambda's log format is JSON (set in the template).
pub fn init_logging() {
    lambda_http::tracing::init_default_subscriber();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(uri: &str) -> Request {
        lambda_http::http::Request::builder()
            .uri(uri)
            .body(Body::Empty)
            .expect("request")
    }

    #[test]
    fn segments_ignore_the_local_function_prefix() {
        let want = vec!["matters", "m1", "contacts", "c 1"];
        assert_eq!(segments(&req("/matters/m1/contacts/c%201")), want);
        assert_eq!(
            segments(&req("/lambda-url/grant-access/matters/m1/contacts/c%201")),
            want
        );
    }

    #[test]
    fn query_decodes_plus_and_percent() {
        let q = query(&req("/x?q=tax+return%202024&sort=name&sort=created&flag"));
        assert_eq!(q["q"], "tax return 2024");
        assert_eq!(q["sort"], "name");
        assert_eq!(q["flag"], "");
    }

    #[test]
    fn errors_have_the_contract_shape() {
        let response = respond(Err(Error::validation("title must not be empty")));
        assert_eq!(response.status(), 400);
        let body: serde_json::Value =
            serde_json::from_slice(response.body().as_ref()).expect("json");
        assert_eq!(body["error"]["code"], "validation_failed");
        assert_eq!(body["error"]["message"], "title must not be empty");
    }

    #[test]
    fn bad_json_is_a_400() {
        let r: Request = lambda_http::http::Request::builder()
            .body(Body::from("{nope"))
            .expect("request");
        let err = json_body::<serde_json::Value>(&r).unwrap_err();
        assert_eq!(err.status(), 400);
    }
}
