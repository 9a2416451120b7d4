//! The "Sign out" button of the header.

use leptos::prelude::*;
use leptos_router::{NavigateOptions, hooks::use_navigate};
use twostep_contract::Session;

use crate::api::{ApiClient, ApiError, SessionClient};
use crate::i18n::tr;
use crate::routes::AppRoute;
use crate::session::use_session;
use crate::ui::{ErrorAlert, UnsavedChanges};

/// Ends the session on the server, then shows the sign-in page; with unsaved changes, asks
/// first.
#[component]
pub fn SignOutButton(
    /// The session to end; its CSRF token goes with the request.
    session: Session,
) -> impl IntoView {
    let session_context = use_session();
    let navigate = use_navigate();
    let unsaved = UnsavedChanges::use_or_detached();
    let client = expect_context::<ApiClient>().bound_to(&session);
    let sign_out = Action::new_local(move |client: &SessionClient| {
        let client = client.clone();
        let navigate = navigate.clone();
        async move {
            match client.sign_out().await {
                Ok(()) | Err(ApiError::Unauthorized { .. }) => {
                    navigate(AppRoute::SignIn.path(), NavigateOptions::default());
                    session_context.signed_out();
                    Ok(())
                }
                Err(error) => Err(error),
            }
        }
    });
    let failure = move || sign_out.value().get().and_then(Result::err);
    view! {
        <button
            type="button"
            class="sign-out"
            disabled=move || sign_out.pending().get()
            on:click=move |_| {
                if unsaved.may_leave() {
                    sign_out.dispatch_local(client.clone());
                }
            }
        >
            {tr(|t| t.sign_out)}
        </button>
        {move || {
            failure().map(|error| view! { <ErrorAlert error /> })
        }}
    }
}
