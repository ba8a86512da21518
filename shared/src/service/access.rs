//! Granting, updating, re-inviting and revoking a contact's access to a matter.

use super::{count, item_key, status_value, values};
use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::model::{AccessRecord, AccessStatus, InvitationPurpose, InvitationRecord, MatterRecord};
use crate::pagination::{decode_key, encode_key, Page};
use crate::store::{conditional, put_in_transaction, s, Condition, QuerySpec};
use crate::{clock, email, keys, tokens, validate, App};
use aws_sdk_dynamodb::types::{Delete, TransactWriteItem, Update};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GrantInput {
    pub email: String,
    pub name: String,
    #[serde(default)]
    pub can_download: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessView {
    pub contact_id: String,
    pub email: String,
    pub name: String,
    pub can_download: bool,
    pub shared_count: i64,
    pub status: AccessStatus,
    pub granted_at: String,
    pub last_seen_at: Option<String>,
}

impl From<AccessRecord> for AccessView {
    fn from(r: AccessRecord) -> Self {
        Self {
            contact_id: r.contact_id,
            email: r.email,
            name: r.name,
            can_download: r.can_download,
            shared_count: r.shared_count,
            status: r.status,
            granted_at: r.granted_at,
            last_seen_at: r.last_seen_at,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GrantOutcome {
    #[serde(flatten)]
    pub access: AccessView,
    /// True when this call granted access (and sent the invitation).
    pub created: bool,
    pub invitation_sent: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InvitationView {
    pub contact_id: String,
    pub expires_at: String,
}

/// A freshly minted single-use link token and the record that stands for it.
pub(crate) struct IssuedToken {
    pub secret: String,
    pub record: InvitationRecord,
    pub expires_at: String,
}

impl App {
    pub(crate) fn issue_token(
        &self,
        matter_id: &str,
        contact_id: &str,
        purpose: InvitationPurpose,
    ) -> IssuedToken {
        let secret = tokens::new_secret();
        let expires = clock::now() + self.config.invite_ttl;
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

    pub(crate) async fn access(
        &self,
        matter_id: &str,
        contact_id: &str,
    ) -> Result<Option<AccessRecord>> {
        self.table
            .get(keys::matter(matter_id), keys::contact(contact_id))
            .await
    }

    pub async fn grant_access(
        &self,
        staff: &Staff,
        matter_id: &str,
        contact_id: &str,
        input: GrantInput,
    ) -> Result<GrantOutcome> {
        let matter = self.require_matter(matter_id).await?;
        let contact_id = validate::id("contactId", contact_id)?;
        let email_address = validate::email("email", &input.email)?;
        let name = validate::text("name", &input.name, validate::MAX_NAME_CHARS)?;
        let existing = self.access(&matter.matter_id, &contact_id).await?;
        match existing {
            Some(current) if current.is_active() => {
                let updated = AccessRecord {
                    gsi2pk: keys::email(&validate::email_key(&email_address)),
                    email: email_address,
                    name,
                    can_download: input.can_download,
                    ..current
                };
                // Only an active grant is updated; a concurrent revoke wins.
                let written = self
                    .table
                    .put(&updated, Some(Condition::access_not_revoked()))
                    .await?;
                if !written {
                    return Err(Error::Conflict(
                        "the contact's access changed meanwhile; try again".into(),
                    ));
                }
                Ok(GrantOutcome {
                    access: updated.into(),
                    created: false,
                    invitation_sent: false,
                })
            }
            previous => {
                self.first_grant(
                    staff,
                    &matter,
                    &contact_id,
                    email_address,
                    name,
                    input.can_download,
                    previous,
                )
                .await
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    async fn first_grant(
        &self,
        staff: &Staff,
        matter: &MatterRecord,
        contact_id: &str,
        email_address: String,
        name: String,
        can_download: bool,
        previous: Option<AccessRecord>,
    ) -> Result<GrantOutcome> {
        let token = self.issue_token(&matter.matter_id, contact_id, InvitationPurpose::Invite);
        let record = AccessRecord {
            pk: keys::matter(&matter.matter_id),
            sk: keys::contact(contact_id),
            gsi1pk: keys::contact(contact_id),
            gsi1sk: keys::access_in_contact_view(&matter.matter_id),
            gsi2pk: keys::email(&validate::email_key(&email_address)),
            gsi2sk: keys::access_by_email(&matter.matter_id, contact_id),
            matter_id: matter.matter_id.clone(),
            contact_id: contact_id.into(),
            email: email_address,
            name,
            can_download,
            // Shares survive a revoke and come back with a new grant.
            shared_count: previous.as_ref().map_or(0, |p| p.shared_count),
            status: AccessStatus::Invited,
            granted_at: clock::stamp(clock::now()),
            granted_by: staff.id.clone(),
            last_seen_at: previous.as_ref().and_then(|p| p.last_seen_at.clone()),
            invite_hash: Some(tokens::digest(&token.secret)),
        };
        // Exactly one writer turns "no access" into "invited": a racing grant gets 409.
        let condition = if previous.is_some() {
            Condition::new("#status = :revoked")
                .name("#status", "status")
                .value(":revoked", status_value("revoked"))
        } else {
            Condition::new("attribute_not_exists(pk)")
        };
        let access_put = put_in_transaction(self.table.name(), &record, Some(condition))?;
        let invite_put = put_in_transaction(self.table.name(), &token.record, None)?;
        if self
            .table
            .transact(vec![access_put, invite_put])
            .await?
            .is_err()
        {
            return Err(Error::Conflict(
                "the contact's access was granted by someone else meanwhile; reload and try again"
                    .into(),
            ));
        }
        let invitation_sent = self.send_invitation(matter, &record, &token.secret).await?;
        Ok(GrantOutcome {
            access: record.into(),
            created: true,
            invitation_sent,
        })
    }

    async fn send_invitation(
        &self,
        matter: &MatterRecord,
        access: &AccessRecord,
        secret: &str,
    ) -> Result<bool> {
        let link = email::portal_link(&self.config.portal_url, secret);
        let message = email::invitation(
            &self.config.firm_name,
            &matter.title,
            &access.email,
            &access.name,
            &link,
            self.config.invite_ttl,
        );
        match self.mailer.send(message).await {
            Ok(()) => Ok(true),
            Err(err) => {
                // Access is saved; the firm can resend. Say so rather than hide it.
                tracing::error!(error = %err, matter = %matter.matter_id, contact = %access.contact_id, "invitation email failed");
                Ok(false)
            }
        }
    }

    pub async fn resend_invitation(
        &self,
        matter_id: &str,
        contact_id: &str,
    ) -> Result<InvitationView> {
        let matter = self.require_matter(matter_id).await?;
        let contact_id = validate::id("contactId", contact_id)?;
        let access = self
            .access(&matter.matter_id, &contact_id)
            .await?
            .filter(AccessRecord::is_active)
            .ok_or_else(|| {
                Error::not_found(format!("contact {contact_id} with access to this matter"))
            })?;
        let token = self.issue_token(&matter.matter_id, &contact_id, InvitationPurpose::Invite);
        let new_hash = tokens::digest(&token.secret);
        let update = Update::builder()
            .table_name(self.table.name())
            .set_key(Some(item_key(access.pk.clone(), access.sk.clone())))
            .update_expression("SET inviteHash = :hash")
            .condition_expression("#status <> :revoked")
            .expression_attribute_names("#status", "status")
            .set_expression_attribute_values(Some(values([
                (":hash", s(new_hash)),
                (":revoked", status_value("revoked")),
            ])))
            .build()?;
        let mut items = vec![
            TransactWriteItem::builder().update(update).build(),
            put_in_transaction(self.table.name(), &token.record, None)?,
        ];
        if let Some(old) = &access.invite_hash {
            // The old link dies in the same step the new one is born.
            let delete = Delete::builder()
                .table_name(self.table.name())
                .set_key(Some(item_key(keys::invitation(old), keys::INVITATION)))
                .build()?;
            items.push(TransactWriteItem::builder().delete(delete).build());
        }
        if self.table.transact(items).await?.is_err() {
            return Err(Error::Conflict(
                "the contact's access changed meanwhile; try again".into(),
            ));
        }
        let link = email::portal_link(&self.config.portal_url, &token.secret);
        let message = email::invitation(
            &self.config.firm_name,
            &matter.title,
            &access.email,
            &access.name,
            &link,
            self.config.invite_ttl,
        );
        self.mailer.send(message).await?;
        Ok(InvitationView {
            contact_id,
            expires_at: token.expires_at,
        })
    }

    /// Removes the contact from the matter: access off first, then every session and link.
    pub async fn revoke_access(&self, matter_id: &str, contact_id: &str) -> Result<()> {
        let matter_id = validate::id("matterId", matter_id)?;
        let contact_id = validate::id("contactId", contact_id)?;
        let result = self
            .table
            .client()
            .update_item()
            .table_name(self.table.name())
            .set_key(Some(item_key(
                keys::matter(&matter_id),
                keys::contact(&contact_id),
            )))
            .update_expression("SET #status = :revoked REMOVE inviteHash")
            .condition_expression("attribute_exists(pk)")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":revoked", status_value("revoked"))
            .return_values(aws_sdk_dynamodb::types::ReturnValue::AllOld)
            .send()
            .await;
        let old = conditional(result)?
            .ok_or_else(|| Error::not_found(format!("contact {contact_id} on matter {matter_id}")))?
            .attributes;
        if let Some(hash) = old
            .as_ref()
            .and_then(|a| a.get("inviteHash"))
            .and_then(|v| v.as_s().ok())
        {
            self.table
                .delete(keys::invitation(hash), keys::INVITATION)
                .await?;
        }
        self.end_sessions_of(&contact_id).await
    }

    pub async fn list_access(
        &self,
        matter_id: &str,
        limit: usize,
        cursor: Option<&str>,
    ) -> Result<Page<AccessView>> {
        let matter = self.require_matter(matter_id).await?;
        let spec = QuerySpec::table(keys::matter(&matter.matter_id), "CONTACT#");
        let start = decode_key(cursor, &spec)?;
        let (items, next) = self
            .table
            .query_page::<AccessRecord>(&spec, Some(limit as i32), start)
            .await?;
        Ok(Page {
            items: items.into_iter().map(AccessView::from).collect(),
            next_cursor: next.as_ref().map(encode_key),
        })
    }

    /// Moves a contact's shared count by `delta` inside a share transaction.
    pub(crate) fn shared_count_update(
        &self,
        matter_id: &str,
        contact_id: &str,
        delta: i64,
        require_active: bool,
    ) -> Result<TransactWriteItem> {
        let mut update = Update::builder()
            .table_name(self.table.name())
            .set_key(Some(item_key(
                keys::matter(matter_id),
                keys::contact(contact_id),
            )))
            .update_expression("ADD sharedCount :delta");
        update = if require_active {
            update
                .condition_expression("attribute_exists(pk) AND #status <> :revoked")
                .expression_attribute_names("#status", "status")
                .set_expression_attribute_values(Some(values([
                    (":delta", count(delta)),
                    (":revoked", status_value("revoked")),
                ])))
        } else {
            update
                .condition_expression("attribute_exists(pk)")
                .set_expression_attribute_values(Some(values([(":delta", count(delta))])))
        };
        Ok(TransactWriteItem::builder().update(update.build()?).build())
    }
}
