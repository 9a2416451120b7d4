//! The server over real loopback TCP, as `twostep_server::serve` runs it: slow or idle clients
//! are closed by the timeouts, extra clients wait for a free connection, a refused write leaves
//! its connection usable, a long poll is not cut, and exports beyond the cap answer 503. One
//! address cannot take every connection, headers and bodies are bounded before they are read,
//! and a stop closes what is still open after its grace period.

#![warn(missing_docs)]

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use common::{Client, TestServer};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use twostep_contract::problem_types;
use twostep_server::Limits;

/// How long a test waits for anything the server should do within a second or two.
const PATIENCE: Duration = Duration::from_secs(15);

/// A server listening on a loopback port, stopped when dropped.
struct Served {
    server: TestServer,
    addr: SocketAddr,
    stop: tokio::sync::oneshot::Sender<()>,
    /// The serve loop, finished once every connection is closed after a stop.
    serving: tokio::task::JoinHandle<twostep_server::Result<()>>,
}

/// Short timeouts, so that a test sees them pass.
fn short_limits() -> Limits {
    Limits {
        header_timeout: Duration::from_secs(1),
        body_timeout: Duration::from_secs(1),
        idle_timeout: Duration::from_secs(2),
        ..Limits::default()
    }
}

/// A fresh demo database served within `limits`, after `prepare` has adjusted the server.
async fn serve_with(limits: Limits, prepare: impl FnOnce(&mut TestServer)) -> Served {
    serve_with_grace(limits, twostep_server::serve::SHUTDOWN_GRACE, prepare).await
}

/// [`serve_with`], with this grace period after a stop.
async fn serve_with_grace(
    limits: Limits,
    grace: Duration,
    prepare: impl FnOnce(&mut TestServer),
) -> Served {
    let mut server = common::start_with_limits(limits).await;
    prepare(&mut server);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let router = server.app.router.clone();
    let limits = server.app.state.limits.clone();
    let serving = tokio::spawn(twostep_server::serve::serve_with_grace(
        listener,
        router,
        limits,
        async {
            let _ = stopped.await;
        },
        grace,
    ));
    Served { server, addr, stop, serving }
}

/// An answer read off the socket.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }

    /// Asserts a problem answer of this status and type.
    fn problem(&self, status: u16, kind: &str) {
        assert_eq!(self.status, status, "{}", String::from_utf8_lossy(&self.body));
        assert_eq!(self.json()["type"], kind);
    }
}

/// A connection with what it has read and not yet used.
struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    async fn open(addr: SocketAddr) -> Connection {
        Connection { stream: TcpStream::connect(addr).await.unwrap(), buffer: Vec::new() }
    }

    /// A connection whose receive buffer is small, so that the server cannot send much ahead
    /// of what it reads.
    async fn open_small(addr: SocketAddr) -> Connection {
        let socket = TcpSocket::new_v4().unwrap();
        socket.set_recv_buffer_size(4096).unwrap();
        Connection { stream: socket.connect(addr).await.unwrap(), buffer: Vec::new() }
    }

    /// A connection from the loopback address `ip` (any of 127.0.0.0/8).
    async fn open_from(ip: &str, addr: SocketAddr) -> Connection {
        let socket = TcpSocket::new_v4().unwrap();
        socket.bind(SocketAddr::new(ip.parse().unwrap(), 0)).unwrap();
        Connection { stream: socket.connect(addr).await.unwrap(), buffer: Vec::new() }
    }

    /// Sends `bytes`, unless the server has closed the connection already.
    async fn try_send(&mut self, bytes: &[u8]) {
        let _ = self.stream.write_all(bytes).await;
    }

    /// Everything the server sends until it closes the connection.
    async fn rest(&mut self) -> Vec<u8> {
        for _ in 0..100_000 {
            if !self.fill().await {
                return std::mem::take(&mut self.buffer);
            }
        }
        panic!("the server kept sending");
    }

    async fn send(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).await.unwrap();
    }

    /// Reads more bytes into the buffer; false at the end of the stream (or a reset).
    async fn fill(&mut self) -> bool {
        let mut chunk = [0u8; 16 * 1024];
        match tokio::time::timeout(PATIENCE, self.stream.read(&mut chunk)).await {
            Ok(Ok(0)) | Ok(Err(_)) => false,
            Ok(Ok(n)) => {
                self.buffer.extend_from_slice(&chunk[..n]);
                true
            }
            Err(_) => panic!("the server neither answered nor closed within {PATIENCE:?}"),
        }
    }

    /// Takes `n` bytes from the buffer, reading more as needed.
    async fn take(&mut self, n: usize) -> Vec<u8> {
        while self.buffer.len() < n {
            assert!(self.fill().await, "the connection closed within an answer");
        }
        self.buffer.drain(..n).collect()
    }

    /// Takes a line ending in CRLF (without it).
    async fn line(&mut self) -> Option<String> {
        loop {
            if let Some(end) = self.buffer.windows(2).position(|w| w == b"\r\n") {
                let line = self.buffer.drain(..end + 2).take(end).collect();
                return Some(String::from_utf8(line).unwrap());
            }
            if !self.fill().await {
                return None;
            }
        }
    }

    /// The status and headers of the next answer, or `None` when the server closed the
    /// connection instead.
    async fn head(&mut self) -> Option<Answer> {
        let status_line = self.line().await?;
        let status = status_line.split(' ').nth(1).unwrap().parse().unwrap();
        let mut headers = Vec::new();
        loop {
            let line = self.line().await.expect("the connection closed within headers");
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').unwrap();
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
        Some(Answer { status, headers, body: Vec::new() })
    }

    /// The rest of the answer `head` began.
    async fn body(&mut self, mut answer: Answer) -> Answer {
        if answer.header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
            loop {
                let size = self.line().await.unwrap();
                let size = usize::from_str_radix(size.split(';').next().unwrap(), 16).unwrap();
                if size == 0 {
                    while !self.line().await.unwrap().is_empty() {}
                    break;
                }
                answer.body.extend(self.take(size).await);
                assert_eq!(self.take(2).await, b"\r\n");
            }
        } else {
            let length = answer.header("content-length").map_or(0, |v| v.parse().unwrap());
            answer.body = self.take(length).await;
        }
        answer
    }

    /// The next whole answer, or `None` when the server closed the connection instead.
    async fn answer(&mut self) -> Option<Answer> {
        let head = self.head().await?;
        Some(self.body(head).await)
    }

    /// Whether the server closes the connection (within [`PATIENCE`]) without another answer.
    async fn closes(&mut self) -> bool {
        self.buffer.is_empty() && !self.fill().await
    }
}

/// A request with these headers and body.
fn request(method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut text = format!("{method} {path} HTTP/1.1\r\nHost: twostep.test\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() || method != "GET" {
        text.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    text.push_str("\r\n");
    text.push_str(body);
    text.into_bytes()
}

fn health() -> Vec<u8> {
    request("GET", "/api/v1/health", &[], "")
}

fn session_cookie(client: &Client) -> String {
    format!("twostep_session={}", client.cookie)
}

#[tokio::test]
async fn partial_headers_are_closed_after_the_header_timeout() {
    let served = serve_with(short_limits(), |_| {}).await;
    let mut slow = Connection::open(served.addr).await;
    slow.send(b"GET /api/v1/health HTTP/1.1\r\nHost: twostep.test\r\n").await;
    assert!(slow.closes().await, "a client that never ends its headers is closed");

    // A client that connects and says nothing is closed too.
    let mut silent = Connection::open(served.addr).await;
    assert!(silent.closes().await);

    // Others are still served.
    let mut client = Connection::open(served.addr).await;
    client.send(&health()).await;
    assert_eq!(client.answer().await.unwrap().status, 200);
}

#[tokio::test]
async fn a_partial_body_is_answered_408_and_closed() {
    let served = serve_with(short_limits(), |_| {}).await;
    let mut slow = Connection::open(served.addr).await;
    slow.send(
        b"POST /api/v1/session HTTP/1.1\r\nHost: twostep.test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":",
    )
    .await;
    let answer = slow.answer().await.expect("a 408 before the connection closes");
    answer.problem(408, problem_types::REQUEST_TIMEOUT);
    assert_eq!(answer.header("connection"), Some("close"));
    assert!(slow.closes().await);
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed_after_the_idle_timeout() {
    let served = serve_with(short_limits(), |_| {}).await;
    let mut client = Connection::open(served.addr).await;
    for _ in 0..3 {
        client.send(&health()).await;
        assert_eq!(client.answer().await.unwrap().status, 200, "kept alive between requests");
    }
    assert!(client.closes().await, "then closed once idle");
}

#[tokio::test]
async fn past_max_connections_a_client_waits_for_one_to_close() {
    let limits =
        Limits { max_connections: 2, header_timeout: Duration::from_secs(3), ..short_limits() };
    let served = serve_with(limits, |_| {}).await;
    let mut first = Connection::open(served.addr).await;
    first.send(b"GET /api/v1/health HTTP/1.1\r\n").await;
    let mut second = Connection::open(served.addr).await;
    second.send(b"GET /api/v1/health HTTP/1.1\r\n").await;

    // The third is accepted by the kernel, but served only once a connection closes.
    let mut third = Connection::open(served.addr).await;
    third.send(&health()).await;
    let early = tokio::time::timeout(Duration::from_millis(300), third.fill()).await;
    assert!(early.is_err(), "the third client was served while two connections were open");
    drop(first);
    assert_eq!(third.answer().await.unwrap().status, 200);

    // The slow second client is closed by the header timeout, and makes room for a fourth.
    assert!(second.closes().await);
    drop(third);
    let mut fourth = Connection::open(served.addr).await;
    fourth.send(&health()).await;
    assert_eq!(fourth.answer().await.unwrap().status, 200);
}

#[tokio::test]
async fn a_write_refused_for_its_csrf_token_leaves_the_connection_usable() {
    let served = serve_with(short_limits(), |_| {}).await;
    let maya = served.server.sign_in("maya@northwind.example").await;
    let cookie = session_cookie(&maya);
    let body = json!({"administrators": "all", "technicians": "none", "primary_method": "authenticator_app"})
        .to_string();
    let mut connection = Connection::open(served.addr).await;
    for round in 0..50 {
        // The headers, then the body a moment later: the 403 must not be sent (and the
        // connection given up) before the body has arrived.
        let write = request(
            "PUT",
            "/api/v1/two-step-verification/policy",
            &[
                ("Cookie", &cookie),
                ("X-CSRF-Token", "wrong"),
                ("If-Match", "\"1\""),
                ("Content-Type", "application/json"),
            ],
            &body,
        );
        let (head, rest) = write.split_at(write.len() - body.len());
        connection.send(head).await;
        tokio::time::sleep(Duration::from_millis(2)).await;
        connection.send(rest).await;
        let refused =
            connection.answer().await.unwrap_or_else(|| panic!("closed in round {round}"));
        refused.problem(403, problem_types::CSRF);

        connection.send(&request("GET", "/api/v1/session", &[("Cookie", &cookie)], "")).await;
        let session =
            connection.answer().await.unwrap_or_else(|| panic!("closed in round {round}"));
        assert_eq!(session.status, 200, "round {round}");
    }
}

#[tokio::test]
async fn a_long_poll_outlasts_the_timeouts() {
    let served = serve_with(short_limits(), |server| server.set_approval_wait(4_000)).await;
    let server = &served.server;
    let (pending, _) = server.pending("ines@northwind.example").await;
    let started = server.start(&pending, json!({"method": "lastpass_notification"})).await;
    assert_eq!(started.status.as_u16(), 200, "{}", started.text());

    // Longer than the header, body and idle timeouts: the poll waits its 4 s, then answers.
    let cookie = format!("twostep_pending={}", pending.cookie);
    let mut connection = Connection::open(served.addr).await;
    connection
        .send(&request(
            "POST",
            "/api/v1/session/second-step/complete",
            &[
                ("Cookie", &cookie),
                ("X-CSRF-Token", &pending.csrf),
                ("Content-Type", "application/json"),
            ],
            "{}",
        ))
        .await;
    let waited = connection.answer().await.expect("the long poll was cut");
    waited.problem(409, problem_types::APPROVAL_PENDING);
}

/// Adds `count` technicians to Northwind, so that its export is a few megabytes.
async fn add_many_members(server: &TestServer, count: u32) {
    server
        .execute(&format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
             INSERT INTO members (organization_id, name, email, password_hash, is_technician,
                 technician_console_version, created_at)
             SELECT organization_id, 'Generated Technician Number ' || i,
                 'generated.technician.' || i || '@northwind.example', 'x', 1, '7.60.3800', 0
             FROM n, (SELECT organization_id FROM members WHERE email = 'maya@northwind.example')"
        ))
        .await;
}

#[tokio::test]
async fn exports_beyond_the_cap_answer_503_and_the_file_is_the_same() {
    let limits = Limits { max_exports: 1, idle_timeout: Duration::from_secs(30), ..short_limits() };
    let served = serve_with(limits, |_| {}).await;
    let server = &served.server;
    add_many_members(server, 40_000).await;
    let maya = server.sign_in("maya@northwind.example").await;
    let cookie = session_cookie(&maya);
    let export = request("GET", "/api/v1/members/export?sort=-email", &[("Cookie", &cookie)], "");

    // The first export streams to a client that reads nothing yet: it holds the one permit.
    let mut first = Connection::open_small(served.addr).await;
    first.send(&export).await;
    let head = first.head().await.unwrap();
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-type"), Some("text/csv; charset=utf-8"));

    let mut second = Connection::open(served.addr).await;
    second.send(&export).await;
    let busy = second.answer().await.unwrap();
    busy.problem(503, problem_types::UNAVAILABLE);
    assert!(busy.header("retry-after").unwrap().parse::<u32>().unwrap() >= 1);

    // The first file is whole, and byte for byte what the router answers.
    let streamed = first.body(head).await.body;
    let expected = server
        .call(axum::http::Method::GET, "/api/v1/members/export?sort=-email", Some(&maya), None)
        .await;
    assert_eq!(expected.status.as_u16(), 200);
    assert_eq!(streamed.len(), expected.body.len());
    assert!(streamed == expected.body, "the streamed file differs");
    let rows = common::parse_csv(&String::from_utf8(streamed).unwrap());
    assert!(rows.len() > 40_000);

    // Once it is sent, the next export streams.
    second.send(&export).await;
    let again = second.answer().await.unwrap();
    assert_eq!(again.status, 200);
    assert_eq!(again.body.len(), expected.body.len());
}

#[tokio::test]
async fn one_address_cannot_take_every_connection() {
    let limits = Limits {
        max_connections_per_address: 2,
        header_timeout: Duration::from_secs(30),
        idle_timeout: Duration::from_secs(30),
        ..short_limits()
    };
    let served = serve_with(limits, |_| {}).await;
    let mut first = Connection::open_from("127.0.0.1", served.addr).await;
    let mut second = Connection::open_from("127.0.0.1", served.addr).await;
    for held in [&mut first, &mut second] {
        held.send(&health()).await;
        assert_eq!(held.answer().await.unwrap().status, 200);
    }

    // A third from the same address is closed without an answer...
    let mut third = Connection::open_from("127.0.0.1", served.addr).await;
    third.try_send(&health()).await;
    assert!(third.rest().await.is_empty(), "the third connection was answered");

    // ...while another address is served, and the first two still are.
    let mut other = Connection::open_from("127.0.0.2", served.addr).await;
    other.send(&health()).await;
    assert_eq!(other.answer().await.unwrap().status, 200);
    second.send(&health()).await;
    assert_eq!(second.answer().await.unwrap().status, 200);

    // Once one closes, the address may open another.
    drop(first);
    let mut served_again = false;
    for _ in 0..100 {
        let mut again = Connection::open_from("127.0.0.1", served.addr).await;
        again.try_send(&health()).await;
        if let Some(answer) = again.answer().await {
            assert_eq!(answer.status, 200);
            served_again = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(served_again, "the address got no connection back after one closed");
}

#[tokio::test]
async fn headers_beyond_32_kib_are_refused_and_normal_ones_served() {
    let served = serve_with(short_limits(), |_| {}).await;
    let filler = "a".repeat(1024);
    let many: Vec<(String, String)> =
        (0..40).map(|i| (format!("X-Filler-{i}"), filler.clone())).collect();
    let many: Vec<(&str, &str)> = many.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let mut big = Connection::open(served.addr).await;
    big.try_send(&request("GET", "/api/v1/health", &many, "")).await;
    let rest = big.rest().await;
    assert!(
        rest.is_empty() || rest.starts_with(b"HTTP/1.1 431 "),
        "40 KiB of headers: {}",
        String::from_utf8_lossy(&rest)
    );

    // More than 64 headers, however short, are refused too.
    let names: Vec<String> = (0..80).map(|i| format!("X-H{i}")).collect();
    let short: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "1")).collect();
    let mut numerous = Connection::open(served.addr).await;
    numerous.try_send(&request("GET", "/api/v1/health", &short, "")).await;
    let rest = numerous.rest().await;
    assert!(
        rest.is_empty() || rest.starts_with(b"HTTP/1.1 431 "),
        "{}",
        String::from_utf8_lossy(&rest)
    );

    // A request with a few kilobytes of ordinary headers is served.
    let cookie = format!("other={}", "b".repeat(4096));
    let mut normal = Connection::open(served.addr).await;
    normal
        .send(&request("GET", "/api/v1/health", &[("Cookie", &cookie), ("Accept", "*/*")], ""))
        .await;
    assert_eq!(normal.answer().await.unwrap().status, 200);
}

#[tokio::test]
async fn a_body_announced_too_large_is_refused_before_it_is_sent() {
    let served = serve_with(short_limits(), |_| {}).await;
    let mut client = Connection::open(served.addr).await;
    // Only the headers: a client that expects 100 Continue sends no byte of the body before it.
    client
        .send(
            b"POST /api/v1/session HTTP/1.1\r\nHost: twostep.test\r\nContent-Type: application/json\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n",
        )
        .await;
    let answer = client.answer().await.expect("an answer to the headers alone");
    answer.problem(413, problem_types::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.header("connection"), Some("close"));
    assert!(client.closes().await);
}

#[tokio::test]
async fn a_malformed_chunked_body_is_answered_400() {
    let served = serve_with(short_limits(), |_| {}).await;
    let mut client = Connection::open(served.addr).await;
    client
        .send(
            b"POST /api/v1/session HTTP/1.1\r\nHost: twostep.test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
        )
        .await;
    let answer = client.answer().await.expect("an answer to the broken body");
    answer.problem(400, "/problems/bad-request");
    assert_eq!(answer.header("connection"), Some("close"));
    assert!(client.closes().await);
}

#[tokio::test]
async fn a_header_value_with_control_characters_is_answered_400_by_the_http_layer() {
    let served = serve_with(short_limits(), |_| {}).await;
    let mut client = Connection::open(served.addr).await;
    client
        .send(
            b"PUT /api/v1/two-step-verification/policy HTTP/1.1\r\nHost: twostep.test\r\nIf-Match: \x06\"1\"\r\nContent-Length: 0\r\n\r\n",
        )
        .await;
    let answer = client.answer().await.expect("an answer to the broken header");
    assert_eq!(answer.status, 400, "the document lists 400 for every operation");
}

#[tokio::test]
async fn a_stop_closes_what_is_still_open_after_the_grace_period() {
    let limits = Limits { idle_timeout: Duration::from_secs(600), ..short_limits() };
    let served = serve_with_grace(limits, Duration::from_secs(1), |_| {}).await;
    add_many_members(&served.server, 40_000).await;
    let maya = served.server.sign_in("maya@northwind.example").await;
    let cookie = session_cookie(&maya);

    // An export to a client that reads nothing of it: it would hold its connection for ever.
    let mut stalled = Connection::open_small(served.addr).await;
    stalled.send(&request("GET", "/api/v1/members/export", &[("Cookie", &cookie)], "")).await;
    assert_eq!(stalled.head().await.unwrap().status, 200);

    let Served { stop, serving, server: _server, .. } = served;
    let _ = stop.send(());
    let stopped = tokio::time::timeout(PATIENCE, serving).await;
    stopped.expect("the server did not stop after its grace period").unwrap().unwrap();
    // The export was cut: the client gets what was sent, then the end, not the whole file.
    let rest = stalled.rest().await;
    assert!(!rest.ends_with(b"0\r\n\r\n"), "the export was finished, not cut");
}
