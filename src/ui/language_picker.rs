//! The language picker of the header.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Locale, tr, use_locale, use_t};

/// A labelled `<select>` of the supported languages; choosing one loads its words, then
/// switches every string. While they load the picker says it is busy; when they cannot be
/// loaded it shows the language still in use and an alert says so.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let locale = use_locale();
    let t = use_t();
    let loading = RwSignal::new(false);
    let failed = RwSignal::new(None::<Locale>);
    let choose = move |event: leptos::ev::Event| {
        let select = event_target::<web_sys::HtmlSelectElement>(&event);
        let Some(chosen) = Locale::from_tag(&select.value()) else { return };
        failed.set(None);
        loading.set(true);
        spawn_local(async move {
            let result = locale.choose(chosen).await;
            loading.set(false);
            if result.is_err() {
                // Back to the language still shown.
                select.set_value(locale.get_untracked().tag());
                failed.set(Some(chosen));
            }
        });
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
            <select id="language-picker" on:change=choose aria-busy=move || loading.get().then_some("true")>
                {options}
            </select>
            {move || {
                failed
                    .get()
                    .map(|chosen| {
                        view! {
                            <p role="alert" class="alert">
                                {t().language_unavailable(chosen.native_name())}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
