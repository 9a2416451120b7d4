//! `/account`: My account.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{PasswordForm, SignOutEverywhere, TwoStepPanel};
use crate::i18n::tr;
use crate::routes::{landing_route, sees_admin_center};
use crate::session::{Header, SessionPending, SessionState, redirect_when_signed_out, use_session};
use crate::ui::MAIN_ID;

/// My account, for every signed-in person: who they are, a way back to the Admin Center for
/// those who see it, their two-step verification, their password, and signing out everywhere. Without a session, it
/// sends the person to sign in, to come back here.
#[component]
pub fn AccountPage() -> impl IntoView {
    let session = use_session();
    redirect_when_signed_out();
    let step_open = RwSignal::new(false);
    move || match session.state() {
        SessionState::SignedIn(signed_in) => {
            let user = &signed_in.user;
            let admin_center = sees_admin_center(&user.roles).then(|| {
                let landing = landing_route(user.is_master_administrator());
                view! {
                    <p>
                        <A href=landing.path() attr:id="admin-center-link">
                            {tr(|t| t.go_to_admin_center)}
                        </A>
                    </p>
                }
            });
            let who = format!("{} · {}", user.name, user.email);
            view! {
                <Header session=signed_in.clone() />
                <main id=MAIN_ID tabindex="-1" class="narrow-page account-page">
                    <h1>{tr(|t| t.my_account)}</h1>
                    <p class="account-person">{who}</p>
                    {admin_center}
                    <TwoStepPanel step_open />
                    <PasswordForm step_open />
                    <SignOutEverywhere />
                </main>
            }
            .into_any()
        }
        SessionState::Unavailable(error) => view! { <SessionPending error /> }.into_any(),
        SessionState::Checking | SessionState::SignedOut { .. } => {
            view! { <SessionPending /> }.into_any()
        }
    }
}
