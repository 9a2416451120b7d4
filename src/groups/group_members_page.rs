//! `/groups/{id}/members`: a technician group's Members tab.

use leptos::prelude::*;
use twostep_contract::TechnicianGroup;

use crate::groups::GroupFrame;
use crate::members::MembersTab;

/// The members of a technician group and of its subgroups, in the group's frame.
#[component]
pub fn GroupMembersPage() -> impl IntoView {
    view! { <GroupFrame tab=members_tab /> }
}

fn members_tab(group: TechnicianGroup) -> AnyView {
    view! { <MembersTab group=Some(group.id) /> }.into_any()
}
