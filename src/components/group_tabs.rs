//! The tabs of a selected technician group.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::tr;
use crate::routes::group_settings_path;
use crate::unsaved_changes::UnsavedChanges;

/// The group's sections as links; each is marked current while open.
#[component]
pub fn GroupTabs(
    /// The group's id.
    group_id: i64,
) -> impl IntoView {
    let unsaved = UnsavedChanges::use_or_detached();
    view! {
        <nav class="section-tabs" aria-label=tr(|t| t.group_sections)>
            <ul>
                <li>
                    <A
                        href=group_settings_path(group_id)
                        on:click=move |event| unsaved.guard_link(&event)
                    >
                        {tr(|t| t.settings_tab)}
                    </A>
                </li>
            </ul>
        </nav>
    }
}
