//! `limit` / `cursor` for every list: `{"items":[...],"nextCursor":...}`.
//!
//! Cursors are opaque base64url JSON. Key cursors are checked against the partition the
//! server chose, so a cursor can never move a caller into someone else's partition.

use crate::error::{Error, Result};
use crate::store::{Item, QuerySpec};
use aws_sdk_dynamodb::types::AttributeValue;
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde::Serialize;
use std::collections::BTreeMap;

pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 200;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    pub fn empty() -> Self {
        Self {
            items: Vec::new(),
            next_cursor: None,
        }
    }
}

pub fn parse_limit(raw: Option<&str>) -> Result<usize> {
    match raw {
        None => Ok(DEFAULT_LIMIT),
        Some(raw) => match raw.parse::<usize>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            _ => Err(Error::validation(format!(
                "limit must be a whole number from 1 to {MAX_LIMIT}"
            ))),
        },
    }
}

/// A resume key as opaque text: its string attributes as base64url JSON.
pub fn encode_key(key: &Item) -> String {
    let plain: BTreeMap<&String, &String> = key
        .iter()
        .filter_map(|(k, v)| v.as_s().ok().map(|s| (k, s)))
        .collect();
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(&plain).unwrap_or_default())
}

/// Decodes a cursor, refusing one that is not a resume key of this very query: its partition
/// must be the one the server chose (so a cursor never moves a caller into someone else's
/// list) and its attributes those of this index (so another order's cursor is a 400).
pub fn decode_key(raw: Option<&str>, spec: &QuerySpec) -> Result<Option<Item>> {
    let Some(raw) = raw else { return Ok(None) };
    let invalid = || Error::validation("cursor is not valid for this list");
    let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| invalid())?;
    let map: BTreeMap<String, String> = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
    let mut expected = spec.cursor_attributes();
    expected.sort_unstable();
    let same_attributes = map.keys().map(String::as_str).eq(expected);
    if !same_attributes || map.get(spec.partition_attribute()) != Some(&spec.partition) {
        return Err(invalid());
    }
    Ok(Some(
        map.into_iter()
            .map(|(k, v)| (k, AttributeValue::S(v)))
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys;
    use std::collections::HashMap;

    #[test]
    fn limits() {
        assert_eq!(parse_limit(None).expect("default"), DEFAULT_LIMIT);
        assert_eq!(parse_limit(Some("7")).expect("7"), 7);
        for bad in ["0", "-1", "x", "201"] {
            assert_eq!(parse_limit(Some(bad)).unwrap_err().status(), 400);
        }
    }

    #[test]
    fn key_cursor_round_trips_within_its_partition_only() {
        let spec = QuerySpec::table("MATTER#m1".into(), "CONTACT#");
        let key: Item = HashMap::from([
            ("pk".to_string(), AttributeValue::S("MATTER#m1".into())),
            ("sk".to_string(), AttributeValue::S("CONTACT#c9".into())),
        ]);
        let raw = encode_key(&key);
        assert_eq!(decode_key(Some(&raw), &spec).expect("ok"), Some(key));
        let other = QuerySpec::table("MATTER#m2".into(), "CONTACT#");
        assert_eq!(decode_key(Some(&raw), &other).unwrap_err().status(), 400);
        assert_eq!(decode_key(Some("%%%"), &spec).unwrap_err().status(), 400);
    }

    #[test]
    fn another_orders_cursor_is_refused() {
        let by_name = QuerySpec::sparse_index(keys::MATTER_BY_NAME, "MATTER#m1".into());
        let key: Item = HashMap::from([
            ("pk".to_string(), AttributeValue::S("DOC#d".into())),
            ("sk".to_string(), AttributeValue::S("SHARE#c".into())),
            ("gsi2pk".to_string(), AttributeValue::S("MATTER#m1".into())),
            (
                "nameSk".to_string(),
                AttributeValue::S("a\u{1}d\u{1}c".into()),
            ),
        ]);
        let raw = encode_key(&key);
        assert_eq!(decode_key(Some(&raw), &by_name).expect("ok"), Some(key));
        let by_created = QuerySpec::sparse_index(keys::MATTER_BY_CREATED, "MATTER#m1".into());
        assert_eq!(
            decode_key(Some(&raw), &by_created).unwrap_err().status(),
            400
        );
    }
}
