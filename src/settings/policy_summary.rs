//! Policy settings as a description list.

use leptos::prelude::*;
use twostep_contract::PolicySettings;

use crate::i18n::{tr, use_t};

/// Who must use two-step verification and the primary method, labelled as in the form.
#[component]
pub fn PolicySummary(
    /// The settings to show.
    settings: PolicySettings,
) -> impl IntoView {
    let t = use_t();
    view! {
        <dl class="policy-summary">
            <div>
                <dt>{tr(|t| t.administrators)}</dt>
                <dd>{move || t().administrators_policy(settings.administrators)}</dd>
            </div>
            <div>
                <dt>{tr(|t| t.technicians)}</dt>
                <dd>{move || t().technicians_policy(settings.technicians)}</dd>
            </div>
            <div>
                <dt>{tr(|t| t.primary_method)}</dt>
                <dd>{move || t().primary_method_name(settings.primary_method)}</dd>
            </div>
        </dl>
    }
}
