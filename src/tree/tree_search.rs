//! The search box above the organization tree.

use leptos::prelude::*;

use crate::i18n::tr;

/// The id of the search box, for its label.
const SEARCH_ID: &str = "org-tree-search";

/// "Search groups": reports every change of the text as it is typed; Escape clears it.
#[component]
pub fn TreeSearch(
    /// The text in the box.
    #[prop(into)]
    query: Signal<String>,
    /// Called with the new text at every change.
    #[prop(into)]
    on_change: Callback<String>,
) -> impl IntoView {
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" && !query.with_untracked(String::is_empty) {
            event.prevent_default();
            on_change.run(String::new());
        }
    };
    view! {
        <div class="tree-search">
            <label for=SEARCH_ID>{tr(|t| t.search_groups)}</label>
            <input
                id=SEARCH_ID
                type="search"
                autocomplete="off"
                spellcheck="false"
                prop:value=query
                on:input=move |event| on_change.run(event_target_value(&event))
                on:keydown=on_keydown
            />
        </div>
    }
}
