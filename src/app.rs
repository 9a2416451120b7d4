//! The app: its contexts and its router.

use leptos::prelude::*;
use leptos_router::{
    ParamSegment, StaticSegment,
    components::{ParentRoute, Route, Router, Routes},
};

use crate::api::ApiClient;
use crate::components::SkipLink;
use crate::i18n::{browser_locale, provide_locale};
use crate::pages::{
    AdminCenterPage, AuditLogPage, GlobalSettingsPage, GroupMembersPage, GroupSettingsPage,
    HomePage, NotFoundPage, OrganizationHomePage, OrganizationMembersPage, OrganizationPage,
    SignInPage,
};
use crate::routes::segment;
use crate::session::SessionContext;
use crate::unsaved_changes::UnsavedChanges;

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
