//! The app: its contexts, its router, and the frame around the features (the Admin Center's
//! layout, the organization root's tabs, the home and not-found pages).
//!
//! It composes every feature; no feature uses it.

mod admin_center_layout;
mod admin_center_page;
mod home_page;
mod not_found_page;
mod organization_home_page;
mod organization_page;
mod section_tabs;

use admin_center_layout::AdminCenterLayout;
use admin_center_page::AdminCenterPage;
use home_page::HomePage;
use not_found_page::NotFoundPage;
use organization_home_page::OrganizationHomePage;
use organization_page::OrganizationPage;
use section_tabs::SectionTabs;

use leptos::prelude::*;
use leptos_router::{
    ParamSegment, StaticSegment,
    components::{ParentRoute, Route, Router, Routes},
};

use crate::account::AccountPage;
use crate::api::ApiClient;
use crate::audit::AuditLogPage;
use crate::groups::{GroupMembersPage, GroupSettingsPage};
use crate::i18n::{browser_locale, provide_locale};
use crate::members::OrganizationMembersPage;
use crate::routes::segment;
use crate::session::SessionContext;
use crate::session::SignInPage;
use crate::settings::GlobalSettingsPage;
use crate::ui::SkipLink;
use crate::ui::UnsavedChanges;

/// The whole app: the locale, the API client, the session and the unsaved-changes guard,
/// shared with every page, and the router.
#[component]
pub fn App(
    /// The client of the backend that `config.json` names.
    client: ApiClient,
) -> impl IntoView {
    provide_locale(browser_locale());
    provide_context(client.clone());
    SessionContext::provide(client);
    UnsavedChanges::provide();
    view! {
        <SkipLink />
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=StaticSegment("") view=HomePage />
                <Route path=StaticSegment(segment::SIGN_IN) view=SignInPage />
                <Route path=StaticSegment(segment::ACCOUNT) view=AccountPage />
                // One frame for every node of the tree, so the tree stays as the person moves.
                <ParentRoute path=StaticSegment("") view=AdminCenterPage>
                    <ParentRoute path=StaticSegment(segment::ORGANIZATION) view=OrganizationPage>
                        <Route path=StaticSegment("") view=OrganizationHomePage />
                        <Route
                            path=StaticSegment(segment::GLOBAL_SETTINGS)
                            view=GlobalSettingsPage
                        />
                        <Route
                            path=StaticSegment(segment::MEMBERS)
                            view=OrganizationMembersPage
                        />
                        <Route path=StaticSegment(segment::AUDIT_LOG) view=AuditLogPage />
                    </ParentRoute>
                    <Route
                        path=(
                            StaticSegment(segment::GROUPS),
                            ParamSegment(segment::GROUP_ID),
                            StaticSegment(segment::SETTINGS),
                        )
                        view=GroupSettingsPage
                    />
                    <Route
                        path=(
                            StaticSegment(segment::GROUPS),
                            ParamSegment(segment::GROUP_ID),
                            StaticSegment(segment::MEMBERS),
                        )
                        view=GroupMembersPage
                    />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
