//! `/sign-in`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::{NavigateOptions, components::Redirect, hooks::use_query_map};
use twostep_contract::{PendingSecondStep, SignIn};

use crate::api::{ApiClient, ApiError, OrSecondStep};
use crate::i18n::{Messages, tr};
use crate::routes::{AppRoute, NEXT_PARAM, safe_next};
use crate::second_step::PendingStep;
use crate::session::{Header, SignInForm};
use crate::session::{SessionState, use_session};
use crate::ui::read_view::not_ready;
use crate::ui::{LoadingStatus, MAIN_ID, focus_by_id};

/// The sign-in page. Once signed in, it goes to `?next=` (a path of this app) or to `/`; a
/// backend with its own sign-in page gets the browser sent there instead.
///
/// A member who must use two-step verification takes the second step on the same page, after
/// the password; a pending second step (after a reload) resumes where it was.
#[component]
pub fn SignInPage() -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let session = use_session();
    let query = use_query_map();
    let next = move || {
        let next = query.with(|query| query.get(NEXT_PARAM));
        safe_next(next.as_deref()).unwrap_or(AppRoute::Home.path()).to_owned()
    };
    let pending = RwSignal::new(None::<PendingSecondStep>);
    // Why the last second step ended, shown on the password form.
    let ended = RwSignal::new(None::<ApiError>);

    let sign_in = Action::new_local({
        let client = client.clone();
        move |credentials: &SignIn| {
            let client = client.clone();
            let credentials = credentials.clone();
            async move {
                match client.sign_in(&credentials).await? {
                    OrSecondStep::Done(signed_in) => session.signed_in(signed_in),
                    OrSecondStep::SecondStep(step) => pending.set(Some(step)),
                }
                Ok(())
            }
        }
    });
    let signing_in = Signal::derive(move || sign_in.pending().get());
    let failure =
        Signal::derive(move || ended.get().or_else(|| sign_in.value().get().and_then(Result::err)));

    // Not signed in: a second step may be pending from before a reload.
    Effect::new({
        let client = client.clone();
        move |asked: Option<bool>| {
            if asked == Some(true) {
                return true;
            }
            if !matches!(session.state(), SessionState::SignedOut { sign_in_url: None }) {
                return false;
            }
            let client = client.clone();
            spawn_local(async move {
                // Unless the password was sent meanwhile, or the page left (`None`).
                if let Ok(step) = client.get_second_step().await
                    && pending.try_with_untracked(Option::is_none) == Some(true)
                {
                    pending.set(Some(step));
                }
            });
            true
        }
    });

    let back_to_password = move |why: Option<ApiError>| {
        sign_in.value().set(None);
        ended.set(why);
        pending.set(None);
        request_animation_frame(|| focus_by_id("sign-in-email"));
    };
    let second_step = move |step: PendingSecondStep| {
        view! {
            <PendingStep
                step
                verify_heading=|t| t.second_step_verify_heading
                on_finished=move |opened| {
                    if let Some(signed_in) = opened {
                        session.signed_in(signed_in);
                    }
                }
                on_ended=move |why| back_to_password(Some(why))
                on_cancel=move |()| back_to_password(None)
            />
        }
    };

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
        SessionState::SignedOut { sign_in_url: None } => match pending.get() {
            Some(step) => second_step(step).into_any(),
            None => view! {
                {move || {
                    session
                        .notice()
                        .map(|notice| {
                            view! {
                                <p role="status" id="sign-in-notice" class="sign-in-notice">
                                    {tr(notice)}
                                </p>
                            }
                        })
                }}
                <SignInForm
                    on_submit=move |credentials| {
                        ended.set(None);
                        sign_in.dispatch_local(credentials);
                    }
                    pending=signing_in
                    failure
                />
            }
            .into_any(),
        },
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
