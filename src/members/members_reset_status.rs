//! What the latest members reset said.

use leptos::{html, prelude::*};

use crate::i18n::use_t;
use crate::members::members_reset_dialog::ResetOutcome;
use crate::ui::ErrorAlert;

/// How many members the latest reset reset, or why it failed; it takes the focus when the
/// dialog closes after a reset.
///
/// The status stays in the document, empty until a reset succeeds, so that its text is
/// announced when it appears; a failure is an alert, announced as it is inserted.
#[component]
pub fn MembersResetStatus(
    /// The outcome of the latest reset, if it is still current.
    outcome: RwSignal<Option<ResetOutcome>>,
    /// The box that takes the focus.
    outcome_box: NodeRef<html::Div>,
) -> impl IntoView {
    let t = use_t();
    let done = move || {
        outcome.with(|outcome| match outcome {
            Some(Ok(done)) => Some(t().members_reset_done(done.reset)),
            _ => None,
        })
    };
    let failure = move || match outcome.get() {
        Some(Err(error)) => Some(view! { <ErrorAlert error /> }),
        _ => None,
    };
    view! {
        <div class="reset-outcome" tabindex="-1" node_ref=outcome_box>
            <p role="status" class="reset-status" class:success=move || done().is_some()>
                {move || done().unwrap_or_default()}
            </p>
            {failure}
        </div>
    }
}
