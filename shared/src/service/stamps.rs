//! View-only PDFs open as a copy stamped on every page with the contact's name, address and
//! the time (`stamp`). The copy is made on the first opening in an hour, kept under
//! `stamps/` (which the upload trigger ignores and the bucket expires after a day) and
//! reused within that hour; the link is minted for the copy after the same checks as any
//! link (`portal::download_link`), which refuses these contacts the original.

use super::portal::{self, LinkView};
use super::sessions::Contact;
use crate::disposition::Disposition;
use crate::error::{Error, Result};
use crate::records::{DocumentRecord, DocumentStatus};
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
    stampable(&document)?;
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
    portal::presigned_link(app, &key, Disposition::View, &document.file_name, PDF).await
}

/// Whether the document can be stamped now: a PDF, checked and available, small enough.
fn stampable(document: &DocumentRecord) -> Result<()> {
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
        _ => {
            return Err(Error::not_found(format!(
                "document {}",
                document.document_id
            )))
        }
    }
    if document.size > MAX_STAMPED_BYTES {
        return Err(too_large());
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::document;

    #[test]
    fn only_an_available_pdf_within_the_limit_is_stamped() {
        let pdf = document("d1", "m1");
        assert!(stampable(&pdf).is_ok());
        let text = DocumentRecord {
            content_type: "text/plain".into(),
            ..pdf.clone()
        };
        assert!(matches!(stampable(&text), Err(Error::UnsupportedType(_))));
        let pending = DocumentRecord {
            status: DocumentStatus::Pending,
            ..pdf.clone()
        };
        assert!(matches!(stampable(&pending), Err(Error::Conflict(_))));
        let rejected = DocumentRecord {
            status: DocumentStatus::Rejected,
            ..pdf.clone()
        };
        assert!(matches!(stampable(&rejected), Err(Error::NotFound(_))));
        let big = DocumentRecord {
            size: MAX_STAMPED_BYTES + 1,
            ..pdf
        };
        assert!(matches!(stampable(&big), Err(Error::TooLarge(m)) if m.contains("64 MB")));
    }

    #[test]
    fn a_pdf_that_cannot_be_stamped_is_refused_with_why_and_what_to_do() {
        let encrypted = refusal(StampError::Encrypted);
        assert!(matches!(&encrypted, Error::UnsupportedType(m)
            if m.contains("password-protected") && m.contains("ask the firm")));
        let unreadable = refusal(StampError::Unreadable("xref broken".into()));
        assert!(matches!(&unreadable, Error::UnsupportedType(m)
            if m.contains("could not be read") && !m.contains("xref")));
    }
}
