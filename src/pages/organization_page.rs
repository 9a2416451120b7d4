//! `/organization`: the organization root, no tab chosen.

use leptos::prelude::*;

use crate::i18n::use_t;

/// The content of the organization root: an invitation to pick a group in the tree.
#[component]
pub fn OrganizationPage() -> impl IntoView {
    let t = use_t();
    view! { <p class="hint">{move || t().select_group_hint}</p> }
}
