#![cfg(target_arch = "wasm32")]
//! The second step, mounted with stand-in calls: what a person sees and sends at each stage of
//! a set-up and of a verify, and where the errors take them.

#![warn(missing_docs)]

mod support;

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use support::{Mounted, fire, mount_in, settle, wait_until};
use twostep_admin::api::ApiError;
use twostep_admin::i18n::Locale;
use twostep_admin::second_step::{SecondStep, StepCalls};
use twostep_contract::{
    AuthenticatorSetup, PrimaryMethod as M, SecondStepAnswer, SecondStepChallenge, SecondStepKind,
    SecondStepStart,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlFormElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The answers the stand-in server gives, in order, and what it was sent.
#[derive(Default)]
struct Server {
    starts: VecDeque<Result<SecondStepChallenge, ApiError>>,
    completes: VecDeque<Result<Vec<String>, ApiError>>,
    started: Vec<SecondStepStart>,
    completed: Vec<SecondStepAnswer>,
}

type Shared = Rc<RefCell<Server>>;

fn calls(server: &Shared) -> StepCalls {
    let (starts, completes) = (server.clone(), server.clone());
    StepCalls::new(
        move |body| {
            let mut server = starts.borrow_mut();
            server.started.push(body);
            let answer =
                server.starts.pop_front().unwrap_or(Err(ApiError::Network("no answer".into())));
            async move { answer }
        },
        move |body| {
            let mut server = completes.borrow_mut();
            server.completed.push(body);
            let answer =
                server.completes.pop_front().unwrap_or(Err(ApiError::Network("no answer".into())));
            async move { answer }
        },
    )
}

/// What the step reported to its owner.
#[derive(Clone, Debug, Default, PartialEq)]
struct Outcome {
    finished: bool,
    ended: Option<ApiError>,
    cancelled: bool,
}

struct Step {
    page: Mounted,
    server: Shared,
    outcome: RwSignal<Outcome>,
}

fn mount_step(locale: Locale, kind: SecondStepKind, methods: Vec<M>, server: Server) -> Step {
    let server = Rc::new(RefCell::new(server));
    let outcome = RwSignal::new(Outcome::default());
    let step_calls = calls(&server);
    let page = mount_in(locale, move || {
        view! {
            <SecondStep
                kind
                methods
                heading=|t| t.second_step_set_up_heading
                calls=step_calls
                on_finished=move |()| outcome.update(|o| o.finished = true)
                on_ended=move |error| outcome.update(|o| o.ended = Some(error))
                on_cancel=move |()| outcome.update(|o| o.cancelled = true)
            />
        }
    });
    Step { page, server, outcome }
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

fn input(page: &Mounted, selector: &str) -> HtmlInputElement {
    page.find(selector).unchecked_into()
}

fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    fire(input.unchecked_ref(), "input");
}

fn submit(page: &Mounted, field: &str) {
    let field = input(page, field);
    let form: HtmlFormElement = field.form().expect("the field is in a form").unchecked_into();
    form.request_submit().unwrap();
}

fn focused_id() -> String {
    document().active_element().map(|element| element.id()).unwrap_or_default()
}

fn ten_codes() -> Vec<String> {
    (0..10).map(|n| format!("7kq{n}-m2xd-9pwa")).collect()
}

#[wasm_bindgen_test]
async fn setting_up_an_authenticator_app_shows_its_key_then_the_recovery_codes() {
    let mut server = Server::default();
    server.starts.push_back(Ok(SecondStepChallenge {
        authenticator: Some(AuthenticatorSetup {
            otpauth_uri: "otpauth://totp/x".into(),
            key: "JBSW Y3DP EHPK 3PXP".into(),
            qr_svg: r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>"#.into(),
        }),
        ..challenge(M::AuthenticatorApp)
    }));
    server.completes.push_back(Ok(ten_codes()));
    let step = mount_step(
        Locale::En,
        SecondStepKind::SetUp,
        vec![M::AuthenticatorApp, M::Sms, M::Email, M::LastpassNotification],
        server,
    );
    settle().await;
    assert_eq!(step.page.text("#second-step h2"), "Set up two-step verification");
    let radios = step.page.root.query_selector_all("input[name=second-step-method]").unwrap();
    let values: Vec<String> = (0..radios.length())
        .map(|i| radios.item(i).unwrap().unchecked_into::<HtmlInputElement>().value())
        .collect();
    assert_eq!(values, ["authenticator_app", "sms", "email", "lastpass_notification"]);
    assert!(input(&step.page, "input[name=second-step-method]").checked());
    assert!(step.page.try_find("#second-step-phone").is_none());
    wait_until("the focus on the heading", focused_id, |id| id == "second-step-heading").await;

    step.page.find("#second-step-start").click();
    wait_until("the key", || step.page.try_find("#second-step-key").is_some(), |shown| *shown)
        .await;
    assert_eq!(
        step.server.borrow().started,
        [SecondStepStart { method: M::AuthenticatorApp, phone_number: None }]
    );
    let qr = step.page.find("#second-step-qr");
    assert_eq!(qr.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(qr.get_attribute("aria-label").as_deref(), Some("QR code of your key"));
    assert!(qr.query_selector("svg").unwrap().is_some());
    assert_eq!(step.page.text("#second-step-key"), "JBSW Y3DP EHPK 3PXP");
    let code = step.page.labelled("6-digit code").unchecked_into::<HtmlInputElement>();
    assert_eq!(code.id(), "second-step-code");
    assert_eq!(code.autocomplete(), "one-time-code");
    assert_eq!(code.get_attribute("inputmode").as_deref(), Some("numeric"));
    wait_until("the focus on the code", focused_id, |id| id == "second-step-code").await;

    type_into(&code, "123 456");
    submit(&step.page, "#second-step-code");
    wait_until("the recovery codes", || step.page.texts("#recovery-codes li"), |c| c.len() == 10)
        .await;
    assert_eq!(
        step.server.borrow().completed,
        [SecondStepAnswer { code: Some("123456".into()), recovery_code: None }]
    );
    assert_eq!(step.page.texts("#recovery-codes li")[0], "7kq0-m2xd-9pwa");
    assert!(!step.outcome.get_untracked().finished, "the codes are shown before going on");
    step.page.button("I have saved these codes").expect("the done button").click();
    settle().await;
    assert!(step.outcome.get_untracked().finished);
}

#[wasm_bindgen_test]
async fn sms_asks_for_the_phone_and_waits_before_sending_again() {
    let mut server = Server::default();
    server.starts.push_back(Ok(SecondStepChallenge {
        sent_to: Some("+44 •••• •••123".into()),
        resend_after_seconds: Some(30),
        ..challenge(M::Sms)
    }));
    let step = mount_step(Locale::En, SecondStepKind::SetUp, vec![M::Email, M::Sms], server);
    settle().await;
    let sms = input(&step.page, "#second-step-method-sms");
    sms.set_checked(true);
    fire(sms.unchecked_ref(), "change");
    settle().await;
    let phone = step.page.labelled("Mobile phone number").unchecked_into::<HtmlInputElement>();
    assert_eq!(phone.id(), "second-step-phone");
    assert_eq!(phone.type_(), "tel");
    assert_eq!(phone.autocomplete(), "tel");
    type_into(&phone, "+44 7700 900123");
    step.page.find("#second-step-start").click();
    wait_until("the code field", || step.page.try_find("#second-step-code").is_some(), |s| *s)
        .await;
    assert_eq!(
        step.server.borrow().started,
        [SecondStepStart { method: M::Sms, phone_number: Some("+44 7700 900123".into()) }]
    );
    assert!(step.page.root.text_content().unwrap().contains("We sent a 6-digit code to +44"));
    let resend: HtmlButtonElement = step.page.find("#second-step-resend").unchecked_into();
    assert!(resend.disabled());
    assert!(resend.text_content().unwrap().starts_with("Send a new code in "));

    step.page.find("#second-step-other-method").click();
    wait_until("the method choice", || step.page.try_find("#second-step-start").is_some(), |s| *s)
        .await;
}

#[wasm_bindgen_test]
async fn a_wrong_code_says_how_many_tries_are_left_and_empties_the_field() {
    let mut server = Server::default();
    server.completes.push_back(Err(ApiError::WrongCode { attempts_left: Some(4) }));
    let step = mount_step(Locale::En, SecondStepKind::Verify, vec![M::AuthenticatorApp], server);
    settle().await;
    assert!(step.server.borrow().started.is_empty(), "an authenticator app needs no start");
    let code = input(&step.page, "#second-step-code");
    type_into(&code, "000000");
    submit(&step.page, "#second-step-code");
    let alert = wait_until(
        "the alert",
        || step.page.text_or_empty("#second-step-error"),
        |t| !t.is_empty(),
    )
    .await;
    assert_eq!(alert, "That code is not right. Check it and try again: 4 tries left.");
    assert_eq!(
        step.page.find("#second-step-error").get_attribute("role").as_deref(),
        Some("alert")
    );
    assert_eq!(code.value(), "");
    assert_eq!(focused_id(), "second-step-code");
    assert_eq!(step.outcome.get_untracked(), Outcome::default());
}

#[wasm_bindgen_test]
async fn a_code_that_is_not_six_digits_is_not_sent() {
    let step = mount_step(
        Locale::En,
        SecondStepKind::Verify,
        vec![M::AuthenticatorApp],
        Server::default(),
    );
    settle().await;
    type_into(&input(&step.page, "#second-step-code"), "12345");
    submit(&step.page, "#second-step-code");
    settle().await;
    assert!(step.server.borrow().completed.is_empty());
    assert!(!step.page.text("#second-step-error").is_empty());
}

#[wasm_bindgen_test]
async fn too_many_attempts_end_the_step() {
    let mut server = Server::default();
    server.completes.push_back(Err(ApiError::TooManyAttempts { retry_after_seconds: None }));
    let step = mount_step(Locale::En, SecondStepKind::Verify, vec![M::AuthenticatorApp], server);
    settle().await;
    type_into(&input(&step.page, "#second-step-code"), "111111");
    submit(&step.page, "#second-step-code");
    let outcome =
        wait_until("the end", || step.outcome.get_untracked(), |o| o.ended.is_some()).await;
    assert_eq!(outcome.ended, Some(ApiError::TooManyAttempts { retry_after_seconds: None }));
}

#[wasm_bindgen_test]
async fn a_verify_takes_a_recovery_code_instead() {
    let mut server = Server::default();
    server.completes.push_back(Ok(Vec::new()));
    let step = mount_step(Locale::En, SecondStepKind::Verify, vec![M::AuthenticatorApp], server);
    settle().await;
    step.page.find("#second-step-use-recovery").click();
    wait_until("the focus on the recovery code", focused_id, |id| {
        id == "second-step-recovery-code"
    })
    .await;
    let field = step.page.labelled("Recovery code").unchecked_into::<HtmlInputElement>();
    type_into(&field, " 7kq4-m2xd-9pwa ");
    submit(&step.page, "#second-step-recovery-code");
    wait_until("the end of the step", || step.outcome.get_untracked().finished, |f| *f).await;
    assert_eq!(
        step.server.borrow().completed,
        [SecondStepAnswer { code: None, recovery_code: Some("7kq4-m2xd-9pwa".into()) }]
    );
}

#[wasm_bindgen_test]
async fn a_notification_is_waited_for_until_it_is_approved() {
    let mut server = Server::default();
    server.starts.push_back(Ok(SecondStepChallenge {
        sent_to: Some("i•••@northwind.example".into()),
        resend_after_seconds: Some(30),
        ..challenge(M::LastpassNotification)
    }));
    server.completes.push_back(Err(ApiError::ApprovalPending));
    server.completes.push_back(Ok(Vec::new()));
    let step =
        mount_step(Locale::En, SecondStepKind::Verify, vec![M::LastpassNotification], server);
    let waiting = wait_until(
        "the waiting text",
        || step.page.text_or_empty("#second-step-waiting"),
        |t| t.contains("i•••@northwind.example"),
    )
    .await;
    assert!(waiting.starts_with("Approve the request in the LastPass Authenticator app"));
    assert_eq!(
        step.page.find("#second-step-waiting").get_attribute("role").as_deref(),
        Some("status")
    );
    assert!(step.page.try_find("#second-step-other-method").is_some());
    wait_until("the approval", || step.outcome.get_untracked().finished, |f| *f).await;
    assert_eq!(step.server.borrow().completed, vec![SecondStepAnswer::default(); 2]);
}

#[wasm_bindgen_test]
async fn a_denied_notification_ends_the_step_and_cancel_gives_up() {
    let mut server = Server::default();
    server.starts.push_back(Ok(challenge(M::LastpassNotification)));
    server.completes.push_back(Err(ApiError::ApprovalDenied));
    let step =
        mount_step(Locale::En, SecondStepKind::Verify, vec![M::LastpassNotification], server);
    wait_until("the end", || step.outcome.get_untracked(), |o| o.ended.is_some()).await;
    assert_eq!(step.outcome.get_untracked().ended, Some(ApiError::ApprovalDenied));

    let other = mount_step(
        Locale::En,
        SecondStepKind::Verify,
        vec![M::AuthenticatorApp],
        Server::default(),
    );
    settle().await;
    other.page.find("#second-step-cancel").click();
    settle().await;
    assert!(other.outcome.get_untracked().cancelled);
}

#[wasm_bindgen_test]
async fn the_step_speaks_french() {
    let mut server = Server::default();
    server.starts.push_back(Ok(SecondStepChallenge {
        sent_to: Some("i•••@northwind.example".into()),
        resend_after_seconds: Some(30),
        ..challenge(M::Email)
    }));
    let step = mount_step(Locale::Fr, SecondStepKind::Verify, vec![M::Email], server);
    wait_until(
        "the address",
        || step.page.root.text_content().unwrap_or_default(),
        |t| t.contains("Nous avons envoyé un code à 6 chiffres à i•••@northwind.example"),
    )
    .await;
    let _ = step.page.labelled("Code à 6 chiffres");
    assert!(step.page.button("Vérifier").is_some());
    assert!(step.page.button("Utiliser un code de récupération").is_some());
}

#[wasm_bindgen_test]
async fn an_answer_that_comes_after_the_step_is_gone_is_dropped() {
    // A panic in a task does not fail the test by itself: the hook notes it.
    static PANICKED: AtomicBool = AtomicBool::new(false);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, Ordering::SeqCst);
        previous(info);
    }));
    let answered = RwSignal::new(false);
    let shown = RwSignal::new(true);
    let calls = StepCalls::new(
        move |_| async move {
            support::sleep(50).await;
            answered.set(true);
            Ok(SecondStepChallenge {
                sent_to: Some("i•••@northwind.example".into()),
                ..challenge(M::Email)
            })
        },
        |_| async { Ok(Vec::new()) },
    );
    // A verify by email sends its code at once; the person cancels before it is sent.
    let page = mount_in(Locale::En, move || {
        let calls = StoredValue::new_local(calls);
        move || {
            shown.get().then(|| {
                view! {
                    <SecondStep
                        kind=SecondStepKind::Verify
                        methods=vec![M::Email]
                        heading=|t| t.second_step_verify_heading
                        calls=calls.get_value()
                        on_finished=|()| {}
                        on_ended=|_| {}
                        on_cancel=|()| {}
                    />
                }
            })
        }
    });
    settle().await;
    assert!(page.try_find("#second-step").is_some());
    shown.set(false);
    settle().await;
    assert!(page.try_find("#second-step").is_none());
    wait_until("the late answer", || answered.get_untracked(), |done| *done).await;
    settle().await;
    assert!(!PANICKED.load(Ordering::SeqCst), "the late answer reached the gone step");
}

#[wasm_bindgen_test]
async fn an_approval_that_answers_an_earlier_poll_still_signs_in() {
    let polls = Rc::new(RefCell::new(0));
    let counted = polls.clone();
    let calls = StepCalls::new(
        |_| async { Ok(challenge(M::LastpassNotification)) },
        move |_| {
            *counted.borrow_mut() += 1;
            let first = *counted.borrow() == 1;
            async move {
                // The first poll sees the approval; the server then answers every later one
                // that the step is over.
                support::sleep(if first { 200 } else { 400 }).await;
                if first { Ok(Vec::new()) } else { Err(ApiError::SecondStepExpired) }
            }
        },
    );
    let outcome = RwSignal::new(Outcome::default());
    let page = mount_in(Locale::En, move || {
        view! {
            <SecondStep
                kind=SecondStepKind::Verify
                methods=vec![M::LastpassNotification]
                heading=|t| t.second_step_verify_heading
                calls
                on_finished=move |()| outcome.update(|o| o.finished = true)
                on_ended=move |error| outcome.update(|o| o.ended = Some(error))
                on_cancel=|()| {}
            />
        }
    });
    wait_until("the first poll", || *polls.borrow(), |n| *n == 1).await;
    // The person sends the notification again while the first poll still waits.
    page.find("#second-step-resend").click();
    wait_until("the second poll", || *polls.borrow(), |n| *n == 2).await;
    let seen =
        wait_until("the outcome", || outcome.get_untracked(), |o| o != &Outcome::default()).await;
    assert!(seen.finished, "the approval was dropped: {seen:?}");
    assert_eq!(seen.ended, None);
}
