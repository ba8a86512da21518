//! Zip downloads: a contact's documents on a matter or in a folder, a matter for staff.

use crate::auth::Staff;
use crate::error::Result;
use crate::http::{Call, Reply, SignedIn};
use crate::service::zips;
use crate::App;

pub async fn mine(app: &App, signed_in: &mut SignedIn, call: &Call<'_>) -> Result<Reply> {
    let matter = call.param("matterId");
    Reply::ok(zips::for_contact(app, &signed_in.contact, matter, call.body()?).await?)
}

pub async fn matter(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let matter = call.param("matterId");
    Reply::ok(zips::for_staff(app, matter, call.body()?).await?)
}
