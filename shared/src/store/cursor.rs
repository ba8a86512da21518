//! Resume keys as opaque cursors: base64url JSON of the key's string attributes.
//!
//! A cursor is checked against the query it resumes: its partition must be the one the
//! server chose (so a cursor never moves a caller into someone else's list) and its
//! attributes those of the index (so another order's cursor is a 400).

#[cfg(test)]
use super::layout;
use super::{Item, QuerySpec};
use crate::error::{Error, Result};
use aws_sdk_dynamodb::types::AttributeValue;
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use std::collections::BTreeMap;

const MAX_KEY_BYTES: usize = 1024;

/// A resume key as opaque text: its string attributes as base64url JSON.
pub(super) fn encode_key(key: &Item) -> String {
    let plain: BTreeMap<&String, &String> = key
        .iter()
        .filter_map(|(k, v)| v.as_s().ok().map(|s| (k, s)))
        .collect();
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(&plain).unwrap_or_default())
}

/// Decodes a cursor, refusing one that is not a resume key of this very query.
pub(super) fn decode_key(raw: Option<&str>, spec: &QuerySpec) -> Result<Option<Item>> {
    let Some(raw) = raw else { return Ok(None) };
    let invalid = || Error::validation("cursor is not valid for this list");
    let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| invalid())?;
    let map: BTreeMap<String, String> = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
    // A key attribute over DynamoDB's limit (1,024 bytes for a sort key, the tighter one) is
    // refused by DynamoDB with a ValidationException, which would surface as a 502.
    if map.values().any(|v| v.len() > MAX_KEY_BYTES) {
        return Err(invalid());
    }
    let mut expected = spec.cursor_attributes();
    expected.sort_unstable();
    let same_attributes = map.keys().map(String::as_str).eq(expected);
    if !same_attributes || map.get(spec.partition_attribute()) != Some(&spec.partition) {
        return Err(invalid());
    }
    // DynamoDB refuses a start key outside the key condition (a ValidationException, which
    // would surface as a 502): a forged sort key is the caller's mistake, so a 400.
    let sort = map.get(spec.sort_attribute()).map(String::as_str);
    if let (Some(prefix), Some(sort)) = (spec.sort_prefix.as_deref(), sort) {
        if !sort.starts_with(prefix) {
            return Err(invalid());
        }
    }
    if let (Some(until), Some(sort)) = (spec.sort_at_most.as_deref(), sort) {
        if sort > until {
            return Err(invalid());
        }
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
    use std::collections::HashMap;

    fn table(partition: &str, prefix: &str) -> QuerySpec {
        crate::store::Query::<()>::table(partition.into(), prefix).spec
    }

    #[test]
    fn key_cursor_round_trips_within_its_partition_only() {
        let spec = table("MATTER#m1", "CONTACT#");
        let key: Item = HashMap::from([
            ("pk".to_string(), AttributeValue::S("MATTER#m1".into())),
            ("sk".to_string(), AttributeValue::S("CONTACT#c9".into())),
        ]);
        let raw = encode_key(&key);
        assert_eq!(decode_key(Some(&raw), &spec).expect("ok"), Some(key));
        let other = table("MATTER#m2", "CONTACT#");
        assert_eq!(decode_key(Some(&raw), &other).unwrap_err().status(), 400);
        assert_eq!(decode_key(Some("%%%"), &spec).unwrap_err().status(), 400);
    }

    #[test]
    fn a_sort_key_outside_the_lists_prefix_is_refused() {
        let spec = table("MATTER#m1", "CONTACT#");
        let forged: Item = HashMap::from([
            ("pk".to_string(), AttributeValue::S("MATTER#m1".into())),
            ("sk".to_string(), AttributeValue::S("SETTINGS".into())),
        ]);
        let raw = encode_key(&forged);
        assert_eq!(decode_key(Some(&raw), &spec).unwrap_err().status(), 400);
    }

    #[test]
    fn a_key_over_dynamodbs_limit_is_refused() {
        let spec = table("MATTER#m1", "CONTACT#");
        let key = |sort_bytes: usize| -> Item {
            let sort = format!("CONTACT#{}", "c".repeat(sort_bytes - "CONTACT#".len()));
            HashMap::from([
                ("pk".to_string(), AttributeValue::S("MATTER#m1".into())),
                ("sk".to_string(), AttributeValue::S(sort)),
            ])
        };
        let at_limit = encode_key(&key(1024));
        assert!(decode_key(Some(&at_limit), &spec).is_ok());
        let over = encode_key(&key(1025));
        assert_eq!(decode_key(Some(&over), &spec).unwrap_err().status(), 400);
    }

    #[test]
    fn another_orders_cursor_is_refused() {
        let by_name =
            crate::store::Query::<()>::sparse_index(&layout::MATTER_BY_NAME, "MATTER#m1".into())
                .spec;
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
        let by_created =
            crate::store::Query::<()>::sparse_index(&layout::MATTER_BY_CREATED, "MATTER#m1".into())
                .spec;
        assert_eq!(
            decode_key(Some(&raw), &by_created).unwrap_err().status(),
            400
        );
    }
}
