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
    for grant in contact.grants.iter().take(MAX_SESSION_EVENTS) {
        let event = session_event(EventType::SignedOut, &contact.id, &contact.name);
        events::add(&mut transaction, &grant.matter_id, event)?;
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
