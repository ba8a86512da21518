//! `GET /matters`, `GET /matters/{matterId}`, `PUT /matters/{matterId}`.

use super::page_params;
use crate::auth::Staff;
use crate::error::Result;
use crate::http::{Call, Reply};
use crate::service::matters;
use crate::App;

pub async fn list(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let (limit, cursor) = page_params(call)?;
    let q = call.query().get("q").cloned();
    Reply::ok(matters::list_matters(app, q.as_deref(), limit, cursor.as_deref()).await?)
}

pub async fn get(app: &App, _staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    Reply::ok(matters::matter(app, call.param("matterId")).await?)
}

pub async fn save(app: &App, staff: &Staff, call: &Call<'_>) -> Result<Reply> {
    let matter = call.param("matterId");
    Reply::ok(matters::save_matter(app, staff, matter, call.body()?).await?)
}
