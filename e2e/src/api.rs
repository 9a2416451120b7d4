//! Calls to the REST API outside any browser, for checks a user cannot make through the UI.

use serde_json::json;

use crate::http::{self, Answer};
use crate::server::TestServer;

/// A signed-in API client: it keeps the session cookie and CSRF token that `POST /session`
/// returned and sends them with every call.
#[derive(Debug)]
pub struct ApiSession {
    base_url: String,
    cookie: String,
    csrf_token: String,
    runtime: tokio::runtime::Runtime,
}

impl ApiSession {
    /// Signs in as `email` with `password` through `POST /api/v1/session`.
    ///
    /// # Panics
    /// If the server does not answer 200 with a session cookie.
    #[track_caller]
    pub fn sign_in(server: &TestServer, email: &str, password: &str) -> Self {
        let runtime = runtime();
        let body = json!({"email": email, "password": password}).to_string();
        let answer = runtime
            .block_on(http::send("POST", &server.url("/api/v1/session"), &[], Some(body)))
            .unwrap_or_else(|error| panic!("sign-in as {email}: {error}"));
        assert_eq!(answer.status, 200, "sign-in as {email} answered {answer:?}");
        let cookie = answer
            .header("set-cookie")
            .and_then(|value| value.split(';').next())
            .unwrap_or_else(|| panic!("sign-in as {email} set no cookie: {answer:?}"))
            .to_owned();
        let csrf_token = answer.json()["csrf_token"].as_str().unwrap_or_default().to_owned();
        Self { base_url: server.base_url().to_owned(), cookie, csrf_token, runtime }
    }

    /// A client that sends `cookie` (like `twostep_session=...`) without signing in, for
    /// example to replay a session that should have ended.
    pub fn with_cookie(server: &TestServer, cookie: &str) -> Self {
        Self {
            base_url: server.base_url().to_owned(),
            cookie: cookie.to_owned(),
            csrf_token: String::new(),
            runtime: runtime(),
        }
    }

    /// The session cookie as sent back, like `twostep_session=...`.
    pub fn cookie(&self) -> &str {
        &self.cookie
    }

    /// `GET path` (starting with `/api/v1`) with the session cookie.
    ///
    /// # Panics
    /// If the request cannot be made.
    #[track_caller]
    pub fn get(&self, path: &str) -> Answer {
        self.call("GET", path, None)
    }

    /// `method path` with the session cookie, the CSRF token and an optional JSON body.
    ///
    /// # Panics
    /// If the request cannot be made.
    #[track_caller]
    pub fn call(&self, method: &str, path: &str, body: Option<serde_json::Value>) -> Answer {
        let url = format!("{}{path}", self.base_url);
        let headers = [
            ("cookie", self.cookie.as_str()),
            ("x-csrf-token", self.csrf_token.as_str()),
            ("accept", "application/json"),
        ];
        self.runtime
            .block_on(http::send(method, &url, &headers, body.map(|body| body.to_string())))
            .unwrap_or_else(|error| panic!("{error}"))
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("cannot build a Tokio runtime")
}
