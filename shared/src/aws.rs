//! The SDK configuration, loaded once per cold start; each adapter (`store`, `files`,
//! `email`, `queue`) builds its own client from it, all over one HTTPS client.
//!
//! That client is rustls on ring, trusting only the roots AWS service endpoints chain to,
//! compiled in: the SDK's default (rustls on aws-lc, the system store read at the first
//! connection) costs megabytes of binary and milliseconds of init at Lambda's CPU share (the
//! README's Performance section has the figures). `AWS_CA_BUNDLE` adds the PEM roots of a
//! local emulator reached over TLS (the bench's CA, trusted for one run); never set deployed.

use crate::startup::InitSteps;
use aws_config::{BehaviorVersion, ConfigLoader, SdkConfig};
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode, TlsContext, TrustStore};
use aws_smithy_http_client::Builder;

/// Amazon Trust Services' roots (see the file's header).
const AWS_ENDPOINT_ROOTS: &[u8] = include_bytes!("../certs/aws-endpoint-roots.pem");

#[cfg(not(feature = "tls-aws-lc"))]
const CRYPTO: CryptoMode = CryptoMode::Ring;
#[cfg(feature = "tls-aws-lc")]
const CRYPTO: CryptoMode = CryptoMode::AwsLc;

/// Loads region, credentials and `AWS_ENDPOINT_URL` (the local emulator) the standard way.
pub async fn load() -> SdkConfig {
    load_noting(&mut InitSteps::quiet()).await
}

/// [`load`], noting how long the HTTPS client and the rest of the chain took.
pub async fn load_noting(steps: &mut InitSteps) -> SdkConfig {
    let loader = over_https(aws_config::defaults(BehaviorVersion::latest()));
    steps.mark("https_client");
    let sdk = loader.load().await;
    steps.mark("sdk_config");
    sdk
}

/// `loader` with the one HTTPS client every SDK client of a function uses (plain HTTP too,
/// for emulators); tests build their configurations through it as well.
pub fn over_https(loader: ConfigLoader) -> ConfigLoader {
    let context = TlsContext::builder()
        .with_trust_store(trust_store())
        .build();
    let builder = Builder::new().tls_provider(tls::Provider::Rustls(CRYPTO));
    let client = match context {
        Ok(context) => builder.tls_context(context).build_https(),
        Err(err) => {
            // Cannot happen with the settings above; the SDK's default context still works.
            tracing::warn!(error = %err, "TLS settings refused; using the SDK's defaults");
            builder.build_https()
        }
    };
    loader.http_client(client)
}

fn trust_store() -> TrustStore {
    let mut store = if cfg!(feature = "native-roots") {
        TrustStore::empty().with_native_roots(true)
    } else {
        TrustStore::empty().with_pem_certificate(AWS_ENDPOINT_ROOTS)
    };
    if let Some(bundle) = extra_roots(std::env::var_os("AWS_CA_BUNDLE")) {
        store.add_pem_certificate(bundle);
    }
    store
}

/// The PEM bundle named by `AWS_CA_BUNDLE`, if it names a readable one. A bad one is logged
/// and ignored: connections to the emulator then fail on their certificate, which says why.
fn extra_roots(path: Option<std::ffi::OsString>) -> Option<Vec<u8>> {
    let path = path.filter(|p| !p.is_empty())?;
    match std::fs::read(&path) {
        Ok(pem) if looks_like_pem_certificates(&pem) => Some(pem),
        Ok(_) => {
            tracing::warn!(path = ?path, "AWS_CA_BUNDLE holds no PEM certificate; ignored");
            None
        }
        Err(err) => {
            tracing::warn!(path = ?path, error = %err, "AWS_CA_BUNDLE unreadable; ignored");
            None
        }
    }
}

fn looks_like_pem_certificates(pem: &[u8]) -> bool {
    const BEGIN: &[u8] = b"-----BEGIN CERTIFICATE-----";
    pem.windows(BEGIN.len()).any(|w| w == BEGIN)
}

/// An SDK client built at its first use: a function that never sends mail (or never touches
/// S3) does not build that client during its init. The table's client is built at init: every
/// function reads the table.
#[derive(Clone, Debug)]
pub struct OnFirstUse<C> {
    sdk: Option<SdkConfig>,
    build: fn(&SdkConfig) -> C,
    client: std::sync::OnceLock<C>,
}

impl<C> OnFirstUse<C> {
    pub fn new(sdk: &SdkConfig, build: fn(&SdkConfig) -> C) -> Self {
        Self {
            sdk: Some(sdk.clone()),
            build,
            client: std::sync::OnceLock::new(),
        }
    }

    /// A client built elsewhere (tests give ones that count or fail calls).
    pub fn ready(client: C) -> Self {
        Self {
            sdk: None,
            build: |_| unreachable!("a ready client is never built"),
            client: std::sync::OnceLock::from(client),
        }
    }

    pub fn get(&self) -> &C {
        self.client.get_or_init(|| match &self.sdk {
            Some(sdk) => (self.build)(sdk),
            None => unreachable!("a ready client is set when made"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_on_first_use_is_built_once_and_only_when_asked_for() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static BUILT: AtomicUsize = AtomicUsize::new(0);
        let sdk = SdkConfig::builder().build();
        let lazy = OnFirstUse::new(&sdk, |_| BUILT.fetch_add(1, Ordering::SeqCst) + 1);
        assert_eq!(BUILT.load(Ordering::SeqCst), 0, "not built by new");
        assert_eq!((*lazy.get(), *lazy.get()), (1, 1));
        assert_eq!(BUILT.load(Ordering::SeqCst), 1);
        assert_eq!(*OnFirstUse::ready(7).get(), 7);
    }

    #[test]
    fn compiled_in_roots_are_the_six_aws_endpoint_roots() {
        let text = String::from_utf8_lossy(AWS_ENDPOINT_ROOTS);
        assert_eq!(text.matches("-----BEGIN CERTIFICATE-----").count(), 6);
        assert_eq!(text.matches("-----END CERTIFICATE-----").count(), 6);
    }

    #[test]
    fn a_bundle_is_added_only_when_it_names_readable_certificates() {
        let dir = std::env::temp_dir().join(format!("portal-ca-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let good = dir.join("good.pem");
        let junk = dir.join("junk.pem");
        std::fs::write(&good, AWS_ENDPOINT_ROOTS).expect("write");
        std::fs::write(&junk, b"not a certificate").expect("write");
        assert!(extra_roots(Some(good.into_os_string())).is_some());
        assert!(extra_roots(Some(junk.into_os_string())).is_none());
        assert!(extra_roots(Some(dir.join("absent.pem").into_os_string())).is_none());
        assert!(extra_roots(Some("".into())).is_none());
        assert!(extra_roots(None).is_none());
        let _ = std::fs::remove_dir_all(dir);
    }
}
