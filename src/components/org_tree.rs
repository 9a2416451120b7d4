//! The organization tree (for now, the organization root only).

use leptos::prelude::*;
use leptos_router::components::A;
use twostep_contract::Organization;

use crate::i18n::tr;
use crate::routes::AppRoute;
use crate::unsaved_changes::UnsavedChanges;

/// The navigation on the left of the Admin Center: the organization root, current when no
/// group is selected. Technician groups join it when the tree arrives.
#[component]
pub fn OrgTree(
    /// The signed-in person's organization.
    organization: Organization,
) -> impl IntoView {
    let unsaved = UnsavedChanges::use_or_detached();
    view! {
        <nav class="org-tree" aria-label=tr(|t| t.organization_tree)>
            <ul>
                <li>
                    <A
                        href=AppRoute::Organization.path()
                        exact=true
                        on:click=move |event| unsaved.guard_link(&event)
                    >
                        {organization.name}
                    </A>
                </li>
            </ul>
        </nav>
    }
}
