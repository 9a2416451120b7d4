//! The frame of a technician group's tabs.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use twostep_contract::TechnicianGroup;

use crate::api::{ApiClient, ApiError};
use crate::groups::GroupTabs;
use crate::i18n::tr;
use crate::routes::segment;
use crate::ui::Read;
use crate::ui::{LoadError, LoadingStatus};

/// Reads the group named in the address and shows its name, its tabs and the open tab, its
/// loading status, or why it could not be read.
#[component]
pub fn GroupFrame(
    /// The open tab, for the group as read.
    tab: fn(TechnicianGroup) -> AnyView,
) -> impl IntoView {
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
        Some(Ok(group)) => view! {
            <h1>{group.name.clone()}</h1>
            <GroupTabs group_id=group.id />
            <div class="tab-panel">{tab(group)}</div>
        }
        .into_any(),
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
