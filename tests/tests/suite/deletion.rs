//! A delete from the matter that failed halfway: staff see it as `deleting`, no contact
//! sees or opens it, repeating the DELETE finishes it, and the scheduled sweep finishes it by
//! itself once it is older than the grace period, reading its markers strongly consistently.

use integration_tests::observe::{Recorder, Refuse, SharedInterceptor};
use integration_tests::{document_ids, Access, Stack};
use serde_json::Value;
use std::time::Duration;

/// The S3 call the delete makes after every share is gone: failing it leaves the document
/// marked `deleting` with its bytes still in the bucket.
const S3_DELETE: &str = "S3.DeleteObject";

/// The matter's documents as staff see them: id -> status.
async fn statuses(stack: &Stack, matter: &str) -> Vec<(String, String)> {
    let listed = stack.matter_documents(matter).await;
    listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|d| {
            (
                d["documentId"].as_str().expect("id").to_string(),
                d["status"].as_str().expect("status").to_string(),
            )
        })
        .collect()
}

fn status_of<'a>(listed: &'a [(String, String)], document: &str) -> Option<&'a str> {
    listed
        .iter()
        .find(|(id, _)| id == document)
        .map(|(_, status)| status.as_str())
}

async fn shared_count(stack: &Stack, matter: &str, contact: &str) -> i64 {
    stack.access_row(matter, contact).await["sharedCount"]
        .as_i64()
        .expect("sharedCount")
}

/// A delete the S3 outage stopped halfway: answered 502.
async fn delete_halfway(stack: &Stack, refuse: &Refuse, matter: &str, document: &str) {
    refuse.arm(&[S3_DELETE]);
    let (status, answer) = stack.try_delete_document(matter, document).await;
    refuse.disarm();
    assert_eq!(status, 502, "{answer}");
}

#[tokio::test]
async fn a_delete_that_failed_halfway_is_shown_to_staff_and_finished_by_repeating_it() {
    let refuse = Refuse::default();
    let stack = Stack::instrumented(&[], &[SharedInterceptor::new(refuse.clone())]).await;
    let [ann, bob] = stack
        .matter_with_contacts([("ann", Access::Download), ("bob", Access::ViewOnly)])
        .await;
    let matter = ann.matter.clone();
    let [doomed, kept] = stack
        .upload_firm_documents(
            &matter,
            [("Doomed.pdf", b"%PDF-1.7 a"), ("Kept.pdf", b"%PDF-1.7 b")],
        )
        .await;
    stack
        .share(&matter, &[&doomed, &kept], &[&ann.id, &bob.id])
        .await;
    let ann = stack.sign_in_contact(ann).await;

    delete_halfway(&stack, &refuse, &matter, &doomed).await;
    assert_eq!(refuse.refused(), 1);

    // Staff see it, as deleting; its bytes are still there.
    let listed = statuses(&stack, &matter).await;
    assert_eq!(status_of(&listed, &doomed), Some("deleting"), "{listed:?}");
    assert_eq!(status_of(&listed, &kept), Some("available"));
    assert!(stack.object_exists(&matter, &doomed).await);

    // No contact reaches it: not listed, no link, and it cannot be shared again.
    let portal = stack.portal_documents(&ann.session, "").await;
    assert_eq!(document_ids(&portal), vec![kept.clone()]);
    for disposition in ["view", "download"] {
        let (status, answer) = stack.try_link(&ann.session, &doomed, disposition).await;
        assert_eq!(status, 404, "{disposition}: {answer}");
    }
    let (status, answer) = stack.try_share(&matter, &[&doomed], &[&ann.id]).await;
    assert_eq!(status, 404, "{answer}");

    // Repeating the DELETE finishes it: gone from every list, bytes gone, counts right.
    stack.delete_document(&matter, &doomed).await;
    let listed = statuses(&stack, &matter).await;
    assert_eq!(status_of(&listed, &doomed), None, "{listed:?}");
    assert!(!stack.object_exists(&matter, &doomed).await);
    let shares = stack.matter_shares(&matter, "").await;
    assert_eq!(document_ids(&shares), vec![kept.clone(), kept.clone()]);
    assert_eq!(shared_count(&stack, &matter, &ann.id).await, 1);
    assert_eq!(shared_count(&stack, &matter, &bob.id).await, 1);
    assert_eq!(stack.try_delete_document(&matter, &doomed).await.0, 404);
    // Nothing is left for the sweep.
    let swept = stack.sweep_deletions(0).await;
    assert_eq!(swept["finished"], Value::Array(vec![]), "{swept}");
    assert_eq!(swept["waiting"], 0, "{swept}");
}

#[tokio::test]
async fn the_sweep_finishes_old_deletes_by_itself_and_leaves_fresh_ones() {
    let refuse = Refuse::default();
    let recorder = Recorder::default();
    let stack = Stack::instrumented(
        &[],
        &[
            SharedInterceptor::new(refuse.clone()),
            SharedInterceptor::new(recorder.clone()),
        ],
    )
    .await;
    let contact = stack.matter_with_contact(Access::Download).await;
    let matter = contact.matter.clone();
    let [old, fresh, kept] = stack
        .upload_firm_documents(
            &matter,
            [
                ("Old.pdf", b"%PDF-1.7 old"),
                ("Fresh.pdf", b"%PDF-1.7 fresh"),
                ("Kept.pdf", b"%PDF-1.7 kept"),
            ],
        )
        .await;
    stack
        .share(&matter, &[&old, &fresh, &kept], &[&contact.id])
        .await;

    // Grace 5 s: `old` is past it when the sweep runs, `fresh` (marked just before) is not.
    let grace = 5;
    delete_halfway(&stack, &refuse, &matter, &old).await;
    tokio::time::sleep(Duration::from_secs(grace + 1)).await;
    delete_halfway(&stack, &refuse, &matter, &fresh).await;

    let swept = stack.sweep_deletions(grace).await;
    assert_eq!(swept["finished"], serde_json::json!([old]), "{swept}");
    assert_eq!(swept["waiting"], 1, "{swept}");
    let listed = statuses(&stack, &matter).await;
    assert_eq!(status_of(&listed, &old), None, "{listed:?}");
    assert_eq!(status_of(&listed, &fresh), Some("deleting"));
    assert!(!stack.object_exists(&matter, &old).await);
    assert!(stack.object_exists(&matter, &fresh).await);

    // The sweep reads the table itself, strongly consistently: a delete that just failed is
    // never missed for a stale read. (Its recount of tallies reads the matters and their
    // documents from an index, and only once a matter has been still for a while.)
    let sweep_reads: Vec<_> = recorder
        .reads()
        .into_iter()
        .filter(|r| r.function == "attach-upload")
        .collect();
    assert!(sweep_reads.iter().any(|r| r.operation == "Query"));
    for read in &sweep_reads {
        match read.index.as_deref() {
            None => assert!(read.consistent, "{read:?}"),
            Some(index) => assert_eq!(index, "gsi2", "the recount's reads only: {read:?}"),
        }
    }

    // Once it is old enough too, the next sweep finishes it; the share counts add up.
    let swept = stack.sweep_deletions(0).await;
    assert_eq!(swept["finished"], serde_json::json!([fresh]), "{swept}");
    let listed = statuses(&stack, &matter).await;
    assert_eq!(listed, vec![(kept.clone(), "available".to_string())]);
    assert!(!stack.object_exists(&matter, &fresh).await);
    assert_eq!(shared_count(&stack, &matter, &contact.id).await, 1);
    let shares = stack.matter_shares(&matter, "").await;
    assert_eq!(document_ids(&shares), vec![kept]);
}

#[tokio::test]
async fn the_schedule_runs_the_sweep_in_either_event_shape_with_its_grace() {
    let refuse = Refuse::default();
    let stack = Stack::instrumented(&[], &[SharedInterceptor::new(refuse.clone())]).await;
    let matter = stack.new_matter("m").await;
    let document = stack
        .upload_firm_document(&matter, "Recent.pdf", b"%PDF-1.7 recent")
        .await;
    delete_halfway(&stack, &refuse, &matter, &document).await;

    // The deployed rule's input (events/attach-upload-sweep.json, as in the template), and
    // EventBridge's own scheduled event (no input: the default grace, 5 minutes). A delete
    // that failed a moment ago is left to staff either way.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../events/attach-upload-sweep.json"
    );
    let raw = std::fs::read_to_string(path).expect("sample");
    let sample: Value = serde_json::from_str(&raw).expect("json");
    let template = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../infra/template.yaml"
    ))
    .expect("template");
    assert!(
        template.contains(&format!("Input: '{}'", raw.trim())),
        "the template's schedule sends the sample's input: {raw}"
    );
    let eventbridge = serde_json::json!({
        "version": "0",
        "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": "123456789012",
        "time": "2026-11-22T10:00:00Z",
        "region": "us-east-1",
        "resources": ["arn:aws:events:us-east-1:123456789012:rule/portal-DeletionSweep"],
        "detail": {}
    });
    for event in [sample, eventbridge] {
        let swept = attach_upload::handle_event(&stack.app, event)
            .await
            .expect("swept");
        let deletions: Value = ["finished", "waiting", "stale"]
            .into_iter()
            .map(|k| (k.to_string(), swept[k].clone()))
            .collect::<serde_json::Map<_, _>>()
            .into();
        assert_eq!(
            deletions,
            serde_json::json!({"finished": [], "waiting": 1, "stale": 0})
        );
        // Then the tallies: the one matter, just changed, is left to a later run.
        assert_eq!(swept["tallies"]["checked"], 1, "{swept}");
        assert_eq!(swept["tallies"]["busy"], 1, "{swept}");
    }
    let listed = statuses(&stack, &matter).await;
    assert_eq!(status_of(&listed, &document), Some("deleting"));
}
