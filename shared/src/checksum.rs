//! SHA-256 checksums as S3 writes them (`x-amz-checksum-sha256`): the digest, base64.

use crate::error::{Error, Result};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The checksum of `bytes`.
pub fn sha256_base64(bytes: &[u8]) -> String {
    STANDARD.encode(Sha256::digest(bytes))
}

/// Bytes (a digest) as lowercase hex, as names and stored hashes write them.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A checksum computed piece by piece, for bytes that are never all in memory.
#[derive(Default)]
pub struct Running(Sha256);

impl Running {
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub fn finish(self) -> String {
        STANDARD.encode(self.0.finalize())
    }
}

/// A declared checksum: the 44 characters of a base64 SHA-256, written as S3 writes it (so
/// that two spellings of one digest cannot both stand).
pub fn declared(field: &str, value: &str) -> Result<String> {
    let bad = || {
        Error::validation(format!(
            "{field} must be the file's SHA-256 in base64 (44 characters)"
        ))
    };
    let digest = STANDARD.decode(value).map_err(|_| bad())?;
    if digest.len() != 32 || STANDARD.encode(&digest) != value {
        return Err(bad());
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checksum_is_the_base64_sha256_whole_or_in_pieces() {
        // The SHA-256 of "abc" (FIPS 180-2 appendix B.1).
        let abc = "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=";
        assert_eq!(sha256_base64(b"abc"), abc);
        let mut running = Running::default();
        running.update(b"a");
        running.update(b"bc");
        assert_eq!(running.finish(), abc);
    }

    #[test]
    fn hex_is_two_lowercase_digits_a_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xab, 0xff]), "000fabff");
        assert_eq!(
            hex(&Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn only_a_canonical_base64_digest_is_accepted() {
        let abc = sha256_base64(b"abc");
        assert_eq!(declared("checksumSha256", &abc).expect("valid"), abc);
        for bad in [
            "",
            "abc",
            &abc[..43],
            &format!("{abc}="),
            &STANDARD.encode([0u8; 31]),
            "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa1=",
            &abc.replace('+', "-"),
        ] {
            let error = declared("checksumSha256", bad).unwrap_err();
            assert_eq!(error.status(), 400, "{bad}");
        }
    }
}
