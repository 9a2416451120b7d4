//! Moving the focus to an element named by its id.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Puts the focus on the element whose id is `id`, if it is on the page.
pub fn focus_by_id(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}
