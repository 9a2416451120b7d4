//! The tabs of the selected organization node.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_t;
use crate::routes::AppRoute;

/// The organization's sections as links; each is marked current while open. Renders nothing
/// when the person may open none of them.
#[component]
pub fn SectionTabs(
    /// Whether the person may open Global Settings (master administrators).
    show_global_settings: bool,
) -> impl IntoView {
    let t = use_t();
    show_global_settings.then(|| {
        view! {
            <nav class="section-tabs" aria-label=move || t().organization_sections>
                <ul>
                    <li>
                        <A href=AppRoute::GlobalSettings.path()>{move || t().global_settings}</A>
                    </li>
                </ul>
            </nav>
        }
    })
}
