//! Money: integer minor units of an ISO 4217 currency, never floats. The pages format it
//! with Intl; emails with [`plain`].

use crate::error::{Error, Result};
use iso_currency::Currency;

/// The largest amount accepted, in minor units: far above any bill, far below i64's edge
/// (so sums of a few never overflow) and exact in a JavaScript number (2^53).
pub const MAX_MINOR: i64 = 1_000_000_000_000_000;

/// An ISO 4217 code (`usd` or ` USD ` read as `USD`) of a currency with a minor unit; funds
/// and precious metals (no minor unit) are refused.
pub fn currency(raw: &str) -> Result<String> {
    let code = raw.trim().to_ascii_uppercase();
    match Currency::from_code(&code).and_then(|c| c.exponent().map(|_| c)) {
        Some(known) => Ok(known.code().to_string()),
        None => Err(Error::validation(
            "currency must be an ISO 4217 code such as USD, EUR or MXN",
        )),
    }
}

/// An amount in minor units: 0 to [`MAX_MINOR`].
pub fn amount(field: &str, minor: i64) -> Result<i64> {
    if (0..=MAX_MINOR).contains(&minor) {
        Ok(minor)
    } else {
        Err(Error::validation(format!(
            "{field} must be a whole number of minor units (cents) from 0 to {MAX_MINOR}"
        )))
    }
}

/// Decimal places of the currency's minor unit (2 for USD, 0 for JPY, 3 for KWD).
pub fn exponent(code: &str) -> u32 {
    Currency::from_code(code)
        .and_then(|c| c.exponent())
        .map_or(2, u32::from)
}

/// `USD 1,250.00`: the code, thousands with commas, the minor unit's digits; for emails,
/// where no Intl formats it.
pub fn plain(minor: i64, code: &str) -> String {
    let places = exponent(code);
    let scale = 10_i64.pow(places);
    let (sign, minor) = if minor < 0 {
        ("-", -minor)
    } else {
        ("", minor)
    };
    let whole = (minor / scale).to_string();
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if places == 0 {
        format!("{code} {sign}{grouped}")
    } else {
        let fraction = minor % scale;
        format!(
            "{code} {sign}{grouped}.{fraction:0width$}",
            width = places as usize
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_are_iso_4217_codes_with_a_minor_unit() {
        assert_eq!(currency("usd").ok().as_deref(), Some("USD"));
        assert_eq!(currency(" MXN ").ok().as_deref(), Some("MXN"));
        assert_eq!(currency("JPY").ok().as_deref(), Some("JPY"));
        for bad in ["", "US", "DOLLARS", "XXX", "XAU", "ZZZ", "€"] {
            assert!(currency(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn amounts_are_bounded_whole_minor_units() {
        assert_eq!(amount("totalMinor", 0).ok(), Some(0));
        assert_eq!(amount("totalMinor", MAX_MINOR).ok(), Some(MAX_MINOR));
        assert!(amount("totalMinor", -1).is_err());
        assert!(amount("totalMinor", MAX_MINOR + 1).is_err());
        const { assert!(MAX_MINOR < 1 << 53, "exact in a JavaScript number") };
    }

    #[test]
    fn plain_amounts_use_the_currencys_minor_unit() {
        assert_eq!(plain(125_000, "USD"), "USD 1,250.00");
        assert_eq!(plain(5, "USD"), "USD 0.05");
        assert_eq!(plain(1_234_567, "JPY"), "JPY 1,234,567");
        assert_eq!(plain(1_500, "KWD"), "KWD 1.500");
        assert_eq!(plain(0, "EUR"), "EUR 0.00");
        assert_eq!(plain(100_000_000, "MXN"), "MXN 1,000,000.00");
    }
}
