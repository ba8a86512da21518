//! What a signed-in contact lists, opens and uploads.

use crate::error::Result;
use crate::http::{Call, Reply, SignedIn};
use crate::service::listing::ListQuery;
use crate::service::{home, portal, uploads};
use crate::store::BatchRead;
use crate::App;

pub async fn matters(_app: &App, signed_in: &mut SignedIn, _call: &Call<'_>) -> Result<Reply> {
    Reply::ok(portal::portal_matters(&signed_in.contact))
}

pub async fn home(app: &App, signed_in: &mut SignedIn, _call: &Call<'_>) -> Result<Reply> {
    Reply::ok(home::home(app, &signed_in.contact).await?)
}

pub async fn documents(app: &App, signed_in: &mut SignedIn, call: &Call<'_>) -> Result<Reply> {
    let query = ListQuery::parse(&call.query())?;
    Reply::ok(portal::portal_documents(app, &signed_in.contact, &query).await?)
}

/// The share and the document a link needs, read with the session.
pub fn link_reads(call: &Call<'_>, contact_id: &str, batch: &mut BatchRead) {
    portal::link_reads(call.param("documentId"), contact_id, batch);
}

pub async fn link(app: &App, signed_in: &mut SignedIn, call: &Call<'_>) -> Result<Reply> {
    let document = call.param("documentId");
    let SignedIn { contact, found } = signed_in;
    Reply::ok(portal::download_link(app, contact, found, document, call.body()?).await?)
}

pub async fn upload(app: &App, signed_in: &mut SignedIn, call: &Call<'_>) -> Result<Reply> {
    let matter = call.param("matterId");
    let intent = uploads::request_upload(app, &signed_in.contact, matter, call.body()?).await?;
    Reply::json(201, intent)
}

pub async fn upload_status(app: &App, signed_in: &mut SignedIn, call: &Call<'_>) -> Result<Reply> {
    let (matter, upload) = (call.param("matterId"), call.param("uploadId"));
    Reply::ok(uploads::upload_status(app, &signed_in.contact, matter, upload).await?)
}
