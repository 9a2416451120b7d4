//! The language picker of the header.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{LoadError, Locale, load, tr, use_locale, use_t};

/// A labelled `<select>` of the supported languages; choosing one loads its words, then
/// switches every string. While they load the picker says it is busy; when they cannot be
/// loaded it shows the language still in use and an alert says so. The last choice decides,
/// however long the words of an earlier one take.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let locale = use_locale();
    let t = use_t();
    let loading = RwSignal::new(false);
    // The language that could not be loaded, and whether its words are of another version.
    let failed = RwSignal::new(None::<(Locale, bool)>);
    let latest = StoredValue::new(0_u32);
    let choose = move |event: leptos::ev::Event| {
        let select = event_target::<web_sys::HtmlSelectElement>(&event);
        let Some(chosen) = Locale::from_tag(&select.value()) else { return };
        latest.update_value(|choice| *choice += 1);
        let this_choice = latest.get_value();
        failed.set(None);
        loading.set(true);
        spawn_local(async move {
            let loaded = load(chosen).await;
            if latest.get_value() != this_choice {
                return;
            }
            loading.set(false);
            match loaded {
                Ok(_) => locale.set(chosen),
                Err(error) => {
                    // Back to the language still shown.
                    select.set_value(locale.get_untracked().tag());
                    failed.set(Some((chosen, matches!(error, LoadError::Outdated(_)))));
                }
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
                    .map(|(chosen, outdated)| {
                        let name = chosen.native_name();
                        let text = if outdated {
                            t().language_outdated(name)
                        } else {
                            t().language_unavailable(name)
                        };
                        view! { <p role="alert" class="alert">{text}</p> }
                    })
            }}
        </div>
    }
}
