//! Helpers shared by the integration tests: a fresh server on a temporary SQLite file, and
//! requests sent through the router without a socket.

#![allow(dead_code)]

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use serde_json::Value;
use tempfile::TempDir;
use tower::ServiceExt;
use twostep_server::{App, Config};

/// The demo password the tests seed with.
pub const PASSWORD: &str = "correct-horse-battery";

/// A server on its own temporary database and dist directory.
pub struct TestServer {
    /// The prepared app.
    pub app: App,
    /// The temporary directory holding `data/` and `dist/`.
    pub dir: TempDir,
}

/// An answer as a client sees it.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).map(|v| v.to_str().unwrap().to_owned())
    }

    /// Asserts an RFC 9457 problem with this status and type, and returns its body.
    pub fn problem(&self, status: u16, kind: &str) -> Value {
        assert_eq!(self.status.as_u16(), status, "{}", self.text());
        assert_eq!(self.header("content-type").as_deref(), Some("application/problem+json"));
        let body = self.json();
        assert_eq!(body["type"], kind, "{body}");
        assert_eq!(body["status"], status);
        assert!(body["title"].is_string());
        body
    }
}

/// A signed-in client.
pub struct Client {
    pub cookie: String,
    pub csrf: String,
}

/// Starts a server with a fresh database (the dist directory starts empty).
pub async fn start() -> TestServer {
    start_with(|_| {}).await
}

/// Starts a server like [`start`], with the settings `configure` changes.
pub async fn start_with(configure: impl FnOnce(&mut Config)) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        database_path: dir.path().join("data/twostep.db"),
        demo_password: Some(PASSWORD.into()),
        dist_dir: dir.path().join("dist"),
        secret_key: None,
        outbox_dir: dir.path().join("data/outbox"),
        public_url: Some("http://twostep.test".into()),
        limits: Default::default(),
    };
    configure(&mut config);
    let app = twostep_server::app(&config).await.unwrap();
    TestServer { app, dir }
}

impl TestServer {
    /// The dist directory the server serves.
    pub fn dist(&self) -> PathBuf {
        self.dir.path().join("dist")
    }

    /// Sends a request.
    pub async fn send(&self, request: Request<Body>) -> Answer {
        let response = self.app.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec();
        Answer { status, headers, body }
    }

    /// Sends a request with optional cookie, CSRF token and JSON body.
    pub async fn call(
        &self,
        method: Method,
        uri: &str,
        client: Option<&Client>,
        body: Option<Value>,
    ) -> Answer {
        let mut builder = Request::builder().method(method).uri(uri);
        if let Some(client) = client {
            builder = builder
                .header(header::COOKIE, format!("twostep_session={}", client.cookie))
                .header("x-csrf-token", &client.csrf);
        }
        let body = match body {
            Some(json) => {
                builder = builder.header(header::CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        self.send(builder.body(body).unwrap()).await
    }

    /// Sends `POST /api/v1/session`.
    pub async fn sign_in_with(&self, email: &str, password: &str) -> Answer {
        self.call(
            Method::POST,
            "/api/v1/session",
            None,
            Some(serde_json::json!({"email": email, "password": password})),
        )
        .await
    }

    /// Signs in a demo account and returns its cookie and CSRF token, taking the second step
    /// when the member needs one: verify with their authenticator app (its code computed as
    /// `twostep-server code` does, after forgetting the step last used, so that a test may sign
    /// the same member in often), or with the code or approval link of the outbox; or set up
    /// an authenticator app.
    pub async fn sign_in(&self, email: &str) -> Client {
        let answer = self.sign_in_with(email, PASSWORD).await;
        match answer.status.as_u16() {
            200 => session_client(&answer),
            202 => {
                let pending = Pending::of(&answer);
                let body = answer.json();
                let method = body["methods"][0].as_str().unwrap().to_owned();
                let done = if body["step"] == "verify" {
                    self.verify(email, &pending, &method).await
                } else {
                    self.set_up_authenticator(email, &pending).await
                };
                assert_eq!(done.status, StatusCode::OK, "{}", done.text());
                session_client(&done)
            }
            _ => panic!("sign-in of {email}: {} {}", answer.status, answer.text()),
        }
    }

    /// Verifies a pending step with the member's `method`; answers the `complete` answer.
    pub async fn verify(&self, email: &str, pending: &Pending, method: &str) -> Answer {
        match method {
            "authenticator_app" => {
                sqlx::query(
                    "UPDATE two_step_enrollments SET totp_last_step = NULL
                     WHERE member_id = (SELECT id FROM members WHERE email = $1)",
                )
                .bind(email)
                .execute(&self.app.db)
                .await
                .unwrap();
                let code = self.authenticator_code(email).await;
                self.complete(pending, serde_json::json!({"code": code})).await
            }
            "sms" | "email" => {
                let started = self.start(pending, serde_json::json!({"method": method})).await;
                assert_eq!(started.status, StatusCode::OK, "{}", started.text());
                let channel = if method == "sms" { "sms" } else { "email" };
                let code = self.outbox_code(channel);
                self.complete(pending, serde_json::json!({"code": code})).await
            }
            "lastpass_notification" => {
                let started = self.start(pending, serde_json::json!({"method": method})).await;
                assert_eq!(started.status, StatusCode::OK, "{}", started.text());
                let link = self.outbox_link();
                let decided = self.decide(&link, "approve").await;
                assert_eq!(decided.status, StatusCode::OK, "{}", decided.text());
                self.complete(pending, serde_json::json!({})).await
            }
            other => panic!("unknown method {other}"),
        }
    }

    /// Sets up an authenticator app for a pending step; answers the `complete` answer.
    pub async fn set_up_authenticator(&self, email: &str, pending: &Pending) -> Answer {
        let started = self.start(pending, serde_json::json!({"method": "authenticator_app"})).await;
        assert_eq!(started.status, StatusCode::OK, "{}", started.text());
        let key = self.key_of_uri(started.json()["authenticator"]["otpauth_uri"].as_str().unwrap());
        let (_, code) =
            twostep_server::two_step::totp::next_code(&key, now(), None).expect("a code");
        let _ = email;
        self.complete(pending, serde_json::json!({"code": code})).await
    }

    /// The key in an `otpauth://` URI.
    pub fn key_of_uri(&self, uri: &str) -> Vec<u8> {
        let secret = uri.split("secret=").nth(1).unwrap().split('&').next().unwrap();
        base32_decode(secret)
    }

    /// The code `twostep-server code` prints for `email` now.
    pub async fn authenticator_code(&self, email: &str) -> String {
        match twostep_server::code::next(&self.app.db, &self.app.state.secrets, email, now())
            .await
            .unwrap()
        {
            twostep_server::code::NextCode::Ready(code) => code,
            other => panic!("no code for {email} now: {other:?}"),
        }
    }

    /// Sends `POST /session/second-step/start`.
    pub async fn start(&self, pending: &Pending, body: Value) -> Answer {
        self.call_pending(Method::POST, "/api/v1/session/second-step/start", pending, Some(body))
            .await
    }

    /// Sends `POST /session/second-step/complete`.
    pub async fn complete(&self, pending: &Pending, body: Value) -> Answer {
        self.call_pending(Method::POST, "/api/v1/session/second-step/complete", pending, Some(body))
            .await
    }

    /// Sends a request with the pending cookie and its CSRF token.
    pub async fn call_pending(
        &self,
        method: Method,
        uri: &str,
        pending: &Pending,
        body: Option<Value>,
    ) -> Answer {
        let cookie = format!("twostep_pending={}", pending.cookie);
        let mut extra = vec![("cookie", cookie.as_str()), ("x-csrf-token", pending.csrf.as_str())];
        if body.is_none() {
            extra.retain(|(name, _)| *name != "content-type");
        }
        self.call_with(method, uri, None, body, &extra).await
    }

    /// The messages of the outbox, oldest first: (file name, text).
    pub fn outbox(&self) -> Vec<(String, String)> {
        let dir = self.dir.path().join("data/outbox");
        let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .map(|e| e.unwrap())
                    .map(|e| {
                        (
                            e.file_name().to_string_lossy().into_owned(),
                            std::fs::read_to_string(e.path()).unwrap(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
    }

    /// The code of the newest `channel` message of the outbox.
    pub fn outbox_code(&self, channel: &str) -> String {
        let (_, text) = self
            .outbox()
            .into_iter()
            .rev()
            .find(|(name, _)| name.ends_with(&format!("-{channel}.txt")))
            .unwrap_or_else(|| panic!("no {channel} message in the outbox"));
        let at = text.find(" code is ").expect("a code in the message") + " code is ".len();
        text[at..at + 6].to_owned()
    }

    /// The approval link of the newest push message, as a path under the server.
    pub fn outbox_link(&self) -> String {
        let (_, text) = self
            .outbox()
            .into_iter()
            .rev()
            .find(|(name, _)| name.ends_with("-push.txt"))
            .expect("no push message in the outbox");
        let line = text.lines().find(|l| l.contains("/push-approvals/")).expect("a link");
        let link = line.trim();
        link.strip_prefix("http://twostep.test").unwrap_or(link).to_owned()
    }

    /// Answers an approval link: `approve` or `deny`.
    pub async fn decide(&self, path: &str, decision: &str) -> Answer {
        let request = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("decision={decision}")))
            .unwrap();
        self.send(request).await
    }
}

/// A pending second step: its cookie and CSRF token.
#[derive(Clone, Debug)]
pub struct Pending {
    pub cookie: String,
    pub csrf: String,
}

impl Pending {
    /// The pending step a 202 answer opened.
    pub fn of(answer: &Answer) -> Pending {
        assert_eq!(answer.status, StatusCode::ACCEPTED, "{}", answer.text());
        let cookie = answer.header("set-cookie").unwrap();
        let value = cookie.split(';').next().unwrap().strip_prefix("twostep_pending=").unwrap();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
        assert!(cookie.contains("Max-Age=600"), "{cookie}");
        Pending {
            cookie: value.to_owned(),
            csrf: answer.json()["csrf_token"].as_str().unwrap().to_owned(),
        }
    }
}

/// The signed-in client of an answer that set the session cookie (a `Session` or a
/// `SecondStepDone`).
pub fn session_client(answer: &Answer) -> Client {
    let cookie = answer
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with("twostep_session="))
        .unwrap_or_else(|| panic!("no session cookie: {:?}", answer.headers));
    let value = cookie.split(';').next().unwrap().strip_prefix("twostep_session=").unwrap();
    let body = answer.json();
    let csrf = body["csrf_token"].as_str().or(body["session"]["csrf_token"].as_str()).unwrap();
    Client { cookie: value.to_owned(), csrf: csrf.to_owned() }
}

/// Unix seconds now.
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// Decodes unpadded RFC 4648 base32.
pub fn base32_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bits = 0u64;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text.bytes().filter(|c| *c != b' ' && *c != b'=') {
        let value = ALPHABET.iter().position(|a| *a == c.to_ascii_uppercase()).unwrap() as u64;
        bits = (bits << 5) | value;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    out
}

/// The policy endpoint.
pub const POLICY: &str = "/api/v1/two-step-verification/policy";

/// The preview endpoint.
pub const PREVIEW: &str = "/api/v1/two-step-verification/policy/preview";

impl TestServer {
    /// Sends a request like [`TestServer::call`], with extra headers.
    pub async fn call_with(
        &self,
        method: Method,
        uri: &str,
        client: Option<&Client>,
        body: Option<Value>,
        extra: &[(&str, &str)],
    ) -> Answer {
        self.send(request(method, uri, client, body, extra)).await
    }

    /// Sends `PUT /two-step-verification/policy` with `If-Match` when given.
    pub async fn put_policy(&self, client: &Client, if_match: Option<&str>, body: Value) -> Answer {
        let extra: Vec<(&str, &str)> = if_match.map(|tag| ("if-match", tag)).into_iter().collect();
        self.call_with(Method::PUT, POLICY, Some(client), Some(body), &extra).await
    }

    /// Runs a query that answers one integer.
    pub async fn scalar(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql).fetch_one(&self.app.db).await.unwrap()
    }
}

/// A subquery naming the id of Northwind Support.
pub const NORTHWIND: &str = "(SELECT id FROM organizations WHERE name = 'Northwind Support')";

/// A subquery naming the id of Contoso Helpdesk.
pub const CONTOSO: &str = "(SELECT id FROM organizations WHERE name = 'Contoso Helpdesk')";

/// The member list endpoint.
pub const MEMBERS: &str = "/api/v1/members";

impl TestServer {
    /// Sends `GET uri` and asserts a 200 JSON answer.
    pub async fn get_json(&self, uri: &str, client: &Client) -> Value {
        let answer = self.call(Method::GET, uri, Some(client), None).await;
        assert_eq!(answer.status, StatusCode::OK, "GET {uri}: {}", answer.text());
        answer.json()
    }

    /// The id of the member with `email`.
    pub async fn member_id(&self, email: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM members WHERE email = $1")
            .bind(email)
            .fetch_one(&self.app.db)
            .await
            .unwrap_or_else(|e| panic!("no member {email}: {e}"))
    }

    /// The id of the technician group named `name` (names are unique in the demo).
    pub async fn group_id(&self, name: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM technician_groups WHERE name = $1")
            .bind(name)
            .fetch_one(&self.app.db)
            .await
            .unwrap_or_else(|e| panic!("no group {name}: {e}"))
    }

    /// Adds a technician named `name` to Northwind's group `group`, without a setup; returns
    /// their id.
    pub async fn add_technician(&self, name: &str, email: &str, group: &str) -> i64 {
        let group = self.group_id(group).await;
        sqlx::query_scalar(&format!(
            "INSERT INTO members (organization_id, name, email, password_hash, is_technician,
                 technician_group_id, created_at)
             VALUES ({NORTHWIND}, $1, $2, 'x', 1, $3, 0) RETURNING id"
        ))
        .bind(name)
        .bind(email)
        .bind(group)
        .fetch_one(&self.app.db)
        .await
        .unwrap()
    }
}

/// The rows of a CSV file as RFC 4180 reads them (quoted fields may hold commas, doubled quotes
/// and line breaks), after the byte order mark, which must be there. The file must be exactly
/// those rows written back with every field quoted and CRLF line ends: nothing outside quotes,
/// no bare LF, a CRLF after the last row.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').expect("a CSV export starts with a byte order mark");
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let mut written = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in &rows {
        written.write_record(row).unwrap();
    }
    let written = String::from_utf8(written.into_inner().unwrap()).unwrap();
    assert_eq!(written, text, "every field quoted, quotes doubled, CRLF line ends");
    rows
}

impl TestServer {
    /// Makes `complete` wait at most `millis` for a notification (instead of 20 s).
    pub fn set_approval_wait(&mut self, millis: u64) {
        let mut state = self.app.state.clone();
        state.approval_wait = std::time::Duration::from_millis(millis);
        self.app.router = twostep_server::router(state);
    }

    /// Gives the member `email` the demo password (members added by tests have none).
    pub async fn give_password(&self, email: &str) {
        sqlx::query(
            "UPDATE members SET password_hash =
                 (SELECT password_hash FROM members WHERE email = 'maya@northwind.example')
             WHERE email = $1",
        )
        .bind(email)
        .execute(&self.app.db)
        .await
        .unwrap();
    }

    /// Signs in with the demo password and answers the pending step a 202 opened.
    pub async fn pending(&self, email: &str) -> (Pending, Value) {
        let answer = self.sign_in_with(email, PASSWORD).await;
        let pending = Pending::of(&answer);
        (pending, answer.json())
    }

    /// Runs a statement.
    pub async fn execute(&self, sql: &str) {
        sqlx::query(sql).execute(&self.app.db).await.unwrap();
    }
}

/// Starts a server like [`start`], with these limits.
pub async fn start_with_limits(limits: twostep_server::Limits) -> TestServer {
    start_with(|config| config.limits = limits).await
}

impl TestServer {
    /// Sends a request as if it came over a connection from `peer` (the serve loop's
    /// `ConnectInfo`), with extra headers.
    pub async fn send_from(
        &self,
        peer: &str,
        method: Method,
        uri: &str,
        client: Option<&Client>,
        body: Option<Value>,
        extra: &[(&str, &str)],
    ) -> Answer {
        let mut request = request(method, uri, client, body, extra);
        let peer: std::net::SocketAddr =
            peer.parse().unwrap_or_else(|_| panic!("not an address with a port: {peer}"));
        request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
        self.send(request).await
    }

    /// Sends `POST /api/v1/session` from `peer` (an address with a port).
    pub async fn sign_in_from(&self, peer: &str, email: &str, password: &str) -> Answer {
        let body = serde_json::json!({"email": email, "password": password});
        self.send_from(peer, Method::POST, "/api/v1/session", None, Some(body), &[]).await
    }
}

/// A request with optional session cookie and CSRF token, JSON body and extra headers.
pub fn request(
    method: Method,
    uri: &str,
    client: Option<&Client>,
    body: Option<Value>,
    extra: &[(&str, &str)],
) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(uri);
    if let Some(client) = client {
        builder = builder
            .header(header::COOKIE, format!("twostep_session={}", client.cookie))
            .header("x-csrf-token", &client.csrf);
    }
    if body.is_some() {
        builder = builder.header(header::CONTENT_TYPE, "application/json");
    }
    for (name, value) in extra {
        builder = builder.header(*name, *value);
    }
    let body = body.map(|json| Body::from(json.to_string())).unwrap_or_else(Body::empty);
    builder.body(body).unwrap()
}
