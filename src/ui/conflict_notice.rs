//! What a form shows when someone else saved first.

use leptos::prelude::*;

use crate::i18n::{Messages, tr};

/// Says that someone else changed the settings meanwhile and that the person's choices are
/// still in the form, then shows what the other person saved.
#[component]
pub fn ConflictNotice(
    /// The form's wording of the conflict.
    text: fn(&Messages) -> &'static str,
    /// What the other person saved.
    theirs: ViewFn,
) -> impl IntoView {
    view! {
        <div class="conflict-notice">
            <p role="alert" class="alert">
                {tr(text)}
            </p>
            {theirs.run()}
        </div>
    }
}
