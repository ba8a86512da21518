//! Input rules shared by every route. Each returns a clear 400 on failure.

use crate::error::{Error, Result};

pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_FILE_NAME_CHARS: usize = 255;

/// Ids from the firm's systems (matters, contacts) and ours (documents): no separators,
/// so they can never break out of a DynamoDB key or an S3 key.
pub fn id(field: &str, value: &str) -> Result<String> {
    let ok = (1..=64).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(value.to_string())
    } else {
        Err(Error::validation(format!(
            "{field} must be 1 to 64 letters, digits, '-' or '_'"
        )))
    }
}

/// One plain address, as SES sends to it: a dot-atom local part (no quotes, commas, angle
/// brackets or second `@`, which SES would read as another address or refuse at send time)
/// and a domain of letters, digits and hyphens with at least two labels.
pub fn email(field: &str, value: &str) -> Result<String> {
    let value = value.trim();
    let bad = || Error::validation(format!("{field} must be one plain email address"));
    if value.len() > 254 {
        return Err(bad());
    }
    let (local, domain) = value.split_once('@').ok_or_else(bad)?;
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
    let local_ok = (1..=64).contains(&local.len())
        && local
            .split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(atext));
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    let domain_ok = domain.split('.').count() >= 2 && domain.split('.').all(label_ok);
    if !local_ok || !domain_ok {
        return Err(bad());
    }
    Ok(value.to_string())
}

/// Emails are matched case-insensitively when a contact asks for a sign-in link.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn text(field: &str, value: &str, max_chars: usize) -> Result<String> {
    checked_text(field, value.trim(), max_chars, |_| false)
}

/// `value` (already trimmed) when it is 1 to `max_chars` characters with no control
/// character but those `keeps`.
fn checked_text(
    field: &str,
    value: &str,
    max_chars: usize,
    keeps: fn(char) -> bool,
) -> Result<String> {
    if value.is_empty() {
        return Err(Error::validation(format!("{field} must not be empty")));
    }
    if value.chars().count() > max_chars {
        return Err(Error::validation(format!(
            "{field} must be at most {max_chars} characters"
        )));
    }
    if value.chars().any(|c| c.is_control() && !keeps(c)) {
        return Err(Error::validation(format!(
            "{field} must not contain control characters"
        )));
    }
    if hides_something(value) {
        return Err(Error::validation(format!(
            "{field} must not contain direction controls or invisible characters"
        )));
    }
    Ok(value.to_string())
}

/// A message's text: line breaks and tabs kept (CRLF as LF), other control characters
/// refused, trimmed, 1 to `max_chars` characters.
pub fn message_text(field: &str, value: &str, max_chars: usize) -> Result<String> {
    let value = value.replace("\r\n", "\n");
    checked_text(field, value.trim(), max_chars, |c| c == '\n' || c == '\t')
}

/// A display name for a file: never a path, since it ends up in headers and emails (and, as
/// every displayed text, nothing hidden).
pub fn file_name(value: &str) -> Result<String> {
    let name = text("fileName", value, MAX_FILE_NAME_CHARS)?;
    if name.contains('/') || name.contains('\\') || name == "." || name == ".." {
        return Err(Error::validation(
            "fileName must be a file name, not a path",
        ));
    }
    Ok(name)
}

/// The one rule for every text a person is shown (names, titles, file names, messages): no
/// direction control or invisible character, since a right-to-left override makes
/// "Invoice\u{202E}fdp.hta" show staff "Invoiceath.pdf" and a zero-width space makes two
/// names look the same. Emoji keep what draws them: a joiner between two pictographs (👩‍💻)
/// and a presentation selector after one (❤️, 1️⃣) hide nothing.
fn hides_something(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(at, &c)| {
        let before = at.checked_sub(1).map(|i| chars[i]);
        let after = chars.get(at + 1).copied();
        is_invisible_format(c) && !draws_an_emoji(c, before, after)
    })
}

fn draws_an_emoji(c: char, before: Option<char>, after: Option<char>) -> bool {
    let keycap_base = |b: char| b.is_ascii_digit() || b == '#' || b == '*';
    match c {
        '\u{200D}' => {
            before.is_some_and(|b| is_pictograph(b) || b == '\u{FE0F}')
                && after.is_some_and(is_pictograph)
        }
        '\u{FE0E}' | '\u{FE0F}' => {
            before.is_some_and(is_pictograph)
                || (before.is_some_and(keycap_base) && after == Some('\u{20E3}'))
        }
        _ => false,
    }
}

/// Symbols emoji are drawn from (arrows, dingbats, the pictograph planes), skin tones included.
fn is_pictograph(c: char) -> bool {
    matches!(c,
        '\u{00A9}'
        | '\u{00AE}'
        | '\u{203C}'
        | '\u{2049}'
        | '\u{2122}'
        | '\u{2139}'
        | '\u{2190}'..='\u{2BFF}'
        | '\u{3030}'
        | '\u{303D}'
        | '\u{3297}'
        | '\u{3299}'
        | '\u{1F000}'..='\u{1FAFF}'
    )
}

/// Unicode's format characters (category Cf: bidi controls, zero-width characters, the BOM,
/// soft hyphen, tags) and the like: they change how a name reads without being seen.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{034F}'
        | '\u{0600}'..='\u{0605}'
        | '\u{061C}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{08E2}'
        | '\u{115F}'..='\u{1160}'
        | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{FFA0}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// `type/subtype` as RFC 6838 restricts it, lower-cased, parameters dropped.
pub fn content_type(value: &str) -> Result<String> {
    let essence = value.split(';').next().unwrap_or("").trim().to_lowercase();
    let token = |s: &str| {
        !s.is_empty()
            && s.len() <= 127
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    match essence.split_once('/') {
        Some((t, s)) if token(t) && token(s) => Ok(essence),
        _ => Err(Error::validation("contentType must look like type/subtype")),
    }
}

pub fn upload_size(size: u64, max: u64) -> Result<u64> {
    if size == 0 {
        return Err(Error::validation("size must be at least 1 byte"));
    }
    if size > max {
        return Err(Error::TooLarge(format!(
            "size {size} is above the upload limit of {max} bytes"
        )));
    }
    Ok(size)
}

/// A list of ids from a request body: non-empty, bounded, each valid, duplicates dropped.
pub fn id_list(field: &str, values: &[String], max: usize) -> Result<Vec<String>> {
    if values.is_empty() {
        return Err(Error::validation(format!("{field} must not be empty")));
    }
    if values.len() > max {
        return Err(Error::validation(format!(
            "{field} takes at most {max} ids per call"
        )));
    }
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for v in values {
        let v = id(field, v)?;
        if !out.contains(&v) {
            out.push(v);
        }
    }
    Ok(out)
}

/// A link people follow from the portal or their calendar: https, a host, no spaces or
/// control characters, at most 2,000 characters.
pub fn https_url(field: &str, value: &str) -> Result<String> {
    let value = value.trim();
    let host = value
        .strip_prefix("https://")
        .and_then(|rest| rest.split(['/', '?', '#']).next())
        .unwrap_or_default();
    let clean = !value
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '"');
    if host.is_empty() || !clean || value.chars().count() > 2000 {
        return Err(Error::validation(format!(
            "{field} must be an https link, like https://meet.example.com/123"
        )));
    }
    Ok(value.to_string())
}

/// An IANA time zone name by its form (`America/New_York`, `UTC`): the functions that write
/// carry no zone rules to look it up in; the pages show it as given.
pub fn time_zone(field: &str, value: &str) -> Result<String> {
    let value = value.trim();
    let part = |p: &str| {
        !p.is_empty()
            && p.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_+-".contains(c))
    };
    let parts: Vec<&str> = value.split('/').collect();
    if value.len() > 64 || parts.len() > 3 || !parts.iter().all(|p| part(p)) {
        return Err(Error::validation(format!(
            "{field} must be an IANA time zone, like America/New_York"
        )));
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_https_with_a_host_and_nothing_hidden() {
        let ok = https_url("videoUrl", " https://meet.example.com/j/1?p=a,b ");
        assert_eq!(
            ok.ok().as_deref(),
            Some("https://meet.example.com/j/1?p=a,b")
        );
        for bad in [
            "http://meet.example.com",
            "https:///x",
            "javascript:alert(1)",
            "https://a b",
            "https://a\r\nX:1",
            "https://a\"b",
            "",
        ] {
            assert!(https_url("videoUrl", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn time_zones_are_iana_names_by_form() {
        for ok in [
            "UTC",
            "America/New_York",
            "America/Argentina/Buenos_Aires",
            "Etc/GMT+5",
        ] {
            assert_eq!(time_zone("timeZone", ok).ok().as_deref(), Some(ok));
        }
        for bad in [
            "",
            "New York",
            "../etc/passwd",
            "America//X",
            "a/b/c/d",
            "1America/X",
        ] {
            assert!(time_zone("timeZone", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ids_reject_separators_and_length() {
        assert!(id("x", "matter-1_A").is_ok());
        for bad in ["", "a#b", "a/b", "a b", "ä", &"a".repeat(65)] {
            assert_eq!(id("x", bad).unwrap_err().status(), 400, "{bad}");
        }
    }

    #[test]
    fn message_texts_keep_line_breaks_and_refuse_other_control_characters() {
        let kept = message_text("text", "  Hello,\r\n\tsee below.\n\n", 100).expect("ok");
        assert_eq!(kept, "Hello,\n\tsee below.");
        for bad in ["", " \n\t ", "bell\u{7}", "esc\u{1b}[31m"] {
            assert_eq!(
                message_text("text", bad, 100).unwrap_err().status(),
                400,
                "{bad:?}"
            );
        }
        assert!(message_text("text", &"é".repeat(100), 100).is_ok());
        assert!(message_text("text", &"é".repeat(101), 100).is_err());
        // Other texts keep refusing a line break.
        assert!(text("name", "a\nb", 100).is_err());
    }

    #[test]
    fn emails() {
        assert_eq!(
            email("e", " Ann@Example.com ").expect("ok"),
            "Ann@Example.com"
        );
        for bad in [
            "",
            "ann",
            "ann@",
            "@x.com",
            "a b@x.com",
            "a@x",
            "a@.x.com",
            "a@x..com",
            "a@b@c.com",
            "a,b@x.com",
            "\"a b\"@x.com",
            "\"a\"@x.com",
            "Ann <a@x.com>",
            "a@x.com, b@y.com",
            "a;b@x.com",
            "a@x_y.com",
            "a@-x.com",
            ".a@x.com",
            "a.@x.com",
            "a@x.com.",
        ] {
            assert!(email("e", bad).is_err(), "{bad}");
        }
        assert_eq!(email_key(" Ann@Example.COM"), "ann@example.com");
    }

    #[test]
    fn every_displayed_text_refuses_hidden_characters_but_keeps_emoji() {
        for bad in [
            "Ann\u{202E}eb",
            "Smith\u{200B}",
            "Ma\u{200D}tter",
            "x\u{FE0F}",
            "\u{2066}title\u{2069}",
            "a\u{00AD}b",
        ] {
            let refused = text("name", bad, 100).expect_err(bad);
            assert!(refused.to_string().contains("invisible"), "{refused}");
            assert!(message_text("text", bad, 100).is_err(), "{bad:?}");
        }
        for fine in [
            "Thanks ❤️",
            "👩‍💻 on it",
            "👍🏽",
            "Call 1️⃣ first",
            "عربي and עברית",
            "José Núñez",
        ] {
            assert_eq!(text("name", fine, 100).expect(fine), fine);
            assert!(message_text("text", fine, 100).is_ok(), "{fine:?}");
        }
    }

    #[test]
    fn file_names_are_names_not_paths() {
        assert_eq!(file_name(" report.pdf ").expect("ok"), "report.pdf");
        assert!(file_name("Ünïcode – naïve.docx").is_ok());
        for bad in [
            "",
            "../etc/passwd",
            "a\\b",
            "..",
            "a\nb",
            &"x".repeat(256),
            "Invoice\u{202E}fdp.hta",
            "report\u{200B}.pdf",
            "\u{FEFF}report.pdf",
            "a\u{2066}b\u{2069}.pdf",
            "x\u{00AD}y.pdf",
        ] {
            assert!(file_name(bad).is_err(), "{bad:?}");
        }
        assert!(
            file_name("עברית.pdf").is_ok(),
            "right-to-left letters are fine"
        );
    }

    #[test]
    fn content_types() {
        assert_eq!(
            content_type("Application/PDF; charset=x").expect("ok"),
            "application/pdf"
        );
        for bad in ["", "pdf", "a/", "/b", "a b/c", "text/plain\r\nx: y"] {
            assert!(content_type(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn sizes() {
        assert_eq!(upload_size(0, 10).unwrap_err().status(), 400);
        assert_eq!(upload_size(11, 10).unwrap_err().status(), 413);
        assert_eq!(upload_size(10, 10).expect("ok"), 10);
    }

    #[test]
    fn id_lists_dedupe_and_bound() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            id_list("d", &v(&["a", "b", "a"]), 5).expect("ok"),
            v(&["a", "b"])
        );
        assert!(id_list("d", &[], 5).is_err());
        assert!(id_list("d", &v(&["a", "b", "c"]), 2).is_err());
        assert!(id_list("d", &v(&["a#"]), 2).is_err());
    }
}
