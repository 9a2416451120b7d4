//! Reads of one page of a list, following the query in the tab's address.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;

/// A page of a list read from the server, read again whenever its query changes and on
/// [`ListRead::reload`].
///
/// Unlike [`crate::ui::Read`], the page stays while a newer one is on its way, so a table
/// can keep its rows (marked busy) instead of blinking to a loading status. An answer that
/// comes back after the query changed again is dropped.
///
/// It is built on an effect and a task rather than on a resource: lists are read only here,
/// and this way they add much less to the size of the app.
pub struct ListRead<Q: Send + Sync + 'static, T: Send + Sync + 'static> {
    query: Memo<Q>,
    reloads: RwSignal<u32>,
    answered: RwSignal<Option<(Q, u32)>>,
    page: RwSignal<Option<T>>,
    error: RwSignal<Option<ApiError>>,
}

impl<Q: Send + Sync + 'static, T: Send + Sync + 'static> Clone for ListRead<Q, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Q: Send + Sync + 'static, T: Send + Sync + 'static> Copy for ListRead<Q, T> {}

impl<Q, T> ListRead<Q, T>
where
    Q: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    /// Starts reading the page `query` asks for with `fetch`.
    pub fn new<Fut>(query: Memo<Q>, fetch: impl Fn(Q) -> Fut + 'static) -> ListRead<Q, T>
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let read = ListRead {
            query,
            reloads: RwSignal::new(0),
            answered: RwSignal::new(None),
            page: RwSignal::new(None),
            error: RwSignal::new(None),
        };
        Effect::new(move |_| {
            let wanted = (query.get(), read.reloads.get());
            let answer = fetch(wanted.0.clone());
            spawn_local(async move {
                let answer = answer.await;
                let current = query.try_get_untracked().zip(read.reloads.try_get_untracked());
                if current.as_ref() != Some(&wanted) {
                    return;
                }
                match answer {
                    Ok(page) => {
                        read.page.set(Some(page));
                        read.error.set(None);
                    }
                    Err(error) => {
                        read.page.set(None);
                        read.error.set(Some(error));
                    }
                }
                read.answered.set(Some(wanted));
            });
        });
        read
    }

    /// The latest page read, even while a newer one is being read; `None` before the first
    /// and after a failed read (reactive).
    pub fn page(&self) -> Signal<Option<T>> {
        self.page.into()
    }

    /// Why the latest read failed, if it did (reactive).
    pub fn error(&self) -> Option<ApiError> {
        self.error.get()
    }

    /// Whether the answer for the current query is still on its way (reactive).
    pub fn busy(&self) -> bool {
        let reload = self.reloads.get();
        self.query.with(|query| {
            self.answered.with(|answered| {
                answered.as_ref().is_none_or(|(read, read_at)| read != query || *read_at != reload)
            })
        })
    }

    /// Reads the page again (after a change made from the page).
    pub fn reload(&self) {
        self.reloads.update(|reloads| *reloads += 1);
    }
}
