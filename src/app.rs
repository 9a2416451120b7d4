//! The app: its contexts and its router.

use leptos::prelude::*;
use leptos_router::{
    StaticSegment,
    components::{ParentRoute, Route, Router, Routes},
};

use crate::api::ApiClient;
use crate::components::SkipLink;
use crate::i18n::{browser_locale, provide_locale};
use crate::pages::{
    AdminCenterPage, GlobalSettingsPage, HomePage, NotFoundPage, OrganizationPage, SignInPage,
};
use crate::routes::segment;
use crate::session::SessionContext;

/// The whole app: the locale, the API client and the session, shared with every page, and the
/// router.
#[component]
pub fn App(
    /// The client of the backend that `config.json` names.
    client: ApiClient,
) -> impl IntoView {
    provide_locale(browser_locale());
    provide_context(client.clone());
    SessionContext::provide(client);
    view! {
        <SkipLink />
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=StaticSegment("") view=HomePage />
                <Route path=StaticSegment(segment::SIGN_IN) view=SignInPage />
                <ParentRoute path=StaticSegment(segment::ORGANIZATION) view=AdminCenterPage>
                    <Route path=StaticSegment("") view=OrganizationPage />
                    <Route path=StaticSegment(segment::GLOBAL_SETTINGS) view=GlobalSettingsPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
