//! AWS's side for the function processes: a proxy in front of moto that terminates TLS with
//! a throwaway CA made for this run (root, intermediate and a leaf for `localhost` and
//! 127.0.0.1, RSA 2048 like AWS's endpoints, so a function verifies a chain of the same shape),
//! and that meters how long moto takes to answer, so the tables can tell the functions' own
//! time from the emulator's. The functions trust the root through `AWS_CA_BUNDLE` (a PEM file
//! that lives as long as the proxy); the bench's own clients keep talking plain HTTP to moto.

use crate::BoxError;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose, PKCS_RSA_SHA256,
};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;
use time::{Duration, OffsetDateTime};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::{crypto::ring, ServerConfig};
use tokio_rustls::TlsAcceptor;

/// The proxy, listening until dropped, and the CA file that makes it trusted.
pub struct Front {
    /// `https://localhost:<port>`: what the functions get as `AWS_ENDPOINT_URL`. A name, not
    /// an address, so a function resolves it and sends SNI as it does for AWS.
    pub endpoint: String,
    /// The root's PEM, what the functions get as `AWS_CA_BUNDLE`; none in plain HTTP.
    ca_bundle: Option<PathBuf>,
    pub meter: Arc<Meter>,
    dir: Option<PathBuf>,
    accept: tokio::task::JoinHandle<()>,
}

/// How long moto took to answer the requests through the proxy, how many there were, and
/// which one it is answering now (for a bench that waits too long to say why).
#[derive(Default)]
pub struct Meter {
    nanos: AtomicU64,
    requests: AtomicU64,
    in_flight: std::sync::Mutex<Option<(Instant, String)>>,
}

/// A reading of the meter; the difference of two is what happened in between.
#[derive(Clone, Copy, Default, PartialEq, Debug)]
pub struct Reading {
    pub time: std::time::Duration,
    pub requests: u64,
}

impl Meter {
    pub fn read(&self) -> Reading {
        Reading {
            time: std::time::Duration::from_nanos(self.nanos.load(Ordering::SeqCst)),
            requests: self.requests.load(Ordering::SeqCst),
        }
    }

    /// E.g. `moto has been answering POST / (DynamoDB_20120810.TransactWriteItems) for 31 s`.
    pub fn in_flight(&self) -> String {
        match self.in_flight.lock().ok().and_then(|f| f.clone()) {
            Some((since, what)) => format!(
                "moto has been answering {what} for {:.0} s",
                since.elapsed().as_secs_f64()
            ),
            None => "no request is waiting on moto".into(),
        }
    }

    fn asking(&self, what: Option<String>) {
        if let Ok(mut in_flight) = self.in_flight.lock() {
            *in_flight = what.map(|w| (Instant::now(), w));
        }
    }

    fn add(&self, waited: std::time::Duration) {
        let nanos = u64::try_from(waited.as_nanos()).unwrap_or(u64::MAX);
        self.nanos.fetch_add(nanos, Ordering::SeqCst);
        self.requests.fetch_add(1, Ordering::SeqCst);
    }
}

impl std::ops::Sub for Reading {
    type Output = Reading;

    fn sub(self, earlier: Reading) -> Reading {
        Reading {
            time: self.time.saturating_sub(earlier.time),
            requests: self.requests.saturating_sub(earlier.requests),
        }
    }
}

impl Front {
    /// Starts forwarding each connection to `upstream` (moto, plain HTTP): over TLS, after
    /// making the CA and writing its root to a fresh temporary directory, or, with `tls`
    /// false, in plain HTTP (the same hop without the handshake, to compare).
    pub async fn start(upstream: SocketAddr, tls: bool) -> Result<Self, BoxError> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        let meter = Arc::new(Meter::default());
        let counted = meter.clone();
        if !tls {
            let accept = tokio::spawn(async move {
                while let Ok((client, _)) = listener.accept().await {
                    tokio::spawn(forward(None, client, upstream, counted.clone()));
                }
            });
            return Ok(Self {
                endpoint: format!("http://localhost:{port}"),
                ca_bundle: None,
                meter,
                dir: None,
                accept,
            });
        }
        let chain = Chain::generate()?;
        let dir = std::env::temp_dir().join(format!("portal-bench-ca-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let ca_bundle = dir.join("ca.pem");
        std::fs::write(&ca_bundle, &chain.root_pem)?;

        let provider = Arc::new(ring::default_provider());
        let config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()?
            .with_no_client_auth()
            .with_single_cert(chain.certificates, chain.key)?;
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let accept = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(forward(
                    Some(acceptor.clone()),
                    client,
                    upstream,
                    counted.clone(),
                ));
            }
        });
        Ok(Self {
            endpoint: format!("https://localhost:{port}"),
            ca_bundle: Some(ca_bundle),
            meter,
            dir: Some(dir),
            accept,
        })
    }

    pub fn ca_bundle(&self) -> Option<&Path> {
        self.ca_bundle.as_deref()
    }
}

impl Drop for Front {
    fn drop(&mut self) {
        self.accept.abort();
        // The CA is trusted for this run only: its file goes with it.
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// One connection: the handshake (paid by the function, as with AWS), then its requests.
async fn forward(
    acceptor: Option<TlsAcceptor>,
    client: TcpStream,
    upstream: SocketAddr,
    meter: Arc<Meter>,
) {
    // Small request/response exchanges: Nagle would add delays AWS does not have.
    let _ = client.set_nodelay(true);
    match acceptor {
        Some(acceptor) => {
            if let Ok(tls) = acceptor.accept(client).await {
                serve(tls, upstream, &meter).await;
            }
        }
        None => serve(client, upstream, &meter).await,
    }
}

/// Serves one kept-alive HTTP/1.1 connection, as AWS's endpoints do, though moto (HTTP/1.0)
/// closes its connection after every answer: each request goes to moto on a fresh loopback
/// connection and its answer comes back reframed for keep-alive. Without this a function
/// would pay a TLS handshake per request. The meter runs from the whole request in hand to the
/// whole answer in hand: moto's time, not the function's.
async fn serve(client: impl AsyncRead + AsyncWrite, upstream: SocketAddr, meter: &Meter) {
    let (mut reader, mut writer) = tokio::io::split(client);
    let mut buffer = Vec::new();
    while let Some(request) = read_request(&mut reader, &mut buffer).await {
        meter.asking(Some(request.describe()));
        let asked = Instant::now();
        let answer = exchange(upstream, &request).await;
        meter.add(asked.elapsed());
        meter.asking(None);
        let Some(answer) = answer.ok().and_then(|a| keep_alive(&a, request.head_only)) else {
            return;
        };
        if writer.write_all(&answer).await.is_err() || request.close {
            return;
        }
    }
}

/// One request off the connection, as received.
struct Request {
    bytes: Vec<u8>,
    /// A HEAD request: its answer's Content-Length describes a body that is not sent.
    head_only: bool,
    /// The client asked to close after this one.
    close: bool,
}

impl Request {
    /// Its request line and, for the JSON APIs, the operation, e.g.
    /// `POST / (DynamoDB_20120810.GetItem)`.
    fn describe(&self) -> String {
        let head = String::from_utf8_lossy(&self.bytes);
        let line = head.lines().next().unwrap_or("").to_string();
        let lower = head.to_ascii_lowercase();
        let head_end = lower.find("\r\n\r\n").unwrap_or(lower.len());
        match header(&lower[..head_end], "x-amz-target") {
            Some(target) => format!("{line} ({target})"),
            None => line,
        }
    }
}

/// The next request (head and Content-Length body) off `reader`; none at the end of the
/// connection or on a request this proxy does not frame (chunked bodies: the SDK's AWS calls
/// here all carry a length).
async fn read_request(
    reader: &mut (impl AsyncRead + Unpin),
    buffer: &mut Vec<u8>,
) -> Option<Request> {
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
            if head.contains("transfer-encoding:") {
                return None;
            }
            let length = header(&head, "content-length")
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            while buffer.len() < end + 4 + length {
                let n = reader.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buffer.extend_from_slice(&chunk[..n]);
            }
            let bytes: Vec<u8> = buffer.drain(..end + 4 + length).collect();
            return Some(Request {
                bytes,
                head_only: head.starts_with("head "),
                close: header(&head, "connection").is_some_and(|v| v == "close"),
            });
        }
        let n = reader.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
}

/// A header's value in a lower-cased head.
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().skip(1).find_map(|line| {
        let (n, v) = line.split_once(':')?;
        (n.trim() == name).then(|| v.trim())
    })
}

/// Sends one request to moto on a fresh connection and reads its whole answer: as long as
/// its Content-Length says (nothing after the head for HEAD), else until moto closes.
async fn exchange(upstream: SocketAddr, request: &Request) -> std::io::Result<Vec<u8>> {
    let mut server = TcpStream::connect(upstream).await?;
    let _ = server.set_nodelay(true);
    server.write_all(&request.bytes).await?;
    let mut answer = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(end) = answer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&answer[..end]).to_ascii_lowercase();
            let length = if request.head_only {
                Some(0)
            } else {
                header(&head, "content-length").and_then(|v| v.parse::<usize>().ok())
            };
            if let Some(length) = length {
                if answer.len() >= end + 4 + length {
                    answer.truncate(end + 4 + length);
                    return Ok(answer);
                }
            }
        }
        let n = server.read(&mut chunk).await?;
        if n == 0 {
            return Ok(answer);
        }
        answer.extend_from_slice(&chunk[..n]);
    }
}

/// moto's HTTP/1.0 answer as an HTTP/1.1 one that keeps the connection: framed by its
/// Content-Length, without `Connection: close`.
fn keep_alive(answer: &[u8], head_only: bool) -> Option<Vec<u8>> {
    let end = answer.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&answer[..end]).ok()?;
    let body = &answer[end + 4..];
    let mut lines = head.split("\r\n");
    let status = lines.next()?;
    let status = status
        .strip_prefix("HTTP/1.0")
        .map_or_else(|| status.to_string(), |rest| format!("HTTP/1.1{rest}"));
    let mut out = status;
    out.push_str("\r\n");
    for line in lines {
        let name = line
            .split(':')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let framing = matches!(
            name.as_str(),
            "connection" | "keep-alive" | "transfer-encoding"
        ) || (name == "content-length" && !head_only);
        if !framing {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    if !head_only {
        out.push_str(&format!("content-length: {}\r\n", body.len()));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    if !head_only {
        bytes.extend_from_slice(body);
    }
    Some(bytes)
}

/// Root → intermediate → leaf, as AWS's endpoints chain (Amazon Root CA 1 → Amazon RSA 2048
/// Mxx → the endpoint); the proxy sends leaf and intermediate.
struct Chain {
    root_pem: String,
    certificates: Vec<tokio_rustls::rustls::pki_types::CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
}

impl Chain {
    fn generate() -> Result<Self, BoxError> {
        // Valid from an hour ago (clock skew) for two days: long enough for any run.
        let now = OffsetDateTime::now_utc();
        let validity = |params: &mut CertificateParams| {
            params.not_before = now - Duration::hours(1);
            params.not_after = now + Duration::days(2);
        };
        let ca = |name: &str| {
            let mut params = CertificateParams::default();
            params.distinguished_name.push(
                DnType::CommonName,
                format!("portal-bench {name} (throwaway)"),
            );
            params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
            params.key_usages = vec![
                KeyUsagePurpose::KeyCertSign,
                KeyUsagePurpose::CrlSign,
                KeyUsagePurpose::DigitalSignature,
            ];
            validity(&mut params);
            params
        };
        let rsa = || KeyPair::generate_for(&PKCS_RSA_SHA256);

        let root = CertifiedIssuer::self_signed(ca("root"), rsa()?)?;
        let intermediate = CertifiedIssuer::signed_by(ca("intermediate"), rsa()?, &root)?;
        let mut leaf = CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".into()])?;
        leaf.distinguished_name
            .push(DnType::CommonName, "localhost");
        leaf.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ];
        leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        validity(&mut leaf);
        let leaf_key = rsa()?;
        let leaf_cert = leaf.signed_by(&leaf_key, &intermediate)?;
        Ok(Self {
            root_pem: root.pem(),
            certificates: vec![leaf_cert.der().clone(), intermediate.der().clone()],
            key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio_rustls::rustls::pki_types::pem::PemObject;
    use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};
    use tokio_rustls::rustls::{ClientConfig, RootCertStore};
    use tokio_rustls::TlsConnector;

    /// A client trusting only the written CA file reaches an HTTP/1.0 upstream that closes
    /// after each answer (as moto does) through the proxy by name, twice on one connection;
    /// both exchanges are metered, and the file goes with the proxy.
    #[tokio::test]
    async fn a_client_trusting_the_ca_file_keeps_one_connection_to_a_closing_upstream() {
        let upstream = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let upstream_address = upstream.local_addr().expect("address");
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = upstream.accept().await {
                let mut request = Vec::new();
                let mut byte = [0u8; 1];
                while !request.ends_with(b"\r\n\r\n") {
                    stream.read_exact(&mut byte).await.expect("read");
                    request.push(byte[0]);
                }
                let answer =
                    b"HTTP/1.0 200 OK\r\nConnection: close\r\nContent-Length: 4\r\n\r\npong";
                stream.write_all(answer).await.expect("write");
            }
        });
        let front = Front::start(upstream_address, true).await.expect("proxy");
        let ca = front.ca_bundle().expect("a CA file").to_path_buf();
        let mut roots = RootCertStore::empty();
        for cert in CertificateDer::pem_file_iter(&ca).expect("CA file") {
            roots.add(cert.expect("a certificate")).expect("a root");
        }
        let provider = Arc::new(ring::default_provider());
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_root_certificates(roots)
            .with_no_client_auth();
        let port = front
            .endpoint
            .rsplit(':')
            .next()
            .and_then(|p| p.parse::<u16>().ok())
            .expect("a port");
        let tcp = TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("connect");
        let name = ServerName::try_from("localhost").expect("name");
        let mut tls = TlsConnector::from(Arc::new(config))
            .connect(name, tcp)
            .await
            .expect("the handshake verifies the chain");
        let expected = b"HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\npong";
        for _ in 0..2 {
            tls.write_all(b"GET / HTTP/1.1\r\nhost: localhost\r\n\r\n")
                .await
                .expect("write");
            let mut answer = vec![0u8; expected.len()];
            tls.read_exact(&mut answer).await.expect("read");
            assert_eq!(answer, expected.to_vec());
        }
        assert_eq!(front.meter.read().requests, 2);

        drop(front);
        assert!(!ca.exists());
    }

    #[test]
    fn a_head_answer_keeps_its_length_and_sends_no_body() {
        let answer = b"HTTP/1.0 200 OK\r\nContent-Length: 1024\r\nConnection: close\r\n\r\n";
        let reframed = keep_alive(answer, true).expect("an answer");
        assert_eq!(
            reframed,
            b"HTTP/1.1 200 OK\r\nContent-Length: 1024\r\n\r\n".to_vec()
        );
    }
}
