//! The second step itself, shared by the pending steps (`/session/second-step/*`) and the
//! set-ups of My account (`/account/two-step/*`): [`start`] sends what the chosen method needs,
//! [`check`] checks the answer, counting wrong ones against the challenge and the member, and
//! [`new_recovery_codes`] makes the codes a set-up hands out.

use std::time::Instant;

use twostep_contract::{
    FieldError, PENDING_SECONDS, PolicySettings, PrimaryMethod, SecondStepAnswer,
    SecondStepChallenge, SecondStepKind, SecondStepStart, Vocabulary, normalized_code,
};

use crate::auth::session::token_hash;
use crate::data::second_step::{self, Challenge, Flow, MemberState, Setup};
use crate::db;
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::two_step::outbox::{Channel, OutboundMessage};
use crate::two_step::{codes, contact, totp};

/// Seconds before `start` may send again.
pub const RESEND_SECONDS: i64 = 30;

/// How long a code sent by SMS or email works, in seconds (10 minutes).
pub const CODE_SECONDS: i64 = 10 * 60;

/// Wrong answers one challenge takes; the next ends it.
pub const MAX_ATTEMPTS: i64 = 5;

/// Wrong answers one member may give within [`MEMBER_WINDOW_SECONDS`].
pub const MAX_MEMBER_FAILURES: i64 = 10;

/// Messages (codes, approval requests) one member may be sent within
/// [`MEMBER_WINDOW_SECONDS`], across challenges.
pub const MAX_MEMBER_SENDS: i64 = 10;

/// The window of [`MAX_MEMBER_FAILURES`] and [`MAX_MEMBER_SENDS`], in seconds (15 minutes).
pub const MEMBER_WINDOW_SECONDS: i64 = 15 * 60;

/// How often the long-poll of a notification looks at the database.
const POLL_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// The purpose of the digests of codes sent by SMS or email.
const ONE_TIME_CODE: &str = "one-time-code";

/// The purpose of the digests of recovery codes.
const RECOVERY_CODE: &str = "recovery-code";

/// How long a challenge lasts (as a pending step does).
pub const CHALLENGE_SECONDS: i64 = PENDING_SECONDS;

/// The methods a set-up offers: the organization's primary method first, then the others in
/// the order authenticator app, SMS, email, LastPass notification.
pub fn set_up_methods(policy: &PolicySettings) -> Vec<PrimaryMethod> {
    let mut methods = vec![policy.primary_method];
    methods.extend(
        [
            PrimaryMethod::AuthenticatorApp,
            PrimaryMethod::Sms,
            PrimaryMethod::Email,
            PrimaryMethod::LastpassNotification,
        ]
        .into_iter()
        .filter(|m| *m != policy.primary_method),
    );
    methods
}

/// Starts `body.method` for `member` on the challenge of `flow` (which must exist): a new key
/// (setting up an authenticator app), or a code or notification sent. `methods` are those the
/// step allows; `current` is the challenge as stored.
pub async fn start(
    state: &AppState,
    member: &MemberState,
    flow: Flow<'_>,
    kind: SecondStepKind,
    methods: &[PrimaryMethod],
    current: &Challenge,
    body: SecondStepStart,
) -> Result<SecondStepChallenge> {
    let method = body.method;
    if !methods.contains(&method) {
        let names: Vec<&str> = methods.iter().map(|m| m.wire_name()).collect();
        return Err(validation(
            "method",
            format!("Choose one of the methods offered: {}.", names.join(", ")),
        ));
    }
    let now = db::now();
    // One send per 30 seconds per challenge, whatever the method: switching between SMS and
    // email (or through the authenticator app, which sends nothing) cannot make a stream of
    // messages to a number someone typed.
    let sends = method != PrimaryMethod::AuthenticatorApp;
    if sends
        && let Some(last) = current.last_sent_at
        && now < last + RESEND_SECONDS
    {
        return Err(Error::ResendTooSoon { retry_after_secs: last + RESEND_SECONDS - now });
    }
    let mut started = Challenge {
        method: Some(method),
        last_sent_at: current.last_sent_at,
        ..Challenge::default()
    };
    let mut answer = SecondStepChallenge {
        method,
        sent_to: None,
        resend_after_seconds: None,
        code_expires_at: None,
        authenticator: None,
    };
    let mut message = None;
    match method {
        PrimaryMethod::AuthenticatorApp => {
            if kind == SecondStepKind::SetUp {
                let key = totp::new_key()?;
                started.totp_key_sealed = Some(state.secrets.seal(&key)?);
                answer.authenticator = Some(totp::setup(&member.email, &key)?);
            }
        }
        PrimaryMethod::Sms | PrimaryMethod::Email => {
            let (channel, to) = if method == PrimaryMethod::Sms {
                let phone = match kind {
                    SecondStepKind::SetUp => {
                        let typed = body.phone_number.as_deref().unwrap_or_default();
                        let phone = contact::e164(typed)
                            .map_err(|message| validation("phone_number", message))?;
                        started.phone_sealed = Some(state.secrets.seal(phone.as_bytes())?);
                        phone
                    }
                    SecondStepKind::Verify => setup_phone(state, member)?,
                };
                answer.sent_to = Some(contact::mask_phone(&phone));
                (Channel::Sms, phone)
            } else {
                answer.sent_to = Some(contact::mask_email(&member.email));
                (Channel::Email, member.email.clone())
            };
            let code = codes::one_time_code()?;
            started.code_hash = Some(state.secrets.digest(ONE_TIME_CODE, &code));
            started.code_expires_at = Some(now + CODE_SECONDS);
            answer.code_expires_at = Some(db::rfc3339(now + CODE_SECONDS));
            message = Some(OutboundMessage::code(channel, &to, &code));
        }
        PrimaryMethod::LastpassNotification => {
            let token = codes::token()?;
            started.push_token_hash = Some(token_hash(&token));
            let link = format!(
                "{}{}/push-approvals/{token}",
                state.public_url,
                twostep_contract::API_BASE_PATH
            );
            answer.sent_to = Some(contact::mask_email(&member.email));
            message = Some(OutboundMessage::approval(&member.email, &link));
        }
    }
    if let Some(message) = message {
        let since = now - MEMBER_WINDOW_SECONDS;
        let (sends, oldest, id) =
            second_step::record_send(&state.db, member.id, now, since).await?;
        if sends > MAX_MEMBER_SENDS {
            second_step::forget_send(&state.db, id).await?;
            let oldest = oldest.unwrap_or(now);
            return Err(Error::ResendTooSoon {
                retry_after_secs: oldest + MEMBER_WINDOW_SECONDS - now,
            });
        }
        started.last_sent_at = Some(now);
        answer.resend_after_seconds = Some(RESEND_SECONDS as u32);
        second_step::save_start(&state.db, flow, &started).await?;
        state.sender.send(&message).await?;
    } else {
        second_step::save_start(&state.db, flow, &started).await?;
    }
    Ok(answer)
}

/// The phone number of the member's SMS setup.
fn setup_phone(state: &AppState, member: &MemberState) -> Result<String> {
    let sealed =
        member.setup.as_ref().and_then(|s| s.phone_sealed.as_deref()).ok_or_else(|| {
            Error::Internal(format!("member {}'s SMS setup has no phone number", member.id))
        })?;
    String::from_utf8(state.secrets.open(sealed)?)
        .map_err(|_| Error::Internal(format!("member {}'s phone number is not text", member.id)))
}

/// Checks `answer` against the challenge of `flow`. On success answers the new setup for a
/// set-up (to store), or `None` for a verify; the caller then ends the challenge. Each answer
/// compared counts against the challenge (the fifth wrong one ends it) and the member (the
/// tenth within 15 minutes pauses them) *before* it is compared, so that concurrent requests
/// cannot compare more answers than the limits allow; a right answer takes its count back.
pub async fn check(
    state: &AppState,
    member: &MemberState,
    flow: Flow<'_>,
    kind: SecondStepKind,
    challenge: &Challenge,
    answer: SecondStepAnswer,
) -> Result<Option<Setup>> {
    let now = db::now();
    let (failures, oldest) =
        second_step::recent_failures(&state.db, member.id, now - MEMBER_WINDOW_SECONDS).await?;
    if failures >= MAX_MEMBER_FAILURES {
        return Err(paused(oldest, now));
    }
    if let Some(typed) = answer.recovery_code {
        if kind == SecondStepKind::SetUp {
            return Err(validation(
                "recovery_code",
                "A recovery code works only to verify, once two-step verification is set up."
                    .into(),
            ));
        }
        let tried = count_try(state, member, flow).await?;
        if let Some(code) = codes::normalized_recovery_code(&typed) {
            for (id, stored) in second_step::unused_recovery_codes(&state.db, member.id).await? {
                if state.secrets.digest_matches(RECOVERY_CODE, &code, &stored)
                    && second_step::use_recovery_code(&state.db, id, now).await?
                {
                    second_step::forget_failure(&state.db, tried.failure_id).await?;
                    return Ok(None);
                }
            }
        }
        return Err(wrong(state, member, flow, &tried, "recovery_code").await);
    }
    let setup = member.setup.as_ref();
    let method = match (challenge.method, kind, setup) {
        (Some(method), _, _) => method,
        (None, SecondStepKind::Verify, Some(setup))
            if setup.method == PrimaryMethod::AuthenticatorApp =>
        {
            setup.method
        }
        _ => return Err(Error::StartRequired),
    };
    if method == PrimaryMethod::LastpassNotification {
        wait_for_approval(state, flow).await?;
        return Ok(new_setup(kind, method, now, challenge, None));
    }
    let Some(typed) = answer.code.as_deref().filter(|c| !c.trim().is_empty()) else {
        return Err(validation("code", "Enter the 6-digit code.".into()));
    };
    let expected = match method {
        PrimaryMethod::AuthenticatorApp => {
            let (sealed, last_used) = match kind {
                SecondStepKind::SetUp => {
                    (challenge.totp_key_sealed.as_deref().ok_or(Error::StartRequired)?, None)
                }
                SecondStepKind::Verify => {
                    let setup = setup.ok_or(Error::SecondStepExpired)?;
                    let sealed = setup.totp_key_sealed.as_deref().ok_or_else(|| {
                        Error::Internal(format!("member {}'s authenticator has no key", member.id))
                    })?;
                    (sealed, setup.totp_last_step)
                }
            };
            Expected::Totp { key: state.secrets.open(sealed)?, last_used }
        }
        PrimaryMethod::Sms | PrimaryMethod::Email => {
            let stored = challenge.code_hash.as_deref().ok_or(Error::StartRequired)?;
            if challenge.code_expires_at.is_none_or(|at| at <= now) {
                return Err(Error::CodeExpired);
            }
            Expected::Sent(stored)
        }
        PrimaryMethod::LastpassNotification => return Err(Error::StartRequired),
    };
    let tried = count_try(state, member, flow).await?;
    let accepted = match (normalized_code(typed), expected) {
        (None, _) => None,
        (Some(code), Expected::Totp { key, last_used }) => {
            match totp::accepted_step(&key, &code, now, last_used) {
                Some(step) if kind == SecondStepKind::SetUp => Some(Some(step)),
                Some(step) => second_step::use_totp_step(&state.db, member.id, step)
                    .await?
                    .then_some(Some(step)),
                None => None,
            }
        }
        (Some(code), Expected::Sent(stored)) => {
            state.secrets.digest_matches(ONE_TIME_CODE, &code, stored).then_some(None)
        }
    };
    match accepted {
        Some(totp_step) => {
            second_step::forget_failure(&state.db, tried.failure_id).await?;
            Ok(new_setup(kind, method, now, challenge, totp_step))
        }
        None => Err(wrong(state, member, flow, &tried, "code").await),
    }
}

/// What a code is compared with.
enum Expected<'a> {
    /// The authenticator app's key, and the last step already used.
    Totp { key: Vec<u8>, last_used: Option<i64> },
    /// The digest of the code sent by SMS or email.
    Sent(&'a str),
}

/// The setup a successful set-up stores; `None` for a verify.
fn new_setup(
    kind: SecondStepKind,
    method: PrimaryMethod,
    now: i64,
    challenge: &Challenge,
    totp_step: Option<i64>,
) -> Option<Setup> {
    (kind == SecondStepKind::SetUp).then(|| Setup {
        method,
        enrolled_at: now,
        totp_key_sealed: challenge.totp_key_sealed.clone().filter(|_| totp_step.is_some()),
        totp_last_step: totp_step,
        phone_sealed: challenge.phone_sealed.clone().filter(|_| method == PrimaryMethod::Sms),
    })
}

/// An answer counted before it is compared: its row among the member's failures, the
/// challenge's count including it, and the member's failures in the window including it.
struct Try {
    failure_id: i64,
    attempts: i64,
    failures: i64,
    oldest: Option<i64>,
}

/// Counts an answer about to be compared, against the member and the challenge; refuses it
/// (taking the member's count back) when either limit is already spent, which only answers
/// racing each other can reach.
async fn count_try(state: &AppState, member: &MemberState, flow: Flow<'_>) -> Result<Try> {
    let now = db::now();
    let since = now - MEMBER_WINDOW_SECONDS;
    let failure_id = second_step::record_failure(&state.db, member.id, now, since).await?;
    let (failures, oldest) = second_step::recent_failures(&state.db, member.id, since).await?;
    if failures > MAX_MEMBER_FAILURES {
        second_step::forget_failure(&state.db, failure_id).await?;
        return Err(paused(oldest, now));
    }
    let Some(attempts) = second_step::add_attempt(&state.db, flow).await? else {
        // Completed (or ended) by a request racing this one.
        second_step::forget_failure(&state.db, failure_id).await?;
        return Err(gone(flow));
    };
    if attempts > MAX_ATTEMPTS {
        second_step::forget_failure(&state.db, failure_id).await?;
        second_step::delete(&state.db, flow).await?;
        return Err(Error::TooManyAttempts { retry_after_secs: None });
    }
    Ok(Try { failure_id, attempts, failures, oldest })
}

/// The member is paused until the oldest failure of the window leaves it.
fn paused(oldest: Option<i64>, now: i64) -> Error {
    let oldest = oldest.unwrap_or(now);
    Error::TooManyAttempts { retry_after_secs: Some(oldest + MEMBER_WINDOW_SECONDS - now) }
}

/// Says what a wrong answer (counted already by [`count_try`]) means: the code is wrong (with
/// the tries left), the challenge has ended, or the member is paused.
async fn wrong(
    state: &AppState,
    member: &MemberState,
    flow: Flow<'_>,
    tried: &Try,
    field: &'static str,
) -> Error {
    tracing::info!(member_id = member.id, attempts = tried.attempts, "wrong second-step answer");
    if tried.attempts >= MAX_ATTEMPTS {
        if let Err(e) = second_step::delete(&state.db, flow).await {
            return e;
        }
        return Error::TooManyAttempts { retry_after_secs: None };
    }
    if tried.failures >= MAX_MEMBER_FAILURES {
        return paused(tried.oldest, db::now());
    }
    let attempts_left = u32::try_from(MAX_ATTEMPTS - tried.attempts).unwrap_or_default();
    Error::WrongCode { field, attempts_left }
}

/// Waits up to [`AppState::approval_wait`] for the notification of `flow` to be answered,
/// looking every quarter of a second: approved → `Ok`; denied → the challenge ends and
/// `approval-denied`; still waiting → `approval-pending`; gone → `second-step-expired` (a
/// pending step) or `start-required` (a set-up of My account).
async fn wait_for_approval(state: &AppState, flow: Flow<'_>) -> Result<()> {
    let started = Instant::now();
    loop {
        let Some(challenge) = second_step::reload(&state.db, flow).await? else {
            return Err(gone(flow));
        };
        if challenge.push_token_hash.is_none() {
            return Err(Error::StartRequired);
        }
        match challenge.push_decision.as_deref() {
            Some(APPROVED) => return Ok(()),
            Some(_) => {
                second_step::delete(&state.db, flow).await?;
                return Err(Error::ApprovalDenied);
            }
            None => {}
        }
        if started.elapsed() >= state.approval_wait {
            return Err(Error::ApprovalPending);
        }
        tokio::time::sleep(POLL_EVERY.min(state.approval_wait)).await;
    }
}

/// What a challenge that is gone answers: `second-step-expired` (a pending step) or
/// `start-required` (a set-up of My account).
fn gone(flow: Flow<'_>) -> Error {
    match flow {
        Flow::Pending(_) => Error::SecondStepExpired,
        Flow::Account(_) => Error::StartRequired,
    }
}

/// The stored decision of an approved notification.
pub const APPROVED: &str = "approved";

/// The stored decision of a denied notification.
pub const DENIED: &str = "denied";

/// Ten new recovery codes: as shown once, and as stored (digests).
pub fn new_recovery_codes(state: &AppState) -> Result<(Vec<String>, Vec<String>)> {
    let shown = codes::recovery_codes()?;
    let mut stored = Vec::with_capacity(shown.len());
    for code in &shown {
        let canonical = codes::normalized_recovery_code(code).ok_or_else(|| {
            Error::Internal("a new recovery code does not read back as one".into())
        })?;
        stored.push(state.secrets.digest(RECOVERY_CODE, &canonical));
    }
    Ok((shown, stored))
}

/// A 422 naming one field.
pub fn validation(field: &str, message: String) -> Error {
    Error::Validation {
        detail: message.clone(),
        errors: vec![FieldError { field: field.into(), message }],
    }
}
