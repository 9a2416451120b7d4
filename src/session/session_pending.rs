//! What a page shows while the session is being checked, or when it cannot be read.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::session::Header;
use crate::session::use_session;
use crate::ui::MAIN_ID;
use crate::ui::read_view::not_ready;

/// The header and a main area saying "Loading…", or why the session could not be read with a
/// way to try again.
#[component]
pub fn SessionPending(
    /// Why the session could not be read; `None` while it is being checked.
    #[prop(optional)]
    error: Option<ApiError>,
) -> impl IntoView {
    let session = use_session();
    let content = not_ready(error, Callback::new(move |()| session.retry()));
    view! {
        <Header />
        <main id=MAIN_ID tabindex="-1">
            {content}
        </main>
    }
}
