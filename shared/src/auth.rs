//! Who is calling: firm staff (JWT) or a portal contact (session token). Never both.

use crate::error::{Error, Result};
use crate::records::{Actor, Person};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use lambda_http::request::RequestContext;
use lambda_http::{Request, RequestExt};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Staff {
    pub id: String,
    pub email: String,
    pub name: String,
}

impl Staff {
    /// The staff member as the event log names them.
    pub fn actor(&self) -> Actor {
        Actor::staff(&self.id, &self.name)
    }

    /// The staff member as a document's author.
    pub fn person(&self) -> Person {
        Person {
            id: self.id.clone(),
            email: self.email.clone(),
            name: self.name.clone(),
        }
    }
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
struct LocalClaims {
    sub: String,
    exp: i64,
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
}

#[derive(Serialize)]
struct MintedClaims<'a> {
    sub: &'a str,
    email: &'a str,
    name: &'a str,
    exp: i64,
}

/// HS256 only: `alg: none` or any other algorithm is refused before the signature check.
/// `exp` is checked against `now` (no leeway: a token is dead at its `exp` second), `sub`
/// must be present and non-empty, and `name` falls back to `email`.
pub fn verify_local_jwt(token: &str, secret: &str, now: i64) -> Result<Staff> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_required_spec_claims(&["exp", "sub"]);
    // Expiry is checked below against the caller's clock; the crate would read the system's.
    validation.validate_exp = false;
    // Local tokens carry no audience; one that does is not refused for it (as before).
    validation.validate_aud = false;
    let claims = jsonwebtoken::decode::<LocalClaims>(
        token,
        &DecodingKey::from_secret(secret.as_bytes()),
        &validation,
    )
    .map_err(|_| Error::Unauthorized)?
    .claims;
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
/// HS256 signing of plain strings cannot fail; should the library ever refuse, the answer is
/// an empty token, which every verifier refuses, rather than a panic.
pub fn mint_local_jwt(secret: &str, staff: &Staff, exp: i64) -> String {
    let claims = MintedClaims {
        sub: &staff.id,
        email: &staff.email,
        name: &staff.name,
        exp,
    };
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap_or_else(|err| {
        tracing::error!(error = %err, "local staff token not minted");
        String::new()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};

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

    /// A token with exactly this header and payload, HMAC-signed with `alg` and `secret`.
    fn signed(header: &str, payload: &str, alg: Algorithm, secret: &str) -> String {
        let message = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header),
            URL_SAFE_NO_PAD.encode(payload)
        );
        let key = EncodingKey::from_secret(secret.as_bytes());
        let signature = jsonwebtoken::crypto::sign(message.as_bytes(), &key, alg).expect("sign");
        format!("{message}.{signature}")
    }

    const HS256: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

    #[test]
    fn a_token_in_the_old_hand_rolled_format_still_verifies() {
        // Built outside Rust (HMAC-SHA256 over the base64url header and payload).
        let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJlbWFpbCI6ImFubkBmaXJtLmV4YW1wbGUiLCJleHAiOjIwMDAsIm5hbWUiOiJBbm4iLCJzdWIiOiJ1MSJ9._6z4WbnWHn-YjfEvRhrm9Sn7FldVeoO2JW5TNv8i5Y8";
        assert_eq!(
            verify_local_jwt(token, "secret", 1_999).expect("valid"),
            ann()
        );
        assert!(verify_local_jwt(token, "secret", 2_000).is_err());
    }

    #[test]
    fn other_algorithms_are_refused_even_when_correctly_signed() {
        let payload = r#"{"sub":"u1","exp":2000}"#;
        for (header, alg) in [
            (r#"{"alg":"HS384","typ":"JWT"}"#, Algorithm::HS384),
            (r#"{"alg":"HS512","typ":"JWT"}"#, Algorithm::HS512),
        ] {
            let token = signed(header, payload, alg, "secret");
            assert!(
                verify_local_jwt(&token, "secret", 1_000).is_err(),
                "{header}"
            );
        }
        // An HS256 signature under a header that claims another algorithm.
        for header in [
            r#"{"alg":"RS256"}"#,
            r#"{"alg":"ES256"}"#,
            r#"{"alg":"none"}"#,
            r#"{"alg":"hs256"}"#,
            r#"{}"#,
        ] {
            let token = signed(header, payload, Algorithm::HS256, "secret");
            assert!(
                verify_local_jwt(&token, "secret", 1_000).is_err(),
                "{header}"
            );
        }
        assert!(verify_local_jwt(
            &signed(HS256, payload, Algorithm::HS256, "secret"),
            "secret",
            1_000
        )
        .is_ok());
    }

    #[test]
    fn sub_and_exp_are_required() {
        for payload in [
            r#"{"exp":2000}"#,
            r#"{"sub":"","exp":2000}"#,
            r#"{"sub":null,"exp":2000}"#,
            r#"{"sub":"u1"}"#,
            r#"{"sub":"u1","exp":"2000"}"#,
            r#"{"sub":"u1","exp":null}"#,
            r#"{"sub":7,"exp":2000}"#,
            "[]",
            "not json",
        ] {
            let token = signed(HS256, payload, Algorithm::HS256, "secret");
            assert!(
                verify_local_jwt(&token, "secret", 1_000).is_err(),
                "{payload}"
            );
        }
    }

    #[test]
    fn name_falls_back_to_email() {
        let token = signed(
            HS256,
            r#"{"sub":"u1","email":"ann@firm.example","exp":2000}"#,
            Algorithm::HS256,
            "secret",
        );
        let staff = verify_local_jwt(&token, "secret", 1_000).expect("valid");
        assert_eq!(staff.name, "ann@firm.example");
        let nameless = Staff {
            name: String::new(),
            ..ann()
        };
        let token = mint_local_jwt("secret", &nameless, 2_000);
        assert_eq!(
            verify_local_jwt(&token, "secret", 1_000)
                .expect("valid")
                .name,
            "ann@firm.example"
        );
    }

    #[test]
    fn minting_never_panics_and_its_tokens_are_hs256() {
        for secret in ["", "secret", "ünïcode \u{0} secret"] {
            for exp in [i64::MIN, -1, 0, i64::MAX] {
                let token = mint_local_jwt(secret, &ann(), exp);
                let header = jsonwebtoken::decode_header(&token).expect("header");
                assert_eq!(header.alg, Algorithm::HS256);
                let verified = verify_local_jwt(&token, secret, 0);
                assert_eq!(verified.is_ok(), exp > 0, "{secret:?} {exp}");
            }
        }
    }
}
