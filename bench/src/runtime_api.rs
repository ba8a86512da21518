//! A minimal Lambda Runtime API on loopback, enough for the real runtime client: it hands out
//! one event per `GET /next`, and takes `POST /response` and `POST /error`.

use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot, Mutex};

/// What the function answered for one invocation, and when the answer arrived.
pub struct Answer {
    pub body: String,
    pub error: bool,
    pub at: Instant,
}

pub struct RuntimeApi {
    pub address: String,
    events: mpsc::Sender<String>,
    answers: mpsc::Receiver<Answer>,
    first_poll: Option<oneshot::Receiver<Instant>>,
    accept: tokio::task::JoinHandle<()>,
}

impl Drop for RuntimeApi {
    /// Stops listening: one API per start, hundreds per bench.
    fn drop(&mut self) {
        self.accept.abort();
    }
}

struct Shared {
    events: Mutex<mpsc::Receiver<String>>,
    /// Puts back an event taken for a connection that turned out dead, for the live one;
    /// weak, so that the channel still closes when the bench drops its `RuntimeApi`.
    requeue: mpsc::WeakSender<String>,
    answers: mpsc::Sender<Answer>,
    first_poll: Mutex<Option<oneshot::Sender<Instant>>>,
}

impl RuntimeApi {
    pub async fn start() -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?.to_string();
        let (event_tx, event_rx) = mpsc::channel(1);
        let (answer_tx, answer_rx) = mpsc::channel(1);
        let (poll_tx, poll_rx) = oneshot::channel();
        let shared = Arc::new(Shared {
            events: Mutex::new(event_rx),
            requeue: event_tx.downgrade(),
            answers: answer_tx,
            first_poll: Mutex::new(Some(poll_tx)),
        });
        let accept = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, shared.clone()));
            }
        });
        Ok(Self {
            accept,
            address,
            events: event_tx,
            answers: answer_rx,
            first_poll: Some(poll_rx),
        })
    }

    /// When the function first asked for an event: the end of its initialisation.
    pub async fn first_poll(&mut self) -> Option<Instant> {
        self.first_poll.take()?.await.ok()
    }

    /// Hands `event` to the waiting function and returns its answer.
    pub async fn invoke(&mut self, event: String) -> Option<Answer> {
        self.events.send(event).await.ok()?;
        self.answers.recv().await
    }
}

async fn serve(mut stream: TcpStream, shared: Arc<Shared>) {
    let mut buffer = Vec::new();
    loop {
        let Some((head, body)) = read_request(&mut stream, &mut buffer).await else {
            return;
        };
        let request_line = head.lines().next().unwrap_or_default().to_string();
        let mut parts = request_line.split_whitespace();
        let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let mut handed = None;
        let reply = if method == "GET" && path.ends_with("/invocation/next") {
            if let Some(first) = shared.first_poll.lock().await.take() {
                let _ = first.send(Instant::now());
            }
            let Some(event) = shared.events.lock().await.recv().await else {
                return;
            };
            let deadline = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_millis() + 60_000)
                .unwrap_or_default();
            let reply = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nlambda-runtime-aws-request-id: bench-request\r\nlambda-runtime-deadline-ms: {deadline}\r\nlambda-runtime-invoked-function-arn: arn:aws:lambda:us-east-1:123456789012:function:bench\r\nlambda-runtime-trace-id: Root=1-00000000-000000000000000000000000\r\ncontent-length: {}\r\n\r\n{event}",
                event.len()
            );
            handed = Some(event);
            reply
        } else if method == "POST" && (path.ends_with("/response") || path.ends_with("/error")) {
            let answer = Answer {
                body,
                error: path.ends_with("/error"),
                at: Instant::now(),
            };
            if shared.answers.send(answer).await.is_err() {
                return;
            }
            "HTTP/1.1 202 Accepted\r\ncontent-length: 2\r\n\r\n{}".to_string()
        } else {
            "HTTP/1.1 202 Accepted\r\ncontent-length: 2\r\n\r\n{}".to_string()
        };
        if stream.write_all(reply.as_bytes()).await.is_err() {
            if let (Some(event), Some(requeue)) = (handed, shared.requeue.upgrade()) {
                let _ = requeue.try_send(event);
            }
            return;
        }
    }
}

/// One HTTP/1.1 request off a kept-alive connection: its head and its body.
async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<(String, String)> {
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).to_string();
            let length = head
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())
                        .flatten()
                })
                .unwrap_or(0);
            while buffer.len() < end + 4 + length {
                let n = stream.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buffer.extend_from_slice(&chunk[..n]);
            }
            let body = String::from_utf8_lossy(&buffer[end + 4..end + 4 + length]).to_string();
            buffer.drain(..end + 4 + length);
            return Some((head, body));
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
}
