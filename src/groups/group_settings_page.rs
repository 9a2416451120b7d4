//! `/groups/{id}/settings`: a technician group's Settings tab.

use leptos::prelude::*;
use twostep_contract::TechnicianGroup;

use crate::api::{ApiClient, ApiError};
use crate::groups::group_draft::{GroupDraft, GroupSaveOutcome, GroupSaveRequest};
use crate::groups::{GroupFrame, GroupSettingsForm};
use crate::session::{SessionContext, use_session};
use crate::store::OrgData;

/// A technician group's Settings tab, in the group's frame.
#[component]
pub fn GroupSettingsPage() -> impl IntoView {
    view! { <GroupFrame tab=settings_tab /> }
}

fn settings_tab(group: TechnicianGroup) -> AnyView {
    view! { <GroupSettings group /> }.into_any()
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
