//! What a failed read shows instead of its content.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{Messages, tr};
use crate::ui::{ErrorAlert, LoadingStatus};

/// Says why a read failed and, when repeating it may help, offers "Try again".
///
/// A 401 is not shown: the session watched the call and has ended, and the signed-in pages
/// send the person to the sign-in page.
#[component]
pub fn LoadError(
    /// Why the read failed.
    error: ApiError,
    /// Repeats the read.
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    if let ApiError::Unauthorized { .. } = error {
        let redirecting: fn(&Messages) -> &'static str = |t| t.redirecting_to_sign_in;
        return view! { <LoadingStatus text=redirecting /> }.into_any();
    }
    let offer_retry = error.is_transient() || matches!(error, ApiError::Unexpected(_));
    view! {
        <div class="load-error">
            <ErrorAlert error=error.clone() />
            {offer_retry
                .then(|| {
                    view! {
                        <button type="button" on:click=move |_| on_retry.run(())>
                            {tr(|t| t.try_again)}
                        </button>
                    }
                })}
        </div>
    }
    .into_any()
}
