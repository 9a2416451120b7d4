//! The suite's view of a backend: requests as a browser sends them (a cookie jar per person, the
//! CSRF header on writes) and answers read whole.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use serde_json::Value;
use twostep_contract::{CSRF_HEADER, PROBLEM_CONTENT_TYPE};

use crate::report::{Finding, Verdict};

/// The largest answer the suite reads (an export of a large test organization fits).
const MAX_ANSWER_BYTES: u64 = 64 * 1024 * 1024;

/// A backend's API, at its base URL (`https://host/api/v1`).
#[derive(Clone)]
pub struct Http {
    agent: ureq::Agent,
    base: String,
}

impl Http {
    /// A client of the API at `base`, giving up on an answer after `timeout`.
    pub fn new(base: &str, timeout: Duration) -> Http {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(timeout))
            .build()
            .into();
        Http { agent, base: base.trim_end_matches('/').to_string() }
    }

    /// The API's base URL, without a trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Sends one request, with no cookie and no header but those given.
    pub fn send(&self, request: &Request) -> Result<Reply, Finding> {
        let url = format!("{}{}", self.base, request.path);
        let mut builder = ureq::http::Request::builder().method(request.method.as_str()).uri(&url);
        for (name, value) in &request.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let what = format!("{} {}", request.method, request.path);
        let answer = match &request.body {
            Some(body) => builder.body(body.clone()).map(|r| self.agent.run(r)),
            None => builder.body(()).map(|r| self.agent.run(r)),
        }
        .map_err(|e| Finding::Failed(format!("{what}: the request could not be built: {e}")))?;
        let mut answer =
            answer.map_err(|e| Finding::Failed(format!("{what}: no answer from {url}: {e}")))?;
        let status = answer.status().as_u16();
        let headers = answer
            .headers()
            .iter()
            .map(|(name, value)| {
                (name.as_str().to_string(), String::from_utf8_lossy(value.as_bytes()).into_owned())
            })
            .collect();
        let body =
            answer.body_mut().with_config().limit(MAX_ANSWER_BYTES).read_to_vec().map_err(|e| {
                Finding::Failed(format!("{what}: the answer's body could not be read: {e}"))
            })?;
        Ok(Reply { what, status, headers, body })
    }
}

/// A request to send.
#[derive(Clone, Debug)]
pub struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
}

impl Request {
    /// A request without headers or body; `path` is relative to the API's base (`/members`).
    pub fn new(method: &str, path: &str) -> Request {
        Request {
            method: method.to_string(),
            path: path.to_string(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// Adds (or, with the same name, adds another) header.
    pub fn header(mut self, name: &str, value: &str) -> Request {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// Removes every header of that name.
    pub fn without_header(mut self, name: &str) -> Request {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self
    }

    /// Replaces the headers of that name with one.
    pub fn replace_header(self, name: &str, value: &str) -> Request {
        self.without_header(name).header(name, value)
    }

    /// A JSON body, with its content type.
    pub fn json(self, body: &Value) -> Request {
        self.raw_body("application/json", body.to_string().into_bytes())
    }

    /// Any body, with this content type.
    pub fn raw_body(mut self, content_type: &str, body: Vec<u8>) -> Request {
        self.body = Some(body);
        self.replace_header("Content-Type", content_type)
    }

    /// `If-Match: value`.
    pub fn if_match(self, value: &str) -> Request {
        self.replace_header("If-Match", value)
    }

    /// The request's method.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The request's path.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// A backend's answer.
#[derive(Clone, Debug)]
pub struct Reply {
    /// `METHOD /path`, to name the request in findings.
    pub what: String,
    /// The HTTP status.
    pub status: u16,
    /// Every header, names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    /// The first header of that name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Every header of that name.
    pub fn headers(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The body as text (lossy), shortened for a finding.
    pub fn excerpt(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        let mut short: String = text.chars().take(300).collect();
        if short.len() < text.len() {
            short.push('…');
        }
        short
    }

    /// Fails unless the status is `expected`.
    pub fn expect_status(&self, expected: u16) -> Verdict {
        if self.status == expected {
            Ok(())
        } else {
            Err(Finding::Failed(format!(
                "{}: expected {expected}, got {}: {}",
                self.what,
                self.status,
                self.excerpt()
            )))
        }
    }

    /// The body as JSON, after checking the status is `expected` and the content type JSON.
    pub fn json_with(&self, expected: u16) -> Result<Value, Finding> {
        self.expect_status(expected)?;
        let content_type = self.header("content-type").unwrap_or("");
        if !content_type.starts_with("application/json") {
            return Err(Finding::Failed(format!(
                "{}: expected Content-Type application/json, got `{content_type}`",
                self.what
            )));
        }
        self.json()
    }

    /// The body as JSON, whatever the status.
    pub fn json(&self) -> Result<Value, Finding> {
        serde_json::from_slice(&self.body).map_err(|e| {
            Finding::Failed(format!(
                "{}: the body is not JSON ({e}): {}",
                self.what,
                self.excerpt()
            ))
        })
    }

    /// The body as RFC 9457 problem details of this status and `type`, checked for the
    /// contract's shape: `application/problem+json`, `type`, `title`, `status` equal to the
    /// answer's, `detail` a string when present, `errors` a list of `{field, message}`.
    pub fn problem(&self, status: u16, kind: &str) -> Result<Value, Finding> {
        self.expect_status(status)?;
        let problem = self.problem_shape()?;
        if problem["type"] != kind {
            return Err(Finding::Failed(format!(
                "{}: expected a problem of type {kind}, got {}",
                self.what, problem["type"]
            )));
        }
        Ok(problem)
    }

    /// The body as problem details of any type, checked for the contract's shape.
    pub fn problem_shape(&self) -> Result<Value, Finding> {
        let fail = |why: String| Err(Finding::Failed(format!("{}: {why}", self.what)));
        let content_type = self.header("content-type").unwrap_or("");
        if !content_type.starts_with(PROBLEM_CONTENT_TYPE) {
            return fail(format!(
                "a {} answer must be {PROBLEM_CONTENT_TYPE}, got Content-Type `{content_type}`",
                self.status
            ));
        }
        let problem = self.json()?;
        if !problem["type"].is_string() || !problem["title"].is_string() {
            return fail(format!("problem details need `type` and `title` strings: {problem}"));
        }
        if problem["status"] != self.status {
            return fail(format!(
                "the problem's `status` ({}) is not the answer's ({})",
                problem["status"], self.status
            ));
        }
        if !(problem["detail"].is_null() || problem["detail"].is_string()) {
            return fail(format!("`detail` must be a string: {problem}"));
        }
        if let Some(errors) = problem.get("errors") {
            let well_formed = errors.as_array().is_some_and(|errors| {
                errors.iter().all(|e| e["field"].is_string() && e["message"].is_string())
            });
            if !well_formed {
                return fail(format!("`errors` must be a list of {{field, message}}: {problem}"));
            }
        }
        Ok(problem)
    }
}

/// Someone using the backend: their cookies and CSRF token, as a browser keeps them.
pub struct Actor {
    /// Who, as the report names them (`master administrator`).
    pub label: &'static str,
    /// The email address they sign in with.
    pub email: String,
    /// Their password.
    pub password: String,
    http: Http,
    cookies: Mutex<BTreeMap<String, String>>,
    csrf: Mutex<Option<String>>,
    session: Mutex<Value>,
}

impl Actor {
    /// Someone not signed in yet.
    pub fn new(label: &'static str, email: &str, password: &str, http: &Http) -> Actor {
        Actor {
            label,
            email: email.to_string(),
            password: password.to_string(),
            http: http.clone(),
            cookies: Mutex::default(),
            csrf: Mutex::default(),
            session: Mutex::new(Value::Null),
        }
    }

    /// A request carrying this person's cookies and, unless it is a read, their CSRF token.
    pub fn request(&self, method: &str, path: &str) -> Request {
        let mut request = Request::new(method, path);
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            request = request.header("Cookie", &cookies);
        }
        let write = !matches!(method, "GET" | "HEAD" | "OPTIONS");
        if let (true, Some(token)) = (write, self.csrf()) {
            request = request.header(CSRF_HEADER, &token);
        }
        request
    }

    /// Sends a request, keeping the cookies the answer sets.
    pub fn send(&self, request: &Request) -> Result<Reply, Finding> {
        let reply = self.http.send(request)?;
        self.keep_cookies(&reply);
        Ok(reply)
    }

    /// `GET path` as this person.
    pub fn get(&self, path: &str) -> Result<Reply, Finding> {
        self.send(&self.request("GET", path))
    }

    /// `GET path` as this person, expecting 200 and JSON.
    pub fn get_json(&self, path: &str) -> Result<Value, Finding> {
        self.get(path)?.json_with(200)
    }

    /// The CSRF token of the session (or of the pending second step).
    pub fn csrf(&self) -> Option<String> {
        self.csrf.lock().unwrap().clone()
    }

    /// Sets the CSRF token to send.
    pub fn set_csrf(&self, token: Option<String>) {
        *self.csrf.lock().unwrap() = token;
    }

    /// The session the backend answered at sign-in (`Value::Null` before).
    pub fn session(&self) -> Value {
        self.session.lock().unwrap().clone()
    }

    /// Records the session answered at sign-in, and its CSRF token.
    pub fn set_session(&self, session: Value) {
        self.set_csrf(session["csrf_token"].as_str().map(str::to_string));
        *self.session.lock().unwrap() = session;
    }

    /// The member id of the signed-in person.
    pub fn id(&self) -> i64 {
        self.session()["user"]["id"].as_i64().unwrap_or(0)
    }

    /// The organization id of the signed-in person.
    pub fn organization_id(&self) -> i64 {
        self.session()["organization"]["id"].as_i64().unwrap_or(0)
    }

    /// The `Cookie` header this person sends.
    pub fn cookie_header(&self) -> String {
        let cookies = self.cookies.lock().unwrap();
        cookies.iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join("; ")
    }

    /// Forgets every cookie and token (a new browser).
    pub fn forget(&self) {
        self.cookies.lock().unwrap().clear();
        self.set_csrf(None);
        *self.session.lock().unwrap() = Value::Null;
    }

    fn keep_cookies(&self, reply: &Reply) {
        let mut cookies = self.cookies.lock().unwrap();
        for set_cookie in reply.headers("set-cookie") {
            let Some(cookie) = SetCookie::parse(set_cookie) else { continue };
            if cookie.expires_now() {
                cookies.remove(&cookie.name);
            } else {
                cookies.insert(cookie.name, cookie.value);
            }
        }
    }
}

/// One `Set-Cookie` header, read as a browser reads it.
#[derive(Clone, Debug, Default)]
pub struct SetCookie {
    /// The cookie's name.
    pub name: String,
    /// Its value.
    pub value: String,
    /// Its attributes, names in lower case (`httponly`, `samesite`, `max-age`, …).
    pub attributes: BTreeMap<String, String>,
}

impl SetCookie {
    /// Reads `name=value; Attr; Attr=value`.
    pub fn parse(header: &str) -> Option<SetCookie> {
        let mut parts = header.split(';');
        let (name, value) = parts.next()?.split_once('=')?;
        let attributes = parts
            .map(|part| {
                let (key, value) = part.split_once('=').unwrap_or((part, ""));
                (key.trim().to_ascii_lowercase(), value.trim().to_string())
            })
            .collect();
        Some(SetCookie {
            name: name.trim().to_string(),
            value: value.trim().to_string(),
            attributes,
        })
    }

    /// Whether the header deletes the cookie (`Max-Age=0`, or an empty value).
    pub fn expires_now(&self) -> bool {
        let max_age = self.attributes.get("max-age").and_then(|v| v.parse::<i64>().ok());
        max_age.is_some_and(|age| age <= 0) || self.value.is_empty()
    }
}
