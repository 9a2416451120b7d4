//! The two-step verification policy, read-only.

use leptos::prelude::*;
use twostep_contract::Policy;

use crate::i18n::use_t;

/// The Two-step verification section of Global Settings: who must use it and the primary
/// method, as a description list.
#[component]
pub fn PolicyView(
    /// The policy to show.
    policy: Policy,
) -> impl IntoView {
    let t = use_t();
    let settings = policy.settings;
    let revision = policy.revision;
    view! {
        <section class="policy" aria-labelledby="two-step-heading">
            <h2 id="two-step-heading">{move || t().two_step_heading}</h2>
            <p class="intro">{move || t().two_step_intro}</p>
            <dl class="policy-summary">
                <div>
                    <dt>{move || t().administrators}</dt>
                    <dd>{move || t().administrators_policy(settings.administrators)}</dd>
                </div>
                <div>
                    <dt>{move || t().technicians}</dt>
                    <dd>{move || t().technicians_policy(settings.technicians)}</dd>
                </div>
                <div>
                    <dt>{move || t().primary_method}</dt>
                    <dd>{move || t().primary_method_name(settings.primary_method)}</dd>
                </div>
            </dl>
            <p class="revision">
                <small>{move || (t().revision)(revision)}</small>
            </p>
        </section>
    }
}
