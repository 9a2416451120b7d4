#![cfg(target_arch = "wasm32")]
//! My account's password form: its fields, and the checks made before anything is sent.

#![warn(missing_docs)]

mod support;

use leptos::prelude::*;
use support::{Mounted, fire, mount_in, settle};
use twostep_admin::account::PasswordForm;
use twostep_admin::api::ApiClient;
use twostep_admin::i18n::Locale;
use twostep_admin::session::SessionContext;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlFormElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn mount_form(locale: Locale) -> Mounted {
    mount_in(locale, || {
        // No server answers here: only what the form checks before sending is observed.
        let client = ApiClient::new("/no-server");
        provide_context(client.clone());
        SessionContext::provide(client);
        view! { <PasswordForm step_open=RwSignal::new(false) /> }
    })
}

fn fill(page: &Mounted, label: &str, text: &str) -> HtmlInputElement {
    let input: HtmlInputElement = page.labelled(label).unchecked_into();
    input.set_value(text);
    fire(input.unchecked_ref(), "input");
    input
}

fn submit(page: &Mounted) {
    page.find("form").unchecked_into::<HtmlFormElement>().request_submit().unwrap();
}

#[wasm_bindgen_test]
async fn the_fields_are_labelled_password_fields() {
    let page = mount_form(Locale::En);
    settle().await;
    let current = fill(&page, "Current password", "");
    let new = fill(&page, "New password", "");
    let confirm = fill(&page, "Confirm the new password", "");
    assert_eq!(
        [current.id(), new.id(), confirm.id()],
        ["account-current-password", "account-new-password", "account-confirm-password"]
    );
    assert_eq!(current.autocomplete(), "current-password");
    assert_eq!(new.autocomplete(), "new-password");
    assert_eq!(confirm.autocomplete(), "new-password");
    assert!([&current, &new, &confirm].iter().all(|input| input.type_() == "password"));
    assert_eq!(page.text("#account-new-password-hint"), "At least 12 characters.");
    assert_eq!(
        page.find("#account-password-status").get_attribute("role").as_deref(),
        Some("status")
    );
    assert!(page.try_find("#account-change-password").is_some());
}

#[wasm_bindgen_test]
async fn a_short_new_password_is_refused_before_sending() {
    let page = mount_form(Locale::En);
    settle().await;
    fill(&page, "Current password", "old password here");
    fill(&page, "New password", "too short");
    fill(&page, "Confirm the new password", "too short");
    submit(&page);
    settle().await;
    assert_eq!(page.text("[role=alert]"), "The new password needs at least 12 characters.");
    assert_eq!(document().active_element().unwrap().id(), "account-new-password");
    assert_eq!(page.text("#account-password-status"), "");
}

#[wasm_bindgen_test]
async fn two_different_new_passwords_are_refused_in_french_too() {
    let page = mount_form(Locale::Fr);
    settle().await;
    fill(&page, "Mot de passe actuel", "old password here");
    fill(&page, "Nouveau mot de passe", "correct horse battery");
    fill(&page, "Confirmez le nouveau mot de passe", "correct horse battery staple");
    submit(&page);
    settle().await;
    assert_eq!(
        page.text("[role=alert]"),
        "Les deux nouveaux mots de passe diffèrent. Saisissez le même mot de passe dans les deux \
         champs."
    );
}
