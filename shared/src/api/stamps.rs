//! A view-only PDF's stamped copy, for a signed-in contact.

use crate::error::Result;
use crate::http::{Call, Reply, SignedIn};
use crate::service::stamps;
use crate::App;

pub async fn link(app: &App, signed_in: &mut SignedIn, call: &Call<'_>) -> Result<Reply> {
    let document = call.param("documentId");
    let SignedIn { contact, found } = signed_in;
    Reply::ok(stamps::stamped_link(app, contact, found, document).await?)
}
