//! The sign-in form.

use leptos::{html, prelude::*};
use twostep_contract::SignIn;

use crate::api::ApiError;
use crate::i18n::{Messages, tr, use_t};
use crate::ui::ErrorAlert;

/// The email and password form. It only reports what the person typed; the page sends it.
///
/// After a failure it shows what went wrong; after wrong credentials it also empties the
/// password and puts the focus there, ready for another try.
#[component]
pub fn SignInForm(
    /// Receives the credentials when the person submits a filled-in form.
    #[prop(into)]
    on_submit: Callback<SignIn>,
    /// Whether a sign-in request is running.
    #[prop(into)]
    pending: Signal<bool>,
    /// Why the last attempt failed, if it did.
    #[prop(into)]
    failure: Signal<Option<ApiError>>,
) -> impl IntoView {
    let t = use_t();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let password_input = NodeRef::<html::Input>::new();

    Effect::new(move |_| {
        if let Some(ApiError::Unauthorized { .. }) = failure.get() {
            password.set(String::new());
            if let Some(input) = password_input.get_untracked() {
                let _ = input.focus();
            }
        }
    });

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !pending.get_untracked() {
            on_submit
                .run(SignIn { email: email.get_untracked(), password: password.get_untracked() });
        }
    };

    view! {
        <form class="sign-in-form" on:submit=submit>
            {move || {
                failure
                    .get()
                    .map(|error| view! { <ErrorAlert error text=Messages::sign_in_error /> })
            }}
            <div class="field">
                <label for="sign-in-email">{tr(|t| t.email)}</label>
                <input
                    id="sign-in-email"
                    name="email"
                    type="email"
                    autocomplete="username"
                    required
                    prop:value=email
                    on:input=move |event| email.set(event_target_value(&event))
                />
            </div>
            <div class="field">
                <label for="sign-in-password">{tr(|t| t.password)}</label>
                <input
                    id="sign-in-password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    node_ref=password_input
                    prop:value=password
                    on:input=move |event| password.set(event_target_value(&event))
                />
            </div>
            <button type="submit" class="primary" disabled=pending>
                {move || if pending.get() { t().signing_in } else { t().sign_in }}
            </button>
        </form>
    }
}
