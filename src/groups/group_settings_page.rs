//! `/groups/{id}/settings`: a technician group's Settings tab.

use leptos::prelude::*;
use twostep_contract::TechnicianGroup;

use crate::groups::group_draft::{GroupDraft, GroupSaveOutcome, GroupSaveRequest};
use crate::groups::{GroupFrame, GroupSettingsForm};
use crate::session::use_session;
use crate::store::{OrgStore, Written, save};

/// A technician group's Settings tab, in the group's frame.
#[component]
pub fn GroupSettingsPage() -> impl IntoView {
    view! { <GroupFrame tab=settings_tab /> }
}

fn settings_tab(group: TechnicianGroup) -> AnyView {
    view! { <GroupSettings group /> }.into_any()
}

/// Connects the group's Settings form to the server and to the store.
#[component]
fn GroupSettings(
    /// The group as read.
    group: TechnicianGroup,
) -> impl IntoView {
    let session = use_session();
    let store = expect_context::<OrgStore>();
    let draft = GroupDraft::new(group);
    let group_id = draft.with_saved(|group| group.id);
    let save =
        Action::new_local(move |request: &GroupSaveRequest| save_group(store, group_id, *request));
    let technicians = store.technicians_policy();
    let link_global_settings =
        untrack(|| session.session()).is_some_and(|session| session.user.is_master_administrator());
    view! { <GroupSettingsForm draft save technicians link_global_settings /> }
}

/// Sends a save through the one save flow and records in the store the group as the server
/// now holds it (saved, or someone else's version after a 412).
async fn save_group(store: OrgStore, id: i64, request: GroupSaveRequest) -> GroupSaveOutcome {
    let written = save(
        store.session(),
        move |client| async move {
            client.patch_technician_group(id, &request.update, request.revision).await
        },
        move |client| async move { client.get_technician_group(id).await },
    )
    .await;
    match written {
        Written::Done(group) => {
            store.group_is(&group);
            GroupSaveOutcome::Saved(group)
        }
        Written::ChangedMeanwhile(theirs) => {
            store.group_is(&theirs);
            GroupSaveOutcome::ChangedMeanwhile(theirs)
        }
        Written::Failed(error) => GroupSaveOutcome::Failed(error),
    }
}
