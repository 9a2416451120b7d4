//! The server's one error type, and how it becomes an RFC 9457 problem details answer.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use twostep_contract::{FieldError, PROBLEM_CONTENT_TYPE, Problem, problem_types};

/// Everything that can go wrong, at start-up or while answering a request.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A setting has a value the server cannot use.
    #[error("{setting}: {message}")]
    Config {
        /// The environment variable and flag, such as `TWOSTEP_LISTEN (--listen)`.
        setting: &'static str,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The listening socket could not be opened.
    #[error(
        "cannot listen on {addr}: {source}; choose another address with TWOSTEP_LISTEN (--listen)"
    )]
    Bind {
        /// The address asked for.
        addr: std::net::SocketAddr,
        /// Why it failed.
        source: std::io::Error,
    },
    /// A file or directory operation failed.
    #[error("{context}: {source}")]
    Io {
        /// What the server was doing.
        context: String,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The database failed.
    #[error("database error: {0}")]
    Database(sqlx::Error),
    /// The schema could not be brought up to date.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Any other failure that is the server's fault; the text goes to the log only.
    #[error("internal error: {0}")]
    Internal(String),
    /// The database cannot be reached (answer of the health check).
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    /// The server is busy: its database is held by another write, or a bounded resource
    /// (password checks, exports) is all in use. Nothing was changed; retry later.
    #[error("busy ({what}); retry after {retry_after_secs} s")]
    Busy {
        /// What is busy, for the client: "the database", "password checks", "exports".
        what: &'static str,
        /// Seconds after which a retry is likely to succeed.
        retry_after_secs: i64,
    },
    /// The client took too long to send its request.
    #[error("request timeout")]
    RequestTimeout,

    /// Wrong email or password.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// No session, or it has expired.
    #[error("not signed in")]
    Unauthenticated,
    /// The request carries the session (or pending) cookie `name` twice, so which person it
    /// speaks for is unclear.
    #[error("the cookie {name} was sent twice")]
    CookieTwice {
        /// The cookie's name.
        name: &'static str,
    },
    /// Signed in, but the roles do not allow this.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// Signed in, but some of the things the request names are not the caller's to change;
    /// `errors` names each of them.
    #[error("forbidden: {detail}")]
    ForbiddenFields {
        /// What the caller may do instead.
        detail: String,
        /// One entry per thing named that the caller may not change, such as `member_ids[1]`.
        errors: Vec<FieldError>,
    },
    /// A write without the session's CSRF token.
    #[error("CSRF token missing or wrong")]
    CsrfMismatch,
    /// Too many failed sign-ins for one email from the client's address, or, when
    /// `per_address`, from the client's address whatever the email.
    #[error("too many sign-in attempts; retry after {retry_after_secs} s")]
    TooManyRequests {
        /// Seconds until the next attempt may succeed.
        retry_after_secs: i64,
        /// Whether it is the address's limit rather than the email's.
        per_address: bool,
    },
    /// The body could not be read as the expected JSON.
    #[error("invalid request: {detail}")]
    Validation {
        /// What was wrong overall.
        detail: String,
        /// One entry per field that could be named.
        errors: Vec<FieldError>,
    },
    /// The body is not declared as JSON.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// The body is larger than the server accepts.
    #[error("payload too large")]
    PayloadTooLarge,
    /// The body's framing is broken (a malformed chunked encoding): it cannot be read at all.
    #[error("malformed request body")]
    MalformedBody,
    /// No such resource in the caller's organization.
    #[error("not found: {0}")]
    NotFound(String),
    /// The resource exists but not with this method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// A write to a versioned resource without `If-Match`.
    #[error("precondition required: {resource}")]
    PreconditionRequired {
        /// The resource, as a person names it ("the two-step verification policy").
        resource: &'static str,
    },
    /// A write whose `If-Match` no longer names the current revision.
    #[error("precondition failed: {resource} is at revision {current_revision}")]
    PreconditionFailed {
        /// The resource, as a person names it.
        resource: &'static str,
        /// Its current revision, sent back as the `ETag` header.
        current_revision: i64,
    },
    /// A wrong code (or recovery code) in a second step.
    #[error("wrong code ({attempts_left} attempts left)")]
    WrongCode {
        /// The field that held the answer: `code` or `recovery_code`.
        field: &'static str,
        /// How many more wrong answers the pending step takes before it ends.
        attempts_left: u32,
    },
    /// The code sent by SMS or email has expired.
    #[error("the code has expired")]
    CodeExpired,
    /// Too many wrong answers: the pending step has ended (`None`), or the member's second
    /// step is paused for `Some(seconds)`.
    #[error("too many wrong codes")]
    TooManyAttempts {
        /// Seconds until the member may try again, when it is the member's limit.
        retry_after_secs: Option<i64>,
    },
    /// No live pending second step.
    #[error("no pending second step")]
    SecondStepExpired,
    /// A code or notification was sent moments ago.
    #[error("resend too soon; retry after {retry_after_secs} s")]
    ResendTooSoon {
        /// Seconds until the next send.
        retry_after_secs: i64,
    },
    /// The notification has not been answered yet.
    #[error("approval pending")]
    ApprovalPending,
    /// The notification was denied.
    #[error("approval denied")]
    ApprovalDenied,
    /// `complete` before `start`.
    #[error("start required")]
    StartRequired,
    /// The member has no two-step verification set up.
    #[error("not set up")]
    NotSetUp,
    /// A change of the primary method sent without `confirm_reset: true`.
    #[error("reset confirmation required ({members_reset} members to reset)")]
    ResetConfirmationRequired {
        /// Members who would have to set up two-step verification again: the impact preview's
        /// `members_reset` for the same candidate.
        members_reset: u64,
    },
}

impl Error {
    /// Builds a configuration error.
    pub fn config(setting: &'static str, message: impl Into<String>) -> Self {
        Error::Config { setting, message: message.into() }
    }

    /// Builds an I/O error with what the server was doing.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { context: context.into(), source }
    }

    /// The process exit code for a start-up failure: 2 for settings to fix, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Config { .. } => 2,
            _ => 1,
        }
    }

    /// The HTTP status this error answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            Error::InvalidCredentials
            | Error::Unauthenticated
            | Error::CookieTwice { .. }
            | Error::SecondStepExpired => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_)
            | Error::ForbiddenFields { .. }
            | Error::CsrfMismatch
            | Error::ApprovalDenied => StatusCode::FORBIDDEN,
            Error::TooManyRequests { .. }
            | Error::TooManyAttempts { .. }
            | Error::ResendTooSoon { .. } => StatusCode::TOO_MANY_REQUESTS,
            Error::Validation { .. } | Error::WrongCode { .. } | Error::CodeExpired => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Error::ApprovalPending | Error::StartRequired | Error::NotSetUp => StatusCode::CONFLICT,
            Error::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Error::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Error::MalformedBody => StatusCode::BAD_REQUEST,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Error::PreconditionRequired { .. } => StatusCode::PRECONDITION_REQUIRED,
            Error::PreconditionFailed { .. } => StatusCode::PRECONDITION_FAILED,
            Error::ResetConfirmationRequired { .. } => StatusCode::CONFLICT,
            Error::Unavailable(_) | Error::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Error::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            Error::Config { .. }
            | Error::Bind { .. }
            | Error::Io { .. }
            | Error::Database(_)
            | Error::Migrate(_)
            | Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The problem details body a client sees; never contains internal causes.
    pub fn to_problem(&self) -> Problem {
        let status = self.status();
        let (kind, title, detail, errors) = match self {
            Error::InvalidCredentials => (
                problem_types::INVALID_CREDENTIALS,
                "Invalid credentials",
                "The email or password is incorrect.".to_string(),
                vec![],
            ),
            Error::Unauthenticated => (
                problem_types::UNAUTHENTICATED,
                "Not signed in",
                "Your session has ended or you have not signed in. Sign in again.".to_string(),
                vec![],
            ),
            Error::CookieTwice { name } => (
                problem_types::UNAUTHENTICATED,
                "Cookie sent twice",
                format!(
                    "Your browser sent the {name} cookie twice, so the server cannot tell which sign-in is yours. Clear this site's cookies in your browser, then sign in again."
                ),
                vec![],
            ),
            Error::Forbidden(detail) => {
                (problem_types::FORBIDDEN, "Forbidden", detail.clone(), vec![])
            }
            Error::ForbiddenFields { detail, errors } => {
                (problem_types::FORBIDDEN, "Forbidden", detail.clone(), errors.clone())
            }
            Error::CsrfMismatch => (
                problem_types::CSRF,
                "CSRF token mismatch",
                "This change did not carry the session's X-CSRF-Token header. Reload the page and try again."
                    .to_string(),
                vec![],
            ),
            Error::TooManyRequests { retry_after_secs, per_address } => (
                problem_types::TOO_MANY_REQUESTS,
                "Too many attempts",
                format!(
                    "Too many failed sign-in attempts {}. Try again in {}.",
                    if *per_address { "from your network address" } else { "for this email" },
                    if *retry_after_secs < 60 {
                        format!("{} second(s)", retry_after_secs.max(&1))
                    } else {
                        format!("{} minute(s)", (retry_after_secs + 59) / 60)
                    }
                ),
                vec![],
            ),
            Error::Validation { detail, errors } => {
                (problem_types::VALIDATION, "Invalid request", detail.clone(), errors.clone())
            }
            Error::WrongCode { field, attempts_left } => {
                let message = if *field == "recovery_code" {
                    "This recovery code is not right, or it was used already. Check it and try again."
                } else {
                    "This code is not right. Check it and try again."
                };
                (
                    problem_types::WRONG_CODE,
                    "Wrong code",
                    format!(
                        "{message} You have {attempts_left} more {} before you must start again.",
                        if *attempts_left == 1 { "try" } else { "tries" }
                    ),
                    vec![FieldError { field: (*field).into(), message: message.into() }],
                )
            }
            Error::CodeExpired => (
                problem_types::CODE_EXPIRED,
                "Code expired",
                "This code has expired. Send a new code.".to_string(),
                vec![],
            ),
            Error::TooManyAttempts { retry_after_secs: None } => (
                problem_types::TOO_MANY_ATTEMPTS,
                "Too many attempts",
                "Too many wrong codes. Sign in again (or, in My account, start the set-up again)."
                    .to_string(),
                vec![],
            ),
            Error::TooManyAttempts { retry_after_secs: Some(secs) } => (
                problem_types::TOO_MANY_ATTEMPTS,
                "Too many attempts",
                format!(
                    "Too many wrong codes for this account. Try again in {} minute(s).",
                    (secs + 59) / 60
                ),
                vec![],
            ),
            Error::SecondStepExpired => (
                problem_types::SECOND_STEP_EXPIRED,
                "Sign-in expired",
                "This sign-in has expired or was cancelled. Sign in again.".to_string(),
                vec![],
            ),
            Error::ResendTooSoon { retry_after_secs } => (
                problem_types::RESEND_TOO_SOON,
                "Sent moments ago",
                // Past a minute it is the member's limit over 15 minutes, not one send's cooldown.
                if *retry_after_secs > 60 {
                    format!(
                        "Many codes were sent for this account lately. Wait {} minute(s) before sending another, or use another method.",
                        (retry_after_secs + 59) / 60
                    )
                } else {
                    format!(
                        "A code was sent moments ago. Wait {} second(s) before sending another.",
                        retry_after_secs.max(&1)
                    )
                },
                vec![],
            ),
            Error::ApprovalPending => (
                problem_types::APPROVAL_PENDING,
                "Waiting for approval",
                "The sign-in has not been approved on the phone yet. Keep waiting, or use another way."
                    .to_string(),
                vec![],
            ),
            Error::ApprovalDenied => (
                problem_types::APPROVAL_DENIED,
                "Sign-in denied",
                "The sign-in was denied on the phone. Sign in again.".to_string(),
                vec![],
            ),
            Error::StartRequired => (
                problem_types::START_REQUIRED,
                "Start required",
                "Choose a method and start it first, so that there is a code to check.".to_string(),
                vec![],
            ),
            Error::NotSetUp => (
                problem_types::NOT_SET_UP,
                "Not set up",
                "Set up two-step verification first.".to_string(),
                vec![],
            ),
            Error::UnsupportedMediaType => (
                problem_types::UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type",
                "Send the body as JSON with `Content-Type: application/json`.".to_string(),
                vec![],
            ),
            Error::PayloadTooLarge => (
                problem_types::PAYLOAD_TOO_LARGE,
                "Payload too large",
                "The request body is larger than the 64 KiB the server accepts.".to_string(),
                vec![],
            ),
            Error::MalformedBody => (
                problem_types::BAD_REQUEST,
                "Bad request",
                "The request body is not valid HTTP (its chunked encoding is broken), so it was \
                 not read. Send it again with a correct Content-Length or chunked encoding."
                    .to_string(),
                vec![],
            ),
            Error::NotFound(detail) => {
                (problem_types::NOT_FOUND, "Not found", detail.clone(), vec![])
            }
            Error::MethodNotAllowed => (
                problem_types::METHOD_NOT_ALLOWED,
                "Method not allowed",
                "This resource does not support this method; see the Allow header.".to_string(),
                vec![],
            ),
            Error::PreconditionRequired { resource } => (
                problem_types::PRECONDITION_REQUIRED,
                "Precondition required",
                format!(
                    "Send If-Match with the ETag of {resource} as you loaded it, so that a change \
                     someone else made meanwhile is not overwritten."
                ),
                vec![],
            ),
            Error::PreconditionFailed { resource, .. } => (
                problem_types::PRECONDITION_FAILED,
                "Precondition failed",
                format!(
                    "Someone else changed {resource} while you were editing it. Load it again to \
                     see their changes, then apply yours."
                ),
                vec![],
            ),
            Error::ResetConfirmationRequired { members_reset } => (
                problem_types::RESET_CONFIRMATION_REQUIRED,
                "Reset confirmation required",
                format!(
                    "Changing the primary verification method resets two-step verification for \
                     all {members_reset} members of the organization. Confirm the reset by \
                     sending `confirm_reset: true`."
                ),
                vec![],
            ),
            Error::Busy { what, retry_after_secs } => (
                problem_types::UNAVAILABLE,
                "Server busy",
                format!(
                    "The server is busy ({what}); nothing was changed. Try again in {} second(s).",
                    retry_after_secs.max(&1)
                ),
                vec![],
            ),
            Error::RequestTimeout => (
                problem_types::REQUEST_TIMEOUT,
                "Request timeout",
                "The request arrived too slowly and was not read. Send it again.".to_string(),
                vec![],
            ),
            Error::Unavailable(_) => (
                problem_types::UNAVAILABLE,
                "Service unavailable",
                "The server cannot reach its database. Try again shortly.".to_string(),
                vec![],
            ),
            Error::Config { .. }
            | Error::Bind { .. }
            | Error::Io { .. }
            | Error::Database(_)
            | Error::Migrate(_)
            | Error::Internal(_) => (
                problem_types::INTERNAL,
                "Internal server error",
                "The server failed to answer. Try again; if it keeps failing, see the server log."
                    .to_string(),
                vec![],
            ),
        };
        let members_reset = match self {
            Error::ResetConfirmationRequired { members_reset } => Some(*members_reset),
            _ => None,
        };
        let attempts_left = match self {
            Error::WrongCode { attempts_left, .. } => Some(*attempts_left),
            _ => None,
        };
        Problem {
            kind: kind.into(),
            title: title.into(),
            status: status.as_u16(),
            detail: Some(detail),
            errors,
            sign_in_url: None,
            members_reset,
            members_affected: members_reset,
            attempts_left,
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let problem = self.to_problem();
        let mut response = (status, axum::Json(problem)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_CONTENT_TYPE));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        match self {
            Error::TooManyRequests { retry_after_secs, .. }
            | Error::Busy { retry_after_secs, .. }
            | Error::ResendTooSoon { retry_after_secs }
            | Error::TooManyAttempts { retry_after_secs: Some(retry_after_secs) } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs.max(1)));
            }
            Error::PreconditionFailed { current_revision, .. } => {
                let etag = twostep_contract::etag_for_revision(current_revision);
                if let Ok(value) = HeaderValue::from_str(&etag) {
                    headers.insert(header::ETAG, value);
                }
            }
            _ => {}
        }
        response
    }
}

impl From<sqlx::Error> for Error {
    /// A database held by another write past the busy timeout, or a pool with no free
    /// connection, is [`Error::Busy`] (503 with Retry-After); anything else is a fault (500).
    fn from(error: sqlx::Error) -> Self {
        if is_busy(&error) {
            tracing::warn!(error = %error, "the database is busy");
            return Error::Busy { what: "the database", retry_after_secs: BUSY_RETRY_AFTER_SECS };
        }
        Error::Database(error)
    }
}

/// The Retry-After of an answer refused because the database was busy.
pub const BUSY_RETRY_AFTER_SECS: i64 = 2;

/// Whether `error` says the database was locked by another connection (SQLITE_BUSY or
/// SQLITE_LOCKED with any extended code) or no pooled connection became free in time.
pub fn is_busy(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(e) => e
            .code()
            .and_then(|code| code.parse::<i64>().ok())
            .is_some_and(|code| matches!(code & 0xff, 5 | 6)),
        _ => false,
    }
}

/// The result type of the server.
pub type Result<T, E = Error> = std::result::Result<T, E>;
