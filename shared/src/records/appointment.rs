//! Calendar events of a matter ("appointments": `EventRecord` is the log's), shared with
//! contacts as `DeliveryRecord`s. Kept when cancelled, so that the contact's calendar file
//! can say so.

use super::{matter_partition, Person};
use crate::store::{Key, Query, Stored};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentRecord {
    pub appointment_id: String,
    pub matter_id: String,
    pub title: String,
    /// Stamps in UTC; `time_zone` is the IANA zone it was set in, shown beside it.
    pub starts_at: String,
    pub ends_at: String,
    pub time_zone: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// An https meeting link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
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
