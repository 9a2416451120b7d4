//! The second step: one section, its stages and its calls.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use twostep_contract::{
    PrimaryMethod, SecondStepAnswer, SecondStepKind, SecondStepStart, normalized_code,
};

use super::{
    AuthenticatorKey, CodeForm, MethodChoice, RecoveryCodeList, ResendButton, Stage, StepCalls,
    first_stage,
};
use crate::api::ApiError;
use crate::i18n::{Text, tr, use_t};
use crate::ui::{ErrorAlert, focus_by_id};

/// How long to wait before sending again when the server said "too soon" without saying how
/// long, in seconds.
const RESEND_FALLBACK_SECONDS: u32 = 30;

/// The pause between two long polls of a notification's approval.
const POLL_PAUSE: Duration = Duration::from_secs(1);

/// The second step, in the section `#second-step`: set up (choose a method, then its code or
/// its approval) or verify (the code, a recovery code, or the approval), then, after a
/// set-up, the new recovery codes. Errors show in `#second-step-error`; the focus moves to
/// each stage's first field, or to the heading.
#[component]
pub fn SecondStep(
    /// Set up or verify.
    kind: SecondStepKind,
    /// The methods offered, the one to offer first at the head (verify: the one set up).
    methods: Vec<PrimaryMethod>,
    /// The section's heading.
    heading: Text,
    /// The calls of the step.
    calls: StepCalls,
    /// Called once the step succeeded (and, after a set-up, its recovery codes were saved).
    #[prop(into)]
    on_finished: Callback<()>,
    /// Called when the step ended on the server (too many wrong codes, expired, denied): the
    /// person must start over from their password.
    #[prop(into)]
    on_ended: Callback<ApiError>,
    /// Called when the person gives up.
    #[prop(into)]
    on_cancel: Callback<()>,
) -> impl IntoView {
    let t = use_t();
    // A call may answer after the step is gone (cancelled, or the page left): its answer is
    // then dropped, since reading the step's signals or running its owner's callbacks would
    // panic.
    let calls = StoredValue::new_local(calls);
    let first_method = methods.first().copied().unwrap_or(PrimaryMethod::AuthenticatorApp);
    let methods = StoredValue::new(methods);
    let (first, send_first) = methods.with_value(|methods| first_stage(kind, methods));
    let stage = RwSignal::new(first);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let resend_in = RwSignal::new(0_u32);
    // Each long poll runs while this stays its number; a new stage stops it.
    let polls = RwSignal::new(0_u32);
    let chosen = RwSignal::new(first_method);
    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());

    Effect::new(move |_| {
        let id = stage.with(Stage::focus_id);
        request_animation_frame(move || focus_by_id(id));
    });
    if let Ok(ticker) = set_interval_with_handle(
        move || {
            if resend_in.get_untracked() > 0 {
                resend_in.update(|seconds| *seconds -= 1);
            }
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || ticker.clear());
    }

    let fail = move |failure: ApiError| {
        if failure.ends_second_step() {
            polls.update(|n| *n += 1);
            on_ended.run(failure);
        } else {
            error.set(Some(failure));
        }
    };
    let finish = move |codes: Vec<String>| {
        polls.update(|n| *n += 1);
        if codes.is_empty() {
            on_finished.run(());
        } else {
            stage.set(Stage::Codes(codes));
        }
    };
    let poll = move || {
        polls.update(|n| *n += 1);
        let generation = polls.get_untracked();
        spawn_local(async move {
            loop {
                let Some(answer) =
                    calls.try_with_value(|calls| calls.complete(SecondStepAnswer::default()))
                else {
                    return;
                };
                let answer = answer.await;
                let Some(current) = polls.try_get_untracked() else { return };
                match answer {
                    // Approved while the person moved on (sent again, chose another way): the
                    // server has ended the step and will not answer the newer poll with it.
                    Ok(codes) => return finish(codes),
                    _ if current != generation => return,
                    Err(ApiError::ApprovalPending) => pause(POLL_PAUSE).await,
                    Err(failure) => return fail(failure),
                }
            }
        });
    };
    let start = move |method: PrimaryMethod| {
        let phone_number = (method == PrimaryMethod::Sms).then(|| phone.get_untracked());
        let answer =
            calls.with_value(|calls| calls.start(SecondStepStart { method, phone_number }));
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let answer = answer.await;
            if stage.is_disposed() {
                return;
            }
            busy.set(false);
            match answer {
                Ok(challenge) => {
                    resend_in.set(challenge.resend_after_seconds.unwrap_or(0));
                    code.set(String::new());
                    stage.set(Stage::after_start(challenge));
                    if matches!(stage.get_untracked(), Stage::Waiting(_)) {
                        poll();
                    }
                }
                Err(ApiError::ResendTooSoon { retry_after_seconds }) => {
                    resend_in.set(retry_after_seconds.unwrap_or(RESEND_FALLBACK_SECONDS));
                    error.set(Some(ApiError::ResendTooSoon { retry_after_seconds }));
                    // The last notification sent may still be approved.
                    if matches!(stage.get_untracked(), Stage::Waiting(_)) {
                        poll();
                    }
                }
                Err(failure) => fail(failure),
            }
        });
    };
    let complete = move |answer: SecondStepAnswer| {
        if busy.get_untracked() {
            return;
        }
        let sent = calls.with_value(|calls| calls.complete(answer));
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let answer = sent.await;
            if stage.is_disposed() {
                return;
            }
            busy.set(false);
            match answer {
                Ok(codes) => finish(codes),
                Err(wrong @ ApiError::WrongCode { .. }) => {
                    code.set(String::new());
                    error.set(Some(wrong));
                    focus_by_id(stage.with_untracked(Stage::focus_id));
                }
                Err(failure) => fail(failure),
            }
        });
    };
    let begin = move || {
        let (first, send_first) = methods.with_value(|methods| first_stage(kind, methods));
        stage.set(first);
        if send_first {
            start(first_method);
        }
    };
    if send_first {
        start(first_method);
    }

    let send_code = Callback::new(move |typed: String| match normalized_code(&typed) {
        Some(code) => complete(SecondStepAnswer { code: Some(code), recovery_code: None }),
        None => error.set(Some(ApiError::WrongCode { attempts_left: None })),
    });
    let send_recovery = Callback::new(move |typed: String| {
        complete(SecondStepAnswer { code: None, recovery_code: Some(typed.trim().to_owned()) })
    });
    let go_to = move |next: Stage| {
        polls.update(|n| *n += 1);
        error.set(None);
        stage.set(next);
    };
    let other_method =
        move |_| go_to(if kind == SecondStepKind::SetUp { Stage::Choose } else { Stage::Recovery });
    let cancel = move |_| {
        polls.update(|n| *n += 1);
        on_cancel.run(());
    };
    let resend = Callback::new(move |()| {
        let method = match stage.get_untracked() {
            Stage::Code(challenge) | Stage::Waiting(challenge) => challenge.method,
            _ => return,
        };
        polls.update(|n| *n += 1);
        start(method);
    });
    let other_text =
        if kind == SecondStepKind::SetUp { tr(|t| t.other_method) } else { tr(|t| t.other_way) };
    let other_button = move || {
        view! {
            <button type="button" id="second-step-other-method" on:click=other_method>
                {other_text}
            </button>
        }
    };
    let cancel_button = move || {
        view! {
            <button type="button" id="second-step-cancel" on:click=cancel>
                {tr(|t| t.cancel)}
            </button>
        }
    };
    let busy_signal = Signal::from(busy);

    let body = move || match stage.get() {
        Stage::Choose => view! {
            <MethodChoice
                methods=methods.get_value()
                chosen
                phone
                busy=busy_signal
                on_continue=move |()| start(chosen.get_untracked())
            />
            <div class="step-links">{cancel_button()}</div>
        }
        .into_any(),
        Stage::Code(challenge) => {
            let sends_codes = challenge.sent_to.is_some()
                || matches!(challenge.method, PrimaryMethod::Sms | PrimaryMethod::Email);
            let instruction = match (&challenge.authenticator, &challenge.sent_to) {
                (Some(_), _) => t().authenticator_set_up_text.to_owned(),
                (None, Some(to)) => t().code_sent_to(to),
                (None, None) if sends_codes => t().code_sending.to_owned(),
                (None, None) => t().code_from_app.to_owned(),
            };
            let key = challenge.authenticator.map(|setup| view! { <AuthenticatorKey setup /> });
            let resend = sends_codes
                .then(|| view! { <ResendButton busy=busy_signal resend_in on_resend=resend /> });
            let recovery = (kind == SecondStepKind::Verify).then(|| {
                view! {
                    <button
                        type="button"
                        id="second-step-use-recovery"
                        on:click=move |_| go_to(Stage::Recovery)
                    >
                        {tr(|t| t.use_recovery_code)}
                    </button>
                }
            });
            view! {
                <p class="step-instruction">{instruction}</p>
                {key}
                <CodeForm recovery=false value=code busy=busy_signal on_submit=send_code>
                    {resend}
                </CodeForm>
                <div class="step-links">{recovery} {other_button()} {cancel_button()}</div>
            }
            .into_any()
        }
        Stage::Waiting(challenge) => view! {
            <p id="second-step-waiting" role="status" class="step-instruction">
                {move || t().approve_on(challenge.sent_to.as_deref())}
            </p>
            <ResendButton busy=busy_signal resend_in on_resend=resend />
            <div class="step-links">{other_button()} {cancel_button()}</div>
        }
        .into_any(),
        Stage::Recovery => view! {
            <p class="step-instruction" id="second-step-recovery-hint">
                {tr(|t| t.recovery_code_hint)}
            </p>
            <CodeForm recovery=true value=code busy=busy_signal on_submit=send_recovery />
            <div class="step-links">
                <button type="button" id="second-step-use-method" on:click=move |_| begin()>
                    {tr(|t| t.use_method_instead)}
                </button>
                {cancel_button()}
            </div>
        }
        .into_any(),
        Stage::Codes(codes) => view! { <RecoveryCodeList codes on_done=on_finished /> }.into_any(),
    };

    view! {
        <section id=super::SECOND_STEP_ID class="second-step" aria-labelledby="second-step-heading">
            <h2 id="second-step-heading" tabindex="-1">{tr(heading)}</h2>
            {move || {
                error
                    .get()
                    .map(|failure| {
                        view! { <ErrorAlert error=failure id="second-step-error" /> }
                    })
            }}
            {body}
        </section>
    }
}

/// Waits `duration` of real time.
async fn pause(duration: Duration) {
    let promise = wasm_bindgen_futures::js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
            &resolve,
            duration.as_millis() as i32,
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
