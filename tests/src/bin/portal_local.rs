//! Local stack helper for `make run`:
//! `portal-local setup` creates the table, bucket, sender and the bucket's ObjectCreated -> SQS
//! wiring on the emulator (from the same environment the functions read);
//! `portal-local staff-token` prints a local staff JWT;
//! `portal-local bridge <invoke-url>` forwards every queued S3 event to `attach-upload`
//! through cargo lambda's invoke endpoint, as S3's trigger does in AWS.

use shared::auth::{mint_local_jwt, Staff};
use shared::Config;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let config = Config::from_env()?;
    match std::env::args().nth(1).as_deref() {
        Some("setup") => {
            let endpoint = std::env::var("AWS_ENDPOINT_URL")?;
            let sdk = integration_tests::sdk_config(&endpoint).await;
            integration_tests::provision::provision(
                &sdk,
                &config.table_name,
                &config.bucket_name,
                &config.sender_email,
            )
            .await?;
            println!(
                "provisioned table {} and bucket {} on {endpoint}",
                config.table_name, config.bucket_name
            );
        }
        Some("staff-token") => {
            let secret = config
                .local_jwt_secret
                .ok_or("PORTAL_LOCAL_JWT_SECRET is not set")?;
            let staff = Staff {
                id: "staff-local".into(),
                email: "you@firm.example".into(),
                name: "Local Staff".into(),
            };
            let expires = shared::clock::epoch_seconds(shared::clock::now()) + 12 * 3600;
            println!("{}", mint_local_jwt(&secret, &staff, expires));
        }
        _ => return Err("usage: portal-local setup | staff-token | bridge <invoke-url>".into()),
    }
    Ok(())
}
