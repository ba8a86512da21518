//! Every route of the route table and every trigger on a budget of DynamoDB calls, measured
//! on a small firm and a big one, through the stack as the integration tests drive it (each
//! request checked against openapi.json) with every SDK call counted. A route or trigger
//! without a budget, a budget never measured, or a miss fails the bench.

use crate::capacity::{CapacityMeter, Units};
use crate::seeding::{seed_firm, Size};
use crate::BoxError;
use integration_tests::observe::{summary, CallCounter, SharedInterceptor};
use integration_tests::{Caller, Stack};
use serde_json::json;
use shared::routes::ROUTES;
use std::collections::BTreeMap;

/// A budget: `fixed` calls, plus `per_thousand` for every started thousand of the matter's
/// `unit` (a whole-matter read pays by what it reads), and why.
struct Budget {
    key: &'static str,
    fixed: u64,
    per_thousand: u64,
    unit: Unit,
    why: &'static str,
}

#[derive(Clone, Copy)]
enum Unit {
    None,
    Contacts,
    Documents,
}

// One row per route of the route table and per trigger, as a table: one line each.
#[rustfmt::skip]
const BUDGETS: &[Budget] = &[
    budget("GET /matters", 2, "a page of matters by title, then their tallies in one BatchGetItem"),
    budget("GET /matters/{matterId}", 1, "the settings item"),
    per("PUT /matters/{matterId}", 3, 1000, Unit::Contacts, "a rename: the first-save transaction refused, a put, the grants (1 MB pages), an update of each grant's copy of the title"),
    budget("PUT /matters/{matterId}/contacts/{contactId}", 3, "the matter, the grant, one transaction (the grant, its event, the tally, the invitation's mail request)"),
    budget("POST /matters/{matterId}/contacts/{contactId}/invitations", 3, "the matter, the grant, one transaction (the time asked for, the mail request)"),
    budget("DELETE /matters/{matterId}/contacts/{contactId}", 3, "the grant, its sessions (one index page), one transaction"),
    budget("POST /portal/sessions", 4, "the link, its grant, the contact's grants (one index page), one transaction"),
    budget("DELETE /portal/sessions/current", 2, "the session's BatchGetItem, one transaction"),
    budget("GET /portal/preferences", 1, "the session's BatchGetItem holds the grants"),
    budget("PUT /portal/preferences", 2, "the session's BatchGetItem, one transaction per 50 grants (each grant and its event)"),
    budget("POST /portal/sign-in-links", 1, "one PutItem, the request: the same for any address; the mail worker does the rest"),
    budget("GET /matters/{matterId}/contacts", 2, "the matter, one page of the Access section"),
    budget("GET /matters/{matterId}/documents", 2, "the matter, one index page of its documents"),
    budget("GET /matters/{matterId}/shares", 2, "the matter, one index page"),
    budget("GET /portal/matters", 1, "the session's BatchGetItem holds the grants"),
    budget("GET /portal/documents", 2, "the session's BatchGetItem, one index page"),
    budget("POST /matters/{matterId}/shares", 13, "4 reads, a transaction per 100 items written (10 documents × 5 contacts)"),
    budget("DELETE /matters/{matterId}/shares/{documentId}/{contactId}", 2, "the share, one transaction (the grant's count, the event, the tally)"),
    per("DELETE /matters/{matterId}/documents/{documentId}", 3, 33, Unit::Contacts, "the document, its shares (one per contact at most, 1 MB pages), a transaction per 32 of them"),
    budget("POST /matters/{matterId}/documents", 2, "the matter, one transaction for the intent"),
    budget("POST /portal/matters/{matterId}/uploads", 2, "the session's BatchGetItem, one put of the intent"),
    budget("GET /portal/matters/{matterId}/uploads/{uploadId}", 2, "the session's BatchGetItem, the intent"),
    budget("POST /portal/documents/{documentId}/links", 2, "one BatchGetItem (session, grants, share, document), one transaction"),
    budget("POST /portal/documents/{documentId}/stamped-links", 2, "as a link: one BatchGetItem, one transaction; the copy is S3's (a HEAD, and on a miss a GET and a PUT)"),
    budget("POST /matters/{matterId}/conversations/{contactId}/messages", 4, "the matter, the grant, the conversation, one transaction (message, counters, event, tally)"),
    budget("GET /matters/{matterId}/conversations", 2, "the matter, its conversations (one page beside its grants)"),
    budget("GET /matters/{matterId}/conversations/{contactId}/messages", 1, "one page of the conversation"),
    budget("POST /matters/{matterId}/conversations/{contactId}/read", 2, "the conversation's messages, one transaction (receipts, count)"),
    budget("DELETE /matters/{matterId}/conversations/{contactId}/messages/{messageId}", 2, "the message and its conversation in one BatchGetItem, one transaction"),
    budget("GET /portal/conversations", 2, "the session's BatchGetItem, the conversations of its matters in one BatchGetItem"),
    budget("GET /portal/matters/{matterId}/messages", 2, "the session's BatchGetItem, one page of the conversation"),
    budget("POST /portal/matters/{matterId}/messages", 3, "the session's BatchGetItem (with the conversation), the matter, one transaction"),
    budget("POST /portal/matters/{matterId}/messages/read", 3, "the session's BatchGetItem, the conversation's messages, one transaction"),
    budget("GET /matters/{matterId}/events", 1, "one index page"),
    budget("GET /matters/{matterId}/events?format=csv", 50, "at most 10,000 rows, 200 a page (the file says where it was cut)"),
    per("GET /matters/{matterId}/documents/{documentId}/readers", 2, 1, Unit::Contacts, "the document, its shares and openings in 1 MB pages"),
    budget("POST /matters/{matterId}/documents/{documentId}/versions", 3, "the matter, the document, one put of the intent"),
    budget("GET /matters/{matterId}/uploads/{uploadId}", 1, "the intent"),
    budget("GET /matters/{matterId}/documents/{documentId}/versions", 2, "the document, the versions it replaced (one query)"),
    budget("POST /matters/{matterId}/documents/{documentId}/versions/{version}/links", 2, "the document, the replaced version's record"),
    budget("trigger: new version (6 shares)", 11, "the intent, the document, one transaction (version kept, document, event); then its shares, their grants, one transaction per share"),
    budget("POST /matters/{matterId}/folders", 3, "the matter, its folders (names are unique), one transaction"),
    budget("GET /matters/{matterId}/folders", 3, "the matter, its folders, their shares (two queries of the matter's partition)"),
    budget("PUT /matters/{matterId}/documents/{documentId}/folder", 12, "the matter, the document, the folder, one transaction; its shares and each one's copy (6), the folder's shares"),
    budget("POST /matters/{matterId}/folders/{folderId}/shares", 17, "the matter, the folder, the 5 grants, a transaction per contact, the folder's documents and their shares, each share marked"),
    budget("PUT /matters/{matterId}/folders/{folderId}", 14, "the matter, the folder, its siblings, one transaction, its documents; per document its record, its shares and each share's copy (1 document, 6 shares); its folder shares for the answer"),
    budget("DELETE /matters/{matterId}/folders/{folderId}/shares/{contactId}", 8, "the matter, the folder, the folder share, one transaction, its documents and the contact's shares, each withdrawn"),
    budget("DELETE /matters/{matterId}/folders/{folderId}", 4, "the matter, the folder, its shares, one transaction"),
    budget("POST /matters/{matterId}/bills", 3, "the matter, the PDF's document, one transaction"),
    budget("POST /matters/{matterId}/bill-sendings", 11, "the matter, the bills and the grants in one BatchGetItem each; one transaction per (bill, contact) sent (6); the PDF shared with them all: the document and their shares read once"),
    budget("PUT /matters/{matterId}/bills/{billId}", 5, "the matter, the bill, its sendings, their grants, one transaction (one event per contact)"),
    budget("GET /matters/{matterId}/bills", 3, "the matter, its bills, their sendings (two queries of the matter's partition)"),
    budget("GET /portal/bills", 3, "the session's BatchGetItem, my sendings (one index query), the bills in one BatchGetItem"),
    budget("POST /matters/{matterId}/appointments", 9, "the matter, the 6 grants in one BatchGetItem, one transaction, one per contact shared with"),
    budget("PUT /matters/{matterId}/appointments/{appointmentId}", 5, "the matter, the event, whom it is shared with, their grants, one transaction (one event per contact)"),
    budget("DELETE /matters/{matterId}/appointments/{appointmentId}", 5, "the matter, the event, whom it is shared with, their grants, one transaction (one event per contact)"),
    budget("GET /matters/{matterId}/appointments", 3, "the matter, its events, whom they are shared with (two queries of the matter's partition)"),
    budget("GET /portal/appointments", 3, "the session's BatchGetItem, my deliveries (one index query), the events in one BatchGetItem"),
    budget("GET /portal/matters/{matterId}/appointments/{appointmentId}/ics", 1, "the session's BatchGetItem reads the delivery and the event"),
    budget("GET /portal/home", 4, "the session's BatchGetItem, my deliveries of every kind (one index query), my newest documents (one page), the bills, events, tasks and conversations in one BatchGetItem"),
    budget("POST /matters/{matterId}/tasks", 3, "the matter, the contact's grant, one transaction (the task, its delivery, the event)"),
    budget("GET /matters/{matterId}/tasks", 2, "the matter, its tasks (one query of the matter's partition)"),
    budget("GET /portal/tasks", 3, "the session's BatchGetItem, my deliveries (one index query), the tasks in one BatchGetItem"),
    budget("DELETE /matters/{matterId}/tasks/{taskId}", 3, "the matter, the task, one transaction (the task and its delivery deleted, the event)"),
    budget("POST /portal/matters/{matterId}/tasks/{taskId}/done", 4, "the session's BatchGetItem, the task, the matter (whom to tell), one transaction"),
    budget("trigger: upload for a task attached", 5, "the intent, the uploader's grant, the matter, the task, one transaction (document, share, event, the task done with its event)"),
    budget("POST /matters/{matterId}/zips", 3, "a folder's zip: the folder, its entries, their documents in one BatchGetItem; S3 holds or writes the zip"),
    budget("POST /portal/matters/{matterId}/zips", 4, "a folder's zip: the session's BatchGetItem, the folder's entries, my shares of them and their documents in one BatchGetItem, one transaction per 40 counted"),
    budget("trigger: upload attached", 2, "the intent, one transaction (document, event, tally); S3 checks the object"),
    budget("trigger: stream batch (the share's 50 events)", 115, "per event 2 (the window pointer, one transaction), per window opened 3 more (5 windows)"),
    budget("trigger: invitation sent by the mail worker", 4, "the request, the grant, the new link stored, one transaction (live on the grant, the event, the request consumed); SQS and SES besides"),
    budget("trigger: sign-in link sent by the mail worker", 5, "the request, the address's grants (one index page), the rate limit, one transaction (the link, the request consumed), the event"),
    budget("trigger: digest window (5 windows)", 50, "per window 10: the marker, the recipient's choice (their grants by address), the pointer, the claim, the items, 4 re-check reads, sent"),
    per("trigger: deletion sweep", 105, 1, Unit::Documents, "the due markers and their shares, then 25 matters recounted (4 calls each, plus 1 MB pages of what they hold), then the open tasks due tomorrow and the uploads awaiting a malware verdict (one index query each; none are)"),
];

const fn budget(key: &'static str, fixed: u64, why: &'static str) -> Budget {
    per(key, fixed, 0, Unit::None, why)
}

const fn per(
    key: &'static str,
    fixed: u64,
    per_thousand: u64,
    unit: Unit,
    why: &'static str,
) -> Budget {
    Budget {
        key,
        fixed,
        per_thousand,
        unit,
        why,
    }
}

impl Budget {
    fn rule(&self) -> String {
        let unit = match self.unit {
            Unit::None => return self.fixed.to_string(),
            Unit::Contacts => "contact",
            Unit::Documents => "document",
        };
        match self.per_thousand {
            1000 => format!("{} + 1 per {unit}", self.fixed),
            n => format!("{} + {n} per 1,000 {unit}s", self.fixed),
        }
    }

    fn allowed(&self, size: &Size) -> u64 {
        let units = match self.unit {
            Unit::None => 0,
            Unit::Contacts => size.contacts,
            Unit::Documents => size.documents,
        };
        self.fixed + self.per_thousand * units.div_ceil(1000) as u64
    }
}

/// A new version of a document shared with 6 contacts (the 5 of the share above and the signed-in
/// contact's seeded share), its trigger, its status, the history
/// and a link to the version it replaced.
async fn versions(
    stack: &Stack,
    meter: &mut Meter,
    m: &str,
    document: &str,
) -> Result<(), BoxError> {
    let bytes = b"%PDF-1.7 the second version";
    let body = integration_tests::steps::declaration("v2.pdf", "application/pdf", bytes);
    meter.start();
    let (status, upload) = stack.try_new_version(m, document, body).await;
    meter.note("POST /matters/{matterId}/documents/{documentId}/versions");
    expect(status == 201, "new version declared")?;
    expect(
        stack.put_presigned(&upload, bytes.to_vec()).await == 200,
        "PUT",
    )?;
    meter.start();
    stack.deliver_object_events().await;
    meter.note("trigger: new version (6 shares)");
    let upload_id = upload["uploadId"].as_str().ok_or("uploadId")?;
    meter.start();
    let (status, state) = stack.staff_upload_status(m, upload_id).await;
    meter.note("GET /matters/{matterId}/uploads/{uploadId}");
    expect(
        status == 200 && state["status"] == "attached",
        "version attached",
    )?;
    meter.start();
    let (status, _) = stack.try_versions(m, document).await;
    meter.note("GET /matters/{matterId}/documents/{documentId}/versions");
    expect(status == 200, "versions listed")?;
    meter.start();
    let (status, _) = stack.try_version_link(m, document, "1").await;
    meter.note("POST /matters/{matterId}/documents/{documentId}/versions/{version}/links");
    expect(status == 200, "version 1 link")?;
    Ok(())
}

/// A folder made, a document shared with 6 moved in, the folder shared with 5 contacts (who
/// have the document already), listed, renamed, zipped for staff and then for the signed-in
/// contact (the same zip), one folder share stopped, the document moved out and the folder
/// deleted.
async fn folders(
    stack: &Stack,
    meter: &mut Meter,
    m: &str,
    document: &str,
    contacts: &[&str],
    session: &str,
) -> Result<(), BoxError> {
    meter.start();
    let (status, folder) = stack.try_create_folder(m, "Pleadings").await;
    meter.note("POST /matters/{matterId}/folders");
    expect(status == 201, "folder created")?;
    let folder = folder["folderId"].as_str().ok_or("folderId")?.to_string();
    meter.start();
    let (status, _) = stack.try_move(m, document, Some(&folder)).await;
    meter.note("PUT /matters/{matterId}/documents/{documentId}/folder");
    expect(status == 200, "moved in")?;
    meter.start();
    let body = json!({ "contactIds": contacts });
    let (status, _) = stack.try_share_folder(m, &folder, body).await;
    meter.note("POST /matters/{matterId}/folders/{folderId}/shares");
    expect(status == 200, "folder shared")?;
    meter.start();
    let listed = stack.folders(m).await;
    meter.note("GET /matters/{matterId}/folders");
    expect(listed.len() == 1, "one folder")?;
    meter.start();
    let path = format!("/matters/{m}/folders/{folder}");
    let body = json!({ "name": "Court filings" });
    let (status, _) = stack.call("PUT", &path, Caller::Staff, Some(body)).await;
    meter.note("PUT /matters/{matterId}/folders/{folderId}");
    expect(status == 200, "renamed")?;
    meter.start();
    let (status, _) = stack.try_matter_zip(m, Some(&folder)).await;
    meter.note("POST /matters/{matterId}/zips");
    expect(status == 200, "the folder zipped for staff")?;
    meter.start();
    let (status, zip) = stack.try_my_zip(session, m, Some(&folder)).await;
    meter.note("POST /portal/matters/{matterId}/zips");
    expect(
        status == 200 && zip["reused"] == true,
        "the same zip for the contact",
    )?;
    meter.start();
    let (status, _) = stack.try_stop_folder_share(m, &folder, contacts[0]).await;
    meter.note("DELETE /matters/{matterId}/folders/{folderId}/shares/{contactId}");
    expect(status == 204, "folder share stopped")?;
    let (status, _) = stack.try_move(m, document, None).await;
    expect(status == 200, "moved out")?;
    meter.start();
    let (status, _) = stack.call("DELETE", &path, Caller::Staff, None).await;
    meter.note("DELETE /matters/{matterId}/folders/{folderId}");
    expect(status == 204, "folder deleted")?;
    Ok(())
}

/// A bill with a PDF created, sent to 6 contacts (the PDF shared with each), edited (each
/// told), listed for staff and for the signed-in contact.
async fn bills(
    stack: &Stack,
    meter: &mut Meter,
    m: &str,
    pdf: &str,
    contacts: &[&str],
    session: &str,
) -> Result<(), BoxError> {
    let body = json!({
        "number": "1042", "issuedOn": "2027-01-01", "dueOn": "2027-01-31",
        "currency": "USD", "totalMinor": 125_000, "pdfDocumentId": pdf,
    });
    meter.start();
    let (status, bill) = stack.try_create_bill(m, body).await;
    meter.note("POST /matters/{matterId}/bills");
    expect(status == 201, "bill created")?;
    let bill = bill["billId"].as_str().ok_or("billId")?.to_string();
    meter.start();
    let body = json!({ "billIds": [&bill], "contactIds": contacts });
    let (status, sent) = stack.try_send_bills(m, body).await;
    meter.note("POST /matters/{matterId}/bill-sendings");
    expect(status == 200 && sent["sent"] == 6, "sent to 6")?;
    meter.start();
    let body = json!({ "revision": 1, "balanceMinor": 25_000 });
    let (status, _) = stack.try_edit_bill(m, &bill, body).await;
    meter.note("PUT /matters/{matterId}/bills/{billId}");
    expect(status == 200, "bill edited")?;
    meter.start();
    let listed = stack.bills(m).await;
    meter.note("GET /matters/{matterId}/bills");
    expect(
        listed["items"].as_array().is_some_and(|b| !b.is_empty()),
        "bills listed",
    )?;
    meter.start();
    let mine = stack.my_bills(session).await;
    meter.note("GET /portal/bills");
    expect(mine.len() == 1, "the contact's bill")?;
    Ok(())
}

/// A calendar event created and shared with 6 contacts, moved (each told), listed for staff
/// and for the signed-in contact, taken as an .ics file, cancelled.
async fn appointments(
    stack: &Stack,
    meter: &mut Meter,
    m: &str,
    contacts: &[&str],
    session: &str,
) -> Result<(), BoxError> {
    let mut body = json!({
        "title": "Signing", "startsAt": "2030-01-05T15:00:00-05:00",
        "endsAt": "2030-01-05T16:00:00-05:00", "timeZone": "America/New_York",
        "place": "Room 4", "contactIds": contacts,
    });
    meter.start();
    let (status, created) = stack.try_create_appointment(m, body.clone()).await;
    meter.note("POST /matters/{matterId}/appointments");
    expect(status == 201, "event created")?;
    let event = created["appointmentId"]
        .as_str()
        .ok_or("appointmentId")?
        .to_string();
    body["startsAt"] = json!("2030-01-06T15:00:00-05:00");
    body["endsAt"] = json!("2030-01-06T16:00:00-05:00");
    body["sequence"] = json!(0);
    body["contactIds"] = json!([]);
    meter.start();
    let (status, _) = stack.try_change_appointment(m, &event, body).await;
    meter.note("PUT /matters/{matterId}/appointments/{appointmentId}");
    expect(status == 200, "event moved")?;
    meter.start();
    let listed = stack.appointments(m).await;
    meter.note("GET /matters/{matterId}/appointments");
    expect(!listed.is_empty(), "events listed")?;
    meter.start();
    let mine = stack.my_appointments(session).await;
    meter.note("GET /portal/appointments");
    expect(mine.len() == 1, "the contact's event")?;
    meter.start();
    let (status, _) = stack.ics(session, m, &event).await;
    meter.note("GET /portal/matters/{matterId}/appointments/{appointmentId}/ics");
    expect(status == 200, "the .ics")?;
    meter.start();
    let (status, _) = stack.try_cancel_appointment(m, &event).await;
    meter.note("DELETE /matters/{matterId}/appointments/{appointmentId}");
    expect(status == 204, "event cancelled")?;
    Ok(())
}

/// Two tasks given to the signed-in contact, listed for staff and for them; one marked done,
/// the other completed by their upload of the document it asks for.
async fn tasks(
    stack: &Stack,
    meter: &mut Meter,
    m: &str,
    contact: &str,
    session: &str,
) -> Result<(), BoxError> {
    let mut ids = Vec::new();
    for wanted in [Some("Signed letter"), None] {
        let body = json!({"contactId": contact, "title": "Sign", "dueOn": "2030-01-15",
            "documentWanted": wanted});
        meter.start();
        let (status, task) = stack.try_give_task(m, body).await;
        meter.note("POST /matters/{matterId}/tasks");
        expect(status == 201, "task given")?;
        ids.push(task["taskId"].as_str().ok_or("taskId")?.to_string());
    }
    meter.start();
    let listed = stack.tasks(m).await;
    meter.note("GET /matters/{matterId}/tasks");
    expect(
        listed["items"].as_array().is_some_and(|t| t.len() == 2),
        "tasks listed",
    )?;
    meter.start();
    let mine = stack.my_tasks(session).await;
    meter.note("GET /portal/tasks");
    expect(mine.len() == 2, "the contact's tasks")?;
    meter.start();
    let home = stack.portal_home(session).await;
    meter.note("GET /portal/home");
    expect(
        home["needs"]["tasks"]
            .as_array()
            .is_some_and(|t| t.len() == 2),
        "the home's open tasks",
    )?;
    meter.start();
    let (status, _) = stack.try_task_done(session, m, &ids[1]).await;
    meter.note("POST /portal/matters/{matterId}/tasks/{taskId}/done");
    expect(status == 200, "task done")?;
    let (status, intent) = stack
        .try_upload_for_task(session, m, &ids[0], b"%PDF-1.7 signed")
        .await;
    expect(status == 201, "upload for the task")?;
    let put = stack
        .put_presigned(&intent, b"%PDF-1.7 signed".to_vec())
        .await;
    expect(put == 200, "PUT")?;
    meter.start();
    let attached = stack.deliver_object_events().await;
    meter.note("trigger: upload for a task attached");
    expect(attached.len() == 1, "one object event")?;
    let body = json!({"contactId": contact, "title": "Mistake", "dueOn": "2030-01-15"});
    let (status, mistake) = stack.try_give_task(m, body).await;
    expect(status == 201, "task given")?;
    let mistake = mistake["taskId"].as_str().ok_or("taskId")?.to_string();
    meter.start();
    let (status, _) = stack.try_withdraw_task(m, &mistake).await;
    meter.note("DELETE /matters/{matterId}/tasks/{taskId}");
    expect(status == 204, "task withdrawn")?;
    Ok(())
}

/// What one step cost: its calls by operation and its DynamoDB request units.
#[derive(Clone, Debug, Default)]
pub struct Step {
    pub calls: BTreeMap<String, u64>,
    pub units: Units,
}

/// Every step on one firm, by budget key.
pub type Measured = BTreeMap<String, Step>;

/// Runs every route and trigger on each firm, prints the table and fails on a miss; returns
/// what each firm measured.
pub async fn run(sizes: &[Size]) -> Result<Vec<Measured>, BoxError> {
    let mut by_size = Vec::new();
    for size in sizes {
        eprintln!("routes: {}", size.label);
        by_size.push(on_firm(size).await?);
    }
    print_and_check(sizes, &by_size)?;
    Ok(by_size)
}

/// Counts the calls of whatever runs between two `take`s.
struct Meter {
    counter: CallCounter,
    capacity: CapacityMeter,
    measured: Measured,
}

impl Meter {
    fn start(&self) {
        self.counter.take();
        self.capacity.take();
    }

    fn note(&mut self, key: &str) {
        let step = Step {
            calls: self.counter.take(),
            units: self.capacity.take(),
        };
        self.measured.insert(key.to_string(), step);
    }
}

async fn on_firm(size: &Size) -> Result<Measured, BoxError> {
    let mut meter = Meter {
        counter: CallCounter::default(),
        capacity: CapacityMeter::default(),
        measured: Measured::new(),
    };
    let interceptors = [
        SharedInterceptor::new(meter.counter.clone()),
        SharedInterceptor::new(meter.capacity.clone()),
    ];
    let stack = Stack::instrumented(&[], &interceptors).await;
    let firm = seed_firm(&stack, size).await?;
    let m = &firm.matter;
    let staff = Caller::Staff;
    let session = firm.session.as_str();
    let contact = Caller::Bearer(session);
    let shared_doc = &firm.documents[0];

    meter.start();
    ok(
        stack.call("GET", "/matters", staff, None).await,
        "list matters",
    )?;
    meter.note("GET /matters");
    meter.start();
    let settings = ok(
        stack
            .call("GET", &format!("/matters/{m}"), staff, None)
            .await,
        "matter",
    )?;
    meter.note("GET /matters/{matterId}");
    let title = format!(
        "{} (renamed)",
        settings["title"].as_str().unwrap_or("Matter")
    );
    let body = json!({"title": title, "owner": settings["owner"]});
    meter.start();
    ok(
        stack
            .call("PUT", &format!("/matters/{m}"), staff, Some(body))
            .await,
        "save",
    )?;
    meter.note("PUT /matters/{matterId}");

    let newcomer = stack.id("newcomer");
    let newcomer_email = stack.email("newcomer");
    // Routes only store mail requests; the mail worker's part is metered as its own trigger
    // (anything filed before is delivered first, so that it counts nothing else).
    let contact_path = format!("/matters/{m}/contacts/{newcomer}");
    let grant = json!({"email": newcomer_email, "name": "Newcomer", "canDownload": true});
    stack.deliver_notifications().await;
    meter.start();
    let (status, _) = stack.call("PUT", &contact_path, staff, Some(grant)).await;
    meter.note("PUT /matters/{matterId}/contacts/{contactId}");
    expect(status == 201, "grant")?;
    meter.start();
    stack.deliver_notifications().await;
    meter.note("trigger: invitation sent by the mail worker");
    meter.start();
    let (status, _) = stack
        .call("POST", &format!("{contact_path}/invitations"), staff, None)
        .await;
    meter.note("POST /matters/{matterId}/contacts/{contactId}/invitations");
    expect(status == 202, "resend")?;
    stack.deliver_notifications().await;
    let token = stack.emailed_token(&newcomer_email).await;
    meter.start();
    let opened = stack.exchange(&token).await;
    meter.note("POST /portal/sessions");
    let newcomer_session = opened["session"].as_str().ok_or("session")?.to_string();
    let me = Caller::Bearer(&newcomer_session);
    meter.start();
    let (status, _) = stack.call("GET", "/portal/preferences", me, None).await;
    meter.note("GET /portal/preferences");
    expect(status == 200, "preferences")?;
    meter.start();
    let spanish = Some(json!({"language": "es"}));
    let (status, _) = stack.call("PUT", "/portal/preferences", me, spanish).await;
    meter.note("PUT /portal/preferences");
    expect(status == 200, "preferences saved")?;
    meter.start();
    stack.sign_out(&newcomer_session).await;
    meter.note("DELETE /portal/sessions/current");
    meter.start();
    let (status, _) = stack.request_sign_in_link_only(&firm.contact_email).await;
    meter.note("POST /portal/sign-in-links");
    expect(status == 202, "sign-in link")?;
    meter.start();
    stack.deliver_notifications().await;
    meter.note("trigger: sign-in link sent by the mail worker");

    for (key, path) in [
        (
            "GET /matters/{matterId}/contacts",
            format!("/matters/{m}/contacts"),
        ),
        (
            "GET /matters/{matterId}/documents",
            format!("/matters/{m}/documents"),
        ),
        (
            "GET /matters/{matterId}/shares",
            format!("/matters/{m}/shares"),
        ),
        (
            "GET /matters/{matterId}/events",
            format!("/matters/{m}/events"),
        ),
        (
            "GET /matters/{matterId}/events?format=csv",
            format!("/matters/{m}/events?format=csv"),
        ),
        (
            "GET /matters/{matterId}/documents/{documentId}/readers",
            format!("/matters/{m}/documents/{shared_doc}/readers"),
        ),
    ] {
        meter.start();
        ok(stack.call("GET", &path, staff, None).await, key)?;
        meter.note(key);
    }
    for (key, path) in [
        ("GET /portal/matters", "/portal/matters"),
        ("GET /portal/documents", "/portal/documents"),
    ] {
        meter.start();
        ok(stack.call("GET", path, contact, None).await, key)?;
        meter.note(key);
    }
    meter.start();
    stack.link(session, shared_doc, "download").await;
    meter.note("POST /portal/documents/{documentId}/links");
    // A real PDF (the stamping parses it), stamped on the first opening of the hour.
    let letter = stack
        .upload_firm_document(m, "Letter.pdf", &integration_tests::pdf::letter(3))
        .await;
    stack.deliver_object_events().await;
    stack.share(m, &[&letter], &[&firm.contact]).await;
    meter.start();
    ok(
        stack.try_stamped_link(session, &letter).await,
        "stamped link",
    )?;
    meter.note("POST /portal/documents/{documentId}/stamped-links");

    messages(&stack, &mut meter, m, &firm.contact, session).await?;

    // The stream from here on: what the steps below write is what its triggers handle.
    stack.skip_stream().await;
    let documents: Vec<&str> = firm.documents[10..20].iter().map(String::as_str).collect();
    let contacts: Vec<&str> = firm.others[..5].iter().map(String::as_str).collect();
    meter.start();
    let shared = stack.share(m, &documents, &contacts).await;
    meter.note("POST /matters/{matterId}/shares");
    expect(shared["created"] == 50, "50 shares")?;
    meter.start();
    stack.file_stream().await;
    meter.note("trigger: stream batch (the share's 50 events)");
    meter.start();
    let sent = stack.send_digests().await;
    meter.note("trigger: digest window (5 windows)");
    expect(!sent.is_empty(), "digests sent")?;

    meter.start();
    stack.stop_share(m, documents[0], contacts[0]).await;
    meter.note("DELETE /matters/{matterId}/shares/{documentId}/{contactId}");

    versions(&stack, &mut meter, m, documents[1]).await?;
    folders(&stack, &mut meter, m, documents[1], &contacts, session).await?;
    let mut recipients = contacts.clone();
    recipients.push(&firm.contact);
    bills(&stack, &mut meter, m, documents[1], &recipients, session).await?;
    appointments(&stack, &mut meter, m, &recipients, session).await?;
    tasks(&stack, &mut meter, m, &firm.contact, session).await?;

    meter.start();
    let registered = stack
        .register_firm_document(m, "New.pdf", "application/pdf", b"%PDF")
        .await;
    meter.note("POST /matters/{matterId}/documents");
    expect(
        stack.put_presigned(&registered, b"%PDF".to_vec()).await == 200,
        "PUT",
    )?;
    meter.start();
    let attached = stack.deliver_object_events().await;
    meter.note("trigger: upload attached");
    expect(attached.len() == 1, "one object event")?;

    meter.start();
    let intent = stack
        .request_upload(session, m, "Mine.pdf", "application/pdf", b"%PDF")
        .await;
    meter.note("POST /portal/matters/{matterId}/uploads");
    let upload = intent["uploadId"].as_str().ok_or("uploadId")?;
    meter.start();
    stack.upload_status(session, m, upload).await;
    meter.note("GET /portal/matters/{matterId}/uploads/{uploadId}");

    meter.start();
    stack.delete_document(m, shared_doc).await;
    meter.note("DELETE /matters/{matterId}/documents/{documentId}");
    meter.start();
    let swept = stack.sweep_deletions(0).await;
    meter.note("trigger: deletion sweep");
    eprintln!("  swept: {swept}");

    meter.start();
    stack.revoke(m, &newcomer).await;
    meter.note("DELETE /matters/{matterId}/contacts/{contactId}");
    crate::retire(&stack).await;
    Ok(meter.measured)
}

/// A conversation both ways: staff write, the contact reads and replies, both read, a delete.
async fn messages(
    stack: &Stack,
    meter: &mut Meter,
    m: &str,
    c: &str,
    session: &str,
) -> Result<(), BoxError> {
    let conversation = format!("/matters/{m}/conversations/{c}");
    let text = || Some(json!({"text": "Please see the attached letter."}));
    meter.start();
    let posted = ok(
        stack
            .call(
                "POST",
                &format!("{conversation}/messages"),
                Caller::Staff,
                text(),
            )
            .await,
        "post",
    )?;
    meter.note("POST /matters/{matterId}/conversations/{contactId}/messages");
    let id = posted["messageId"].as_str().ok_or("messageId")?.to_string();
    let mine = format!("/portal/matters/{m}/messages");
    let steps = [
        (
            "GET /portal/conversations",
            "GET",
            "/portal/conversations".to_string(),
            Caller::Bearer(session),
            None,
        ),
        (
            "GET /portal/matters/{matterId}/messages",
            "GET",
            mine.clone(),
            Caller::Bearer(session),
            None,
        ),
        (
            "POST /portal/matters/{matterId}/messages/read",
            "POST",
            format!("{mine}/read"),
            Caller::Bearer(session),
            None,
        ),
        (
            "POST /portal/matters/{matterId}/messages",
            "POST",
            mine.clone(),
            Caller::Bearer(session),
            text(),
        ),
        (
            "GET /matters/{matterId}/conversations",
            "GET",
            format!("/matters/{m}/conversations"),
            Caller::Staff,
            None,
        ),
        (
            "GET /matters/{matterId}/conversations/{contactId}/messages",
            "GET",
            format!("{conversation}/messages"),
            Caller::Staff,
            None,
        ),
        (
            "POST /matters/{matterId}/conversations/{contactId}/read",
            "POST",
            format!("{conversation}/read"),
            Caller::Staff,
            None,
        ),
        (
            "DELETE /matters/{matterId}/conversations/{contactId}/messages/{messageId}",
            "DELETE",
            format!("{conversation}/messages/{id}"),
            Caller::Staff,
            None,
        ),
    ];
    for (key, method, path, caller, body) in steps {
        meter.start();
        ok(stack.call(method, &path, caller, body).await, key)?;
        meter.note(key);
    }
    Ok(())
}

fn ok((status, body): (u16, serde_json::Value), what: &str) -> Result<serde_json::Value, BoxError> {
    if (200..300).contains(&status) {
        Ok(body)
    } else {
        Err(format!("{what}: {status} {body}").into())
    }
}

fn expect(holds: bool, what: &str) -> Result<(), BoxError> {
    if holds {
        Ok(())
    } else {
        Err(format!("{what}: not as expected").into())
    }
}

fn dynamodb(calls: &BTreeMap<String, u64>) -> u64 {
    calls
        .iter()
        .filter(|(op, _)| op.starts_with("DynamoDB."))
        .map(|(_, n)| n)
        .sum()
}

fn print_and_check(sizes: &[Size], by_size: &[Measured]) -> Result<(), BoxError> {
    println!("\n## Every route and trigger on a budget (DynamoDB calls)\n");
    let firms: Vec<String> = sizes
        .iter()
        .map(|s| {
            format!(
                "{}: {} matters; the matter {} documents, {} contacts, {} events",
                s.label, s.matters, s.documents, s.contacts, s.events
            )
        })
        .collect();
    println!("Firms — {}.\n", firms.join("; "));
    let header: Vec<String> = sizes.iter().map(|s| s.label.to_string()).collect();
    println!(
        "| route or trigger | budget | {} | met | why |",
        header.join(" | ")
    );
    println!("|---|---|{}---|---|", "---|".repeat(sizes.len()));
    let mut missed = Vec::new();
    for budget in BUDGETS {
        let mut cells = Vec::new();
        let mut met = true;
        for (size, measured) in sizes.iter().zip(by_size) {
            match measured.get(budget.key) {
                Some(step) => {
                    let n = dynamodb(&step.calls);
                    met &= n <= budget.allowed(size);
                    cells.push(format!(
                        "{n} of ≤ {}: {}; {:.1} RRU, {:.1} WRU",
                        budget.allowed(size),
                        summary(&step.calls),
                        step.units.read,
                        step.units.write
                    ));
                }
                None => {
                    met = false;
                    cells.push("not measured".into());
                }
            }
        }
        if !met {
            missed.push(budget.key);
        }
        let rule = budget.rule();
        println!(
            "| {} | {rule} | {} | {} | {} |",
            budget.key,
            cells.join(" | "),
            if met { "yes" } else { "NO" },
            budget.why
        );
    }
    let unbudgeted: Vec<String> = ROUTES
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .filter(|key| !BUDGETS.iter().any(|b| b.key == key))
        .collect();
    if !unbudgeted.is_empty() {
        return Err(format!("routes without a budget: {unbudgeted:?}").into());
    }
    if !missed.is_empty() {
        return Err(format!("budgets missed: {missed:?}").into());
    }
    Ok(())
}
