#![cfg(target_arch = "wasm32")]
//! The audit log table, mounted with a page of changes: when, who, and what each kind of change
//! did, before and after, in English and in French.

#![warn(missing_docs)]

mod support;

use leptos::prelude::*;
use support::{Mounted, mount_in, settle};
use twostep_admin::audit::AuditLogTable;
use twostep_admin::i18n::intl::TimeStyle;
use twostep_admin::i18n::{EN, Locale};
use twostep_contract::{
    AdministratorsPolicy as A, AuditChange, AuditEvent, AuditPage, AuditPerson, PolicySettings,
    PrimaryMethod as M, TechniciansPolicy as T,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn maya() -> AuditPerson {
    AuditPerson { id: 1, name: "Maya Patel".into(), email: "maya@northwind.example".into() }
}

fn event(id: i64, at: &str, actor: Option<AuditPerson>, change: AuditChange) -> AuditEvent {
    AuditEvent { id, at: at.into(), actor, change }
}

fn settings(administrators: A, technicians: T, primary_method: M) -> PolicySettings {
    PolicySettings { administrators, technicians, primary_method }
}

/// One change of each kind, newest first, and a policy change with every setting changed.
fn changes() -> Vec<AuditEvent> {
    vec![
        event(
            6,
            "2026-11-26T09:41:07Z",
            Some(maya()),
            AuditChange::TwoStepReset {
                member: AuditPerson {
                    id: 7,
                    name: "Sam Okafor".into(),
                    email: "sam@northwind.example".into(),
                },
                method_before: Some(M::Sms),
            },
        ),
        event(
            5,
            "2026-11-26T09:41:00Z",
            Some(maya()),
            AuditChange::TwoStepReset {
                member: AuditPerson {
                    id: 8,
                    name: "Ana Lima".into(),
                    email: "ana@northwind.example".into(),
                },
                method_before: None,
            },
        ),
        event(
            4,
            "2026-11-25T17:05:59Z",
            None,
            AuditChange::GroupForceTwoStepChanged {
                group_id: 2,
                group_name: "Tier 2".into(),
                before: false,
                after: true,
            },
        ),
        event(
            3,
            "2026-11-24T08:00:00Z",
            Some(maya()),
            AuditChange::PolicyUpdated {
                before: settings(A::All, T::SelectedGroups, M::AuthenticatorApp),
                after: settings(A::All, T::All, M::AuthenticatorApp),
                enrollments_reset: 0,
            },
        ),
        event(
            2,
            "2026-11-23T08:00:00Z",
            Some(maya()),
            AuditChange::PolicyUpdated {
                before: settings(A::None, T::None, M::Sms),
                after: settings(A::All, T::SelectedGroups, M::Email),
                enrollments_reset: 12,
            },
        ),
    ]
}

fn page_of(items: Vec<AuditEvent>) -> AuditPage {
    let total = items.len() as u64;
    AuditPage { items, total, page: 1, per_page: 50, actors: vec![maya()] }
}

async fn mount_log(locale: Locale, items: Vec<AuditEvent>) -> Mounted {
    let page = Signal::derive(move || Some(page_of(items.clone())));
    let mounted = mount_in(locale, move || view! { <AuditLogTable page busy=false /> });
    settle().await;
    mounted
}

/// Each body row's cells, each cell as its lines.
fn rows(page: &Mounted) -> Vec<Vec<Vec<String>>> {
    let rows = page.root.query_selector_all("tbody tr").unwrap();
    (0..rows.length())
        .filter_map(|index| rows.item(index))
        .map(|row| {
            let cells = row.unchecked_into::<HtmlElement>().query_selector_all("td").unwrap();
            (0..cells.length())
                .filter_map(|index| cells.item(index))
                .map(|cell| {
                    let text = cell.text_content().unwrap_or_default();
                    text.lines().map(str::to_owned).collect()
                })
                .collect()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn each_kind_of_change_says_what_changed_before_and_after() {
    let page = mount_log(Locale::En, changes()).await;
    assert_eq!(page.text("caption"), "Audit log");
    assert_eq!(page.texts("thead th"), ["When", "Who", "What", "Before", "After"]);
    assert_eq!(page.text("[role=status]"), "Showing 1–5 of 5 changes");
    let rows = rows(&page);
    assert_eq!(
        rows[0],
        [
            vec![EN.time("2026-11-26T09:41:07Z", TimeStyle::Minute).as_str()],
            vec!["Maya Patel"],
            vec!["Two-step verification reset: Sam Okafor"],
            vec!["Set up (SMS verification)"],
            vec!["Not set up"],
        ]
    );
    assert_eq!(rows[1][2], ["Two-step verification reset: Ana Lima"]);
    assert_eq!(rows[1][3], ["Not set up"]);
    assert_eq!(rows[1][4], ["Not set up"]);
    assert_eq!(
        rows[2],
        [
            vec![EN.time(&changes()[2].at, TimeStyle::Minute).as_str()],
            vec!["A former member"],
            vec!["Force two-step verification: Tier 2"],
            vec!["Off"],
            vec!["On"],
        ]
    );
    let time = page.find("tbody time");
    assert_eq!(time.get_attribute("datetime").as_deref(), Some("2026-11-26T09:41:07Z"));
    let utc = time.get_attribute("title").unwrap_or_default();
    assert_eq!(utc, "Nov 26, 2026, 09:41 AM UTC", "UTC on hover, whatever the person's zone");
}

#[wasm_bindgen_test]
async fn a_policy_change_lists_only_the_settings_that_differ() {
    let page = mount_log(Locale::En, changes()).await;
    let rows = rows(&page);
    assert_eq!(rows[3][2], ["Two-step verification policy"]);
    assert_eq!(rows[3][3], ["Technicians: Members of selected technician groups"]);
    assert_eq!(rows[3][4], ["Technicians: All technicians"]);

    assert_eq!(rows[4][2], ["Two-step verification policy", "12 setups reset"]);
    assert_eq!(
        rows[4][3],
        [
            "Administrators: No administrators",
            "Technicians: No technicians",
            "Primary verification method: SMS verification",
        ]
    );
    assert_eq!(
        rows[4][4],
        [
            "Administrators: All administrators",
            "Technicians: Members of selected technician groups",
            "Primary verification method: Email verification",
        ]
    );
}

#[wasm_bindgen_test]
async fn the_log_speaks_french() {
    let page = mount_log(Locale::Fr, changes()).await;
    assert_eq!(page.texts("thead th"), ["Date", "Auteur", "Modification", "Avant", "Après"]);
    let rows = rows(&page);
    assert_eq!(rows[0][3], ["Configurée (Vérification par SMS)"]);
    assert_eq!(rows[2][1], ["Un ancien membre"]);
    assert_eq!(rows[2][4], ["Activé"]);
    assert_eq!(rows[3][4], ["Techniciens\u{a0}: Tous les techniciens"]);
    assert_eq!(rows[4][2][1], "12 configurations réinitialisées");
}

#[wasm_bindgen_test]
async fn an_empty_log_says_no_change_matches() {
    let page = mount_log(Locale::En, vec![]).await;
    assert_eq!(page.text("[role=status]"), "No changes match these filters.");
    assert_eq!(page.root.query_selector_all("tbody tr").unwrap().length(), 0);
}

#[wasm_bindgen_test]
async fn a_members_own_changes_say_what_they_did() {
    let own = |id, change| event(id, "2026-11-27T08:00:00Z", Some(maya()), change);
    let page = mount_log(
        Locale::En,
        vec![
            own(4, AuditChange::PasswordChanged {}),
            own(3, AuditChange::RecoveryCodesRegenerated {}),
            own(2, AuditChange::TwoStepSetUp { method: M::Email, method_before: Some(M::Sms) }),
            own(1, AuditChange::TwoStepSetUp { method: M::Sms, method_before: None }),
        ],
    )
    .await;
    let rows = rows(&page);
    assert_eq!(rows[0][1..3], [vec!["Maya Patel"], vec!["Changed password"]]);
    assert_eq!(rows[1][2], ["Regenerated recovery codes"]);
    assert_eq!(
        rows[2][2..],
        [
            vec!["Changed from SMS verification to Email verification"],
            vec!["Set up (SMS verification)"],
            vec!["Set up (Email verification)"],
        ]
    );
    assert_eq!(
        rows[3][2..],
        [vec!["Set up SMS verification"], vec!["Not set up"], vec!["Set up (SMS verification)"]]
    );
}
