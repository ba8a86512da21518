//! The adapter's answers to DynamoDB responses the emulator cannot be made to give on
//! demand: failed conditions, a transaction cancelled by a conflict rather than by a
//! condition, throttling, unprocessed batch keys; and what services make of them.

use super::{Change, Condition, Table, Transacted};
use crate::records::{
    attr, AccessRecord, AccessStatus, DocumentRecord, InvitationPurpose, InvitationRecord,
};
use aws_sdk_dynamodb::error::ErrorMetadata;
use aws_sdk_dynamodb::operation::batch_get_item::BatchGetItemOutput;
use aws_sdk_dynamodb::operation::get_item::{GetItemError, GetItemOutput};
use aws_sdk_dynamodb::operation::put_item::PutItemError;
use aws_sdk_dynamodb::operation::transact_write_items::{
    TransactWriteItemsError, TransactWriteItemsOutput,
};
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::types::error::{
    ConditionalCheckFailedException, ProvisionedThroughputExceededException,
    TransactionCanceledException,
};
use aws_sdk_dynamodb::types::{AttributeValue, CancellationReason, KeysAndAttributes};
use aws_sdk_dynamodb::Client;
use aws_smithy_mocks::{mock, mock_client, Rule, RuleMode};
use std::collections::HashMap;

fn table(rules: &[&Rule]) -> Table {
    Table::with_client(
        mock_client!(aws_sdk_dynamodb, RuleMode::Sequential, rules),
        "t",
    )
}

/// A failed condition as DynamoDB sends it: the code travels in the error's metadata.
fn condition_failed(message: &str) -> ConditionalCheckFailedException {
    ConditionalCheckFailedException::builder()
        .message(message)
        .meta(
            ErrorMetadata::builder()
                .code("ConditionalCheckFailedException")
                .message(message)
                .build(),
        )
        .build()
}

fn invitation(hash: &str) -> InvitationRecord {
    InvitationRecord {
        token_hash: hash.into(),
        matter_id: "m".into(),
        contact_id: "c".into(),
        purpose: InvitationPurpose::SignIn,
        expires_at_epoch: 1,
        grant_version: "v1".into(),
    }
}

fn cancelled(codes: &[&str]) -> TransactWriteItemsError {
    let reasons = codes
        .iter()
        .map(|code| CancellationReason::builder().code(*code).build())
        .collect();
    TransactWriteItemsError::TransactionCanceledException(
        TransactionCanceledException::builder()
            .message("cancelled")
            .set_cancellation_reasons(Some(reasons))
            .build(),
    )
}

/// A transaction of three items: a count update, a condition check, a put.
async fn commit_three(table: &Table) -> Transacted {
    let mut transaction = table.transaction();
    transaction
        .update(
            &AccessRecord::key_for("m", "c"),
            Change::new().add(attr::SHARED_COUNT, 1),
        )
        .expect("update");
    transaction
        .check(
            &DocumentRecord::key_for("d"),
            Condition::equals(attr::STATUS, AccessStatus::Active),
        )
        .expect("check");
    transaction
        .put(&invitation("h"), Some(Condition::absent()))
        .expect("put");
    table.commit(transaction).await.expect("an answer")
}

#[tokio::test]
async fn a_failed_put_condition_is_false_not_an_error() {
    let rule = mock!(Client::put_item)
        .match_requests(|r| r.condition_expression() == Some("attribute_not_exists(#n0)"))
        .then_error(|| PutItemError::ConditionalCheckFailedException(condition_failed("exists")));
    let table = table(&[&rule]);
    let written = table
        .put(&invitation("h"), Some(Condition::absent()))
        .await
        .expect("an answer");
    assert!(!written);
    assert_eq!(rule.num_calls(), 1);
}

#[tokio::test]
async fn a_failed_update_condition_is_false_or_none() {
    let failing = || UpdateItemError::ConditionalCheckFailedException(condition_failed("revoked"));
    let first = mock!(Client::update_item).then_error(failing);
    let second = mock!(Client::update_item).then_error(failing);
    let table = table(&[&first, &second]);
    let change = || Change::new().set(attr::STATUS, AccessStatus::Active);
    let key = AccessRecord::key_for("m", "c");
    assert!(!table.update(&key, change()).await.expect("an answer"));
    let returned = table
        .update_returning(&key, change(), super::Returned::Old)
        .await
        .expect("an answer");
    assert!(returned.is_none());
}

#[tokio::test]
async fn a_cancellation_for_a_condition_names_the_item() {
    let rule = mock!(Client::transact_write_items)
        .then_error(|| cancelled(&["None", "ConditionalCheckFailed", "None"]));
    let table = table(&[&rule]);
    match commit_three(&table).await {
        Transacted::Cancelled(reasons) => {
            assert!(reasons.failed_condition(1));
            assert!(!reasons.failed_condition(0) && !reasons.failed_condition(2));
            assert!(!reasons.conflicted());
        }
        Transacted::Committed => panic!("the transaction was cancelled"),
    }
}

#[tokio::test]
async fn a_transaction_that_conflicts_is_sent_again_and_commits() {
    let rule = mock!(Client::transact_write_items)
        .sequence()
        .error(|| cancelled(&["TransactionConflict", "None", "None"]))
        .output(|| TransactWriteItemsOutput::builder().build())
        .build();
    let table = table(&[&rule]);
    assert!(matches!(commit_three(&table).await, Transacted::Committed));
    assert_eq!(rule.num_calls(), 2);
}

#[tokio::test]
async fn a_cancellation_for_a_condition_is_answered_at_once_even_with_a_conflict() {
    let rule = mock!(Client::transact_write_items)
        .then_error(|| cancelled(&["TransactionConflict", "ConditionalCheckFailed", "None"]));
    let table = table(&[&rule]);
    assert!(matches!(
        commit_three(&table).await,
        Transacted::Cancelled(c) if c.failed_condition(1)
    ));
    assert_eq!(
        rule.num_calls(),
        1,
        "a failed condition will not pass on a resend"
    );
}

#[tokio::test]
async fn a_cancellation_for_a_conflict_is_not_a_failed_condition() {
    let rule = mock!(Client::transact_write_items)
        .sequence()
        .error(|| cancelled(&["TransactionConflict", "None", "None"]))
        .times(3)
        .build();
    let table = table(&[&rule]);
    let outcome = commit_three(&table).await;
    assert_eq!(
        rule.num_calls(),
        3,
        "sent three times before the conflict is answered"
    );
    match outcome {
        Transacted::Cancelled(reasons) => {
            assert!(reasons.conflicted());
            assert!(!reasons.any_failed_condition());
            assert_eq!(
                reasons.to_string(),
                "transaction cancelled: [TransactionConflict, None, None]"
            );
        }
        Transacted::Committed => panic!("the transaction was cancelled"),
    }
}

#[tokio::test]
async fn another_transaction_failure_is_an_upstream_error_with_its_cause() {
    let rule = mock!(Client::transact_write_items).then_error(|| {
        TransactWriteItemsError::ProvisionedThroughputExceededException(
            ProvisionedThroughputExceededException::builder()
                .message("slow down")
                .build(),
        )
    });
    let table = table(&[&rule]);
    let mut transaction = table.transaction();
    transaction.put(&invitation("h"), None).expect("put");
    let err = table.commit(transaction).await.expect_err("throttled");
    assert_eq!(err.status(), 502);
    assert!(
        err.chain()
            .starts_with("DynamoDB TransactWriteItems failed"),
        "{}",
        err.chain()
    );
    assert!(err.chain().contains("slow down"), "{}", err.chain());
}

#[tokio::test]
async fn throttled_reads_fail_as_upstream_after_the_sdk_retries() {
    let rule = mock!(Client::get_item)
        .sequence()
        .error(|| {
            GetItemError::ProvisionedThroughputExceededException(
                ProvisionedThroughputExceededException::builder()
                    .message("slow down")
                    .build(),
            )
        })
        .repeatedly()
        .build();
    let table = table(&[&rule]);
    let err = table
        .get(&InvitationRecord::key_for("h"))
        .await
        .expect_err("throttled");
    assert_eq!(err.status(), 502);
    assert_eq!(
        err.public_message(),
        "the service could not complete the request; try again"
    );
    assert!(
        err.chain().contains("ProvisionedThroughputExceeded"),
        "{}",
        err.chain()
    );
}

#[tokio::test]
async fn unprocessed_batch_keys_are_asked_for_again() {
    let item = |hash: &str| -> HashMap<String, AttributeValue> {
        super::to_item(&invitation(hash)).expect("item")
    };
    let key_of = |hash: &str| -> HashMap<String, AttributeValue> {
        HashMap::from([
            (
                "pk".to_string(),
                AttributeValue::S(InvitationRecord::key_for(hash).pk),
            ),
            (
                "sk".to_string(),
                AttributeValue::S(InvitationRecord::key_for(hash).sk),
            ),
        ])
    };
    let first_item = item("a");
    let second_item = item("b");
    let unprocessed = KeysAndAttributes::builder()
        .keys(key_of("b"))
        .build()
        .expect("keys");
    let rule = mock!(Client::batch_get_item)
        .sequence()
        .output(move || {
            BatchGetItemOutput::builder()
                .responses("t", vec![first_item.clone()])
                .unprocessed_keys("t", unprocessed.clone())
                .build()
        })
        .output(move || {
            BatchGetItemOutput::builder()
                .responses("t", vec![second_item.clone()])
                .build()
        })
        .build();
    let table = table(&[&rule]);
    let found: Vec<InvitationRecord> = table
        .batch_get(&[
            InvitationRecord::key_for("a"),
            InvitationRecord::key_for("b"),
        ])
        .await
        .expect("both");
    let hashes: Vec<&str> = found.iter().map(|i| i.token_hash.as_str()).collect();
    assert_eq!(hashes, ["a", "b"]);
    assert_eq!(rule.num_calls(), 2);
}

/// An App whose table answers from `rules`; S3 and SES are never reached by these tests.
fn app_with(rules: &[&Rule]) -> crate::App {
    let sdk = aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .build();
    let settings = |name: &str| match name {
        "TABLE_NAME" => Some("t".to_string()),
        "BUCKET_NAME" => Some("b".to_string()),
        "SENDER_EMAIL" => Some("portal@firm.example".to_string()),
        "PORTAL_URL" => Some("https://portal.firm.example".to_string()),
        _ => None,
    };
    let config = crate::Config::from_lookup(settings).expect("settings");
    // Reads and writes interleave: each answers from its own operation's rule.
    let client = mock_client!(aws_sdk_dynamodb, RuleMode::MatchAny, rules);
    crate::App {
        table: Table::with_client(client, "t"),
        files: crate::files::Files::new(&sdk, "b"),
        mailer: crate::email::Mailer::new(&sdk, "portal@firm.example", None),
        config,
    }
}

fn share_item() -> HashMap<String, AttributeValue> {
    use crate::records::fixtures::{document, person};
    let share = crate::records::ShareRecord::new(&document("d", "m"), &person("c"), "u", "t", None);
    super::to_item(&share).expect("item")
}

fn get_share(times: usize) -> Rule {
    let item = share_item();
    mock!(Client::get_item)
        .sequence()
        .output(move || {
            GetItemOutput::builder()
                .set_item(Some(item.clone()))
                .build()
        })
        .times(times)
        .build()
}

fn staff() -> crate::auth::Staff {
    crate::auth::Staff {
        id: "staff-1".into(),
        email: "ann@firm.example".into(),
        name: "Ann".into(),
    }
}

#[tokio::test]
async fn a_stop_share_cancelled_by_a_conflict_is_tried_again_not_answered_404() {
    let reads = get_share(2);
    let transact = mock!(Client::transact_write_items)
        .sequence()
        .error(|| cancelled(&["TransactionConflict", "None", "None"]))
        .output(|| TransactWriteItemsOutput::builder().build())
        .build();
    let app = app_with(&[&reads, &transact]);
    crate::service::unsharing::stop_share(&app, &staff(), "m", "d", "c")
        .await
        .expect("stopped on the second try");
    assert_eq!(transact.num_calls(), 2);
}

#[tokio::test]
async fn a_stop_share_that_keeps_conflicting_is_a_409() {
    let reads = get_share(3);
    // Three reads, each transaction sent three times.
    let transact = mock!(Client::transact_write_items)
        .sequence()
        .error(|| cancelled(&["TransactionConflict", "None", "None"]))
        .times(9)
        .build();
    let app = app_with(&[&reads, &transact]);
    let err = crate::service::unsharing::stop_share(&app, &staff(), "m", "d", "c")
        .await
        .expect_err("never committed");
    assert_eq!(err.status(), 409, "{err}");
}

#[tokio::test]
async fn a_share_removed_meanwhile_is_a_404_after_reading_again() {
    let item = share_item();
    let reads = mock!(Client::get_item)
        .sequence()
        .output(move || {
            GetItemOutput::builder()
                .set_item(Some(item.clone()))
                .build()
        })
        .output(|| GetItemOutput::builder().build())
        .build();
    let transact = mock!(Client::transact_write_items)
        .then_error(|| cancelled(&["ConditionalCheckFailed", "None", "None"]));
    let app = app_with(&[&reads, &transact]);
    let err = crate::service::unsharing::stop_share(&app, &staff(), "m", "d", "c")
        .await
        .expect_err("gone");
    assert_eq!(err.status(), 404, "{err}");
    assert_eq!(reads.num_calls(), 2, "read again before answering 404");
}
