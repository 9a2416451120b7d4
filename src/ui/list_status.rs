//! The status line above a list.

use leptos::prelude::*;
use twostep_contract::Paging;

use crate::i18n::{Messages, Text, use_t};
use crate::ui::list_query::shown_range;

/// A polite status: which items are shown out of how many, or that none match; "Loading…"
/// only while the first page is read.
///
/// It is one live region that stays in the document and whose text changes, so that screen
/// readers announce each new text. While a newer page is read, the text stays that of the page
/// shown (the list says it is busy), so a reload announces only its outcome.
#[component]
pub fn ListStatus(
    /// Whether a page is being read.
    #[prop(into)]
    busy: Signal<bool>,
    /// The page shown, how many items it holds and how many match over all pages; `None`
    /// when there is no page to show.
    #[prop(into)]
    shown: Signal<Option<(Paging, usize, u64)>>,
    /// "Showing 1–50 of 1,234 …".
    showing: fn(&Messages, u64, u64, u64) -> String,
    /// "No … match these filters."
    none: Text,
) -> impl IntoView {
    let t = use_t();
    let text = move || {
        let t = t();
        match shown.get() {
            None if busy.get() => t.loading.to_owned(),
            None => String::new(),
            Some((_, _, 0)) => none(t).to_owned(),
            Some((paging, items, total)) => match shown_range(paging, items) {
                Some((first, last)) => showing(t, first, last, total),
                None => t.page_past_end.to_owned(),
            },
        }
    };
    view! {
        <p role="status" class="list-status">
            {text}
        </p>
    }
}
