//! Ending sessions: a contact's own sign-out, and every session of a contact when access is
//! revoked.

use super::super::events;
use super::sign_in::{session_event, MAX_SESSION_EVENTS};
use super::Contact;
use crate::error::{Error, Result};
use crate::records::{EventType, SessionRecord};
use crate::store::{Condition, Stored, Transacted};
use crate::App;

/// Signs out: the session goes, with a `signedOut` event on each matter it reached.
pub async fn close_session(app: &App, contact: &Contact) -> Result<()> {
    let mut transaction = app.table.transaction();
    let ended = transaction.delete(
        &SessionRecord::key_for(&contact.token_hash),
        Some(Condition::exists()),
    )?;
    for (matter_id, event) in sign_out_events(contact) {
        events::add(&mut transaction, matter_id, event)?;
    }
    match app.table.commit(transaction).await? {
        Transacted::Committed => Ok(()),
        // Ended meanwhile (a second sign-out, or a revoke): nothing more to record.
        Transacted::Cancelled(c) if c.failed_condition(ended) => Ok(()),
        Transacted::Cancelled(c) => {
            Err(Error::upstream("DynamoDB TransactWriteItems (sign out)", c))
        }
    }
}

/// A `signedOut` event, by the contact, on each matter the session reached: as many as fit
/// in the sign-out's transaction beside the session's delete.
fn sign_out_events(contact: &Contact) -> Vec<(&str, crate::records::Event)> {
    contact
        .grants
        .iter()
        .take(MAX_SESSION_EVENTS)
        .map(|grant| {
            let event = session_event(EventType::SignedOut, &contact.id, &contact.name);
            (grant.matter_id.as_str(), event)
        })
        .collect()
}

/// Ends every session of a contact; called when access is revoked.
pub async fn end_sessions_of(app: &App, contact_id: &str) -> Result<()> {
    let sessions = app
        .table
        .query_all(&SessionRecord::of_contact(contact_id))
        .await?;
    for session in sessions {
        app.table.delete(&session.key()).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::grant;
    use crate::records::ActorKind;

    #[test]
    fn a_sign_out_records_one_event_per_matter_reached_within_one_transaction() {
        let contact = Contact::for_tests(vec![grant("m1", "c"), grant("m2", "c")]);
        let events = sign_out_events(&contact);
        let matters: Vec<&str> = events.iter().map(|(m, _)| *m).collect();
        assert_eq!(matters, ["m1", "m2"]);
        let record = events[0].1.clone().record("m1", "t");
        assert_eq!(record.kind, EventType::SignedOut);
        assert_eq!(record.actor.kind, ActorKind::Contact);
        assert_eq!(record.subject.contact_id.as_deref(), Some("c"));

        let many: Vec<_> = (0..120).map(|i| grant(&format!("m{i}"), "c")).collect();
        let contact = Contact::for_tests(many);
        let events = sign_out_events(&contact);
        assert_eq!(events.len(), MAX_SESSION_EVENTS);
        // The session's delete and the events fit DynamoDB's 100 items.
        assert!(events.len() < 100);
    }
}
