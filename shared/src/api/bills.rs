//! Bills and trust requests: staff create, edit, send and list them; a contact lists theirs.

use crate::auth::Staff;
use crate::error::Result;
use crate::http::{Call, Reply, SignedIn};
use crate::service::bills;
use crate::App;

pub async fn list(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    Reply::ok(bills::list(app, call.param("matterId")).await?)
}

pub async fn create(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let bill = bills::create(app, staff, call.param("matterId"), call.body()?).await?;
    Reply::json(201, bill)
}

pub async fn update(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, bill) = (call.param("matterId"), call.param("billId"));
    Reply::ok(bills::update(app, staff, matter, bill, call.body()?).await?)
}

pub async fn send(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    Reply::ok(bills::send(app, staff, call.param("matterId"), call.body()?).await?)
}

pub async fn mine(app: &App, signed_in: &mut SignedIn, _call: &Call<'_>) -> Result<Reply> {
    Reply::ok(bills::mine(app, &signed_in.contact).await?)
}
