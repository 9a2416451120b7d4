#![cfg(not(target_arch = "wasm32"))]
//! The second step's and My account's pure logic: the problems of the second step as typed
//! errors, where a step starts, the methods offered, the new password's checks, and where `/`
//! sends each role.

#![warn(missing_docs)]

use twostep_admin::account::{PasswordProblem, password_problem};
use twostep_admin::api::ApiError;
use twostep_admin::i18n::{EN, Locale, install};
use twostep_admin::routes::{AppRoute, home_route, sees_admin_center, segment};
use twostep_admin::second_step::{Stage, first_stage, methods_primary_first};
use twostep_contract::{
    FieldError, PrimaryMethod as M, Problem, Role, SecondStepChallenge, SecondStepKind,
    problem_types,
};

fn problem(kind: &str, status: u16) -> Problem {
    Problem {
        kind: kind.into(),
        title: "Title".into(),
        status,
        detail: Some("The detail.".into()),
        errors: vec![],
        sign_in_url: None,
        members_reset: None,
        members_affected: None,
        attempts_left: None,
    }
}

fn challenge(method: M) -> SecondStepChallenge {
    SecondStepChallenge {
        method,
        sent_to: None,
        resend_after_seconds: None,
        code_expires_at: None,
        authenticator: None,
    }
}

#[test]
fn the_second_steps_problems_are_told_apart_by_their_type() {
    let mut wrong = problem(problem_types::WRONG_CODE, 422);
    wrong.attempts_left = Some(3);
    wrong.errors = vec![FieldError { field: "code".into(), message: "Wrong.".into() }];
    assert_eq!(
        ApiError::from_answer(422, wrong, None),
        ApiError::WrongCode { attempts_left: Some(3) }
    );
    let cases = [
        (problem_types::CODE_EXPIRED, 422, ApiError::CodeExpired),
        (
            problem_types::TOO_MANY_ATTEMPTS,
            429,
            ApiError::TooManyAttempts { retry_after_seconds: Some(60) },
        ),
        (problem_types::SECOND_STEP_EXPIRED, 401, ApiError::SecondStepExpired),
        (
            problem_types::RESEND_TOO_SOON,
            429,
            ApiError::ResendTooSoon { retry_after_seconds: Some(60) },
        ),
        (problem_types::APPROVAL_PENDING, 409, ApiError::ApprovalPending),
        (problem_types::APPROVAL_DENIED, 403, ApiError::ApprovalDenied),
        (problem_types::START_REQUIRED, 409, ApiError::StartRequired),
        (problem_types::NOT_SET_UP, 409, ApiError::NotSetUp),
    ];
    for (kind, status, expected) in cases {
        assert_eq!(ApiError::from_answer(status, problem(kind, status), Some("60")), expected);
    }
    // A validation problem of a step (a phone number) stays a validation error.
    let mut phone = problem(problem_types::VALIDATION, 422);
    phone.errors = vec![FieldError { field: "phone_number".into(), message: "Use +44.".into() }];
    assert_eq!(ApiError::from_answer(422, phone.clone(), None), ApiError::Validation(phone.errors));
    // A 401 of anything else is still the end of the session.
    assert_eq!(
        ApiError::from_answer(401, problem(problem_types::UNAUTHENTICATED, 401), None),
        ApiError::Unauthorized { sign_in_url: None }
    );
}

#[test]
fn only_the_errors_that_end_the_pending_step_send_back_to_the_password() {
    let ending = [
        ApiError::TooManyAttempts { retry_after_seconds: None },
        ApiError::SecondStepExpired,
        ApiError::ApprovalDenied,
        ApiError::Unauthorized { sign_in_url: None },
    ];
    assert!(ending.iter().all(ApiError::ends_second_step));
    let staying = [
        ApiError::WrongCode { attempts_left: Some(2) },
        ApiError::CodeExpired,
        ApiError::ResendTooSoon { retry_after_seconds: Some(20) },
        ApiError::StartRequired,
        ApiError::Network("offline".into()),
    ];
    assert!(!staying.iter().any(ApiError::ends_second_step));
}

#[test]
fn the_messages_say_how_many_tries_are_left_and_what_to_do() {
    let wrong = |left| EN.api_error(&ApiError::WrongCode { attempts_left: left });
    assert_eq!(wrong(Some(3)), "That code is not right. Check it and try again: 3 tries left.");
    assert_eq!(wrong(Some(1)), "That code is not right. Check it and try again: 1 try left.");
    assert_eq!(wrong(None), "That code is not right. Check it and try again.");
    let fr = install(Locale::Fr, include_str!("../i18n/fr.json")).expect("the French catalog");
    let wrong_in_french = |left| fr.api_error(&ApiError::WrongCode { attempts_left: Some(left) });
    assert!(wrong_in_french(2).ends_with("2 essais restants."), "{}", wrong_in_french(2));
    assert!(wrong_in_french(1).ends_with("1 essai restant."), "{}", wrong_in_french(1));
    assert_eq!(
        EN.api_error(&ApiError::ResendTooSoon { retry_after_seconds: Some(12) }),
        "A code was sent moments ago. Wait 12 s, then send a new one."
    );
    assert!(EN.api_error(&ApiError::SecondStepExpired).contains("Enter your password again"));
}

#[test]
fn a_set_up_starts_with_the_choice_and_a_verify_with_the_method() {
    assert_eq!(first_stage(SecondStepKind::SetUp, &[M::Sms, M::Email]), (Stage::Choose, false));
    assert_eq!(
        first_stage(SecondStepKind::Verify, &[M::AuthenticatorApp]),
        (Stage::Code(challenge(M::AuthenticatorApp)), false)
    );
    assert_eq!(
        first_stage(SecondStepKind::Verify, &[M::Email]),
        (Stage::Code(challenge(M::Email)), true)
    );
    assert_eq!(
        first_stage(SecondStepKind::Verify, &[M::LastpassNotification]),
        (Stage::Waiting(challenge(M::LastpassNotification)), true)
    );
    assert_eq!(first_stage(SecondStepKind::Verify, &[]), (Stage::Choose, false));
}

#[test]
fn each_stage_puts_the_focus_on_its_first_field_or_its_heading() {
    assert_eq!(Stage::Code(challenge(M::Sms)).focus_id(), "second-step-code");
    assert_eq!(Stage::Recovery.focus_id(), "second-step-recovery-code");
    assert_eq!(Stage::Codes(vec![]).focus_id(), "recovery-codes-heading");
    assert_eq!(Stage::Choose.focus_id(), "second-step-heading");
    assert_eq!(
        Stage::after_start(challenge(M::LastpassNotification)).focus_id(),
        "second-step-heading"
    );
}

#[test]
fn my_account_offers_every_method_with_the_primary_first() {
    assert_eq!(
        methods_primary_first(M::Email),
        [M::Email, M::AuthenticatorApp, M::Sms, M::LastpassNotification]
    );
    assert_eq!(
        methods_primary_first(M::AuthenticatorApp),
        [M::AuthenticatorApp, M::Sms, M::Email, M::LastpassNotification]
    );
}

#[test]
fn a_new_password_is_checked_before_it_is_sent() {
    let long = "correct horse battery";
    assert_eq!(password_problem("short", "short"), Some(PasswordProblem::TooShort));
    // Counted in characters, not bytes: twelve accented letters are enough.
    assert_eq!(password_problem("éééééééééééé", "éééééééééééé"), None);
    assert_eq!(
        password_problem(&"x".repeat(257), &"x".repeat(257)),
        Some(PasswordProblem::TooLong)
    );
    assert_eq!(password_problem(long, "correct horse battery!"), Some(PasswordProblem::Differ));
    assert_eq!(password_problem(long, long), None);
    assert_eq!(
        PasswordProblem::TooShort.message(&EN),
        "The new password needs at least 12 characters."
    );
}

#[test]
fn technicians_land_on_my_account_and_administrators_in_the_admin_center() {
    assert_eq!(AppRoute::Account.path(), format!("/{}", segment::ACCOUNT));
    assert_eq!(home_route(&[Role::Technician]), AppRoute::Account);
    assert_eq!(home_route(&[]), AppRoute::Account);
    assert_eq!(home_route(&[Role::Administrator, Role::Technician]), AppRoute::Organization);
    assert_eq!(home_route(&[Role::MasterAdministrator]), AppRoute::GlobalSettings);
    assert!(!sees_admin_center(&[Role::Technician]));
    assert!(sees_admin_center(&[Role::Technician, Role::Administrator]));
}
