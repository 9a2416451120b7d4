//! My account's two-step verification: its state, setting it up or changing the method, and
//! new recovery codes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use twostep_contract::{Account, PrimaryMethod, SecondStepKind};

use crate::api::ApiError;
use crate::i18n::intl::TimeStyle;
use crate::i18n::{Text, tr, use_t};
use crate::second_step::{RecoveryCodeList, SecondStep, StepCalls, methods_primary_first};
use crate::session::use_session;
use crate::store::call;
use crate::ui::read_view::read_view;
use crate::ui::{ConfirmDialog, ErrorAlert, focus_by_id};

/// What the panel shows under the state.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Task {
    /// Only the state and its buttons.
    Idle,
    /// The method choice and code entry of a set-up.
    SettingUp,
    /// New recovery codes, shown once.
    Codes(Vec<String>),
}

/// The person's method (`#account-method`), since when (`#account-enrolled-at`), whether they
/// must use it (`#account-required`), "Set up" or "Change method" (`#account-set-up`, which
/// opens the second step's set-up) and "Regenerate recovery codes"
/// (`#account-regenerate-codes`, after a confirmation).
#[component]
pub fn TwoStepPanel(
    /// Whether a second step is open on the page (this set-up's, or a password change's): one
    /// at a time.
    step_open: RwSignal<bool>,
) -> impl IntoView {
    let t = use_t();
    let session = use_session();
    // The account as read, or as the last set-up or regeneration left it; `None` while read.
    let account = RwSignal::new(None::<Result<Account, ApiError>>);
    let load = move || {
        account.set(None);
        spawn_local(async move {
            let answer = call(session, |client| async move { client.get_account().await }).await;
            account.set(Some(answer));
        });
    };
    load();
    let changed = move |changed: Account| account.set(Some(Ok(changed)));
    let task = RwSignal::new(Task::Idle);
    // The method just set up, kept rather than its words so the status follows the language.
    let done = RwSignal::new(None::<PrimaryMethod>);
    let failure = RwSignal::new(None::<ApiError>);
    let confirming = RwSignal::new(false);
    let regenerating = RwSignal::new(false);

    let close = move |focus: &'static str| {
        if task.get_untracked() == Task::SettingUp {
            step_open.set(false);
        }
        task.set(Task::Idle);
        request_animation_frame(move || focus_by_id(focus));
    };
    let set_up_calls = move || {
        StepCalls::new(
            move |body| {
                call(session, |client| async move { client.start_account_two_step(&body).await })
            },
            move |body| async move {
                let set_up =
                    call(
                        session,
                        |client| async move { client.complete_account_two_step(&body).await },
                    )
                    .await?;
                let method = set_up.account.method;
                changed(set_up.account);
                done.set(method);
                Ok(set_up.recovery_codes)
            },
        )
    };
    let regenerate = move |confirmed: bool| {
        if !confirmed {
            confirming.set(false);
            return;
        }
        regenerating.set(true);
        failure.set(None);
        spawn_local(async move {
            let answer =
                call(session, |client| async move { client.regenerate_recovery_codes().await })
                    .await;
            regenerating.set(false);
            confirming.set(false);
            match answer {
                Ok(codes) => {
                    let left = codes.recovery_codes.len() as u32;
                    // `None` when the page was left meanwhile.
                    if let Some(Some(Ok(current))) = account.try_get_untracked() {
                        changed(Account { recovery_codes_left: left, ..current });
                    }
                    task.set(Task::Codes(codes.recovery_codes));
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };

    let state = move |account: Account| {
        let method = account.method.map_or("—", |method| t().primary_method_name(method));
        let method = match &account.phone_number {
            Some(phone) => format!("{method} ({phone})"),
            None => method.to_owned(),
        };
        let enrolled_at = account.enrolled_at.clone().map_or_else(
            || view! { "—" }.into_any(),
            |at| {
                view! { <time datetime=at.clone()>{t().time(&at, TimeStyle::Date)}</time> }
                    .into_any()
            },
        );
        let required =
            if account.required { t().account_required } else { t().account_not_required };
        let set_up_text: Text =
            if account.method.is_some() { |t| t.change_method } else { |t| t.set_up_two_step };
        let is_set_up = account.method.is_some();
        let regenerate_button = is_set_up.then(|| {
            view! {
                <button
                    type="button"
                    id="account-regenerate-codes"
                    disabled=move || task.get() != Task::Idle
                    on:click=move |_| confirming.set(true)
                >
                    {tr(|t| t.regenerate_codes)}
                </button>
            }
        });
        view! {
            <p id="account-required">{required}</p>
            <dl class="account-facts">
                <dt>{tr(|t| t.method)}</dt>
                <dd id="account-method">{if is_set_up { method } else { t().not_set_up.to_owned() }}</dd>
                <dt>{tr(|t| t.set_up_on)}</dt>
                <dd id="account-enrolled-at">{enrolled_at}</dd>
                <dt>{tr(|t| t.recovery_codes_left)}</dt>
                <dd id="account-recovery-codes-left">{t().number(account.recovery_codes_left.into())}</dd>
            </dl>
            <div class="form-actions">
                <button
                    type="button"
                    id="account-set-up"
                    disabled=move || task.get() != Task::Idle || step_open.get()
                    on:click=move |_| {
                        done.set(None);
                        failure.set(None);
                        task.set(Task::SettingUp);
                        step_open.set(true);
                    }
                >
                    {tr(set_up_text)}
                </button>
                {regenerate_button}
            </div>
        }
        .into_any()
    };

    let task_view = move || match task.get() {
        Task::Idle => None,
        Task::SettingUp => {
            // Offered as the account was when the set-up opened.
            let Some(Ok(opened)) = account.get_untracked() else { return None };
            let heading: Text = if opened.method.is_some() {
                |t| t.change_method_heading
            } else {
                |t| t.second_step_set_up_heading
            };
            Some(
                view! {
                    <SecondStep
                        kind=SecondStepKind::SetUp
                        methods=methods_primary_first(opened.primary_method)
                        heading
                        calls=set_up_calls()
                        on_finished=move |()| close("account-set-up")
                        on_ended=move |error| {
                            failure.set(Some(error));
                            close("account-set-up");
                        }
                        on_cancel=move |()| close("account-set-up")
                    />
                }
                .into_any(),
            )
        }
        Task::Codes(codes) => Some(
            view! {
                <RecoveryCodeList codes on_done=move |()| close("account-regenerate-codes") />
            }
            .into_any(),
        ),
    };

    view! {
        <section class="account-section" aria-labelledby="account-two-step-heading">
            <h2 id="account-two-step-heading">{tr(|t| t.two_step_heading)}</h2>
            <p role="status" id="account-two-step-status">{move || {
                    done.get().map(|method| t().two_step_set_up_done(t().primary_method_name(method)))
                }}</p>
            {move || failure.get().map(|error| view! { <ErrorAlert error /> })}
            {move || read_view(account.get(), Callback::new(move |()| load()), state)}
            {task_view}
            <ConfirmDialog
                open=confirming
                title_id="regenerate-codes-title"
                title=|t| t.regenerate_codes_title
                confirm=|t| t.regenerate_codes_confirm
                busy=regenerating
                busy_text=|t| t.regenerating
                on_answer=regenerate
            >
                <p>{tr(|t| t.regenerate_codes_text)}</p>
            </ConfirmDialog>
        </section>
    }
}
