//! `/groups/{id}/settings`: a technician group's Settings tab.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use twostep_contract::TechnicianGroup;

use crate::api::{ApiClient, ApiError};
use crate::components::{GroupSettingsForm, GroupTabs, LoadError, LoadingStatus};
use crate::group_draft::{GroupDraft, GroupSaveOutcome, GroupSaveRequest};
use crate::i18n::tr;
use crate::org_data::OrgData;
use crate::read::Read;
use crate::routes::segment;
use crate::session::{SessionContext, use_session};

/// Reads the group named in the address and shows its name, its tabs and its Settings tab,
/// its loading status, or why it could not be read.
#[component]
pub fn GroupSettingsPage() -> impl IntoView {
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
            <div class="tab-panel">
                <GroupSettings group />
            </div>
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

/// Connects the group's Settings form to the server and to the tree.
#[component]
fn GroupSettings(
    /// The group as read.
    group: TechnicianGroup,
) -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let session = use_session();
    let org = use_context::<OrgData>();
    let draft = GroupDraft::new(group);
    let group_id = draft.with_saved(|group| group.id);
    let save = Action::new_local(move |request: &GroupSaveRequest| {
        save_group(client.clone(), session, org, group_id, *request)
    });
    let technicians = match org {
        Some(org) => org.technicians_policy(),
        None => Signal::derive(|| None),
    };
    let link_global_settings =
        untrack(|| session.session()).is_some_and(|session| session.user.is_master_administrator());
    view! { <GroupSettingsForm draft save technicians link_global_settings /> }
}

/// Sends a save and sorts its answer out: after a 412, reads the group again, so the form can
/// show the other person's version. The tree learns the group as the server now holds it.
async fn save_group(
    client: ApiClient,
    session: SessionContext,
    org: Option<OrgData>,
    id: i64,
    request: GroupSaveRequest,
) -> GroupSaveOutcome {
    let failed = |error: ApiError| {
        if let ApiError::Unauthorized { sign_in_url } = &error {
            session.expired(sign_in_url.clone());
        }
        GroupSaveOutcome::Failed(error)
    };
    let Some(signed_in) = untrack(|| session.session()) else {
        return failed(ApiError::Unauthorized { sign_in_url: None });
    };
    let outcome = match client
        .patch_technician_group(id, &request.update, request.revision, &signed_in)
        .await
    {
        Ok(group) => GroupSaveOutcome::Saved(group),
        Err(ApiError::PreconditionFailed(_)) => match client.get_technician_group(id).await {
            Ok(theirs) => GroupSaveOutcome::ChangedMeanwhile(theirs),
            Err(error) => return failed(error),
        },
        Err(error) => return failed(error),
    };
    if let (Some(org), GroupSaveOutcome::Saved(group) | GroupSaveOutcome::ChangedMeanwhile(group)) =
        (org, &outcome)
    {
        org.group_saved(group);
    }
    outcome
}
