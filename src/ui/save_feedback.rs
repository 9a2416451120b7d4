//! What a settings form says after a save.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{Messages, tr};
use crate::ui::{ConflictNotice, ErrorAlert};

/// The result of the latest save, as a form reports it.
#[derive(Clone)]
pub enum SaveNotice {
    /// The settings were applied.
    Saved,
    /// Someone else saved first; shows what they saved.
    ChangedMeanwhile(ViewFn),
    /// The save failed.
    Failed(ApiError),
}

/// The strings one form's feedback uses.
#[derive(Clone, Copy)]
pub struct SaveTexts {
    /// The status after a successful save.
    pub applied: fn(&Messages) -> &'static str,
    /// The alert after someone else saved first (412).
    pub changed_meanwhile: fn(&Messages) -> &'static str,
}

/// The success status, the conflict notice, or what went wrong (with each refused field of a
/// validation error on its own line).
///
/// Keyboard focus moves to it when it appears: after a save, "Save changes" is disabled and
/// would otherwise drop focus to the page, and the message may be below the fold.
#[component]
pub fn SaveFeedback(
    /// What to report.
    notice: SaveNotice,
    /// The form's own wording of success and conflict.
    texts: SaveTexts,
) -> impl IntoView {
    let container = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(element) = container.get() {
            let _ = element.focus();
        }
    });
    view! {
        <div class="save-feedback" tabindex="-1" node_ref=container>
            {feedback(notice, texts)}
        </div>
    }
}

fn feedback(notice: SaveNotice, texts: SaveTexts) -> AnyView {
    match notice {
        SaveNotice::Saved => view! {
            <p role="status" class="success">
                {tr(texts.applied)}
            </p>
        }
        .into_any(),
        SaveNotice::ChangedMeanwhile(theirs) => {
            view! { <ConflictNotice text=texts.changed_meanwhile theirs /> }.into_any()
        }
        SaveNotice::Failed(error) => view! { <ErrorAlert error /> }.into_any(),
    }
}
