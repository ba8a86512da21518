//! View-only PDFs open as a copy stamped on every page with the contact's name, address and
//! the time (`stamp`). The copy is made on the first opening in an hour, kept under
//! `stamps/` (which the upload trigger ignores and the bucket expires after a day) and
//! reused within that hour; the link is minted for the copy after the same checks as any
//! link (`portal::download_link`), which refuses these contacts the original.

use super::portal::{self, LinkView};
use super::sessions::Contact;
use crate::disposition::{header_value, Disposition};
use crate::error::{Error, Result};
use crate::records::DocumentStatus;
use crate::stamp::{self, Stamp, StampError, MAX_STAMPED_BYTES};
use crate::store::BatchFound;
use crate::{clock, validate, App};

const PDF: &str = "application/pdf";

/// A short-lived GET of the document's stamped copy, made first if this hour has none.
pub async fn stamped_link(
    app: &App,
    contact: &Contact,
    found: &mut BatchFound,
    document_id: &str,
) -> Result<LinkView> {
    let document_id = validate::id("documentId", document_id)?;
    let (share, access, document) = portal::shared_document(contact, found, &document_id)?;
    if !stamp::is_stamped(&document.content_type) {
        return Err(Error::UnsupportedType(
            "only PDFs open as a stamped copy; ask for the document's link".into(),
        ));
    }
    match document.status {
        DocumentStatus::Available => {}
        DocumentStatus::Pending => {
            return Err(Error::Conflict(
                "the document is still being checked; try again in a moment".into(),
            ))
        }
        _ => return Err(Error::not_found(format!("document {document_id}"))),
    }
    if document.size > MAX_STAMPED_BYTES {
        return Err(too_large());
    }
    let stamp = Stamp {
        name: contact.name.clone(),
        email: contact.email.clone(),
        at: clock::now(),
    };
    let key = stamp::copy_key(
        &share.matter_id,
        &document.document_id,
        document.version,
        &contact.id,
        &stamp,
    );
    if app.files.head(&key).await?.is_none() {
        let original = app
            .files
            .read_whole(&document.object_key, MAX_STAMPED_BYTES)
            .await
            .map_err(|e| match e {
                Error::TooLarge(_) => too_large(),
                other => other,
            })?;
        let copy = stamp::stamp_pdf(&original, &stamp).map_err(refusal)?;
        app.files.put(&key, PDF, copy).await?;
    }
    portal::record_opening(app, contact, access, &share, &document, Disposition::View).await?;
    let ttl = app.config.download_url_ttl;
    let url = app
        .files
        .presign_get(
            &key,
            &header_value(Disposition::View, &document.file_name),
            PDF,
            ttl,
        )
        .await?;
    Ok(LinkView {
        url,
        expires_at: clock::stamp(clock::now() + ttl),
    })
}

fn too_large() -> Error {
    Error::TooLarge(format!(
        "this PDF is too large to stamp (over {} MB); ask the firm for a smaller copy",
        MAX_STAMPED_BYTES / (1024 * 1024)
    ))
}

/// Why a PDF could not be stamped, as the contact is told: the original is never handed
/// out in its place.
fn refusal(err: StampError) -> Error {
    let why = match err {
        StampError::Encrypted => "it is password-protected",
        StampError::Unreadable(detail) => {
            tracing::warn!(%detail, "PDF not stamped");
            "it could not be read as a PDF"
        }
    };
    Error::UnsupportedType(format!(
        "this PDF cannot be stamped because {why}; ask the firm for a copy"
    ))
}
