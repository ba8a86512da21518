//! `PUT /portal/preferences`: what a contact chooses for themselves (the language the portal
//! and its emails use, how often they are emailed news), kept on every grant their session
//! reaches, since the grant is the identity (an address on a matter) that the mail worker
//! writes to.

use super::events::{self, Event};
use super::sessions::Contact;
use crate::error::{Error, Result};
use crate::locale::Language;
use crate::records::{attr, AccessRecord, Actor, EventType, NotificationChoice};
use crate::store::{Change, Stored, Transacted};
use crate::App;
use serde::{Deserialize, Serialize};

/// Grants changed per transaction: each is the grant and its event, within DynamoDB's 100.
const GRANTS_PER_TRANSACTION: usize = 50;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreferencesInput {
    #[serde(default)]
    pub language: Option<Language>,
    #[serde(default)]
    pub notifications: Option<NotificationChoice>,
}

/// What a contact chose: each field either a new choice or, when absent, left as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choices {
    pub language: Language,
    pub notifications: NotificationChoice,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PreferencesView {
    pub language: Language,
    pub notifications: NotificationChoice,
    /// Grants that now say so (those that did already are left alone).
    pub changed: usize,
}

/// `GET /portal/preferences`: the contact's choices as their grants hold them (no call: the
/// session read them).
pub fn current(app: &App, contact: &Contact) -> PreferencesView {
    let choices = choices_of(&contact.grants, app.config.firm_language);
    PreferencesView {
        language: choices.language,
        notifications: choices.notifications,
        changed: 0,
    }
}

/// What the contact's grants say they chose (a choice is written to all of them at once);
/// the firm's language and one digest per window where they chose nothing.
pub fn choices_of(grants: &[AccessRecord], firm: Language) -> Choices {
    Choices {
        language: language_of(grants, firm),
        notifications: notifications_of(grants),
    }
}

/// How often the holder of these grants wants news: the first choice any says, else one
/// digest per window.
pub fn notifications_of(grants: &[AccessRecord]) -> NotificationChoice {
    grants
        .iter()
        .find_map(|g| g.notifications)
        .unwrap_or(NotificationChoice::EachWindow)
}

/// The language a contact chose on any of their grants (a choice is written to all of them at
/// once), else the firm's.
pub fn language_of(grants: &[AccessRecord], firm: Language) -> Language {
    grants.iter().find_map(|g| g.language).unwrap_or(firm)
}

/// The grants a choice changes: those reached that say otherwise (the firm's default or
/// one digest per window, when unset, is not a choice).
pub fn to_change(grants: &[AccessRecord], choices: Choices) -> Vec<&AccessRecord> {
    grants
        .iter()
        .filter(|g| {
            g.language != Some(choices.language) || g.notifications != Some(choices.notifications)
        })
        .collect()
}

/// The event detail of a change: what the contact chose.
fn detail(choices: Choices) -> String {
    format!(
        "language: {}; notifications: {}",
        choices.language.code(),
        choices.notifications.as_str()
    )
}

/// Keeps the contact's choice on each grant their session reaches, with a
/// `preferencesChanged` event on each matter; a grant revoked or changed meanwhile refuses.
pub async fn save(
    app: &App,
    contact: &Contact,
    input: PreferencesInput,
) -> Result<PreferencesView> {
    if input.language.is_none() && input.notifications.is_none() {
        return Err(Error::validation(
            "say what to choose: language (en or es), notifications (window, daily or signInOnly), or both",
        ));
    }
    let was = choices_of(&contact.grants, app.config.firm_language);
    let choices = Choices {
        language: input.language.unwrap_or(was.language),
        notifications: input.notifications.unwrap_or(was.notifications),
    };
    let changing = to_change(&contact.grants, choices);
    for chunk in changing.chunks(GRANTS_PER_TRANSACTION) {
        let mut transaction = app.table.transaction();
        for grant in chunk {
            let change = Change::new()
                .set(attr::LANGUAGE, choices.language.code())
                .set(attr::NOTIFICATIONS, choices.notifications)
                .when(
                    AccessRecord::not_revoked().and(AccessRecord::at_version(&grant.grant_version)),
                );
            transaction.update(&grant.key(), change)?;
            let event = Event::new(
                EventType::PreferencesChanged,
                Actor::contact(&contact.id, &contact.name),
            )
            .contact(&contact.id, &grant.name)
            .detail(detail(choices));
            events::add(&mut transaction, &grant.matter_id, event)?;
        }
        if let Transacted::Cancelled(_) = app.table.commit(transaction).await? {
            return Err(Error::Conflict(
                "your access changed meanwhile; reload the page and try again".into(),
            ));
        }
    }
    Ok(PreferencesView {
        language: choices.language,
        notifications: choices.notifications,
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
        let spanish_digests = Choices {
            language: Language::Es,
            notifications: NotificationChoice::EachWindow,
        };
        let changing: Vec<&str> = to_change(&grants, spanish_digests)
            .iter()
            .map(|g| g.matter_id.as_str())
            .collect();
        assert_eq!(
            changing,
            ["m1", "m2", "m3"],
            "the defaults are not a choice"
        );
        let english = Choices {
            language: Language::En,
            ..spanish_digests
        };
        assert_eq!(to_change(&grants, english).len(), 3);
        assert_eq!(language_of(&grants, Language::En), Language::Es);
        assert_eq!(
            language_of(&grants[..1], Language::Es),
            Language::Es,
            "the firm's"
        );
    }

    #[test]
    fn a_notification_choice_is_read_from_any_grant_and_defaults_to_each_window() {
        let plain = grant("m1", "c1");
        assert_eq!(
            notifications_of(std::slice::from_ref(&plain)),
            NotificationChoice::EachWindow
        );
        let daily = AccessRecord {
            notifications: Some(NotificationChoice::Daily),
            language: Some(Language::Es),
            ..grant("m2", "c1")
        };
        let grants = [plain, daily];
        let chosen = choices_of(&grants, Language::En);
        assert_eq!(chosen.notifications, NotificationChoice::Daily);
        assert_eq!(chosen.language, Language::Es);
        let changing: Vec<&str> = to_change(&grants, chosen)
            .iter()
            .map(|g| g.matter_id.as_str())
            .collect();
        assert_eq!(changing, ["m1"], "only the grant that says otherwise");
        assert_eq!(
            detail(chosen),
            "language: es; notifications: daily",
            "the event says what was chosen"
        );
    }
}
