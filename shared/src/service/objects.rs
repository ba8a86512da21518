//! Checks on uploaded objects: the declared type is allowed, and the bytes that arrived
//! have the declared size, type and leading bytes.

use crate::error::Result;
use crate::{content, validate, App};
use serde::Serialize;

/// What the S3 trigger did with one object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "outcome", content = "detail")]
pub enum AttachOutcome {
    Attached,
    /// A repeated or concurrent event for an object that was already handled.
    AlreadyHandled,
    /// The object failed a check: it was deleted and the reason recorded.
    Rejected(String),
    /// Not an object this service expects; left as it is.
    Ignored(String),
}

/// The checks an uploaded object must pass against what was declared for it.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Missing,
    Rejected(String),
    Accepted,
}

/// A declared type, normalised and on the allow-list (else 415).
pub fn allowed_type(app: &App, declared: &str) -> Result<String> {
    let content_type = validate::content_type(declared)?;
    content::ensure_allowed(&content_type, &app.config.allowed_content_types)?;
    Ok(content_type)
}

/// Size, type and leading bytes of the object against what was declared.
pub async fn verify(app: &App, key: &str, size: u64, content_type: &str) -> Result<Verdict> {
    let Some(facts) = app.files.head(key).await? else {
        return Ok(Verdict::Missing);
    };
    if facts.size != size {
        return Ok(Verdict::Rejected(format!(
            "size {} differs from the declared {size}",
            facts.size
        )));
    }
    let stored_type = facts
        .content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    if stored_type != content_type {
        return Ok(Verdict::Rejected(format!(
            "type {stored_type} differs from the declared {content_type}"
        )));
    }
    let head = app.files.read_prefix(key, content::SNIFF_BYTES).await?;
    if !content::leading_bytes_match(content_type, &head) {
        return Ok(Verdict::Rejected(format!(
            "the file's content is not {content_type}"
        )));
    }
    Ok(Verdict::Accepted)
}
