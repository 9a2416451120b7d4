//! The field of a code, or of a recovery code, and its submit button.

use leptos::prelude::*;

use crate::i18n::{tr, use_t};

/// A form with one labelled field: the 6-digit code (`#second-step-code`,
/// `autocomplete="one-time-code"`, `inputmode="numeric"`) or a recovery code
/// (`#second-step-recovery-code`); "Verify" (`#second-step-submit`), and after it `children`
/// (such as "Send a new code").
#[component]
pub fn CodeForm(
    /// A recovery code rather than a verification code.
    recovery: bool,
    /// What is typed.
    value: RwSignal<String>,
    /// Whether a call is running.
    #[prop(into)]
    busy: Signal<bool>,
    /// Receives what was typed.
    #[prop(into)]
    on_submit: Callback<String>,
    /// More buttons after "Verify".
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let t = use_t();
    let (id, label, autocomplete, inputmode, hint) = if recovery {
        (
            "second-step-recovery-code",
            tr(|t| t.recovery_code),
            "off",
            "text",
            Some("second-step-recovery-hint"),
        )
    } else {
        ("second-step-code", tr(|t| t.code_label), "one-time-code", "numeric", None)
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !busy.get_untracked() {
            on_submit.run(value.get_untracked());
        }
    };
    view! {
        <form class="step-form" on:submit=submit>
            <div class="field">
                <label for=id>{label}</label>
                <input
                    id=id
                    name=id
                    type="text"
                    class="code-input"
                    autocomplete=autocomplete
                    inputmode=inputmode
                    autocapitalize="none"
                    spellcheck="false"
                    required
                    aria-describedby=hint
                    prop:value=value
                    on:input=move |event| value.set(event_target_value(&event))
                />
            </div>
            <div class="form-actions">
                <button type="submit" id="second-step-submit" class="primary" disabled=busy>
                    {move || if busy.get() { t().verifying } else { t().verify }}
                </button>
                {children.map(|children| children())}
            </div>
        </form>
    }
}
