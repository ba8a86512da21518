//! Matter portal settings: title, owner and who is notified of portal activity.

use super::listing::{search_text, MAX_READS_PER_PAGE};
use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::keys::{attr, Record};
use crate::model::{AccessRecord, DocumentRecord, MatterRecord, Person};
use crate::pagination::Page;
use crate::store::{Change, Condition, QuerySpec};
use crate::{clock, keys, validate, App};

use serde::{Deserialize, Serialize};

pub const MAX_NOTIFY: usize = 50;
/// Each listed matter costs three reads (its grants, its document count, its newest
/// document), so a page of matters is kept small.
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

pub async fn save_matter(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    input: MatterInput,
) -> Result<MatterView> {
    let matter_id = validate::id("matterId", matter_id)?;
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
    let record = MatterRecord {
        pk: keys::matter(&matter_id),
        sk: keys::SETTINGS.into(),
        gsi2pk: Some(keys::MATTERS.into()),
        gsi2sk: Some(keys::matter_by_title(&title, &matter_id)),
        matter_id,
        title,
        owner,
        notify,
        updated_at: clock::stamp(clock::now()),
        updated_by: staff.id.clone(),
    };
    app.table.put(&record, None).await?;
    copy_to_grants(app, &record).await?;
    Ok(record.into())
}

pub async fn matter(app: &App, matter_id: &str) -> Result<MatterView> {
    Ok(require(app, matter_id).await?.into())
}

/// The matter's settings, or 404: nothing happens on a matter the portal doesn't know.
pub async fn require(app: &App, matter_id: &str) -> Result<MatterRecord> {
    let matter_id = validate::id("matterId", matter_id)?;
    app.table
        .get(&keys::matter_key(&matter_id))
        .await?
        .ok_or_else(|| Error::not_found(format!("matter {matter_id}")))
}

/// Every grant of the matter carries its title and owner's name for the portal's lists;
/// a save brings them up to date (should it fail halfway, saving again finishes it).
async fn copy_to_grants(app: &App, matter: &MatterRecord) -> Result<()> {
    let spec = QuerySpec::table(keys::matter(&matter.matter_id), keys::CONTACT_PREFIX);
    let grants: Vec<AccessRecord> = app.table.query_all(&spec).await?;
    for grant in grants {
        if grant.matter_title == matter.title && grant.owner_name == matter.owner.name {
            continue;
        }
        let change = Change::new()
            .set(attr::MATTER_TITLE, matter.title.as_str())
            .set(attr::OWNER_NAME, matter.owner.name.as_str())
            .when(Condition::exists());
        app.table.update(&grant.key(), change).await?;
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
    let spec = QuerySpec::index(keys::GSI2, keys::MATTERS.into(), keys::MATTER_PREFIX);
    let page = app
        .table
        .query_page_where::<MatterRecord>(
            &spec,
            limit.min(MAX_MATTERS_PER_PAGE),
            cursor,
            MAX_READS_PER_PAGE,
            |m| {
                needle.as_ref().is_none_or(|n| {
                    m.title.to_lowercase().contains(n) || m.matter_id.to_lowercase().contains(n)
                })
            },
        )
        .await?;
    let items =
        futures_util::future::try_join_all(page.items.into_iter().map(|m| summarize(app, m)))
            .await?;
    Ok(Page {
        items,
        next_cursor: page.next_cursor,
    })
}

/// Counts and last activity, read when listed so they can never drift from the records.
async fn summarize(app: &App, matter: MatterRecord) -> Result<MatterSummaryView> {
    let grants = QuerySpec::table(keys::matter(&matter.matter_id), keys::CONTACT_PREFIX);
    let documents = QuerySpec::index(
        keys::GSI2,
        keys::matter(&matter.matter_id),
        keys::DOCUMENT_PREFIX,
    );
    let newest = documents.clone().descending();
    let (grants, document_count, newest) = tokio::try_join!(
        app.table.query_all::<AccessRecord>(&grants),
        app.table.count(&documents),
        app.table.query_page::<DocumentRecord>(&newest, 1, None),
    )?;
    let last_activity_at = grants
        .iter()
        .flat_map(|g| [Some(&g.granted_at), g.last_seen_at.as_ref()])
        .flatten()
        .chain(newest.items.iter().map(|d| &d.activity_at))
        .chain(std::iter::once(&matter.updated_at))
        .max()
        .cloned()
        .unwrap_or_default();
    Ok(MatterSummaryView {
        contacts: grants.iter().filter(|g| g.is_active()).count(),
        documents: document_count,
        last_activity_at,
        matter_id: matter.matter_id,
        title: matter.title,
        owner: matter.owner,
        notify: matter.notify,
    })
}
