//! Secure messages: a matter's conversations and each conversation's messages, for staff
//! and for the contact.

use super::page_params;
use crate::auth::Staff;
use crate::error::Result;
use crate::http::{Call, Reply, SignedIn};
use crate::service::messages;
use crate::store::BatchRead;
use crate::App;

pub async fn conversations(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    Reply::ok(messages::conversations_of_matter(app, call.param("matterId")).await?)
}

pub async fn list(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, contact) = (call.param("matterId"), call.param("contactId"));
    let (limit, cursor) = page_params(call)?;
    let page = messages::staff_messages(app, matter, contact, limit, cursor.as_deref()).await?;
    Reply::ok(page)
}

pub async fn post(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, contact) = (call.param("matterId"), call.param("contactId"));
    let posted = messages::staff_post(app, staff, matter, contact, call.body()?).await?;
    Reply::json(201, posted)
}

pub async fn read(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, contact) = (call.param("matterId"), call.param("contactId"));
    Reply::ok(messages::staff_read(app, matter, contact).await?)
}

pub async fn delete(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, contact) = (call.param("matterId"), call.param("contactId"));
    messages::delete(app, staff, matter, contact, call.param("messageId")).await?;
    Reply::no_content()
}

pub async fn my_conversations(
    app: &App,
    signed_in: &mut SignedIn,
    _call: &Call<'_>,
) -> Result<Reply> {
    Reply::ok(messages::contact_conversations(app, &signed_in.contact).await?)
}

pub async fn my_messages(app: &App, signed_in: &mut SignedIn, call: &Call<'_>) -> Result<Reply> {
    let (limit, cursor) = page_params(call)?;
    let matter = call.param("matterId");
    let page =
        messages::contact_messages(app, &signed_in.contact, matter, limit, cursor.as_deref())
            .await?;
    Reply::ok(page)
}

/// The conversation a contact's post checks, read with the session.
pub fn post_reads(call: &Call<'_>, contact_id: &str, batch: &mut BatchRead) {
    messages::contact_reads(call.param("matterId"), contact_id, batch);
}

pub async fn reply(app: &App, signed_in: &mut SignedIn, call: &Call<'_>) -> Result<Reply> {
    let SignedIn { contact, found } = signed_in;
    let matter = call.param("matterId");
    Reply::json(
        201,
        messages::contact_post(app, contact, found, matter, call.body()?).await?,
    )
}

pub async fn mark_mine_read(app: &App, signed_in: &mut SignedIn, call: &Call<'_>) -> Result<Reply> {
    let matter = call.param("matterId");
    Reply::ok(messages::contact_read(app, &signed_in.contact, matter).await?)
}
