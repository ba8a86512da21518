//! Who is calling: firm staff (JWT) or a portal contact (session token). Never both.

use crate::error::{Error, Result};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use hmac::{Hmac, Mac};
use lambda_http::request::RequestContext;
use lambda_http::{Request, RequestExt};
use serde::Deserialize;
use sha2::Sha256;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Staff {
    pub id: String,
    pub email: String,
    pub name: String,
}

/// The bearer credential of a request, if it has one.
pub fn bearer(req: &Request) -> Option<&str> {
    let value = req.headers().get("authorization")?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// Staff identity from the API Gateway JWT authorizer, or, only when a local secret is
/// configured (no authorizer in `cargo lambda watch`), from an HS256 token we verify here.
pub fn staff(req: &Request, local_secret: Option<&str>) -> Result<Staff> {
    if let Some(staff) = staff_from_authorizer(req) {
        return Ok(staff);
    }
    match (local_secret, bearer(req)) {
        (Some(secret), Some(token)) => verify_local_jwt(token, secret, now_epoch()),
        _ => Err(Error::Unauthorized),
    }
}

fn staff_from_authorizer(req: &Request) -> Option<Staff> {
    let RequestContext::ApiGatewayV2(context) = req.request_context_ref()? else {
        return None;
    };
    let claims = &context.authorizer.as_ref()?.jwt.as_ref()?.claims;
    let id = claims.get("sub").filter(|s| !s.is_empty())?.clone();
    let email = claims.get("email").cloned().unwrap_or_default();
    let name = claims
        .get("name")
        .or_else(|| claims.get("cognito:username"))
        .cloned()
        .unwrap_or_else(|| email.clone());
    Some(Staff { id, email, name })
}

fn now_epoch() -> i64 {
    crate::clock::epoch_seconds(crate::clock::now())
}

#[derive(Deserialize)]
struct JwtHeader {
    alg: String,
}

#[derive(Deserialize)]
struct LocalClaims {
    sub: String,
    exp: i64,
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
}

/// HS256 only: `alg: none` or any other algorithm is refused before the signature check.
pub fn verify_local_jwt(token: &str, secret: &str, now: i64) -> Result<Staff> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Error::Unauthorized);
    };
    let decode = |part: &str| {
        URL_SAFE_NO_PAD
            .decode(part)
            .map_err(|_| Error::Unauthorized)
    };
    let signing_input = format!("{header}.{payload}");
    let header: JwtHeader =
        serde_json::from_slice(&decode(header)?).map_err(|_| Error::Unauthorized)?;
    if header.alg != "HS256" {
        return Err(Error::Unauthorized);
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .map_err(|_| Error::internal("local JWT secret unusable"))?;
    mac.update(signing_input.as_bytes());
    mac.verify_slice(&decode(signature)?)
        .map_err(|_| Error::Unauthorized)?;
    let claims: LocalClaims =
        serde_json::from_slice(&decode(payload)?).map_err(|_| Error::Unauthorized)?;
    if claims.exp <= now || claims.sub.is_empty() {
        return Err(Error::Unauthorized);
    }
    let name = if claims.name.is_empty() {
        claims.email.clone()
    } else {
        claims.name
    };
    Ok(Staff {
        id: claims.sub,
        email: claims.email,
        name,
    })
}

/// Mints a local staff token; used by tests and the local run script's instructions.
pub fn mint_local_jwt(secret: &str, staff: &Staff, exp: i64) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(
        serde_json::json!({"sub": staff.id, "email": staff.email, "name": staff.name, "exp": exp})
            .to_string(),
    );
    let signing_input = format!("{header}.{payload}");
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(signing_input.as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{signing_input}.{signature}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann() -> Staff {
        Staff {
            id: "u1".into(),
            email: "ann@firm.example".into(),
            name: "Ann".into(),
        }
    }

    #[test]
    fn a_minted_token_verifies() {
        let token = mint_local_jwt("secret", &ann(), 2_000);
        assert_eq!(
            verify_local_jwt(&token, "secret", 1_000).expect("valid"),
            ann()
        );
    }

    #[test]
    fn wrong_secret_expired_or_tampered_tokens_fail() {
        let token = mint_local_jwt("secret", &ann(), 2_000);
        assert!(verify_local_jwt(&token, "other", 1_000).is_err());
        assert!(verify_local_jwt(&token, "secret", 2_000).is_err());
        let mut parts: Vec<&str> = token.split('.').collect();
        let forged = URL_SAFE_NO_PAD.encode(br#"{"sub":"admin","exp":9999999999}"#);
        parts[1] = &forged;
        assert!(verify_local_jwt(&parts.join("."), "secret", 1_000).is_err());
    }

    #[test]
    fn alg_none_and_garbage_are_refused() {
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none"}"#);
        let payload = URL_SAFE_NO_PAD.encode(br#"{"sub":"u","exp":9999999999}"#);
        assert!(verify_local_jwt(&format!("{header}.{payload}."), "secret", 0).is_err());
        for junk in [
            "",
            "a",
            "a.b",
            "a.b.c.d",
            "....",
            &crate::tokens::new_secret(),
        ] {
            assert!(verify_local_jwt(junk, "secret", 0).is_err(), "{junk}");
        }
    }
}
