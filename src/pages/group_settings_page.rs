//! `/groups/{id}/settings`: a technician group's Settings tab (read-only for now).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use twostep_contract::TechnicianGroup;

use crate::api::{ApiClient, ApiError};
use crate::components::{AdminCenterLayout, LoadError, LoadingStatus};
use crate::i18n::{tr, use_t};
use crate::read::Read;
use crate::routes::segment;

/// The group's name, its description and whether it forces two-step verification, in the
/// Admin Center's frame.
#[component]
pub fn GroupSettingsPage() -> impl IntoView {
    view! {
        <AdminCenterLayout>
            <GroupSettings />
        </AdminCenterLayout>
    }
}

/// Reads the group named in the address and shows it, its loading status, or why it could not
/// be read.
#[component]
fn GroupSettings() -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let params = use_params_map();
    let group_id = Memo::new(move |_| {
        params.with(|params| params.get(segment::GROUP_ID)).and_then(|id| id.parse::<i64>().ok())
    });
    let group = Read::new(move || {
        let client = client.clone();
        let id = group_id.get();
        async move {
            match id {
                Some(id) => client.get_technician_group(id).await,
                None => Err(ApiError::NotFound(ApiError::stand_in_problem(404, "Not Found"))),
            }
        }
    });
    move || match group.get() {
        None => view! { <LoadingStatus /> }.into_any(),
        Some(Ok(group)) => view! { <GroupDetails group /> }.into_any(),
        Some(Err(ApiError::NotFound(_))) => view! {
            <h1>{tr(|t| t.technician_group)}</h1>
            <p role="alert" class="alert">
                {tr(|t| t.group_not_found)}
            </p>
        }
        .into_any(),
        Some(Err(error)) => view! {
            <h1>{tr(|t| t.technician_group)}</h1>
            <LoadError error on_retry=move |()| group.retry() />
        }
        .into_any(),
    }
}

/// What the group's Settings tab shows for now.
#[component]
fn GroupDetails(
    /// The group to show.
    group: TechnicianGroup,
) -> impl IntoView {
    let t = use_t();
    let forced = group.force_two_step;
    let description = (!group.description.is_empty())
        .then(|| view! { <p class="group-description">{group.description}</p> });
    view! {
        <h1>{group.name}</h1>
        {description}
        <p class="group-force-two-step">{move || (t().force_two_step_state)(forced)}</p>
    }
}
