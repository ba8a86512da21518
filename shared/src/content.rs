//! What may be uploaded: an allow-list of types, and a check that a file's leading bytes
//! agree with the type it claims.

use crate::error::{Error, Result};

/// PDF, Office documents, images, text and zip.
pub const DEFAULT_ALLOWED_TYPES: &[&str] = &[
    "application/pdf",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/rtf",
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/tiff",
    "image/webp",
    "text/plain",
    "text/csv",
    "application/zip",
];

/// How many leading bytes the sniffing needs.
pub const SNIFF_BYTES: usize = 512;

pub fn ensure_allowed(content_type: &str, allowed: &[String]) -> Result<()> {
    if allowed.iter().any(|a| a == content_type) {
        Ok(())
    } else {
        Err(Error::UnsupportedType(format!(
            "{content_type} is not an allowed upload type; allowed: {}",
            allowed.join(", ")
        )))
    }
}

/// The extensions a file of this type is known by, the first the one to add; `None` for a
/// type configured in without a known extension (its names are left as they are).
pub fn extensions(content_type: &str) -> Option<&'static [&'static str]> {
    Some(match content_type {
        "application/pdf" => &["pdf"],
        "application/msword" => &["doc", "dot"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => &["docx"],
        "application/vnd.ms-excel" => &["xls"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => &["xlsx"],
        "application/vnd.ms-powerpoint" => &["ppt"],
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => &["pptx"],
        "application/rtf" => &["rtf"],
        "image/jpeg" => &["jpg", "jpeg"],
        "image/png" => &["png"],
        "image/gif" => &["gif"],
        "image/tiff" => &["tif", "tiff"],
        "image/webp" => &["webp"],
        "text/plain" => &["txt", "text"],
        "text/csv" => &["csv"],
        "application/zip" => &["zip"],
        _ => return None,
    })
}

/// The name with an extension that fits its declared type: kept when it already fits,
/// otherwise the type's own is added ("Invoice.hta" declared as a PDF is "Invoice.hta.pdf"),
/// so that what staff see and what opens the file agree.
pub fn with_fitting_extension(file_name: &str, content_type: &str) -> String {
    let Some(known) = extensions(content_type) else {
        return file_name.to_string();
    };
    let fits = file_name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && known.contains(&ext.to_lowercase().as_str())
    });
    if fits {
        file_name.to_string()
    } else {
        format!("{file_name}.{}", known[0])
    }
}

/// Whether `head` (the first bytes of the file) can be a file of `content_type`.
/// Types without a signature we know are accepted on the allow-list alone.
pub fn leading_bytes_match(content_type: &str, head: &[u8]) -> bool {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    match content_type {
        "application/pdf" => head.starts_with(b"%PDF-"),
        "application/zip"
        | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        | "application/vnd.openxmlformats-officedocument.presentationml.presentation" => {
            head.starts_with(ZIP)
        }
        "application/msword" | "application/vnd.ms-excel" | "application/vnd.ms-powerpoint" => {
            head.starts_with(OLE)
        }
        "application/rtf" => head.starts_with(b"{\\rtf"),
        "image/jpeg" => head.starts_with(b"\xFF\xD8\xFF"),
        "image/png" => head.starts_with(b"\x89PNG\r\n\x1A\n"),
        "image/gif" => head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a"),
        "image/tiff" => head.starts_with(b"II*\x00") || head.starts_with(b"MM\x00*"),
        "image/webp" => head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP",
        "text/plain" | "text/csv" => looks_like_text(head),
        _ => true,
    }
}

/// UTF-8 (allowing a code point cut at the end of the sample) with no NUL bytes.
fn looks_like_text(head: &[u8]) -> bool {
    if head.contains(&0) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_list_answers_415_outside_it() {
        let allowed: Vec<String> = DEFAULT_ALLOWED_TYPES
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(ensure_allowed("application/pdf", &allowed).is_ok());
        let err = ensure_allowed("application/x-msdownload", &allowed).unwrap_err();
        assert_eq!(err.status(), 415);
    }

    #[test]
    fn every_default_type_has_extensions_and_names_get_one_that_fits() {
        for t in DEFAULT_ALLOWED_TYPES {
            assert!(extensions(t).is_some(), "{t}");
        }
        let cases = [
            ("Report.pdf", "application/pdf", "Report.pdf"),
            ("Report.PDF", "application/pdf", "Report.PDF"),
            ("Invoice.hta", "application/pdf", "Invoice.hta.pdf"),
            ("Scan", "image/jpeg", "Scan.jpg"),
            ("Scan.jpeg", "image/jpeg", "Scan.jpeg"),
            (".pdf", "application/pdf", ".pdf.pdf"),
            ("notes.txt", "text/csv", "notes.txt.csv"),
            ("data.bin", "application/x-custom", "data.bin"),
        ];
        for (name, content_type, expected) in cases {
            assert_eq!(
                with_fitting_extension(name, content_type),
                expected,
                "{name}"
            );
        }
    }

    #[test]
    fn signatures() {
        assert!(leading_bytes_match("application/pdf", b"%PDF-1.7\n"));
        assert!(!leading_bytes_match(
            "application/pdf",
            b"MZ\x90\x00 windows exe"
        ));
        assert!(leading_bytes_match(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK\x03\x04rest"
        ));
        assert!(leading_bytes_match(
            "application/msword",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1..."
        ));
        assert!(leading_bytes_match("image/png", b"\x89PNG\r\n\x1A\n...."));
        assert!(!leading_bytes_match("image/png", b"\xFF\xD8\xFF jpeg"));
        assert!(leading_bytes_match(
            "image/webp",
            b"RIFF\x00\x00\x00\x00WEBPVP8 "
        ));
        assert!(leading_bytes_match("text/plain", "naïve café".as_bytes()));
        assert!(
            leading_bytes_match("text/csv", &"é".as_bytes()[..1]),
            "a code point cut by the sample"
        );
        assert!(!leading_bytes_match("text/plain", b"%PDF\x00\x01binary"));
        assert!(!leading_bytes_match("text/plain", b"\xFF\xFE\xFD"));
    }
}
