//! My account's "Sign out everywhere".

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::api::ApiError;
use crate::i18n::tr;
use crate::routes::AppRoute;
use crate::session::use_session;
use crate::store::call;
use crate::ui::{ConfirmDialog, ErrorAlert};

/// What signing out everywhere does, and "Sign out everywhere"
/// (`#account-sign-out-everywhere`), which asks for confirmation, then ends every session of
/// the person (this one included) and shows the sign-in page, which says so. A failure shows
/// under the button, and the person stays signed in.
#[component]
pub fn SignOutEverywhere() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);

    let answer = move |confirmed: bool| {
        if !confirmed {
            asking.set(false);
            return;
        }
        busy.set(true);
        failure.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            // A 401 ends the session in `call` already: signed out either way.
            let answer =
                call(session, |client| async move { client.sign_out_everywhere().await }).await;
            busy.set(false);
            asking.set(false);
            match answer {
                Ok(()) => {
                    navigate(AppRoute::SignIn.path(), NavigateOptions::default());
                    session.signed_out_everywhere();
                }
                Err(ApiError::Unauthorized { .. }) => {}
                Err(error) => failure.set(Some(error)),
            }
        });
    };

    view! {
        <section class="account-section" aria-labelledby="account-sessions-heading">
            <h2 id="account-sessions-heading">{tr(|t| t.sessions_heading)}</h2>
            <p id="account-sessions-text">{tr(|t| t.sessions_text)}</p>
            {move || failure.get().map(|error| view! { <ErrorAlert error /> })}
            <div class="form-actions">
                <button
                    type="button"
                    id="account-sign-out-everywhere"
                    aria-describedby="account-sessions-text"
                    disabled=move || busy.get()
                    on:click=move |_| {
                        failure.set(None);
                        asking.set(true);
                    }
                >
                    {tr(|t| t.sign_out_everywhere)}
                </button>
            </div>
            <ConfirmDialog
                open=asking
                title_id="sign-out-everywhere-title"
                title=|t| t.sign_out_everywhere_title
                confirm=|t| t.sign_out_everywhere
                busy
                busy_text=|t| t.signing_out
                on_answer=answer
            >
                <p>{tr(|t| t.sign_out_everywhere_text)}</p>
            </ConfirmDialog>
        </section>
    }
}
