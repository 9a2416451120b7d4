//! The choice of a method, when setting up.

use leptos::prelude::*;
use twostep_contract::{PrimaryMethod, Vocabulary};

use crate::i18n::{tr, use_t};
use crate::ui::RadioOption;

/// The methods as radio options (`name="second-step-method"`), the first one chosen at first;
/// for SMS, the phone number; and "Continue" (`#second-step-start`).
#[component]
pub fn MethodChoice(
    /// The methods offered, the one to offer first at the head.
    methods: Vec<PrimaryMethod>,
    /// The method chosen.
    chosen: RwSignal<PrimaryMethod>,
    /// The phone number typed, for SMS.
    phone: RwSignal<String>,
    /// Whether a call is running.
    #[prop(into)]
    busy: Signal<bool>,
    /// Called on "Continue".
    #[prop(into)]
    on_continue: Callback<()>,
) -> impl IntoView {
    let t = use_t();
    let options = methods
        .into_iter()
        .map(|method| {
            view! {
                <RadioOption
                    name="second-step-method"
                    value=method.wire_name()
                    label=Signal::derive(move || t().primary_method_name(method))
                    checked=Signal::derive(move || chosen.get() == method)
                    on_choose=move |()| chosen.set(method)
                />
            }
        })
        .collect_view();
    let phone_field = move || {
        (chosen.get() == PrimaryMethod::Sms).then(|| {
            view! {
                <div class="field">
                    <label for="second-step-phone">{tr(|t| t.phone_number)}</label>
                    <input
                        id="second-step-phone"
                        name="phone"
                        type="tel"
                        autocomplete="tel"
                        required
                        aria-describedby="second-step-phone-hint"
                        prop:value=phone
                        on:input=move |event| phone.set(event_target_value(&event))
                    />
                    <p id="second-step-phone-hint" class="hint">
                        {tr(|t| t.phone_number_hint)}
                    </p>
                </div>
            }
        })
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !busy.get_untracked() {
            on_continue.run(());
        }
    };
    view! {
        <p class="hint">{tr(|t| t.second_step_set_up_intro)}</p>
        <form class="step-form" on:submit=submit>
            <fieldset>
                <legend>{tr(|t| t.verification_method)}</legend>
                {options}
            </fieldset>
            {phone_field}
            <div class="form-actions">
                <button type="submit" id="second-step-start" class="primary" disabled=busy>
                    {tr(|t| t.continue_label)}
                </button>
            </div>
        </form>
    }
}
