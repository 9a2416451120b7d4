#![cfg(target_arch = "wasm32")]
//! Global Settings against stand-in backends that read the contract their own way: a preview
//! that says nothing about a reset, a refusal (409) that counts the members as `members_reset`,
//! as `members_affected` only, or not at all, and explanations in another language. The warning
//! dialog always opens, in the console's words, with the number the preview or the refusal
//! gives.

#![warn(missing_docs)]

mod support;

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::components::Router;
use serde_json::{Value, json};
use support::backend::{Answer, Backend, Received};
use support::{Mounted, mount_in, wait_until};
use twostep_admin::api::ApiClient;
use twostep_admin::i18n::Locale;
use twostep_admin::session::SessionContext;
use twostep_admin::settings::GlobalSettingsPage;
use twostep_admin::store::OrgStore;
use twostep_contract::{
    AdministratorsPolicy, Policy, PolicyImpact, PolicySettings, PolicyUpdate, PolicyUpdated,
    PrimaryMethod, TechniciansPolicy,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlDialogElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const POLICY: &str = "/api/v1/two-step-verification/policy";
const PREVIEW: &str = "/api/v1/two-step-verification/policy/preview";

fn saved_settings() -> PolicySettings {
    PolicySettings {
        administrators: AdministratorsPolicy::All,
        technicians: TechniciansPolicy::SelectedGroups,
        primary_method: PrimaryMethod::AuthenticatorApp,
    }
}

fn policy(settings: PolicySettings, revision: i64) -> Value {
    let policy = Policy { settings, revision, updated_at: "2026-01-01T00:00:00Z".into() };
    serde_json::to_value(policy).unwrap()
}

/// How the stand-in backend reads the contract.
#[derive(Clone, Copy)]
struct Reading {
    /// The members its preview counts to reset for a method change (0: it says nothing).
    preview_resets: u64,
    /// The members its refusal counts, as `members_reset`.
    refusal_members_reset: Option<u64>,
    /// The members its refusal counts, as the deprecated `members_affected`.
    refusal_members_affected: Option<u64>,
}

/// A backend of 12 members, reading the contract as `reading` says; once `later_preview_resets`
/// is set, its preview counts that instead.
fn backend(reading: Reading, later_preview_resets: Rc<Cell<Option<u64>>>) -> Backend {
    Backend::install(move |request: &Received| {
        let path = request.path_and_query.as_str();
        match (request.method.as_str(), path) {
            ("GET", "/api/v1/session") => Answer::json(200, signed_in()),
            ("GET", "/api/v1/technician-groups") => Answer::json(200, json!([])),
            ("GET", POLICY) => Answer::json(200, policy(saved_settings(), 1)),
            ("POST", PREVIEW) => {
                let candidate: PolicySettings = serde_json::from_str(&request.body).unwrap();
                let method_changes = candidate.primary_method != saved_settings().primary_method;
                let resets = later_preview_resets.get().unwrap_or(reading.preview_resets);
                let impact = PolicyImpact {
                    members_total: 12,
                    required: 4,
                    method_changes: method_changes && resets > 0,
                    enrollments_reset: if method_changes { resets } else { 0 },
                    members_reset: if method_changes { resets } else { 0 },
                    ..PolicyImpact::default()
                };
                Answer::json(200, serde_json::to_value(impact).unwrap())
            }
            ("PUT", POLICY) => {
                let update: PolicyUpdate = serde_json::from_str(&request.body).unwrap();
                if update.confirm_reset == Some(true) {
                    let updated = PolicyUpdated {
                        policy: serde_json::from_value(policy(update.settings, 2)).unwrap(),
                        enrollments_reset: 12,
                    };
                    return Answer::json(200, serde_json::to_value(updated).unwrap());
                }
                let mut problem = json!({
                    "type": "/problems/reset-confirmation-required",
                    "title": "Bestätigung erforderlich",
                    "status": 409,
                    "detail": "Bitte bestätigen Sie das Zurücksetzen.",
                });
                if let Some(members) = reading.refusal_members_reset {
                    problem["members_reset"] = json!(members);
                }
                if let Some(members) = reading.refusal_members_affected {
                    problem["members_affected"] = json!(members);
                }
                Answer::problem(409, problem)
            }
            _ => Answer::problem(404, json!({"type": "about:blank", "title": "?", "status": 404})),
        }
    })
}

fn signed_in() -> Value {
    serde_json::to_value(support::master_session()).unwrap()
}

fn mount_page(locale: Locale) -> Mounted {
    mount_in(locale, || {
        let client = ApiClient::new("/api/v1");
        provide_context(client.clone());
        let session = SessionContext::provide(client);
        // Signed in, as the Admin Center is before it reads anything.
        session.signed_in(serde_json::from_value(signed_in()).unwrap());
        OrgStore::provide(session);
        view! {
            <Router>
                <GlobalSettingsPage />
            </Router>
        }
    })
}

/// Chooses SMS, once the page shows the policy and its impact, and saves.
async fn choose_sms_and_save(page: &Mounted, sms: &str, save: &str) {
    let radio = wait_until("the form", || page.try_find("input[value=sms]"), Option::is_some)
        .await
        .unwrap();
    wait_until("the first impact", || page.try_find(".impact-panel dd"), Option::is_some).await;
    assert_eq!(page.labelled(sms), radio);
    radio.click();
    // The page's preview waits for a pause in the editing, then asks.
    wait_until(
        "the impact of SMS",
        || page.try_find(".impact-panel [role=status]").is_none(),
        |settled| *settled,
    )
    .await;
    page.button(save).expect("Save changes").click();
}

async fn dialog_text(page: &Mounted) -> String {
    let dialog = || page.find("dialog").unchecked_into::<HtmlDialogElement>();
    wait_until("the warning dialog", || dialog().open(), |open| *open).await;
    page.text("dialog p")
}

fn figure(page: &Mounted, label: &str) -> Option<String> {
    let labels = page.texts(".impact-panel dt");
    let at = labels.iter().position(|shown| shown == label)?;
    page.texts(".impact-panel dd").get(at).cloned()
}

fn puts(backend: &Backend) -> Vec<PolicyUpdate> {
    backend
        .received_at(POLICY)
        .into_iter()
        .filter(|request| request.method == "PUT")
        .map(|request| serde_json::from_str(&request.body).unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn a_preview_that_counts_the_reset_gives_the_dialog_its_number_before_anything_is_sent() {
    let reading =
        Reading { preview_resets: 12, refusal_members_reset: None, refusal_members_affected: None };
    let backend = backend(reading, Rc::default());
    let page = mount_page(Locale::En);
    choose_sms_and_save(&page, "SMS verification", "Save changes").await;
    let text = dialog_text(&page).await;
    assert!(text.contains("All 12 members"), "{text:?}");
    assert_eq!(
        figure(&page, "Members who must set up two-step verification again").as_deref(),
        Some("12")
    );
    assert!(puts(&backend).is_empty(), "nothing is sent before confirming");
}

#[wasm_bindgen_test]
async fn a_refusal_after_a_silent_preview_opens_the_dialog_with_the_new_previews_number() {
    let reading = Reading {
        preview_resets: 0,
        refusal_members_reset: Some(9),
        refusal_members_affected: None,
    };
    let later = Rc::new(Cell::new(None));
    let backend = backend(reading, Rc::clone(&later));
    let page = mount_page(Locale::En);
    choose_sms_and_save(&page, "SMS verification", "Save changes").await;
    // Only the preview asked after the refusal counts the reset.
    later.set(Some(12));
    let text = dialog_text(&page).await;
    assert!(text.contains("All 12 members"), "the new preview's count: {text:?}");
    assert!(!page.root.text_content().unwrap_or_default().contains("Bitte"), "no German");
    let sent = puts(&backend);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].confirm_reset, None);

    page.button("Change method and reset").expect("the confirmation").click();
    wait_until("the confirmed save", || puts(&backend).len(), |sent| *sent == 2).await;
    let sent = puts(&backend);
    assert_eq!(sent[1].confirm_reset, Some(true));
    assert_eq!(sent[1].settings.primary_method, PrimaryMethod::Sms);
    let put = backend.received_at(POLICY).into_iter().rfind(|r| r.method == "PUT").unwrap();
    assert_eq!(put.header("If-Match").as_deref(), Some("\"1\""));
}

#[wasm_bindgen_test]
async fn the_refusals_count_is_read_from_members_reset_or_its_deprecated_synonym() {
    for (members_reset, members_affected, expected) in
        [(Some(9), Some(8), "All 9 members"), (None, Some(8), "All 8 members")]
    {
        let reading = Reading {
            preview_resets: 0,
            refusal_members_reset: members_reset,
            refusal_members_affected: members_affected,
        };
        let _backend = backend(reading, Rc::default());
        let page = mount_page(Locale::En);
        choose_sms_and_save(&page, "SMS verification", "Save changes").await;
        let text = dialog_text(&page).await;
        assert!(text.contains(expected), "{members_reset:?}, {members_affected:?}: {text:?}");
    }
}

#[wasm_bindgen_test]
async fn a_refusal_without_any_count_opens_the_dialog_without_a_number_in_french() {
    let reading =
        Reading { preview_resets: 0, refusal_members_reset: None, refusal_members_affected: None };
    let _backend = backend(reading, Rc::default());
    let page = mount_page(Locale::Fr);
    choose_sms_and_save(&page, "Vérification par SMS", "Enregistrer les modifications").await;
    let text = dialog_text(&page).await;
    assert!(
        text.contains("Tous les membres de votre organisation devront configurer de nouveau"),
        "{text:?}"
    );
    let confirm: HtmlElement =
        page.button("Changer de méthode et réinitialiser").expect("the confirmation");
    assert!(confirm.class_list().contains("danger"));
}
