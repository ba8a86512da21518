//! What the firm sent a contact of a matter that is not a document: a bill or trust request,
//! a calendar event, a task. One record per (item, contact), with the note it went with.
//!
//! The portal reads each item itself through the contact's deliveries (one index query, then
//! one BatchGetItem per kind), never a copy, so an edit shows at once with no re-send; a
//! matter's (or one item's) deliveries are one query of the matter's partition.

use super::{contact_partition, matter_partition, stored_words, Person};
use crate::store::layout::GSI1;
use crate::store::{indexed_as, IndexKey, Key, Query, Stored};
use serde::{Deserialize, Serialize};

stored_words! {
    /// What was sent.
    pub enum ItemKind {
        /// A bill or a trust request (`BillRecord`).
        Bill = "bill",
        /// A calendar event (`AppointmentRecord`).
        Appointment = "appointment",
        /// A task given to the contact (`TaskRecord`).
        Task = "task",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryRecord {
    pub kind: ItemKind,
    pub item_id: String,
    pub matter_id: String,
    pub contact_id: String,
    pub contact_name: String,
    pub sent_at: String,
    pub sent_by: Person,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Not a prefix of any other sort key of a matter's or a contact's partition.
const SENT_PREFIX: &str = "SENT#";

fn of_kind(kind: ItemKind) -> String {
    format!("{SENT_PREFIX}{}#", kind.as_str())
}

impl DeliveryRecord {
    pub fn key_for(matter_id: &str, kind: ItemKind, item_id: &str, contact_id: &str) -> Key<Self> {
        Key::new(
            matter_partition(matter_id),
            format!("{}{item_id}#{contact_id}", of_kind(kind)),
        )
    }

    /// Every delivery of one kind in a matter.
    pub fn in_matter(matter_id: &str, kind: ItemKind) -> Query<Self> {
        Query::table(matter_partition(matter_id), of_kind(kind))
    }

    /// Whom one item was sent to.
    pub fn of_item(matter_id: &str, kind: ItemKind, item_id: &str) -> Query<Self> {
        Query::table(
            matter_partition(matter_id),
            format!("{}{item_id}#", of_kind(kind)),
        )
    }

    /// Everything sent to a contact, of every kind, across matters (by kind, newest first).
    pub fn all_to_contact(contact_id: &str) -> Query<Self> {
        Query::index(&GSI1, contact_partition(contact_id), SENT_PREFIX).descending()
    }

    /// Everything of one kind sent to a contact, across matters, newest first.
    pub fn to_contact(contact_id: &str, kind: ItemKind) -> Query<Self> {
        Query::index(&GSI1, contact_partition(contact_id), of_kind(kind)).descending()
    }
}

impl Stored for DeliveryRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.matter_id, self.kind, &self.item_id, &self.contact_id)
    }

    fn index_keys(&self) -> Vec<IndexKey> {
        indexed_as(
            &GSI1,
            contact_partition(&self.contact_id),
            format!("{}{}#{}", of_kind(self.kind), self.sent_at, self.item_id),
        )
        .to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deliveries_are_apart_from_other_records_and_in_the_contacts_view_by_kind() {
        let sent = DeliveryRecord {
            kind: ItemKind::Bill,
            item_id: "b1".into(),
            matter_id: "m1".into(),
            contact_id: "c1".into(),
            contact_name: "Ann".into(),
            sent_at: "2026-12-01T10:00:00.000000Z".into(),
            sent_by: crate::records::fixtures::person("s"),
            message: None,
        };
        assert_eq!(sent.key().sk, "SENT#bill#b1#c1");
        assert!(!sent.key().sk.starts_with("BILL#"));
        let indexed = sent.index_keys();
        assert!(indexed.contains(&("gsi1pk", "CONTACT#c1".into())));
        assert!(indexed.contains(&("gsi1sk", "SENT#bill#2026-12-01T10:00:00.000000Z#b1".into())));
        let query = DeliveryRecord::to_contact("c1", ItemKind::Bill);
        assert!(query.spec().descending);
        assert_eq!(query.spec().index, Some("gsi1"));
        assert_eq!(query.spec().sort_prefix.as_deref(), Some("SENT#bill#"));
        let one = DeliveryRecord::of_item("m1", ItemKind::Bill, "b1");
        assert!(sent
            .key()
            .sk
            .starts_with(one.spec().sort_prefix.as_deref().unwrap_or("-")));
    }
}
