//! Every multi-step operation either completes or is safely resumed: for each operation, the
//! Nth AWS call fails (before it is sent, then after it took effect) for N = 1, 2, ... until
//! the operation runs without reaching N; the client then retries as it would, and the
//! matter must be whole again: counts equal the shares, nothing of a deleted document stays
//! visible, no object is orphaned, nothing is stuck in `deleting`, nobody is mailed twice,
//! no notification is lost (shares and uploads reach their recipients through the outbox,
//! delivered after the retry: one digest per recipient per window), and the operation's end
//! state holds.

use integration_tests::faults::{FaultInjector, Fired, MailRecorder, Mode};
use integration_tests::{document_ids, Access, Caller, Stack};
use serde_json::{json, Value};
use shared::records::DocumentStatus;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj fault injection";

/// As long as `PDF`, declared a PDF, but a Windows program: the trigger refuses it.
fn not_a_pdf() -> Vec<u8> {
    [b"MZ\x90\x00".as_slice(), &PDF[4..]].concat()
}

/// No cooldown and no cap on sign-in links: the scenarios ask for many, fast.
const SETTINGS: &[(&str, &str)] = &[("SIGN_IN_COOLDOWN", "0"), ("SIGN_IN_LIMIT", "100000")];

/// No operation makes this many calls; reaching it means the loop never ends.
const MAX_CALLS: u64 = 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Share,
    StopShare,
    Delete,
    AttachUpload,
    /// attach-upload refusing a contact's upload whose bytes are not what was declared.
    RefusedUpload,
    /// attach-upload refusing a firm document's bytes.
    RefusedFirmUpload,
    Grant,
    Revoke,
    SignIn,
}

impl Op {
    /// Handled by the S3 trigger, not through the API.
    fn is_trigger(self) -> bool {
        matches!(
            self,
            Op::AttachUpload | Op::RefusedUpload | Op::RefusedFirmUpload
        )
    }

    fn name(self) -> &'static str {
        match self {
            Op::Share => "share",
            Op::StopShare => "stop-share",
            Op::Delete => "delete from matter",
            Op::AttachUpload => "attach-upload",
            Op::RefusedUpload => "attach-upload refused",
            Op::RefusedFirmUpload => "attach firm refused",
            Op::Grant => "grant",
            Op::Revoke => "revoke",
            Op::SignIn => "sign-in",
        }
    }
}

/// One scenario's matter and what the operation acts on.
struct Scene {
    matter: String,
    contact: String,
    email: String,
    /// The contact's session, when the scenario signs them in first.
    session: Option<String>,
    document: Option<String>,
    /// share: a document shared with the contact before, shared again with the new one.
    earlier: Option<String>,
    /// attach-upload: the queued S3 event and the upload's id.
    event: Option<Value>,
    upload: Option<String>,
    /// Whose mail is counted, and how much each had before the operation.
    recipients: Vec<String>,
    mail_before: BTreeMap<String, usize>,
}

/// What the operation and its retry did, as the client saw it.
#[derive(Default)]
struct Outcome {
    /// Link requests made (sign-in): each may mail one link.
    link_requests: usize,
    /// A session the sign-in produced.
    session: Option<String>,
    /// SES accepted an email but its answer was lost: the mail worker cannot tell that from a
    /// refusal and sends again (at least once, as the digests choose): one more is allowed.
    mail_answer_lost: bool,
    /// What the retry itself found broken.
    violations: Vec<String>,
}

/// Faults injected into one operation and what the checks found.
#[derive(Default)]
struct Tally {
    before: u32,
    after: u32,
    presigns: u32,
    /// Faulted calls, by `Service.Operation`.
    hit: BTreeSet<String>,
    /// Notifications that never went out: no share's or upload's may be (the outbox made them
    /// durable); an invitation still can be (see the test).
    lost: Vec<String>,
    violations: Vec<String>,
}

#[tokio::test]
async fn faults_at_every_call_leave_nothing_lost_or_duplicated() {
    let started = Instant::now();
    let ops = [
        Op::Share,
        Op::StopShare,
        Op::Delete,
        Op::AttachUpload,
        Op::RefusedUpload,
        Op::RefusedFirmUpload,
        Op::Grant,
        Op::Revoke,
        Op::SignIn,
    ];
    // moto answers one request at a time, so running the operations side by side mostly
    // overlaps the waiting.
    // Boxed: seven of these futures side by side overflow the test thread's stack.
    let tallies = futures::future::join_all(ops.map(|op| Box::pin(exercise(op)))).await;
    let mut total = 0;
    let mut failures = Vec::new();
    for (op, tally) in ops.iter().zip(&tallies) {
        let faults = tally.before + tally.after;
        total += faults;
        println!(
            "faults {:<22} {faults:>3} injected ({} before sending, {} after the call took effect, \
             {} of them presigns) at {}; {}; notifications lost: {}",
            op.name(),
            tally.before,
            tally.after,
            tally.presigns,
            tally.hit.iter().cloned().collect::<Vec<_>>().join(", "),
            match tally.violations.len() {
                0 => "nothing lost or duplicated".to_string(),
                broken => format!("{broken} violations"),
            },
            tally.lost.len(),
        );
        for lost in &tally.lost {
            println!("  lost notification: {lost}");
        }
        failures.extend(
            tally
                .violations
                .iter()
                .map(|v| format!("{}: {v}", op.name())),
        );
    }
    println!(
        "faults total: {total} injected over {} operations in {:.0?}",
        ops.len(),
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "invariants broken:\n{}",
        failures.join("\n")
    );
    // Shares, uploads and invitations are told through the outbox, which loses nothing.
    let lost: Vec<String> = ops
        .iter()
        .zip(&tallies)
        .flat_map(|(op, tally)| tally.lost.iter().map(|l| format!("{}: {l}", op.name())))
        .collect();
    assert!(lost.is_empty(), "notifications lost:\n{}", lost.join("\n"));
    for (op, tally) in ops.iter().zip(&tallies) {
        assert!(
            tally.before >= 2 && tally.after >= 2,
            "{}: too few faults to prove anything",
            op.name()
        );
    }
    assert!(total >= 7 * 6, "only {total} faults injected");
}

/// Fails each call of `op` in turn, in both modes, on a stack of its own.
async fn exercise(op: Op) -> Tally {
    let faults = FaultInjector::new();
    let mail = MailRecorder::new();
    let stack = Stack::instrumented(SETTINGS, &[mail.interceptor(), faults.interceptor()]).await;
    let mut tally = Tally::default();
    let mut recipients = Vec::new();
    for mode in [Mode::Before, Mode::After] {
        for nth in 1..=MAX_CALLS {
            let tag = format!("{}{nth}", if mode == Mode::Before { "b" } else { "a" });
            let mut scene = setup(op, &stack, &mail, &tag).await;
            scene.mail_before = mail_counts(&mail, &scene.recipients);
            recipients.extend(scene.recipients.iter().cloned());
            faults.arm(nth, mode);
            let first = run(op, &stack, &mail, &scene).await;
            let fired = faults.disarm();
            assert!(
                !faults.retried(),
                "{}: the SDK retried the faulted call {fired:?}",
                op.name()
            );
            let outcome = retry(op, &stack, &mail, &scene, first, fired.as_ref()).await;
            // The outbox's window closes after the retry: what the operation filed, once.
            let delivered = stack.deliver_notifications().await;
            assert_eq!(delivered.failures(), 0, "{}: {delivered:?}", op.name());
            let what = fired.as_ref().map_or_else(
                || "no fault".to_string(),
                |f| format!("{:?} fault {nth} at {}", f.mode, f.operation),
            );
            let Findings { violations, lost } = check(op, &stack, &mail, &scene, &outcome).await;
            tally.violations.extend(
                violations
                    .into_iter()
                    .chain(outcome.violations.iter().cloned())
                    .map(|v| format!("{what}: {v}")),
            );
            tally
                .lost
                .extend(lost.into_iter().map(|l| format!("{what}: {l}")));
            let Some(Fired {
                operation,
                mode,
                presign,
            }) = fired
            else {
                // The operation made fewer than `nth` calls: every call has been failed.
                break;
            };
            assert!(nth < MAX_CALLS, "{}: never ran out of calls", op.name());
            match mode {
                Mode::Before => tally.before += 1,
                Mode::After => tally.after += 1,
            }
            tally.presigns += u32::from(presign);
            tally.hit.insert(operation);
        }
    }
    // The recorder saw what the emulator accepted: checked once, the dump is slow.
    let accepted = stack.all_emails().await;
    // An attempt the SDK retried after no answer may have been accepted too: the emulator
    // holds at least what was answered and at most that plus the unanswered attempts.
    for address in recipients {
        let in_emulator = accepted.iter().filter(|m| m.is_for(&address)).count();
        let recorded = mail.to(&address).len();
        let unconfirmed = mail.unconfirmed_to(&address);
        assert!(
            (recorded..=recorded + unconfirmed).contains(&in_emulator),
            "{}: the emulator holds {in_emulator} mails for {address}, the recorder saw {recorded} \
             accepted and {unconfirmed} unanswered",
            op.name()
        );
        if unconfirmed > 0 {
            println!(
                "{}: {unconfirmed} send(s) to {address} unanswered and retried by the SDK; the \
                 emulator holds {in_emulator}, {recorded} answered",
                op.name()
            );
        }
    }
    tally
}

/// A fresh matter for one scenario, built with the fault disarmed.
async fn setup(op: Op, stack: &Stack, mail: &MailRecorder, tag: &str) -> Scene {
    let matter = stack.id(&format!("m-{tag}"));
    let owner_email = format!("owner.{tag}.{}@firm.example", stack.run);
    if op.is_trigger() {
        // An owner of its own, so that each scenario's notification is counted apart.
        let owner = json!({"id": "o1", "email": owner_email, "name": "Olive Owner"});
        let settings = json!({"title": "Estate of Faults", "owner": owner, "notify": [owner]});
        stack.save_matter_as(&matter, settings).await;
    } else {
        stack.save_matter(&matter).await;
    }
    let contact = stack.id(&format!("c-{tag}"));
    let email = stack.email(&format!("c-{tag}"));
    let mut scene = Scene {
        matter: matter.clone(),
        contact: contact.clone(),
        email: email.clone(),
        session: None,
        document: None,
        earlier: None,
        event: None,
        upload: None,
        recipients: vec![email.clone()],
        mail_before: BTreeMap::new(),
    };
    if op == Op::Grant {
        stack.deliver_notifications().await;
        return scene;
    }
    stack
        .grant(&matter, &contact, &email, Access::Download)
        .await;
    match op {
        Op::Share => {
            let earlier = stack
                .share_new_document(&matter, "earlier.pdf", PDF, &[&contact])
                .await;
            scene.earlier = Some(earlier);
            // Still pending: sharing it settles its upload first.
            scene.document = Some(stack.upload_firm_document(&matter, "brief.pdf", PDF).await);
        }
        Op::StopShare => {
            let document = stack
                .share_new_document(&matter, "brief.pdf", PDF, &[&contact])
                .await;
            scene.document = Some(document);
        }
        Op::Delete | Op::Revoke => {
            scene.session = Some(sign_in(stack, mail, &email).await);
            let document = stack
                .share_new_document(&matter, "brief.pdf", PDF, &[&contact])
                .await;
            scene.document = Some(document);
        }
        Op::AttachUpload | Op::RefusedUpload | Op::RefusedFirmUpload => {
            let session = sign_in(stack, mail, &email).await;
            if op == Op::RefusedFirmUpload {
                let answer = stack
                    .register_firm_document(&matter, "brief.pdf", "application/pdf", PDF)
                    .await;
                assert_eq!(stack.put_presigned(&answer, not_a_pdf()).await, 200);
                let id = answer["documentId"].as_str().expect("documentId");
                scene.document = Some(id.to_string());
            } else {
                let bytes = if op == Op::RefusedUpload {
                    not_a_pdf()
                } else {
                    PDF.to_vec()
                };
                let intent = stack
                    .request_upload(&session, &matter, "signed.pdf", "application/pdf", PDF)
                    .await;
                assert_eq!(stack.put_presigned(&intent, bytes).await, 200);
                scene.upload = Some(intent["uploadId"].as_str().expect("uploadId").to_string());
            }
            let events = stack.take_object_events().await;
            // Only this scenario's upload is queued: earlier ones were taken.
            assert_eq!(events.len(), 1, "one queued event: {events:?}");
            scene.event = events.into_iter().next();
            scene.session = Some(session);
            scene.recipients = vec![owner_email];
        }
        Op::SignIn => {
            // Signed in once already: a returning contact asks for a link.
            sign_in(stack, mail, &email).await;
        }
        Op::Grant => unreachable!("returned above"),
    }
    // What the setup itself notified goes out now, before the operation's mail is counted.
    stack.deliver_notifications().await;
    scene
}

/// How the first run ended, as the client saw it.
struct First {
    ok: bool,
    /// sign-in: the link requests made and the token tried, if any.
    link_requests: usize,
    token: Option<String>,
    session: Option<String>,
}

fn success(status: u16) -> bool {
    (200..300).contains(&status)
}

/// The operation, once, with the fault armed.
async fn run(op: Op, stack: &Stack, mail: &MailRecorder, scene: &Scene) -> First {
    let (m, c) = (scene.matter.as_str(), scene.contact.as_str());
    let document = scene.document.as_deref().unwrap_or("");
    let status = |ok| First {
        ok,
        link_requests: 0,
        token: None,
        session: None,
    };
    match op {
        Op::Share => {
            // The earlier share stays as it is: only the new one counts and is announced.
            let earlier = scene.earlier.as_deref().expect("earlier document");
            let (answer, _) = stack.try_share(m, &[earlier, document], &[c]).await;
            status(success(answer))
        }
        Op::StopShare => status(success(stack.try_stop_share(m, document, c).await.0)),
        Op::Delete => status(success(stack.try_delete_document(m, document).await.0)),
        Op::AttachUpload | Op::RefusedUpload | Op::RefusedFirmUpload => {
            let event = scene.event.clone().expect("event");
            status(attach_upload::handle(&stack.app, event).await.is_ok())
        }
        Op::Grant => status(success(grant(stack, scene).await)),
        Op::Revoke => status(success(stack.try_revoke(m, c).await.0)),
        Op::SignIn => {
            let (linked, _) = stack.try_request_sign_in_link(&scene.email).await;
            let mut first = First {
                ok: success(linked),
                link_requests: 1,
                token: None,
                session: None,
            };
            if let Some(token) = new_link(mail, scene) {
                let (status, answer) = stack.try_exchange(&token).await;
                first.ok &= status == 201;
                first.session = answer["session"].as_str().map(String::from);
                first.token = Some(token);
            } else {
                first.ok = false;
            }
            first
        }
    }
}

/// The grant, then the outbox that sends its invitation: faults reach the mail worker too.
async fn grant(stack: &Stack, scene: &Scene) -> u16 {
    let body = json!({"email": scene.email, "name": "Client Faults", "canDownload": true});
    let path = format!("/matters/{}/contacts/{}", scene.matter, scene.contact);
    let status = stack.call("PUT", &path, Caller::Staff, Some(body)).await.0;
    stack.deliver_notifications().await;
    status
}

/// The contact's session from the newest link mailed to them.
async fn sign_in(stack: &Stack, mail: &MailRecorder, email: &str) -> String {
    let token = mail
        .to(email)
        .iter()
        .rev()
        .find(|m| m.body.contains("#invite="))
        .expect("a link was mailed")
        .link_token();
    let answer = stack.exchange(&token).await;
    answer["session"].as_str().expect("session").to_string()
}

/// The newest link mailed to the contact since the scenario began.
fn new_link(mail: &MailRecorder, scene: &Scene) -> Option<String> {
    let mails = mail.to(&scene.email);
    let before = scene.mail_before.get(&scene.email).copied().unwrap_or(0);
    mails[before.min(mails.len())..]
        .iter()
        .rev()
        .find(|m| m.body.contains("#invite="))
        .map(|m| m.link_token())
}

/// The client's retry, the fault disarmed: the same request again after an error (the
/// S3 trigger's event is delivered again whatever happened, as S3 and Lambda may).
async fn retry(
    op: Op,
    stack: &Stack,
    mail: &MailRecorder,
    scene: &Scene,
    first: First,
    fired: Option<&Fired>,
) -> Outcome {
    let mut outcome = Outcome {
        link_requests: first.link_requests,
        session: first.session.clone(),
        mail_answer_lost: fired
            .is_some_and(|f| f.mode == Mode::After && f.operation == "SESv2.SendEmail"),
        violations: Vec::new(),
    };
    if op.is_trigger() {
        let event = scene.event.clone().expect("event");
        if let Err(err) = attach_upload::handle(&stack.app, event).await {
            panic!("the redelivered event failed with no fault: {err:?}");
        }
        return outcome;
    }
    // A sign-in request whose answer was lost still reached the mail worker: the contact
    // followed the link it mailed and has a session.
    if first.ok || first.session.is_some() {
        return outcome;
    }
    if op != Op::SignIn {
        let _ = run(op, stack, mail, scene).await;
        return outcome;
    }
    // Sign-in: the client exchanges the link it has again, or asks for one if none came.
    let token = match first.token {
        Some(token) => token,
        None => {
            stack.try_request_sign_in_link(&scene.email).await;
            outcome.link_requests += 1;
            new_link(mail, scene).expect("a link after the retry")
        }
    };
    let (status, answer) = stack.try_exchange(&token).await;
    if status == 201 {
        outcome.session = answer["session"].as_str().map(String::from);
        return outcome;
    }
    // The link is spent in the transaction that writes the session, so only a lost answer
    // of that commit may leave it spent: single use demands it, and the contact asks for
    // another link. Spent by any other fault, it was lost.
    let answer_lost = fired
        .is_some_and(|f| f.mode == Mode::After && f.operation == "DynamoDB.TransactWriteItems");
    if !answer_lost {
        outcome.violations.push(format!(
            "the retried exchange answered {status}: the link was spent without a session"
        ));
    }
    stack.try_request_sign_in_link(&scene.email).await;
    outcome.link_requests += 1;
    let token = new_link(mail, scene).expect("a fresh link");
    outcome.session = Some(
        stack.exchange(&token).await["session"]
            .as_str()
            .expect("session")
            .to_string(),
    );
    outcome
}

/// The invariants after the retry: violations, and notifications lost.
async fn check(
    op: Op,
    stack: &Stack,
    mail: &MailRecorder,
    scene: &Scene,
    outcome: &Outcome,
) -> Findings {
    let mut violations = Vec::new();
    let mut lost = Vec::new();
    let m = scene.matter.as_str();
    shared_counts(stack, m, &mut violations).await;
    tally_counts(stack, m, &mut violations).await;
    orphans_and_deleting(stack, m, &mut violations).await;
    let shares = share_rows(stack, m, &scene.contact).await;

    // Mail: exactly one notification per recipient where the operation notifies (an
    // invitation, or one digest for its window), none elsewhere (a link per request for
    // sign-in).
    for recipient in &scene.recipients {
        let before = scene.mail_before.get(recipient).copied().unwrap_or(0);
        let sent = mail.to(recipient).len().saturating_sub(before);
        let allowed = if op == Op::SignIn {
            outcome.link_requests
        } else {
            usize::from(matches!(op, Op::Share | Op::AttachUpload | Op::Grant))
        } + usize::from(outcome.mail_answer_lost);
        if sent > allowed {
            violations.push(format!(
                "{recipient} was mailed {sent} times, at most {allowed} allowed"
            ));
        }
        if sent < allowed && op != Op::SignIn {
            lost.push(format!("{recipient} was not mailed"));
        }
    }

    let document = scene.document.as_deref().unwrap_or("");
    for id in scene.document.iter().chain(&scene.upload) {
        let record = stack.document_record(id).await;
        if record.is_some_and(|d| d.status == DocumentStatus::Deleting) {
            violations.push(format!("document {id} is stuck in deleting"));
        }
    }
    match op {
        Op::Share => {
            let mut wanted = vec![
                document.to_string(),
                scene.earlier.clone().expect("earlier"),
            ];
            let mut shares = shares;
            wanted.sort();
            shares.sort();
            if shares != wanted {
                violations.push(format!("the shares are not both there: {shares:?}"));
            }
        }
        Op::StopShare => {
            if !shares.is_empty() {
                violations.push(format!("the share is still there: {shares:?}"));
            }
        }
        Op::Delete => {
            let record = stack.document_record(document).await;
            if record.is_some() {
                violations.push("the deleted document's record remains".into());
            }
            if stack.object_exists(m, document).await {
                violations.push("the deleted document's object remains".into());
            }
            if !shares.is_empty() {
                violations.push(format!("shares of the deleted document remain: {shares:?}"));
            }
            let session = scene.session.as_deref().expect("session");
            if document_ids(&stack.portal_documents(session, "").await)
                .contains(&document.to_string())
            {
                violations.push("the deleted document is in the contact's portal".into());
            }
            let (status, _) = stack.try_link(session, document, "view").await;
            if status == 200 {
                violations.push("a link was minted for the deleted document".into());
            }
        }
        Op::AttachUpload => {
            let upload = scene.upload.as_deref().expect("upload");
            let session = scene.session.as_deref().expect("session");
            let status = stack.upload_status(session, m, upload).await;
            if status["status"] != "attached" || status["documentId"] != upload {
                violations.push(format!("the upload is not attached: {status}"));
            }
            if shares != [upload.to_string()] {
                violations.push(format!("the upload is not shared back: {shares:?}"));
            }
            if !document_ids(&stack.portal_documents(session, "").await)
                .contains(&upload.to_string())
            {
                violations.push("the upload is not in the contact's portal".into());
            }
        }
        Op::RefusedUpload => {
            let upload = scene.upload.as_deref().expect("upload");
            let session = scene.session.as_deref().expect("session");
            let status = stack.upload_status(session, m, upload).await;
            if status["status"] != "rejected" {
                violations.push(format!("the upload is not refused: {status}"));
            }
            if !shares.is_empty() {
                violations.push(format!("a refused upload is shared: {shares:?}"));
            }
        }
        Op::RefusedFirmUpload => {
            let record = stack.document_record(document).await;
            let status = record.map(|d| d.status);
            let object = stack.object_exists(m, document).await;
            if status == Some(DocumentStatus::Rejected) && object {
                violations.push("the refused document's bytes were kept".into());
            } else if status != Some(DocumentStatus::Rejected) {
                violations.push(format!("the firm document is not refused: {status:?}"));
            }
        }
        Op::Grant => {
            let row = access_row(stack, m, &scene.contact).await;
            if row.as_ref().map(|r| r["status"].clone()) != Some(json!("invited")) {
                violations.push(format!("the contact is not invited: {row:?}"));
            }
            // The invitation mailed (if any) lets the contact in.
            if let Some(token) = new_link(mail, scene) {
                match stack.try_exchange(&token).await {
                    (201, answer) => {
                        let session = answer["session"].as_str().expect("session");
                        let matters = stack.portal_matters(session).await;
                        if !matters.to_string().contains(m) {
                            violations.push("the invited contact does not see the matter".into());
                        }
                    }
                    (status, answer) => violations.push(format!(
                        "the mailed invitation does not work: {status} {answer}"
                    )),
                }
            }
        }
        Op::Revoke => {
            let row = access_row(stack, m, &scene.contact).await;
            if row.as_ref().is_some_and(|r| r["status"] != "revoked") {
                violations.push(format!("the contact is not revoked: {row:?}"));
            }
            let session = scene.session.as_deref().expect("session");
            let (status, _) = stack.try_portal_documents(session, "").await;
            if status != 401 {
                violations.push(format!("the revoked contact's session answers {status}"));
            }
        }
        Op::SignIn => match outcome.session.as_deref() {
            Some(session) => {
                let (status, _) = stack.try_portal_documents(session, "").await;
                if status != 200 {
                    violations.push(format!("the new session answers {status}"));
                }
            }
            None => violations.push("no session after the retry".into()),
        },
    }
    Findings { violations, lost }
}

/// What the checks after a retry found.
struct Findings {
    /// Invariants broken.
    violations: Vec<String>,
    /// Notifications that never went out.
    lost: Vec<String>,
}

/// Mail so far to each address.
fn mail_counts(mail: &MailRecorder, addresses: &[String]) -> BTreeMap<String, usize> {
    addresses
        .iter()
        .map(|a| (a.clone(), mail.to(a).len()))
        .collect()
}

async fn access_rows(stack: &Stack, matter: &str) -> Vec<Value> {
    let path = format!("/matters/{matter}/contacts");
    let (status, answer) = stack.call("GET", &path, Caller::Staff, None).await;
    assert_eq!(status, 200, "access rows: {answer}");
    answer["items"].as_array().cloned().unwrap_or_default()
}

async fn access_row(stack: &Stack, matter: &str, contact: &str) -> Option<Value> {
    access_rows(stack, matter)
        .await
        .into_iter()
        .find(|r| r["contactId"] == contact)
}

/// The documents shared with a contact, from the Sharing section.
async fn share_rows(stack: &Stack, matter: &str, contact: &str) -> Vec<String> {
    let base = format!("/matters/{matter}/shares?contactId={contact}&limit=100");
    let mut ids = Vec::new();
    for page in stack.walk_pages(Caller::Staff, &base).await {
        ids.extend(document_ids(&page));
    }
    ids
}

/// Every contact's sharedCount equals their rows in the Sharing section.
async fn shared_counts(stack: &Stack, matter: &str, violations: &mut Vec<String>) {
    for row in access_rows(stack, matter).await {
        let contact = row["contactId"].as_str().expect("contactId");
        let rows = share_rows(stack, matter, contact).await.len();
        if row["sharedCount"].as_u64() != Some(rows as u64) {
            violations.push(format!(
                "{contact}: sharedCount {} but {rows} shares",
                row["sharedCount"]
            ));
        }
    }
}

/// The matter's tally (what the console's matter list shows) equals its records' counts.
async fn tally_counts(stack: &Stack, matter: &str, violations: &mut Vec<String>) {
    use shared::records::MatterTallyRecord;
    let stored = stack
        .app
        .table
        .get(&MatterTallyRecord::key_for(matter))
        .await
        .expect("read the tally")
        .unwrap_or_default();
    let counted = shared::service::tally::count_now(&stack.app, &stored)
        .await
        .expect("count the records");
    if (stored.contacts, stored.documents) != (counted.contacts, counted.documents) {
        violations.push(format!(
            "tally: {} contacts, {} documents, but the records hold {} and {}",
            stored.contacts, stored.documents, counted.contacts, counted.documents
        ));
    }
}

/// Every object under the matter belongs to a pending or available document, and no
/// document is left in `deleting`.
async fn orphans_and_deleting(stack: &Stack, matter: &str, violations: &mut Vec<String>) {
    for key in stack.object_keys(&format!("matters/{matter}/")).await {
        let id = match shared::records::upload::parse_object_key(&key) {
            Some((_, upload_id)) => upload_id,
            None => {
                violations.push(format!("orphan object {key}: not a key the service issues"));
                continue;
            }
        };
        let record = stack.document_record(&id).await;
        let kept = record.as_ref().is_some_and(|d| {
            matches!(
                d.status,
                DocumentStatus::Pending | DocumentStatus::Available
            )
        });
        if !kept {
            violations.push(format!(
                "orphan object {key}: its document is {:?}",
                record.map(|d| d.status)
            ));
        }
    }
    let listed = stack.matter_documents(matter).await;
    for item in listed["items"].as_array().cloned().unwrap_or_default() {
        let id = item["documentId"].as_str().expect("documentId");
        let record = stack.document_record(id).await;
        if item["status"] == "deleting"
            || record.is_some_and(|d| d.status == DocumentStatus::Deleting)
        {
            violations.push(format!("document {id} is stuck in deleting"));
        }
    }
}

/// A presign makes no network call but runs the interceptors: failing it is a fault like any
/// other (the link answers an error, the next one works), counted apart, in either mode.
#[tokio::test]
async fn faults_reach_presigns_too() {
    let faults = FaultInjector::new();
    let stack = Stack::instrumented(SETTINGS, &[faults.interceptor()]).await;
    let (contact, document) = stack
        .signed_in_with_document(Access::Download, "brief.pdf", PDF)
        .await;
    for mode in [Mode::Before, Mode::After] {
        let mut hit = None;
        for nth in 1..MAX_CALLS {
            faults.arm(nth, mode);
            let (status, answer) = stack
                .try_link(&contact.session, &document, "download")
                .await;
            let fired = faults.disarm().expect("the link's calls include a presign");
            assert!(!faults.retried(), "the SDK retried {fired:?}");
            if fired.presign {
                assert!(
                    status >= 500,
                    "a failed presign answered {status}: {answer}"
                );
                assert_eq!(fired.operation, "S3.GetObject");
                hit = Some(nth);
                break;
            }
        }
        assert!(hit.is_some(), "no presign was faulted in {mode:?} mode");
        stack.link(&contact.session, &document, "download").await;
    }
}
