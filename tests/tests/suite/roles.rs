//! Every function's role allows every AWS call its code can reach, and nothing more.
//!
//! One run drives every code path of every function through its real handler (the HTTP
//! functions through `Stack::call`, `attach-upload` through its S3 events and its scheduled
//! sweep, the outbox's two through the table's stream and the digest queue) with an SDK
//! interceptor that files the IAM action of each call under the function
//! that made it (`observe::Recorder`). The recorded actions are then compared with each
//! function's `Policies` in infra/template.yaml, both ways.

use integration_tests::observe::{self, Action, Recorder, Refuse, SharedInterceptor};
use integration_tests::{Access, Caller, Contact, SignedIn, Stack};
use serde_json::json;
use shared::records::{attr, upload, DocumentRecord, DocumentStatus, UploadRecord, UploadStatus};
use shared::service::intake::AttachOutcome;
use shared::store::Change;
use std::collections::{BTreeMap, BTreeSet};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj engagement letter";
/// Declared a PDF, but a Windows program: every check refuses it.
const NOT_A_PDF: &[u8] = b"MZ\x90\x00 not a pdf at all, a program";

/// Allowed actions no run on the emulator can record: (function, action, reason). The KMS
/// actions, which moto never calls, are derived from the S3 calls that need them under
/// SSE-KMS (`kms_needed`) and compared exactly.
const ALLOWANCES: &[(&str, &str, &str)] = &[(
    "stamp-views",
    "dynamodb:GetItem",
    "an opening's transaction cancelled because the share went between the session's read \
     and the write reads the share again (portal::record_opening); presign-download's run \
     records that path through a download limit, which a stamped view never counts against",
)];

/// Where an allowed action applies, as far as this test tells them apart.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    Table,
    Index(String),
    /// Objects under the documents bucket's `matters/` prefix.
    DocumentObjects,
    /// Zips, under its `zips/` prefix.
    ZipObjects,
    /// Stamped copies of view-only PDFs, under its `stamps/` prefix.
    StampObjects,
    DocumentsBucket,
    /// The sender identity and configuration set.
    Email,
    DocumentsKey,
    /// The digest windows' wake-up queue.
    DigestQueue,
}

/// One allowed action on one target, maybe only under a template condition.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Grant {
    action: String,
    target: Target,
    condition: Option<String>,
}

fn target(resource: &str) -> Target {
    if let Some(at) = resource.find("PortalTable.Arn}/index/") {
        let name = &resource[at + "PortalTable.Arn}/index/".len()..];
        return Target::Index(name.trim_end_matches('"').to_string());
    }
    if resource == "!GetAtt PortalTable.Arn" {
        return Target::Table;
    }
    if resource.ends_with("-documents/matters/*\"") {
        return Target::DocumentObjects;
    }
    if resource.ends_with("-documents/zips/*\"") {
        return Target::ZipObjects;
    }
    if resource.ends_with("-documents/stamps/*\"") {
        return Target::StampObjects;
    }
    if resource.ends_with("-documents\"") {
        return Target::DocumentsBucket;
    }
    if resource.contains(":ses:") {
        return Target::Email;
    }
    if resource == "!GetAtt DocumentsKey.Arn" {
        return Target::DocumentsKey;
    }
    if resource == "!GetAtt DigestQueue.Arn" {
        return Target::DigestQueue;
    }
    panic!("a resource this test does not know: {resource}");
}

/// `[a, b]` or `a`.
fn list(text: &str) -> Vec<String> {
    let text = text.trim();
    let inner = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(text);
    inner
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A statement being read: its actions, resources and condition.
#[derive(Default)]
struct Statement {
    actions: Vec<String>,
    resources: Vec<String>,
    condition: Option<String>,
}

/// The `Policies` of one function's resource block, as grants. Only the forms the template
/// uses are understood (inline statements, `!If [Condition, statement, !Ref AWS::NoValue]`);
/// anything else fails the test rather than being skipped.
fn policy_grants(resource: &str, lines: &[&str]) -> BTreeSet<Grant> {
    let start = lines
        .iter()
        .position(|l| l.trim() == "Policies:")
        .unwrap_or_else(|| panic!("{resource} has no Policies"));
    let policies_indent = lines[start].len() - lines[start].trim_start().len();
    let mut statements: Vec<Statement> = Vec::new();
    let mut condition: Option<(String, usize)> = None;
    let mut expect_condition: Option<usize> = None;
    let mut resource_list_indent: Option<usize> = None;
    for line in &lines[start + 1..] {
        let text = line.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if indent <= policies_indent {
            break;
        }
        if condition.as_ref().is_some_and(|(_, at)| indent <= *at) {
            condition = None;
        }
        if let Some(at) = expect_condition.take() {
            let name = text.strip_prefix("- ").expect("- Condition");
            condition = Some((name.to_string(), at));
            continue;
        }
        if let Some(at) = resource_list_indent {
            if indent > at && text.starts_with("- ") {
                let statement = statements.last_mut().expect("a statement");
                statement.resources.push(text[2..].trim().to_string());
                continue;
            }
            resource_list_indent = None;
        }
        match text {
            "- Statement:" | "- !Ref AWS::NoValue" => continue,
            "- !If" => {
                expect_condition = Some(indent);
                continue;
            }
            _ => {}
        }
        let field = text.strip_prefix("- ").unwrap_or(text);
        if let Some(effect) = field.strip_prefix("Effect:") {
            assert_eq!(effect.trim(), "Allow", "{resource}: {line}");
            statements.push(Statement {
                condition: condition.as_ref().map(|(name, _)| name.clone()),
                ..Statement::default()
            });
        } else if let Some(actions) = field.strip_prefix("Action:") {
            let statement = statements.last_mut().expect("Effect first");
            statement.actions.extend(list(actions));
        } else if let Some(resources) = field.strip_prefix("Resource:") {
            let statement = statements.last_mut().expect("Effect first");
            if resources.trim().is_empty() {
                resource_list_indent = Some(indent);
            } else {
                statement.resources.extend(list(resources));
            }
        } else {
            panic!("{resource}: a policy line this test does not understand: {line}");
        }
    }
    let mut grants = BTreeSet::new();
    for statement in statements {
        assert!(
            !statement.actions.is_empty() && !statement.resources.is_empty(),
            "{resource}: a statement without actions or resources"
        );
        for action in &statement.actions {
            for resource in &statement.resources {
                grants.insert(Grant {
                    action: action.clone(),
                    target: target(resource),
                    condition: statement.condition.clone(),
                });
            }
        }
    }
    grants
}

/// Function name (its `Binary:`) -> the grants of its role.
fn template_roles() -> BTreeMap<String, BTreeSet<Grant>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../infra/template.yaml");
    let template = std::fs::read_to_string(path).expect("infra/template.yaml");
    // Resources are the two-space-indented keys; a block runs to the next one.
    let mut blocks: Vec<(String, Vec<&str>)> = Vec::new();
    for line in template.lines() {
        let is_key = line.starts_with("  ")
            && !line.starts_with("   ")
            && line.trim_end().ends_with(':')
            && line
                .trim()
                .trim_end_matches(':')
                .bytes()
                .all(|b| b.is_ascii_alphanumeric());
        if is_key {
            blocks.push((line.trim().trim_end_matches(':').to_string(), Vec::new()));
        } else if !line.starts_with(' ') && !line.is_empty() && !line.starts_with('#') {
            blocks.push((String::new(), Vec::new()));
        } else if let Some((_, lines)) = blocks.last_mut() {
            lines.push(line);
        }
    }
    blocks
        .into_iter()
        .filter(|(_, lines)| {
            lines
                .iter()
                .any(|l| l.trim() == "Type: AWS::Serverless::Function")
        })
        .map(|(resource, lines)| {
            let function = lines
                .iter()
                .find_map(|l| l.trim().strip_prefix("Binary: "))
                .unwrap_or_else(|| panic!("{resource} has no Binary"))
                .trim()
                .to_string();
            (function, policy_grants(&resource, &lines))
        })
        .collect()
}

/// What a recorded action needs from the role: the action on its target.
fn needed(action: &Action) -> (String, Target) {
    let target = match (action.action.split(':').next(), &action.index) {
        (_, Some(index)) => Target::Index(index.clone()),
        (Some("dynamodb"), None) => Target::Table,
        (Some("s3"), None) if action.action == "s3:ListBucket" => Target::DocumentsBucket,
        (Some("s3"), None) if action.under.as_deref() == Some("zips") => Target::ZipObjects,
        (Some("s3"), None) if action.under.as_deref() == Some("stamps") => Target::StampObjects,
        (Some("s3"), None) => Target::DocumentObjects,
        (Some("ses"), None) => Target::Email,
        // The only queue any function's code sends to.
        (Some("sqs"), None) => Target::DigestQueue,
        _ => panic!("an action this test cannot place: {action}"),
    };
    (action.action.clone(), target)
}

/// Under SSE-KMS, reading an object's bytes (a GET, or the browser's presigned GET signed
/// with the role's credentials) needs kms:Decrypt and writing one (a presigned PUT)
/// kms:GenerateDataKey; the emulator does not encrypt, so these follow from the S3 calls.
fn kms_needed(operations: &BTreeSet<String>) -> BTreeSet<String> {
    let mut kms = BTreeSet::new();
    if operations.contains("S3.GetObject") {
        kms.insert("kms:Decrypt".to_string());
    }
    if operations.contains("S3.PutObject") {
        kms.insert("kms:GenerateDataKey".to_string());
    }
    // A multipart upload under SSE-KMS needs both: a data key, and to read it back for parts.
    if operations.contains("S3.CreateMultipartUpload") {
        kms.insert("kms:GenerateDataKey".to_string());
        kms.insert("kms:Decrypt".to_string());
    }
    kms
}

/// Drives every function down each of its code paths; returns the stack and the recorder.
/// Each phase is boxed: as one future the flow is too large for a test thread's stack.
async fn run_every_path() -> (Stack, Recorder) {
    let recorder = Recorder::default();
    let refuse = Refuse::default();
    // Another invitation may go at once: a first message sends one.
    let stack = Stack::instrumented(
        &[("INVITE_RESEND_INTERVAL", "0")],
        &[
            SharedInterceptor::new(refuse.clone()),
            SharedInterceptor::new(recorder.clone()),
        ],
    )
    .await;
    let (matter, ann, bob, bob_session) = Box::pin(grants(&stack)).await;
    let by_trigger = Box::pin(uploads(&stack, &matter, &ann)).await;
    Box::pin(scans(&stack, &matter, &ann)).await;
    let [lagging, second] = Box::pin(shares(&stack, &matter, &ann, &bob, &by_trigger)).await;
    Box::pin(lists(&stack, &matter, &ann)).await;
    Box::pin(messages(&stack, &matter, &ann)).await;
    Box::pin(links(
        &stack,
        &matter,
        &ann,
        &bob_session,
        [&by_trigger, &lagging, &second],
    ))
    .await;
    Box::pin(stamps(&stack, &matter, &bob, &bob_session)).await;
    Box::pin(versions(&stack, &matter, &by_trigger)).await;
    let folder = Box::pin(folders(&stack, &matter, &ann, &by_trigger)).await;
    Box::pin(zips(&stack, &refuse, &matter, &ann, &folder)).await;
    Box::pin(bills(&stack, &matter, &ann, &by_trigger)).await;
    Box::pin(appointments(&stack, &matter, &ann)).await;
    Box::pin(tasks(&stack, &matter, &ann)).await;
    Box::pin(removals(
        &stack,
        &refuse,
        &matter,
        &bob,
        &by_trigger,
        &lagging,
    ))
    .await;
    // grant-access again: sign out, revoke.
    stack.sign_out(&ann.session).await;
    stack.revoke(&matter, &bob.id).await;
    Box::pin(outbox(&stack, &refuse, &matter, &ann)).await;
    Box::pin(event_log(&stack, &matter, &ann)).await;
    (stack, recorder)
}

/// grant-access: settings saved and read, grants (new, updated, a new address), a resend,
/// sign-in by invitation, sign-in links for a known and an unknown address.
async fn grants(stack: &Stack) -> (String, SignedIn, Contact, String) {
    let matter = stack.new_matter("m").await;
    stack.read_matter(&matter).await;
    // Saved again: a settings change reaches the grants' copies of the title.
    stack.save_matter(&matter).await;
    let ann = stack.new_contact(&matter, "ann", Access::Download).await;
    let bob = stack.new_contact(&matter, "bob", Access::ViewOnly).await;
    stack
        .grant(&matter, &ann.id, &ann.email, Access::Download)
        .await;
    let bob_email = stack.email("bob2");
    stack
        .grant(&matter, &bob.id, &bob_email, Access::ViewOnly)
        .await;
    stack.resend_invitation(&matter, &ann.id).await;
    let ann = stack.sign_in_contact(ann).await;
    let bob_session = stack.sign_in(&bob_email).await;
    assert_eq!(stack.try_request_sign_in_link(&ann.email).await.0, 202);
    let unknown = stack.email("nobody");
    assert_eq!(stack.try_request_sign_in_link(&unknown).await.0, 202);
    // The contact's language, read and chosen (kept on their grant, told in the log).
    let me = Caller::Bearer(&ann.session);
    assert_eq!(
        stack.call("GET", "/portal/preferences", me, None).await.0,
        200
    );
    let spanish = Some(json!({"language": "es"}));
    assert_eq!(
        stack
            .call("PUT", "/portal/preferences", me, spanish)
            .await
            .0,
        200
    );
    (matter, ann, bob, bob_session)
}

/// presign-upload and attach-upload: a firm document made available by the trigger, one
/// refused by it, contact uploads attached and refused, an upload's status. The firm
/// document made available: its id.
async fn uploads(stack: &Stack, matter: &str, ann: &SignedIn) -> String {
    let by_trigger = stack.upload_firm_document(matter, "Letter.pdf", PDF).await;
    let refused = stack
        .register_firm_document(matter, "Refused.pdf", "application/pdf", NOT_A_PDF)
        .await;
    assert_eq!(stack.put_presigned(&refused, NOT_A_PDF.to_vec()).await, 200);
    stack
        .upload_as_contact(&ann.session, matter, "Mine.pdf", PDF)
        .await;
    let fake = stack
        .request_upload(
            &ann.session,
            matter,
            "Fake.pdf",
            "application/pdf",
            NOT_A_PDF,
        )
        .await;
    assert_eq!(stack.put_presigned(&fake, NOT_A_PDF.to_vec()).await, 200);
    stack.deliver_object_events().await;
    let fake_id = fake["uploadId"].as_str().expect("uploadId");
    let status = stack.upload_status(&ann.session, matter, fake_id).await;
    assert_eq!(status["status"], "rejected", "{status}");
    by_trigger
}

/// share-documents: shares whose documents the trigger has not seen yet (checked and made
/// available here), one refused here (its object deleted), one still uploading. The two
/// made available here: their ids.
async fn shares(
    stack: &Stack,
    matter: &str,
    ann: &SignedIn,
    bob: &Contact,
    by_trigger: &str,
) -> [String; 2] {
    let [lagging, second] = stack
        .upload_firm_documents(matter, [("Lagging.pdf", PDF), ("Second.pdf", PDF)])
        .await;
    stack
        .share(
            matter,
            &[by_trigger, &lagging, &second],
            &[&ann.id, &bob.id],
        )
        .await;
    let bad = stack
        .register_firm_document(matter, "Bad.pdf", "application/pdf", NOT_A_PDF)
        .await;
    assert_eq!(stack.put_presigned(&bad, NOT_A_PDF.to_vec()).await, 200);
    let bad_id = bad["documentId"].as_str().expect("id");
    assert_eq!(stack.try_share(matter, &[bad_id], &[&ann.id]).await.0, 409);
    let waiting = stack
        .register_firm_document(matter, "Waiting.pdf", "application/pdf", PDF)
        .await;
    let waiting_id = waiting["documentId"].as_str().expect("id");
    assert_eq!(
        stack.try_share(matter, &[waiting_id], &[&ann.id]).await.0,
        409
    );
    stack.deliver_object_events().await;
    [lagging, second]
}

/// list-shares: every section in every order (each order reads its own index), searched,
/// and the portal's lists.
async fn lists(stack: &Stack, matter: &str, ann: &SignedIn) {
    let (status, answer) = stack.call("GET", "/matters", Caller::Staff, None).await;
    assert_eq!(status, 200, "{answer}");
    stack.access_row(matter, &ann.id).await;
    stack.matter_documents(matter).await;
    for sort in ["name", "activity", "created"] {
        stack.matter_shares(matter, &format!("?sort={sort}")).await;
        stack
            .matter_shares(matter, &format!("?sort={sort}&contactId={}", ann.id))
            .await;
        stack
            .matter_shares(matter, &format!("?sort={sort}&q=letter"))
            .await;
        stack
            .portal_documents(&ann.session, &format!("?sort={sort}"))
            .await;
        stack
            .portal_documents(&ann.session, &format!("?sort={sort}&matterId={matter}"))
            .await;
    }
    stack.portal_matters(&ann.session).await;
}

/// messages: a conversation both ways with an attachment the trigger has not seen yet
/// (checked here), receipts, the lists, a delete, and the first message to a contact who
/// never signed in (sent with an invitation).
async fn messages(stack: &Stack, matter: &str, ann: &SignedIn) {
    let lagging = stack
        .upload_firm_document(matter, "Attached.pdf", PDF)
        .await;
    set_pending(stack, &lagging).await;
    let body = json!({"text": "See attached", "documentId": lagging});
    let (status, posted) = stack.try_post_message(matter, &ann.id, body).await;
    assert_eq!(status, 201, "{posted}");
    // One whose bytes fail the checks here: refused, its object deleted.
    let bad = stack
        .register_firm_document(matter, "Bad.pdf", "application/pdf", NOT_A_PDF)
        .await;
    assert_eq!(stack.put_presigned(&bad, NOT_A_PDF.to_vec()).await, 200);
    let body = json!({"text": "See this", "documentId": bad["documentId"]});
    assert_eq!(stack.try_post_message(matter, &ann.id, body).await.0, 409);
    stack.reply(&ann.session, matter, "Thanks").await;
    stack.conversations(matter).await;
    stack.my_conversations(&ann.session).await;
    stack.staff_messages(matter, &ann.id).await;
    stack.my_messages(&ann.session, matter).await;
    stack.staff_read(matter, &ann.id).await;
    stack.read_mine(&ann.session, matter).await;
    let id = posted["messageId"].as_str().expect("id");
    assert_eq!(stack.try_delete_message(matter, &ann.id, id).await.0, 204);
    let cat = stack.new_contact(matter, "cat", Access::ViewOnly).await;
    stack.post_message(matter, &cat.id, "Welcome").await;
}

/// presign-download: view and download, a refused download, the trigger's checks where a
/// shared document is (again) pending (one passes, one is refused and its object deleted),
/// and a download limit reached.
async fn links(
    stack: &Stack,
    matter: &str,
    ann: &SignedIn,
    bob_session: &str,
    [available, passes, refused]: [&str; 3],
) {
    stack.link(&ann.session, available, "view").await;
    stack.link(&ann.session, available, "download").await;
    assert_eq!(
        stack.try_link(bob_session, available, "download").await.0,
        403
    );
    set_pending(stack, passes).await;
    stack.link(&ann.session, passes, "view").await;
    set_pending(stack, refused).await;
    shared::files::client(&stack.sdk)
        .put_object()
        .bucket(&stack.app.config.bucket_name)
        .key(upload::object_key(matter, refused))
        .body(NOT_A_PDF.to_vec().into())
        .send()
        .await
        .expect("replace the object");
    assert_eq!(stack.try_link(&ann.session, refused, "view").await.0, 409);
    // A download limit used up: the refused transaction is explained by reading the share.
    let limited = stack.upload_firm_document(matter, "Limited.pdf", PDF).await;
    let body = json!({"documentIds": [&limited], "contactIds": [&ann.id], "downloadLimit": 1});
    let path = format!("/matters/{matter}/shares");
    let (status, answer) = stack.call("POST", &path, Caller::Staff, Some(body)).await;
    assert_eq!(status, 200, "{answer}");
    stack.link(&ann.session, &limited, "download").await;
    assert_eq!(
        stack.try_link(&ann.session, &limited, "download").await.0,
        403
    );
}

/// stamp-views: a view-only contact's PDF stamped (the original read, the copy missed and
/// written), then its copy found again within the hour.
async fn stamps(stack: &Stack, matter: &str, bob: &Contact, bob_session: &str) {
    let letter = integration_tests::pdf::letter(2);
    let id = stack
        .upload_firm_document(matter, "Stamped.pdf", &letter)
        .await;
    stack.deliver_object_events().await;
    stack.share(matter, &[&id], &[&bob.id]).await;
    for _ in 0..2 {
        let (status, answer) = stack.try_stamped_link(bob_session, &id).await;
        assert_eq!(status, 200, "{answer}");
    }
}

/// stop-share: a share stopped, a document deleted, another whose delete stops halfway and
/// which the sweep (attach-upload on its schedule) finishes.
/// presign-upload, attach-upload, list-shares, presign-download: a new version declared, its
/// bytes checked and shown on every share (their grants read), where its upload stands, the
/// history, and a link to the version it replaced. The document's delete later removes both.
async fn versions(stack: &Stack, matter: &str, document: &str) {
    let upload = stack
        .add_version(matter, document, b"%PDF-1.7\n1 0 obj the second version")
        .await;
    let upload_id = upload["uploadId"].as_str().expect("uploadId");
    let (status, answer) = stack.staff_upload_status(matter, upload_id).await;
    assert_eq!(
        (status, &answer["status"]),
        (200, &json!("attached")),
        "{answer}"
    );
    let (status, answer) = stack.try_versions(matter, document).await;
    assert_eq!(
        answer["items"].as_array().map(Vec::len),
        Some(2),
        "{status}: {answer}"
    );
    let (status, answer) = stack.try_version_link(matter, document, "1").await;
    assert_eq!(status, 200, "{answer}");
}

/// share-documents, list-shares, stop-share: a folder created, renamed, a document moved in,
/// the folder shared and listed, the share stopped; an empty folder deleted. The document
/// stays in the folder, so its delete below empties it.
async fn folders(stack: &Stack, matter: &str, ann: &SignedIn, document: &str) -> String {
    let folder = stack.create_folder(matter, "Pleadings").await;
    let path = format!("/matters/{matter}/folders/{folder}");
    let body = json!({"name": "Court filings"});
    let (status, answer) = stack.call("PUT", &path, Caller::Staff, Some(body)).await;
    assert_eq!(status, 200, "{answer}");
    stack.move_to(matter, document, Some(&folder)).await;
    stack.share_folder(matter, &folder, &[&ann.id]).await;
    assert_eq!(stack.folders(matter).await.len(), 1);
    let (status, answer) = stack.try_stop_folder_share(matter, &folder, &ann.id).await;
    assert_eq!(status, 204, "{answer}");
    // A move between folders takes the document's entry out of the first.
    let empty = stack.create_folder(matter, "Empty").await;
    stack.move_to(matter, document, Some(&empty)).await;
    stack.move_to(matter, document, Some(&folder)).await;
    let path = format!("/matters/{matter}/folders/{empty}");
    let (status, answer) = stack.call("DELETE", &path, Caller::Staff, None).await;
    assert_eq!(status, 204, "{answer}");
    folder
}

/// share-documents and list-shares: a bill with the matter's PDF created, sent to Ann (the
/// PDF shared with her), edited; staff's and Ann's lists.
async fn bills(stack: &Stack, matter: &str, ann: &SignedIn, pdf: &str) {
    let body = json!({
        "number": "1042", "issuedOn": "2027-01-01", "dueOn": "2027-01-31",
        "currency": "USD", "totalMinor": 1000, "pdfDocumentId": pdf,
    });
    let bill = stack.create_bill(matter, body).await;
    let bill = bill["billId"].as_str().expect("billId");
    stack.send_bills(matter, &[bill], &[&ann.id]).await;
    let edit = json!({"revision": 1, "balanceMinor": 0});
    let (status, answer) = stack.try_edit_bill(matter, bill, edit).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        stack.bills(matter).await["items"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(stack.my_bills(&ann.session).await.len(), 1);
}

/// share-documents, list-shares, stop-share: a calendar event created and shared with Ann,
/// moved, listed for staff and for Ann, taken as an .ics file, cancelled.
async fn appointments(stack: &Stack, matter: &str, ann: &SignedIn) {
    let mut body = json!({
        "title": "Signing", "startsAt": "2030-01-05T15:00:00-05:00",
        "endsAt": "2030-01-05T16:00:00-05:00", "timeZone": "America/New_York",
        "contactIds": [&ann.id],
    });
    let (status, created) = stack.try_create_appointment(matter, body.clone()).await;
    assert_eq!(status, 201, "{created}");
    let event = created["appointmentId"].as_str().expect("id");
    body["startsAt"] = json!("2030-01-06T15:00:00-05:00");
    body["endsAt"] = json!("2030-01-06T16:00:00-05:00");
    body["sequence"] = json!(0);
    let (status, answer) = stack.try_change_appointment(matter, event, body).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(stack.appointments(matter).await.len(), 1);
    assert_eq!(stack.my_appointments(&ann.session).await.len(), 1);
    assert_eq!(stack.ics(&ann.session, matter, event).await.0, 200);
    assert_eq!(stack.try_cancel_appointment(matter, event).await.0, 204);
}

/// presign-upload, list-shares, attach-upload, stop-share: tasks given to Ann, reminded by the schedule,
/// one completed by her upload of its document, one marked done; listed for staff and Ann;
/// her home; one withdrawn.
async fn tasks(stack: &Stack, matter: &str, ann: &SignedIn) {
    let zone = &stack.app.config.firm_time_zone;
    let today = shared::clock::date_in(zone, shared::clock::now()).expect("today");
    let tomorrow = shared::clock::add_days(&today, 1).expect("tomorrow");
    let mut ids = Vec::new();
    for wanted in [Some("Signed letter"), None] {
        let body = json!({"contactId": &ann.id, "title": "Sign", "dueOn": &tomorrow,
            "documentWanted": wanted});
        let (status, task) = stack.try_give_task(matter, body).await;
        assert_eq!(status, 201, "{task}");
        ids.push(task["taskId"].as_str().expect("taskId").to_string());
    }
    let swept = stack.sweep_deletions(300).await;
    assert_eq!(swept["reminders"]["reminded"], 2, "{swept}");
    let (status, intent) = stack
        .try_upload_for_task(&ann.session, matter, &ids[0], PDF)
        .await;
    assert_eq!(status, 201, "{intent}");
    assert_eq!(stack.put_presigned(&intent, PDF.to_vec()).await, 200);
    stack.deliver_object_events().await;
    assert_eq!(
        stack.try_task_done(&ann.session, matter, &ids[1]).await.0,
        200
    );
    let listed = stack.tasks(matter).await;
    let done = listed["items"]
        .as_array()
        .map(|all| all.iter().filter(|t| t["status"] == json!("done")).count());
    assert_eq!(done, Some(2), "{listed}");
    assert_eq!(stack.my_tasks(&ann.session).await.len(), 2);
    let home = stack.portal_home(&ann.session).await;
    assert!(
        home["shared"].as_array().is_some_and(|s| s.len() >= 2),
        "{home}"
    );
    let body = json!({"contactId": &ann.id, "title": "Mistake", "dueOn": &tomorrow});
    let (_, mistake) = stack.try_give_task(matter, body).await;
    let mistake = mistake["taskId"].as_str().expect("taskId");
    assert_eq!(stack.try_withdraw_task(matter, mistake).await.0, 204);
}

/// presign-download: a contact's zip of a folder (the document shared directly) written in
/// parts, the same zip again (found), the matter's refused (a limit used up), staff's zip of
/// the matter, one whose write fails and
/// is given up, and staff's zip of the folder (read through its entries).
async fn zips(stack: &Stack, refuse: &Refuse, matter: &str, ann: &SignedIn, folder: &str) {
    let (status, answer) = stack.try_my_zip(&ann.session, matter, Some(folder)).await;
    assert_eq!(status, 200, "{answer}");
    let (status, answer) = stack.try_my_zip(&ann.session, matter, Some(folder)).await;
    assert_eq!((status, &answer["reused"]), (200, &json!(true)), "{answer}");
    // The whole matter reads every share of Ann's there, and one's limit is used up.
    assert_eq!(stack.try_my_zip(&ann.session, matter, None).await.0, 403);
    refuse.arm(&["S3.CompleteMultipartUpload"]);
    assert_eq!(stack.try_matter_zip(matter, None).await.0, 502);
    refuse.disarm();
    let (status, answer) = stack.try_matter_zip(matter, None).await;
    assert_eq!(status, 200, "{answer}");
    let (status, answer) = stack.try_matter_zip(matter, Some(folder)).await;
    assert_eq!(status, 200, "{answer}");
}

async fn removals(
    stack: &Stack,
    refuse: &Refuse,
    matter: &str,
    bob: &Contact,
    deleted: &str,
    swept: &str,
) {
    stack.stop_share(matter, deleted, &bob.id).await;
    stack.delete_document(matter, deleted).await;
    refuse.arm(&["S3.DeleteObject"]);
    assert_eq!(stack.try_delete_document(matter, swept).await.0, 502);
    refuse.disarm();
    let outcome = stack.sweep_deletions(0).await;
    assert_eq!(outcome["finished"], json!([swept]), "{outcome}");
}

/// attach-upload as deployed, with GuardDuty's verdicts: an upload's ObjectCreated event
/// leaves it awaiting its scan, and the sweep settles it from the verdict tag (its
/// scan-result event lost).
async fn scans(stack: &Stack, matter: &str, ann: &SignedIn) {
    let mut scanning = stack.app.clone();
    scanning.config.malware_scan = shared::scan::Scanner::GuardDuty;
    let intent = stack
        .put_contact_upload(&ann.session, matter, "Scanned.pdf", PDF)
        .await;
    let id = intent["uploadId"].as_str().expect("uploadId");
    for event in stack.take_object_events().await {
        let handled =
            observe::as_function("attach-upload", attach_upload::handle(&scanning, event))
                .await
                .expect("handled");
        assert_eq!(handled, vec![AttachOutcome::AwaitingScan]);
    }
    stack
        .tag_scan_verdict(&upload::object_key(matter, id), "NO_THREATS_FOUND")
        .await;
    let sweep = json!({"sweep": "deletions", "graceSeconds": 0});
    let swept = observe::as_function(
        "attach-upload",
        attach_upload::handle_event(&scanning, sweep),
    )
    .await
    .expect("swept");
    assert_eq!(swept["scans"]["settled"], 1, "{swept}");
}

/// file-notifications and send-digests: every notifiable event above filed (new windows,
/// windows already open, a replayed batch), digests sent, a window whose items were all
/// undone, a duplicate wake-up, an SES failure released and retried, a daily summary
/// deferred and then queued by the schedule.
async fn outbox(stack: &Stack, refuse: &Refuse, matter: &str, ann: &SignedIn) {
    let mut batches = Vec::new();
    while let Some(batch) = stack.take_stream_batch().await {
        stack.file_notifications(batch.clone()).await;
        batches.push(batch);
    }
    for batch in batches {
        stack.file_notifications(batch).await;
    }
    refuse.arm(&["SESv2.SendEmail"]);
    stack.send_digests().await;
    refuse.disarm();
    let wakes = stack.take_digest_events().await;
    for event in wakes.iter().chain(&wakes) {
        stack.send_digest_event(event.clone()).await;
    }
    // Shared, then unshared before its window is sent: nothing left to send.
    let late = stack.upload_firm_document(matter, "Late.pdf", PDF).await;
    stack.share(matter, &[&late], &[&ann.id]).await;
    stack.stop_share(matter, &late, &ann.id).await;
    stack.deliver_notifications().await;
    // A daily summary: the window left open, then queued by the schedule and sent.
    let daisy = stack.new_contact(matter, "daisy", Access::Download).await;
    let daisy = stack.sign_in_contact(daisy).await;
    let me = Caller::Bearer(&daisy.session);
    let daily = json!({"notifications": "daily"});
    let (status, _) = stack
        .call("PUT", "/portal/preferences", me, Some(daily))
        .await;
    assert_eq!(status, 200);
    stack
        .share_new_document(matter, "Daily.pdf", PDF, &[&daisy.id])
        .await;
    stack.deliver_notifications().await;
    let answer = stack.run_daily_schedule_at("2099-01-01T08:00:00Z").await;
    assert_eq!(answer["dailySummariesQueued"], 1, "{answer}");
    stack.send_digests().await;
    let back = json!({"notifications": "window"});
    let (status, _) = stack
        .call("PUT", "/portal/preferences", me, Some(back))
        .await;
    assert_eq!(status, 200);
}

/// list-events: the log, filtered and exported, and a document's readers.
async fn event_log(stack: &Stack, matter: &str, ann: &SignedIn) {
    let document = &stack
        .share_new_document(matter, "Read.pdf", PDF, &[&ann.id])
        .await;
    for query in [
        String::new(),
        format!("?documentId={document}"),
        format!("?contactId={}&type=documentShared", ann.id),
    ] {
        let path = format!("/matters/{matter}/events{query}");
        let (status, answer) = stack.call("GET", &path, Caller::Staff, None).await;
        assert_eq!(status, 200, "{path}: {answer}");
    }
    let path = format!("/matters/{matter}/documents/{document}/readers");
    let (status, answer) = stack.call("GET", &path, Caller::Staff, None).await;
    assert_eq!(status, 200, "{path}: {answer}");
}

/// Puts a document and its upload back to `pending`, as if its trigger had not run yet.
async fn set_pending(stack: &Stack, document: &str) {
    let change = Change::new().set(attr::STATUS, DocumentStatus::Pending);
    assert!(stack
        .app
        .table
        .update(&DocumentRecord::key_for(document), change)
        .await
        .expect("set pending"));
    let change = Change::new().set(attr::STATUS, UploadStatus::Pending);
    assert!(stack
        .app
        .table
        .update(&UploadRecord::key_for(document), change)
        .await
        .expect("set the upload pending"));
}

#[tokio::test]
async fn every_role_allows_exactly_the_calls_its_function_makes() {
    let roles = template_roles();
    let (stack, recorder) = Box::pin(run_every_path()).await;
    // Every route was run (a route added later must be added to the run).
    let routes: BTreeSet<(&str, &str)> = shared::routes::ROUTES
        .iter()
        .map(|r| (r.method, r.path))
        .collect();
    let called = stack.routes_called();
    let missed: Vec<_> = routes.difference(&called).collect();
    assert!(
        missed.is_empty(),
        "routes the run did not reach: {missed:?}"
    );
    let recorded = recorder.actions();
    let operations = recorder.operations();

    println!("AWS calls per function (IAM action <- SDK operations):");
    for (function, actions) in &recorded {
        println!("  {function}");
        let list: Vec<String> = actions.iter().map(ToString::to_string).collect();
        println!("    actions:    {}", list.join(", "));
        let ops: Vec<&str> = operations[function].iter().map(String::as_str).collect();
        println!("    operations: {}", ops.join(", "));
    }

    let functions: BTreeSet<&str> = roles.keys().map(String::as_str).collect();
    let called: BTreeSet<&str> = recorded
        .keys()
        .copied()
        .filter(|f| *f != integration_tests::observe::OUTSIDE_ANY_FUNCTION)
        .collect();
    assert_eq!(called, functions, "every function was run, and only these");

    let mut problems = Vec::new();
    for (function, grants) in &roles {
        let actions = &recorded[function.as_str()];
        let need: BTreeSet<(String, Target)> = actions.iter().map(needed).collect();
        let always: BTreeSet<(String, Target)> = grants
            .iter()
            .filter(|g| g.condition.is_none())
            .map(|g| (g.action.clone(), g.target.clone()))
            .collect();
        for (action, target) in need.difference(&always) {
            problems.push(format!(
                "{function} calls {action} on {target:?}, which its role does not allow"
            ));
        }
        for (action, target) in always.difference(&need) {
            let allowed = ALLOWANCES
                .iter()
                .any(|(f, a, _)| f == function && a == action);
            if !allowed {
                problems.push(format!(
                    "{function}'s role allows {action} on {target:?}, which it never calls"
                ));
            }
        }
        // Under SSE-KMS exactly the key actions its S3 calls need, on the documents' key.
        let kms: BTreeSet<String> = grants
            .iter()
            .filter(|g| g.condition.as_deref() == Some("UseKms"))
            .map(|g| {
                assert_eq!(g.target, Target::DocumentsKey, "{function}: {g:?}");
                g.action.clone()
            })
            .collect();
        let want = kms_needed(&operations[function.as_str()]);
        if kms != want {
            problems.push(format!(
                "{function} under SSE-KMS: the role allows {kms:?}, its S3 calls need {want:?}"
            ));
        }
        for grant in grants {
            assert!(
                matches!(grant.condition.as_deref(), None | Some("UseKms")),
                "{function}: a condition this test does not know: {grant:?}"
            );
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_policy_parser_reads_every_form_the_template_uses() {
    let block = r#"
      Policies:
        - Statement:
            - Effect: Allow
              Action: [dynamodb:GetItem, dynamodb:Query]
              Resource: [!GetAtt PortalTable.Arn, !Sub "${PortalTable.Arn}/index/gsi1"]
            - Effect: Allow
              Action: [ses:SendEmail]
              Resource:
                - !Sub "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${SenderEmail}"
            - !If
              - UseKms
              - Effect: Allow
                Action: [kms:Decrypt]
                Resource: !GetAtt DocumentsKey.Arn
              - !Ref AWS::NoValue
            - Effect: Allow
              Action: s3:DeleteObject
              Resource: !Sub "arn:${AWS::Partition}:s3:::${AWS::StackName}-${AWS::AccountId}-documents/matters/*"
      Events:
        Nothing: {}
"#;
    let lines: Vec<&str> = block.lines().collect();
    let grants = policy_grants("Test", &lines);
    let grant = |action: &str, target: Target, condition: Option<&str>| Grant {
        action: action.into(),
        target,
        condition: condition.map(String::from),
    };
    let want: BTreeSet<Grant> = [
        grant("dynamodb:GetItem", Target::Table, None),
        grant("dynamodb:GetItem", Target::Index("gsi1".into()), None),
        grant("dynamodb:Query", Target::Table, None),
        grant("dynamodb:Query", Target::Index("gsi1".into()), None),
        grant("ses:SendEmail", Target::Email, None),
        grant("kms:Decrypt", Target::DocumentsKey, Some("UseKms")),
        grant("s3:DeleteObject", Target::DocumentObjects, None),
    ]
    .into_iter()
    .collect();
    assert_eq!(grants, want);
    let odd = block.replace("Action: s3:DeleteObject", "NotAction: s3:DeleteObject");
    let odd_lines: Vec<&str> = odd.lines().collect();
    assert!(std::panic::catch_unwind(|| policy_grants("Test", &odd_lines)).is_err());
}
