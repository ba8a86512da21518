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
