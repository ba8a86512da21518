//! Single-use link tokens (invitations and sign-in links), each bound to the grant version
//! it was issued for; only their hash is stored.

use crate::records::{new_id, AccessRecord, InvitationPurpose, InvitationRecord};
use crate::{clock, tokens, App};

/// A freshly minted single-use link token and the record that stands for it.
pub struct IssuedToken {
    pub secret: String,
    pub record: InvitationRecord,
    pub expires_at: String,
}

/// A new link token for a grant, bound to its current version.
pub fn issue_token(app: &App, grant: &AccessRecord, purpose: InvitationPurpose) -> IssuedToken {
    let secret = tokens::new_secret();
    let expires = clock::now() + app.config.invite_ttl;
    IssuedToken {
        record: InvitationRecord {
            token_hash: tokens::digest(&secret),
            matter_id: grant.matter_id.clone(),
            contact_id: grant.contact_id.clone(),
            purpose,
            expires_at_epoch: clock::epoch_seconds(expires),
            grant_version: grant.grant_version.clone(),
        },
        secret,
        expires_at: clock::stamp(expires),
    }
}

/// A fresh grant version (see `AccessRecord::grant_version`).
pub fn new_grant_version() -> String {
    new_id()
}

/// Whether a link may open a session for `grant` at `now` (epoch seconds): unexpired, for
/// the grant's current version, the grant not revoked, and an invitation still the live one.
pub fn link_opens(link: &InvitationRecord, grant: &AccessRecord, now: i64) -> bool {
    let live_invitation = link.purpose != InvitationPurpose::Invite
        || grant.invite_hash.as_deref() == Some(link.token_hash.as_str());
    link.expires_at_epoch > now
        && grant.is_active()
        && grant.grant_version == link.grant_version
        && live_invitation
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::grant;
    use crate::records::AccessStatus;

    fn link(purpose: InvitationPurpose, expires: i64) -> InvitationRecord {
        InvitationRecord {
            token_hash: "h1".into(),
            matter_id: "m".into(),
            contact_id: "c".into(),
            purpose,
            expires_at_epoch: expires,
            grant_version: "v1".into(),
        }
    }

    #[test]
    fn a_link_opens_only_its_grant_at_its_version_before_it_expires() {
        let mut g = grant("m", "c");
        g.invite_hash = Some("h1".into());
        let invite = link(InvitationPurpose::Invite, 100);
        assert!(link_opens(&invite, &g, 99));
        assert!(!link_opens(&invite, &g, 100), "expired at its second");
        g.grant_version = "v2".into();
        assert!(!link_opens(&invite, &g, 99), "re-granted since");
        g.grant_version = "v1".into();
        g.status = AccessStatus::Revoked;
        assert!(!link_opens(&invite, &g, 99), "revoked");
    }

    #[test]
    fn an_invitation_must_be_the_live_one_a_sign_in_link_need_not() {
        let mut g = grant("m", "c");
        g.invite_hash = Some("newer".into());
        assert!(!link_opens(&link(InvitationPurpose::Invite, 100), &g, 1));
        assert!(link_opens(&link(InvitationPurpose::SignIn, 100), &g, 1));
    }
}
