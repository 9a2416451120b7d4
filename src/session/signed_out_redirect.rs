//! Sends a person who is not signed in to the sign-in page.

use leptos::prelude::*;
use leptos_router::{NavigateOptions, hooks::use_navigate};

use crate::routes::{AppRoute, sign_in_href};
use crate::session::{SessionState, use_session};

/// Whenever the session ends (or was never there), sends the person to the sign-in page, to
/// come back to the current address afterwards. Call it in the pages of signed-in people.
pub fn redirect_when_signed_out() {
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
}
