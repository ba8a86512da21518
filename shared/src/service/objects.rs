//! Checks on uploaded objects: the declared type is allowed, and the bytes that arrived
//! have the declared size, type and leading bytes.

use crate::error::Result;
use crate::files::PresignedPut;
use crate::{clock, content, validate, App};
use serde::{Deserialize, Serialize};

/// What an uploader (staff or contact) declares before sending the bytes.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UploadInput {
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
}

/// A declaration that passed the checks, and the PUT signed over its type and length.
pub struct Declared {
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
    pub put: PresignedPut,
    pub expires_at: String,
}

/// Checks a declaration (file name, allowed type, size) and signs the PUT of its bytes to
/// `object_key`.
pub async fn declare(app: &App, input: UploadInput, object_key: &str) -> Result<Declared> {
    let content_type = allowed_type(app, &input.content_type)?;
    let file_name =
        content::with_fitting_extension(&validate::file_name(&input.file_name)?, &content_type);
    let size = validate::upload_size(input.size, app.config.max_upload_bytes)?;
    let ttl = app.config.upload_url_ttl;
    let put = app
        .files
        .presign_put(object_key, &content_type, size, ttl)
        .await?;
    Ok(Declared {
        file_name,
        content_type,
        size,
        put,
        expires_at: clock::stamp(clock::now() + ttl),
    })
}

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

/// Deletes an object nothing may keep (no intent, a deleted document, a refused upload put
/// again) and says why.
pub async fn discard(app: &App, key: &str, reason: &str) -> Result<AttachOutcome> {
    tracing::warn!(key, reason, "object deleted");
    app.files.delete(key).await?;
    Ok(AttachOutcome::Rejected(reason.to_string()))
}

/// A declared type, normalised and on the allow-list (else 415).
fn allowed_type(app: &App, declared: &str) -> Result<String> {
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
