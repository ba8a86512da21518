//! Settings read once from the environment at cold start.

use crate::brand::{Accent, Brand};
use crate::error::{Error, Result};
use crate::locale::Language;
use std::time::Duration;

/// Longest lifetime of a presigned GET the design allows.
pub const MAX_DOWNLOAD_URL_TTL: Duration = Duration::from_secs(300);
/// Longest lifetime of a presigned PUT the design allows.
pub const MAX_UPLOAD_URL_TTL: Duration = Duration::from_secs(900);
/// Longest digest window: SQS delays a message by at most 15 minutes.
pub const MAX_DIGEST_WINDOW: Duration = Duration::from_secs(900);

#[derive(Clone, Debug)]
pub struct Config {
    pub table_name: String,
    pub bucket_name: String,
    pub sender_email: String,
    /// SES configuration set every email is sent with, when deployed (metrics, suppression).
    pub ses_configuration_set: Option<String>,
    /// What the distribution adds to every request it forwards (`x-origin-verify`), when
    /// deployed: a call that reaches the API another way (skipping the web ACL) is refused.
    pub origin_secret: Option<String>,
    pub firm_name: String,
    /// The language contacts are written to unless staff or the contact chose another
    /// (`FIRM_LANGUAGE`: en or es).
    pub firm_language: Language,
    /// The firm's colour in the page and every email (`FIRM_ACCENT`), readable with white.
    pub accent: Accent,
    /// The firm's logo on the portal's site (`FIRM_LOGO`, a path in the site bucket).
    pub firm_logo: String,
    /// Base URL of the portal front end; links are `PORTAL_URL/#invite=<token>`.
    pub portal_url: String,
    pub invite_ttl: Duration,
    /// The least time between two invitations to one contact (a resend within it is 429).
    pub invite_resend_interval: Duration,
    pub session_ttl: Duration,
    pub download_url_ttl: Duration,
    pub upload_url_ttl: Duration,
    pub max_upload_bytes: u64,
    /// The largest zip one request builds (`ZIP_MAX_BYTES`): it must be written within the
    /// HTTP API's 30 s, so the default leaves room at a slow 10 MB/s.
    pub zip_max_bytes: u64,
    /// The most documents in one zip (`ZIP_MAX_ENTRIES`).
    pub zip_max_entries: usize,
    /// Content types an upload may declare (`ALLOWED_CONTENT_TYPES`, comma separated).
    pub allowed_content_types: Vec<String>,
    /// Only for local runs without an API Gateway authorizer; the template never sets it.
    pub local_jwt_secret: Option<String>,
    /// Open the DynamoDB connection during init (`WARM_UP_AT_INIT`, default false: measured,
    /// it made init plus the first request slower, see the README's Performance).
    pub warm_up_at_init: bool,
    /// Sign-in links mailed to one address per window, and the least time between two.
    pub sign_in_limit: u32,
    pub sign_in_window: Duration,
    pub sign_in_cooldown: Duration,
    /// How long notifications gather before one digest email goes out (`DIGEST_WINDOW`).
    pub digest_window: Duration,
    /// The queue that wakes the digest sender (`DIGEST_QUEUE_URL`); only `file-notifications`
    /// sends to it, so only its settings have it.
    pub digest_queue_url: Option<String>,
    /// The firm's IANA time zone (`FIRM_TIME_ZONE`): the day a bill falls past due in. Checked
    /// where it is used (`clock::date_in`), so that only the functions that compute a due
    /// status carry the zone rules.
    pub firm_time_zone: String,
    /// The firm's own payment page for a bill (`PAYMENT_URL_TEMPLATE`, https, `{billId}`
    /// replaced by the bill's id); none: the portal shows no Pay.
    pub payment_url_template: Option<String>,
    /// Which scanner's verdict attaches an upload (`MALWARE_SCAN`: `guardduty` deployed, the
    /// EICAR `stand-in` locally).
    pub malware_scan: crate::scan::Scanner,
}

/// Where the page's files keep the firm's logo unless `FIRM_LOGO` names another.
pub const DEFAULT_LOGO: &str = "brand/logo.png";

impl Config {
    /// What every email shows of the firm.
    pub fn brand(&self) -> Brand {
        Brand::new(
            &self.firm_name,
            self.accent.clone(),
            &self.portal_url,
            &self.firm_logo,
        )
    }

    pub fn from_env() -> Result<Self> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup` so tests can supply them without touching the process env.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let required = |name: &str| {
            lookup(name)
                .filter(|v| !v.trim().is_empty())
                .ok_or_else(|| Error::internal(format!("missing setting {name}")))
        };
        let seconds = |name: &str, default: u64| -> Result<Duration> {
            match lookup(name) {
                None => Ok(Duration::from_secs(default)),
                Some(raw) => raw
                    .trim()
                    .parse::<u64>()
                    .map(Duration::from_secs)
                    .map_err(|_| Error::internal(format!("{name} must be whole seconds"))),
            }
        };
        let number = |name: &str, default: u64| -> Result<u64> {
            match lookup(name) {
                None => Ok(default),
                Some(raw) => raw
                    .trim()
                    .parse::<u64>()
                    .map_err(|_| Error::internal(format!("{name} must be a whole number"))),
            }
        };
        let max_upload_bytes = number("MAX_UPLOAD_BYTES", 100 * 1024 * 1024)?;
        Ok(Self {
            table_name: required("TABLE_NAME")?,
            bucket_name: required("BUCKET_NAME")?,
            sender_email: required("SENDER_EMAIL")?,
            ses_configuration_set: lookup("SES_CONFIGURATION_SET").filter(|s| !s.trim().is_empty()),
            origin_secret: lookup("ORIGIN_SECRET").filter(|s| !s.trim().is_empty()),
            firm_name: lookup("FIRM_NAME").unwrap_or_else(|| "Your law firm".into()),
            firm_language: match lookup("FIRM_LANGUAGE").filter(|s| !s.trim().is_empty()) {
                None => Language::En,
                Some(code) => Language::parse(&code)
                    .ok_or_else(|| Error::internal("FIRM_LANGUAGE must be en or es"))?,
            },
            accent: match lookup("FIRM_ACCENT").filter(|s| !s.trim().is_empty()) {
                None => Accent::default(),
                Some(hex) => Accent::parse(&hex)
                    .map_err(|refused| Error::internal(format!("FIRM_ACCENT: {refused}")))?,
            },
            firm_logo: lookup("FIRM_LOGO").unwrap_or_else(|| DEFAULT_LOGO.into()),
            portal_url: required("PORTAL_URL")?.trim_end_matches('/').to_string(),
            invite_ttl: seconds("INVITE_TTL", 3600)?,
            invite_resend_interval: seconds("INVITE_RESEND_INTERVAL", 600)?,
            session_ttl: seconds("SESSION_TTL", 12 * 3600)?,
            // Clamped: a misconfiguration must not widen what a leaked link exposes.
            download_url_ttl: seconds("DOWNLOAD_URL_TTL", 300)?.min(MAX_DOWNLOAD_URL_TTL),
            upload_url_ttl: seconds("UPLOAD_URL_TTL", 900)?.min(MAX_UPLOAD_URL_TTL),
            max_upload_bytes,
            // Clamped: past these an archive needs ZIP64, which `archive` does not write.
            zip_max_bytes: number("ZIP_MAX_BYTES", 250_000_000)?.min(crate::archive::MAX_BYTES),
            zip_max_entries: (number("ZIP_MAX_ENTRIES", 1000)? as usize)
                .min(crate::archive::MAX_ENTRIES),
            allowed_content_types: match lookup("ALLOWED_CONTENT_TYPES") {
                Some(list) if !list.trim().is_empty() => list
                    .split(',')
                    .map(|t| t.trim().to_lowercase())
                    .filter(|t| !t.is_empty())
                    .collect(),
                _ => crate::content::DEFAULT_ALLOWED_TYPES
                    .iter()
                    .map(|t| t.to_string())
                    .collect(),
            },
            local_jwt_secret: lookup("PORTAL_LOCAL_JWT_SECRET").filter(|s| !s.is_empty()),
            warm_up_at_init: match lookup("WARM_UP_AT_INIT").as_deref().map(str::trim) {
                Some("true") => true,
                None | Some("") | Some("false") => false,
                Some(_) => return Err(Error::internal("WARM_UP_AT_INIT must be true or false")),
            },
            sign_in_limit: u32::try_from(number("SIGN_IN_LIMIT", 5)?)
                .map_err(|_| Error::internal("SIGN_IN_LIMIT is too large"))?,
            sign_in_window: seconds("SIGN_IN_WINDOW", 3600)?,
            sign_in_cooldown: seconds("SIGN_IN_COOLDOWN", 60)?,
            // Clamped: SQS refuses a longer delay, and a window is never lost for it.
            digest_window: seconds("DIGEST_WINDOW", 300)?.min(MAX_DIGEST_WINDOW),
            digest_queue_url: lookup("DIGEST_QUEUE_URL").filter(|s| !s.trim().is_empty()),
            firm_time_zone: lookup("FIRM_TIME_ZONE")
                .map(|z| z.trim().to_string())
                .filter(|z| !z.is_empty())
                .unwrap_or_else(|| "America/New_York".into()),
            payment_url_template: payment_url_template(lookup("PAYMENT_URL_TEMPLATE"))?,
            malware_scan: crate::scan::Scanner::parse(lookup("MALWARE_SCAN").as_deref())?,
        })
    }
}

/// A payment page template: https, naming `{billId}` once; empty: none.
fn payment_url_template(raw: Option<String>) -> Result<Option<String>> {
    let Some(template) = raw.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let host = template
        .strip_prefix("https://")
        .and_then(|rest| rest.split(['/', '?', '#']).next())
        .unwrap_or_default();
    if host.is_empty()
        || template.matches("{billId}").count() != 1
        || template.contains(char::is_whitespace)
    {
        return Err(Error::internal(
            "PAYMENT_URL_TEMPLATE must be an https URL naming {billId} once",
        ));
    }
    Ok(Some(template))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    const BASE: [(&str, &str); 4] = [
        ("TABLE_NAME", "t"),
        ("BUCKET_NAME", "b"),
        ("SENDER_EMAIL", "s@example.com"),
        ("PORTAL_URL", "https://portal.example.com/"),
    ];

    #[test]
    fn defaults_follow_the_design() {
        let c = Config::from_lookup(env(&BASE)).expect("config");
        assert_eq!(c.invite_ttl, Duration::from_secs(3600));
        assert_eq!(c.session_ttl, Duration::from_secs(43200));
        assert_eq!(c.max_upload_bytes, 104_857_600);
        assert_eq!(c.portal_url, "https://portal.example.com");
        assert!(c.local_jwt_secret.is_none());
        assert!(!c.warm_up_at_init);
        assert_eq!(
            (c.sign_in_limit, c.sign_in_window, c.sign_in_cooldown),
            (5, Duration::from_secs(3600), Duration::from_secs(60))
        );
        assert_eq!(c.digest_window, Duration::from_secs(300));
        assert!(c.digest_queue_url.is_none());
        assert_eq!(c.firm_language, Language::En);
    }

    #[test]
    fn a_payment_page_is_https_and_names_the_bill_once() {
        let mut pairs = BASE.to_vec();
        let c = Config::from_lookup(env(&pairs)).expect("config");
        assert_eq!(
            (c.firm_time_zone.as_str(), c.payment_url_template),
            ("America/New_York", None)
        );
        pairs.push((
            "PAYMENT_URL_TEMPLATE",
            "https://pay.example.com/invoices/{billId}?firm=1",
        ));
        let c = Config::from_lookup(env(&pairs)).expect("config");
        assert_eq!(
            c.payment_url_template.as_deref(),
            Some("https://pay.example.com/invoices/{billId}?firm=1")
        );
        for bad in [
            "http://pay.example.com/{billId}",
            "https://pay.example.com/",
            "https:///{billId}",
            "https://x/{billId}/{billId}",
            "javascript:{billId}",
        ] {
            let mut pairs = BASE.to_vec();
            pairs.push(("PAYMENT_URL_TEMPLATE", bad));
            assert!(Config::from_lookup(env(&pairs)).is_err(), "{bad}");
        }
    }

    #[test]
    fn digest_windows_are_clamped_to_what_sqs_can_delay() {
        let mut pairs = BASE.to_vec();
        pairs.push(("DIGEST_WINDOW", "3600"));
        let c = Config::from_lookup(env(&pairs)).expect("config");
        assert_eq!(c.digest_window, MAX_DIGEST_WINDOW);
    }

    #[test]
    fn the_firm_language_is_one_the_portal_speaks() {
        let mut pairs = BASE.to_vec();
        pairs.push(("FIRM_LANGUAGE", "es"));
        let c = Config::from_lookup(env(&pairs)).expect("config");
        assert_eq!(c.firm_language, Language::Es);
        pairs.push(("FIRM_LANGUAGE", "fr"));
        assert!(Config::from_lookup(env(&pairs)).is_err());
    }

    #[test]
    fn the_accent_must_be_readable_with_white() {
        let mut pairs = BASE.to_vec();
        let c = Config::from_lookup(env(&pairs)).expect("config");
        assert_eq!(c.accent, Accent::default());
        assert_eq!(
            c.brand().logo_url.as_deref(),
            Some("https://portal.example.com/brand/logo.png")
        );
        pairs.push(("FIRM_ACCENT", "#7a1f5c"));
        assert_eq!(
            Config::from_lookup(env(&pairs))
                .expect("config")
                .accent
                .as_str(),
            "#7a1f5c"
        );
        pairs.push(("FIRM_ACCENT", "#ffcc00"));
        let refused = Config::from_lookup(env(&pairs)).expect_err("too faint");
        assert!(refused.to_string().contains("contrast"), "{refused}");
    }

    #[test]
    fn warm_up_can_be_turned_on_but_not_misspelled() {
        let mut pairs = BASE.to_vec();
        pairs.push(("WARM_UP_AT_INIT", "true"));
        assert!(
            Config::from_lookup(env(&pairs))
                .expect("config")
                .warm_up_at_init
        );
        pairs.push(("WARM_UP_AT_INIT", "no"));
        assert!(Config::from_lookup(env(&pairs)).is_err());
    }

    #[test]
    fn url_lifetimes_are_clamped_to_the_design_maximums() {
        let mut pairs = BASE.to_vec();
        pairs.push(("DOWNLOAD_URL_TTL", "3600"));
        pairs.push(("UPLOAD_URL_TTL", "86400"));
        let c = Config::from_lookup(env(&pairs)).expect("config");
        assert_eq!(c.download_url_ttl, MAX_DOWNLOAD_URL_TTL);
        assert_eq!(c.upload_url_ttl, MAX_UPLOAD_URL_TTL);
    }

    #[test]
    fn allowed_types_are_configurable() {
        let c = Config::from_lookup(env(&BASE)).expect("config");
        assert!(c
            .allowed_content_types
            .contains(&"application/pdf".to_string()));
        let mut pairs = BASE.to_vec();
        pairs.push(("ALLOWED_CONTENT_TYPES", " Application/PDF , text/plain,"));
        let c = Config::from_lookup(env(&pairs)).expect("config");
        assert_eq!(c.allowed_content_types, ["application/pdf", "text/plain"]);
    }

    #[test]
    fn missing_table_is_an_error() {
        let err = Config::from_lookup(env(&BASE[1..])).unwrap_err();
        assert!(err.to_string().contains("TABLE_NAME"));
    }
}
