//! `/account`: the signed-in person's own two-step verification and password, for every role
//! (technicians included).

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use twostep_contract::{
    Account, AccountSetUp, AuditChange, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, PasswordChange,
    Problem, RecoveryCodes, SecondStepAnswer, SecondStepChallenge, SecondStepKind,
    SecondStepPurpose, SecondStepStart, is_required,
};

use super::challenge::{self, validation};
use super::second_step;
use crate::auth::{CsrfVerified, CurrentSession, throttle};
use crate::client::ClientAddress;
use crate::data::audit::{self, Stamp};
use crate::data::second_step::{self as stored, Flow, MemberState};
use crate::data::{account, policy};
use crate::db;
use crate::error::{Error, Result};
use crate::json::{ApiJson, ApiJsonOrEmpty};
use crate::state::AppState;
use crate::two_step::contact;

/// The signed-in person's two-step verification state.
#[utoipa::path(
    get,
    path = "/account",
    tag = "account",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The signed-in person's account", body = Account),
        (status = 401, description = "Not signed in, or the session has expired", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_account(
    State(state): State<AppState>,
    current: CurrentSession,
) -> Result<Response> {
    let member = signed_in_member(&state, &current).await?;
    let account = account_of(&state, &member).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(account)).into_response())
}

/// Sets up two-step verification, or changes the method: sends what the method needs.
#[utoipa::path(
    post,
    path = "/account/two-step/start",
    tag = "account",
    request_body = SecondStepStart,
    security(("session_cookie" = [], "csrf_token" = [])),
    responses(
        (status = 200, description = "Started: a key to scan, or a code or notification sent", body = SecondStepChallenge),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The X-CSRF-Token header is missing or wrong", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown method, an unknown field, or, setting up SMS, a phone number missing or not in international form", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Sent moments ago (resend-too-soon); see Retry-After", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds until another send"))),
    )
)]
pub async fn start_set_up(
    State(state): State<AppState>,
    CsrfVerified(current): CsrfVerified,
    ApiJson(body): ApiJson<SecondStepStart>,
) -> Result<Response> {
    let member = signed_in_member(&state, &current).await?;
    let policy = policy::load(&state.db, member.organization_id).await?;
    let methods = challenge::set_up_methods(&policy.settings);
    let now = db::now();
    stored::open_account_set_up(
        &state.db,
        &current.id_hash,
        member.id,
        now,
        now + challenge::CHALLENGE_SECONDS,
    )
    .await?;
    let existing =
        stored::find_account_set_up(&state.db, &current.id_hash, now).await?.unwrap_or_default();
    let flow = Flow::Account(&current.id_hash);
    let answer =
        challenge::start(&state, &member, flow, SecondStepKind::SetUp, &methods, &existing, body)
            .await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(answer)).into_response())
}

/// Completes the set-up started with `/account/two-step/start`.
#[utoipa::path(
    post,
    path = "/account/two-step/complete",
    tag = "account",
    request_body = SecondStepAnswer,
    security(("session_cookie" = [], "csrf_token" = [])),
    responses(
        (status = 200, description = "Set up; the ten new recovery codes, shown once", body = AccountSetUp),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The notification was denied (approval-denied), or the CSRF token is wrong", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Start first (start-required), or the notification is not answered yet (approval-pending)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong code (wrong-code, with attempts_left), the code sent has expired (code-expired), or an unknown field (validation)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong codes (too-many-attempts): start again, or, with Retry-After, wait", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds until the member may try again"))),
    )
)]
pub async fn complete_set_up(
    State(state): State<AppState>,
    CsrfVerified(current): CsrfVerified,
    ApiJsonOrEmpty(answer): ApiJsonOrEmpty<SecondStepAnswer>,
) -> Result<Response> {
    let member = signed_in_member(&state, &current).await?;
    let now = db::now();
    let existing = stored::find_account_set_up(&state.db, &current.id_hash, now)
        .await?
        .filter(|c| c.method.is_some())
        .ok_or(Error::StartRequired)?;
    let flow = Flow::Account(&current.id_hash);
    let setup = challenge::check(&state, &member, flow, SecondStepKind::SetUp, &existing, answer)
        .await?
        .ok_or_else(|| Error::Internal("a set-up answered no setup".into()))?;
    let (shown, hashes) = challenge::new_recovery_codes(&state)?;
    let stamp = stamp(&member);
    let mut tx = state.db.begin().await?;
    if !stored::delete_on(&mut tx, flow).await? {
        return Err(Error::StartRequired);
    }
    stored::store_setup(&mut tx, member.id, &setup, &hashes).await?;
    let change = AuditChange::TwoStepSetUp {
        method: setup.method,
        method_before: member.setup.as_ref().map(|s| s.method),
    };
    audit::record(&mut tx, &stamp, &change).await?;
    tx.commit().await?;
    tracing::info!(member_id = member.id, "two-step verification set up from My account");
    let member = signed_in_member(&state, &current).await?;
    let account = account_of(&state, &member).await?;
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        Json(AccountSetUp { account, recovery_codes: shown }),
    )
        .into_response())
}

/// Replaces every recovery code with ten new ones.
#[utoipa::path(
    post,
    path = "/account/recovery-codes",
    tag = "account",
    security(("session_cookie" = [], "csrf_token" = [])),
    responses(
        (status = 200, description = "Ten new recovery codes, shown once; the old ones no longer work", body = RecoveryCodes),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The X-CSRF-Token header is missing or wrong", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Two-step verification is not set up (not-set-up)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn regenerate_recovery_codes(
    State(state): State<AppState>,
    CsrfVerified(current): CsrfVerified,
) -> Result<Response> {
    let member = signed_in_member(&state, &current).await?;
    if member.setup.is_none() {
        return Err(Error::NotSetUp);
    }
    let (shown, hashes) = challenge::new_recovery_codes(&state)?;
    let mut tx = state.db.begin().await?;
    stored::replace_recovery_codes(&mut tx, member.id, &hashes).await?;
    audit::record(&mut tx, &stamp(&member), &AuditChange::RecoveryCodesRegenerated {}).await?;
    tx.commit().await?;
    tracing::info!(member_id = member.id, "recovery codes regenerated");
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(RecoveryCodes { recovery_codes: shown }))
        .into_response())
}

/// Changes the password: at once when two-step verification is not required of the member
/// (204), else after a second step (202).
#[utoipa::path(
    post,
    path = "/account/password",
    tag = "account",
    request_body = PasswordChange,
    security(("session_cookie" = [], "csrf_token" = [])),
    responses(
        (status = 202, description = "The member must use two-step verification: finish with /session/second-step (purpose password_change); the pending cookie is set", body = twostep_contract::PendingSecondStep,
            headers(("Set-Cookie" = String, description = "twostep_pending=...; HttpOnly; SameSite=Strict; Path=/; Max-Age=600"))),
        (status = 204, description = "Changed; every other session of the member has ended"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The X-CSRF-Token header is missing or wrong", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong current password (field current_password), an unfit new password (field new_password: fewer than 12 or more than 256 characters, or the current one), or missing or unknown fields", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong passwords for this email from this client address (counted with the failed sign-ins); see Retry-After", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds until another attempt is allowed"))),
        (status = 503, description = "Every password check is in use; nothing was changed. See Retry-After", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds after which a retry is likely to be checked"))),
    )
)]
pub async fn change_password(
    State(state): State<AppState>,
    CsrfVerified(current): CsrfVerified,
    client: ClientAddress,
    ApiJson(body): ApiJson<PasswordChange>,
) -> Result<Response> {
    let member = signed_in_member(&state, &current).await?;
    // Wrong current passwords count with the failed sign-ins of the same email from the same
    // address: a session cannot guess the password any faster than the sign-in page can.
    let attempt = throttle::current_password(&state, &member.email, client).await?;
    let stored_hash = match account::password_hash(&state.db, member.id).await {
        Ok(stored_hash) => stored_hash,
        Err(e) => {
            attempt.unchecked(&state.db).await?;
            return Err(e);
        }
    };
    let current_right =
        throttle::check(&state, attempt, body.current_password.clone(), stored_hash).await?;
    if !current_right {
        return Err(validation(
            "current_password",
            "This is not your current password. Enter the password you signed in with.".into(),
        ));
    }
    let chars = body.new_password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(validation(
            "new_password",
            format!("Use at least {MIN_PASSWORD_CHARS} characters for the new password."),
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(validation(
            "new_password",
            format!("Use at most {MAX_PASSWORD_CHARS} characters for the new password."),
        ));
    }
    if body.new_password == body.current_password {
        return Err(validation(
            "new_password",
            "The new password must differ from the current one.".into(),
        ));
    }
    let hash = state.password_checks.hash(body.new_password).await?;
    if required(&state, &member).await? {
        return second_step::open(
            &state,
            &member,
            SecondStepPurpose::PasswordChange,
            Some(current.id_hash.clone()),
            Some(hash),
        )
        .await;
    }
    let mut tx = state.db.begin().await?;
    account::change_password(&mut tx, member.id, &hash, &current.id_hash).await?;
    audit::record(&mut tx, &stamp(&member), &AuditChange::PasswordChanged {}).await?;
    tx.commit().await?;
    tracing::info!(member_id = member.id, "password changed");
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Whether the organization's policy requires `member` to use two-step verification.
pub(crate) async fn required(state: &AppState, member: &MemberState) -> Result<bool> {
    let policy = policy::load(&state.db, member.organization_id).await?;
    Ok(is_required(&policy.settings, &member.facts))
}

async fn signed_in_member(state: &AppState, current: &CurrentSession) -> Result<MemberState> {
    stored::member(&state.db, current.member_id()).await?.ok_or(Error::Unauthenticated)
}

fn stamp(member: &MemberState) -> Stamp {
    Stamp { organization_id: member.organization_id, actor_member_id: member.id, at: db::now() }
}

/// The contract's view of the member's account.
async fn account_of(state: &AppState, member: &MemberState) -> Result<Account> {
    let policy = policy::load(&state.db, member.organization_id).await?;
    let phone_number = match member.setup.as_ref().and_then(|s| s.phone_sealed.as_deref()) {
        Some(sealed) => {
            let phone = String::from_utf8(state.secrets.open(sealed)?).map_err(|_| {
                Error::Internal(format!("member {}'s phone number is not text", member.id))
            })?;
            Some(contact::mask_phone(&phone))
        }
        None => None,
    };
    Ok(Account {
        name: member.name.clone(),
        email: member.email.clone(),
        required: is_required(&policy.settings, &member.facts),
        method: member.setup.as_ref().map(|s| s.method),
        enrolled_at: member.setup.as_ref().map(|s| db::rfc3339(s.enrolled_at)),
        phone_number,
        recovery_codes_left: member.recovery_codes_left,
        primary_method: policy.settings.primary_method,
    })
}
