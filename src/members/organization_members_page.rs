//! `/organization/members`: the organization root's Members tab.

use leptos::prelude::*;

use crate::members::MembersTab;

/// Every member the person may see: all of the organization for master administrators, the
/// members of their groups and subgroups for administrators.
#[component]
pub fn OrganizationMembersPage() -> impl IntoView {
    view! { <MembersTab group=None /> }
}
