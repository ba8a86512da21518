//! Tasks: staff give, list and withdraw them; a contact lists theirs and marks one done (or uploads
//! the document it asks for, through the upload route with its `taskId`).

use crate::auth::Staff;
use crate::error::Result;
use crate::http::{Call, Reply, SignedIn};
use crate::service::tasks;
use crate::App;

pub async fn list(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    Reply::ok(tasks::list(app, call.param("matterId")).await?)
}

pub async fn create(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let task = tasks::create(app, staff, call.param("matterId"), call.body()?).await?;
    Reply::json(201, task)
}

pub async fn withdraw(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (matter, task) = (call.param("matterId"), call.param("taskId"));
    tasks::withdraw(app, staff, matter, task).await?;
    Reply::no_content()
}

pub async fn mine(app: &App, signed_in: &mut SignedIn, _call: &Call<'_>) -> Result<Reply> {
    Reply::ok(tasks::mine(app, &signed_in.contact).await?)
}

pub async fn done(app: &App, signed_in: &mut SignedIn, call: &Call<'_>) -> Result<Reply> {
    let (matter, task) = (call.param("matterId"), call.param("taskId"));
    Reply::ok(tasks::mark_done(app, &signed_in.contact, matter, task).await?)
}
