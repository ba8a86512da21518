//! Matter portal settings: title, owner and who is notified of portal activity; the
//! console's matter list.

use super::listing::{search_text, MAX_READS_PER_PAGE};
use super::tally;
use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::pagination::Page;
use crate::records::{AccessRecord, MatterCopy, MatterRecord, MatterTallyRecord, Person};
use crate::store::{Condition, Stored, Transacted};
use crate::{clock, validate, App};
use serde::{Deserialize, Serialize};

pub const MAX_NOTIFY: usize = 50;
/// A page of the matter list is one query and one batch read of the page's tallies (up to
/// 100 keys a call), so its size is kept within one batch.
pub const MAX_MATTERS_PER_PAGE: usize = 50;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersonInput {
    pub id: String,
    pub email: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MatterInput {
    pub title: String,
    pub owner: PersonInput,
    #[serde(default)]
    pub notify: Option<Vec<PersonInput>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatterView {
    pub matter_id: String,
    pub title: String,
    pub owner: Person,
    pub notify: Vec<Person>,
    pub updated_at: String,
}

impl From<MatterRecord> for MatterView {
    fn from(r: MatterRecord) -> Self {
        Self {
            matter_id: r.matter_id,
            title: r.title,
            owner: r.owner,
            notify: r.notify,
            updated_at: r.updated_at,
        }
    }
}

/// A row of the console's matter list.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatterSummaryView {
    pub matter_id: String,
    pub title: String,
    pub owner: Person,
    pub notify: Vec<Person>,
    /// Contacts whose access is not revoked.
    pub contacts: usize,
    pub documents: u64,
    /// The newest of: settings saved, a grant, a contact's last visit, a document added.
    pub last_activity_at: String,
}

fn person(field: &str, input: &PersonInput) -> Result<Person> {
    Ok(Person {
        id: validate::id(&format!("{field}.id"), &input.id)?,
        email: validate::email(&format!("{field}.email"), &input.email)?,
        name: validate::text(
            &format!("{field}.name"),
            &input.name,
            validate::MAX_NAME_CHARS,
        )?,
    })
}

/// The settings a save asks for, checked: an owner, and the people told (the owner when
/// none are named; each staff id once, at most [`MAX_NOTIFY`]).
pub fn settings(input: &MatterInput) -> Result<(String, Person, Vec<Person>)> {
    let owner = person("owner", &input.owner)?;
    let notify = match &input.notify {
        None => vec![owner.clone()],
        Some(list) if list.len() > MAX_NOTIFY => {
            return Err(Error::validation(format!(
                "notify takes at most {MAX_NOTIFY} people"
            )))
        }
        Some(list) => {
            let mut people: Vec<Person> = Vec::with_capacity(list.len());
            for (i, p) in list.iter().enumerate() {
                let p = person(&format!("notify[{i}]"), p)?;
                if !people.iter().any(|q| q.id == p.id) {
                    people.push(p);
                }
            }
            people
        }
    };
    let title = validate::text("title", &input.title, validate::MAX_NAME_CHARS)?;
    Ok((title, owner, notify))
}

pub async fn save_matter(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    input: MatterInput,
) -> Result<MatterView> {
    let matter_id = validate::id("matterId", matter_id)?;
    let (title, owner, notify) = settings(&input)?;
    let now = clock::stamp(clock::now());
    let record = MatterRecord {
        matter_id,
        title,
        owner,
        notify,
        updated_at: now.clone(),
        updated_by: staff.id.clone(),
    };
    // A new matter starts with an empty tally, counted; a saved one keeps the tally it has.
    let mut first_save = app.table.transaction();
    first_save.put(&record, Some(Condition::absent()))?;
    first_save.put(
        &MatterTallyRecord::empty(&record.matter_id, &now),
        Some(Condition::absent()),
    )?;
    if let Transacted::Cancelled(_) = app.table.commit(first_save).await? {
        app.table.put(&record, None).await?;
        copy_to_grants(app, &record).await?;
    }
    Ok(record.into())
}

pub async fn matter(app: &App, matter_id: &str) -> Result<MatterView> {
    Ok(require(app, matter_id).await?.into())
}

/// The matter's settings, or 404: nothing happens on a matter the portal doesn't know.
pub async fn require(app: &App, matter_id: &str) -> Result<MatterRecord> {
    let matter_id = validate::id("matterId", matter_id)?;
    app.table
        .get(&MatterRecord::key_for(&matter_id))
        .await?
        .ok_or_else(|| Error::not_found(format!("matter {matter_id}")))
}

/// Every grant of the matter carries its title and owner's name for the portal's lists;
/// a save brings them up to date (should it fail halfway, saving again finishes it).
async fn copy_to_grants(app: &App, matter: &MatterRecord) -> Result<()> {
    let grants: Vec<AccessRecord> = app
        .table
        .query_all(&AccessRecord::of_matter(&matter.matter_id))
        .await?;
    let copy = MatterCopy::of(matter);
    for grant in grants.iter().filter(|g| g.matter != copy) {
        app.table.update(&grant.key(), copy.change()).await?;
    }
    Ok(())
}

/// The matters with portal settings, by title; `q` keeps those whose title or id contains it.
pub async fn list_matters(
    app: &App,
    q: Option<&str>,
    limit: usize,
    cursor: Option<&str>,
) -> Result<Page<MatterSummaryView>> {
    let needle = search_text(q)?;
    let page = app
        .table
        .query_page_where::<MatterRecord>(
            &MatterRecord::by_title(),
            limit.min(MAX_MATTERS_PER_PAGE),
            cursor,
            MAX_READS_PER_PAGE,
            |m| matches_search(m, needle.as_deref()),
        )
        .await?;
    let ids: Vec<&str> = page.items.iter().map(|m| m.matter_id.as_str()).collect();
    let mut tallies = tally::read(app, &ids).await?;
    // A matter from before tallies is counted from its records, the page's such matters
    // together (its tally is written by the sweep's next recount of it, not here: the list
    // only reads).
    let uncounted = page.items.iter().filter_map(|matter| {
        let tally = tallies
            .get(&matter.matter_id)
            .cloned()
            .unwrap_or_else(|| MatterTallyRecord {
                matter_id: matter.matter_id.clone(),
                ..MatterTallyRecord::default()
            });
        (!tally.is_counted()).then_some(tally)
    });
    let counted = futures_util::future::try_join_all(
        uncounted.map(|before| async move { tally::count_now(app, &before).await }),
    )
    .await?;
    tallies.extend(counted.into_iter().map(|t| (t.matter_id.clone(), t)));
    let items = page
        .items
        .into_iter()
        .map(|m| {
            let counts = tallies.remove(&m.matter_id).unwrap_or_default();
            summary(m, &counts)
        })
        .collect();
    Ok(Page {
        items,
        next_cursor: page.next_cursor,
    })
}

/// Whether a matter's title or id contains the (lower-cased) search text.
fn matches_search(matter: &MatterRecord, needle: Option<&str>) -> bool {
    needle.is_none_or(|n| {
        matter.title.to_lowercase().contains(n) || matter.matter_id.to_lowercase().contains(n)
    })
}

/// A matter's row: its settings and its tally; the last activity is the newer of a settings
/// save and what the tally noted.
fn summary(matter: MatterRecord, tally: &MatterTallyRecord) -> MatterSummaryView {
    let last_activity_at = tally
        .last_activity_at
        .as_ref()
        .filter(|at| **at > matter.updated_at)
        .unwrap_or(&matter.updated_at)
        .clone();
    MatterSummaryView {
        contacts: usize::try_from(tally.contacts).unwrap_or(0),
        documents: u64::try_from(tally.documents).unwrap_or(0),
        last_activity_at,
        matter_id: matter.matter_id,
        title: matter.title,
        owner: matter.owner,
        notify: matter.notify,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(notify: Option<Vec<(&str, &str)>>) -> MatterInput {
        let person = |id: &str, email: &str| PersonInput {
            id: id.into(),
            email: email.into(),
            name: id.to_uppercase(),
        };
        MatterInput {
            title: " Estate of Smith ".into(),
            owner: person("ann", "ann@firm.example"),
            notify: notify.map(|list| list.into_iter().map(|(i, e)| person(i, e)).collect()),
        }
    }

    #[test]
    fn the_owner_is_told_unless_others_are_named_each_once() {
        let (title, owner, notify) = settings(&input(None)).expect("valid");
        assert_eq!(title, "Estate of Smith");
        assert_eq!(notify, vec![owner]);
        let named = input(Some(vec![
            ("bo", "bo@firm.example"),
            ("bo", "bo2@firm.example"),
        ]));
        let (_, _, notify) = settings(&named).expect("valid");
        assert_eq!(notify.len(), 1);
        let bad = input(Some(vec![("x y", "x@firm.example")]));
        assert_eq!(settings(&bad).unwrap_err().status(), 400);
        let many = vec![("p", "p@firm.example"); MAX_NOTIFY + 1];
        assert_eq!(settings(&input(Some(many))).unwrap_err().status(), 400);
    }

    #[test]
    fn a_row_takes_the_tallys_counts_and_the_newer_activity() {
        let matter = MatterRecord {
            matter_id: "m".into(),
            title: "T".into(),
            owner: crate::records::fixtures::person("o"),
            notify: vec![],
            updated_at: "2026-01-02".into(),
            updated_by: "s".into(),
        };
        let tally = MatterTallyRecord {
            matter_id: "m".into(),
            contacts: 1,
            documents: 7,
            last_activity_at: Some("2026-03-01".into()),
            version: 4,
            counted_at: Some("2026-03-02".into()),
        };
        let row = summary(matter.clone(), &tally);
        assert_eq!((row.contacts, row.documents), (1, 7));
        assert_eq!(row.last_activity_at, "2026-03-01");
        let bare = summary(matter, &MatterTallyRecord::default());
        assert_eq!((bare.contacts, bare.documents), (0, 0));
        assert_eq!(bare.last_activity_at, "2026-01-02", "the settings save");
    }

    #[test]
    fn search_looks_at_title_and_id() {
        let matter = MatterRecord {
            matter_id: "M-42".into(),
            title: "Estate".into(),
            owner: crate::records::fixtures::person("o"),
            notify: vec![],
            updated_at: "t".into(),
            updated_by: "s".into(),
        };
        assert!(matches_search(&matter, None));
        assert!(matches_search(&matter, Some("esta")));
        assert!(matches_search(&matter, Some("m-4")));
        assert!(!matches_search(&matter, Some("will")));
    }
}
