//! Any address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::tr;
use crate::routes::AppRoute;
use crate::session::Header;
use crate::ui::MAIN_ID;

/// "Page not found", with a way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Header />
        <main id=MAIN_ID tabindex="-1" class="narrow-page">
            <h1>{tr(|t| t.not_found_heading)}</h1>
            <p>{tr(|t| t.not_found_text)}</p>
            <p>
                <A href=AppRoute::Home.path()>{tr(|t| t.go_to_admin_center)}</A>
            </p>
        </main>
    }
}
