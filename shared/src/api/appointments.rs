//! Calendar events: staff list, create, change and cancel them; a contact lists theirs and
//! takes one as an .ics file.

use crate::auth::Staff;
use crate::error::Result;
use crate::http::{Attachment, Call, Reply, SignedIn};
use crate::service::appointments;
use crate::store::BatchRead;
use crate::App;

pub async fn list(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    Reply::ok(appointments::list(app, call.param("matterId")).await?)
}

pub async fn create(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let created = appointments::create(app, staff, call.param("matterId"), call.body()?).await?;
    Reply::json(201, created)
}

pub async fn update(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, event) = (call.param("matterId"), call.param("appointmentId"));
    Reply::ok(appointments::update(app, staff, matter, event, call.body()?).await?)
}

pub async fn cancel(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, event) = (call.param("matterId"), call.param("appointmentId"));
    appointments::cancel(app, staff, matter, event).await?;
    Reply::no_content()
}

pub async fn mine(app: &App, signed_in: &mut SignedIn, _call: &Call<'_>) -> Result<Reply> {
    Reply::ok(appointments::mine(app, &signed_in.contact).await?)
}

/// The delivery and the event the .ics route checks, read with the session.
pub fn ics_reads(call: &Call<'_>, contact_id: &str, batch: &mut BatchRead) {
    let (matter, event) = (call.param("matterId"), call.param("appointmentId"));
    appointments::ics_reads(matter, event, contact_id, batch);
}

pub async fn ics(app: &App, signed_in: &mut SignedIn, call: &Call<'_>) -> Result<Reply> {
    let (matter, event) = (call.param("matterId"), call.param("appointmentId"));
    let SignedIn { contact, found } = signed_in;
    Reply::attachment(Attachment {
        content_type: "text/calendar; charset=utf-8",
        file_name: "event.ics".into(),
        text: appointments::ics_file(app, contact, found, matter, event)?,
    })
}
