//! `Content-Disposition` values for presigned GETs (RFC 6266 with RFC 5987 `filename*`).

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disposition {
    /// Opened in the browser.
    View,
    /// Saved as a file; needs the contact's canDownload.
    Download,
}

impl Disposition {
    /// The disposition a link asks for: `view` or `download`.
    pub fn parse(word: &str) -> crate::Result<Self> {
        match word {
            "view" => Ok(Self::View),
            "download" => Ok(Self::Download),
            _ => Err(crate::Error::validation(
                "disposition must be view or download",
            )),
        }
    }
}

/// RFC 5987 attr-char: everything else is percent-encoded.
const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// An ASCII fallback name for old clients: no quotes, backslashes, controls or non-ASCII.
fn ascii_fallback(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            ' '..='~' if c != '"' && c != '\\' && c != '%' => c,
            _ => '_',
        })
        .collect();
    let trimmed = cleaned.trim_matches(|c| c == ' ' || c == '.');
    if trimmed.is_empty() {
        "document".into()
    } else {
        trimmed.to_string()
    }
}

pub fn header_value(disposition: Disposition, file_name: &str) -> String {
    let kind = match disposition {
        Disposition::View => "inline",
        Disposition::Download => "attachment",
    };
    let without_controls: String = file_name.chars().filter(|c| !c.is_control()).collect();
    format!(
        "{kind}; filename=\"{}\"; filename*=UTF-8''{}",
        ascii_fallback(&without_controls),
        utf8_percent_encode(&without_controls, ATTR_CHAR)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_a_view_or_a_download() {
        assert_eq!(Disposition::parse("view").expect("view"), Disposition::View);
        assert_eq!(
            Disposition::parse("download").expect("download"),
            Disposition::Download
        );
        assert_eq!(Disposition::parse("print").unwrap_err().status(), 400);
    }

    #[test]
    fn plain_names_pass_through() {
        assert_eq!(
            header_value(Disposition::Download, "report.pdf"),
            "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf"
        );
    }

    #[test]
    fn quotes_newlines_and_unicode_cannot_break_the_header() {
        let v = header_value(Disposition::View, "a\"b\r\nSet-Cookie: x;é€.pdf");
        assert!(v.starts_with("inline; filename=\"a_bSet-Cookie: x;__.pdf\""));
        assert!(v.ends_with("filename*=UTF-8''a%22bSet-Cookie%3A%20x%3B%C3%A9%E2%82%AC.pdf"));
        assert!(!v.contains('\r') && !v.contains('\n'));
    }

    #[test]
    fn empty_fallback_gets_a_default() {
        assert!(header_value(Disposition::View, "....").contains("filename=\"document\""));
    }
}
