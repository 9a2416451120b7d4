//! What went wrong with a request, as an alert.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{Locale, Messages, use_locale, use_t};

/// How an alert words an error in the console's own language.
pub type ErrorText = fn(&Messages, &ApiError) -> String;

/// Says what went wrong and what to do next, in the console's own words and language. When the
/// server explained the error itself (the problem's `detail`), its explanation follows as a
/// smaller, secondary line, and when it named what it refused one by one (the fields of a
/// validation error, the members of a refused reset), each is listed on its own line. Those are
/// the server's words, which the contract writes in English, so they never take the place of
/// the console's message and are shown only while the console speaks English: a person who
/// reads another language sees no English sentence.
#[component]
pub fn ErrorAlert(
    /// Why the request failed.
    error: ApiError,
    /// The alert's element id, for a control that it describes.
    #[prop(optional)]
    id: Option<&'static str>,
    /// The console's message for the error; [`Messages::api_error`] unless a form words some
    /// errors its own way (as signing in does a 401).
    #[prop(optional)]
    text: Option<ErrorText>,
) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let text = text.unwrap_or(Messages::api_error);
    let items: Vec<String> = match &error {
        ApiError::Validation(errors) | ApiError::Forbidden { errors, .. } => {
            errors.iter().map(|error| error.message.clone()).collect()
        }
        _ => Vec::new(),
    };
    let detail = error.detail().map(str::to_owned);
    if items.is_empty() && detail.is_none() {
        return view! { <p role="alert" class="alert" id=id>{move || text(t(), &error)}</p> }
            .into_any();
    }
    // Hidden rather than removed, so the alert keeps one shape in every language.
    let foreign = move || locale.get() != Locale::En;
    let lead = move || match &error {
        // The fields' own messages follow as the list, in English.
        ApiError::Validation(errors) if !errors.is_empty() && !foreign() => {
            t().error_validation.to_owned()
        }
        other => text(t(), other),
    };
    let detail =
        detail.map(|detail| view! { <p class="problem-detail" hidden=foreign>{detail}</p> });
    let items = (!items.is_empty()).then(|| {
        let items = items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view();
        view! { <ul hidden=foreign>{items}</ul> }
    });
    view! {
        <div role="alert" class="alert" id=id>
            <p>{lead}</p>
            {detail}
            {items}
        </div>
    }
    .into_any()
}
