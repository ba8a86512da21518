//! SDK clients, built once per cold start.

use aws_config::{BehaviorVersion, SdkConfig};

/// Loads region, credentials and `AWS_ENDPOINT_URL` (the local emulator) the standard way.
pub async fn load() -> SdkConfig {
    aws_config::load_defaults(BehaviorVersion::latest()).await
}

pub fn dynamodb(sdk: &SdkConfig) -> aws_sdk_dynamodb::Client {
    aws_sdk_dynamodb::Client::new(sdk)
}

/// Emulators serve buckets by path, not by virtual host.
pub fn s3(sdk: &SdkConfig) -> aws_sdk_s3::Client {
    let path_style = sdk.endpoint_url().is_some();
    let config = aws_sdk_s3::config::Builder::from(sdk)
        .force_path_style(path_style)
        .build();
    aws_sdk_s3::Client::from_conf(config)
}

pub fn sesv2(sdk: &SdkConfig) -> aws_sdk_sesv2::Client {
    aws_sdk_sesv2::Client::new(sdk)
}
