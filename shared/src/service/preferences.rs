//! `PUT /portal/preferences`: what a contact chooses for themselves (the language the portal
//! and its emails use), kept on every grant their session reaches, since the grant is the
//! identity (an address on a matter) that the mail worker writes to.

use super::events::{self, Event};
use super::sessions::Contact;
use crate::error::{Error, Result};
use crate::locale::Language;
use crate::records::{attr, AccessRecord, Actor, EventType};
use crate::store::{Change, Stored, Transacted};
use crate::App;
use serde::{Deserialize, Serialize};

/// Grants changed per transaction: each is the grant and its event, within DynamoDB's 100.
const GRANTS_PER_TRANSACTION: usize = 50;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreferencesInput {
    pub language: Language,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PreferencesView {
    pub language: Language,
    /// Grants that now say so (those that did already are left alone).
    pub changed: usize,
}

/// `GET /portal/preferences`: the contact's choices as their grants hold them (no call: the
/// session read them).
pub fn current(app: &App, contact: &Contact) -> PreferencesView {
    PreferencesView {
        language: language_of(&contact.grants, app.config.firm_language),
        changed: 0,
    }
}

/// The language a contact chose on any of their grants (a choice is written to all of them at
/// once), else the firm's.
pub fn language_of(grants: &[AccessRecord], firm: Language) -> Language {
    grants.iter().find_map(|g| g.language).unwrap_or(firm)
}

/// The grants a choice changes: those reached that say otherwise.
pub fn to_change(grants: &[AccessRecord], language: Language) -> Vec<&AccessRecord> {
    grants
        .iter()
        .filter(|g| g.language != Some(language))
        .collect()
}

/// Keeps the contact's choice on each grant their session reaches, with a
/// `preferencesChanged` event on each matter; a grant revoked or changed meanwhile refuses.
pub async fn save(
    app: &App,
    contact: &Contact,
    input: PreferencesInput,
) -> Result<PreferencesView> {
    let language = input.language;
    let changing = to_change(&contact.grants, language);
    for chunk in changing.chunks(GRANTS_PER_TRANSACTION) {
        let mut transaction = app.table.transaction();
        for grant in chunk {
            let change = Change::new().set(attr::LANGUAGE, language.code()).when(
                AccessRecord::not_revoked().and(AccessRecord::at_version(&grant.grant_version)),
            );
            transaction.update(&grant.key(), change)?;
            let event = Event::new(
                EventType::PreferencesChanged,
                Actor::contact(&contact.id, &contact.name),
            )
            .contact(&contact.id, &grant.name)
            .detail(format!("language: {}", language.code()));
            events::add(&mut transaction, &grant.matter_id, event)?;
        }
        if let Transacted::Cancelled(_) = app.table.commit(transaction).await? {
            return Err(Error::Conflict(
                "your access changed meanwhile; reload the page and try again".into(),
            ));
        }
    }
    Ok(PreferencesView {
        language,
        changed: changing.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::grant;

    #[test]
    fn only_grants_that_say_otherwise_change() {
        let english = grant("m1", "c1");
        let spanish = AccessRecord {
            language: Some(Language::Es),
            ..grant("m2", "c1")
        };
        let firms = grant("m3", "c1");
        let grants = [english, spanish, firms];
        let changing: Vec<&str> = to_change(&grants, Language::Es)
            .iter()
            .map(|g| g.matter_id.as_str())
            .collect();
        assert_eq!(changing, ["m1", "m3"], "the firm's default is not a choice");
        assert_eq!(to_change(&grants, Language::En).len(), 3);
        assert_eq!(language_of(&grants, Language::En), Language::Es);
        assert_eq!(
            language_of(&grants[..1], Language::Es),
            Language::Es,
            "the firm's"
        );
    }
}
