//! S3 adapter: presigned URLs and object checks. Keys come from `keys::object_key` only.

use crate::aws::OnFirstUse;
use crate::error::{Error, Result};
use aws_sdk_s3::operation::get_object::GetObjectOutput;
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{ChecksumAlgorithm, CompletedMultipartUpload, CompletedPart};
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

    /// The value of the object's tag `name` (GuardDuty's verdict tag), or `None` when the
    /// object has no such tag or is gone.
    pub async fn tag(&self, key: &str, name: &str) -> Result<Option<String>> {
        match self
            .client
            .get()
            .get_object_tagging()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
        {
            Ok(out) => Ok(out
                .tag_set
                .into_iter()
                .find(|t| t.key == name)
                .map(|t| t.value)),
            Err(err)
                if err
                    .as_service_error()
                    .is_some_and(|e| e.meta().code() == Some("NoSuchKey")) =>
            {
                Ok(None)
            }
            Err(err) => Err(Error::upstream("S3 GetObjectTagging", err)),
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

    /// An object's bytes whole, for the stamping that must parse them whole; refused past
    /// `limit` bytes before anything is read.
    pub async fn read_whole(&self, key: &str, limit: u64) -> Result<Vec<u8>> {
        let out = self.get_object(key, None).await?;
        if out.content_length.unwrap_or(0).max(0) as u64 > limit {
            return Err(Error::TooLarge(format!("{key} is over {limit} bytes")));
        }
        let bytes = out
            .body
            .collect()
            .await
            .map_err(|e| Error::upstream("S3 GetObject body", e))?;
        Ok(bytes.to_vec())
    }

    /// Writes a small object in one PUT (a stamped copy: made here, never uploaded).
    pub async fn put(&self, key: &str, content_type: &str, bytes: Vec<u8>) -> Result<()> {
        self.client
            .get()
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .content_type(content_type)
            .body(ByteStream::from(bytes))
            .send()
            .await
            .map_err(|e| Error::upstream("S3 PutObject", e))?;
        Ok(())
    }

    /// An object's bytes as they arrive, never whole in memory.
    pub async fn stream(&self, key: &str) -> Result<ByteStream> {
        self.get_body(key, None).await
    }

    /// Starts writing an object in parts of [`PART_BYTES`]; nothing is at `key` until
    /// [`MultipartWrite::complete`].
    pub async fn write_in_parts(&self, key: &str, content_type: &str) -> Result<MultipartWrite> {
        let client = self.client.get().clone();
        let out = client
            .create_multipart_upload()
            .bucket(&self.bucket)
            .key(key)
            .content_type(content_type)
            // Named here, and each part's CRC-32 sent back on completion: an upload created
            // without it while the SDK checksums every part is refused at completion by S3.
            .checksum_algorithm(ChecksumAlgorithm::Crc32)
            .send()
            .await
            .map_err(|e| Error::upstream("S3 CreateMultipartUpload", e))?;
        let upload_id = out
            .upload_id
            .ok_or_else(|| Error::internal("S3 CreateMultipartUpload gave no upload id"))?;
        Ok(MultipartWrite {
            client,
            bucket: self.bucket.clone(),
            key: key.to_string(),
            upload_id,
            buffer: Vec::with_capacity(PART_BYTES),
            parts: Vec::new(),
            sending: None,
        })
    }

    /// An object's body (or a range of it), as a stream.
    async fn get_body(&self, key: &str, range: Option<String>) -> Result<ByteStream> {
        Ok(self.get_object(key, range).await?.body)
    }

    async fn get_object(&self, key: &str, range: Option<String>) -> Result<GetObjectOutput> {
        self.client
            .get()
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .set_range(range)
            .send()
            .await
            .map_err(|e| Error::upstream("S3 GetObject", e))
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

/// Bytes gathered before a part goes up: S3 wants at least 5 MiB but for the last, and two
/// parts in memory at a time (one filling, one sending) stay well inside a 512 MB function.
pub const PART_BYTES: usize = 8 * 1024 * 1024;

type SentPart = tokio::task::JoinHandle<Result<CompletedPart>>;

/// One object written as it is produced, a part at a time, the next part filling while the
/// last one is sent.
pub struct MultipartWrite {
    client: Client,
    bucket: String,
    key: String,
    upload_id: String,
    buffer: Vec<u8>,
    parts: Vec<CompletedPart>,
    sending: Option<SentPart>,
}

impl MultipartWrite {
    pub async fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= PART_BYTES {
            self.send_part().await?;
        }
        Ok(())
    }

    /// Hands the buffer to a task of its own once the part before it has gone.
    async fn send_part(&mut self) -> Result<()> {
        self.wait_for_sending().await?;
        let body = std::mem::replace(&mut self.buffer, Vec::with_capacity(PART_BYTES));
        let number = i32::try_from(self.parts.len() + 1)
            .map_err(|_| Error::TooLarge("too many parts".into()))?;
        let request = self
            .client
            .upload_part()
            .bucket(&self.bucket)
            .key(&self.key)
            .upload_id(&self.upload_id)
            .part_number(number)
            .checksum_algorithm(ChecksumAlgorithm::Crc32)
            .body(ByteStream::from(body));
        self.sending = Some(tokio::spawn(async move {
            let out = request
                .send()
                .await
                .map_err(|e| Error::upstream("S3 UploadPart", e))?;
            Ok(CompletedPart::builder()
                .part_number(number)
                .set_e_tag(out.e_tag)
                .set_checksum_crc32(out.checksum_crc32)
                .build())
        }));
        Ok(())
    }

    async fn wait_for_sending(&mut self) -> Result<()> {
        if let Some(sending) = self.sending.take() {
            let part = sending
                .await
                .map_err(|e| Error::internal_from("an S3 part's task", e))??;
            self.parts.push(part);
        }
        Ok(())
    }

    /// Sends what is left and makes the object whole; it appears at its key only now.
    pub async fn complete(&mut self) -> Result<()> {
        if !self.buffer.is_empty() || self.parts.is_empty() {
            self.send_part().await?;
        }
        self.wait_for_sending().await?;
        let parts = CompletedMultipartUpload::builder()
            .set_parts(Some(std::mem::take(&mut self.parts)))
            .build();
        self.client
            .complete_multipart_upload()
            .bucket(&self.bucket)
            .key(&self.key)
            .upload_id(&self.upload_id)
            .multipart_upload(parts)
            .send()
            .await
            .map_err(|e| Error::upstream("S3 CompleteMultipartUpload", e))?;
        Ok(())
    }

    /// Gives the parts up (the bucket's lifecycle rule aborts what this cannot).
    pub async fn abort(mut self) {
        if let Some(sending) = self.sending.take() {
            sending.abort();
        }
        let aborted = self
            .client
            .abort_multipart_upload()
            .bucket(&self.bucket)
            .key(&self.key)
            .upload_id(&self.upload_id)
            .send()
            .await;
        if let Err(err) = aborted {
            tracing::warn!(error = %err, key = %self.key, "S3 AbortMultipartUpload failed");
        }
    }
}
