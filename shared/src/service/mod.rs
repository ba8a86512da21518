//! Domain operations. Each route makes exactly one call into this module.

pub mod access;
pub mod documents;
pub mod listing;
pub mod matters;
pub mod portal;
pub mod sessions;
pub mod sharing;
pub mod uploads;

use crate::store::{n, s, Item};
use aws_sdk_dynamodb::types::AttributeValue;
use std::collections::HashMap;

/// Expression values from pairs, for conditional writes.
pub(crate) fn values<const N: usize>(
    pairs: [(&str, AttributeValue); N],
) -> HashMap<String, AttributeValue> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

pub(crate) fn status_value(status: &str) -> AttributeValue {
    s(status)
}

pub(crate) fn count(value: i64) -> AttributeValue {
    n(value)
}

pub(crate) fn item_key(pk: String, sk: impl Into<String>) -> Item {
    crate::store::key(pk, sk)
}
