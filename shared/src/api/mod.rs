//! Route handlers: each turns one request into one domain call and its reply. The route
//! table (`routes`) names them and resolves the caller first, so a staff handler is given
//! the [`Staff`](crate::auth::Staff) and a contact handler the
//! [`SignedIn`](crate::http::SignedIn) contact.

pub mod access;
pub mod appointments;
pub mod bills;
pub mod documents;
pub mod events;
pub mod folders;
pub mod matters;
pub mod messages;
pub mod portal;
pub mod sessions;
pub mod sharing;
pub mod stamps;
pub mod tasks;
pub mod zips;

use crate::error::Result;
use crate::http::Call;
use crate::pagination::parse_limit;

/// A list's `limit` and `cursor`.
fn page_params(call: &Call<'_>) -> Result<(usize, Option<String>)> {
    let query = call.query();
    let limit = parse_limit(query.get("limit").map(String::as_str))?;
    Ok((limit, query.get("cursor").cloned()))
}
