//! A contact's access to a matter (a grant): who, at which address, what they may do, and
//! where they stand.

use super::{attr, contact_partition, matter_partition, stored_words, MatterRecord, Person};
use crate::locale::Language;
use crate::store::layout::{GSI1, GSI2};
use crate::store::{indexed_as, Change, Condition, IndexKey, Key, Query, Stored};
use serde::{Deserialize, Serialize};

stored_words! {
    pub enum AccessStatus {
        /// Granted; the contact has not signed in yet.
        Invited = "invited",
        /// The contact has signed in at least once.
        Active = "active",
        /// Removed: nothing of this matter is visible to the contact.
        Revoked = "revoked",
    }
}

stored_words! {
    /// How often a contact hears from the portal (the contact's choice, kept on each grant
    /// like the language). Invitations and sign-in links go out whatever it says, and the
    /// firm's own notifications are not the contact's to choose.
    pub enum NotificationChoice {
        /// One digest per window of news (`DIGEST_WINDOW` after the first): the default.
        EachWindow = "window",
        /// One summary a day, in the morning in the firm's time zone.
        Daily = "daily",
        /// No digests: only invitations and sign-in links.
        SignInOnly = "signInOnly",
    }
}

/// The matter's title and owner's name as every grant carries them, so that the portal's
/// lists read them with the grants they already read. Copied here and nowhere else.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatterCopy {
    #[serde(default)]
    pub matter_title: String,
    #[serde(default)]
    pub owner_name: String,
}

impl MatterCopy {
    pub fn of(matter: &MatterRecord) -> Self {
        Self {
            matter_title: matter.title.clone(),
            owner_name: matter.owner.name.clone(),
        }
    }

    /// The update that brings a stored grant's copy up to date.
    pub fn change(&self) -> Change {
        Change::new()
            .set(attr::MATTER_TITLE, self.matter_title.as_str())
            .set(attr::OWNER_NAME, self.owner_name.as_str())
            .when(Condition::exists())
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessRecord {
    pub matter_id: String,
    pub contact_id: String,
    pub email: String,
    pub name: String,
    pub can_download: bool,
    pub shared_count: i64,
    pub status: AccessStatus,
    pub granted_at: String,
    pub granted_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen_at: Option<String>,
    /// Hash of the invitation that is currently live; a resend replaces it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_hash: Option<String>,
    /// When the last invitation email went out (the first grant's, an address change's or a
    /// resend's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitation_sent_at: Option<String>,
    /// The language the contact reads the portal and its emails in, as staff or the contact
    /// chose it; none: the firm's (`FIRM_LANGUAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// How often the contact wants news by email; none: one digest per window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notifications: Option<NotificationChoice>,
    /// When an invitation was last asked for (granted, re-addressed or resent); the mail
    /// worker sends it and sets `invitation_sent_at`. Resends wait for the later of the two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitation_requested_at: Option<String>,
    #[serde(flatten)]
    pub matter: MatterCopy,
    /// Changes on every grant, re-grant, address change and revoke. Every link and session is
    /// issued for one version, so any of those ends them all at once.
    #[serde(default)]
    pub grant_version: String,
    /// Optional end of access: from then on the portal answers as if it were revoked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// Set once the expiry has been recorded as an event, so that it is recorded once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_recorded_at: Option<String>,
    /// The document this contact opened last (view or download link), and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_opened_document_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_opened_file_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_opened_at: Option<String>,
}

const CONTACT_PREFIX: &str = "CONTACT#";
const ACCESS_PREFIX: &str = "ACCESS#";

impl AccessRecord {
    pub fn key_for(matter_id: &str, contact_id: &str) -> Key<Self> {
        Key::new(matter_partition(matter_id), contact_partition(contact_id))
    }

    /// Every grant of a matter (the Access section), by contact id.
    pub fn of_matter(matter_id: &str) -> Query<Self> {
        Query::table(matter_partition(matter_id), CONTACT_PREFIX)
    }

    /// Every grant of one contact record, across matters (read from an index: a moment stale).
    pub fn of_contact(contact_id: &str) -> Query<Self> {
        Query::index(&GSI1, contact_partition(contact_id), ACCESS_PREFIX)
    }

    /// Every grant naming an address (its `validate::email_key`), across matters and contacts.
    pub fn naming(address_key: &str) -> Query<Self> {
        Query::index(&GSI2, format!("EMAIL#{address_key}"), ACCESS_PREFIX)
    }

    /// The language to write to this contact in: theirs, or the firm's.
    pub fn language_or(&self, firm: Language) -> Language {
        self.language.unwrap_or(firm)
    }

    /// Granted and not revoked; see [`AccessRecord::is_active_at`] for expiry.
    pub fn is_active(&self) -> bool {
        self.status != AccessStatus::Revoked
    }

    /// Granted, not revoked and not expired at `now` (a stamp).
    pub fn is_active_at(&self, now: &str) -> bool {
        self.is_active() && !self.is_expired_at(now)
    }

    pub fn is_expired_at(&self, now: &str) -> bool {
        self.expires_at.as_deref().is_some_and(|end| end <= now)
    }

    /// The contact as this grant names them.
    pub fn contact(&self) -> Person {
        Person {
            id: self.contact_id.clone(),
            email: self.email.clone(),
            name: self.name.clone(),
        }
    }

    /// The portal identity this grant names: its email address, compared case-insensitively.
    pub fn address_key(&self) -> String {
        crate::validate::email_key(&self.email)
    }

    /// The grant is there and not revoked.
    pub fn not_revoked() -> Condition {
        Condition::exists().and(Condition::not_equals(attr::STATUS, AccessStatus::Revoked))
    }

    /// The grant is still at the version that was read.
    pub fn at_version(version: &str) -> Condition {
        if version.is_empty() {
            // Grants written before versions existed.
            Condition::missing(attr::GRANT_VERSION)
        } else {
            Condition::equals(attr::GRANT_VERSION, version)
        }
    }

    /// Adds `delta` to the grant's shared count; the grant must be there and not revoked.
    pub fn count_shares(delta: i64) -> Change {
        Change::new()
            .add(attr::SHARED_COUNT, delta)
            .when(Self::not_revoked())
    }
}

impl Stored for AccessRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.matter_id, &self.contact_id)
    }

    fn index_keys(&self) -> Vec<IndexKey> {
        let mut keys = Vec::from(indexed_as(
            &GSI1,
            contact_partition(&self.contact_id),
            format!("{ACCESS_PREFIX}{}", self.matter_id),
        ));
        keys.extend(indexed_as(
            &GSI2,
            format!("EMAIL#{}", self.address_key()),
            format!("{ACCESS_PREFIX}{}#{}", self.matter_id, self.contact_id),
        ));
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::grant;

    #[test]
    fn expiry_ends_access_at_its_stamp() {
        let mut g = grant("m", "c");
        assert!(g.is_active_at("2030"));
        g.expires_at = Some("2027-01-01T00:00:00.000000Z".into());
        assert!(g.is_active_at("2026-12-31T23:59:59.999999Z"));
        assert!(!g.is_active_at("2027-01-01T00:00:00.000000Z"));
        g.status = AccessStatus::Revoked;
        assert!(!g.is_active() && !g.is_active_at("2026"));
    }

    #[test]
    fn addresses_compare_without_case_and_index_the_grant() {
        let mut g = grant("m", "c");
        g.email = "Ann.Client@Example.COM".into();
        assert_eq!(g.address_key(), "ann.client@example.com");
        let indexed = g.index_keys();
        assert!(indexed.contains(&("gsi2pk", "EMAIL#ann.client@example.com".into())));
        assert!(indexed.contains(&("gsi1sk", "ACCESS#m".into())));
    }

    #[test]
    fn the_matter_copy_is_taken_from_the_matter() {
        let matter = MatterRecord {
            matter_id: "m".into(),
            title: "Estate".into(),
            owner: crate::records::fixtures::person("o"),
            notify: vec![],
            updated_at: "t".into(),
            updated_by: "s".into(),
        };
        let copy = MatterCopy::of(&matter);
        assert_eq!(
            (copy.matter_title.as_str(), copy.owner_name.as_str()),
            ("Estate", "O")
        );
    }
}
