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
#[component]
pub fn SaveFeedback(
    /// What to report.
    notice: SaveNotice,
) -> impl IntoView {
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
