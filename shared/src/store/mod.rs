//! DynamoDB adapter: the only code that talks to DynamoDB. Typed get/put/update/delete,
//! queries that page with checked cursors, and a transaction builder.

pub mod cursor;
mod expr;
pub mod layout;
mod record;
mod transaction;

#[cfg(test)]
mod mocked;

use expr::Conditioned;
pub use expr::{Change, Condition, Value};
pub use record::{indexed_as, IndexKey, Key, Query, QuerySpec, Stored};
pub use transaction::{Cancelled, Transacted, Transaction};

use crate::error::{Error, Result};
use crate::pagination::Page;
use aws_config::SdkConfig;
use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use aws_sdk_dynamodb::types::{AttributeValue, KeysAndAttributes, ReturnValue, Select};
use aws_sdk_dynamodb::Client;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

type Item = HashMap<String, AttributeValue>;

/// DynamoDB's limit on keys per BatchGetItem call.
const BATCH_GET_LIMIT: usize = 100;
/// Unprocessed keys are retried this many times before the call fails.
const BATCH_GET_ATTEMPTS: usize = 5;

#[derive(Clone, Debug)]
pub struct Table {
    client: Client,
    name: String,
}

/// Which version of an updated item to give back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Returned {
    Old,
    New,
}

fn item_key<T>(key: &Key<T>) -> Item {
    key_item(&key.pk, &key.sk)
}

fn key_item(pk: &str, sk: &str) -> Item {
    HashMap::from([
        (layout::PK.to_string(), AttributeValue::S(pk.to_string())),
        (layout::SK.to_string(), AttributeValue::S(sk.to_string())),
    ])
}

/// The keys of one [`Table::read_batch`], of any record kinds; each asked once.
#[derive(Default)]
pub struct BatchRead {
    keys: Vec<(String, String)>,
}

impl BatchRead {
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks for `key`, given back to take the record with (DynamoDB refuses a batch naming
    /// one key twice, so repeats are merged).
    pub fn want<T>(&mut self, key: Key<T>) -> Key<T> {
        let wanted = (key.pk.clone(), key.sk.clone());
        if !self.keys.contains(&wanted) {
            self.keys.push(wanted);
        }
        key
    }
}

/// What a [`Table::read_batch`] found, by key.
#[derive(Default)]
pub struct BatchFound {
    items: HashMap<(String, String), Item>,
}

impl BatchFound {
    fn keep(&mut self, item: Item) {
        let key_of = |name: &str| match item.get(name) {
            Some(AttributeValue::S(s)) => s.clone(),
            _ => String::new(),
        };
        let key = (key_of(layout::PK), key_of(layout::SK));
        self.items.insert(key, item);
    }

    /// The record at `key`, if it was asked for and exists (found once only).
    pub fn take<T: DeserializeOwned>(&mut self, key: &Key<T>) -> Result<Option<T>> {
        self.items
            .remove(&(key.pk.clone(), key.sk.clone()))
            .map(from_item)
            .transpose()
    }
}

/// The item a record is stored as: its own fields, then its key and index attributes.
pub fn to_item<T: Stored>(record: &T) -> Result<Item> {
    let mut item: Item =
        serde_dynamo::to_item(record).map_err(|e| Error::internal_from("record encode", e))?;
    let key = record.key();
    item.extend(key_item(&key.pk, &key.sk));
    for (name, value) in record.index_keys() {
        item.insert(name.to_string(), AttributeValue::S(value));
    }
    Ok(item)
}

pub(crate) fn from_item<T: DeserializeOwned>(item: Item) -> Result<T> {
    serde_dynamo::from_item(item).map_err(|e| Error::internal_from("stored item shape", e))
}

fn build_error(err: aws_sdk_dynamodb::error::BuildError) -> Error {
    Error::internal_from("DynamoDB request build", err)
}

/// The output of a conditional write, or `None` when its condition did not hold; any other
/// failure is an error of `operation`.
fn conditional<O, E, R>(
    operation: &'static str,
    result: std::result::Result<O, SdkError<E, R>>,
) -> Result<Option<O>>
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    match result {
        Ok(out) => Ok(Some(out)),
        Err(err)
            if err.as_service_error().and_then(ProvideErrorMetadata::code)
                == Some("ConditionalCheckFailedException") =>
        {
            Ok(None)
        }
        Err(err) => Err(Error::upstream(operation, err)),
    }
}

impl Table {
    pub fn new(sdk: &SdkConfig, name: impl Into<String>) -> Self {
        Self::with_client(Client::new(sdk), name)
    }

    /// A table over a client built elsewhere (tests give one with mocked responses).
    pub fn with_client(client: Client, name: impl Into<String>) -> Self {
        Self {
            client,
            name: name.into(),
        }
    }

    /// Reads a key that never exists, so that credentials, the endpoint and a pooled
    /// connection are ready before the first request needs them. Best effort: a failure here
    /// only means the first request pays for them.
    pub async fn warm_up(&self) {
        let result = self
            .client
            .get_item()
            .table_name(&self.name)
            .set_key(Some(key_item(layout::WARM_UP, layout::WARM_UP)))
            .send()
            .await;
        if let Err(err) = result {
            let err = Error::upstream("DynamoDB GetItem (warm-up)", err);
            tracing::warn!(error = %err.chain(), "warm-up read failed");
        }
    }

    /// Strongly consistent read: decisions about access are made on it.
    pub async fn get<T: DeserializeOwned>(&self, key: &Key<T>) -> Result<Option<T>> {
        let out = self
            .client
            .get_item()
            .table_name(&self.name)
            .set_key(Some(item_key(key)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| Error::upstream("DynamoDB GetItem", e))?;
        out.item.map(from_item).transpose()
    }

    /// Writes `record`; false when `condition` did not hold.
    pub async fn put<T: Stored>(&self, record: &T, condition: Option<Condition>) -> Result<bool> {
        let (expression, placeholders) = expr::condition_expression(condition.as_ref());
        let result = self
            .client
            .put_item()
            .table_name(&self.name)
            .set_item(Some(to_item(record)?))
            .conditioned(expression, &placeholders)
            .send()
            .await;
        Ok(conditional("DynamoDB PutItem", result)?.is_some())
    }

    /// Applies `change`; false when its condition did not hold.
    pub async fn update<T>(&self, key: &Key<T>, change: Change) -> Result<bool> {
        Ok(self
            .send_update(key, change, ReturnValue::None)
            .await?
            .is_some())
    }

    /// Applies `change` and gives back the item as it was or became; `None` when the
    /// condition did not hold.
    pub async fn update_returning<T: DeserializeOwned>(
        &self,
        key: &Key<T>,
        change: Change,
        returned: Returned,
    ) -> Result<Option<T>> {
        let return_value = match returned {
            Returned::Old => ReturnValue::AllOld,
            Returned::New => ReturnValue::AllNew,
        };
        match self.send_update(key, change, return_value).await? {
            Some(attributes) => Ok(Some(from_item(attributes)?)),
            None => Ok(None),
        }
    }

    async fn send_update<T>(
        &self,
        key: &Key<T>,
        change: Change,
        return_value: ReturnValue,
    ) -> Result<Option<Item>> {
        let (update, condition, placeholders) = expr::update_expression(&change);
        let result = self
            .client
            .update_item()
            .table_name(&self.name)
            .set_key(Some(item_key(key)))
            .update_expression(update)
            .conditioned(condition, &placeholders)
            .return_values(return_value)
            .send()
            .await;
        Ok(conditional("DynamoDB UpdateItem", result)?
            .map(|out| out.attributes.unwrap_or_default()))
    }

    /// Deletes the item if it is there.
    pub async fn delete<T>(&self, key: &Key<T>) -> Result<()> {
        self.client
            .delete_item()
            .table_name(&self.name)
            .set_key(Some(item_key(key)))
            .send()
            .await
            .map_err(|e| Error::upstream("DynamoDB DeleteItem", e))?;
        Ok(())
    }

    /// Deletes the item only while `condition` holds; false when it did not (or the item
    /// is gone).
    pub async fn delete_if<T>(&self, key: &Key<T>, condition: Condition) -> Result<bool> {
        let (expression, placeholders) = expr::condition_expression(Some(&condition));
        let result = self
            .client
            .delete_item()
            .table_name(&self.name)
            .set_key(Some(item_key(key)))
            .conditioned(expression, &placeholders)
            .send()
            .await;
        Ok(conditional("DynamoDB DeleteItem", result)?.is_some())
    }

    /// Reads many items by key, consistently, in as few calls as DynamoDB allows; absent
    /// ones are left out.
    pub async fn batch_get<T: DeserializeOwned>(&self, record_keys: &[Key<T>]) -> Result<Vec<T>> {
        let mut batch = BatchRead::new();
        for key in record_keys {
            batch.want(key.clone());
        }
        let mut found = self.read_batch(batch).await?;
        let mut records = Vec::with_capacity(record_keys.len());
        for key in record_keys {
            records.extend(found.take(key)?);
        }
        Ok(records)
    }

    /// Reads records of several kinds in one consistent BatchGetItem (more only past 100
    /// keys, or when DynamoDB leaves keys unprocessed): the hot paths' single read.
    pub async fn read_batch(&self, batch: BatchRead) -> Result<BatchFound> {
        let mut found = BatchFound::default();
        let record_keys: Vec<Item> = batch.keys.iter().map(|(pk, sk)| key_item(pk, sk)).collect();
        for chunk in record_keys.chunks(BATCH_GET_LIMIT) {
            let mut pending: Vec<Item> = chunk.to_vec();
            for attempt in 0..BATCH_GET_ATTEMPTS {
                if pending.is_empty() {
                    break;
                }
                if attempt > 0 {
                    // Unprocessed keys mean throttling: back off before asking again.
                    tokio::time::sleep(std::time::Duration::from_millis(50 << attempt)).await;
                }
                let request = KeysAndAttributes::builder()
                    .set_keys(Some(std::mem::take(&mut pending)))
                    .consistent_read(true)
                    .build()
                    .map_err(build_error)?;
                let out = self
                    .client
                    .batch_get_item()
                    .request_items(&self.name, request)
                    .send()
                    .await
                    .map_err(|e| Error::upstream("DynamoDB BatchGetItem", e))?;
                if let Some(mut responses) = out.responses {
                    for item in responses.remove(&self.name).unwrap_or_default() {
                        found.keep(item);
                    }
                }
                if let Some(mut unprocessed) = out.unprocessed_keys {
                    if let Some(rest) = unprocessed.remove(&self.name) {
                        pending = rest.keys;
                    }
                }
            }
            if !pending.is_empty() {
                return Err(Error::upstream(
                    "DynamoDB BatchGetItem",
                    "keys stayed unprocessed after every retry (throttled)",
                ));
            }
        }
        Ok(found)
    }

    /// One page of a query, resuming at `cursor` (which must be one of this query's).
    pub async fn query_page<T: DeserializeOwned>(
        &self,
        query: &Query<T>,
        limit: usize,
        cursor: Option<&str>,
    ) -> Result<Page<T>> {
        self.query_page_where(query, limit, cursor, 1, |_| true)
            .await
    }

    /// Up to `limit` items that `keep` accepts, reading at most `max_reads` pages so that a
    /// sparse filter costs a bounded number of calls; the cursor resumes where reading
    /// stopped, so a page may hold fewer than `limit` items and still have a next one.
    pub async fn query_page_where<T: DeserializeOwned>(
        &self,
        query: &Query<T>,
        limit: usize,
        cursor: Option<&str>,
        max_reads: usize,
        keep: impl Fn(&T) -> bool,
    ) -> Result<Page<T>> {
        let spec = &query.spec;
        let mut start = cursor::decode_key(cursor, spec)?;
        let mut kept = Vec::with_capacity(limit);
        for _ in 0..max_reads.max(1) {
            // Never read past what the page can hold: the resume key must follow the last
            // item returned, not one dropped for lack of room.
            let room = i32::try_from(limit - kept.len()).unwrap_or(i32::MAX);
            let (items, next) = self.query_once::<T>(spec, Some(room), start).await?;
            kept.extend(items.into_iter().filter(|item| keep(item)));
            start = next;
            if start.is_none() || kept.len() >= limit {
                break;
            }
        }
        Ok(Page {
            items: kept,
            next_cursor: start.as_ref().map(cursor::encode_key),
        })
    }

    /// Every item of a query, walking all pages.
    pub async fn query_all<T: DeserializeOwned>(&self, query: &Query<T>) -> Result<Vec<T>> {
        let spec = &query.spec;
        let mut all = Vec::new();
        let mut start = None;
        loop {
            let (items, next) = self.query_once(spec, None, start).await?;
            all.extend(items);
            match next {
                Some(next) => start = Some(next),
                None => return Ok(all),
            }
        }
    }

    /// How many items a query holds, walking all pages (DynamoDB counts, nothing is sent back).
    pub async fn count<T>(&self, query: &Query<T>) -> Result<u64> {
        let spec = &query.spec;
        let mut total = 0u64;
        let mut start = None;
        loop {
            let out = self
                .query_request(spec)
                .select(Select::Count)
                .set_exclusive_start_key(start)
                .send()
                .await
                .map_err(|e| Error::upstream("DynamoDB Query (count)", e))?;
            total += u64::try_from(out.count).unwrap_or(0);
            match out.last_evaluated_key {
                Some(next) => start = Some(next),
                None => return Ok(total),
            }
        }
    }

    /// A query over `spec`'s partition and sort prefix, in its order.
    fn query_request(&self, spec: &QuerySpec) -> QueryFluentBuilder {
        let (pk_name, sk_name) = spec.key_names();
        let request = self
            .client
            .query()
            .table_name(&self.name)
            .set_index_name(spec.index.map(str::to_string))
            .expression_attribute_names("#pk", pk_name)
            .expression_attribute_values(":pk", AttributeValue::S(spec.partition.clone()))
            .scan_index_forward(!spec.descending)
            // Only the table itself reads strongly; indexes cannot.
            .set_consistent_read(spec.index.is_none().then_some(true));
        match (&spec.sort_prefix, &spec.sort_at_most) {
            (Some(prefix), _) => request
                .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expression_attribute_names("#sk", sk_name)
                .expression_attribute_values(":prefix", AttributeValue::S(prefix.clone())),
            (None, Some(until)) => request
                .key_condition_expression("#pk = :pk AND #sk <= :until")
                .expression_attribute_names("#sk", sk_name)
                .expression_attribute_values(":until", AttributeValue::S(until.clone())),
            (None, None) => request.key_condition_expression("#pk = :pk"),
        }
    }

    async fn query_once<T: DeserializeOwned>(
        &self,
        spec: &QuerySpec,
        limit: Option<i32>,
        start: Option<Item>,
    ) -> Result<(Vec<T>, Option<Item>)> {
        let out = self
            .query_request(spec)
            .set_limit(limit)
            .set_exclusive_start_key(start)
            .send()
            .await
            .map_err(|e| Error::upstream("DynamoDB Query", e))?;
        let items = out
            .items
            .unwrap_or_default()
            .into_iter()
            .map(from_item)
            .collect::<Result<Vec<T>>>()?;
        Ok((items, out.last_evaluated_key))
    }

    /// A new, empty transaction on this table.
    pub fn transaction(&self) -> Transaction {
        Transaction::new(&self.name)
    }

    /// Runs `transaction`; a cancellation says which of its items failed and why.
    pub async fn commit(&self, transaction: Transaction) -> Result<Transacted> {
        transaction.commit(&self.client).await
    }
}
