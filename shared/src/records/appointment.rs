//! Calendar events of a matter ("appointments": `EventRecord` is the log's), shared with
//! contacts as `DeliveryRecord`s. Kept when cancelled, so that the contact's calendar file
//! can say so.

use super::{matter_partition, Person};
use crate::store::{Key, Query, Stored};
use serde::{Deserialize, Serialize};

/// What staff set of an event, checked (`service::appointments::content`): stored with the
/// event and shown as it is on both faces (a field not set is null there, so it is written
/// as null here too: one form serves both).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentContent {
    pub title: String,
    /// Stamps in UTC; `time_zone` is the IANA zone it was set in, shown beside it.
    pub starts_at: String,
    pub ends_at: String,
    pub time_zone: String,
    #[serde(default)]
    pub place: Option<String>,
    /// An https meeting link.
    #[serde(default)]
    pub video_url: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentRecord {
    pub appointment_id: String,
    pub matter_id: String,
    #[serde(flatten)]
    pub content: AppointmentContent,
    /// The calendar file's SEQUENCE: raised on every change, the cancellation included. An
    /// edit names the one it read (another is 409).
    pub sequence: u32,
    #[serde(default)]
    pub cancelled: bool,
    pub created_at: String,
    pub created_by: Person,
    pub updated_at: String,
}

const APPOINTMENT_PREFIX: &str = "APPT#";

impl AppointmentRecord {
    pub fn key_for(matter_id: &str, appointment_id: &str) -> Key<Self> {
        Key::new(
            matter_partition(matter_id),
            format!("{APPOINTMENT_PREFIX}{appointment_id}"),
        )
    }

    pub fn in_matter(matter_id: &str) -> Query<Self> {
        Query::table(matter_partition(matter_id), APPOINTMENT_PREFIX)
    }
}

impl Stored for AppointmentRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.matter_id, &self.appointment_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_is_stored_beside_the_events_own_fields() {
        let record = AppointmentRecord {
            appointment_id: "a1".into(),
            matter_id: "m1".into(),
            content: AppointmentContent {
                title: "Signing".into(),
                starts_at: "2030-01-05T20:00:00.000000Z".into(),
                ends_at: "2030-01-05T21:00:00.000000Z".into(),
                time_zone: "America/New_York".into(),
                place: None,
                video_url: Some("https://meet.example.com/1".into()),
                notes: None,
            },
            sequence: 2,
            cancelled: true,
            created_at: "t".into(),
            created_by: crate::records::fixtures::person("s1"),
            updated_at: "t".into(),
        };
        let item = crate::store::to_item(&record).expect("item");
        let text = |name: &str| item.get(name).and_then(|v| v.as_s().ok()).cloned();
        assert_eq!(text("title").as_deref(), Some("Signing"));
        assert_eq!(
            text("videoUrl").as_deref(),
            Some("https://meet.example.com/1")
        );
        assert!(
            item.get("place").is_some_and(|v| v.is_null()),
            "null, as the pages show it"
        );
        assert!(!item.contains_key("content"), "flattened");
        let back: AppointmentRecord = crate::store::from_item(item).expect("record");
        assert_eq!(back, record);
    }
}
