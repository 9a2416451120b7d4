//! The technician groups that force two-step verification, under "Members of selected
//! technician groups".

use leptos::prelude::*;
use twostep_contract::TechnicianGroup;

use crate::api::ApiError;
use crate::i18n::{tr, use_t};
use crate::routes::group_settings_path;
use crate::ui::UnsavedChanges;
use crate::ui::{ErrorAlert, LoadingStatus};

/// Says that two-step verification then applies to the groups whose Settings tab forces it,
/// and lists them with links to their Settings tab, or says that there is none yet.
#[component]
pub fn ForcedGroups(
    /// The organization's technician groups, or `None` while they load.
    #[prop(into)]
    groups: Signal<Option<Result<Vec<TechnicianGroup>, ApiError>>>,
) -> impl IntoView {
    let t = use_t();
    let unsaved = UnsavedChanges::use_or_detached();
    let list = move || match groups.get() {
        None => view! { <LoadingStatus /> }.into_any(),
        Some(Err(error)) => view! { <ErrorAlert error /> }.into_any(),
        Some(Ok(groups)) => {
            let forced: Vec<TechnicianGroup> =
                groups.into_iter().filter(|group| group.force_two_step).collect();
            if forced.is_empty() {
                return view! { <p>{tr(|t| t.no_forced_groups)}</p> }.into_any();
            }
            let items = forced
                .into_iter()
                .map(|group| {
                    let technicians = group.technicians;
                    view! {
                        <li>
                            <a
                                href=group_settings_path(group.id)
                                on:click=move |event| unsaved.guard_link(&event)
                            >
                                {group.name}
                            </a>
                            " — "
                            {move || t().technician_count(technicians)}
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="forced-group-list">{items}</ul> }.into_any()
        }
    };
    view! {
        <div class="forced-groups">
            <p>{tr(|t| t.selected_groups_explanation)}</p>
            {list}
        </div>
    }
}
