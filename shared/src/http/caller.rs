//! Who is calling, resolved once per request from the route's `Auth` by the route table's
//! dispatch: staff from the authorizer's claims (or the local token), a contact from their
//! session bearer. Staff routes never accept a contact session and vice versa.

use super::request::Call;
use crate::auth::{self, Staff};
use crate::error::Result;
use crate::service::sessions::{self, Contact, Expiries};
use crate::store::{BatchFound, BatchRead};
use crate::App;

/// A contact resolved from their session, with whatever the route asked to read in the
/// same BatchGetItem as the session.
pub struct SignedIn {
    pub contact: Contact,
    pub found: BatchFound,
}

/// Staff routes: the JWT authorizer's claims, or the local HS256 token when enabled.
pub fn staff(app: &App, call: &Call<'_>) -> Result<Staff> {
    auth::staff(call.request(), app.config.local_jwt_secret.as_deref())
}

/// Contact routes: a live session bearer, nothing else; `reads` adds what the route needs
/// to the session's own read (given the contact's id). `expiries` says whether grants found
/// expired get their `accessExpired` event here (functions that only read the table leave
/// it to the next one that writes).
pub async fn contact(
    app: &App,
    call: &Call<'_>,
    expiries: Expiries,
    reads: impl FnOnce(&str, &mut BatchRead),
) -> Result<SignedIn> {
    let bearer = auth::bearer(call.request());
    let (contact, found) = sessions::resolve(app, bearer, expiries, reads).await?;
    Ok(SignedIn { contact, found })
}
