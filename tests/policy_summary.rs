#![cfg(target_arch = "wasm32")]
//! Policy settings read as the Admin Center labels them, in English and in French (the
//! conflict notice shows another administrator's settings this way).

#![warn(missing_docs)]

mod support;

use leptos::prelude::*;
use support::{mount_in, settle};
use twostep_admin::i18n::Locale;
use twostep_admin::settings::PolicySummary;
use twostep_contract::{AdministratorsPolicy, PolicySettings, PrimaryMethod, TechniciansPolicy};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn policy(
    administrators: AdministratorsPolicy,
    technicians: TechniciansPolicy,
    primary_method: PrimaryMethod,
) -> PolicySettings {
    PolicySettings { administrators, technicians, primary_method }
}

#[wasm_bindgen_test]
async fn english_settings_read_as_the_admin_center_says_them() {
    let shown = policy(
        AdministratorsPolicy::All,
        TechniciansPolicy::SelectedGroups,
        PrimaryMethod::AuthenticatorApp,
    );
    let page = mount_in(Locale::En, move || view! { <PolicySummary settings=shown /> });
    settle().await;
    assert_eq!(page.texts("dt"), ["Administrators", "Technicians", "Primary verification method"]);
    assert_eq!(
        page.texts("dd"),
        ["All administrators", "Members of selected technician groups", "Authenticator app"]
    );
}

#[wasm_bindgen_test]
async fn every_other_value_has_its_english_label() {
    let shown = policy(
        AdministratorsPolicy::None,
        TechniciansPolicy::None,
        PrimaryMethod::LastpassNotification,
    );
    let page = mount_in(Locale::En, move || view! { <PolicySummary settings=shown /> });
    settle().await;
    assert_eq!(
        page.texts("dd"),
        ["No administrators", "No technicians", "LastPass Authenticator app notification"]
    );

    let shown = policy(AdministratorsPolicy::None, TechniciansPolicy::All, PrimaryMethod::Sms);
    let page = mount_in(Locale::En, move || view! { <PolicySummary settings=shown /> });
    settle().await;
    assert_eq!(page.texts("dd")[1..], ["All technicians", "SMS verification"]);

    let shown = policy(AdministratorsPolicy::All, TechniciansPolicy::All, PrimaryMethod::Email);
    let page = mount_in(Locale::En, move || view! { <PolicySummary settings=shown /> });
    settle().await;
    assert_eq!(page.texts("dd")[2], "Email verification");
}

#[wasm_bindgen_test]
async fn french_settings_are_fully_translated() {
    let shown =
        policy(AdministratorsPolicy::All, TechniciansPolicy::SelectedGroups, PrimaryMethod::Email);
    let page = mount_in(Locale::Fr, move || view! { <PolicySummary settings=shown /> });
    settle().await;
    assert_eq!(
        page.texts("dt"),
        ["Administrateurs", "Techniciens", "Méthode de vérification principale"]
    );
    assert_eq!(
        page.texts("dd"),
        [
            "Tous les administrateurs",
            "Membres du ou des groupes de techniciens sélectionnés",
            "vérification par e-mail"
        ]
    );
}
