//! S3 adapter: presigned URLs and object checks. Keys come from `keys::object_key` only.

use crate::aws::OnFirstUse;
use crate::error::{Error, Result};
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::Client;
use std::collections::BTreeMap;
use std::time::Duration;

/// The S3 client as this service uses it: path-style against an emulator.
pub fn client(sdk: &aws_config::SdkConfig) -> Client {
    let path_style = sdk.endpoint_url().is_some();
    let config = aws_sdk_s3::config::Builder::from(sdk)
        .force_path_style(path_style)
        .build();
    Client::from_conf(config)
}

#[derive(Clone, Debug)]
pub struct Files {
    client: OnFirstUse<Client>,
    bucket: String,
}

#[derive(Debug, Clone)]
pub struct PresignedPut {
    pub url: String,
    /// Headers the uploader must send exactly as signed.
    pub headers: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectFacts {
    pub size: u64,
    pub content_type: String,
}

impl Files {
    /// Emulators serve buckets by path, not by virtual host.
    pub fn new(sdk: &aws_config::SdkConfig, bucket: impl Into<String>) -> Self {
        Self {
            client: OnFirstUse::new(sdk, client),
            bucket: bucket.into(),
        }
    }

    /// Files over a client built elsewhere (the bench's counts its calls).
    pub fn with_client(client: Client, bucket: impl Into<String>) -> Self {
        Self {
            client: OnFirstUse::ready(client),
            bucket: bucket.into(),
        }
    }

    fn presigning(ttl: Duration) -> Result<PresigningConfig> {
        PresigningConfig::expires_in(ttl)
            .map_err(|e| Error::internal_from("presigning settings", e))
    }

    pub async fn presign_get(
        &self,
        key: &str,
        content_disposition: &str,
        content_type: &str,
        ttl: Duration,
    ) -> Result<String> {
        let request = self
            .client
            .get()
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .response_content_disposition(content_disposition)
            .response_content_type(content_type)
            .presigned(Self::presigning(ttl)?)
            .await
            .map_err(|e| Error::upstream("S3 presign GetObject", e))?;
        Ok(request.uri().to_string())
    }

    /// A PUT whose signature covers the declared type, length and SHA-256 (S3 refuses other
    /// bytes with BadDigest).
    pub async fn presign_put(
        &self,
        key: &str,
        content_type: &str,
        size: u64,
        sha256: &str,
        ttl: Duration,
    ) -> Result<PresignedPut> {
        let length = i64::try_from(size).map_err(|_| Error::validation("size is too large"))?;
        let request = self
            .client
            .get()
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .content_type(content_type)
            .content_length(length)
            // Accepted bytes never change: a second PUT of the same URL finds the object and
            // fails (412), whoever sends it and however long the URL still lives.
            .if_none_match("*")
            .checksum_sha256(sha256)
            .presigned(Self::presigning(ttl)?)
            .await
            .map_err(|e| Error::upstream("S3 presign PutObject", e))?;
        // Only the signed headers: anything else the SDK adds (a trace id) is noise to callers.
        let headers = BTreeMap::from([
            ("content-type".to_string(), content_type.to_string()),
            ("content-length".to_string(), size.to_string()),
            ("if-none-match".to_string(), "*".to_string()),
            ("x-amz-checksum-sha256".to_string(), sha256.to_string()),
        ]);
        Ok(PresignedPut {
            url: request.uri().to_string(),
            headers,
        })
    }

    /// What S3 holds at `key`, or `None` when nothing was uploaded yet.
    pub async fn head(&self, key: &str) -> Result<Option<ObjectFacts>> {
        match self
            .client
            .get()
            .head_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
        {
            Ok(out) => Ok(Some(ObjectFacts {
                size: out.content_length.unwrap_or(0).max(0) as u64,
                content_type: out.content_type.unwrap_or_default().to_lowercase(),
            })),
            Err(err) if err.as_service_error().is_some_and(|e| e.is_not_found()) => Ok(None),
            Err(err) => Err(Error::upstream("S3 HeadObject", err)),
        }
    }

    /// The first `n` bytes of an object (fewer if it is shorter), for content sniffing.
    pub async fn read_prefix(&self, key: &str, n: usize) -> Result<Vec<u8>> {
        let range = format!("bytes=0-{}", n.saturating_sub(1));
        let bytes = self
            .get_body(key, Some(range))
            .await?
            .collect()
            .await
            .map_err(|e| Error::upstream("S3 GetObject body", e))?;
        let mut bytes = bytes.to_vec();
        bytes.truncate(n);
        Ok(bytes)
    }

    /// The SHA-256 of the bytes stored at `key`, read through once and never held whole.
    pub async fn sha256(&self, key: &str) -> Result<String> {
        let mut body = self.get_body(key, None).await?;
        let mut running = crate::checksum::Running::default();
        while let Some(chunk) = body
            .try_next()
            .await
            .map_err(|e| Error::upstream("S3 GetObject body", e))?
        {
            running.update(&chunk);
        }
        Ok(running.finish())
    }

    /// An object's body (or a range of it), as a stream.
    async fn get_body(
        &self,
        key: &str,
        range: Option<String>,
    ) -> Result<aws_sdk_s3::primitives::ByteStream> {
        let out = self
            .client
            .get()
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .set_range(range)
            .send()
            .await
            .map_err(|e| Error::upstream("S3 GetObject", e))?;
        Ok(out.body)
    }

    /// Removes every version's current object; a missing object is already removed.
    pub async fn delete(&self, key: &str) -> Result<()> {
        self.client
            .get()
            .delete_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
            .map_err(|e| Error::upstream("S3 DeleteObject", e))?;
        Ok(())
    }
}
