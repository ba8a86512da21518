//! Signing in: single-use link tokens (invitations and sign-in links), the per-address
//! sign-in state, and sessions. Only hashes of tokens are stored.

use super::{contact_partition, stored_words};
use crate::store::layout::GSI1;
use crate::store::{indexed_as, IndexKey, Key, Query, Stored};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionRecord {
    /// SHA-256 of the whole bearer (`tokens::digest`).
    pub token_hash: String,
    pub contact_id: String,
    pub email: String,
    pub name: String,
    pub created_at: String,
    pub expires_at_epoch: i64,
    /// The grants this session reaches, by matter, at the version each had at sign-in: the
    /// active grants of this contact that named the signed-in address.
    #[serde(default)]
    pub grants: BTreeMap<String, String>,
}

const SESSION: &str = "SESSION";
const SESSION_PREFIX: &str = "SESSION#";

impl SessionRecord {
    pub fn key_for(token_hash: &str) -> Key<Self> {
        Key::new(format!("{SESSION_PREFIX}{token_hash}"), SESSION)
    }

    /// Every session of one contact record.
    pub fn of_contact(contact_id: &str) -> Query<Self> {
        Query::index(&GSI1, contact_partition(contact_id), SESSION_PREFIX)
    }
}

impl Stored for SessionRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.token_hash)
    }

    fn index_keys(&self) -> Vec<IndexKey> {
        let sort = format!("{SESSION_PREFIX}{}", self.token_hash);
        indexed_as(&GSI1, contact_partition(&self.contact_id), sort).into()
    }
}

stored_words! {
    pub enum InvitationPurpose {
        Invite = "invite",
        SignIn = "signIn",
    }
}

/// A live single-use link: an invitation or a sign-in link.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvitationRecord {
    /// SHA-256 of the secret the link carries.
    pub token_hash: String,
    pub matter_id: String,
    pub contact_id: String,
    pub purpose: InvitationPurpose,
    pub expires_at_epoch: i64,
    /// The grant version the link was issued for; any later change of the grant kills it.
    #[serde(default)]
    pub grant_version: String,
}

const INVITATION: &str = "INVITE";

impl InvitationRecord {
    pub fn key_for(token_hash: &str) -> Key<Self> {
        Key::new(format!("{INVITATION}#{token_hash}"), INVITATION)
    }
}

impl Stored for InvitationRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.token_hash)
    }
}

/// Sign-in links mailed to one address: the per-address limit, the cooldown and the links
/// that are live (a new send kills the older ones).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInRecord {
    /// The address, as `validate::email_key` gives it.
    pub address_key: String,
    pub window_started_epoch: i64,
    pub sent_in_window: u32,
    pub last_sent_epoch: i64,
    /// Hashes of the links of the latest send (one per contact record naming the address).
    pub live_links: Vec<String>,
    pub expires_at_epoch: i64,
}

const SIGN_IN: &str = "SIGNIN";

impl SignInRecord {
    pub fn key_for(address_key: &str) -> Key<Self> {
        Key::new(format!("{SIGN_IN}#{address_key}"), SIGN_IN)
    }
}

impl Stored for SignInRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.address_key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_are_found_by_hash_and_listed_under_their_contact() {
        let session = SessionRecord {
            token_hash: "h".into(),
            contact_id: "c".into(),
            ..SessionRecord::default()
        };
        assert_eq!(session.key(), SessionRecord::key_for("h"));
        assert_eq!(
            session.index_keys(),
            vec![
                ("gsi1pk", "CONTACT#c".to_string()),
                ("gsi1sk", "SESSION#h".to_string())
            ]
        );
        assert_eq!(
            SessionRecord::of_contact("c").spec().sort_prefix.as_deref(),
            Some("SESSION#")
        );
    }

    #[test]
    fn links_and_sign_in_state_have_keys_of_their_own() {
        assert_eq!(
            format!("{:?}", InvitationRecord::key_for("h")),
            "INVITE#h/INVITE"
        );
        assert_eq!(
            format!("{:?}", SignInRecord::key_for("a@b.c")),
            "SIGNIN#a@b.c/SIGNIN"
        );
    }
}
