#![cfg(target_arch = "wasm32")]
//! The language picker switches every string at once and remembers the choice.

#![warn(missing_docs)]

mod support;

use leptos::prelude::*;
use support::{fire, forget_saved_locale, mount_in, settle};
use twostep_admin::i18n::{Locale, STORAGE_KEY, use_t};
use twostep_admin::ui::LanguagePicker;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlSelectElement;

wasm_bindgen_test_configure!(run_in_browser);

#[component]
fn PickerWithText() -> impl IntoView {
    let t = use_t();
    view! {
        <LanguagePicker />
        <p class="sample">{move || t().sign_in}</p>
        <button type="button">{move || t().try_again}</button>
    }
}

#[wasm_bindgen_test]
async fn choosing_french_switches_strings_lang_and_storage() {
    forget_saved_locale();
    let page = mount_in(Locale::En, || view! { <PickerWithText /> });
    settle().await;
    assert_eq!(page.text("label"), "Language");
    assert_eq!(page.texts("option"), ["English", "Français"]);
    assert_eq!(page.text(".sample"), "Sign in");

    let select: HtmlSelectElement = page.labelled("Language").unchecked_into();
    assert_eq!(select.value(), "en");
    select.set_value("fr");
    fire(&select, "change");
    settle().await;

    assert_eq!(page.text(".sample"), "Se connecter");
    assert!(page.button("Réessayer").is_some());
    assert_eq!(page.text("label"), "Langue");
    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("fr"));
    let storage = window().local_storage().unwrap().unwrap();
    assert_eq!(storage.get_item(STORAGE_KEY).unwrap().as_deref(), Some("fr"));

    let select: HtmlSelectElement = page.labelled("Langue").unchecked_into();
    select.set_value("en");
    fire(&select, "change");
    settle().await;
    assert_eq!(page.text(".sample"), "Sign in");
    assert_eq!(html.get_attribute("lang").as_deref(), Some("en"));
    forget_saved_locale();
}

#[wasm_bindgen_test]
async fn the_picker_shows_the_current_locale_selected() {
    let page = mount_in(Locale::Fr, || view! { <LanguagePicker /> });
    settle().await;
    let select: HtmlSelectElement = page.find("select").unchecked_into();
    assert_eq!(select.value(), "fr");
    assert_eq!(page.text("label"), "Langue");
}
