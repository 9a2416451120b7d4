//! `/session`: signing in, who is signed in, signing out.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use twostep_contract::{
    MAX_EMAIL_CHARS, PendingSecondStep, Problem, SecondStepPurpose, Session, SignIn,
};

use super::{account, second_step};
use crate::auth::{Cookies, CsrfVerified, CurrentSession, session, throttle};
use crate::client::ClientAddress;
use crate::data::second_step as second_step_data;
use crate::data::sessions;
use crate::error::{Error, Result};
use crate::json::ApiJson;
use crate::state::AppState;

/// Signs in with email and password: sets the session cookie (200), or, for a member the
/// policy requires to use two-step verification, opens the second step (202).
#[utoipa::path(
    post,
    path = "/session",
    tag = "session",
    request_body = SignIn,
    responses(
        (status = 200, description = "Signed in (two-step verification is not required of the member); the session cookie is set", body = Session,
            headers(("Set-Cookie" = String, description = "twostep_session=...; HttpOnly; SameSite=Strict; Path=/; Max-Age=28800"))),
        (status = 202, description = "The password is right; the member must now set up or verify two-step verification through /session/second-step. The pending cookie is set; it opens nothing else", body = PendingSecondStep,
            headers(("Set-Cookie" = String, description = "twostep_pending=...; HttpOnly; SameSite=Strict; Path=/; Max-Age=600"))),
        (status = 401, description = "Wrong email or password", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is larger than 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing, invalid or unknown fields: an email empty or only white space once trimmed, or longer than 254 characters as sent; an empty password; a field other than `email` and `password`; or a body that is not valid JSON (`errors` empty)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts, checked before the password: for this email from this client address (five are free, then waits of 30 s doubling up to 15 minutes; a right password clears them, and other addresses are not affected), or from this client address whatever the email (twenty are free, then the same waits). See Retry-After", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds until another attempt is allowed"))),
        (status = 503, description = "Every password check is in use (a flood of sign-ins); nothing was counted. See Retry-After", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds after which a retry is likely to be checked"))),
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    client: ClientAddress,
    ApiJson(body): ApiJson<SignIn>,
) -> Result<Response> {
    let email = body.email.trim().to_lowercase();
    let mut errors = Vec::new();
    if email.is_empty() {
        errors.push(field("email", "Enter your email address."));
    } else if body.email.chars().count() > MAX_EMAIL_CHARS {
        errors.push(field(
            "email",
            &format!("Enter an email address of at most {MAX_EMAIL_CHARS} characters."),
        ));
    }
    if body.password.is_empty() {
        errors.push(field("password", "Enter your password."));
    }
    if !errors.is_empty() {
        return Err(Error::Validation {
            detail: "The request body has missing or invalid fields; see `errors`.".into(),
            errors,
        });
    }

    // Counted before the password is checked; refused (429) without hashing when the email
    // from this address, or this address, must wait.
    let attempt = throttle::sign_in(&state, &email, client).await?;
    let member = sessions::credentials(&state.db, &email).await;
    let member = match member {
        Ok(member) => member,
        Err(e) => {
            attempt.unchecked(&state.db).await?;
            return Err(e);
        }
    };
    let stored = member.as_ref().map(|m| m.password_hash.clone());
    let matches = throttle::check(&state, attempt, body.password, stored).await?;
    let Some(member) = member.filter(|_| matches) else {
        tracing::info!("sign-in failed");
        return Err(Error::InvalidCredentials);
    };

    let (member_id, organization_id) = (member.member_id, member.organization_id);
    // Exactly the contract's rule decides who takes a second step.
    let signing_in =
        second_step_data::member(&state.db, member_id).await?.ok_or(Error::InvalidCredentials)?;
    if account::required(&state, &signing_in).await? {
        return second_step::open(&state, &signing_in, SecondStepPurpose::SignIn, None, None).await;
    }
    let created = session::create(&state.db, member_id, organization_id).await?;
    let mut headers = HeaderMap::new();
    let cookie = Cookies::of(&state).session(&created.token);
    headers.insert(header::SET_COOKIE, header_value(&cookie)?);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let current = CurrentSession::find(&state.db, session::token_hash(&created.token)).await?;
    tracing::info!(member_id, organization_id, "signed in");
    Ok((headers, Json(current.to_contract())).into_response())
}

/// Who is signed in, with the session's CSRF token.
#[utoipa::path(
    get,
    path = "/session",
    tag = "session",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The current session", body = Session),
        (status = 401, description = "Not signed in, or the session has expired", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_session(current: CurrentSession) -> Response {
    ([(header::CACHE_CONTROL, "no-store")], Json(current.to_contract())).into_response()
}

/// Signs out: deletes the session and expires the cookie.
#[utoipa::path(
    delete,
    path = "/session",
    tag = "session",
    security(("session_cookie" = [], "csrf_token" = [])),
    responses(
        (status = 204, description = "Signed out; the cookie is expired",
            headers(("Set-Cookie" = String, description = "twostep_session=; ...; Max-Age=0"))),
        (status = 401, description = "Not signed in, or the session has expired", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The X-CSRF-Token header is missing or wrong", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn sign_out(
    State(state): State<AppState>,
    CsrfVerified(current): CsrfVerified,
) -> Result<Response> {
    sessions::delete(&state.db, &current.id_hash).await?;
    tracing::info!(member_id = current.member_id(), "signed out");
    signed_out(&state)
}

/// The answer of a sign-out: 204 with the session cookie expired.
pub(super) fn signed_out(state: &AppState) -> Result<Response> {
    let expired = Cookies::of(state).expired_session();
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, header_value(&expired)?)]).into_response())
}

fn field(name: &str, message: &str) -> twostep_contract::FieldError {
    twostep_contract::FieldError { field: name.into(), message: message.into() }
}

fn header_value(value: &str) -> Result<HeaderValue> {
    HeaderValue::from_str(value).map_err(|e| Error::Internal(format!("header value: {e}")))
}
