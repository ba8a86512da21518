//! SQS adapter, the only code that uses the SQS SDK: delayed messages that wake the digest
//! sender (`service::digests`). Built only by the function that sends them.

use crate::error::{Error, Result};
use aws_sdk_sqs::Client;
use serde::Serialize;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Queue {
    client: Client,
    url: String,
}

impl Queue {
    pub fn new(sdk: &aws_config::SdkConfig, url: impl Into<String>) -> Self {
        Self::with_client(Client::new(sdk), url)
    }

    /// The digest queue named by `DIGEST_QUEUE_URL`, which the function that sends to it
    /// must have.
    pub fn digests(config: &crate::Config, sdk: &aws_config::SdkConfig) -> Result<Self> {
        let url = config
            .digest_queue_url
            .as_deref()
            .ok_or_else(|| Error::internal("missing setting DIGEST_QUEUE_URL"))?;
        Ok(Self::new(sdk, url))
    }

    /// A queue over a client built elsewhere (the tests' records its calls).
    pub fn with_client(client: Client, url: impl Into<String>) -> Self {
        Self {
            client,
            url: url.into(),
        }
    }

    /// Sends `body` as JSON, delivered no sooner than `delay` from now (SQS allows up to
    /// 15 minutes; longer is cut to that).
    pub async fn send<T: Serialize>(&self, body: &T, delay: Duration) -> Result<()> {
        let text =
            serde_json::to_string(body).map_err(|e| Error::internal_from("message encode", e))?;
        let seconds = i32::try_from(delay.as_secs().min(900)).unwrap_or(900);
        self.client
            .send_message()
            .queue_url(&self.url)
            .message_body(text)
            .delay_seconds(seconds)
            .send()
            .await
            .map_err(|e| Error::upstream("SQS SendMessage", e))?;
        Ok(())
    }
}
