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
