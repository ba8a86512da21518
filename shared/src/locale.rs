//! The languages the portal speaks to contacts, and its email texts in each: Project Fluent
//! catalogs (`shared/locales/<language>/mail.ftl`), compiled in and parsed once per process.
//! Fluent keeps plurals and wording choices in the translation, where a translator can
//! change them, instead of in code; its files are what translation tools read.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// A language a contact can read the portal and its emails in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Es,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Es];

    /// Its BCP 47 code, as stored and as the API and the pages name it.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
        }
    }

    /// A code as the API or a setting gives it (`es`, `es-MX`: the language part decides).
    pub fn parse(code: &str) -> Option<Self> {
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        Self::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    fn catalog(self) -> &'static str {
        match self {
            Language::En => include_str!("../locales/en/mail.ftl"),
            Language::Es => include_str!("../locales/es/mail.ftl"),
        }
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(language: Language) -> &'static Bundle {
    static BUNDLES: OnceLock<Vec<Bundle>> = OnceLock::new();
    let bundles = BUNDLES.get_or_init(|| Language::ALL.into_iter().map(build).collect());
    let at = Language::ALL
        .iter()
        .position(|l| *l == language)
        .unwrap_or(0);
    &bundles[at]
}

fn build(language: Language) -> Bundle {
    let id = language
        .code()
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Plain-text emails: no Unicode isolation marks around the values.
    bundle.set_use_isolating(false);
    // The catalogs are compiled in and checked by the unit tests; a syntax error there keeps
    // the entries that parsed.
    let resource = FluentResource::try_new(language.catalog().to_string())
        .unwrap_or_else(|(partial, _)| partial);
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(?errors, language = language.code(), "email catalog");
    }
    bundle
}

/// One value a text names: words or a count (counts choose the plural).
#[derive(Clone, Debug)]
pub enum Arg<'a> {
    Text(&'a str),
    /// Words made for this text (an amount, a date already worded).
    Owned(String),
    Count(u64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(text)
    }
}

impl From<u64> for Arg<'_> {
    fn from(count: u64) -> Self {
        Arg::Count(count)
    }
}

impl From<usize> for Arg<'_> {
    fn from(count: usize) -> Self {
        Arg::Count(u64::try_from(count).unwrap_or(u64::MAX))
    }
}

/// The text `id` in `language` with its values; English when the language lacks it (never,
/// while the completeness test passes), the id itself when no catalog has it.
pub fn text(language: Language, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut values = FluentArgs::new();
    for (name, arg) in args {
        let value = match arg {
            Arg::Text(text) => FluentValue::from(*text),
            Arg::Owned(text) => FluentValue::from(text.clone()),
            Arg::Count(count) => FluentValue::from(*count),
        };
        values.set(*name, value);
    }
    for candidate in [language, Language::En] {
        let bundle = bundle(candidate);
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&values), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(?errors, id, "email text with errors");
            }
            return text.into_owned();
        }
    }
    tracing::error!(id, "email text missing");
    id.to_string()
}

/// An amount of `minor` units with `places` decimals as `language` writes numbers (CLDR's
/// symbols and grouping, by ICU4X): 1,250.00 in English; 1250,00 and 12.500,00 in Spanish.
pub fn decimal(language: Language, minor: i64, places: u32) -> String {
    // Per thread: ICU4X's formatters are not Sync, and the mail worker runs on one thread.
    thread_local! {
        static FORMATTERS: Vec<Option<icu_decimal::DecimalFormatter>> = Language::ALL
            .into_iter()
            .map(|l| {
                let locale = icu_locale_core::Locale::try_from_str(l.code()).ok()?;
                icu_decimal::DecimalFormatter::try_new(locale.into(), Default::default()).ok()
            })
            .collect();
    }
    let mut value = icu_decimal::input::Decimal::from(minor);
    value.multiply_pow10(-i16::try_from(places).unwrap_or(0));
    let at = Language::ALL.iter().position(|l| *l == language);
    FORMATTERS.with(
        |formatters| match at.and_then(|at| formatters.get(at)?.as_ref()) {
            Some(formatter) => formatter.format(&value).to_string(),
            None => value.to_string(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn amounts_are_written_as_each_language_writes_numbers() {
        assert_eq!(decimal(Language::En, 125_000, 2), "1,250.00");
        assert_eq!(
            decimal(Language::Es, 125_000, 2),
            "1250,00",
            "Spanish groups from 5 digits"
        );
        assert_eq!(decimal(Language::Es, 1_250_000, 2), "12.500,00");
        assert_eq!(decimal(Language::En, 500, 0), "500", "no minor unit (JPY)");
        assert_eq!(
            decimal(Language::Es, 1_234_567, 3),
            "1234,567",
            "three places (KWD)"
        );
        assert_eq!(decimal(Language::En, 5, 2), "0.05");
    }

    /// Each message of a catalog with the variables it names.
    fn messages(catalog: &str) -> BTreeMap<String, BTreeSet<String>> {
        let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut current = None;
        for line in catalog.lines() {
            if let Some((id, _)) = line.split_once(" =").filter(|_| !line.starts_with(' ')) {
                if !id.starts_with('#') && !id.is_empty() {
                    current = Some(id.trim().to_string());
                    found.entry(id.trim().to_string()).or_default();
                }
            }
            if let Some(id) = &current {
                let names = line
                    .split("{ $")
                    .skip(1)
                    .filter_map(|rest| rest.split([' ', '}']).next())
                    .map(String::from);
                found.entry(id.clone()).or_default().extend(names);
            }
        }
        found
    }

    #[test]
    fn every_language_has_every_text_with_the_same_values() {
        let english = messages(Language::En.catalog());
        assert!(english.len() > 20, "{english:?}");
        for language in Language::ALL {
            let catalog = Language::catalog(language);
            assert!(
                FluentResource::try_new(catalog.to_string()).is_ok(),
                "{language:?}: the catalog parses"
            );
            assert_eq!(messages(catalog), english, "{language:?}");
        }
    }

    #[test]
    fn every_text_is_used_and_every_text_used_exists() {
        let english = messages(Language::En.catalog());
        let code = include_str!("email.rs");
        let used: BTreeSet<String> = code
            .split('"')
            .filter(|s| {
                (s.starts_with("digest-")
                    || s.starts_with("invitation-")
                    || s.starts_with("sign-in-"))
                    && !s.contains(' ')
            })
            .map(String::from)
            .collect();
        let defined: BTreeSet<String> = english.keys().cloned().collect();
        assert_eq!(used, defined);
    }

    #[test]
    fn plurals_follow_each_language() {
        let subject = |language, count: u64| {
            text(
                language,
                "digest-subject-shared",
                &[("firm", "Smith LLP".into()), ("count", count.into())],
            )
        };
        assert_eq!(
            subject(Language::En, 1),
            "Smith LLP shared 1 document with you"
        );
        assert_eq!(
            subject(Language::En, 2),
            "Smith LLP shared 2 documents with you"
        );
        assert_eq!(
            subject(Language::Es, 1),
            "Smith LLP compartió 1 documento con usted"
        );
        assert_eq!(
            subject(Language::Es, 2),
            "Smith LLP compartió 2 documentos con usted"
        );
        assert_eq!(
            subject(Language::Es, 0),
            "Smith LLP compartió 0 documentos con usted"
        );
    }

    #[test]
    fn multiline_texts_keep_their_paragraphs_and_no_isolation_marks() {
        let body = text(
            Language::Es,
            "sign-in-body",
            &[
                ("firm", "Smith LLP".into()),
                ("link", "https://p/#invite=t".into()),
                ("minutes", 60u64.into()),
            ],
        );
        assert!(body.starts_with("Hola:\n\nUse este enlace"), "{body:?}");
        assert!(body.contains("caduca en 60 minutos."), "{body:?}");
        assert!(!body.contains('\u{2068}') && !body.contains('\u{2069}'));
        assert_eq!(text(Language::Es, "no-such-text", &[]), "no-such-text");
    }

    #[test]
    fn codes_name_the_language_whatever_the_region() {
        assert_eq!(Language::parse("es-MX"), Some(Language::Es));
        assert_eq!(Language::parse("EN"), Some(Language::En));
        assert_eq!(Language::parse("fr"), None);
        assert_eq!(Language::parse(""), None);
        assert_eq!(
            serde_json::to_string(&Language::Es).expect("json"),
            "\"es\""
        );
    }
}
