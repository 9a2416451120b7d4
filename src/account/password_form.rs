//! My account's password change.

use leptos::prelude::*;
use leptos::task::spawn_local;
use twostep_contract::{MIN_PASSWORD_CHARS, PasswordChange, PendingSecondStep};

use super::{PasswordProblem, password_problem};
use crate::api::{ApiError, OrSecondStep};
use crate::i18n::{tr, use_t};
use crate::second_step::PendingStep;
use crate::session::use_session;
use crate::store::call;
use crate::ui::{ErrorAlert, focus_by_id};

/// The current password, the new one twice, and "Change password"
/// (`#account-change-password`). The new password is checked here first (long enough, the same
/// twice); when the server asks for a second step (`202`) it shows under the form, and the
/// status (`#account-password-status`) says once the password changed.
#[component]
pub fn PasswordForm(
    /// Whether a second step is open on the page (a set-up's, or this change's): one at a
    /// time.
    step_open: RwSignal<bool>,
) -> impl IntoView {
    let t = use_t();
    let session = use_session();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<PasswordProblem>);
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let changed = RwSignal::new(false);
    let pending = RwSignal::new(None::<PendingSecondStep>);
    Effect::new(move |_| step_open.set(pending.with(Option::is_some)));

    let succeeded = move || {
        pending.set(None);
        changed.set(true);
        for field in [current, new, confirm] {
            field.set(String::new());
        }
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() || step_open.get_untracked() {
            return;
        }
        changed.set(false);
        failure.set(None);
        if let Some(found) = password_problem(&new.get_untracked(), &confirm.get_untracked()) {
            // Kept as the problem, not its words, so it follows a change of language.
            problem.set(Some(found));
            focus_by_id("account-new-password");
            return;
        }
        problem.set(None);
        let change = PasswordChange {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        busy.set(true);
        spawn_local(async move {
            let answer =
                call(session, |client| async move { client.change_password(&change).await }).await;
            busy.set(false);
            match answer {
                Ok(OrSecondStep::Done(())) => succeeded(),
                Ok(OrSecondStep::SecondStep(step)) => pending.set(Some(step)),
                Err(error) => failure.set(Some(error)),
            }
        });
    };

    let second_step = move || {
        pending.get().map(|step| {
            view! {
                <PendingStep
                    step
                    verify_heading=|t| t.second_step_password_heading
                    on_finished=move |_| {
                        succeeded();
                        focus_by_id("account-password-status");
                    }
                    on_ended=move |error| {
                        pending.set(None);
                        failure.set(Some(error));
                        focus_by_id("account-current-password");
                    }
                    on_cancel=move |()| {
                        pending.set(None);
                        // Once the button is enabled again: a disabled one takes no focus.
                        request_animation_frame(|| focus_by_id("account-change-password"));
                    }
                />
            }
        })
    };

    let field = move |id: &'static str,
                      label: fn(&crate::i18n::Messages) -> &'static str,
                      autocomplete: &'static str,
                      value: RwSignal<String>,
                      hint: Option<&'static str>| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <input
                    id=id
                    type="password"
                    autocomplete=autocomplete
                    required
                    aria-describedby=hint
                    prop:value=value
                    on:input=move |event| value.set(event_target_value(&event))
                />
                {hint.map(|hint| {
                    view! {
                        <p id=hint class="hint">
                            {move || t().new_password_hint(MIN_PASSWORD_CHARS as u64)}
                        </p>
                    }
                })}
            </div>
        }
    };

    view! {
        <section class="account-section" aria-labelledby="account-password-heading">
            <h2 id="account-password-heading">{tr(|t| t.change_password_heading)}</h2>
            <form class="password-form" on:submit=submit>
                {field("account-current-password", |t| t.current_password, "current-password", current, None)}
                {field("account-new-password", |t| t.new_password, "new-password", new, Some("account-new-password-hint"))}
                {field("account-confirm-password", |t| t.confirm_password, "new-password", confirm, None)}
                {move || {
                    problem
                        .get()
                        .map(|found| view! { <p role="alert" class="alert">{found.message(t())}</p> })
                }}
                {move || failure.get().map(|error| view! { <ErrorAlert error /> })}
                <div class="form-actions">
                    <button
                        type="submit"
                        id="account-change-password"
                        class="primary"
                        disabled=move || busy.get() || step_open.get()
                    >
                        {move || if busy.get() { t().changing_password } else { t().change_password }}
                    </button>
                </div>
            </form>
            <p id="account-password-status" role="status" tabindex="-1">
                {move || changed.get().then(|| t().password_changed)}
            </p>
            {second_step}
        </section>
    }
}
