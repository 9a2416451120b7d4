//! `/sign-in`.

use leptos::prelude::*;
use leptos_router::{NavigateOptions, components::Redirect, hooks::use_query_map};
use twostep_contract::SignIn;

use crate::api::ApiClient;
use crate::i18n::{Messages, tr};
use crate::routes::{AppRoute, NEXT_PARAM, safe_next};
use crate::session::{Header, SignInForm};
use crate::session::{SessionState, use_session};
use crate::ui::read_view::not_ready;
use crate::ui::{LoadingStatus, MAIN_ID};

/// The sign-in page. Once signed in, it goes to `?next=` (a path of this app) or to `/`; a
/// backend with its own sign-in page gets the browser sent there instead.
#[component]
pub fn SignInPage() -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let session = use_session();
    let query = use_query_map();
    let next = move || {
        let next = query.with(|query| query.get(NEXT_PARAM));
        safe_next(next.as_deref()).unwrap_or(AppRoute::Home.path()).to_owned()
    };

    let sign_in = Action::new_local(move |credentials: &SignIn| {
        let client = client.clone();
        let credentials = credentials.clone();
        async move {
            let signed_in = client.sign_in(&credentials).await?;
            session.signed_in(signed_in);
            Ok(())
        }
    });
    let pending = Signal::derive(move || sign_in.pending().get());
    let failure = Signal::derive(move || sign_in.value().get().and_then(Result::err));

    let retry = Callback::new(move |()| session.retry());
    let content = move || match session.state() {
        SessionState::SignedIn(_) => {
            let options = NavigateOptions { replace: true, ..NavigateOptions::default() };
            view! { <Redirect path=next() options /> }.into_any()
        }
        SessionState::SignedOut { sign_in_url: Some(url) } => {
            // The backend signs people in on its own page.
            let _ = window().location().assign(&url);
            let redirecting: fn(&Messages) -> &'static str = |t| t.redirecting_to_sign_in;
            view! { <LoadingStatus text=redirecting /> }.into_any()
        }
        SessionState::SignedOut { sign_in_url: None } => view! {
            <SignInForm
                on_submit=move |credentials| {
                    sign_in.dispatch_local(credentials);
                }
                pending
                failure
            />
        }
        .into_any(),
        SessionState::Checking => not_ready(None, retry),
        SessionState::Unavailable(error) => not_ready(Some(error), retry),
    };

    view! {
        <Header />
        <main id=MAIN_ID tabindex="-1" class="narrow-page">
            <h1>{tr(|t| t.sign_in_heading)}</h1>
            {content}
        </main>
    }
}
