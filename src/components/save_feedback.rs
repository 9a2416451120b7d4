//! What the policy form says after a save.

use leptos::prelude::*;
use twostep_contract::Policy;

use crate::api::ApiError;
use crate::components::ConflictNotice;
use crate::i18n::{tr, use_t};

/// The result of the latest save, as the form reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveNotice {
    /// The settings were applied.
    Saved,
    /// Someone else saved first; their policy.
    ChangedMeanwhile(Policy),
    /// The save failed.
    Failed(ApiError),
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
) -> impl IntoView {
    let container = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(element) = container.get() {
            let _ = element.focus();
        }
    });
    view! {
        <div class="save-feedback" tabindex="-1" node_ref=container>
            {feedback(notice)}
        </div>
    }
}

fn feedback(notice: SaveNotice) -> AnyView {
    let t = use_t();
    match notice {
        SaveNotice::Saved => view! {
            <p role="status" class="success">
                {tr(|t| t.settings_applied)}
            </p>
        }
        .into_any(),
        SaveNotice::ChangedMeanwhile(theirs) => view! { <ConflictNotice theirs /> }.into_any(),
        SaveNotice::Failed(ApiError::Validation(errors)) if !errors.is_empty() => {
            let items =
                errors.into_iter().map(|error| view! { <li>{error.message}</li> }).collect_view();
            view! {
                <div role="alert" class="alert">
                    <p>{tr(|t| t.error_validation)}</p>
                    <ul>{items}</ul>
                </div>
            }
            .into_any()
        }
        SaveNotice::Failed(error) => {
            view! { <p role="alert" class="alert">{move || t().api_error(&error)}</p> }.into_any()
        }
    }
}
