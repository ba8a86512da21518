//! Contact sign-in: invitation or sign-in link -> session; session lookup; sign-out.

use super::{item_key, status_value, values};
use crate::error::{Error, Result};
use crate::model::{AccessRecord, InvitationPurpose, InvitationRecord, SessionRecord};
use crate::store::{conditional, from_item, s, QuerySpec};
use crate::{clock, email, keys, tokens, validate, App};
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

impl App {
    /// Spends a single-use link token. Used, expired, unknown or revoked: 401, no detail.
    pub async fn open_session(&self, input: SessionInput) -> Result<SessionView> {
        if !tokens::looks_like_secret(&input.invitation) {
            return Err(Error::Unauthorized);
        }
        let hash = tokens::digest(&input.invitation);
        let invitation = self.spend_invitation(&hash).await?;
        let now = clock::now();
        if invitation.expires_at_epoch <= clock::epoch_seconds(now) {
            return Err(Error::Unauthorized);
        }
        let access = self
            .access(&invitation.matter_id, &invitation.contact_id)
            .await?
            .filter(AccessRecord::is_active)
            .ok_or(Error::Unauthorized)?;
        if invitation.purpose == InvitationPurpose::Invite
            && access.invite_hash.as_deref() != Some(hash.as_str())
        {
            return Err(Error::Unauthorized);
        }
        let secret = tokens::new_secret();
        let expires = now + self.config.session_ttl;
        let session_hash = tokens::digest(&secret);
        let record = SessionRecord {
            pk: keys::session(&session_hash),
            sk: keys::SESSION.into(),
            gsi1pk: keys::contact(&access.contact_id),
            gsi1sk: format!("{}{session_hash}", keys::SESSION_PREFIX),
            contact_id: access.contact_id.clone(),
            email: access.email.clone(),
            name: access.name.clone(),
            created_at: clock::stamp(now),
            expires_at_epoch: clock::epoch_seconds(expires),
        };
        self.table.put(&record, None).await?;
        self.mark_signed_in(&access, &clock::stamp(now)).await?;
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

    /// Deletes the token record and returns it; the conditional delete makes it single use
    /// even under concurrent attempts.
    async fn spend_invitation(&self, hash: &str) -> Result<InvitationRecord> {
        let result = self
            .table
            .client()
            .delete_item()
            .table_name(self.table.name())
            .set_key(Some(item_key(keys::invitation(hash), keys::INVITATION)))
            .condition_expression("attribute_exists(pk)")
            .return_values(aws_sdk_dynamodb::types::ReturnValue::AllOld)
            .send()
            .await;
        let spent = conditional(result)?.ok_or(Error::Unauthorized)?;
        from_item(spent.attributes.ok_or(Error::Unauthorized)?)
    }

    /// First sign-in turns "invited" into "active"; every sign-in updates last seen.
    async fn mark_signed_in(&self, access: &AccessRecord, now: &str) -> Result<()> {
        let result = self
            .table
            .client()
            .update_item()
            .table_name(self.table.name())
            .set_key(Some(item_key(access.pk.clone(), access.sk.clone())))
            .update_expression("SET #status = :active, lastSeenAt = :now REMOVE inviteHash")
            .condition_expression("#status <> :revoked")
            .expression_attribute_names("#status", "status")
            .set_expression_attribute_values(Some(values([
                (":active", status_value("active")),
                (":revoked", status_value("revoked")),
                (":now", s(now)),
            ])))
            .send()
            .await;
        conditional(result)?.ok_or(Error::Unauthorized)?;
        Ok(())
    }

    /// Emails a fresh link to every contact with active access at this address. The answer
    /// is the same whether or not the address is known.
    pub async fn request_sign_in_link(&self, input: SignInInput) -> Result<()> {
        let address = validate::email("email", &input.email)?;
        let spec = QuerySpec::index(
            keys::GSI2,
            keys::email(&validate::email_key(&address)),
            keys::ACCESS_PREFIX,
        );
        let grants: Vec<AccessRecord> = self.table.query_all(&spec).await?;
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
            let token = self.issue_token(
                &grant.matter_id,
                &grant.contact_id,
                InvitationPurpose::SignIn,
            );
            self.table.put(&token.record, None).await?;
            let link = email::portal_link(&self.config.portal_url, &token.secret);
            let message = email::sign_in(
                &self.config.firm_name,
                &grant.email,
                &link,
                self.config.invite_ttl,
            );
            if let Err(err) = self.mailer.send(message).await {
                // Logged, not returned: the answer must not reveal that the address is known.
                tracing::error!(error = %err, contact = %grant.contact_id, "sign-in email failed");
            }
        }
        Ok(())
    }

    /// Resolves a portal bearer token. Anything else (a staff JWT, junk, an ended session) is 401.
    pub async fn contact_session(&self, bearer: Option<&str>) -> Result<Contact> {
        let secret = bearer
            .filter(|b| tokens::looks_like_secret(b))
            .ok_or(Error::Unauthorized)?;
        let hash = tokens::digest(secret);
        let session: SessionRecord = self
            .table
            .get(keys::session(&hash), keys::SESSION)
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

    pub async fn close_session(&self, contact: &Contact) -> Result<()> {
        self.table
            .delete(keys::session(&contact.token_hash), keys::SESSION)
            .await
    }

    /// Ends every session of a contact; called when access is revoked.
    pub(crate) async fn end_sessions_of(&self, contact_id: &str) -> Result<()> {
        let spec = QuerySpec::index(keys::GSI1, keys::contact(contact_id), keys::SESSION_PREFIX);
        let sessions: Vec<SessionRecord> = self.table.query_all(&spec).await?;
        for session in sessions {
            self.table.delete(session.pk, session.sk).await?;
        }
        Ok(())
    }
}
