//! RFC 9457 problem details, the body of every error answer.

use serde::{Deserialize, Serialize};

/// The media type of a problem details body.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// What was wrong with one field of a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name as it appears in the request (`email`, `primary_method`, ...).
    pub field: String,
    /// What is wrong and what is accepted.
    pub message: String,
}

/// An error answer (RFC 9457).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI reference naming the kind of problem, such as `/problems/invalid-credentials`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What happened in this case and what to do about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// For validation problems: one entry per wrong field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// On a 401 from a backend with its own single sign-on page: where to send the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_in_url: Option<String>,
    /// On a 409 `reset-confirmation-required`: the members who would have to set up two-step
    /// verification again if the change were confirmed; the same number, with the same meaning,
    /// as `members_reset` of the impact preview of the same candidate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members_reset: Option<u64>,
    /// On a 409 `reset-confirmation-required`: the same number as `members_reset`, kept for
    /// older clients. Deprecated: read `members_reset`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(deprecated))]
    pub members_affected: Option<u64>,
    /// On a 422 `wrong-code`: how many more tries the code has before it stops working.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts_left: Option<u32>,
}

/// The `type` values this contract defines, so that clients can tell problems apart.
pub mod problem_types {
    /// Wrong email or password.
    pub const INVALID_CREDENTIALS: &str = "/problems/invalid-credentials";
    /// No session, or it has expired.
    pub const UNAUTHENTICATED: &str = "/problems/unauthenticated";
    /// Signed in, but the role does not allow this.
    pub const FORBIDDEN: &str = "/problems/forbidden";
    /// The write did not carry the session's CSRF token.
    pub const CSRF: &str = "/problems/csrf-token-mismatch";
    /// Too many attempts; try again later.
    pub const TOO_MANY_REQUESTS: &str = "/problems/too-many-requests";
    /// The body or query was malformed or had invalid values.
    pub const VALIDATION: &str = "/problems/validation";
    /// The body was not JSON.
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "/problems/unsupported-media-type";
    /// The body was larger than the server accepts.
    pub const PAYLOAD_TOO_LARGE: &str = "/problems/payload-too-large";
    /// No such resource (in the caller's organization).
    pub const NOT_FOUND: &str = "/problems/not-found";
    /// The write lacked `If-Match`.
    pub const PRECONDITION_REQUIRED: &str = "/problems/precondition-required";
    /// The `If-Match` revision is no longer current.
    pub const PRECONDITION_FAILED: &str = "/problems/precondition-failed";
    /// A method change was sent without confirming the reset it causes.
    pub const RESET_CONFIRMATION_REQUIRED: &str = "/problems/reset-confirmation-required";
    /// The code of a second step is not right (422, with `attempts_left`).
    pub const WRONG_CODE: &str = "/problems/wrong-code";
    /// The code sent by SMS or email has expired (422); start again to get a new one.
    pub const CODE_EXPIRED: &str = "/problems/code-expired";
    /// Too many wrong codes (429): the pending second step has ended, or the member's second
    /// step is paused (see `Retry-After`); sign in again.
    pub const TOO_MANY_ATTEMPTS: &str = "/problems/too-many-attempts";
    /// The pending second step has expired or was never there (401); sign in again.
    pub const SECOND_STEP_EXPIRED: &str = "/problems/second-step-expired";
    /// A code or notification was sent moments ago (429, see `Retry-After`).
    pub const RESEND_TOO_SOON: &str = "/problems/resend-too-soon";
    /// The notification has not been approved yet (409); complete again to keep waiting.
    pub const APPROVAL_PENDING: &str = "/problems/approval-pending";
    /// The notification was denied on the phone (403); the pending step has ended.
    pub const APPROVAL_DENIED: &str = "/problems/approval-denied";
    /// `complete` came before `start` for a method that needs it (409).
    pub const START_REQUIRED: &str = "/problems/start-required";
    /// The member has no two-step verification set up (409), as regenerating recovery codes
    /// needs.
    pub const NOT_SET_UP: &str = "/problems/not-set-up";
    /// The server is busy (too many password checks or exports at once, or its database is
    /// held by another write) or cannot reach its database (503); retry after `Retry-After`
    /// seconds. Nothing was changed.
    pub const UNAVAILABLE: &str = "/problems/unavailable";
    /// The client sent its request too slowly (408); send it again, whole.
    pub const REQUEST_TIMEOUT: &str = "/problems/request-timeout";
    /// The server failed; the request may be retried.
    pub const INTERNAL: &str = "/problems/internal";
    /// The body's HTTP framing is broken (a malformed chunked encoding), so it was not read
    /// (400).
    pub const BAD_REQUEST: &str = "/problems/bad-request";
    /// The resource does not take this method (405, with `Allow`).
    pub const METHOD_NOT_ALLOWED: &str = "/problems/method-not-allowed";

    /// Every `type` above, each once.
    pub const ALL: [&str; 26] = [
        INVALID_CREDENTIALS,
        UNAUTHENTICATED,
        FORBIDDEN,
        CSRF,
        TOO_MANY_REQUESTS,
        VALIDATION,
        UNSUPPORTED_MEDIA_TYPE,
        PAYLOAD_TOO_LARGE,
        NOT_FOUND,
        PRECONDITION_REQUIRED,
        PRECONDITION_FAILED,
        RESET_CONFIRMATION_REQUIRED,
        WRONG_CODE,
        CODE_EXPIRED,
        TOO_MANY_ATTEMPTS,
        SECOND_STEP_EXPIRED,
        RESEND_TOO_SOON,
        APPROVAL_PENDING,
        APPROVAL_DENIED,
        START_REQUIRED,
        NOT_SET_UP,
        UNAVAILABLE,
        REQUEST_TIMEOUT,
        INTERNAL,
        BAD_REQUEST,
        METHOD_NOT_ALLOWED,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_uses_the_rfc_member_names_and_omits_empty_parts() {
        let p = Problem {
            kind: problem_types::NOT_FOUND.into(),
            title: "Not found".into(),
            status: 404,
            detail: None,
            errors: vec![],
            sign_in_url: None,
            members_reset: None,
            members_affected: None,
            attempts_left: None,
        };
        assert_eq!(
            serde_json::to_value(&p).unwrap(),
            serde_json::json!({"type": "/problems/not-found", "title": "Not found", "status": 404})
        );
    }

    #[test]
    fn every_problem_type_is_listed_once() {
        let mut types = problem_types::ALL.to_vec();
        types.sort_unstable();
        types.dedup();
        assert_eq!(types.len(), problem_types::ALL.len());
        assert!(types.iter().all(|kind| kind.starts_with("/problems/")));
    }

    #[test]
    fn problem_from_another_backend_with_only_the_required_members_parses() {
        let p: Problem =
            serde_json::from_str(r#"{"type":"about:blank","title":"Unauthorized","status":401,"sign_in_url":"https://sso.example/"}"#)
                .unwrap();
        assert_eq!(p.sign_in_url.as_deref(), Some("https://sso.example/"));
        assert!(p.errors.is_empty());
    }
}
