//! A row of tabs that are links.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Text, tr};
use crate::ui::UnsavedChanges;

/// The tabs as links in a navigation landmark; each is marked current while open. Following
/// one asks first when the open page has unsaved changes.
#[component]
pub fn TabNav(
    /// The landmark's accessible name.
    label: Text,
    /// Each tab's address and name.
    tabs: Vec<(String, Text)>,
) -> impl IntoView {
    let unsaved = UnsavedChanges::use_or_detached();
    let tabs = tabs
        .into_iter()
        .map(|(href, name)| {
            view! {
                <li>
                    <A href=href on:click=move |event| unsaved.guard_link(&event)>
                        {tr(name)}
                    </A>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="section-tabs" aria-label=tr(label)>
            <ul>{tabs}</ul>
        </nav>
    }
}
