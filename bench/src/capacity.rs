//! DynamoDB request units as on-demand billing counts them, estimated from each call's own
//! items: an interceptor on the functions' clients reads what each call wrote (its input) and
//! read (its output). The cost table multiplies them by the list prices.
//!
//! Rules (DynamoDB's on-demand billing): a read is 1 unit per 4 KB, halved when eventually
//! consistent, per item for GetItem and BatchGetItem and over the whole page for a Query; a
//! write is 1 unit per 1 KB, doubled in a transaction (a condition check too), plus 1 per
//! 1 KB for every index the item is in. An update or delete names only the key: its item is
//! taken as 1 KB, in the indexes its kind is in (`indexes_of_kind`).

use aws_sdk_dynamodb::operation::batch_get_item::BatchGetItemOutput;
use aws_sdk_dynamodb::operation::batch_write_item::BatchWriteItemInput;
use aws_sdk_dynamodb::operation::get_item::GetItemOutput;
use aws_sdk_dynamodb::operation::put_item::PutItemInput;
use aws_sdk_dynamodb::operation::query::QueryOutput;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsInput;
use aws_sdk_dynamodb::types::AttributeValue;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    AfterDeserializationInterceptorContextRef, BeforeSerializationInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::{ConfigBag, Storable, StoreReplace};
use integration_tests::observe::dynamodb_read;
use shared::store::layout::{INDEXES, PK, SK};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Read and write request units since the last take.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Units {
    pub read: f64,
    pub write: f64,
}

#[derive(Clone, Debug, Default)]
pub struct CapacityMeter {
    units: Arc<Mutex<Units>>,
}

impl CapacityMeter {
    pub fn take(&self) -> Units {
        std::mem::take(&mut *self.units.lock().expect("meter lock"))
    }

    fn add(&self, read: f64, write: f64) {
        let mut units = self.units.lock().expect("meter lock");
        units.read += read;
        units.write += write;
    }
}

/// Whether the call under way reads strongly consistently (kept from its input for its output).
#[derive(Debug)]
struct Consistent(bool);

impl Storable for Consistent {
    type Storer = StoreReplace<Self>;
}

type Item = HashMap<String, AttributeValue>;

/// DynamoDB's item size: attribute names and values, in bytes.
pub fn item_size(item: &Item) -> usize {
    item.iter()
        .map(|(name, value)| name.len() + value_size(value))
        .sum()
}

fn value_size(value: &AttributeValue) -> usize {
    match value {
        AttributeValue::S(s) | AttributeValue::N(s) => s.len(),
        AttributeValue::B(b) => b.as_ref().len(),
        AttributeValue::Bool(_) | AttributeValue::Null(_) => 1,
        AttributeValue::Ss(v) | AttributeValue::Ns(v) => v.iter().map(String::len).sum(),
        AttributeValue::L(v) => 3 + v.iter().map(|x| 1 + value_size(x)).sum::<usize>(),
        AttributeValue::M(m) => {
            3 + m
                .iter()
                .map(|(k, x)| 1 + k.len() + value_size(x))
                .sum::<usize>()
        }
        _ => 0,
    }
}

/// The indexes an item is in: those whose key attributes it has (every index is sparse).
fn indexes_of_item(item: &Item) -> usize {
    INDEXES
        .iter()
        .filter(|i| item.contains_key(i.partition) && item.contains_key(i.sort))
        .count()
}

/// The indexes an item of the key's kind is in (see `shared::store::layout`'s table).
fn indexes_of_kind(key: &Item) -> usize {
    let text = |name: &str| {
        key.get(name)
            .and_then(|v| v.as_s().ok())
            .map_or("", String::as_str)
    };
    match (text(PK), text(SK)) {
        (pk, sk) if pk.starts_with("DOC#") && sk.starts_with("SHARE#") => 9,
        (pk, sk) if pk.starts_with("MATTER#") && sk.starts_with("CONTACT#") => 2,
        (pk, _) if pk.starts_with("EVENTS#") => 2,
        (pk, "DOC") if pk.starts_with("DOC#") => 1,
        (pk, "SETTINGS") if pk.starts_with("MATTER#") => 1,
        (pk, _) if pk.starts_with("SESSION#") => 1,
        _ => 0,
    }
}

fn kilobytes(bytes: usize, per: usize) -> f64 {
    bytes.div_ceil(per).max(1) as f64
}

/// Write units of a put of `item`, in a transaction or not.
pub fn put_units(item: &Item, transactional: bool) -> f64 {
    let size = kilobytes(item_size(item), 1024);
    let base = if transactional { 2.0 } else { 1.0 };
    size * (base + indexes_of_item(item) as f64)
}

/// Write units of an update or delete by key (the item taken as 1 KB).
pub fn keyed_write_units(key: &Item, transactional: bool) -> f64 {
    let base = if transactional { 2.0 } else { 1.0 };
    base + indexes_of_kind(key) as f64
}

/// Read units of reading `bytes` (one item, or a Query's whole page).
pub fn read_units(bytes: usize, consistent: bool) -> f64 {
    let units = kilobytes(bytes, 4096);
    if consistent {
        units
    } else {
        units / 2.0
    }
}

fn transaction_units(input: &TransactWriteItemsInput) -> f64 {
    input
        .transact_items()
        .iter()
        .map(|t| {
            if let Some(put) = t.put() {
                put_units(put.item(), true)
            } else if let Some(update) = t.update() {
                keyed_write_units(update.key(), true)
            } else if let Some(delete) = t.delete() {
                keyed_write_units(delete.key(), true)
            } else {
                2.0
            }
        })
        .sum()
}

impl Intercept for CapacityMeter {
    fn name(&self) -> &'static str {
        "CapacityMeter"
    }

    fn read_before_serialization(
        &self,
        context: &BeforeSerializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let input = context.input();
        let write = if let Some(i) = input.downcast_ref::<TransactWriteItemsInput>() {
            transaction_units(i)
        } else if let Some(i) = input.downcast_ref::<PutItemInput>() {
            i.item().map_or(1.0, |item| put_units(item, false))
        } else if let Some(i) =
            input.downcast_ref::<aws_sdk_dynamodb::operation::update_item::UpdateItemInput>()
        {
            i.key().map_or(1.0, |k| keyed_write_units(k, false))
        } else if let Some(i) =
            input.downcast_ref::<aws_sdk_dynamodb::operation::delete_item::DeleteItemInput>()
        {
            i.key().map_or(1.0, |k| keyed_write_units(k, false))
        } else if let Some(i) = input.downcast_ref::<BatchWriteItemInput>() {
            i.request_items()
                .map(|tables| {
                    tables
                        .values()
                        .flatten()
                        .map(|w| match (w.put_request(), w.delete_request()) {
                            (Some(p), _) => put_units(p.item(), false),
                            (_, Some(d)) => keyed_write_units(d.key(), false),
                            _ => 0.0,
                        })
                        .sum()
                })
                .unwrap_or(0.0)
        } else {
            0.0
        };
        // Whether a read is strongly consistent, as the suite's recorder reads it.
        let consistent = cfg
            .load::<Metadata>()
            .and_then(|m| dynamodb_read(m.name(), input))
            .is_some_and(|(_, consistent)| consistent);
        cfg.interceptor_state().store_put(Consistent(consistent));
        self.add(0.0, write);
        Ok(())
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let consistent = cfg.load::<Consistent>().is_some_and(|c| c.0);
        let Ok(output) = context.output_or_error() else {
            return Ok(());
        };
        let read = if let Some(o) = output.downcast_ref::<GetItemOutput>() {
            o.item()
                .map_or(0.5, |item| read_units(item_size(item), consistent))
        } else if let Some(o) = output.downcast_ref::<BatchGetItemOutput>() {
            o.responses()
                .map(|tables| {
                    tables
                        .values()
                        .flatten()
                        .map(|item| read_units(item_size(item), consistent))
                        .sum()
                })
                .unwrap_or(0.0)
        } else if let Some(o) = output.downcast_ref::<QueryOutput>() {
            read_units(o.items().iter().map(item_size).sum(), consistent)
        } else {
            0.0
        };
        self.add(read, 0.0);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> AttributeValue {
        AttributeValue::S(v.into())
    }

    #[test]
    fn a_share_put_in_a_transaction_pays_twice_for_the_table_and_once_per_index() {
        let mut share: Item = [(PK, "DOC#d"), (SK, "SHARE#c")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), s(v)))
            .collect();
        assert_eq!(put_units(&share, true), 2.0);
        for index in INDEXES {
            share.insert(index.partition.into(), s("p"));
            share.insert(index.sort.into(), s("s"));
        }
        assert_eq!(put_units(&share, true), 2.0 + INDEXES.len() as f64);
        assert_eq!(put_units(&share, false), 1.0 + INDEXES.len() as f64);
        share.insert("big".into(), s(&"x".repeat(1500)));
        assert_eq!(put_units(&share, false), 2.0 * (1.0 + INDEXES.len() as f64));
    }

    #[test]
    fn reads_round_up_to_4_kb_and_halve_when_eventually_consistent() {
        assert_eq!(read_units(10, true), 1.0);
        assert_eq!(read_units(10, false), 0.5);
        assert_eq!(read_units(4097, true), 2.0);
        assert_eq!(read_units(40_000, false), 5.0);
    }

    #[test]
    fn an_item_measures_its_names_and_values() {
        let item: Item = [
            ("pk".to_string(), s("DOC#1")),
            ("n".to_string(), AttributeValue::N("12".into())),
        ]
        .into_iter()
        .collect();
        assert_eq!(item_size(&item), 2 + 5 + 1 + 2);
    }
}
