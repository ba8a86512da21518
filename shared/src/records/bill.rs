//! Bills and trust requests of a matter. Sent to a contact, each is a `DeliveryRecord`; the
//! portal reads the bill itself through the contact's deliveries (never a copy), so an edit
//! shows at once with no re-send.

use super::{matter_partition, stored_words, Person};
use crate::store::{Key, Query, Stored};
use serde::{Deserialize, Serialize};

stored_words! {
    /// What is asked of the client: to pay a bill, or to put money into trust.
    pub enum BillKind {
        Bill = "bill",
        TrustRequest = "trustRequest",
    }
}

stored_words! {
    /// What staff set. Unpaid and Past Due (Requested and Past Due for a trust request) are
    /// not stored: they follow from the due date and the day it is in the firm's time zone.
    pub enum BillState {
        Open = "open",
        /// Paid (a bill) or received (a trust request).
        Settled = "settled",
        Void = "void",
    }
}

/// The matter document a bill's PDF is, as it was named when chosen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillPdf {
    pub document_id: String,
    pub file_name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillRecord {
    pub bill_id: String,
    pub matter_id: String,
    pub kind: BillKind,
    /// The firm's number for the bill, or its reference for a trust request.
    pub number: String,
    /// Calendar dates (YYYY-MM-DD): a due date is a day, not an instant.
    pub issued_on: String,
    pub due_on: String,
    /// ISO 4217 code; amounts are integer minor units of it, never floats.
    pub currency: String,
    pub total_minor: i64,
    pub balance_minor: i64,
    pub state: BillState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdf: Option<BillPdf>,
    pub created_at: String,
    pub created_by: Person,
    pub updated_at: String,
    /// Raised on every edit; an edit names the revision it read (a conflicting edit is 409).
    pub revision: u32,
}

const BILL_PREFIX: &str = "BILL#";

impl BillRecord {
    pub fn key_for(matter_id: &str, bill_id: &str) -> Key<Self> {
        Key::new(
            matter_partition(matter_id),
            format!("{BILL_PREFIX}{bill_id}"),
        )
    }

    pub fn in_matter(matter_id: &str) -> Query<Self> {
        Query::table(matter_partition(matter_id), BILL_PREFIX)
    }
}

impl Stored for BillRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.matter_id, &self.bill_id)
    }
}
