//! The frame of every Admin Center page.

use leptos::prelude::*;
use leptos_router::{NavigateOptions, hooks::use_navigate};

use crate::routes::{AppRoute, sign_in_href};
use crate::session::{Header, SessionPending};
use crate::session::{SessionState, use_session};
use crate::store::OrgStore;
use crate::tree::OrgTreePane;
use crate::ui::MAIN_ID;

/// The header, the organization tree on the left and, on the right, the page's own content.
/// Without a session, it sends the person to the sign-in page, to come back here afterwards.
///
/// It shares the organization's groups and policy ([`OrgStore`]) with the content, read once
/// per session: the pages of the tree's nodes open inside it without reading them again.
#[component]
pub fn AdminCenterLayout(
    /// The page's content, shown once the person is known to be signed in.
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let SessionState::SignedOut { .. } = session.state() {
            let location = window().location();
            let path = location.pathname().unwrap_or_default();
            // Signing out has already moved on to the sign-in page.
            if path.starts_with(AppRoute::SignIn.path()) {
                return;
            }
            let next = format!("{path}{}", location.search().unwrap_or_default());
            let options = NavigateOptions { replace: true, ..NavigateOptions::default() };
            navigate(&sign_in_href(Some(&next)), options);
        }
    });

    move || match session.state() {
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
