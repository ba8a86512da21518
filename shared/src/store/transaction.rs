//! All-or-nothing writes: puts, updates, deletes and condition checks over typed keys.

use super::expr::{self, Change, Condition, Conditioned};
use super::record::{Key, Stored};
use super::{build_error, item_key, to_item};
use crate::error::{Error, Result};
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{ConditionCheck, Delete, Put, TransactWriteItem, Update};
use aws_sdk_dynamodb::Client;

/// A transaction being built; each added item answers with its position, which is how a
/// cancellation names it.
#[derive(Debug)]
pub struct Transaction {
    table: String,
    items: Vec<TransactWriteItem>,
}

/// How a transaction ended, when DynamoDB answered at all.
#[derive(Debug)]
pub enum Transacted {
    Committed,
    Cancelled(Cancelled),
}

/// Why a transaction was cancelled: one reason code per item in order (`None` where that
/// item was fine).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cancelled(pub Vec<Option<String>>);

impl Cancelled {
    /// The item at `index` failed its condition.
    pub fn failed_condition(&self, index: usize) -> bool {
        self.0.get(index).and_then(|c| c.as_deref()) == Some("ConditionalCheckFailed")
    }

    pub fn any_failed_condition(&self) -> bool {
        (0..self.0.len()).any(|i| self.failed_condition(i))
    }

    /// Another transaction was writing the same items: nothing of ours failed, a retry may pass.
    pub fn conflicted(&self) -> bool {
        self.0
            .iter()
            .any(|c| c.as_deref() == Some("TransactionConflict"))
    }
}

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let reasons: Vec<&str> = self
            .0
            .iter()
            .map(|r| r.as_deref().unwrap_or("None"))
            .collect();
        write!(f, "transaction cancelled: [{}]", reasons.join(", "))
    }
}

impl std::error::Error for Cancelled {}

impl Transaction {
    pub(super) fn new(table: &str) -> Self {
        Self {
            table: table.to_string(),
            items: Vec::new(),
        }
    }

    /// A transaction for unit tests of what a service adds to one (never committed).
    #[cfg(test)]
    pub(crate) fn detached() -> Self {
        Self::new("test")
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn push(&mut self, item: TransactWriteItem) -> usize {
        self.items.push(item);
        self.items.len() - 1
    }

    /// Writes `record`, guarded by `condition` when given.
    pub fn put<T: Stored>(&mut self, record: &T, condition: Option<Condition>) -> Result<usize> {
        let (expression, placeholders) = expr::condition_expression(condition.as_ref());
        let put = Put::builder()
            .table_name(&self.table)
            .set_item(Some(to_item(record)?))
            .conditioned(expression, &placeholders)
            .build()
            .map_err(build_error)?;
        Ok(self.push(TransactWriteItem::builder().put(put).build()))
    }

    pub fn update<T>(&mut self, key: &Key<T>, change: Change) -> Result<usize> {
        let (update, condition, placeholders) = expr::update_expression(&change);
        let update = Update::builder()
            .table_name(&self.table)
            .set_key(Some(item_key(key)))
            .update_expression(update)
            .conditioned(condition, &placeholders)
            .build()
            .map_err(build_error)?;
        Ok(self.push(TransactWriteItem::builder().update(update).build()))
    }

    pub fn delete<T>(&mut self, key: &Key<T>, condition: Option<Condition>) -> Result<usize> {
        let (expression, placeholders) = expr::condition_expression(condition.as_ref());
        let delete = Delete::builder()
            .table_name(&self.table)
            .set_key(Some(item_key(key)))
            .conditioned(expression, &placeholders)
            .build()
            .map_err(build_error)?;
        Ok(self.push(TransactWriteItem::builder().delete(delete).build()))
    }

    /// Writes nothing, but the whole transaction fails unless `condition` holds for the item.
    pub fn check<T>(&mut self, key: &Key<T>, condition: Condition) -> Result<usize> {
        let (expression, placeholders) = expr::condition_expression(Some(&condition));
        let check = ConditionCheck::builder()
            .table_name(&self.table)
            .set_key(Some(item_key(key)))
            .conditioned(expression, &placeholders)
            .build()
            .map_err(build_error)?;
        Ok(self.push(TransactWriteItem::builder().condition_check(check).build()))
    }

    /// Sends the transaction. One cancelled only because another transaction was writing
    /// the same items (nothing of ours failed, so nothing was written) is sent again after a
    /// short random pause, a few times: a matter's tally is one item many changes touch.
    pub(super) async fn commit(self, client: &Client) -> Result<Transacted> {
        let mut attempt = 0;
        loop {
            let outcome = self.send(client).await?;
            match outcome {
                Transacted::Cancelled(why)
                    if why.conflicted()
                        && !why.any_failed_condition()
                        && attempt + 1 < CONFLICT_ATTEMPTS =>
                {
                    attempt += 1;
                    tokio::time::sleep(conflict_pause(attempt)).await;
                }
                outcome => return Ok(outcome),
            }
        }
    }

    async fn send(&self, client: &Client) -> Result<Transacted> {
        let result = client
            .transact_write_items()
            .set_transact_items(Some(self.items.clone()))
            .send()
            .await;
        match result {
            Ok(_) => Ok(Transacted::Committed),
            Err(err) => match err.as_service_error() {
                Some(TransactWriteItemsError::TransactionCanceledException(cancel)) => {
                    let reasons = cancel
                        .cancellation_reasons()
                        .iter()
                        .map(|r| r.code().filter(|c| *c != "None").map(str::to_string))
                        .collect();
                    Ok(Transacted::Cancelled(Cancelled(reasons)))
                }
                _ => Err(Error::upstream("DynamoDB TransactWriteItems", err)),
            },
        }
    }
}

/// Sends of one transaction that conflicts with others, before its cancellation is answered.
const CONFLICT_ATTEMPTS: u32 = 3;

/// 10-30 ms before the second send, twice that before the third: random, so two
/// transactions that collided do not collide again in step.
fn conflict_pause(attempt: u32) -> std::time::Duration {
    let jitter = (uuid::Uuid::new_v4().as_u128() % 20) as u64;
    std::time::Duration::from_millis((10 + jitter) << (attempt - 1))
}
