//! The banner at the top of every page.

use leptos::prelude::*;
use twostep_contract::Session;

use crate::session::SignOutButton;
use crate::ui::LanguagePicker;

/// The product's name, not translated.
pub const PRODUCT_NAME: &str = "Twostep Admin";

/// The page's banner: the product, then, when signed in, the organization and the person, the
/// language picker and, when signed in, "Sign out".
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
