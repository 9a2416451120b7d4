//! `/organization/global-settings`: the Global Settings tab.

use leptos::prelude::*;

use crate::api::ApiClient;
use crate::components::{LoadError, LoadingStatus, PolicyView};
use crate::i18n::use_t;
use crate::read::Read;
use crate::session::use_session;

/// Global Settings: the two-step verification policy, read-only. Master administrators only;
/// others are told so, and nothing is requested.
#[component]
pub fn GlobalSettingsPage() -> impl IntoView {
    let t = use_t();
    let session = use_session();
    move || {
        let may_see =
            session.session().is_some_and(|session| session.user.is_master_administrator());
        if may_see {
            view! { <TwoStepPolicy /> }.into_any()
        } else {
            view! { <p class="hint">{move || t().global_settings_master_only}</p> }.into_any()
        }
    }
}

/// Reads the policy and shows it, its loading status, or why it could not be read.
#[component]
fn TwoStepPolicy() -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let policy = Read::new(move || {
        let client = client.clone();
        async move { client.get_policy().await }
    });
    move || match policy.get() {
        None => view! { <LoadingStatus /> }.into_any(),
        Some(Ok(policy)) => view! { <PolicyView policy /> }.into_any(),
        Some(Err(error)) => {
            view! { <LoadError error on_retry=move |()| policy.retry() /> }.into_any()
        }
    }
}
