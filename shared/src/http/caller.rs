//! Who is calling, resolved once per request from the route's `Auth` by the route table's
//! dispatch: staff from the authorizer's claims (or the local token), a contact from their
//! session bearer. Staff routes never accept a contact session and vice versa.

use super::request::Call;
use crate::auth::{self, Staff};
use crate::error::{Error, Result};
use crate::service::sessions::{self, Contact, Expiries};
use crate::store::{BatchFound, BatchRead};
use crate::App;

/// A contact resolved from their session, with whatever the route asked to read in the
/// same BatchGetItem as the session.
pub struct SignedIn {
    pub contact: Contact,
    pub found: BatchFound,
}

/// The header the distribution adds to every request it forwards to the API.
pub const ORIGIN_HEADER: &str = "x-origin-verify";

/// Every route, first: when deployed, only requests the distribution forwarded (through its
/// web ACL) carry the stack's origin secret; one that reached the API's own address is a 403.
pub fn through_the_distribution(
    secret: Option<&str>,
    request: &lambda_http::Request,
) -> Result<()> {
    let Some(secret) = secret else {
        return Ok(());
    };
    let sent = request
        .headers()
        .get(ORIGIN_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    // Compared in a time that does not depend on where they first differ.
    let same = sent.len() == secret.len()
        && sent
            .iter()
            .zip(secret.as_bytes())
            .fold(0u8, |differ, (a, b)| differ | (a ^ b))
            == 0;
    if same {
        Ok(())
    } else {
        Err(Error::Forbidden(
            "call the portal at its own address, not the API's".into(),
        ))
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn request(header: Option<&str>) -> lambda_http::Request {
        let mut builder = lambda_http::http::Request::builder().uri("/portal/home");
        if let Some(value) = header {
            builder = builder.header(ORIGIN_HEADER, value);
        }
        builder.body(lambda_http::Body::Empty).expect("request")
    }

    #[test]
    fn only_requests_the_distribution_forwarded_pass_when_deployed() {
        let secret = Some("s3cret-from-the-stack");
        assert!(through_the_distribution(secret, &request(Some("s3cret-from-the-stack"))).is_ok());
        for wrong in [
            None,
            Some(""),
            Some("s3cret-from-the-stac"),
            Some("s3cret-from-the-stackX"),
        ] {
            let refused = through_the_distribution(secret, &request(wrong)).expect_err("refused");
            assert_eq!(refused.status(), 403, "{wrong:?}");
        }
        assert!(
            through_the_distribution(None, &request(None)).is_ok(),
            "locally there is no distribution"
        );
    }
}
