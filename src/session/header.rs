//! The banner at the top of every page.

use leptos::prelude::*;
use leptos_router::components::A;
use twostep_contract::Session;

use crate::i18n::tr;
use crate::routes::AppRoute;
use crate::session::SignOutButton;
use crate::ui::LanguagePicker;

/// The product's name, not translated.
pub const PRODUCT_NAME: &str = "Twostep Admin";

/// The page's banner: the product, then, when signed in, the organization, the person and the
/// link to My account, the language picker and, when signed in, "Sign out".
#[component]
pub fn Header(
    /// The signed-in session; `None` on pages shown before signing in.
    #[prop(optional)]
    session: Option<Session>,
) -> impl IntoView {
    let who = session.as_ref().map(|session| {
        view! {
            <span class="organization-name">{session.organization.name.clone()}</span>
            <span class="person-name">{session.user.name.clone()}</span>
            <A href=AppRoute::Account.path() attr:id="my-account-link" attr:class="my-account-link">
                {tr(|t| t.my_account)}
            </A>
        }
    });
    let sign_out = session.map(|session| view! { <SignOutButton session /> });
    view! {
        <header class="app-header">
            <span class="product-name">{PRODUCT_NAME}</span>
            <div class="header-details">
                {who}
                <LanguagePicker />
                {sign_out}
            </div>
        </header>
    }
}
