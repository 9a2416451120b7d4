//! `/session/second-step`: the pending second step of a sign-in or of a password change. Only
//! the pending cookie reaches these operations ([`PendingStep`]), and it reaches
//! nothing else.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use twostep_contract::{
    AuditChange, PendingSecondStep, PrimaryMethod, Problem, SecondStepAnswer, SecondStepChallenge,
    SecondStepDone, SecondStepKind, SecondStepPurpose, SecondStepStart,
};

use super::challenge;
use crate::auth::pending::PendingStep;
use crate::auth::{Cookies, CurrentSession, session};
use crate::data::audit::{self, Stamp};
use crate::data::second_step::{self, Flow, MemberState, Pending};
use crate::data::{account, policy};
use crate::db;
use crate::error::{Error, Result};
use crate::json::ApiJson;
use crate::json::ApiJsonOrEmpty;
use crate::state::AppState;

/// The pending second step, after a reload.
#[utoipa::path(
    get,
    path = "/session/second-step",
    tag = "session",
    security(("pending_cookie" = [])),
    responses(
        (status = 200, description = "The pending second step", body = PendingSecondStep),
        (status = 401, description = "No pending second step (second-step-expired): sign in again", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_second_step(
    State(state): State<AppState>,
    PendingStep(pending): PendingStep,
) -> Result<Response> {
    let (member, methods) = member_and_methods(&state, &pending).await?;
    let view = view(&pending, &member, methods);
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(view)).into_response())
}

/// Gives up the pending second step.
#[utoipa::path(
    delete,
    path = "/session/second-step",
    tag = "session",
    security(("pending_cookie" = [], "csrf_token" = [])),
    responses(
        (status = 204, description = "Given up; the pending cookie is expired",
            headers(("Set-Cookie" = String, description = "twostep_pending=; ...; Max-Age=0"))),
        (status = 401, description = "No pending second step (second-step-expired)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The X-CSRF-Token header is not the pending step's csrf_token", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn cancel_second_step(
    State(state): State<AppState>,
    PendingStep(pending): PendingStep,
) -> Result<Response> {
    second_step::delete(&state.db, Flow::Pending(&pending.id_hash)).await?;
    let mut headers = HeaderMap::new();
    let expired = Cookies::of(&state).expired_pending();
    headers.insert(header::SET_COOKIE, header_value(&expired)?);
    Ok((StatusCode::NO_CONTENT, headers).into_response())
}

/// Chooses the method (set up) and sends what it needs; calling it again sends again.
#[utoipa::path(
    post,
    path = "/session/second-step/start",
    tag = "session",
    request_body = SecondStepStart,
    security(("pending_cookie" = [], "csrf_token" = [])),
    responses(
        (status = 200, description = "Started: a key to scan, or a code or notification sent", body = SecondStepChallenge),
        (status = 401, description = "No pending second step (second-step-expired)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The X-CSRF-Token header is not the pending step's csrf_token", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A method not offered, an unknown field, or, setting up SMS, a phone number missing or not in international form", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Sent moments ago (resend-too-soon); see Retry-After", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds until another send"))),
    )
)]
pub async fn start_second_step(
    State(state): State<AppState>,
    PendingStep(pending): PendingStep,
    ApiJson(body): ApiJson<SecondStepStart>,
) -> Result<Response> {
    let (member, methods) = member_and_methods(&state, &pending).await?;
    let flow = Flow::Pending(&pending.id_hash);
    let answer =
        challenge::start(&state, &member, flow, pending.step, &methods, &pending.challenge, body)
            .await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(answer)).into_response())
}

/// Answers the second step: a code, a recovery code, or nothing while a notification waits.
#[utoipa::path(
    post,
    path = "/session/second-step/complete",
    tag = "session",
    request_body = SecondStepAnswer,
    security(("pending_cookie" = [], "csrf_token" = [])),
    responses(
        (status = 200, description = "Done: the session cookie is set (sign-in) or the password changed; after a set-up, the recovery codes", body = SecondStepDone,
            headers(("Set-Cookie" = String, description = "twostep_session=... (sign-in), and twostep_pending=; Max-Age=0"))),
        (status = 401, description = "No pending second step (second-step-expired)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The notification was denied (approval-denied), or the CSRF token is wrong", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Start first (start-required), or the notification is not answered yet (approval-pending)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong code (wrong-code, with attempts_left), the code sent has expired (code-expired), or an unknown field (validation)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong codes (too-many-attempts): the pending step has ended, or, with Retry-After, the member is paused", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds until the member may try again"))),
    )
)]
pub async fn complete_second_step(
    State(state): State<AppState>,
    PendingStep(pending): PendingStep,
    ApiJsonOrEmpty(answer): ApiJsonOrEmpty<SecondStepAnswer>,
) -> Result<Response> {
    let member = live_member(&state, &pending).await?;
    let flow = Flow::Pending(&pending.id_hash);
    let setup =
        challenge::check(&state, &member, flow, pending.step, &pending.challenge, answer).await?;
    let current = match pending.purpose {
        SecondStepPurpose::SignIn => None,
        SecondStepPurpose::PasswordChange => {
            let session_id = pending.session_id_hash.clone().unwrap_or_default();
            match CurrentSession::find(&state.db, session_id).await {
                Ok(current) => Some(current),
                Err(Error::Unauthenticated) => {
                    second_step::delete(&state.db, flow).await?;
                    return Err(Error::SecondStepExpired);
                }
                Err(e) => return Err(e),
            }
        }
    };

    let stamp = Stamp {
        organization_id: member.organization_id,
        actor_member_id: member.id,
        at: db::now(),
    };
    let mut recovery_codes = Vec::new();
    let mut tx = state.db.begin().await?;
    if !second_step::delete_on(&mut tx, flow).await? {
        return Err(Error::SecondStepExpired);
    }
    if let Some(setup) = &setup {
        let (shown, stored) = challenge::new_recovery_codes(&state)?;
        second_step::store_setup(&mut tx, member.id, setup, &stored).await?;
        let change = AuditChange::TwoStepSetUp {
            method: setup.method,
            method_before: member.setup.as_ref().map(|s| s.method),
        };
        audit::record(&mut tx, &stamp, &change).await?;
        recovery_codes = shown;
    }
    if let Some(current) = &current {
        let hash = pending.new_password_hash.as_deref().ok_or_else(|| {
            Error::Internal("a pending password change holds no new password".into())
        })?;
        account::change_password(&mut tx, member.id, hash, &current.id_hash).await?;
        audit::record(&mut tx, &stamp, &AuditChange::PasswordChanged {}).await?;
    }
    tx.commit().await?;

    let mut headers = HeaderMap::new();
    let cookies = Cookies::of(&state);
    headers.append(header::SET_COOKIE, header_value(&cookies.expired_pending())?);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let session = match current {
        Some(current) => {
            tracing::info!(member_id = member.id, "password changed after a second step");
            current.to_contract()
        }
        None => {
            let created = session::create(&state.db, member.id, member.organization_id).await?;
            headers.append(header::SET_COOKIE, header_value(&cookies.session(&created.token))?);
            tracing::info!(
                member_id = member.id,
                organization_id = member.organization_id,
                "signed in with a second step"
            );
            CurrentSession::find(&state.db, session::token_hash(&created.token))
                .await?
                .to_contract()
        }
    };
    Ok((headers, Json(SecondStepDone { session, recovery_codes })).into_response())
}

/// The member of a pending step, and the methods it offers.
async fn member_and_methods(
    state: &AppState,
    pending: &Pending,
) -> Result<(MemberState, Vec<PrimaryMethod>)> {
    let member = live_member(state, pending).await?;
    let methods = methods_offered(state, &member).await?;
    Ok((member, methods))
}

/// The member of a pending step that still fits them. A step that no longer does has ended: a
/// verify whose setup was reset meanwhile, or a set-up of a member who has set up meanwhile
/// (else a password alone could replace that new setup for 10 minutes).
async fn live_member(state: &AppState, pending: &Pending) -> Result<MemberState> {
    let member =
        second_step::member(&state.db, pending.member_id).await?.ok_or(Error::SecondStepExpired)?;
    if step_of(&member) != pending.step {
        second_step::delete(&state.db, Flow::Pending(&pending.id_hash)).await?;
        return Err(Error::SecondStepExpired);
    }
    Ok(member)
}

/// The step `member` takes: set up when they have no setup, else verify.
fn step_of(member: &MemberState) -> SecondStepKind {
    match member.setup {
        Some(_) => SecondStepKind::Verify,
        None => SecondStepKind::SetUp,
    }
}

/// The methods `member`'s step offers: their method (verify), or every method with the
/// organization's primary method first (set up).
async fn methods_offered(state: &AppState, member: &MemberState) -> Result<Vec<PrimaryMethod>> {
    Ok(match &member.setup {
        Some(setup) => vec![setup.method],
        None => {
            let policy = policy::load(&state.db, member.organization_id).await?;
            challenge::set_up_methods(&policy.settings)
        }
    })
}

/// The contract's view of a pending step.
pub(crate) fn view(
    pending: &Pending,
    member: &MemberState,
    methods: Vec<PrimaryMethod>,
) -> PendingSecondStep {
    PendingSecondStep {
        purpose: pending.purpose,
        step: pending.step,
        name: member.name.clone(),
        email: member.email.clone(),
        methods,
        recovery_codes_left: match pending.step {
            SecondStepKind::SetUp => 0,
            SecondStepKind::Verify => member.recovery_codes_left,
        },
        expires_at: db::rfc3339(pending.expires_at),
        csrf_token: pending.csrf_token.clone(),
    }
}

/// Opens a pending second step of `purpose` for `member` (required to use two-step
/// verification): set up when they have no setup, else verify. Answers `202` with the step and
/// its cookie. `session_id_hash` and `new_password_hash` are a password change's.
pub(crate) async fn open(
    state: &AppState,
    member: &MemberState,
    purpose: SecondStepPurpose,
    session_id_hash: Option<String>,
    new_password_hash: Option<String>,
) -> Result<Response> {
    let token = crate::two_step::codes::token()?;
    let now = db::now();
    let step = step_of(member);
    let pending = Pending {
        id_hash: session::token_hash(&token),
        member_id: member.id,
        organization_id: member.organization_id,
        purpose,
        step,
        csrf_token: crate::two_step::codes::token()?,
        session_id_hash,
        new_password_hash,
        created_at: now,
        expires_at: now + twostep_contract::PENDING_SECONDS,
        challenge: Default::default(),
    };
    second_step::insert_pending(&state.db, &pending).await?;
    let methods = methods_offered(state, member).await?;
    let mut headers = HeaderMap::new();
    let cookie = Cookies::of(state).pending(&token);
    headers.insert(header::SET_COOKIE, header_value(&cookie)?);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    tracing::info!(member_id = member.id, ?purpose, ?step, "second step pending");
    Ok((StatusCode::ACCEPTED, headers, Json(view(&pending, member, methods))).into_response())
}

fn header_value(value: &str) -> Result<HeaderValue> {
    HeaderValue::from_str(value).map_err(|e| Error::Internal(format!("header value: {e}")))
}
