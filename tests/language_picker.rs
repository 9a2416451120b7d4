#![cfg(target_arch = "wasm32")]
//! The language picker loads the chosen language's words, then switches every string at once
//! and remembers the choice; words that cannot be loaded change nothing and say so.

#![warn(missing_docs)]

mod support;

use leptos::prelude::*;
use serde_json::json;
use support::backend::{Answer, Backend};
use support::{fire, forget_saved_locale, mount_in, settle, wait_until};
use twostep_admin::i18n::{Locale, STORAGE_KEY, loaded, use_t};
use twostep_admin::ui::LanguagePicker;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlSelectElement;

wasm_bindgen_test_configure!(run_in_browser);

const GERMAN: &str = include_str!("../i18n/de.json");

#[component]
fn PickerWithText() -> impl IntoView {
    let t = use_t();
    view! {
        <LanguagePicker />
        <p class="sample">{move || t().sign_in}</p>
        <p class="count">{move || t().technician_count(1234)}</p>
        <button type="button">{move || t().try_again}</button>
    }
}

fn saved() -> Option<String> {
    window().local_storage().unwrap().unwrap().get_item(STORAGE_KEY).unwrap()
}

fn html_lang() -> Option<String> {
    document().document_element().unwrap().get_attribute("lang")
}

fn choose(page: &support::Mounted, label: &str, tag: &str) -> HtmlSelectElement {
    let select: HtmlSelectElement = page.labelled(label).unchecked_into();
    select.set_value(tag);
    fire(&select, "change");
    select
}

#[wasm_bindgen_test]
async fn choosing_german_fetches_its_words_then_switches_strings_lang_and_storage() {
    forget_saved_locale();
    let backend = Backend::install(|request| match request.path_and_query.as_str() {
        "/i18n/de.json" => Answer::file(200, GERMAN),
        _ => Answer::problem(404, json!({"type": "about:blank", "status": 404})),
    });
    let page = mount_in(Locale::En, || view! { <PickerWithText /> });
    settle().await;
    assert_eq!(page.text("label"), "Language");
    assert_eq!(
        page.texts("option"),
        ["English", "Français", "Italiano", "Deutsch", "Español", "Português", "Nederlands"]
    );
    assert_eq!(page.text(".sample"), "Sign in");
    assert_eq!(page.text(".count"), "1,234 technicians");

    choose(&page, "Language", "de");
    wait_until("the German words", || page.text(".sample"), |text| text == "Anmelden").await;
    assert_eq!(backend.received_at("/i18n/de.json").len(), 1, "fetched once");
    assert_eq!(page.text("label"), "Sprache");
    assert_eq!(page.text(".count"), "1.234 Techniker", "German number and plural");
    assert_eq!(html_lang().as_deref(), Some("de"));
    assert_eq!(saved().as_deref(), Some("de"));

    choose(&page, "Sprache", "en");
    settle().await;
    assert_eq!(page.text(".sample"), "Sign in");
    assert_eq!(html_lang().as_deref(), Some("en"));
    choose(&page, "Language", "de");
    wait_until("German again", || page.text(".sample"), |text| text == "Anmelden").await;
    assert_eq!(backend.received_at("/i18n/de.json").len(), 1, "kept, not fetched again");
    forget_saved_locale();
}

#[wasm_bindgen_test]
async fn words_that_cannot_be_loaded_leave_the_language_and_say_so() {
    forget_saved_locale();
    let _backend = Backend::install(|_| Answer::problem(404, json!({"status": 404})));
    let page = mount_in(Locale::En, || view! { <PickerWithText /> });
    settle().await;

    let select = choose(&page, "Language", "nl");
    wait_until("the alert", || page.text_or_empty("[role=alert]"), |text| !text.is_empty()).await;
    assert_eq!(
        page.text("[role=alert]"),
        "Nederlands could not be loaded. Check your connection, then choose it again."
    );
    assert_eq!(select.value(), "en", "the picker shows the language still in use");
    assert_eq!(page.text(".sample"), "Sign in");
    assert_eq!(html_lang().as_deref(), Some("en"));
    assert_eq!(saved(), None, "a failed choice is not remembered");
    assert!(select.get_attribute("aria-busy").is_none(), "no longer busy");
}

#[wasm_bindgen_test]
async fn the_picker_shows_the_current_locale_selected() {
    let page = mount_in(Locale::Fr, || view! { <LanguagePicker /> });
    settle().await;
    let select: HtmlSelectElement = page.find("select").unchecked_into();
    assert_eq!(select.value(), "fr");
    assert_eq!(page.text("label"), "Langue");
    let languages: Vec<_> =
        page.texts("option").into_iter().zip(Locale::ALL.map(Locale::tag)).collect();
    assert_eq!(languages[5], ("Português".to_owned(), "pt-BR"));
}

#[wasm_bindgen_test]
async fn the_last_choice_wins_over_words_that_arrive_later() {
    forget_saved_locale();
    let backend = Backend::install(|request| match request.path_and_query.as_str() {
        "/i18n/it.json" => Answer::file(200, include_str!("../i18n/it.json")),
        _ => Answer::problem(404, json!({"status": 404})),
    });
    let page = mount_in(Locale::En, || view! { <PickerWithText /> });
    settle().await;
    choose(&page, "Language", "it");
    let select = choose(&page, "Language", "en");
    wait_until("the Italian words", || loaded(Locale::It).is_some(), |done| *done).await;
    settle().await;
    assert_eq!(backend.received_at("/i18n/it.json").len(), 1);
    assert_eq!(page.text(".sample"), "Sign in", "English, chosen last");
    assert_eq!(select.value(), "en");
    assert_eq!(html_lang().as_deref(), Some("en"));
    assert_eq!(saved().as_deref(), Some("en"));
    assert!(select.get_attribute("aria-busy").is_none());
    forget_saved_locale();
}
