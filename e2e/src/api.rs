//! Calls to the REST API outside any browser, for checks a user cannot make through the UI.

use serde::de::DeserializeOwned;
use serde_json::json;
use twostep_contract::{
    Policy, PolicyImpact, PolicySettings, PolicyUpdate, PolicyUpdated, TechnicianGroup,
};

use crate::http::{self, Answer};
use crate::pending::PendingSignIn;
use crate::server::TestServer;

/// The session cookie's name.
pub(crate) const SESSION_COOKIE: &str = "twostep_session";
const SESSION: &str = "/api/v1/session";

/// What a right password leads to.
#[derive(Debug)]
pub enum PasswordAccepted {
    /// The member need not use two-step verification: signed in.
    SignedIn(ApiSession),
    /// The member must set up or verify two-step verification first.
    SecondStep(PendingSignIn),
}

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
    /// Signs in as `email` with `password` through `POST /api/v1/session`, and takes the
    /// second step when the server asks for one (see [`PendingSignIn::take_second_step`]).
    ///
    /// # Panics
    /// If the server does not answer 200 with a session cookie, or 202 with a second step that
    /// then succeeds.
    #[track_caller]
    pub fn sign_in(server: &TestServer, email: &str, password: &str) -> Self {
        match Self::submit_password(server, email, password) {
            PasswordAccepted::SignedIn(session) => session,
            PasswordAccepted::SecondStep(pending) => pending.take_second_step(server),
        }
    }

    /// The first step of signing in: `POST /api/v1/session` with `email` and `password`.
    ///
    /// # Panics
    /// If the server answers anything but 200 with a session cookie or 202 with a pending
    /// second step and its cookie.
    #[track_caller]
    pub fn submit_password(server: &TestServer, email: &str, password: &str) -> PasswordAccepted {
        let runtime = runtime();
        let body = json!({"email": email, "password": password}).to_string();
        let answer = runtime
            .block_on(http::send("POST", &server.url(SESSION), &[], Some(body)))
            .unwrap_or_else(|error| panic!("sign-in as {email}: {error}"));
        match answer.status {
            200 => PasswordAccepted::SignedIn(Self::from_session_answer(server, &answer, |json| {
                json["csrf_token"].as_str().map(str::to_owned)
            })),
            202 => PasswordAccepted::SecondStep(PendingSignIn::from_answer(server, &answer)),
            _ => panic!("sign-in as {email} answered {answer:?}"),
        }
    }

    /// The session that `answer` opened: its session cookie, and the CSRF token that `csrf`
    /// finds in its JSON body.
    #[track_caller]
    pub(crate) fn from_session_answer(
        server: &TestServer,
        answer: &Answer,
        csrf: impl FnOnce(&serde_json::Value) -> Option<String>,
    ) -> Self {
        let cookie = answer
            .set_cookie(SESSION_COOKIE)
            .unwrap_or_else(|| panic!("the sign-in set no {SESSION_COOKIE} cookie: {answer:?}"));
        let csrf_token = csrf(&answer.json())
            .unwrap_or_else(|| panic!("the sign-in sent no CSRF token: {answer:?}"));
        Self::from_parts(server, cookie, csrf_token)
    }

    /// A client that sends `cookie` (`name=value`) and `csrf_token` with every call.
    pub(crate) fn from_parts(server: &TestServer, cookie: String, csrf_token: String) -> Self {
        Self { base_url: server.base_url().to_owned(), cookie, csrf_token, runtime: runtime() }
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

    /// The CSRF token the session was given at sign-in (empty for [`ApiSession::with_cookie`]).
    pub fn csrf_token(&self) -> &str {
        &self.csrf_token
    }

    /// `method path` with the session cookie, the CSRF token and an optional JSON body.
    ///
    /// # Panics
    /// If the request cannot be made.
    #[track_caller]
    pub fn call(&self, method: &str, path: &str, body: Option<serde_json::Value>) -> Answer {
        self.call_with_headers(method, path, &[], body)
    }

    /// As [`ApiSession::call`], with `headers` added (for example `("if-match", "\"1\"")`);
    /// a header named here replaces the one the session would send (so a test can send a
    /// wrong CSRF token).
    ///
    /// # Panics
    /// If the request cannot be made.
    #[track_caller]
    pub fn call_with_headers(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<serde_json::Value>,
    ) -> Answer {
        let url = format!("{}{path}", self.base_url);
        let defaults = [
            ("cookie", self.cookie.as_str()),
            ("x-csrf-token", self.csrf_token.as_str()),
            ("accept", "application/json"),
        ];
        let mut all: Vec<(&str, &str)> = defaults
            .into_iter()
            .filter(|(name, _)| !headers.iter().any(|(own, _)| own.eq_ignore_ascii_case(name)))
            .collect();
        all.extend_from_slice(headers);
        self.runtime
            .block_on(http::send(method, &url, &all, body.map(|body| body.to_string())))
            .unwrap_or_else(|error| panic!("{error}"))
    }

    /// `GET /api/v1/two-step-verification/policy`: the organization's policy and its `ETag`.
    ///
    /// # Panics
    /// If the answer is not 200 with a policy and an `ETag`.
    #[track_caller]
    pub fn policy(&self) -> (Policy, String) {
        let answer = self.get(POLICY);
        assert_eq!(answer.status, 200, "GET {POLICY}: {answer:?}");
        let etag = answer
            .header("etag")
            .unwrap_or_else(|| panic!("GET {POLICY} sent no ETag: {answer:?}"))
            .to_owned();
        (parse(&answer), etag)
    }

    /// `PUT /api/v1/two-step-verification/policy` with `settings` (and `confirm_reset` when
    /// given) under `If-Match: if_match`, answered as is, for the caller to check.
    ///
    /// # Panics
    /// If the request cannot be made.
    #[track_caller]
    pub fn put_policy(
        &self,
        settings: PolicySettings,
        confirm_reset: Option<bool>,
        if_match: &str,
    ) -> Answer {
        let body = serde_json::to_value(PolicyUpdate { settings, confirm_reset })
            .expect("a policy update serializes");
        self.call_with_headers("PUT", POLICY, &[("if-match", if_match)], Some(body))
    }

    /// Changes the policy to `settings` the way a second administrator's console would: reads
    /// the current `ETag`, then `PUT`s with it (confirming the reset if the method changes).
    ///
    /// # Panics
    /// If the server does not answer 200.
    #[track_caller]
    pub fn change_policy(&self, settings: PolicySettings) -> PolicyUpdated {
        let (current, etag) = self.policy();
        let confirm = (current.settings.primary_method != settings.primary_method).then_some(true);
        let answer = self.put_policy(settings, confirm, &etag);
        assert_eq!(answer.status, 200, "PUT {POLICY} with {settings:?}: {answer:?}");
        parse(&answer)
    }

    /// `POST /api/v1/two-step-verification/policy/preview`: what saving `settings` would do.
    /// Writes nothing, so tests use it to read the organization's enrollment counts: previewing
    /// the saved settings gives `required` and `required_not_enrolled` as they are now.
    ///
    /// # Panics
    /// If the answer is not 200 with an impact.
    #[track_caller]
    pub fn preview_policy(&self, settings: PolicySettings) -> PolicyImpact {
        let path = format!("{POLICY}/preview");
        let body = serde_json::to_value(settings).expect("policy settings serialize");
        let answer = self.call("POST", &path, Some(body));
        assert_eq!(answer.status, 200, "POST {path} with {settings:?}: {answer:?}");
        parse(&answer)
    }

    /// `GET /api/v1/technician-groups`: the groups this person may see.
    ///
    /// # Panics
    /// If the answer is not 200 with a list of groups.
    #[track_caller]
    pub fn technician_groups(&self) -> Vec<TechnicianGroup> {
        let path = GROUPS;
        let answer = self.get(path);
        assert_eq!(answer.status, 200, "GET {path}: {answer:?}");
        parse(&answer)
    }

    /// `GET /api/v1/technician-groups/{id}`: one group and its `ETag`.
    ///
    /// # Panics
    /// If the answer is not 200 with a group and an `ETag` (for a group this person may not
    /// see, check the status with [`ApiSession::get`] instead).
    #[track_caller]
    pub fn technician_group(&self, id: i64) -> (TechnicianGroup, String) {
        let path = group_path(id);
        let answer = self.get(&path);
        assert_eq!(answer.status, 200, "GET {path}: {answer:?}");
        let etag = answer
            .header("etag")
            .unwrap_or_else(|| panic!("GET {path} sent no ETag: {answer:?}"))
            .to_owned();
        (parse(&answer), etag)
    }

    /// `PATCH /api/v1/technician-groups/{id}` with `{"force_two_step": force_two_step}` under
    /// `If-Match: if_match`, answered as is, for the caller to check (200 with the updated
    /// group, 404 for a group this person may not see, 412 for a stale `ETag`, ...).
    ///
    /// # Panics
    /// If the request cannot be made.
    #[track_caller]
    pub fn patch_technician_group(&self, id: i64, force_two_step: bool, if_match: &str) -> Answer {
        self.call_with_headers(
            "PATCH",
            &group_path(id),
            &[("if-match", if_match)],
            Some(json!({"force_two_step": force_two_step})),
        )
    }
}

const POLICY: &str = "/api/v1/two-step-verification/policy";
const GROUPS: &str = "/api/v1/technician-groups";

fn group_path(id: i64) -> String {
    format!("{GROUPS}/{id}")
}

/// The body of `answer` as a `T` of the contract.
#[track_caller]
pub(crate) fn parse<T: DeserializeOwned>(answer: &Answer) -> T {
    serde_json::from_str(&answer.body).unwrap_or_else(|error| {
        panic!(
            "expected a {} ({error}), got {} {:?}",
            std::any::type_name::<T>(),
            answer.status,
            answer.body
        )
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("cannot build a Tokio runtime")
}
