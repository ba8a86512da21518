//! A matter's portal settings: title, owner and who is told of portal uploads.

use super::{matter_partition, Person};
use crate::store::layout::GSI2;
use crate::store::{indexed_as, IndexKey, Key, Query, Stored};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatterRecord {
    pub matter_id: String,
    pub title: String,
    pub owner: Person,
    pub notify: Vec<Person>,
    pub updated_at: String,
    pub updated_by: String,
}

const SETTINGS: &str = "SETTINGS";
/// The gsi2 partition that lists every matter with portal settings, by title.
const MATTERS: &str = "MATTERS";
const BY_TITLE_PREFIX: &str = "MATTER#";

impl MatterRecord {
    pub fn key_for(matter_id: &str) -> Key<Self> {
        Key::new(matter_partition(matter_id), SETTINGS)
    }

    /// Every matter with portal settings, by title (then id).
    pub fn by_title() -> Query<Self> {
        Query::index(&GSI2, MATTERS.into(), BY_TITLE_PREFIX)
    }

    /// The owner and the notify list, each address once: who hears of a portal upload.
    pub fn firm_recipients(&self) -> Vec<Person> {
        let mut recipients: Vec<Person> = Vec::new();
        for person in std::iter::once(&self.owner).chain(self.notify.iter()) {
            if !recipients
                .iter()
                .any(|r| r.email.eq_ignore_ascii_case(&person.email))
            {
                recipients.push(person.clone());
            }
        }
        recipients
    }
}

impl Stored for MatterRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.matter_id)
    }

    fn index_keys(&self) -> Vec<IndexKey> {
        let by_title = format!(
            "{BY_TITLE_PREFIX}{}#{}",
            self.title.to_lowercase(),
            self.matter_id
        );
        indexed_as(&GSI2, MATTERS.into(), by_title).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::person;

    fn matter(id: &str, title: &str) -> MatterRecord {
        MatterRecord {
            matter_id: id.into(),
            title: title.into(),
            owner: person("o"),
            notify: vec![],
            updated_at: "t".into(),
            updated_by: "s".into(),
        }
    }

    #[test]
    fn the_firm_hears_once_per_address_owner_first() {
        let mut m = matter("m", "T");
        let mut shouting = person("o");
        shouting.email = "O@EXAMPLE.COM".into();
        m.notify = vec![person("a"), shouting, person("a")];
        let ids: Vec<String> = m.firm_recipients().into_iter().map(|p| p.id).collect();
        assert_eq!(ids, ["o", "a"]);
    }

    #[test]
    fn matters_list_by_title_ignoring_case() {
        let sort = |m: &MatterRecord| m.index_keys()[1].1.clone();
        let (a, b) = (matter("m2", "apple"), matter("m1", "Banana"));
        assert!(sort(&a) < sort(&b));
        assert!(sort(&a).starts_with(BY_TITLE_PREFIX));
        assert_eq!(a.key(), MatterRecord::key_for("m2"));
    }
}
