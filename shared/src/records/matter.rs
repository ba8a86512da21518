//! A matter's portal settings: title, owner and who is told of portal uploads; and its
//! tallies (contacts, documents, last activity), which the console's matter list reads.

use super::{attr, matter_partition, Person};
use crate::store::layout::GSI2;
use crate::store::{indexed_as, Change, Condition, IndexKey, Key, Query, Stored};
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
const TALLY: &str = "TALLY";
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

/// A matter's counts and last activity, kept beside its settings (so that a settings save,
/// a whole put, never touches them) and changed in the transaction of whatever changes them.
/// The console's matter list reads these instead of every grant and document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatterTallyRecord {
    pub matter_id: String,
    /// Grants not revoked (an expired grant still counts: it can be given again).
    #[serde(default)]
    pub contacts: i64,
    /// Document records of the matter, whatever their status.
    #[serde(default)]
    pub documents: i64,
    /// The newest grant, revoke, sign-in, document added or deleted, share or stop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_activity_at: Option<String>,
    /// Bumped by every change, so that a recount can tell whether one came in while it read.
    #[serde(default)]
    pub version: i64,
    /// When the counts were last taken from the records themselves; absent on a tally that
    /// changes started before any count (a matter from before tallies): not to be trusted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted_at: Option<String>,
}

/// What one change does to a matter's tally.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub contacts: i64,
    pub documents: i64,
}

impl Tally {
    pub const NONE: Tally = Tally {
        contacts: 0,
        documents: 0,
    };

    pub fn contacts(n: i64) -> Self {
        Self {
            contacts: n,
            ..Self::NONE
        }
    }

    pub fn documents(n: i64) -> Self {
        Self {
            documents: n,
            ..Self::NONE
        }
    }
}

impl MatterTallyRecord {
    pub fn key_for(matter_id: &str) -> Key<Self> {
        Key::new(matter_partition(matter_id), TALLY)
    }

    /// A new matter's tally: nothing yet, counted now.
    pub fn empty(matter_id: &str, now: &str) -> Self {
        Self {
            matter_id: matter_id.into(),
            counted_at: Some(now.into()),
            ..Self::default()
        }
    }

    /// The update a change makes at `now`: its counts added, the activity noted, the version
    /// bumped. Creates the tally if there is none (a matter from before tallies), which is
    /// then not trusted until counted.
    pub fn change(matter_id: &str, tally: Tally, now: &str) -> Change {
        let mut change = Change::new()
            .set(attr::MATTER_ID, matter_id)
            .set(attr::LAST_ACTIVITY_AT, now)
            .add(attr::VERSION, 1);
        if tally.contacts != 0 {
            change = change.add(attr::CONTACTS, tally.contacts);
        }
        if tally.documents != 0 {
            change = change.add(attr::DOCUMENTS, tally.documents);
        }
        change
    }

    /// A recount's write: only over the tally it read (the same version), so that a change
    /// committed while the recount read the records makes it try again rather than be lost.
    pub fn unchanged_since(&self) -> Condition {
        if self.counted_at.is_none() && self.version == 0 {
            Condition::absent()
        } else {
            Condition::equals(attr::VERSION, self.version)
        }
    }

    pub fn is_counted(&self) -> bool {
        self.counted_at.is_some()
    }
}

impl Stored for MatterTallyRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.matter_id)
    }
}

/// Where the sweep's recounts stopped in the matters-by-title list (none: at the start).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecountCursorRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    pub updated_at: String,
}

impl RecountCursorRecord {
    pub fn key() -> Key<Self> {
        Key::new("RECOUNT", "CURSOR")
    }
}

impl Stored for RecountCursorRecord {
    fn key(&self) -> Key<Self> {
        Self::key()
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

    #[test]
    fn a_tally_sits_beside_its_matters_settings() {
        let (tally, settings) = (MatterTallyRecord::key_for("m"), MatterRecord::key_for("m"));
        assert_eq!(tally.pk, settings.pk);
        assert_ne!(tally.sk, settings.sk);
        let fresh = MatterTallyRecord::empty("m", "t");
        assert!(fresh.is_counted());
        assert!(!MatterTallyRecord::default().is_counted());
    }
}
