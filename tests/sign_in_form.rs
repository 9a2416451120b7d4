#![cfg(target_arch = "wasm32")]
//! The sign-in form: what it sends, and what a person sees when signing in fails.

#![warn(missing_docs)]

mod support;

use leptos::prelude::*;
use support::{fire, mount_in, settle};
use twostep_admin::api::ApiError;
use twostep_admin::i18n::Locale;
use twostep_admin::session::SignInForm;
use twostep_contract::SignIn;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlFormElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

struct Form {
    page: support::Mounted,
    failure: RwSignal<Option<ApiError>>,
    pending: RwSignal<bool>,
    sent: RwSignal<Vec<SignIn>>,
}

fn mount_form(locale: Locale) -> Form {
    let failure = RwSignal::new(None);
    let pending = RwSignal::new(false);
    let sent = RwSignal::new(Vec::new());
    let page = mount_in(locale, move || {
        view! {
            <SignInForm
                on_submit=move |credentials| sent.update(|sent| sent.push(credentials))
                pending
                failure
            />
        }
    });
    Form { page, failure, pending, sent }
}

fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    fire(input.unchecked_ref(), "input");
}

#[wasm_bindgen_test]
async fn a_filled_in_form_sends_the_credentials() {
    let form = mount_form(Locale::En);
    settle().await;
    assert!(form.page.try_find("[role=alert]").is_none());
    let email: HtmlInputElement = form.page.labelled("Email").unchecked_into();
    let password: HtmlInputElement = form.page.labelled("Password").unchecked_into();
    assert_eq!(email.type_(), "email");
    assert_eq!(email.autocomplete(), "username");
    assert!(email.required());
    assert_eq!(password.type_(), "password");
    assert_eq!(password.autocomplete(), "current-password");
    assert!(password.required());

    type_into(&email, "maya@northwind.example");
    type_into(&password, "correct horse");
    let html_form: HtmlFormElement = form.page.find("form").unchecked_into();
    html_form.request_submit().unwrap();
    settle().await;
    assert_eq!(
        form.sent.get_untracked(),
        [SignIn { email: "maya@northwind.example".into(), password: "correct horse".into() }]
    );
}

#[wasm_bindgen_test]
async fn an_empty_form_is_not_sent() {
    let form = mount_form(Locale::En);
    settle().await;
    let html_form: HtmlFormElement = form.page.find("form").unchecked_into();
    html_form.request_submit().unwrap();
    settle().await;
    assert!(form.sent.get_untracked().is_empty());
}

#[wasm_bindgen_test]
async fn wrong_credentials_show_the_alert_and_empty_the_password() {
    let form = mount_form(Locale::En);
    settle().await;
    let password: HtmlInputElement = form.page.labelled("Password").unchecked_into();
    type_into(&password, "wrong");
    form.failure.set(Some(ApiError::Unauthorized { sign_in_url: None }));
    settle().await;
    assert_eq!(
        form.page.text("[role=alert]"),
        "The email or password is incorrect. Check them and try again."
    );
    assert_eq!(password.value(), "");
    let focused = document().active_element().expect("something has the focus");
    assert_eq!(focused.id(), password.id());
}

#[wasm_bindgen_test]
async fn other_failures_say_what_to_do() {
    let form = mount_form(Locale::En);
    form.failure.set(Some(ApiError::TooManyRequests { retry_after_seconds: None }));
    settle().await;
    assert_eq!(
        form.page.text("[role=alert]"),
        "Too many sign-in attempts. Wait a few minutes, then try again."
    );
    form.failure.set(Some(ApiError::TooManyRequests { retry_after_seconds: Some(30) }));
    settle().await;
    assert_eq!(
        form.page.text("[role=alert]"),
        "Too many sign-in attempts. Wait 30 seconds, then try again."
    );
    form.failure.set(Some(ApiError::Busy { retry_after_seconds: Some(1) }));
    settle().await;
    assert_eq!(
        form.page.text("[role=alert]"),
        "The server is busy and nothing was changed. Wait 1 second, then try again."
    );
    form.failure.set(Some(ApiError::Network("offline".into())));
    settle().await;
    assert_eq!(
        form.page.text("[role=alert]"),
        "Twostep Admin cannot reach the server. Check your connection and try again."
    );
}

#[wasm_bindgen_test]
async fn the_button_says_signing_in_and_is_disabled_while_pending() {
    let form = mount_form(Locale::En);
    settle().await;
    assert!(form.page.button("Sign in").is_some());
    form.pending.set(true);
    settle().await;
    let button: HtmlButtonElement =
        form.page.button("Signing in…").expect("the busy button").unchecked_into();
    assert!(button.disabled());
}

#[wasm_bindgen_test]
async fn the_french_form_is_translated() {
    let form = mount_form(Locale::Fr);
    form.failure.set(Some(ApiError::Unauthorized { sign_in_url: None }));
    settle().await;
    let _ = form.page.labelled("Adresse e-mail");
    let _ = form.page.labelled("Mot de passe");
    assert!(form.page.button("Se connecter").is_some());
    assert_eq!(
        form.page.text("[role=alert]"),
        "L’adresse e-mail ou le mot de passe est incorrect. Vérifiez-les, puis réessayez."
    );
}
