//! The frame of every Admin Center page.

use leptos::prelude::*;
use leptos_router::{NavigateOptions, components::Redirect};

use crate::routes::{AppRoute, sees_admin_center};
use crate::session::{Header, SessionPending, redirect_when_signed_out};
use crate::session::{SessionState, use_session};
use crate::store::OrgStore;
use crate::tree::OrgTreePane;
use crate::ui::MAIN_ID;

/// The header, the organization tree on the left and, on the right, the page's own content.
/// Without a session, it sends the person to the sign-in page, to come back here afterwards;
/// a person who sees no Admin Center (a technician) goes to My account.
///
/// It shares the organization's groups and policy ([`OrgStore`]) with the content, read once
/// per session: the pages of the tree's nodes open inside it without reading them again.
#[component]
pub fn AdminCenterLayout(
    /// The page's content, shown once the person is known to be signed in.
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    redirect_when_signed_out();

    move || match session.state() {
        SessionState::SignedIn(signed_in) if !sees_admin_center(&signed_in.user.roles) => {
            let options = NavigateOptions { replace: true, ..NavigateOptions::default() };
            view! { <Redirect path=AppRoute::Account.path() options /> }.into_any()
        }
        SessionState::SignedIn(signed_in) => {
            OrgStore::provide(session);
            let is_master_administrator = signed_in.user.is_master_administrator();
            view! {
                <Header session=signed_in.clone() />
                <div class="admin-center">
                    <OrgTreePane organization=signed_in.organization.name is_master_administrator />
                    <main id=MAIN_ID tabindex="-1" class="admin-content">
                        {children()}
                    </main>
                </div>
            }
            .into_any()
        }
        SessionState::Unavailable(error) => view! { <SessionPending error /> }.into_any(),
        SessionState::Checking | SessionState::SignedOut { .. } => {
            view! { <SessionPending /> }.into_any()
        }
    }
}
