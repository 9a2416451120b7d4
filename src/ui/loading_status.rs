//! The status shown while something loads.

use leptos::prelude::*;

use crate::i18n::use_t;

/// A polite "Loading…" status; pass `text` for another message.
#[component]
pub fn LoadingStatus(
    /// The message to show instead of "Loading…".
    #[prop(optional)]
    text: Option<fn(&crate::i18n::Messages) -> &'static str>,
) -> impl IntoView {
    let t = use_t();
    let text = text.unwrap_or(|messages| messages.loading);
    view! {
        <p role="status" class="loading-status">
            {move || text(t())}
        </p>
    }
}
