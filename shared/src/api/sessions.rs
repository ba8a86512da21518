//! Signing in and out of the portal.

use crate::error::Result;
use crate::http::{Call, Reply, SignedIn};
use crate::service::{preferences, sessions};
use crate::App;

pub async fn open(app: &App, call: &Call<'_>) -> Result<Reply> {
    Reply::json(201, sessions::open_session(app, call.body()?).await?)
}

pub async fn sign_in_link(app: &App, call: &Call<'_>) -> Result<Reply> {
    sessions::request_sign_in_link(app, call.body()?).await?;
    Reply::json(202, serde_json::json!({}))
}

pub async fn close(app: &App, signed_in: &mut SignedIn, _call: &Call<'_>) -> Result<Reply> {
    sessions::close_session(app, &signed_in.contact).await?;
    Reply::no_content()
}

pub async fn preferences(app: &App, signed_in: &mut SignedIn, _call: &Call<'_>) -> Result<Reply> {
    Reply::ok(preferences::current(app, &signed_in.contact))
}

pub async fn save_preferences(
    app: &App,
    signed_in: &mut SignedIn,
    call: &Call<'_>,
) -> Result<Reply> {
    Reply::ok(preferences::save(app, &signed_in.contact, call.body()?).await?)
}
