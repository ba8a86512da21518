//! The firm's brand in every email: its name, its logo and its accent colour, and the HTML part
//! an email's text becomes. The text part stays the email's content; the HTML says the same
//! with the firm's header, so a reader whose mail shows no images or no HTML misses nothing.

use crate::error::{Error, Result};
use crate::locale::Language;

/// The page's own brand colour (web/styles.css `--brand`), used when the firm sets none.
pub const DEFAULT_ACCENT: &str = "#1f3a5f";
/// WCAG 2's minimum for normal text: white on the accent (header, buttons) and the accent on
/// white (links) must both reach it, and they are the same ratio.
pub const MIN_CONTRAST: f64 = 4.5;

/// A colour as `#rrggbb`, readable with white (at least [`MIN_CONTRAST`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Accent(String);

impl Accent {
    /// `#rrggbb` (or `#rgb`), refused with the ratio it reaches when white on it is too faint.
    pub fn parse(value: &str) -> Result<Self> {
        let rgb = rgb(value.trim()).ok_or_else(|| {
            Error::validation("the accent colour must be a hex colour like #1f3a5f")
        })?;
        let ratio = contrast_with_white(rgb);
        if ratio < MIN_CONTRAST {
            // In hundredths by integer arithmetic: float formatting would add tens of KiB to
            // every function, which all read this setting at start.
            let hundredths = (ratio * 100.0).floor() as u32;
            return Err(Error::validation(format!(
                "the accent colour {} has a contrast of {}.{:02}:1 with white; it needs at least 4.5:1",
                value.trim(),
                hundredths / 100,
                hundredths % 100
            )));
        }
        let [r, g, b] = rgb;
        Ok(Self(format!("#{r:02x}{g:02x}{b:02x}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Accent {
    fn default() -> Self {
        Self(DEFAULT_ACCENT.into())
    }
}

fn rgb(hex: &str) -> Option<[u8; 3]> {
    let digits = hex.strip_prefix('#')?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |s: &str| u8::from_str_radix(s, 16).ok();
    match digits.len() {
        6 => Some([
            channel(&digits[0..2])?,
            channel(&digits[2..4])?,
            channel(&digits[4..6])?,
        ]),
        3 => {
            let short = |i: usize| channel(&digits[i..=i]).map(|v| v * 17);
            Some([short(0)?, short(1)?, short(2)?])
        }
        _ => None,
    }
}

/// WCAG 2's contrast ratio between a colour and white.
pub fn contrast_with_white([r, g, b]: [u8; 3]) -> f64 {
    let linear = |channel: u8| {
        let c = f64::from(channel) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    1.05 / (luminance + 0.05)
}

/// What every email's HTML part shows of the firm.
#[derive(Clone, Debug, Default)]
pub struct Brand {
    pub firm_name: String,
    pub accent: Accent,
    /// The logo's address on the portal's own site (`PORTAL_URL` + `FIRM_LOGO`), when both
    /// are set.
    pub logo_url: Option<String>,
}

impl Brand {
    pub fn new(firm_name: &str, accent: Accent, portal_url: &str, logo_path: &str) -> Self {
        let logo_path = logo_path.trim().trim_start_matches('/');
        let logo_url = (!portal_url.is_empty() && !logo_path.is_empty())
            .then(|| format!("{}/{logo_path}", portal_url.trim_end_matches('/')));
        Self {
            firm_name: firm_name.to_string(),
            accent,
            logo_url,
        }
    }

    /// The HTML part of an email whose plain text is `text`: the firm's header (its logo and
    /// name on the accent; the logo decorative, so that without images the name says it),
    /// then the text's paragraphs, every value escaped and every https link clickable.
    pub fn html(&self, language: Language, subject: &str, text: &str) -> String {
        let accent = self.accent.as_str();
        let firm = escape(&self.firm_name);
        let logo = match &self.logo_url {
            Some(url) => format!(
                r#"<td width="52" style="padding:0 12px 0 0"><img src="{}" alt="" width="40" height="40" style="display:block;width:40px;height:40px;border:0"></td>"#,
                escape(url)
            ),
            None => String::new(),
        };
        let header = format!(
            r#"<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse"><tr>{logo}<td style="color:#ffffff;font-weight:bold;font-size:20px">{firm}</td></tr></table>"#
        );
        let paragraphs: String = text
            .trim_end()
            .split("\n\n")
            .map(|paragraph| {
                let lines: Vec<String> =
                    paragraph.lines().map(|line| linked(line, accent)).collect();
                format!(
                    r#"<p style="margin:0 0 16px;line-height:1.5">{}</p>"#,
                    lines.join("<br>")
                )
            })
            .collect();
        format!(
            r#"<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{title}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;color:#1d2430;font-family:Arial,Helvetica,sans-serif;font-size:16px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse"><tr><td align="center" style="padding:16px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;border-collapse:collapse;background:#ffffff">
<tr><td style="background:{accent};padding:16px 24px">{header}</td></tr>
<tr><td style="padding:24px">{paragraphs}</td></tr>
</table></td></tr></table>
</body></html>
"#,
            lang = language.code(),
            title = escape(subject),
        )
    }
}

/// `line` escaped, with each https link an anchor in the accent colour.
fn linked(line: &str, accent: &str) -> String {
    line.split(' ')
        .map(|word| {
            if word.starts_with("https://") || word.starts_with("http://") {
                let href = escape(word);
                format!(
                    r#"<a href="{href}" style="color:{accent};word-break:break-all">{href}</a>"#
                )
            } else {
                escape(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text as HTML text or attribute value: names and file names come from people.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_accent_is_refused_under_four_and_a_half_to_one_with_white() {
        assert!((contrast_with_white([0, 0, 0]) - 21.0).abs() < 1e-9);
        assert!((contrast_with_white([255, 255, 255]) - 1.0).abs() < 1e-9);
        // #767676 is the lightest grey that passes on white; #777777 is just under.
        assert_eq!(
            Accent::parse("#767676").expect("4.54:1").as_str(),
            "#767676"
        );
        let refused = Accent::parse("#777777").expect_err("4.478:1");
        assert!(refused.to_string().contains("4.47:1"), "{refused}");
        assert_eq!(Accent::parse(" #1F3A5F ").expect("ok").as_str(), "#1f3a5f");
        assert_eq!(
            Accent::parse("#036").expect("short form").as_str(),
            "#003366"
        );
        for bad in ["", "1f3a5f", "#12345", "#ggg", "red", "#ffff00"] {
            assert!(Accent::parse(bad).is_err(), "{bad}");
        }
        assert!(Accent::parse(DEFAULT_ACCENT).is_ok());
    }

    #[test]
    fn the_html_part_says_the_text_with_the_firms_header_and_escapes_every_value() {
        let brand = Brand::new(
            "Smith & <Sons>",
            Accent::parse("#1d5fbf").expect("accent"),
            "https://portal.example.com/",
            "/brand/logo.png",
        );
        let text =
            "Hello <b>Ann</b>,\n\nOpen the portal:\nhttps://portal.example.com/#invite=a&b\n";
        let html = brand.html(Language::Es, "Subject \"x\"", text);
        assert!(html.contains(r#"<html lang="es">"#));
        assert!(html.contains("<title>Subject &quot;x&quot;</title>"));
        assert!(
            html.contains(r#"<img src="https://portal.example.com/brand/logo.png" alt="""#),
            "{html}"
        );
        assert!(
            html.contains(">Smith &amp; &lt;Sons&gt;</td>"),
            "the name beside it: {html}"
        );
        assert!(html.contains("background:#1d5fbf"));
        assert!(html.contains("Hello &lt;b&gt;Ann&lt;/b&gt;,"), "{html}");
        assert!(!html.contains("<b>"));
        assert!(
            html.contains(
                r#"Open the portal:<br><a href="https://portal.example.com/#invite=a&amp;b""#
            ),
            "{html}"
        );
        let without_logo = Brand::new("Smith LLP", Accent::default(), "", "brand/logo.png");
        assert_eq!(without_logo.logo_url, None);
        let html = without_logo.html(Language::En, "s", "t");
        assert!(html.contains(">Smith LLP</td>") && !html.contains("<img"));
    }
}
