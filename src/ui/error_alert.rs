//! What went wrong with a request, as an alert.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::use_t;

/// Says what went wrong and what to do next. When the server named what it refused one by
/// one (the fields of a validation error, the members of a refused reset), each is listed on
/// its own line under the explanation.
#[component]
pub fn ErrorAlert(
    /// Why the request failed.
    error: ApiError,
) -> impl IntoView {
    let t = use_t();
    let items: Vec<String> = match &error {
        ApiError::Validation(errors) | ApiError::Forbidden { errors, .. } => {
            errors.iter().map(|error| error.message.clone()).collect()
        }
        _ => Vec::new(),
    };
    if items.is_empty() {
        return view! { <p role="alert" class="alert">{move || t().api_error(&error)}</p> }
            .into_any();
    }
    let lead = move || match &error {
        ApiError::Validation(_) => t().error_validation.to_owned(),
        other => t().api_error(other),
    };
    let items = items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view();
    view! {
        <div role="alert" class="alert">
            <p>{lead}</p>
            <ul>{items}</ul>
        </div>
    }
    .into_any()
}
