//! What bills, calendar events and tasks share: sending an item to contacts of
//! its matter (one `DeliveryRecord` and one notifiable event per contact, written once), the
//! contacts it reaches now, telling each of them of a change in the change's transaction,
//! and finding a contact's items of one kind on the matters their session reaches.

use super::events::{self, Event};
use super::sessions::Contact;
use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::records::{
    AccessRecord, DeliveryRecord, EventType, ItemKind, MatterRecord, Particulars,
};
use crate::store::{Condition, Key, Transacted, Transaction};
use crate::{clock, App};
use serde::de::DeserializeOwned;
use std::collections::HashSet;

/// The most contacts one change tells in its own transaction (with the item and room to
/// spare under DynamoDB's 100 items).
pub const MAX_TOLD: usize = 90;

/// An item about to be sent: what, which, in which matter, how the log names it, and the
/// note it goes with.
pub struct Sending<'a> {
    pub kind: ItemKind,
    pub item_id: &'a str,
    pub matter_id: &'a str,
    pub event: EventType,
    pub detail: String,
    /// The facts the digest words in its reader's language.
    pub particulars: Particulars,
    pub message: Option<String>,
}

/// Sends the item to each contact who does not have it yet: one transaction each, with the
/// event that tells them. The deliveries written now.
pub async fn send(
    app: &App,
    staff: &Staff,
    sending: &Sending<'_>,
    contacts: &[AccessRecord],
) -> Result<Vec<DeliveryRecord>> {
    let now = clock::stamp(clock::now());
    let mut sent = Vec::new();
    for contact in contacts {
        let mut transaction = app.table.transaction();
        let (fresh, record) = deliver(&mut transaction, staff, sending, contact, &now)?;
        match app.table.commit(transaction).await? {
            Transacted::Committed => sent.push(record),
            Transacted::Cancelled(c) if c.failed_condition(fresh) => {}
            Transacted::Cancelled(c) => {
                return Err(Error::upstream("DynamoDB TransactWriteItems (delivery)", c))
            }
        }
    }
    Ok(sent)
}

/// Adds to a transaction the item's delivery to one contact (only if they do not have it:
/// the index of that condition is returned) and the event that tells them.
pub fn deliver(
    transaction: &mut Transaction,
    staff: &Staff,
    sending: &Sending<'_>,
    contact: &AccessRecord,
    now: &str,
) -> Result<(usize, DeliveryRecord)> {
    let record = DeliveryRecord {
        kind: sending.kind,
        item_id: sending.item_id.into(),
        matter_id: sending.matter_id.into(),
        contact_id: contact.contact_id.clone(),
        contact_name: contact.name.clone(),
        sent_at: now.into(),
        sent_by: staff.person(),
        message: sending.message.clone(),
    };
    let fresh = transaction.put(&record, Some(Condition::absent()))?;
    let event = Event::new(sending.event, staff.actor())
        .item(sending.item_id)
        .contact(&contact.contact_id, &contact.name)
        .detail(&sending.detail)
        .particulars(sending.particulars.clone())
        .notify(vec![contact.contact()]);
    events::add(transaction, sending.matter_id, event)?;
    Ok((fresh, record))
}

/// Whom an item was sent to, and the grants of those whose access is still active.
pub async fn recipients(
    app: &App,
    matter: &MatterRecord,
    kind: ItemKind,
    item_id: &str,
) -> Result<(Vec<DeliveryRecord>, Vec<AccessRecord>)> {
    let query = DeliveryRecord::of_item(&matter.matter_id, kind, item_id);
    let sent = app.table.query_all(&query).await?;
    if sent.is_empty() {
        return Ok((sent, Vec::new()));
    }
    let keys: Vec<Key<AccessRecord>> = sent
        .iter()
        .map(|s| AccessRecord::key_for(&matter.matter_id, &s.contact_id))
        .collect();
    let now = clock::stamp(clock::now());
    let grants: Vec<AccessRecord> = app.table.batch_get(&keys).await?;
    let active = grants
        .into_iter()
        .filter(|g| g.is_active_at(&now))
        .collect();
    Ok((sent, active))
}

/// Adds to a change's transaction one event per contact told (each hears of it in their
/// digest), or one for the matter when it reaches nobody.
pub fn tell(
    transaction: &mut Transaction,
    staff: &Staff,
    matter_id: &str,
    (kind, item_id, detail): (EventType, &str, &str),
    particulars: &Particulars,
    told: &[AccessRecord],
) -> Result<()> {
    if told.is_empty() {
        let event = Event::new(kind, staff.actor()).item(item_id).detail(detail);
        events::add(transaction, matter_id, event)?;
    }
    for contact in told.iter().take(MAX_TOLD) {
        let event = Event::new(kind, staff.actor())
            .item(item_id)
            .contact(&contact.contact_id, &contact.name)
            .detail(detail)
            .particulars(particulars.clone())
            .notify(vec![contact.contact()]);
        events::add(transaction, matter_id, event)?;
    }
    Ok(())
}

/// A contact's deliveries of one kind (one index query), on the matters their session
/// reaches, newest sent first.
pub async fn to_contact(
    app: &App,
    contact: &Contact,
    kind: ItemKind,
) -> Result<Vec<DeliveryRecord>> {
    let sent = app
        .table
        .query_all(&DeliveryRecord::to_contact(&contact.id, kind))
        .await?;
    Ok(on_reachable_matters(sent, contact))
}

/// A contact's deliveries of one kind on the matters their session reaches, and the items
/// themselves (`key_for(matter, item)`), read in one BatchGetItem so that an edit shows at
/// once: two calls. An item deleted since is not among them.
pub async fn items_to_contact<T: DeserializeOwned>(
    app: &App,
    contact: &Contact,
    kind: ItemKind,
    key_for: fn(&str, &str) -> Key<T>,
) -> Result<(Vec<DeliveryRecord>, Vec<T>)> {
    let sent = to_contact(app, contact, kind).await?;
    let keys: Vec<Key<T>> = sent
        .iter()
        .map(|s| key_for(&s.matter_id, &s.item_id))
        .collect();
    let items = if keys.is_empty() {
        Vec::new()
    } else {
        app.table.batch_get(&keys).await?
    };
    Ok((sent, items))
}

/// Everything sent to a contact, of every kind (one index query), on the matters their
/// session reaches.
pub async fn everything_to_contact(app: &App, contact: &Contact) -> Result<Vec<DeliveryRecord>> {
    let sent = app
        .table
        .query_all(&DeliveryRecord::all_to_contact(&contact.id))
        .await?;
    Ok(on_reachable_matters(sent, contact))
}

/// Only what was sent on matters the contact's session reaches now: a revoked or expired
/// grant hides its matter's items at once, and they come back if it is granted again.
pub fn on_reachable_matters(sent: Vec<DeliveryRecord>, contact: &Contact) -> Vec<DeliveryRecord> {
    let reachable: HashSet<&str> = contact
        .grants
        .iter()
        .map(|g| g.matter_id.as_str())
        .collect();
    sent.into_iter()
        .filter(|s| reachable.contains(s.matter_id.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures;

    #[test]
    fn only_items_on_matters_the_session_reaches_are_shown_in_their_order() {
        let sent = |item: &str, matter: &str| fixtures::delivery(ItemKind::Bill, item, matter, "t");
        let contact = Contact::for_tests(vec![
            fixtures::grant("m1", "c1"),
            fixtures::grant("m3", "c1"),
        ]);
        let kept = on_reachable_matters(
            vec![sent("b3", "m3"), sent("b2", "m2"), sent("b1", "m1")],
            &contact,
        );
        let items: Vec<&str> = kept.iter().map(|s| s.item_id.as_str()).collect();
        assert_eq!(items, ["b3", "b1"], "m2's grant is gone");
        assert!(
            on_reachable_matters(vec![sent("b1", "m1")], &Contact::for_tests(Vec::new()))
                .is_empty()
        );
    }
}
