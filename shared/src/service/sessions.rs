//! Contact sign-in: single-use link tokens (issued here for invitations and sign-in links),
//! sessions, session lookup, sign-out, and ending a contact's sessions.

use crate::error::{Error, Result};
use crate::keys::{self, attr, Record};
use crate::model::{
    AccessRecord, AccessStatus, InvitationPurpose, InvitationRecord, SessionRecord,
};
use crate::store::{Change, Condition, QuerySpec};
use crate::{clock, email, tokens, validate, App};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A signed-in contact, as resolved from a session token.
#[derive(Clone, Debug)]
pub struct Contact {
    pub id: String,
    pub email: String,
    pub name: String,
    token_hash: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionInput {
    pub invitation: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignInInput {
    pub email: String,
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

/// A freshly minted single-use link token and the record that stands for it.
pub struct IssuedToken {
    pub secret: String,
    pub record: InvitationRecord,
    pub expires_at: String,
}

/// A new link token for the contact's grant on a matter; only its hash is stored.
pub fn issue_token(
    app: &App,
    matter_id: &str,
    contact_id: &str,
    purpose: InvitationPurpose,
) -> IssuedToken {
    let secret = tokens::new_secret();
    let expires = clock::now() + app.config.invite_ttl;
    IssuedToken {
        record: InvitationRecord {
            pk: keys::invitation(&tokens::digest(&secret)),
            sk: keys::INVITATION.into(),
            matter_id: matter_id.into(),
            contact_id: contact_id.into(),
            purpose,
            expires_at_epoch: clock::epoch_seconds(expires),
        },
        secret,
        expires_at: clock::stamp(expires),
    }
}

/// Spends a single-use link token. Used, expired, unknown or revoked: 401, no detail.
pub async fn open_session(app: &App, input: SessionInput) -> Result<SessionView> {
    if !tokens::looks_like_secret(&input.invitation) {
        return Err(Error::Unauthorized);
    }
    let hash = tokens::digest(&input.invitation);
    // The delete makes it single use even under concurrent attempts.
    let invitation = app
        .table
        .take(&keys::invitation_key(&hash))
        .await?
        .ok_or(Error::Unauthorized)?;
    let now = clock::now();
    if invitation.expires_at_epoch <= clock::epoch_seconds(now) {
        return Err(Error::Unauthorized);
    }
    let access = app
        .table
        .get(&keys::access_key(
            &invitation.matter_id,
            &invitation.contact_id,
        ))
        .await?
        .filter(AccessRecord::is_active)
        .ok_or(Error::Unauthorized)?;
    if invitation.purpose == InvitationPurpose::Invite
        && access.invite_hash.as_deref() != Some(hash.as_str())
    {
        return Err(Error::Unauthorized);
    }
    let secret = tokens::new_secret();
    let expires = now + app.config.session_ttl;
    let session_hash = tokens::digest(&secret);
    let record = SessionRecord {
        pk: keys::session(&session_hash),
        sk: keys::SESSION.into(),
        gsi1pk: keys::contact(&access.contact_id),
        gsi1sk: keys::session_in_contact_view(&session_hash),
        contact_id: access.contact_id.clone(),
        email: access.email.clone(),
        name: access.name.clone(),
        created_at: clock::stamp(now),
        expires_at_epoch: clock::epoch_seconds(expires),
    };
    app.table.put(&record, None).await?;
    mark_signed_in(app, &access, &clock::stamp(now)).await?;
    Ok(SessionView {
        session: secret,
        expires_at: clock::stamp(expires),
        contact: ContactView {
            id: access.contact_id,
            email: access.email,
            name: access.name,
        },
    })
}

/// First sign-in turns "invited" into "active"; every sign-in updates last seen.
async fn mark_signed_in(app: &App, access: &AccessRecord, now: &str) -> Result<()> {
    let change = Change::new()
        .set(attr::STATUS, AccessStatus::Active)
        .set(attr::LAST_SEEN_AT, now)
        .remove(attr::INVITE_HASH)
        .when(Condition::not_equals(attr::STATUS, AccessStatus::Revoked));
    if app.table.update(&access.key(), change).await? {
        Ok(())
    } else {
        Err(Error::Unauthorized)
    }
}

/// Emails a fresh link to every contact with active access at this address. The answer
/// is the same whether or not the address is known.
pub async fn request_sign_in_link(app: &App, input: SignInInput) -> Result<()> {
    let address = validate::email("email", &input.email)?;
    let spec = QuerySpec::index(
        keys::GSI2,
        keys::email(&validate::email_key(&address)),
        keys::ACCESS_PREFIX,
    );
    let grants: Vec<AccessRecord> = app.table.query_all(&spec).await?;
    // One link per contact, tied to their most recent active grant.
    let mut latest: BTreeMap<String, AccessRecord> = BTreeMap::new();
    for grant in grants.into_iter().filter(AccessRecord::is_active) {
        let newer = latest
            .get(&grant.contact_id)
            .is_none_or(|seen| seen.granted_at < grant.granted_at);
        if newer {
            latest.insert(grant.contact_id.clone(), grant);
        }
    }
    for grant in latest.into_values() {
        let token = issue_token(
            app,
            &grant.matter_id,
            &grant.contact_id,
            InvitationPurpose::SignIn,
        );
        app.table.put(&token.record, None).await?;
        let link = email::portal_link(&app.config.portal_url, &token.secret);
        let message = email::sign_in(
            &app.config.firm_name,
            &grant.email,
            &link,
            app.config.invite_ttl,
        );
        if let Err(err) = app.mailer.send(message).await {
            // Logged, not returned: the answer must not reveal that the address is known.
            tracing::error!(error = %err.chain(), contact = %grant.contact_id, "sign-in email failed");
        }
    }
    Ok(())
}

/// Resolves a portal bearer token. Anything else (a staff JWT, junk, an ended session) is 401.
pub async fn contact_session(app: &App, bearer: Option<&str>) -> Result<Contact> {
    let secret = bearer
        .filter(|b| tokens::looks_like_secret(b))
        .ok_or(Error::Unauthorized)?;
    let hash = tokens::digest(secret);
    let session = app
        .table
        .get(&keys::session_key(&hash))
        .await?
        .ok_or(Error::Unauthorized)?;
    // DynamoDB's TTL sweep lags, so expiry is checked here too.
    if session.expires_at_epoch <= clock::epoch_seconds(clock::now()) {
        return Err(Error::Unauthorized);
    }
    Ok(Contact {
        id: session.contact_id,
        email: session.email,
        name: session.name,
        token_hash: hash,
    })
}

pub async fn close_session(app: &App, contact: &Contact) -> Result<()> {
    app.table
        .delete(&keys::session_key(&contact.token_hash))
        .await
}

/// Ends every session of a contact; called when access is revoked.
pub async fn end_sessions_of(app: &App, contact_id: &str) -> Result<()> {
    let spec = QuerySpec::index(keys::GSI1, keys::contact(contact_id), keys::SESSION_PREFIX);
    let sessions: Vec<SessionRecord> = app.table.query_all(&spec).await?;
    for session in sessions {
        app.table.delete(&session.key()).await?;
    }
    Ok(())
}
