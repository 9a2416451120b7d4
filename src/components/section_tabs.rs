//! The tabs of the selected organization node.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::tr;
use crate::routes::AppRoute;
use crate::unsaved_changes::UnsavedChanges;

/// The organization's sections as links; each is marked current while open. Renders nothing
/// when the person may open none of them.
#[component]
pub fn SectionTabs(
    /// Whether the person may open Global Settings (master administrators).
    show_global_settings: bool,
) -> impl IntoView {
    let unsaved = UnsavedChanges::use_or_detached();
    show_global_settings.then(|| {
        view! {
            <nav class="section-tabs" aria-label=tr(|t| t.organization_sections)>
                <ul>
                    <li>
                        <A
                            href=AppRoute::GlobalSettings.path()
                            on:click=move |event| unsaved.guard_link(&event)
                        >
                            {tr(|t| t.global_settings)}
                        </A>
                    </li>
                </ul>
            </nav>
        }
    })
}
