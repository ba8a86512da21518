//! What a route answers, and the one place errors become HTTP responses.

use crate::error::{Error, Result};
use lambda_http::{Body, Response};
use serde::Serialize;

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

pub fn route_not_found() -> Error {
    Error::NotFound("no such route".into())
}

/// Sent with every answer by the functions themselves, so that a call that reaches the API
/// without the distribution (which adds the page's policy) is answered as safely: nothing
/// an answer holds may be sniffed, framed, run or given a referrer.
pub const SECURITY_HEADERS: [(&str, &str); 5] = [
    ("cache-control", "no-store"),
    ("x-content-type-options", "nosniff"),
    (
        "content-security-policy",
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; sandbox",
    ),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
];

fn secured(status: u16) -> lambda_http::http::response::Builder {
    SECURITY_HEADERS
        .iter()
        .fold(Response::builder().status(status), |b, (name, value)| {
            b.header(*name, *value)
        })
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
    let builder = secured(status);
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
    secured(status)
        .header("content-type", file.content_type)
        .header(
            "content-disposition",
            format!("attachment; filename=\"{name}\""),
        )
        .body(Body::from(file.text))
        .unwrap_or_else(|_| Response::new(Body::from("internal error")))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn every_answer_carries_the_security_headers() {
        let answers = [
            respond(Err(Error::NotFound("no such matter".into()))),
            respond(Reply::json(200, serde_json::json!({"ok": true}))),
            respond(Reply::attachment(Attachment {
                file_name: "events-m1.csv".into(),
                content_type: "text/csv; charset=utf-8",
                text: "a".into(),
            })),
        ];
        for answer in answers {
            for (name, value) in SECURITY_HEADERS {
                assert_eq!(answer.headers()[name], value, "{name}");
            }
        }
    }
}
