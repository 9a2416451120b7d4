//! The "Skip to main content" link, first in the tab order.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::tr;

/// The id of every page's `<main>`, which the skip link moves focus to.
pub const MAIN_ID: &str = "main";

/// A link, visible when focused, that moves focus past the header to the page's `<main>`.
#[component]
pub fn SkipLink() -> impl IntoView {
    let skip = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        let main = document().get_element_by_id(MAIN_ID);
        if let Some(main) = main.and_then(|main| main.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = main.focus();
        }
    };
    view! {
        <a class="skip-link" href=format!("#{MAIN_ID}") on:click=skip>
            {tr(|t| t.skip_to_main)}
        </a>
    }
}
