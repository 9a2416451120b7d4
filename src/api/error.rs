//! The error of every API call, and the one place that maps an error answer onto it.

use thiserror::Error;
use twostep_contract::{FieldError, Problem, problem_types};

/// Why an API call did not succeed.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ApiError {
    /// 401: no session, it has expired, or (when signing in) the credentials are wrong.
    #[error("not signed in")]
    Unauthorized {
        /// Where a backend with its own single sign-on page wants the person sent.
        sign_in_url: Option<String>,
    },
    /// 403: signed in, but not allowed.
    #[error("not allowed: {}", .detail.as_deref().unwrap_or("no detail"))]
    Forbidden {
        /// The server's explanation, when it gave one.
        detail: Option<String>,
        /// What was refused, item by item (such as each member a reset may not touch).
        errors: Vec<FieldError>,
    },
    /// 404: no such resource in the caller's organization.
    #[error("not found: {}", .0.title)]
    NotFound(Problem),
    /// 400 or 422 with field errors: the request had invalid values.
    #[error("invalid request ({} field errors)", .0.len())]
    Validation(Vec<FieldError>),
    /// 409: the request conflicts with the current state (such as an unconfirmed reset).
    #[error("conflict: {}", .0.title)]
    Conflict(Problem),
    /// 412: someone else changed the resource since it was read.
    #[error("changed meanwhile: {}", .0.title)]
    PreconditionFailed(Problem),
    /// 428: a write did not say which revision it replaces (`If-Match`).
    #[error("revision required: {}", .0.title)]
    PreconditionRequired(Problem),
    /// 429: too many attempts.
    #[error("too many requests")]
    TooManyRequests {
        /// How long to wait, from the `Retry-After` header, when it holds a number of seconds.
        retry_after_seconds: Option<u32>,
    },
    /// 422 `wrong-code`: the code of a second step is not right.
    #[error("wrong code")]
    WrongCode {
        /// How many more tries the code has, when the server said.
        attempts_left: Option<u32>,
    },
    /// 422 `code-expired`: the code sent by SMS or email has expired; send a new one.
    #[error("code expired")]
    CodeExpired,
    /// 429 `too-many-attempts`: too many wrong codes; the pending second step has ended, or the
    /// member's second step is paused. Sign in again.
    #[error("too many attempts")]
    TooManyAttempts {
        /// How long the pause lasts, when the server said.
        retry_after_seconds: Option<u32>,
    },
    /// 401 `second-step-expired`: the pending second step has expired or was never there.
    #[error("second step expired")]
    SecondStepExpired,
    /// 429 `resend-too-soon`: a code or notification was sent moments ago.
    #[error("resend too soon")]
    ResendTooSoon {
        /// How long to wait before sending again, when the server said.
        retry_after_seconds: Option<u32>,
    },
    /// 409 `approval-pending`: the notification has not been approved yet; complete again to
    /// keep waiting.
    #[error("approval pending")]
    ApprovalPending,
    /// 403 `approval-denied`: the notification was denied on the phone; the step has ended.
    #[error("approval denied")]
    ApprovalDenied,
    /// 409 `start-required`: a code was sent before a method was chosen and started.
    #[error("start required")]
    StartRequired,
    /// 409 `not-set-up`: the member has no two-step verification set up.
    #[error("two-step verification not set up")]
    NotSetUp,
    /// The request did not reach the server, or its answer did not come back.
    #[error("server unreachable: {0}")]
    Network(String),
    /// 503: the server is busy (or cannot reach its database); nothing was changed.
    #[error("server busy")]
    Busy {
        /// How long to wait, from the `Retry-After` header, when it holds a number of seconds.
        retry_after_seconds: Option<u32>,
    },
    /// 5xx: the server failed.
    #[error("server error {}: {}", .0.status, .0.title)]
    Server(Problem),
    /// Any other error answer.
    #[error("unexpected answer {}: {}", .0.status, .0.title)]
    Unexpected(Problem),
    /// A success answer whose body is not what the contract says.
    #[error("unreadable answer: {0}")]
    InvalidResponse(String),
}

impl ApiError {
    /// Maps an error answer onto the error: its HTTP status, its problem details (or
    /// [`ApiError::stand_in_problem`] when the body was not one) and its `Retry-After` header.
    pub fn from_answer(status: u16, problem: Problem, retry_after: Option<&str>) -> ApiError {
        let retry_after_seconds = retry_after.and_then(|value| value.trim().parse().ok());
        match problem.kind.as_str() {
            problem_types::WRONG_CODE => {
                return ApiError::WrongCode { attempts_left: problem.attempts_left };
            }
            problem_types::CODE_EXPIRED => return ApiError::CodeExpired,
            problem_types::TOO_MANY_ATTEMPTS => {
                return ApiError::TooManyAttempts { retry_after_seconds };
            }
            problem_types::SECOND_STEP_EXPIRED => return ApiError::SecondStepExpired,
            problem_types::RESEND_TOO_SOON => {
                return ApiError::ResendTooSoon { retry_after_seconds };
            }
            problem_types::APPROVAL_PENDING => return ApiError::ApprovalPending,
            problem_types::APPROVAL_DENIED => return ApiError::ApprovalDenied,
            problem_types::START_REQUIRED => return ApiError::StartRequired,
            problem_types::NOT_SET_UP => return ApiError::NotSetUp,
            _ => {}
        }
        match status {
            401 => ApiError::Unauthorized { sign_in_url: problem.sign_in_url },
            403 => ApiError::Forbidden { detail: problem.detail, errors: problem.errors },
            404 => ApiError::NotFound(problem),
            409 => ApiError::Conflict(problem),
            412 => ApiError::PreconditionFailed(problem),
            428 => ApiError::PreconditionRequired(problem),
            429 => ApiError::TooManyRequests { retry_after_seconds },
            422 => ApiError::Validation(problem.errors),
            400 if !problem.errors.is_empty() => ApiError::Validation(problem.errors),
            503 => ApiError::Busy { retry_after_seconds },
            500..=599 => ApiError::Server(problem),
            _ => ApiError::Unexpected(problem),
        }
    }

    /// The problem details assumed for an error answer whose body is not problem details (a
    /// proxy's error page, for example).
    pub fn stand_in_problem(status: u16, status_text: &str) -> Problem {
        Problem {
            kind: "about:blank".to_owned(),
            title: status_text.to_owned(),
            status,
            detail: None,
            errors: Vec::new(),
            sign_in_url: None,
            members_reset: None,
            members_affected: None,
            attempts_left: None,
        }
    }

    /// Whether the server refused a change until the reset it causes is confirmed (409
    /// `reset-confirmation-required`, or any 409 that counts the members the reset would reach).
    pub fn requires_reset_confirmation(&self) -> bool {
        match self {
            ApiError::Conflict(problem) => {
                problem.kind == problem_types::RESET_CONFIRMATION_REQUIRED
                    || problem.members_reset.is_some()
                    || problem.members_affected.is_some()
            }
            _ => false,
        }
    }

    /// On a 409 `reset-confirmation-required`: the members who would have to set up two-step
    /// verification again, when the server said: its `members_reset`, else `members_affected`
    /// (the deprecated synonym older servers send).
    pub fn members_reset(&self) -> Option<u64> {
        match self {
            ApiError::Conflict(problem) => problem.members_reset.or(problem.members_affected),
            _ => None,
        }
    }

    /// The server's own explanation (the problem's `detail`), when it gave one. It is in the
    /// server's words and language: the console shows it only under its own message.
    pub fn detail(&self) -> Option<&str> {
        let detail = match self {
            ApiError::Forbidden { detail, .. } => detail.as_deref(),
            ApiError::NotFound(problem)
            | ApiError::Conflict(problem)
            | ApiError::PreconditionFailed(problem)
            | ApiError::PreconditionRequired(problem)
            | ApiError::Server(problem)
            | ApiError::Unexpected(problem) => problem.detail.as_deref(),
            _ => None,
        };
        detail.map(str::trim).filter(|detail| !detail.is_empty())
    }

    /// Whether the error ends a pending second step: the person must sign in again (too many
    /// wrong codes, the step expired, the notification was denied, or no session at all).
    pub fn ends_second_step(&self) -> bool {
        matches!(
            self,
            ApiError::TooManyAttempts { .. }
                | ApiError::SecondStepExpired
                | ApiError::ApprovalDenied
                | ApiError::Unauthorized { .. }
        )
    }

    /// Whether repeating the same request may succeed (the server was unreachable or failed).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ApiError::Network(_)
                | ApiError::Server(_)
                | ApiError::TooManyRequests { .. }
                | ApiError::Busy { .. }
                | ApiError::InvalidResponse(_)
        )
    }
}
