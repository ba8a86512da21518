//! Bills and trust requests of a matter: created by staff, sent to chosen contacts of the
//! matter (one or many at a time, with an optional note), edited with no re-send, and seen
//! by each contact they were sent to with the status the day gives them in the firm's time
//! zone.
//!
//! Matter-level only: a bill spanning several matters, or a trust request of a contact
//! rather than a matter, cannot be shown in one matter's portal and is refused (as Clio
//! refuses them). A bill's PDF is a document of the matter; sending the bill shares it with
//! each recipient, so it opens through the document link's checks and counts.

use super::deliveries::{self, Sending};
use super::events::{self, Event};
use super::sessions::Contact;
use super::{matters, sharing, tally, versions};
use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::records::{
    BillKind, BillPdf, BillRecord, BillState, DeliveryRecord, EventType, ItemKind, Particulars,
    Tally,
};
use crate::store::{Condition, Key, Transacted};
use crate::{clock, money, validate, App};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::HashMap;

/// Bills and contacts in one send: every pair is one small transaction.
pub const MAX_BILLS_PER_SEND: usize = 25;
pub const MAX_CONTACTS_PER_SEND: usize = 25;
/// A bill's number or a trust request's reference.
const MAX_NUMBER_CHARS: usize = 40;
const MAX_NOTE_CHARS: usize = 2_000;

const SPANS_MATTERS: &str = "a bill spanning several matters cannot be sent through the \
    portal: bill each matter on its own, or send this bill outside the portal";
const CONTACT_LEVEL: &str = "a contact-level trust request cannot be sent through the \
    portal: request the funds on one of the contact's matters";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BillInput {
    #[serde(default = "bill_kind")]
    pub kind: BillKind,
    pub number: String,
    pub issued_on: String,
    pub due_on: String,
    pub currency: String,
    pub total_minor: i64,
    /// Defaults to the total.
    #[serde(default)]
    pub balance_minor: Option<i64>,
    #[serde(default)]
    pub pdf_document_id: Option<String>,
    /// The matters the bill covers, when the billing system says: it must be this one alone.
    #[serde(default)]
    pub matter_ids: Option<Vec<String>>,
    /// A trust request's level: `matter` (the default) or `contact` (refused).
    #[serde(default)]
    pub level: Option<String>,
}

fn bill_kind() -> BillKind {
    BillKind::Bill
}

/// An edit: only what it names changes. `revision` is the one the editor read.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BillEdit {
    pub revision: u32,
    #[serde(default)]
    pub balance_minor: Option<i64>,
    #[serde(default)]
    pub due_on: Option<String>,
    #[serde(default)]
    pub state: Option<BillState>,
    /// A document id, or null to take the PDF off; absent: unchanged.
    #[serde(default, deserialize_with = "present")]
    pub pdf_document_id: Option<Option<String>>,
}

/// Tells a field sent as null (`Some(None)`) from one left out (`None`).
fn present<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SendInput {
    pub bill_ids: Vec<String>,
    pub contact_ids: Vec<String>,
    #[serde(default)]
    pub message: Option<String>,
}

/// What the day makes of a bill: stored state, balance and due date read against today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BillStatus {
    Unpaid,
    PastDue,
    Paid,
    Requested,
    Received,
    Void,
}

/// A bill's status on `today` (YYYY-MM-DD in the firm's zone): void and settled as staff set
/// them; a zero balance is settled; otherwise past due from the day after its due date (due
/// today is not past due).
pub fn status(bill: &BillRecord, today: &str) -> BillStatus {
    let trust = bill.kind == BillKind::TrustRequest;
    match bill.state {
        BillState::Void => BillStatus::Void,
        BillState::Settled => settled(trust),
        BillState::Open if bill.balance_minor == 0 => settled(trust),
        BillState::Open if bill.due_on.as_str() < today => BillStatus::PastDue,
        BillState::Open if trust => BillStatus::Requested,
        BillState::Open => BillStatus::Unpaid,
    }
}

fn settled(trust: bool) -> BillStatus {
    if trust {
        BillStatus::Received
    } else {
        BillStatus::Paid
    }
}

/// Whether the client still owes it.
fn is_due(status: BillStatus) -> bool {
    matches!(
        status,
        BillStatus::Unpaid | BillStatus::PastDue | BillStatus::Requested
    )
}

/// How the log, the digests and the pages name it: "Bill 1042", "Trust request R-7".
pub fn label(bill: &BillRecord) -> String {
    match bill.kind {
        BillKind::Bill => format!("Bill {}", bill.number),
        BillKind::TrustRequest => format!("Trust request {}", bill.number),
    }
}

/// A bill's facts as they stand, which a digest words in its reader's language.
pub fn particulars(bill: &BillRecord) -> Particulars {
    Particulars::Bill {
        trust: bill.kind == BillKind::TrustRequest,
        number: bill.number.clone(),
        balance_minor: bill.balance_minor,
        currency: bill.currency.clone(),
        due_on: bill.due_on.clone(),
    }
}

/// The firm's payment page for a bill still owed, when the firm has one.
pub fn pay_url(template: Option<&str>, bill: &BillRecord, status: BillStatus) -> Option<String> {
    let template = template?;
    (is_due(status) && bill.kind == BillKind::Bill && bill.balance_minor > 0).then(|| {
        let id: String = percent_encoding::utf8_percent_encode(
            &bill.bill_id,
            percent_encoding::NON_ALPHANUMERIC,
        )
        .to_string();
        template.replace("{billId}", &id)
    })
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SentView {
    pub contact_id: String,
    pub contact_name: String,
    pub sent_at: String,
}

/// A bill as both faces show it: what it asks for, and how it is named.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BillFacts {
    pub bill_id: String,
    pub kind: BillKind,
    pub number: String,
    pub label: String,
    pub issued_on: String,
    pub due_on: String,
    pub currency: String,
    pub total_minor: i64,
    pub balance_minor: i64,
    pub pdf: Option<BillPdf>,
    pub updated_at: String,
}

impl BillFacts {
    fn of(bill: &BillRecord) -> Self {
        Self {
            bill_id: bill.bill_id.clone(),
            kind: bill.kind,
            number: bill.number.clone(),
            label: label(bill),
            issued_on: bill.issued_on.clone(),
            due_on: bill.due_on.clone(),
            currency: bill.currency.clone(),
            total_minor: bill.total_minor,
            balance_minor: bill.balance_minor,
            pdf: bill.pdf.clone(),
            updated_at: bill.updated_at.clone(),
        }
    }
}

/// What staff see of a bill.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BillView {
    #[serde(flatten)]
    pub bill: BillFacts,
    pub state: BillState,
    /// Read against today in the firm's zone by the lists; a write's answer leaves it out, so
    /// that the functions that write carry no time-zone rules (they would not fit the 8 MiB
    /// bootstrap budget; the console reads the list again after a write).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<BillStatus>,
    pub created_at: String,
    pub created_by: String,
    pub revision: u32,
    pub sent_to: Vec<SentView>,
}

impl BillView {
    fn of(bill: BillRecord, today: Option<&str>, sent: Vec<SentView>) -> Self {
        Self {
            bill: BillFacts::of(&bill),
            status: today.map(|day| status(&bill, day)),
            state: bill.state,
            created_by: bill.created_by.name,
            created_at: bill.created_at,
            revision: bill.revision,
            sent_to: sent,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BillList {
    pub items: Vec<BillView>,
    /// The day statuses were read against, in the firm's zone.
    pub today: String,
}

/// What a contact sees of a bill sent to them.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PortalBillView {
    #[serde(flatten)]
    pub bill: BillFacts,
    pub matter_id: String,
    pub matter_title: String,
    pub status: BillStatus,
    pub sent_at: String,
    pub message: Option<String>,
    pub pay_url: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PortalBillList {
    pub items: Vec<PortalBillView>,
    pub today: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SendOutcome {
    /// (bill, contact) pairs sent now; pairs sent before are left as they were.
    pub sent: usize,
}

/// The day it is for the firm.
fn today(app: &App) -> Result<String> {
    clock::date_in(&app.config.firm_time_zone, clock::now())
}

fn date(field: &str, raw: &str) -> Result<String> {
    clock::parse_date(raw)
        .ok_or_else(|| Error::validation(format!("{field} must be a date: YYYY-MM-DD")))
}

/// A new bill from the input, refusing what cannot go through one matter's portal.
pub fn new_bill(
    input: BillInput,
    matter_id: &str,
    staff: &Staff,
    pdf: Option<BillPdf>,
    now: &str,
) -> Result<BillRecord> {
    if let Some(ids) = &input.matter_ids {
        if ids.iter().any(|id| id != matter_id) || ids.len() > 1 {
            return Err(Error::validation(SPANS_MATTERS));
        }
    }
    match (input.kind, input.level.as_deref()) {
        (_, None | Some("matter")) => {}
        (BillKind::TrustRequest, Some("contact")) => return Err(Error::validation(CONTACT_LEVEL)),
        _ => return Err(Error::validation("level must be matter")),
    }
    let total = money::amount("totalMinor", input.total_minor)?;
    let balance = money::amount("balanceMinor", input.balance_minor.unwrap_or(total))?;
    if balance > total {
        return Err(Error::validation("balanceMinor must not exceed totalMinor"));
    }
    let issued_on = date("issuedOn", &input.issued_on)?;
    let due_on = date("dueOn", &input.due_on)?;
    if due_on < issued_on {
        return Err(Error::validation("dueOn must not be before issuedOn"));
    }
    Ok(BillRecord {
        bill_id: crate::records::new_id(),
        matter_id: matter_id.into(),
        kind: input.kind,
        number: validate::text("number", &input.number, MAX_NUMBER_CHARS)?,
        issued_on,
        due_on,
        currency: money::currency(&input.currency)?,
        total_minor: total,
        balance_minor: balance,
        state: BillState::Open,
        pdf,
        created_at: now.into(),
        created_by: staff.person(),
        updated_at: now.into(),
        revision: 1,
    })
}

/// The bill as edited (the revision raised), and what changed in words for the log.
pub fn edited(
    bill: &BillRecord,
    edit: &BillEdit,
    pdf: Option<Option<BillPdf>>,
    now: &str,
) -> Result<(BillRecord, Vec<String>)> {
    if edit.revision != bill.revision {
        return Err(Error::Conflict(format!(
            "{} was changed meanwhile (revision {}): reload it and edit again",
            label(bill),
            bill.revision
        )));
    }
    let mut next = bill.clone();
    let mut changes = Vec::new();
    if let Some(balance) = edit.balance_minor {
        let balance = money::amount("balanceMinor", balance)?;
        if balance > bill.total_minor {
            return Err(Error::validation("balanceMinor must not exceed totalMinor"));
        }
        if balance != bill.balance_minor {
            changes.push(format!("balance {}", money::plain(balance, &bill.currency)));
        }
        next.balance_minor = balance;
    }
    if let Some(due) = &edit.due_on {
        let due = date("dueOn", due)?;
        if due < bill.issued_on {
            return Err(Error::validation("dueOn must not be before issuedOn"));
        }
        if due != bill.due_on {
            changes.push(format!("due {due}"));
        }
        next.due_on = due;
    }
    if let Some(state) = edit.state {
        if state != bill.state {
            changes.push(format!("marked {}", state.as_str()));
        }
        next.state = state;
    }
    if let Some(pdf) = pdf {
        if pdf != bill.pdf {
            changes.push(match &pdf {
                Some(p) => format!("PDF {}", p.file_name),
                None => "PDF removed".into(),
            });
        }
        next.pdf = pdf;
    }
    next.revision = bill.revision + 1;
    next.updated_at = now.into();
    Ok((next, changes))
}

/// A PDF document of the matter, available.
async fn pdf_of(app: &App, matter_id: &str, document_id: &str) -> Result<BillPdf> {
    let document = versions::available(app, matter_id, document_id).await?;
    if document.content_type != "application/pdf" {
        return Err(Error::UnsupportedType(format!(
            "{} is not a PDF: a bill's document must be one",
            document.file_name
        )));
    }
    Ok(BillPdf {
        document_id: document.document_id,
        file_name: document.file_name,
    })
}

async fn require(app: &App, matter_id: &str, bill_id: &str) -> Result<BillRecord> {
    let bill_id = validate::id("billId", bill_id)?;
    app.table
        .get(&BillRecord::key_for(matter_id, &bill_id))
        .await?
        .ok_or_else(|| Error::not_found(format!("bill {bill_id} in matter {matter_id}")))
}

async fn commit(
    app: &App,
    transaction: crate::store::Transaction,
    what: &'static str,
) -> Result<()> {
    match app.table.commit(transaction).await? {
        Transacted::Committed => Ok(()),
        Transacted::Cancelled(c) => Err(Error::upstream(what, c)),
    }
}

pub async fn create(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    input: BillInput,
) -> Result<BillView> {
    let matter = matters::require(app, matter_id).await?;
    let pdf = match input.pdf_document_id.as_deref() {
        Some(id) => Some(pdf_of(app, &matter.matter_id, id).await?),
        None => None,
    };
    let now = clock::stamp(clock::now());
    let bill = new_bill(input, &matter.matter_id, staff, pdf, &now)?;
    let mut transaction = app.table.transaction();
    transaction.put(&bill, Some(Condition::absent()))?;
    let event = Event::new(EventType::BillCreated, staff.actor())
        .item(&bill.bill_id)
        .detail(label(&bill));
    events::add(&mut transaction, &matter.matter_id, event)?;
    tally::note(&mut transaction, &matter.matter_id, Tally::NONE)?;
    commit(app, transaction, "DynamoDB TransactWriteItems (bill)").await?;
    Ok(BillView::of(bill, None, Vec::new()))
}

/// Staff's edit: the bill changes where it is, so every contact it was sent to sees it at
/// once; each of them gets a `billUpdated` event (their digest says so). A new PDF is shared
/// with them.
pub async fn update(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    bill_id: &str,
    edit: BillEdit,
) -> Result<BillView> {
    let matter = matters::require(app, matter_id).await?;
    let bill = require(app, &matter.matter_id, bill_id).await?;
    let pdf = match &edit.pdf_document_id {
        Some(Some(id)) => Some(Some(pdf_of(app, &matter.matter_id, id).await?)),
        Some(None) => Some(None),
        None => None,
    };
    let now = clock::stamp(clock::now());
    let (next, changes) = edited(&bill, &edit, pdf, &now)?;
    let (sent, recipients) =
        deliveries::recipients(app, &matter, ItemKind::Bill, &bill.bill_id).await?;
    let mut transaction = app.table.transaction();
    let guarded = transaction.put(
        &next,
        Some(Condition::equals(
            crate::records::attr::REVISION,
            i64::from(bill.revision),
        )),
    )?;
    if !changes.is_empty() {
        let detail = format!("{}: {}", label(&next), changes.join(", "));
        let what = (
            EventType::BillUpdated,
            next.bill_id.as_str(),
            detail.as_str(),
        );
        deliveries::tell(
            &mut transaction,
            staff,
            &matter.matter_id,
            what,
            &particulars(&next),
            &recipients,
        )?;
    }
    match app.table.commit(transaction).await? {
        Transacted::Committed => {}
        Transacted::Cancelled(c) if c.failed_condition(guarded) => {
            return Err(Error::Conflict(format!(
                "{} was changed meanwhile: reload it and edit again",
                label(&bill)
            )))
        }
        Transacted::Cancelled(c) => {
            return Err(Error::upstream(
                "DynamoDB TransactWriteItems (bill edit)",
                c,
            ))
        }
    }
    if let (Some(new_pdf), false) = (&next.pdf, next.pdf == bill.pdf || recipients.is_empty()) {
        sharing::share_with(app, staff, &matter, &new_pdf.document_id, &recipients).await?;
    }
    Ok(BillView::of(next, None, sent_views(&sent)))
}

fn sent_views(sent: &[DeliveryRecord]) -> Vec<SentView> {
    sent.iter()
        .map(|s| SentView {
            contact_id: s.contact_id.clone(),
            contact_name: s.contact_name.clone(),
            sent_at: s.sent_at.clone(),
        })
        .collect()
}

/// Sends bills of the matter to contacts with active access, with an optional note. Each
/// (bill, contact) pair is written once with its `billSent` event (a repeat sends nothing
/// new); each bill's PDF is shared with the contacts at once.
pub async fn send(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    input: SendInput,
) -> Result<SendOutcome> {
    let matter = matters::require(app, matter_id).await?;
    let bill_ids = validate::id_list("billIds", &input.bill_ids, MAX_BILLS_PER_SEND)?;
    let contact_ids = validate::id_list("contactIds", &input.contact_ids, MAX_CONTACTS_PER_SEND)?;
    let message = input
        .message
        .as_deref()
        .filter(|m| !m.trim().is_empty())
        .map(|m| validate::message_text("message", m, MAX_NOTE_CHARS))
        .transpose()?;
    let keys: Vec<Key<BillRecord>> = bill_ids
        .iter()
        .map(|id| BillRecord::key_for(&matter.matter_id, id))
        .collect();
    let found: Vec<BillRecord> = app.table.batch_get(&keys).await?;
    let bills: Vec<BillRecord> = bill_ids
        .iter()
        .map(|id| {
            found
                .iter()
                .find(|b| &b.bill_id == id)
                .cloned()
                .ok_or_else(|| {
                    Error::not_found(format!("bill {id} in matter {}", matter.matter_id))
                })
        })
        .collect::<Result<_>>()?;
    if let Some(void) = bills.iter().find(|b| b.state == BillState::Void) {
        return Err(Error::Conflict(format!(
            "{} is void: it cannot be sent",
            label(void)
        )));
    }
    let contacts = sharing::active_contacts(app, &matter, &contact_ids).await?;
    let mut outcome = SendOutcome { sent: 0 };
    for bill in &bills {
        let sending = Sending {
            kind: ItemKind::Bill,
            item_id: &bill.bill_id,
            matter_id: &matter.matter_id,
            event: EventType::BillSent,
            detail: format!(
                "{}, {} due {}",
                label(bill),
                money::plain(bill.balance_minor, &bill.currency),
                bill.due_on
            ),
            particulars: particulars(bill),
            message: message.clone(),
        };
        outcome.sent += deliveries::send(app, staff, &sending, &contacts)
            .await?
            .len();
        if let Some(pdf) = &bill.pdf {
            sharing::share_with(app, staff, &matter, &pdf.document_id, &contacts).await?;
        }
    }
    Ok(outcome)
}

/// Staff's Bills section: every bill and trust request of the matter, newest issued first,
/// with whom each was sent to.
pub async fn list(app: &App, matter_id: &str) -> Result<BillList> {
    let matter = matters::require(app, matter_id).await?;
    let bills = app
        .table
        .query_all(&BillRecord::in_matter(&matter.matter_id))
        .await?;
    let sent = app
        .table
        .query_all(&DeliveryRecord::in_matter(
            &matter.matter_id,
            ItemKind::Bill,
        ))
        .await?;
    let today = today(app)?;
    Ok(BillList {
        items: staff_views(bills, &sent, &today),
        today,
    })
}

/// Bills newest issued first (then by number), each with its sendings.
pub fn staff_views(bills: Vec<BillRecord>, sent: &[DeliveryRecord], today: &str) -> Vec<BillView> {
    let mut views: Vec<BillView> = bills
        .into_iter()
        .map(|bill| {
            let mine: Vec<DeliveryRecord> = sent
                .iter()
                .filter(|s| s.item_id == bill.bill_id)
                .cloned()
                .collect();
            BillView::of(bill, Some(today), sent_views(&mine))
        })
        .collect();
    views.sort_by(|a, b| {
        (&b.bill.issued_on, &b.created_at).cmp(&(&a.bill.issued_on, &a.created_at))
    });
    views
}

/// A contact's bills across the matters this session reaches, newest sent first: their
/// sendings (one query) and the bills themselves (one BatchGetItem), so an edit shows at once.
pub async fn mine(app: &App, contact: &Contact) -> Result<PortalBillList> {
    let (sent, bills) =
        deliveries::items_to_contact(app, contact, ItemKind::Bill, BillRecord::key_for).await?;
    let today = today(app)?;
    Ok(PortalBillList {
        items: portal_views(
            bills,
            sent,
            contact,
            &today,
            app.config.payment_url_template.as_deref(),
        ),
        today,
    })
}

/// A contact's rows: one per bill sent to them that still exists, newest sent first.
pub fn portal_views(
    bills: Vec<BillRecord>,
    sent: Vec<DeliveryRecord>,
    contact: &Contact,
    today: &str,
    pay_template: Option<&str>,
) -> Vec<PortalBillView> {
    let mut by_id: HashMap<(String, String), BillRecord> = bills
        .into_iter()
        .map(|b| ((b.matter_id.clone(), b.bill_id.clone()), b))
        .collect();
    let mut views: Vec<PortalBillView> = sent
        .into_iter()
        .filter_map(|s| {
            let bill = by_id.remove(&(s.matter_id.clone(), s.item_id.clone()))?;
            let status = status(&bill, today);
            Some(PortalBillView {
                matter_title: contact
                    .grant_on(&bill.matter_id)
                    .map(|g| g.matter.matter_title.clone())
                    .unwrap_or_default(),
                bill: BillFacts::of(&bill),
                pay_url: pay_url(pay_template, &bill, status),
                status,
                matter_id: bill.matter_id,
                sent_at: s.sent_at,
                message: s.message,
            })
        })
        .collect();
    views.sort_by(|a, b| (&b.sent_at, &b.bill.bill_id).cmp(&(&a.sent_at, &a.bill.bill_id)));
    views
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures;

    fn staff() -> Staff {
        Staff {
            id: "s1".into(),
            email: "s1@firm.example".into(),
            name: "Sam".into(),
        }
    }

    fn input(kind: BillKind) -> BillInput {
        BillInput {
            kind,
            number: " 1042 ".into(),
            issued_on: "2027-01-01".into(),
            due_on: "2027-01-31".into(),
            currency: "usd".into(),
            total_minor: 125_000,
            balance_minor: None,
            pdf_document_id: None,
            matter_ids: None,
            level: None,
        }
    }

    fn bill(kind: BillKind) -> BillRecord {
        new_bill(
            input(kind),
            "m1",
            &staff(),
            None,
            "2027-01-01T09:00:00.000000Z",
        )
        .expect("bill")
    }

    #[test]
    fn a_new_bill_is_open_for_its_whole_total_in_an_iso_currency() {
        let b = bill(BillKind::Bill);
        assert_eq!((b.number.as_str(), b.currency.as_str()), ("1042", "USD"));
        assert_eq!(
            (b.total_minor, b.balance_minor, b.state, b.revision),
            (125_000, 125_000, BillState::Open, 1)
        );
        assert_eq!(label(&b), "Bill 1042");
        assert_eq!(label(&bill(BillKind::TrustRequest)), "Trust request 1042");
    }

    #[test]
    fn bad_bills_are_refused_with_what_to_do() {
        let refused = |change: fn(&mut BillInput)| {
            let mut i = input(BillKind::Bill);
            change(&mut i);
            new_bill(i, "m1", &staff(), None, "t")
                .expect_err("refused")
                .public_message()
        };
        assert!(
            refused(|i| i.matter_ids = Some(vec!["m1".into(), "m2".into()]))
                .contains("several matters")
        );
        assert!(refused(|i| i.matter_ids = Some(vec!["m2".into()])).contains("several matters"));
        assert!(refused(|i| i.total_minor = -1).contains("totalMinor"));
        assert!(refused(|i| i.balance_minor = Some(125_001)).contains("exceed"));
        assert!(refused(|i| i.due_on = "2026-12-31".into()).contains("before issuedOn"));
        assert!(refused(|i| i.due_on = "31/01/2027".into()).contains("YYYY-MM-DD"));
        assert!(refused(|i| i.currency = "dollars".into()).contains("ISO 4217"));
        assert!(refused(|i| i.number = "  ".into()).contains("number"));
        assert!(refused(|i| i.level = Some("firm".into())).contains("level"));
        let mut trust = input(BillKind::TrustRequest);
        trust.level = Some("contact".into());
        let message = new_bill(trust, "m1", &staff(), None, "t")
            .expect_err("refused")
            .public_message();
        assert!(message.contains("contact-level trust request"), "{message}");
        let mut same = input(BillKind::Bill);
        same.matter_ids = Some(vec!["m1".into()]);
        assert!(new_bill(same, "m1", &staff(), None, "t").is_ok());
    }

    #[test]
    fn past_due_starts_the_day_after_the_due_date() {
        let b = bill(BillKind::Bill);
        assert_eq!(status(&b, "2027-01-30"), BillStatus::Unpaid);
        assert_eq!(
            status(&b, "2027-01-31"),
            BillStatus::Unpaid,
            "due today is not past due"
        );
        assert_eq!(status(&b, "2027-02-01"), BillStatus::PastDue);
        let t = bill(BillKind::TrustRequest);
        assert_eq!(status(&t, "2027-01-31"), BillStatus::Requested);
        assert_eq!(status(&t, "2027-02-01"), BillStatus::PastDue);
    }

    #[test]
    fn settled_void_and_zero_balances_are_never_past_due() {
        let late = "2027-03-01";
        let mut b = bill(BillKind::Bill);
        b.balance_minor = 0;
        assert_eq!(status(&b, late), BillStatus::Paid);
        b.balance_minor = 10;
        b.state = BillState::Settled;
        assert_eq!(status(&b, late), BillStatus::Paid);
        b.state = BillState::Void;
        assert_eq!(status(&b, late), BillStatus::Void);
        let mut t = bill(BillKind::TrustRequest);
        t.state = BillState::Settled;
        assert_eq!(status(&t, late), BillStatus::Received);
    }

    #[test]
    fn the_firms_day_decides_across_time_zones() {
        // 02:00 UTC on Feb 1 is still Jan 31 in New York: due today there, past due in UTC.
        let at = clock::parse_stamp("2027-02-01T02:00:00Z").expect("time");
        let b = bill(BillKind::Bill);
        let new_york = clock::date_in("America/New_York", at).expect("day");
        assert_eq!(status(&b, &new_york), BillStatus::Unpaid);
        let utc = clock::date_in("UTC", at).expect("day");
        assert_eq!(status(&b, &utc), BillStatus::PastDue);
    }

    #[test]
    fn an_edit_names_its_revision_and_says_what_changed() {
        let b = bill(BillKind::Bill);
        let edit = BillEdit {
            revision: 1,
            balance_minor: Some(25_000),
            due_on: Some("2027-02-15".into()),
            state: None,
            pdf_document_id: None,
        };
        let pdf = BillPdf {
            document_id: "d1".into(),
            file_name: "Bill 1042.pdf".into(),
        };
        let (next, changes) = edited(&b, &edit, Some(Some(pdf.clone())), "later").expect("edit");
        assert_eq!(
            (next.balance_minor, next.due_on.as_str(), next.revision),
            (25_000, "2027-02-15", 2)
        );
        assert_eq!(next.pdf, Some(pdf));
        assert_eq!(
            changes,
            ["balance USD 250.00", "due 2027-02-15", "PDF Bill 1042.pdf"]
        );
        let stale = BillEdit {
            revision: 2,
            ..edit
        };
        assert!(matches!(
            edited(&b, &stale, None, "t"),
            Err(Error::Conflict(_))
        ));
        let too_much = BillEdit {
            revision: 1,
            balance_minor: Some(125_001),
            due_on: None,
            state: None,
            pdf_document_id: None,
        };
        assert!(edited(&b, &too_much, None, "t").is_err());
        let paid = BillEdit {
            revision: 1,
            balance_minor: None,
            due_on: None,
            state: Some(BillState::Settled),
            pdf_document_id: None,
        };
        let (next, changes) = edited(&b, &paid, None, "t").expect("edit");
        assert_eq!(
            (next.state, changes),
            (BillState::Settled, vec!["marked settled".to_string()])
        );
    }

    #[test]
    fn an_edit_tells_a_null_pdf_from_an_absent_one() {
        let absent: BillEdit = serde_json::from_str(r#"{"revision":1}"#).expect("edit");
        assert_eq!(absent.pdf_document_id, None);
        let null: BillEdit =
            serde_json::from_str(r#"{"revision":1,"pdfDocumentId":null}"#).expect("edit");
        assert_eq!(null.pdf_document_id, Some(None));
        assert!(serde_json::from_str::<BillEdit>(r#"{"revision":1,"total":5}"#).is_err());
    }

    #[test]
    fn pay_shows_only_for_an_owed_bill_when_the_firm_has_a_payment_page() {
        let template = Some("https://pay.example.com/i/{billId}");
        let b = bill(BillKind::Bill);
        let url = pay_url(template, &b, BillStatus::PastDue).expect("a link");
        assert_eq!(url, format!("https://pay.example.com/i/{}", b.bill_id));
        assert_eq!(pay_url(None, &b, BillStatus::Unpaid), None);
        assert_eq!(pay_url(template, &b, BillStatus::Paid), None);
        assert_eq!(pay_url(template, &b, BillStatus::Void), None);
        let t = bill(BillKind::TrustRequest);
        assert_eq!(
            pay_url(template, &t, BillStatus::Requested),
            None,
            "trust funds go by the firm's instructions"
        );
    }

    #[test]
    fn a_contact_sees_only_bills_sent_to_them_that_still_exist_newest_first() {
        let contact = Contact::for_tests(vec![fixtures::grant("m1", "c1")]);
        let mut first = bill(BillKind::Bill);
        first.bill_id = "b1".into();
        let mut second = bill(BillKind::TrustRequest);
        second.bill_id = "b2".into();
        let sent = |id: &str, at: &str| DeliveryRecord {
            message: Some("Please pay".into()),
            ..fixtures::delivery(ItemKind::Bill, id, "m1", at)
        };
        let views = portal_views(
            vec![first, second],
            vec![
                sent("b1", "2027-01-02"),
                sent("b2", "2027-01-03"),
                sent("gone", "2027-01-04"),
            ],
            &contact,
            "2027-01-10",
            None,
        );
        let ids: Vec<&str> = views.iter().map(|v| v.bill.bill_id.as_str()).collect();
        assert_eq!(ids, ["b2", "b1"]);
        assert_eq!(views[1].matter_title, "Matter m1");
        assert_eq!(views[1].status, BillStatus::Unpaid);
    }
}
