#![cfg(target_arch = "wasm32")]
//! Error answers in a backend's own words, as the console shows them: its own message first, in
//! the person's language, and the backend's `detail` only under it, as a secondary line.

#![warn(missing_docs)]

mod support;

use leptos::prelude::*;
use serde_json::json;
use support::backend::{Answer, Backend};
use support::{mount_in, settle};
use twostep_admin::api::{ApiClient, ApiError};
use twostep_admin::i18n::{EN, Locale, Messages};
use twostep_admin::ui::{ErrorAlert, LoadError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn french() -> &'static Messages {
    support::catalog(Locale::Fr)
}

/// What a backend that speaks German explains.
const GERMAN: &str = "Nur Master-Administratoren dürfen die Richtlinie lesen.";

/// The error `GET /two-step-verification/policy` gives when the backend answers `status` with
/// a problem whose `detail` is [`GERMAN`].
async fn refused_with_german_detail(status: u16, kind: &'static str) -> ApiError {
    let _backend = Backend::install(move |_| {
        Answer::problem(
            status,
            json!({"type": kind, "title": "Verboten", "status": status, "detail": GERMAN}),
        )
    });
    ApiClient::new("/api/v1").get_policy().await.expect_err("the backend refuses")
}

#[wasm_bindgen_test]
async fn the_servers_detail_follows_the_consoles_message_in_english_only() {
    let error = refused_with_german_detail(403, "/problems/forbidden").await;
    assert!(matches!(error, ApiError::Forbidden { .. }), "{error:?}");
    assert_eq!(EN.api_error(&error), EN.error_forbidden, "the message is the console's own");

    let shown = error.clone();
    let page = mount_in(Locale::En, move || view! { <ErrorAlert error=shown /> });
    settle().await;
    let alert = page.text("[role=alert]");
    assert!(alert.starts_with(EN.error_forbidden), "the console's message first: {alert:?}");
    assert_eq!(page.text("[role=alert] p"), EN.error_forbidden);
    assert_eq!(page.text("[role=alert] .problem-detail"), GERMAN);

    let page = mount_in(Locale::Fr, move || view! { <ErrorAlert error /> });
    settle().await;
    assert_eq!(page.text("[role=alert] p"), french().error_forbidden);
    assert!(page.find(".problem-detail").hidden(), "no English under French words");
}

#[wasm_bindgen_test]
async fn every_kind_of_refusal_keeps_the_consoles_message_first() {
    for (status, kind) in [
        (404, "/problems/not-found"),
        (409, "/problems/conflict-of-another-kind"),
        (412, "/problems/precondition-failed"),
        (418, "about:blank"),
        (500, "/problems/internal"),
    ] {
        let error = refused_with_german_detail(status, kind).await;
        let own = french().api_error(&error);
        assert!(!own.contains(GERMAN), "{status}: {own:?}");
        let shown = error.clone();
        let page = mount_in(Locale::Fr, move || view! { <ErrorAlert error=shown /> });
        settle().await;
        assert_eq!(page.text("[role=alert] p"), own, "{status}");
        assert!(page.find(".problem-detail").hidden(), "{status}: no server words in French");
    }
}

#[wasm_bindgen_test]
async fn a_failed_read_says_why_in_french_without_the_backends_words() {
    let error = refused_with_german_detail(403, "/problems/forbidden").await;
    let page = mount_in(Locale::Fr, move || view! { <LoadError error on_retry=|()| {} /> });
    settle().await;
    assert_eq!(page.text("[role=alert] p"), french().error_forbidden);
    assert!(page.find(".problem-detail").hidden());
}

#[wasm_bindgen_test]
async fn without_a_detail_the_alert_is_the_consoles_message_alone() {
    let _backend = Backend::install(|_| {
        Answer::problem(
            403,
            json!({"type": "/problems/forbidden", "title": "Forbidden", "status": 403}),
        )
    });
    let error = ApiClient::new("/api/v1").get_policy().await.expect_err("refused");
    let page = mount_in(Locale::En, move || view! { <ErrorAlert error /> });
    settle().await;
    assert_eq!(page.text("[role=alert]"), EN.error_forbidden);
    assert!(page.try_find(".problem-detail").is_none());
}

#[wasm_bindgen_test]
async fn refused_fields_are_listed_in_english_and_summed_up_in_french() {
    let _backend = Backend::install(|_| {
        Answer::problem(
            422,
            json!({"type": "/problems/validation", "title": "Invalid", "status": 422,
                   "errors": [{"field": "administrators", "message": "Choose none or all."}]}),
        )
    });
    let error = ApiClient::new("/api/v1").get_policy().await.expect_err("refused");
    assert!(matches!(error, ApiError::Validation(_)), "{error:?}");
    let shown = error.clone();
    let page = mount_in(Locale::En, move || view! { <ErrorAlert error=shown /> });
    settle().await;
    assert_eq!(
        page.text("[role=alert] p"),
        EN.error_validation,
        "a sentence that leads to the list"
    );
    assert_eq!(page.texts("[role=alert] li"), ["Choose none or all."]);

    let page = mount_in(Locale::Fr, move || view! { <ErrorAlert error /> });
    settle().await;
    assert_eq!(page.text("[role=alert] p"), french().error_not_accepted, "a whole sentence");
    assert!(page.find("[role=alert] ul").hidden(), "no English under French words");
}
