//! `/organization/*`: the Admin Center, around the tab that is open.

use leptos::prelude::*;
use leptos_router::{NavigateOptions, components::Outlet, hooks::use_navigate};

use crate::components::{Header, LoadError, LoadingStatus, MAIN_ID, OrgTree, SectionTabs};
use crate::routes::{AppRoute, sign_in_href};
use crate::session::{SessionState, use_session};

/// The Admin Center: the header, the organization tree on the left, and on the right the
/// organization's name, its tabs and the open tab. Without a session, it sends the person to
/// the sign-in page, to come back here afterwards.
#[component]
pub fn AdminCenterPage() -> impl IntoView {
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
            let is_master = signed_in.user.is_master_administrator();
            let organization = signed_in.organization.clone();
            view! {
                <Header session=signed_in />
                <div class="admin-center">
                    <OrgTree organization=organization.clone() />
                    <main id=MAIN_ID tabindex="-1" class="admin-content">
                        <h1>{organization.name}</h1>
                        <SectionTabs show_global_settings=is_master />
                        <div class="tab-panel">
                            <Outlet />
                        </div>
                    </main>
                </div>
            }
            .into_any()
        }
        SessionState::Unavailable(error) => view! {
            <Header />
            <main id=MAIN_ID tabindex="-1">
                <LoadError error on_retry=move |()| session.retry() />
            </main>
        }
        .into_any(),
        SessionState::Checking | SessionState::SignedOut { .. } => view! {
            <Header />
            <main id=MAIN_ID tabindex="-1">
                <LoadingStatus />
            </main>
        }
        .into_any(),
    }
}
