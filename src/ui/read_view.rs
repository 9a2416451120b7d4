//! The one view of a read from the server: loading, failed with a way to try again, or ready.
//!
//! It is a function over the read's state rather than Leptos's `<Transition>` and
//! `<ErrorBoundary>`: the reads of the console are signals that already say "loading" (`None`)
//! and carry the typed [`ApiError`] that decides whether "Try again" is offered, the pages
//! must not rebuild a form when the store's copy changes under it, and the suspense machinery
//! would add to the size of the app for no behaviour the person would see.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::ui::{LoadError, LoadingStatus};

/// `ready` with the value of a read that succeeded; otherwise [`not_ready`].
pub fn read_view<T>(
    state: Option<Result<T, ApiError>>,
    on_retry: Callback<()>,
    ready: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match state {
        Some(Ok(value)) => ready(value),
        Some(Err(error)) => not_ready(Some(error), on_retry),
        None => not_ready(None, on_retry),
    }
}

/// A polite "Loading…" while a read runs (`error` is `None`), or why it failed, with "Try
/// again" (`on_retry`) when repeating it may help.
pub fn not_ready(error: Option<ApiError>, on_retry: Callback<()>) -> AnyView {
    match error {
        None => view! { <LoadingStatus /> }.into_any(),
        Some(error) => view! { <LoadError error on_retry /> }.into_any(),
    }
}

/// Whether a read has answered and how, without its value: a view that follows only this is
/// not built again when the value changes (reactive).
pub fn read_state<T>(state: &Option<Result<T, ApiError>>) -> Option<Result<(), ApiError>> {
    state.as_ref().map(|answer| answer.as_ref().map(|_| ()).map_err(Clone::clone))
}
