//! `/organization`: the organization root, no tab chosen.

use leptos::prelude::*;

use crate::i18n::tr;

/// The content of the organization root: an invitation to pick a group in the tree.
#[component]
pub fn OrganizationHomePage() -> impl IntoView {
    view! { <p class="hint">{tr(|t| t.select_group_hint)}</p> }
}
