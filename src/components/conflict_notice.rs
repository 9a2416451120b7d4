//! What the form shows when someone else saved the policy first.

use leptos::prelude::*;
use twostep_contract::Policy;

use crate::components::PolicySummary;
use crate::i18n::tr;

/// Says that someone else changed the settings meanwhile, that the person's choices are still
/// in the form, and lists the other person's settings.
#[component]
pub fn ConflictNotice(
    /// The policy the other person saved.
    theirs: Policy,
) -> impl IntoView {
    view! {
        <div class="conflict-notice">
            <p role="alert" class="alert">
                {tr(|t| t.policy_changed_meanwhile)}
            </p>
            <PolicySummary settings=theirs.settings />
        </div>
    }
}
