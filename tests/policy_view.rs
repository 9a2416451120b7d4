#![cfg(target_arch = "wasm32")]
//! The read-only policy shows the right labels, in English and in French.

mod support;

use leptos::prelude::*;
use support::{mount_in, settle};
use twostep_admin::components::PolicyView;
use twostep_admin::i18n::Locale;
use twostep_contract::{
    AdministratorsPolicy, Policy, PolicySettings, PrimaryMethod, TechniciansPolicy,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn policy(
    administrators: AdministratorsPolicy,
    technicians: TechniciansPolicy,
    primary_method: PrimaryMethod,
) -> Policy {
    Policy {
        settings: PolicySettings { administrators, technicians, primary_method },
        revision: 4,
        updated_at: "2026-01-01T00:00:00Z".into(),
    }
}

#[wasm_bindgen_test]
async fn english_policy_reads_as_the_admin_center_says_it() {
    let shown = policy(
        AdministratorsPolicy::All,
        TechniciansPolicy::SelectedGroups,
        PrimaryMethod::AuthenticatorApp,
    );
    let page = mount_in(Locale::En, move || view! { <PolicyView policy=shown /> });
    settle().await;
    assert_eq!(page.text("h2"), "Two-step verification");
    assert!(
        page.text("p")
            .starts_with("Select which members of the organization must use two-step verification")
    );
    assert_eq!(page.texts("dt"), ["Administrators", "Technicians", "Primary verification method"]);
    assert_eq!(
        page.texts("dd"),
        ["All administrators", "Members of selected technician groups", "Authenticator app"]
    );
    assert_eq!(page.text(".revision"), "Revision 4");
}

#[wasm_bindgen_test]
async fn every_other_value_has_its_english_label() {
    let shown = policy(
        AdministratorsPolicy::None,
        TechniciansPolicy::None,
        PrimaryMethod::LastpassNotification,
    );
    let page = mount_in(Locale::En, move || view! { <PolicyView policy=shown /> });
    settle().await;
    assert_eq!(
        page.texts("dd"),
        ["No administrators", "No technicians", "LastPass Authenticator app notification"]
    );

    let shown = policy(AdministratorsPolicy::None, TechniciansPolicy::All, PrimaryMethod::Sms);
    let page = mount_in(Locale::En, move || view! { <PolicyView policy=shown /> });
    settle().await;
    assert_eq!(page.texts("dd")[1..], ["All technicians", "SMS verification"]);

    let shown = policy(AdministratorsPolicy::All, TechniciansPolicy::All, PrimaryMethod::Email);
    let page = mount_in(Locale::En, move || view! { <PolicyView policy=shown /> });
    settle().await;
    assert_eq!(page.texts("dd")[2], "Email verification");
}

#[wasm_bindgen_test]
async fn french_policy_is_fully_translated() {
    let shown =
        policy(AdministratorsPolicy::All, TechniciansPolicy::SelectedGroups, PrimaryMethod::Email);
    let page = mount_in(Locale::Fr, move || view! { <PolicyView policy=shown /> });
    settle().await;
    assert_eq!(page.text("h2"), "Vérification en deux étapes");
    assert_eq!(
        page.texts("dt"),
        ["Administrateurs", "Techniciens", "Méthode de vérification principale"]
    );
    assert_eq!(
        page.texts("dd"),
        [
            "Tous les administrateurs",
            "Membres des groupes de techniciens sélectionnés",
            "Vérification par e-mail"
        ]
    );
    assert_eq!(page.text(".revision"), "Révision 4");
}
