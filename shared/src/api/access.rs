//! The Access section: grant, revoke, resend the invitation, list.

use super::page_params;
use crate::auth::Staff;
use crate::error::Result;
use crate::http::{Call, Reply};
use crate::service::access;
use crate::App;

pub async fn grant(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, contact) = (call.param("matterId"), call.param("contactId"));
    let outcome = access::grant_access(app, staff, matter, contact, call.body()?).await?;
    Reply::json(if outcome.created { 201 } else { 200 }, outcome)
}

pub async fn revoke(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, contact) = (call.param("matterId"), call.param("contactId"));
    access::revoke_access(app, staff, matter, contact).await?;
    Reply::no_content()
}

pub async fn resend(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, contact) = (call.param("matterId"), call.param("contactId"));
    Reply::json(
        202,
        access::resend_invitation(app, staff, matter, contact).await?,
    )
}

pub async fn list(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (limit, cursor) = page_params(call)?;
    let matter = call.param("matterId");
    Reply::ok(access::list_access(app, matter, limit, cursor.as_deref()).await?)
}
