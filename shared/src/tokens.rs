//! Bearer secrets: random, shown once, stored only as their SHA-256.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// 256 random bits: well past the 128-bit floor, and URL-safe.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the table keeps instead of the secret, so a leaked table grants nothing.
pub fn digest(secret: &str) -> String {
    crate::checksum::hex(&Sha256::digest(secret.as_bytes()))
}

/// Rejects anything that cannot be a secret from [`new_secret`] before touching the table.
pub fn looks_like_secret(candidate: &str) -> bool {
    candidate.len() == 43
        && candidate
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn secrets_are_long_distinct_and_well_formed() {
        let secrets: HashSet<String> = (0..1000).map(|_| new_secret()).collect();
        assert_eq!(secrets.len(), 1000);
        assert!(secrets.iter().all(|s| looks_like_secret(s)));
        let decoded = URL_SAFE_NO_PAD
            .decode(secrets.iter().next().expect("one"))
            .expect("base64");
        assert!(decoded.len() * 8 >= 128);
    }

    #[test]
    fn digest_is_sha256_hex_and_not_the_secret() {
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let s = new_secret();
        assert_ne!(digest(&s), s);
    }

    #[test]
    fn malformed_candidates_are_rejected() {
        assert!(!looks_like_secret(""));
        assert!(!looks_like_secret("a.b.c"));
        assert!(!looks_like_secret(&"a".repeat(44)));
    }
}
