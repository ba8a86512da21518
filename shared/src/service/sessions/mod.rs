//! Contact sign-in and sessions, by concern:
//!
//! - `links`: single-use link tokens (invitations and sign-in links) and grant versions;
//! - `sign_in`: a link spent for a session;
//! - `sign_in_links`: links mailed on request, with their limits;
//! - `bearer`: the session bearer's format;
//! - this module: resolving a bearer to the signed-in [`Contact`], the one path every
//!   contact route takes (the route table applies it);
//! - `sign_out`: ending one session or all of a contact's;
//! - `expiry`: recording that a grant's access ended.
//!
//! The portal identity is the email address on a grant. A session is for one contact record
//! and one address: it reaches the grants of that contact that named the address when it
//! was opened, each only while it is active and still at the version it had then.

mod bearer;
mod expiry;
mod links;
mod sign_in;
mod sign_in_links;
mod sign_out;

pub use links::{issue_token, new_grant_version, IssuedToken};
pub use sign_in::{open_session, ContactView, SessionInput, SessionView};
pub use sign_in_links::{request_sign_in_link, send_sign_in_links, SignInInput, SignInLimits};
pub use sign_out::{close_session, end_sessions_of};

use crate::error::{Error, Result};
use crate::records::{AccessRecord, SessionRecord};
use crate::store::{BatchFound, BatchRead, Key};
use crate::{clock, tokens, validate, App};
use bearer::SessionBearer;

/// A signed-in contact, as resolved from a session token.
#[derive(Clone, Debug)]
pub struct Contact {
    pub id: String,
    pub email: String,
    pub name: String,
    /// The grants this session reaches now: active, at the version it was opened for.
    pub grants: Vec<AccessRecord>,
    token_hash: String,
}

impl Contact {
    /// A contact reaching `grants`, as a session would resolve it (for unit tests of rules).
    #[cfg(test)]
    pub fn for_tests(grants: Vec<AccessRecord>) -> Self {
        Self {
            id: grants
                .first()
                .map(|g| g.contact_id.clone())
                .unwrap_or_default(),
            email: String::new(),
            name: String::new(),
            grants,
            token_hash: String::new(),
        }
    }

    /// The contact's grant on a matter, if this session reaches it.
    pub fn grant_on(&self, matter_id: &str) -> Option<&AccessRecord> {
        self.grants.iter().find(|g| g.matter_id == matter_id)
    }
}

/// Whether resolving a session writes the `accessExpired` event of grants found expired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiries {
    Record,
    /// For functions whose role only reads the table.
    Leave,
}

/// Resolves a portal bearer token, reading in the same BatchGetItem whatever `also` asks
/// for (given the contact's id): with the contact and matters the bearer names, one call
/// reads the session, its grants and what the route needs; those records are in the batch
/// found. Anything else (a staff JWT, junk, an ended session) is 401.
pub async fn resolve(
    app: &App,
    bearer: Option<&str>,
    expiries: Expiries,
    also: impl FnOnce(&str, &mut BatchRead),
) -> Result<(Contact, BatchFound)> {
    let bearer = bearer
        .and_then(SessionBearer::parse)
        .ok_or(Error::Unauthorized)?;
    let hash = tokens::digest(bearer.whole);
    let session_key = SessionRecord::key_for(&hash);
    let mut batch = BatchRead::new();
    let (session, grant_keys, mut found) = match (bearer.contact_id, &bearer.matters) {
        (Some(contact_id), Some(matters)) => {
            let session_key = batch.want(session_key);
            let grant_keys = want_grants(&mut batch, contact_id, matters.iter().copied());
            also(contact_id, &mut batch);
            let mut found = app.table.read_batch(batch).await?;
            let session = found.take(&session_key)?.ok_or(Error::Unauthorized)?;
            (session, grant_keys, found)
        }
        // A bearer that names too many matters to carry them (or none, from before bearers
        // named any): the session first, then its grants.
        _ => {
            let session = app
                .table
                .get(&session_key)
                .await?
                .ok_or(Error::Unauthorized)?;
            let matters = session.grants.keys().map(String::as_str);
            let grant_keys = want_grants(&mut batch, &session.contact_id, matters);
            also(&session.contact_id, &mut batch);
            let found = app.table.read_batch(batch).await?;
            (session, grant_keys, found)
        }
    };
    // DynamoDB's TTL sweep lags, so expiry is checked here too.
    if session.expires_at_epoch <= clock::epoch_seconds(clock::now()) || !bearer.names(&session) {
        return Err(Error::Unauthorized);
    }
    let mut read = Vec::with_capacity(grant_keys.len());
    for key in &grant_keys {
        read.extend(found.take(key)?);
    }
    let (grants, expired) = reached(&session, read, &clock::stamp(clock::now()));
    if expiries == Expiries::Record {
        for grant in &expired {
            expiry::record_expiry(app, grant).await;
        }
    }
    // Every grant it was opened for was revoked, re-granted or moved to another address.
    if grants.is_empty() {
        return Err(Error::Unauthorized);
    }
    let contact = Contact {
        id: session.contact_id,
        email: session.email,
        name: session.name,
        grants,
        token_hash: hash,
    };
    Ok((contact, found))
}

/// Of the grants read, those the session reaches now, and those it would reach but for
/// their end having passed.
fn reached(
    session: &SessionRecord,
    grants: Vec<AccessRecord>,
    now: &str,
) -> (Vec<AccessRecord>, Vec<AccessRecord>) {
    let address_key = validate::email_key(&session.email);
    grants
        .into_iter()
        .filter(|grant| {
            grant.is_active()
                && grant.address_key() == address_key
                && session.grants.get(&grant.matter_id) == Some(&grant.grant_version)
        })
        .partition(|grant| !grant.is_expired_at(now))
}

fn want_grants<'m>(
    batch: &mut BatchRead,
    contact_id: &str,
    matters: impl Iterator<Item = &'m str>,
) -> Vec<Key<AccessRecord>> {
    matters
        .map(|matter| batch.want(AccessRecord::key_for(matter, contact_id)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::grant;
    use crate::records::AccessStatus;

    #[test]
    fn a_session_reaches_only_grants_at_its_address_and_versions() {
        let session = SessionRecord {
            email: "C@client.example".into(),
            grants: [
                ("m1", "v1"),
                ("m2", "v1"),
                ("m3", "v1"),
                ("m4", "v1"),
                ("m5", "v1"),
            ]
            .into_iter()
            .map(|(m, v)| (m.to_string(), v.to_string()))
            .collect(),
            ..SessionRecord::default()
        };
        let live = grant("m1", "c");
        let mut regranted = grant("m2", "c");
        regranted.grant_version = "v2".into();
        let mut moved = grant("m3", "c");
        moved.email = "new@client.example".into();
        let mut revoked = grant("m4", "c");
        revoked.status = AccessStatus::Revoked;
        let mut ended = grant("m5", "c");
        ended.expires_at = Some("2026-06".into());
        let (reached, expired) = reached(
            &session,
            vec![live, regranted, moved, revoked, ended],
            "2026-07",
        );
        let ids = |g: &[AccessRecord]| g.iter().map(|g| g.matter_id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&reached), ["m1"]);
        assert_eq!(ids(&expired), ["m5"]);
    }
}
