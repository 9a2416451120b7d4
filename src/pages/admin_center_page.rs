//! `/organization/*`: the organization root of the Admin Center, around the tab that is open.

use leptos::prelude::*;
use leptos_router::components::Outlet;

use crate::components::{AdminCenterLayout, SectionTabs};
use crate::session::use_session;

/// The organization root: its name, its tabs and the open tab, in the Admin Center's frame.
#[component]
pub fn AdminCenterPage() -> impl IntoView {
    let session = use_session();
    view! {
        <AdminCenterLayout>
            {move || {
                session
                    .session()
                    .map(|signed_in| {
                        view! {
                            <h1>{signed_in.organization.name}</h1>
                            <SectionTabs show_global_settings=signed_in
                                .user
                                .is_master_administrator() />
                        }
                    })
            }}
            <div class="tab-panel">
                <Outlet />
            </div>
        </AdminCenterLayout>
    }
}
