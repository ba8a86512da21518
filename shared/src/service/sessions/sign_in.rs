//! Opening a session with an emailed link: the link is spent, the session written and the
//! grant marked signed in, all in one transaction.

use super::super::events::{self, Event};
use super::super::tally;
use super::bearer::SessionBearer;
use super::expiry::record_expiry;
use super::links::link_opens;
use crate::error::{Error, Result};
use crate::records::{
    attr, AccessRecord, AccessStatus, Actor, EventType, InvitationRecord, SessionRecord, Tally,
};
use crate::store::{Change, Condition, Stored, Transacted};
use crate::{clock, tokens, App};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Matters whose logs get a sign-in or sign-out event, so that the transaction stays
/// within DynamoDB's 100 items (a contact on more matters under one address is unheard of).
pub(super) const MAX_SESSION_EVENTS: usize = 90;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionInput {
    pub invitation: String,
}

#[derive(Debug, Serialize)]
pub struct ContactView {
    pub id: String,
    pub email: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub session: String,
    pub expires_at: String,
    pub contact: ContactView,
}

/// Spends a single-use link token. Used, expired, unknown or revoked: 401, no detail.
pub async fn open_session(app: &App, input: SessionInput) -> Result<SessionView> {
    if !tokens::looks_like_secret(&input.invitation) {
        return Err(Error::Unauthorized);
    }
    let hash = tokens::digest(&input.invitation);
    let link = app
        .table
        .get(&InvitationRecord::key_for(&hash))
        .await?
        .ok_or(Error::Unauthorized)?;
    let now = clock::now();
    let access = app
        .table
        .get(&AccessRecord::key_for(&link.matter_id, &link.contact_id))
        .await?
        .filter(|grant| link_opens(&link, grant, clock::epoch_seconds(now)))
        .ok_or(Error::Unauthorized)?;
    if access.is_expired_at(&clock::stamp(now)) {
        record_expiry(app, &access).await;
        return Err(Error::Unauthorized);
    }
    let grants = grants_naming(app, &access).await?;
    let reached = reached_grants(grants, &access);
    let matters: Vec<&str> = reached.keys().map(String::as_str).collect();
    let bearer = SessionBearer::mint(&tokens::new_secret(), &access.contact_id, &matters);
    let expires = now + app.config.session_ttl;
    let record = SessionRecord {
        token_hash: tokens::digest(&bearer),
        contact_id: access.contact_id.clone(),
        email: access.email.clone(),
        name: access.name.clone(),
        created_at: clock::stamp(now),
        expires_at_epoch: clock::epoch_seconds(expires),
        grants: reached,
    };
    // Spent, the session written and the grant marked in one step: a failure anywhere before
    // leaves the link working, and of two racing attempts exactly one commits.
    let mut transaction = app.table.transaction();
    transaction.delete(&link.key(), Some(Condition::exists()))?;
    transaction.put(&record, None)?;
    transaction.update(&access.key(), signed_in(&access, &clock::stamp(now)))?;
    // The matter the link was for saw its contact (the others' grants are not written here).
    tally::note(&mut transaction, &access.matter_id, Tally::NONE)?;
    for matter_id in record.grants.keys().take(MAX_SESSION_EVENTS) {
        let event = session_event(EventType::SignedIn, &access.contact_id, &access.name);
        events::add(&mut transaction, matter_id, event)?;
    }
    if let Transacted::Cancelled(_) = app.table.commit(transaction).await? {
        return Err(Error::Unauthorized);
    }
    Ok(SessionView {
        session: bearer,
        expires_at: clock::stamp(expires),
        contact: ContactView {
            id: access.contact_id,
            email: access.email,
            name: access.name,
        },
    })
}

/// The contact's active grants that name the address `access` names. Read from an index,
/// so possibly a moment stale: harmless, each is checked again at its version on every
/// request.
async fn grants_naming(app: &App, access: &AccessRecord) -> Result<Vec<AccessRecord>> {
    let grants = app
        .table
        .query_all(&AccessRecord::of_contact(&access.contact_id))
        .await?;
    let now = clock::stamp(clock::now());
    let address = access.address_key();
    Ok(grants
        .into_iter()
        .filter(|g| g.is_active_at(&now) && g.address_key() == address)
        .collect())
}

/// The matters a new session reaches, each at its grant's version. The grant the link was
/// for was read consistently, so it wins over the index's copy of it.
fn reached_grants(grants: Vec<AccessRecord>, access: &AccessRecord) -> BTreeMap<String, String> {
    grants
        .into_iter()
        .chain(std::iter::once(access.clone()))
        .map(|g| (g.matter_id, g.grant_version))
        .collect()
}

pub(super) fn session_event(kind: EventType, contact_id: &str, name: &str) -> Event {
    Event::new(kind, Actor::contact(contact_id, name)).contact(contact_id, name)
}

/// First sign-in turns "invited" into "active"; every sign-in updates last seen. Only the
/// grant at the version the link was issued for.
fn signed_in(access: &AccessRecord, now: &str) -> Change {
    Change::new()
        .set(attr::STATUS, AccessStatus::Active)
        .set(attr::LAST_SEEN_AT, now)
        .remove(attr::INVITE_HASH)
        .when(
            Condition::not_equals(attr::STATUS, AccessStatus::Revoked)
                .and(AccessRecord::at_version(&access.grant_version)),
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::grant;

    #[test]
    fn the_consistently_read_grant_wins_over_the_index_copy() {
        let mut stale = grant("m1", "c");
        stale.grant_version = "old".into();
        let mut fresh = grant("m1", "c");
        fresh.grant_version = "new".into();
        let other = grant("m2", "c");
        let reached = reached_grants(vec![stale, other], &fresh);
        assert_eq!(reached.len(), 2);
        assert_eq!(reached["m1"], "new");
        assert_eq!(reached["m2"], "v1");
    }
}
