//! `/`: sends the person where they belong.

use leptos::prelude::*;
use leptos_router::{NavigateOptions, components::Redirect};

use crate::routes::{AppRoute, home_route};
use crate::session::SessionPending;
use crate::session::{SessionState, use_session};

/// Redirects to the landing page of a signed-in person (My account for those who see no Admin
/// Center), or to the sign-in page.
#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    let replace = || NavigateOptions { replace: true, ..NavigateOptions::default() };
    move || match session.state() {
        SessionState::SignedIn(signed_in) => {
            let landing = home_route(&signed_in.user.roles);
            view! { <Redirect path=landing.path() options=replace() /> }.into_any()
        }
        SessionState::SignedOut { .. } => {
            view! { <Redirect path=AppRoute::SignIn.path() options=replace() /> }.into_any()
        }
        SessionState::Checking => view! { <SessionPending /> }.into_any(),
        SessionState::Unavailable(error) => view! { <SessionPending error /> }.into_any(),
    }
}
