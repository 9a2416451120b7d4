//! The impact of the edited policy, shown beside the form.

use leptos::prelude::*;
use twostep_contract::PrimaryMethod;

use crate::i18n::{tr, use_t};
use crate::settings::impact_preview::{ImpactAnswer, ImpactPreview};
use crate::ui::ErrorAlert;

/// What saving the edited settings would do: members in total, required, required but not set
/// up, newly and no longer required; the setups and members a method change resets when the
/// method changes (or the server counts a reset anyway: the warning dialog shows the same
/// `members_reset`); the technicians whose console cannot use email when the method is email.
#[component]
pub fn ImpactPanel(
    /// The preview of the edited settings.
    preview: ImpactPreview,
) -> impl IntoView {
    let t = use_t();
    let figures = move || {
        let t = t();
        preview.answer().map(|ImpactAnswer { candidate, impact, .. }| {
            let mut rows = vec![
                (t.impact_members_total, impact.members_total),
                (t.impact_required, impact.required),
                (t.impact_required_not_enrolled, impact.required_not_enrolled),
                (t.impact_newly_required, impact.newly_required),
                (t.impact_no_longer_required, impact.no_longer_required),
            ];
            if impact.method_changes || impact.members_reset > 0 || impact.enrollments_reset > 0 {
                rows.push((t.impact_enrollments_reset, impact.enrollments_reset));
                rows.push((t.impact_members_reset, impact.members_reset));
            }
            if candidate.primary_method == PrimaryMethod::Email {
                rows.push((t.impact_legacy_console, impact.legacy_console_technicians));
            }
            let rows = rows
                .into_iter()
                .map(|(label, count)| {
                    view! {
                        <div>
                            <dt>{label}</dt>
                            <dd>{t.number(count)}</dd>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <dl class="impact-figures" aria-busy=move || preview.is_updating().to_string()>
                    {rows}
                </dl>
            }
        })
    };
    view! {
        <section class="impact-panel" aria-labelledby="impact-heading">
            <h3 id="impact-heading">{tr(|t| t.impact_heading)}</h3>
            {move || {
                preview
                    .is_updating()
                    .then(|| {
                        view! {
                            <p role="status" class="loading-status">
                                {tr(|t| t.impact_updating)}
                            </p>
                        }
                    })
            }}
            {move || {
                preview
                    .error()
                    .map(|error| view! { <ErrorAlert error /> })
            }}
            {figures}
        </section>
    }
}
