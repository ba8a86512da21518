//! DynamoDB adapter: typed get/put/query/batch/transaction over the single table.

use crate::error::{Error, Result};
use crate::keys;
use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::types::{AttributeValue, KeysAndAttributes, Put, TransactWriteItem};
use aws_sdk_dynamodb::Client;
use serde::{de::DeserializeOwned, Serialize};
use std::collections::HashMap;

pub type Item = HashMap<String, AttributeValue>;

/// DynamoDB's limit on keys per BatchGetItem call.
const BATCH_GET_LIMIT: usize = 100;
/// Unprocessed keys are retried this many times before the call fails.
const BATCH_GET_ATTEMPTS: usize = 5;

#[derive(Clone, Debug)]
pub struct Table {
    client: Client,
    name: String,
}

pub fn key(pk: impl Into<String>, sk: impl Into<String>) -> Item {
    HashMap::from([
        (keys::PK.to_string(), AttributeValue::S(pk.into())),
        (keys::SK.to_string(), AttributeValue::S(sk.into())),
    ])
}

pub fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

pub fn n(value: impl ToString) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

pub fn to_item<T: Serialize>(record: &T) -> Result<Item> {
    Ok(serde_dynamo::to_item(record)?)
}

pub fn from_item<T: DeserializeOwned>(item: Item) -> Result<T> {
    Ok(serde_dynamo::from_item(item)?)
}

/// The output of a conditional write, or `None` when its condition did not hold; any other
/// failure is an error.
pub fn conditional<O, E, R>(result: std::result::Result<O, SdkError<E, R>>) -> Result<Option<O>>
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    match result {
        Ok(out) => Ok(Some(out)),
        Err(err)
            if err.as_service_error().and_then(ProvideErrorMetadata::code)
                == Some("ConditionalCheckFailedException") =>
        {
            Ok(None)
        }
        Err(err) => Err(Error::aws(err)),
    }
}

/// Expression, names and values as the SDK builders' `set_*` methods take them.
type ConditionParts = (
    Option<String>,
    Option<HashMap<String, String>>,
    Option<HashMap<String, AttributeValue>>,
);

/// A condition expression with its placeholders, for conditional writes.
#[derive(Clone, Debug, Default)]
pub struct Condition {
    pub expression: String,
    pub names: HashMap<String, String>,
    pub values: HashMap<String, AttributeValue>,
}

impl Condition {
    pub fn new(expression: impl Into<String>) -> Self {
        Self {
            expression: expression.into(),
            ..Self::default()
        }
    }

    pub fn name(mut self, placeholder: &str, attribute: &str) -> Self {
        self.names.insert(placeholder.into(), attribute.into());
        self
    }

    pub fn value(mut self, placeholder: &str, value: AttributeValue) -> Self {
        self.values.insert(placeholder.into(), value);
        self
    }

    /// The item exists and its access `status` is not revoked.
    pub fn access_not_revoked() -> Self {
        Self::new("attribute_exists(pk) AND #status <> :revoked")
            .name("#status", "status")
            .value(":revoked", s("revoked"))
    }

    fn parts(condition: Option<Condition>) -> ConditionParts {
        match condition {
            None => (None, None, None),
            Some(c) => (
                Some(c.expression),
                (!c.names.is_empty()).then_some(c.names),
                (!c.values.is_empty()).then_some(c.values),
            ),
        }
    }
}

/// A Put for a transaction, guarded by `condition` when given.
pub fn put_in_transaction<T: Serialize>(
    table: &str,
    record: &T,
    condition: Option<Condition>,
) -> Result<TransactWriteItem> {
    let (expression, names, values) = Condition::parts(condition);
    let put = Put::builder()
        .table_name(table)
        .set_item(Some(to_item(record)?))
        .set_condition_expression(expression)
        .set_expression_attribute_names(names)
        .set_expression_attribute_values(values)
        .build()?;
    Ok(TransactWriteItem::builder().put(put).build())
}

/// Which index and partition a query reads, and how.
#[derive(Clone, Debug)]
pub struct QuerySpec {
    pub index: Option<&'static str>,
    pub partition: String,
    pub sort_prefix: Option<String>,
    pub descending: bool,
}

impl QuerySpec {
    pub fn table(partition: String, sort_prefix: impl Into<String>) -> Self {
        Self {
            index: None,
            partition,
            sort_prefix: Some(sort_prefix.into()),
            descending: false,
        }
    }

    pub fn index(index: &'static str, partition: String, sort_prefix: impl Into<String>) -> Self {
        Self {
            sort_prefix: Some(sort_prefix.into()),
            ..Self::sparse_index(index, partition)
        }
    }

    /// An index that holds one kind of item only, so the whole partition is wanted.
    pub fn sparse_index(index: &'static str, partition: String) -> Self {
        Self {
            index: Some(index),
            partition,
            sort_prefix: None,
            descending: false,
        }
    }

    pub fn descending(mut self) -> Self {
        self.descending = true;
        self
    }

    fn key_names(&self) -> (&'static str, &'static str) {
        match self.index.and_then(keys::index) {
            None => (keys::PK, keys::SK),
            Some(index) => (index.partition, index.sort),
        }
    }

    /// The attribute that must hold `partition` in any cursor for this query.
    pub fn partition_attribute(&self) -> &'static str {
        self.key_names().0
    }

    /// The attributes DynamoDB puts in this query's `LastEvaluatedKey`.
    pub fn cursor_attributes(&self) -> Vec<&'static str> {
        let (partition, sort) = self.key_names();
        let mut names = vec![keys::PK, keys::SK];
        for name in [partition, sort] {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }
}

/// Why a transaction was cancelled, one code per item in order (`None` where it was fine).
#[derive(Debug)]
pub struct Cancelled(pub Vec<Option<String>>);

impl Cancelled {
    pub fn failed_condition(&self, index: usize) -> bool {
        self.0.get(index).and_then(|c| c.as_deref()) == Some("ConditionalCheckFailed")
    }

    pub fn any_failed_condition(&self) -> bool {
        (0..self.0.len()).any(|i| self.failed_condition(i))
    }
}

impl Table {
    pub fn new(client: Client, name: impl Into<String>) -> Self {
        Self {
            client,
            name: name.into(),
        }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Reads a key that never exists, so that credentials, the endpoint and a pooled
    /// connection are ready before the first request needs them. Best effort: a failure here
    /// only means the first request pays for them.
    pub async fn warm_up(&self) {
        let result = self
            .client
            .get_item()
            .table_name(&self.name)
            .set_key(Some(key(keys::WARM_UP, keys::WARM_UP)))
            .send()
            .await;
        if let Err(err) = result {
            tracing::warn!(error = %Error::aws(err), "warm-up read failed");
        }
    }

    /// Strongly consistent read: decisions about access are made on it.
    pub async fn get<T: DeserializeOwned>(
        &self,
        pk: String,
        sk: impl Into<String>,
    ) -> Result<Option<T>> {
        let out = self
            .client
            .get_item()
            .table_name(&self.name)
            .set_key(Some(key(pk, sk)))
            .consistent_read(true)
            .send()
            .await
            .map_err(Error::aws)?;
        out.item.map(from_item).transpose()
    }

    /// Writes `record`; returns false when `condition` did not hold.
    pub async fn put<T: Serialize>(
        &self,
        record: &T,
        condition: Option<Condition>,
    ) -> Result<bool> {
        let (expression, names, values) = Condition::parts(condition);
        let result = self
            .client
            .put_item()
            .table_name(&self.name)
            .set_item(Some(to_item(record)?))
            .set_condition_expression(expression)
            .set_expression_attribute_names(names)
            .set_expression_attribute_values(values)
            .send()
            .await;
        Ok(conditional(result)?.is_some())
    }

    pub async fn delete(&self, pk: String, sk: impl Into<String>) -> Result<()> {
        self.client
            .delete_item()
            .table_name(&self.name)
            .set_key(Some(key(pk, sk)))
            .send()
            .await
            .map_err(Error::aws)?;
        Ok(())
    }

    /// Reads many items by key, consistently, in as few calls as DynamoDB allows.
    pub async fn batch_get<T: DeserializeOwned>(&self, item_keys: Vec<Item>) -> Result<Vec<T>> {
        let mut found = Vec::with_capacity(item_keys.len());
        for chunk in item_keys.chunks(BATCH_GET_LIMIT) {
            let mut pending = chunk.to_vec();
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
                    .build()?;
                let out = self
                    .client
                    .batch_get_item()
                    .request_items(&self.name, request)
                    .send()
                    .await
                    .map_err(Error::aws)?;
                if let Some(mut responses) = out.responses {
                    for item in responses.remove(&self.name).unwrap_or_default() {
                        found.push(from_item(item)?);
                    }
                }
                if let Some(mut unprocessed) = out.unprocessed_keys {
                    if let Some(rest) = unprocessed.remove(&self.name) {
                        pending = rest.keys;
                    }
                }
            }
            if !pending.is_empty() {
                return Err(Error::Upstream("batch read throttled; try again".into()));
            }
        }
        Ok(found)
    }

    /// One page of a query, resuming after `start`.
    pub async fn query_page<T: DeserializeOwned>(
        &self,
        spec: &QuerySpec,
        limit: Option<i32>,
        start: Option<Item>,
    ) -> Result<(Vec<T>, Option<Item>)> {
        let (pk_name, sk_name) = spec.key_names();
        let mut request = self
            .client
            .query()
            .table_name(&self.name)
            .set_index_name(spec.index.map(str::to_string))
            .expression_attribute_names("#pk", pk_name)
            .expression_attribute_values(":pk", s(spec.partition.clone()))
            .scan_index_forward(!spec.descending)
            .set_limit(limit)
            .set_exclusive_start_key(start);
        request = match &spec.sort_prefix {
            Some(prefix) => request
                .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expression_attribute_names("#sk", sk_name)
                .expression_attribute_values(":prefix", s(prefix.clone())),
            None => request.key_condition_expression("#pk = :pk"),
        };
        let out = request.send().await.map_err(Error::aws)?;
        let items = out
            .items
            .unwrap_or_default()
            .into_iter()
            .map(from_item)
            .collect::<Result<Vec<T>>>()?;
        Ok((items, out.last_evaluated_key))
    }

    /// Up to `limit` items that `keep` accepts, reading at most `max_reads` pages so that a
    /// sparse filter costs a bounded number of calls; the key resumes where reading stopped,
    /// so a page may hold fewer than `limit` items and still have a next one.
    pub async fn query_page_where<T: DeserializeOwned>(
        &self,
        spec: &QuerySpec,
        limit: usize,
        mut start: Option<Item>,
        max_reads: usize,
        keep: impl Fn(&T) -> bool,
    ) -> Result<(Vec<T>, Option<Item>)> {
        let mut kept = Vec::with_capacity(limit);
        for _ in 0..max_reads.max(1) {
            // Never read past what the page can hold: the resume key must follow the last
            // item returned, not one dropped for lack of room.
            let room = i32::try_from(limit - kept.len()).unwrap_or(i32::MAX);
            let (items, next) = self.query_page::<T>(spec, Some(room), start).await?;
            kept.extend(items.into_iter().filter(|item| keep(item)));
            start = next;
            if start.is_none() || kept.len() >= limit {
                break;
            }
        }
        Ok((kept, start))
    }

    /// Every item of a query, walking all pages.
    pub async fn query_all<T: DeserializeOwned>(&self, spec: &QuerySpec) -> Result<Vec<T>> {
        let mut all = Vec::new();
        let mut start = None;
        loop {
            let (items, next) = self.query_page(spec, None, start).await?;
            all.extend(items);
            match next {
                Some(next) => start = Some(next),
                None => return Ok(all),
            }
        }
    }

    /// Runs a transaction; `Err(Cancelled)` inside `Ok` tells which conditions failed.
    pub async fn transact(
        &self,
        items: Vec<TransactWriteItem>,
    ) -> Result<std::result::Result<(), Cancelled>> {
        let result = self
            .client
            .transact_write_items()
            .set_transact_items(Some(items))
            .send()
            .await;
        match result {
            Ok(_) => Ok(Ok(())),
            Err(err) => match err.as_service_error() {
                Some(aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError::TransactionCanceledException(cancel)) => {
                    let codes = cancel
                        .cancellation_reasons()
                        .iter()
                        .map(|r| r.code().filter(|c| *c != "None").map(str::to_string))
                        .collect();
                    Ok(Err(Cancelled(codes)))
                }
                _ => Err(Error::aws(err)),
            },
        }
    }
}
