//! The two-step verification policy, read-only.

use leptos::prelude::*;
use twostep_contract::Policy;

use crate::components::PolicySummary;
use crate::i18n::{tr, use_t};

/// The Two-step verification section of Global Settings: who must use it and the primary
/// method, as a description list.
#[component]
pub fn PolicyView(
    /// The policy to show.
    policy: Policy,
) -> impl IntoView {
    let t = use_t();
    let revision = policy.revision;
    view! {
        <section class="policy" aria-labelledby="two-step-heading">
            <h2 id="two-step-heading">{tr(|t| t.two_step_heading)}</h2>
            <p class="intro">{tr(|t| t.two_step_intro)}</p>
            <PolicySummary settings=policy.settings />
            <p class="revision">
                <small>{move || (t().revision)(revision)}</small>
            </p>
        </section>
    }
}
