//! The Sharing section: share, list, stop sharing.

use crate::auth::Staff;
use crate::error::Result;
use crate::http::{Call, Reply};
use crate::service::listing::ListQuery;
use crate::service::{sharing, unsharing};
use crate::App;

pub async fn share(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let matter = call.param("matterId");
    Reply::ok(sharing::share_documents(app, staff, matter, call.body()?).await?)
}

pub async fn list(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let query = ListQuery::parse(&call.query())?;
    Reply::ok(sharing::list_shares(app, call.param("matterId"), &query).await?)
}

pub async fn stop(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let matter = call.param("matterId");
    let (document, contact) = (call.param("documentId"), call.param("contactId"));
    unsharing::stop_share(app, staff, matter, document, contact).await?;
    Reply::no_content()
}
