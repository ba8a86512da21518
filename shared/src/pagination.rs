//! `limit` / `cursor` for every list: `{"items":[...],"nextCursor":...}`.
//!
//! Cursors are opaque base64url JSON. Key cursors are checked against the partition the
//! server chose, so a cursor can never move a caller into someone else's partition.

use crate::error::{Error, Result};
use crate::store::{Item, QuerySpec};
use aws_sdk_dynamodb::types::AttributeValue;
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 200;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
enum Cursor {
    #[serde(rename = "k")]
    Key(BTreeMap<String, String>),
    /// Position in a list the server sorted in memory, tied to the query that produced it.
    #[serde(rename = "o")]
    Offset { at: usize, query: String },
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

fn encode(cursor: &Cursor) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(cursor).unwrap_or_default())
}

fn decode(raw: &str) -> Result<Cursor> {
    let invalid = || Error::validation("cursor is not valid for this list");
    let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| invalid())?;
    serde_json::from_slice(&bytes).map_err(|_| invalid())
}

pub fn encode_key(key: &Item) -> String {
    let plain = key
        .iter()
        .filter_map(|(k, v)| v.as_s().ok().map(|s| (k.clone(), s.clone())))
        .collect();
    encode(&Cursor::Key(plain))
}

/// Decodes a key cursor, refusing one whose partition is not the one being listed.
pub fn decode_key(raw: Option<&str>, spec: &QuerySpec) -> Result<Option<Item>> {
    let Some(raw) = raw else { return Ok(None) };
    match decode(raw)? {
        Cursor::Key(map) if map.get(spec.partition_attribute()) == Some(&spec.partition) => {
            Ok(Some(
                map.into_iter()
                    .map(|(k, v)| (k, AttributeValue::S(v)))
                    .collect(),
            ))
        }
        _ => Err(Error::validation("cursor is not valid for this list")),
    }
}

/// One page of a list that was filtered and sorted in memory.
pub fn page_in_memory<T>(
    items: Vec<T>,
    query_signature: &str,
    limit: usize,
    cursor: Option<&str>,
) -> Result<Page<T>> {
    let start = match cursor {
        None => 0,
        Some(raw) => match decode(raw)? {
            Cursor::Offset { at, query } if query == query_signature => at,
            _ => return Err(Error::validation("cursor is not valid for this list")),
        },
    };
    let total = items.len();
    let end = start.saturating_add(limit).min(total);
    let next_cursor = (end < total).then(|| {
        encode(&Cursor::Offset {
            at: end,
            query: query_signature.to_string(),
        })
    });
    let items = items.into_iter().skip(start).take(limit).collect();
    Ok(Page { items, next_cursor })
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn memory_pages_walk_everything_once() {
        let items: Vec<u32> = (0..7).collect();
        let first = page_in_memory(items.clone(), "q", 3, None).expect("p1");
        assert_eq!(first.items, vec![0, 1, 2]);
        let second =
            page_in_memory(items.clone(), "q", 3, first.next_cursor.as_deref()).expect("p2");
        assert_eq!(second.items, vec![3, 4, 5]);
        let third =
            page_in_memory(items.clone(), "q", 3, second.next_cursor.as_deref()).expect("p3");
        assert_eq!(third.items, vec![6]);
        assert!(third.next_cursor.is_none());
        let err = page_in_memory(items, "other", 3, first.next_cursor.as_deref()).unwrap_err();
        assert_eq!(err.status(), 400);
    }
}
