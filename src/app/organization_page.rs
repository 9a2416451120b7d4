//! `/organization/*`: the organization root, around the tab that is open.

use leptos::prelude::*;
use leptos_router::components::Outlet;

use super::SectionTabs;
use crate::session::use_session;

/// The organization root: its name, its tabs and the open tab.
#[component]
pub fn OrganizationPage() -> impl IntoView {
    let session = use_session();
    view! {
        {move || {
            session
                .session()
                .map(|signed_in| {
                    view! {
                        <h1>{signed_in.organization.name}</h1>
                        <SectionTabs is_master_administrator=signed_in
                            .user
                            .is_master_administrator() />
                    }
                })
        }}
        <div class="tab-panel">
            <Outlet />
        </div>
    }
}
