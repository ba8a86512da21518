//! Every DynamoDB key of the single table, built in one place.
//!
//! | item       | pk              | sk              | gsi1 (contact view)           | gsi2 (matter view)              |
//! |------------|-----------------|-----------------|-------------------------------|---------------------------------|
//! | matter     | MATTER#m        | SETTINGS        |                               |                                 |
//! | access     | MATTER#m        | CONTACT#c       | CONTACT#c / ACCESS#m          | EMAIL#e / ACCESS#m#c            |
//! | document   | DOC#d           | DOC             |                               | MATTER#m / DOC#createdAt#d      |
//! | share      | DOC#d           | SHARE#c         | CONTACT#c / SHARE#sharedAt#d  | MATTER#m / SHARE#c#d            |
//! | session    | SESSION#hash    | SESSION         | CONTACT#c / SESSION#hash      |                                 |
//! | invitation | INVITE#hash     | INVITE          |                               |                                 |
//!
//! Ids never contain `#` (see `validate::id`), so prefixes cannot collide.

pub const PK: &str = "pk";
pub const SK: &str = "sk";
pub const GSI1: &str = "gsi1";
pub const GSI1_PK: &str = "gsi1pk";
pub const GSI1_SK: &str = "gsi1sk";
pub const GSI2: &str = "gsi2";
pub const GSI2_PK: &str = "gsi2pk";
pub const GSI2_SK: &str = "gsi2sk";
/// DynamoDB TTL attribute (epoch seconds) for invitations and sessions.
pub const TTL: &str = "expiresAtEpoch";

pub fn matter(matter_id: &str) -> String {
    format!("MATTER#{matter_id}")
}
pub const SETTINGS: &str = "SETTINGS";

pub fn contact(contact_id: &str) -> String {
    format!("CONTACT#{contact_id}")
}
pub fn access_in_contact_view(matter_id: &str) -> String {
    format!("ACCESS#{matter_id}")
}
pub const ACCESS_PREFIX: &str = "ACCESS#";
pub fn email(email_key: &str) -> String {
    format!("EMAIL#{email_key}")
}
pub fn access_by_email(matter_id: &str, contact_id: &str) -> String {
    format!("ACCESS#{matter_id}#{contact_id}")
}

pub fn document(document_id: &str) -> String {
    format!("DOC#{document_id}")
}
pub const DOCUMENT: &str = "DOC";
pub const DOCUMENT_PREFIX: &str = "DOC#";
pub fn document_in_matter(created_at: &str, document_id: &str) -> String {
    format!("DOC#{created_at}#{document_id}")
}

pub fn share(contact_id: &str) -> String {
    format!("SHARE#{contact_id}")
}
pub const SHARE_PREFIX: &str = "SHARE#";
pub fn share_in_contact_view(shared_at: &str, document_id: &str) -> String {
    format!("SHARE#{shared_at}#{document_id}")
}
pub fn share_in_matter(contact_id: &str, document_id: &str) -> String {
    format!("SHARE#{contact_id}#{document_id}")
}
pub fn shares_of_contact_in_matter(contact_id: &str) -> String {
    format!("SHARE#{contact_id}#")
}

pub fn session(token_hash: &str) -> String {
    format!("SESSION#{token_hash}")
}
pub const SESSION: &str = "SESSION";
pub const SESSION_PREFIX: &str = "SESSION#";

pub fn invitation(token_hash: &str) -> String {
    format!("INVITE#{token_hash}")
}
pub const INVITATION: &str = "INVITE";

/// Where a document's bytes live: server-generated, never the user's file name.
pub fn object_key(matter_id: &str, document_id: &str) -> String {
    format!("matters/{matter_id}/documents/{document_id}")
}

pub fn upload(upload_id: &str) -> String {
    format!("UPLOAD#{upload_id}")
}
pub const UPLOAD: &str = "UPLOAD";

/// Where a contact's upload lands; the upload id becomes the document id once attached.
pub fn upload_object_key(matter_id: &str, upload_id: &str) -> String {
    format!("matters/{matter_id}/uploads/{upload_id}")
}

/// What an object key in the bucket stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ObjectRef {
    FirmDocument {
        matter_id: String,
        document_id: String,
    },
    PortalUpload {
        matter_id: String,
        upload_id: String,
    },
}

/// Parses a key this service generated; anything else is `None`.
pub fn parse_object_key(key: &str) -> Option<ObjectRef> {
    let parts: Vec<&str> = key.split('/').collect();
    let valid = |s: &str| crate::validate::id("key", s).is_ok();
    match parts.as_slice() {
        ["matters", m, "documents", d] if valid(m) && valid(d) => Some(ObjectRef::FirmDocument {
            matter_id: m.to_string(),
            document_id: d.to_string(),
        }),
        ["matters", m, "uploads", u] if valid(m) && valid(u) => Some(ObjectRef::PortalUpload {
            matter_id: m.to_string(),
            upload_id: u.to_string(),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_prefix_does_not_match_a_longer_id() {
        let prefix = shares_of_contact_in_matter("c1");
        assert!(share_in_matter("c1", "d").starts_with(&prefix));
        assert!(!share_in_matter("c12", "d").starts_with(&prefix));
    }

    #[test]
    fn object_keys_are_server_generated_and_parse_back() {
        assert_eq!(object_key("m1", "d1"), "matters/m1/documents/d1");
        assert_eq!(
            parse_object_key(&object_key("m1", "d1")),
            Some(ObjectRef::FirmDocument {
                matter_id: "m1".into(),
                document_id: "d1".into()
            })
        );
        assert_eq!(
            parse_object_key(&upload_object_key("m1", "u1")),
            Some(ObjectRef::PortalUpload {
                matter_id: "m1".into(),
                upload_id: "u1".into()
            })
        );
        for other in [
            "",
            "matters/m1",
            "matters/m 1/uploads/u",
            "quarantine/matters/m/uploads/u",
            "matters/m/uploads/u/x",
        ] {
            assert_eq!(parse_object_key(other), None, "{other}");
        }
    }
}
