//! The portal session bearer: `<secret>.<contact id>.<matter id>...`. The table keeps only
//! the hash of the whole bearer, so the ids cannot be altered without losing the session;
//! they are there so that one BatchGetItem can read the session and its grants together.
//! Ids are letters, digits, `-` and `_` (`validate::id`), so `.` separates them.

use crate::records::SessionRecord;
use crate::{tokens, validate};

/// Matters a session bearer names at most; a contact on more (unheard of) gets a bearer
/// naming none, which costs each request one more read.
pub(super) const MAX_BEARER_MATTERS: usize = 20;

#[derive(Debug, PartialEq, Eq)]
pub(super) struct SessionBearer<'a> {
    pub whole: &'a str,
    pub contact_id: Option<&'a str>,
    pub matters: Option<Vec<&'a str>>,
}

impl<'a> SessionBearer<'a> {
    /// The bearer for a new session of `contact_id` reaching `matters`.
    pub fn mint(secret: &str, contact_id: &str, matters: &[&str]) -> String {
        let mut bearer = format!("{secret}.{contact_id}");
        if matters.len() <= MAX_BEARER_MATTERS {
            for matter in matters {
                bearer.push('.');
                bearer.push_str(matter);
            }
        }
        bearer
    }

    pub fn parse(whole: &'a str) -> Option<Self> {
        let mut parts = whole.split('.');
        let secret = parts.next()?;
        let contact_id = parts.next();
        let matters: Vec<&str> = parts.collect();
        let well_formed = tokens::looks_like_secret(secret)
            && contact_id
                .into_iter()
                .chain(matters.iter().copied())
                .all(|id| validate::id("id", id).is_ok())
            && matters.len() <= MAX_BEARER_MATTERS;
        well_formed.then(|| Self {
            whole,
            contact_id,
            matters: (!matters.is_empty()).then_some(matters),
        })
    }

    /// Whether the session found is the one this bearer names (the hash already binds them;
    /// this keeps a mismatch from ever reading another contact's records).
    pub fn names(&self, session: &SessionRecord) -> bool {
        let contact_matches = self.contact_id.is_none_or(|c| c == session.contact_id);
        let matters_match = self.matters.as_ref().is_none_or(|matters| {
            matters.len() == session.grants.len()
                && matters.iter().all(|m| session.grants.contains_key(*m))
        });
        contact_matches && matters_match
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session_reaching(contact_id: &str, matters: &[&str]) -> SessionRecord {
        SessionRecord {
            contact_id: contact_id.into(),
            grants: matters
                .iter()
                .map(|m| (m.to_string(), "v1".to_string()))
                .collect(),
            ..SessionRecord::default()
        }
    }

    #[test]
    fn a_bearer_names_its_contact_and_matters_and_parses_back() {
        let secret = tokens::new_secret();
        let bearer = SessionBearer::mint(&secret, "c-1", &["m-1", "m_2"]);
        assert_eq!(bearer, format!("{secret}.c-1.m-1.m_2"));
        let parsed = SessionBearer::parse(&bearer).expect("well formed");
        assert_eq!(parsed.contact_id, Some("c-1"));
        assert_eq!(parsed.matters, Some(vec!["m-1", "m_2"]));
        assert!(parsed.names(&session_reaching("c-1", &["m_2", "m-1"])));
        // Another contact, a matter more or less: not this bearer's session.
        assert!(!parsed.names(&session_reaching("c-2", &["m-1", "m_2"])));
        assert!(!parsed.names(&session_reaching("c-1", &["m-1"])));
        assert!(!parsed.names(&session_reaching("c-1", &["m-1", "m_2", "m-3"])));
    }

    #[test]
    fn too_many_matters_are_left_out_and_a_bare_secret_still_parses() {
        let secret = tokens::new_secret();
        let many: Vec<String> = (0..=MAX_BEARER_MATTERS).map(|i| format!("m{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let bearer = SessionBearer::mint(&secret, "c-1", &many);
        assert_eq!(bearer, format!("{secret}.c-1"));
        let parsed = SessionBearer::parse(&bearer).expect("well formed");
        assert_eq!((parsed.contact_id, parsed.matters), (Some("c-1"), None));
        let bare = SessionBearer::parse(&secret).expect("a session from before");
        assert_eq!((bare.contact_id, bare.matters), (None, None));
    }

    #[test]
    fn malformed_bearers_are_refused() {
        let secret = tokens::new_secret();
        let too_many = format!("{secret}.c{}", ".m".repeat(MAX_BEARER_MATTERS + 1));
        for bad in [
            String::new(),
            "a.b.c".into(),
            format!("{secret}."),
            format!("{secret}.c-1..m"),
            format!("{secret}.c 1"),
            format!("{secret}.c-1.m/1"),
            format!("x{secret}.c-1"),
            too_many,
        ] {
            assert_eq!(SessionBearer::parse(&bad), None, "{bad}");
        }
    }
}
