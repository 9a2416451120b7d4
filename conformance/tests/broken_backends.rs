//! The suite must catch broken backends: each test serves the reference server's own router,
//! wrapped in a middleware that breaks one behaviour of the contract, on a real socket and a
//! fresh database, runs the suite against it as a black-box client, and expects the check that
//! tests that behaviour to fail. The server itself is not changed: what breaks it is all here.
//!
//! One more test runs every check against the unbroken server, which must comply.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::runtime::Runtime;
use tower::ServiceExt;
use twostep_conformance::{Account, CodeSource, Config, Options, Report};
use twostep_contract::{API_BASE_PATH, CSRF_HEADER, etag_for_revision};
use twostep_server::code::NextCode;

/// The password of every demo account of the test servers.
const PASSWORD: &str = "demo-Password-2026";

/// The query parameters of `GET /members` that filter (the others page and sort).
const MEMBER_FILTERS: [&str; 5] = ["q", "group_id", "role", "required", "status"];

// ---- The variants ------------------------------------------------------------------------

#[test]
fn the_reference_server_passes_every_check() {
    let backend = Backend::start(|router| router);
    let report = backend.run(&[]);
    assert!(!report.results.is_empty(), "the suite ran no check");
    assert!(report.complies(), "the reference server must comply:\n{}", report.text());
}

#[test]
fn a_backend_that_ignores_if_match_fails_the_stale_if_match_check() {
    caught("etag.stale-if-match", |router| {
        let through = router.clone();
        router.layer(middleware::from_fn(move |request: Request, next: Next| {
            if_match_ignored(through.clone(), request, next)
        }))
    });
}

#[test]
fn a_backend_that_checks_no_csrf_token_fails_the_write_without_token_check() {
    caught("csrf.write-without-token", |router| {
        let tokens = Tokens::default();
        router.layer(middleware::from_fn(move |request: Request, next: Next| {
            csrf_unchecked(tokens.clone(), request, next)
        }))
    });
}

#[test]
fn a_member_filter_that_lets_one_wrong_row_through_fails_the_items_match_check() {
    caught("filters.items-match", |router| {
        let through = router.clone();
        router.layer(middleware::from_fn(move |request: Request, next: Next| {
            filter_leaks(through.clone(), request, next)
        }))
    });
}

#[test]
fn a_members_reset_that_is_not_all_or_nothing_fails_the_all_or_nothing_check() {
    caught("members-reset.all-or-nothing-forbidden", |router| {
        let through = router.clone();
        router.layer(middleware::from_fn(move |request: Request, next: Next| {
            reset_piecemeal(through.clone(), request, next)
        }))
    });
}

#[test]
fn a_backend_that_loses_audit_events_fails_the_event_per_change_check() {
    caught("audit.event-per-change", |router| {
        router.layer(middleware::from_fn(audit_drops_newest))
    });
}

#[test]
fn a_backend_that_reads_across_organizations_fails_the_group_read_isolation_check() {
    caught("isolation.group-read", |router| {
        let seen = Groups::default();
        router.layer(middleware::from_fn(move |request: Request, next: Next| {
            group_leaks(seen.clone(), request, next)
        }))
    });
}

/// Serves the reference server broken by `breaks`, runs the check `id` alone against it, and
/// expects that check among the failures.
fn caught(id: &'static str, breaks: fn(Router) -> Router) {
    let exists = twostep_conformance::checks::all().iter().any(|check| check.id == id);
    assert!(exists, "check `{id}` does not exist: the suite has no check to catch this variant");
    let backend = Backend::start(breaks);
    let report = backend.run(&[id]);
    println!("{}", report.text());
    assert!(
        report.failed_ids().contains(&id),
        "the broken backend was not reported by `{id}`:\n{}",
        report.text()
    );
}

// ---- `If-Match` ignored --------------------------------------------------------------------

/// A write that carries `If-Match` gets the resource's current ETag in its place (read by a GET
/// of the same path with the same cookie), so a stale one is never refused.
async fn if_match_ignored(through: Router, mut request: Request, next: Next) -> Response {
    let write = matches!(*request.method(), Method::PUT | Method::PATCH);
    if write && request.headers().contains_key(header::IF_MATCH) {
        let read = Sender::of(&request).request(Method::GET, request.uri().path(), Body::empty());
        let current = through.oneshot(read).await.into_response();
        if let Some(etag) = current.headers().get(header::ETAG).cloned() {
            request.headers_mut().insert(header::IF_MATCH, etag);
        }
    }
    next.run(request).await
}

// ---- CSRF not checked ----------------------------------------------------------------------

/// The CSRF token answered to each session (and pending second step), by cookie value.
type Tokens = Arc<Mutex<HashMap<String, String>>>;

/// Learns each session's token from the answers of `/session` and the second step, and gives
/// every write that lacks it, or carries another, the right one.
async fn csrf_unchecked(tokens: Tokens, mut request: Request, next: Next) -> Response {
    request.headers_mut().remove(header::ACCEPT_ENCODING);
    let cookies = request_cookies(&request);
    let write = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if write {
        let known = {
            let tokens = tokens.lock().unwrap();
            cookies.iter().find_map(|cookie| tokens.get(cookie).cloned())
        };
        if let Some(token) = known.and_then(|t| HeaderValue::from_str(&t).ok()) {
            request.headers_mut().insert(CSRF_HEADER, token);
        }
    }
    let session = request.uri().path().starts_with(&format!("{API_BASE_PATH}/session"));
    let response = next.run(request).await;
    if !session {
        return response;
    }
    let (response, bytes) = read(response).await;
    let body: Value = serde_json::from_slice(&bytes).unwrap_or_default();
    let token = body["csrf_token"].as_str().or(body["session"]["csrf_token"].as_str());
    if let Some(token) = token {
        let set: Vec<String> = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next()?.split_once('=').map(|(_, value)| value.trim()))
            .filter(|value| !value.is_empty())
            .map(str::to_string)
            .collect();
        let keys = if set.is_empty() { cookies } else { set };
        let mut tokens = tokens.lock().unwrap();
        for key in keys {
            tokens.insert(key, token.to_string());
        }
    }
    with_body(response, bytes)
}

/// The values of the cookies a request carries.
fn request_cookies(request: &Request) -> Vec<String> {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.split_once('=').map(|(_, value)| value.trim().to_string()))
        .collect()
}

// ---- A filter that lets one wrong row through ----------------------------------------------

/// A filtered page of `GET /members` gets one more member, first: one of the unfiltered list
/// that the filter does not match.
async fn filter_leaks(through: Router, mut request: Request, next: Next) -> Response {
    request.headers_mut().remove(header::ACCEPT_ENCODING);
    let members = format!("{API_BASE_PATH}/members");
    let query = request.uri().query().unwrap_or("").to_string();
    let filters: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            MEMBER_FILTERS.contains(&name) && !value.is_empty()
        })
        .collect();
    if request.method() != Method::GET || request.uri().path() != members || filters.is_empty() {
        return next.run(request).await;
    }
    let filters = filters.join("&");
    let sender = Sender::of(&request);
    let mut matching = Vec::new();
    for page in 1..=50 {
        let path = format!("{members}?{filters}&page={page}&per_page=200");
        let body = sender.read_json(&through, &path).await;
        let items = body["items"].as_array().cloned().unwrap_or_default();
        matching.extend(items.iter().map(|m| m["id"].clone()));
        if items.len() < 200 {
            break;
        }
    }
    let everyone = sender.read_json(&through, &format!("{members}?per_page=200")).await;
    let wrong = everyone["items"]
        .as_array()
        .and_then(|items| items.iter().find(|m| !matching.contains(&m["id"])).cloned());
    let (response, bytes) = read(next.run(request).await).await;
    let (Some(wrong), Ok(mut page)) = (wrong, serde_json::from_slice::<Value>(&bytes)) else {
        return with_body(response, bytes);
    };
    if response.status() != StatusCode::OK || !page["items"].is_array() {
        return with_body(response, bytes);
    }
    page["items"].as_array_mut().unwrap().insert(0, wrong);
    page["total"] = json!(page["total"].as_u64().unwrap_or(0) + 1);
    with_json(response, &page)
}

// ---- A members reset that is not all-or-nothing --------------------------------------------

/// A members reset refused with 403 or 422 is followed by a reset of each of its ids alone, so
/// the ids that are allowed on their own are reset after all; then the refusal is answered.
async fn reset_piecemeal(through: Router, request: Request, next: Next) -> Response {
    let reset = format!("{API_BASE_PATH}/members/two-step-reset");
    if request.method() != Method::POST || request.uri().path() != reset {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    let request = Request::from_parts(parts, Body::from(bytes.clone()));
    let original = request.headers().clone();
    let connection = request.extensions().get::<ConnectInfo<SocketAddr>>().cloned();
    let response = next.run(request).await;
    if !matches!(response.status().as_u16(), 403 | 422) {
        return response;
    }
    let body: Value = serde_json::from_slice(&bytes).unwrap_or_default();
    for id in body["member_ids"].as_array().cloned().unwrap_or_default() {
        let mut alone = body.clone();
        alone["member_ids"] = json!([id]);
        let mut single = Request::builder()
            .method(Method::POST)
            .uri(&reset)
            .body(Body::from(alone.to_string()))
            .unwrap();
        for (name, value) in &original {
            if name != header::CONTENT_LENGTH {
                single.headers_mut().append(name, value.clone());
            }
        }
        if let Some(connection) = connection {
            single.extensions_mut().insert(connection);
        }
        let _ = through.clone().oneshot(single).await;
    }
    response
}

// ---- A missing audit event -----------------------------------------------------------------

/// Each page of `GET /audit-events` loses its newest event (the largest id), and `total` one.
async fn audit_drops_newest(mut request: Request, next: Next) -> Response {
    request.headers_mut().remove(header::ACCEPT_ENCODING);
    let audit = request.method() == Method::GET
        && request.uri().path() == format!("{API_BASE_PATH}/audit-events");
    let response = next.run(request).await;
    if !audit || response.status() != StatusCode::OK {
        return response;
    }
    let (response, bytes) = read(response).await;
    let Ok(mut page) = serde_json::from_slice::<Value>(&bytes) else {
        return with_body(response, bytes);
    };
    let Some(items) = page["items"].as_array_mut() else {
        return with_body(response, bytes);
    };
    let newest = items
        .iter()
        .enumerate()
        .max_by_key(|(_, event)| event["id"].as_i64().unwrap_or(i64::MIN))
        .map(|(at, _)| at);
    if let Some(newest) = newest {
        items.remove(newest);
        page["total"] = json!(page["total"].as_u64().unwrap_or(0).saturating_sub(1));
    }
    with_json(response, &page)
}

// ---- A cross-tenant read -------------------------------------------------------------------

/// Every technician group answered so far, by id.
type Groups = Arc<Mutex<HashMap<i64, Value>>>;

/// Remembers every group it answers; a 404 for `GET /technician-groups/{id}` of a remembered
/// group becomes that group, with 200 and its ETag, whoever asks.
async fn group_leaks(seen: Groups, mut request: Request, next: Next) -> Response {
    request.headers_mut().remove(header::ACCEPT_ENCODING);
    let groups = format!("{API_BASE_PATH}/technician-groups");
    let path = request.uri().path().to_string();
    if !path.starts_with(&groups) {
        return next.run(request).await;
    }
    let asked: Option<i64> = path
        .strip_prefix(&format!("{groups}/"))
        .and_then(|id| id.parse().ok())
        .filter(|_| request.method() == Method::GET);
    let (response, bytes) = read(next.run(request).await).await;
    if response.status() == StatusCode::NOT_FOUND {
        let remembered = asked.and_then(|id| seen.lock().unwrap().get(&id).cloned());
        if let Some(group) = remembered {
            let etag = etag_for_revision(group["revision"].as_i64().unwrap_or(1));
            let mut leaked = with_json(response, &group);
            *leaked.status_mut() = StatusCode::OK;
            let headers = leaked.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            headers.insert(header::ETAG, HeaderValue::from_str(&etag).unwrap());
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            return leaked;
        }
    }
    if response.status() == StatusCode::OK {
        let body: Value = serde_json::from_slice(&bytes).unwrap_or_default();
        let list = body.as_array().or(body["items"].as_array()).cloned();
        let mut seen = seen.lock().unwrap();
        for group in list.unwrap_or_else(|| vec![body]) {
            if let Some(id) = group["id"].as_i64() {
                seen.insert(id, group);
            }
        }
    }
    with_body(response, bytes)
}

// ---- Requests and answers inside a middleware ----------------------------------------------

/// Who sent a request: their cookies and address, to send more requests as them.
#[derive(Clone)]
struct Sender {
    cookies: Vec<HeaderValue>,
    connection: Option<ConnectInfo<SocketAddr>>,
}

impl Sender {
    fn of(request: &Request) -> Sender {
        Sender {
            cookies: request.headers().get_all(header::COOKIE).iter().cloned().collect(),
            connection: request.extensions().get::<ConnectInfo<SocketAddr>>().cloned(),
        }
    }

    /// A request from them, with their cookies and no other header.
    fn request(&self, method: Method, path: &str, body: Body) -> Request {
        let mut request = Request::builder().method(method).uri(path).body(body).unwrap();
        for cookie in &self.cookies {
            request.headers_mut().append(header::COOKIE, cookie.clone());
        }
        if let Some(connection) = self.connection {
            request.extensions_mut().insert(connection);
        }
        request
    }

    /// `GET path` as them through the unbroken router, as JSON (`null` when it is not).
    async fn read_json(&self, through: &Router, path: &str) -> Value {
        let request = self.request(Method::GET, path, Body::empty());
        let response = through.clone().oneshot(request).await.into_response();
        let (_, bytes) = read(response).await;
        serde_json::from_slice(&bytes).unwrap_or_default()
    }
}

/// The answer's body, read whole, and the answer without it.
async fn read(response: Response) -> (Response, Bytes) {
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    (Response::from_parts(parts, Body::empty()), bytes)
}

/// The answer with this body.
fn with_body(response: Response, bytes: Bytes) -> Response {
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes))
}

/// The answer with this JSON body.
fn with_json(response: Response, body: &Value) -> Response {
    with_body(response, Bytes::from(body.to_string()))
}

// ---- The backend under test ----------------------------------------------------------------

/// The reference server on a fresh temporary database with the demo, its router wrapped by a
/// breaking middleware, served on a free port of 127.0.0.1 by its own runtime.
struct Backend {
    runtime: Option<Runtime>,
    url: String,
    code_source: CodeSource,
    _dir: TempDir,
}

impl Backend {
    fn start(breaks: fn(Router) -> Router) -> Backend {
        let dir = tempfile::tempdir().unwrap();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let listener =
            runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("a free port");
        let addr = listener.local_addr().unwrap();
        let config = twostep_server::Config {
            listen: addr,
            database_path: dir.path().join("data/twostep.db"),
            demo_password: Some(PASSWORD.into()),
            dist_dir: dir.path().join("dist"),
            secret_key: None,
            outbox_dir: dir.path().join("data/outbox"),
            public_url: None,
            limits: Default::default(),
        };
        let app = runtime.block_on(twostep_server::app(&config)).expect("the server starts");
        let router = breaks(app.router);
        runtime.spawn(twostep_server::serve(
            listener,
            router,
            app.state.limits.clone(),
            std::future::pending(),
        ));
        // The codes `twostep-server code` prints, from the same database and key.
        let (handle, db, secrets) = (runtime.handle().clone(), app.db, app.state.secrets);
        let code_source: CodeSource = Arc::new(move |email: &str, _method: &str| {
            loop {
                let now = twostep_server::db::now();
                match handle.block_on(twostep_server::code::next(&db, &secrets, email, now)) {
                    Ok(NextCode::Ready(code)) => return Some(code),
                    Ok(NextCode::WaitUntil(at)) => {
                        std::thread::sleep(Duration::from_secs((at - now).clamp(1, 30) as u64));
                    }
                    Err(_) => return None,
                }
            }
        });
        Backend { runtime: Some(runtime), url: format!("http://{addr}"), code_source, _dir: dir }
    }

    /// Runs the checks whose id starts with one of `only` (every check when empty).
    fn run(&self, only: &[&str]) -> Report {
        let account = |email: &str| Account { email: email.into(), password: PASSWORD.into() };
        twostep_conformance::run(&Config {
            base_url: self.url.clone(),
            master: account("maya@northwind.example"),
            group_admin: account("ines@northwind.example"),
            technician: account("sam@northwind.example"),
            other_master: account("ana@contoso.example"),
            options: Options {
                allow_reset: true,
                code_command: None,
                code_source: Some(self.code_source.clone()),
            },
            timeout: Duration::from_secs(30),
            only: only.iter().map(|id| id.to_string()).collect(),
        })
    }
}

impl Drop for Backend {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_secs(5));
        }
    }
}
