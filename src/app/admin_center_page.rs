//! The Admin Center: every page of a node of the organization tree opens inside it.

use leptos::prelude::*;
use leptos_router::components::Outlet;

use super::AdminCenterLayout;

/// The Admin Center's frame around the open node's page. It stays while the person moves
/// between nodes, so the tree keeps its state (expanded groups, search, focus).
#[component]
pub fn AdminCenterPage() -> impl IntoView {
    view! {
        <AdminCenterLayout>
            <Outlet />
        </AdminCenterLayout>
    }
}
