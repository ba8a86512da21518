//! The single table's shape: key attributes, the TTL attribute and every index. What each
//! record stores under which key is its own module's business (`records::*`); this table
//! gathers the layout in one view.
//!
//! | item       | pk              | sk              | gsi1 (contact view)           | gsi2 (matter view)              |
//! |------------|-----------------|-----------------|-------------------------------|---------------------------------|
//! | matter     | MATTER#m        | SETTINGS        |                               | MATTERS / MATTER#title#m        |
//! | access     | MATTER#m        | CONTACT#c       | CONTACT#c / ACCESS#m          | EMAIL#e / ACCESS#m#c            |
//! | document   | DOC#d           | DOC             |                               | MATTER#m / DOC#createdAt#d      |
//! | share      | DOC#d           | SHARE#c         | CONTACT#c / SHARE#sharedAt#d  | MATTER#m / SHARE#sharedAt#d#c   |
//! | upload     | UPLOAD#u        | UPLOAD          |                               | UPLOADS#AWAITING_SCAN / since#u (pending, awaiting its malware verdict) |
//! | session    | SESSION#hash    | SESSION         | CONTACT#c / SESSION#hash      |                                 |
//! | invitation | INVITE#hash     | INVITE          |                               |                                 |
//! | sign-in    | SIGNIN#e        | SIGNIN          |                               |                                 |
//! | deletion   | SWEEP#deletions | DOC#d           |                               |                                 |
//! | bill       | MATTER#m        | BILL#b          |                               |                                 |
//! | delivery   | MATTER#m        | SENT#kind#i#c   | CONTACT#c / SENT#kind#at#i    |                                 |
//! | event      | EVENTS#m        | EVENT#at#e      | EVENTS#m#CONTACT#c / = sk     | EVENTS#m#DOC#d / = sk           |
//! | digest window | DIGEST#r     | OPEN            |                               | DIGESTS#DAILY / DUE#at#r (a daily summary's) |
//! | digest filed  | DIGEST#r     | FILED#e         |                               |                                 |
//! | digest item   | DIGEST#r#w   | ITEM#e          |                               |                                 |
//! | digest sent   | DIGEST#r#w   | SENT            |                               |                                 |
//!
//! gsi1 and gsi2 give shares newest first for a contact and for a matter. So that every list
//! order pages natively, shares also carry `pairPk` (MATTER#m#CONTACT#c), `nameSk` and
//! `createdSk`, read by seven sparse indexes that hold nothing but shares (see [`INDEXES`]).
//!
//! Ids never contain `#` (see `validate::id`), so prefixes cannot collide.

pub const PK: &str = "pk";
pub const SK: &str = "sk";
/// DynamoDB TTL attribute (epoch seconds): records that expire carry it as a field.
pub const TTL: &str = "expiresAtEpoch";

/// A global secondary index: its name, partition attribute and sort attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Index {
    pub name: &'static str,
    pub partition: &'static str,
    pub sort: &'static str,
}

const fn index_of(name: &'static str, partition: &'static str, sort: &'static str) -> Index {
    Index {
        name,
        partition,
        sort,
    }
}

const GSI1_PK: &str = "gsi1pk";
const GSI1_SK: &str = "gsi1sk";
const GSI2_PK: &str = "gsi2pk";
const GSI2_SK: &str = "gsi2sk";
/// One contact's shares in one matter.
const PAIR_PK: &str = "pairPk";
/// Lower-cased file name, then ids: name order.
const NAME_SK: &str = "nameSk";
/// When the document was created, then ids: creation order.
const CREATED_SK: &str = "createdSk";

/// The contact's view: a contact's grants, shares and sessions; an event's contact.
pub const GSI1: Index = index_of("gsi1", GSI1_PK, GSI1_SK);
/// The matter's view: matters by title, grants by address, a matter's documents and shares;
/// an event's document.
pub const GSI2: Index = index_of("gsi2", GSI2_PK, GSI2_SK);
pub const CONTACT_BY_NAME: Index = index_of("contact-name", GSI1_PK, NAME_SK);
pub const CONTACT_BY_CREATED: Index = index_of("contact-created", GSI1_PK, CREATED_SK);
pub const MATTER_BY_NAME: Index = index_of("matter-name", GSI2_PK, NAME_SK);
pub const MATTER_BY_CREATED: Index = index_of("matter-created", GSI2_PK, CREATED_SK);
pub const PAIR_BY_ACTIVITY: Index = index_of("pair-activity", PAIR_PK, GSI1_SK);
pub const PAIR_BY_NAME: Index = index_of("pair-name", PAIR_PK, NAME_SK);
pub const PAIR_BY_CREATED: Index = index_of("pair-created", PAIR_PK, CREATED_SK);

/// Every index of the table; the template and the test stack create exactly these.
pub const INDEXES: [Index; 9] = [
    GSI1,
    GSI2,
    CONTACT_BY_NAME,
    CONTACT_BY_CREATED,
    MATTER_BY_NAME,
    MATTER_BY_CREATED,
    PAIR_BY_ACTIVITY,
    PAIR_BY_NAME,
    PAIR_BY_CREATED,
];

pub fn index(name: &str) -> Option<&'static Index> {
    INDEXES.iter().find(|i| i.name == name)
}

/// The key `Table::warm_up` reads: no `#`, so no record can ever have it.
pub const WARM_UP: &str = "WARM-UP";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_index_is_named_once_and_found() {
        for i in INDEXES {
            assert_eq!(index(i.name), Some(&i));
            assert_eq!(INDEXES.iter().filter(|j| j.name == i.name).count(), 1);
        }
        assert_eq!(index("nope"), None);
    }

    #[test]
    fn share_orders_share_partitions_with_the_two_views() {
        assert_eq!(CONTACT_BY_NAME.partition, GSI1.partition);
        assert_eq!(MATTER_BY_CREATED.partition, GSI2.partition);
        assert_eq!(PAIR_BY_ACTIVITY.sort, GSI1.sort);
    }
}
