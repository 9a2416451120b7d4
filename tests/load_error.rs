#![cfg(target_arch = "wasm32")]
//! A failed read says what happened, and "Try again" repeats it.

#![warn(missing_docs)]

mod support;

use leptos::prelude::*;
use support::{mount_in, settle};
use twostep_admin::api::ApiError;
use twostep_admin::i18n::Locale;
use twostep_admin::ui::LoadError;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn try_again_repeats_the_read() {
    let retries = RwSignal::new(0);
    let page = mount_in(Locale::En, move || {
        view! {
            <LoadError
                error=ApiError::Network("offline".into())
                on_retry=move |()| retries.update(|count| *count += 1)
            />
        }
    });
    settle().await;
    assert_eq!(
        page.text("[role=alert]"),
        "Twostep Admin cannot reach the server. Check your connection and try again."
    );
    let try_again = page.button("Try again").expect("a Try again button");
    try_again.click();
    settle().await;
    assert_eq!(retries.get_untracked(), 1);
    try_again.click();
    settle().await;
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
async fn a_refusal_says_so_with_the_server_detail_under_it_and_without_try_again() {
    let page = mount_in(Locale::En, || {
        view! {
            <LoadError
                error={ApiError::Forbidden {
                    detail: Some("Technicians cannot read the policy.".into()),
                    errors: vec![],
                }}
                on_retry=|()| {}
            />
        }
    });
    settle().await;
    assert_eq!(
        page.text("[role=alert] p"),
        "You are not allowed to do this. Ask a master administrator if you need access."
    );
    assert_eq!(page.text("[role=alert] .problem-detail"), "Technicians cannot read the policy.");
    assert!(page.button("Try again").is_none());
}

#[wasm_bindgen_test]
async fn the_french_message_and_button_are_translated() {
    let page = mount_in(Locale::Fr, || {
        view! { <LoadError error=ApiError::Network("offline".into()) on_retry=|()| {} /> }
    });
    settle().await;
    assert!(
        page.text("[role=alert]")
            .starts_with("Twostep Admin ne parvient pas à joindre le serveur.")
    );
    assert!(page.button("Réessayer").is_some());
}
