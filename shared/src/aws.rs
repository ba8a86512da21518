//! The SDK configuration, loaded once per cold start; each adapter (`store`, `files`,
//! `email`) builds its own client from it.

use aws_config::{BehaviorVersion, SdkConfig};

/// Loads region, credentials and `AWS_ENDPOINT_URL` (the local emulator) the standard way.
pub async fn load() -> SdkConfig {
    aws_config::load_defaults(BehaviorVersion::latest()).await
}
