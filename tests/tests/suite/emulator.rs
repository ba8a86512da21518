//! The local emulator itself (`scripts/moto_serial.py`), as the pages and these tests use it.

use integration_tests::{endpoint, Caller, Stack};
use std::time::Duration;

/// A browser keeps spare sockets to the bucket that send nothing (a document opened in a new
/// tab). moto must answer everyone else meanwhile: on one thread, one such socket stopped the
/// whole local stack until the browser dropped it.
#[tokio::test]
async fn a_connection_that_sends_nothing_holds_up_no_one() {
    let stack = Stack::new().await;
    let address = endpoint()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let _idle = tokio::net::TcpStream::connect(&address)
        .await
        .expect("a connection to the emulator");
    // Far above any answer under the suite's load; the single-threaded server never answered.
    let answered = tokio::time::timeout(
        Duration::from_secs(20),
        stack.call("GET", "/matters/absent", Caller::Staff, None),
    )
    .await;
    let (status, body) = answered.expect("an answer while another connection sends nothing");
    assert_eq!(status, 404, "{body}");
}

/// Transactions as DynamoDB runs them, without moto copying the table: every condition is
/// checked before anything is written, so a failed one writes nothing; a write refused after
/// the checks (an ADD to a text attribute) puts back what the others wrote.
#[tokio::test]
async fn a_cancelled_transaction_writes_nothing_and_a_refused_write_is_undone() {
    use shared::records::{attr, DeletionRecord};
    use shared::store::{Change, Condition, Transacted};
    let stack = Stack::new().await;
    let table = &stack.app.table;
    let marker = |id: &str| DeletionRecord {
        document_id: id.into(),
        matter_id: "m".into(),
        marked_at: "2026-01-01".into(),
    };
    table.put(&marker("d-old"), None).await.expect("seed");

    let mut refused = table.transaction();
    refused.put(&marker("d-new"), None).expect("put");
    let check = refused
        .check(&DeletionRecord::key_for("d-missing"), Condition::exists())
        .expect("check");
    match table.commit(refused).await.expect("answered") {
        Transacted::Cancelled(c) => assert!(c.failed_condition(check), "{c}"),
        Transacted::Committed => panic!("a failed condition committed"),
    }
    assert!(table
        .get(&DeletionRecord::key_for("d-new"))
        .await
        .expect("read")
        .is_none());

    let mut undone = table.transaction();
    undone.put(&marker("d-new"), None).expect("put");
    undone
        .update(
            &DeletionRecord::key_for("d-old"),
            Change::new().add(attr::MATTER_ID, 1),
        )
        .expect("update");
    assert!(matches!(
        table.commit(undone).await.expect("answered"),
        Transacted::Cancelled(_)
    ));
    assert!(table
        .get(&DeletionRecord::key_for("d-new"))
        .await
        .expect("read")
        .is_none());
    let old = table
        .get(&DeletionRecord::key_for("d-old"))
        .await
        .expect("read");
    assert_eq!(old.map(|d| d.matter_id).as_deref(), Some("m"));
}

/// The launcher keeps each index's items by partition as writes happen (moto sorted the whole
/// table for every Query): a Query must still see every write, in and out of transactions,
/// including an update that moves an item to another partition and a delete.
#[tokio::test]
async fn an_index_query_sees_every_write_as_it_happens() {
    use aws_sdk_dynamodb::types::{AttributeValue, Put, TransactWriteItem};
    use shared::store::layout::{GSI1, PK, SK};
    use std::collections::HashMap;
    let stack = Stack::new().await;
    let client = aws_sdk_dynamodb::Client::new(&stack.sdk);
    let table = stack.app.config.table_name.clone();
    let s = |v: &str| AttributeValue::S(v.to_string());
    let query = |partition: &'static str| {
        client
            .query()
            .table_name(&table)
            .index_name(GSI1.name)
            .key_condition_expression("#p = :p")
            .expression_attribute_names("#p", GSI1.partition)
            .expression_attribute_values(":p", s(partition))
            .send()
    };
    let ids = |answer: aws_sdk_dynamodb::operation::query::QueryOutput| -> Vec<String> {
        answer
            .items()
            .iter()
            .filter_map(|item| item.get(PK).and_then(|v| v.as_s().ok()).cloned())
            .collect()
    };
    let item = |id: &str, partition: &str| -> HashMap<String, AttributeValue> {
        HashMap::from([
            (PK.to_string(), s(id)),
            (SK.to_string(), s("ITEM")),
            (GSI1.partition.to_string(), s(partition)),
            (GSI1.sort.to_string(), s(id)),
        ])
    };
    client
        .put_item()
        .table_name(&table)
        .set_item(Some(item("IDX#1", "IDX#A")))
        .send()
        .await
        .expect("put");
    let put = Put::builder()
        .table_name(&table)
        .set_item(Some(item("IDX#2", "IDX#A")))
        .build()
        .expect("put");
    client
        .transact_write_items()
        .transact_items(TransactWriteItem::builder().put(put).build())
        .send()
        .await
        .expect("transaction");
    assert_eq!(
        ids(query("IDX#A").await.expect("query")),
        ["IDX#1", "IDX#2"]
    );

    client
        .update_item()
        .table_name(&table)
        .key(PK, s("IDX#1"))
        .key(SK, s("ITEM"))
        .update_expression("SET #p = :b")
        .expression_attribute_names("#p", GSI1.partition)
        .expression_attribute_values(":b", s("IDX#B"))
        .send()
        .await
        .expect("update");
    assert_eq!(ids(query("IDX#A").await.expect("query")), ["IDX#2"]);
    assert_eq!(ids(query("IDX#B").await.expect("query")), ["IDX#1"]);

    client
        .delete_item()
        .table_name(&table)
        .key(PK, s("IDX#2"))
        .key(SK, s("ITEM"))
        .send()
        .await
        .expect("delete");
    assert!(ids(query("IDX#A").await.expect("query")).is_empty());
}
