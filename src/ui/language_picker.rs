//! The language picker of the header.

use leptos::prelude::*;

use crate::i18n::{Locale, tr, use_locale};

/// A labelled `<select>` of the supported languages; choosing one switches every string.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let locale = use_locale();
    let choose = move |event: leptos::ev::Event| {
        if let Some(chosen) = Locale::from_tag(&event_target_value(&event)) {
            locale.set(chosen);
        }
    };
    let options = Locale::ALL.map(|option| {
        view! {
            <option value=option.tag() lang=option.tag() prop:selected=move || locale.get() == option>
                {option.native_name()}
            </option>
        }
    });
    view! {
        <div class="language-picker">
            <label for="language-picker">{tr(|t| t.language)}</label>
            <select id="language-picker" on:change=choose>
                {options}
            </select>
        </div>
    }
}
