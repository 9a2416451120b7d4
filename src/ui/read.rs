//! Reads that can be repeated, with a loading state that also covers the repeats.

use std::future::Future;

use leptos::prelude::*;

/// A read from the server (a [`LocalResource`]) that a person can repeat with "Try again".
///
/// While any attempt is in flight, [`Read::get`] answers `None`, so the view shows its loading
/// status again instead of the previous attempt's error.
pub struct Read<T: 'static> {
    attempt: RwSignal<u32>,
    resource: LocalResource<(u32, T)>,
}

impl<T: 'static> Clone for Read<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Read<T> {}

impl<T: Clone + 'static> Read<T> {
    /// Starts the read now; `fetch` runs again at every [`Read::retry`].
    pub fn new<Fut>(fetch: impl Fn() -> Fut + 'static) -> Read<T>
    where
        Fut: Future<Output = T> + 'static,
    {
        let attempt = RwSignal::new(0);
        let resource = LocalResource::new(move || {
            let this_attempt = attempt.get();
            let answer = fetch();
            async move { (this_attempt, answer.await) }
        });
        Read { attempt, resource }
    }

    /// The outcome of the latest attempt, or `None` while it runs (reactive).
    pub fn get(&self) -> Option<T> {
        let current = self.attempt.get();
        self.resource.get().and_then(|(attempt, value)| (attempt == current).then_some(value))
    }

    /// Repeats the read.
    pub fn retry(&self) {
        self.attempt.update(|attempt| *attempt += 1);
    }
}
