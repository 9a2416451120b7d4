//! The page links under a list.

use leptos::prelude::*;

use crate::i18n::{Text, tr, use_t};

/// "Previous", "Page 2 of 25" and "Next" in a navigation landmark named "Pages". A link that
/// would lead past either end has no address and says it is disabled. Hidden while there is
/// no page.
#[component]
pub fn Pagination(
    /// The page shown, from 1, and how many pages there are; `None` while there is no page.
    #[prop(into)]
    pages: Signal<Option<(u32, u32)>>,
    /// The address of a page.
    #[prop(into)]
    href: Callback<u32, String>,
) -> impl IntoView {
    let t = use_t();
    let links = move || {
        let (page, count) = pages.get().unwrap_or((1, 1));
        let previous = (page > 1).then(|| href.run(page.saturating_sub(1).min(count)));
        let next = (page < count).then(|| href.run(page + 1));
        view! {
            {page_link(previous, |t| t.previous)}
            <span>{move || (t().page_of)(page, count)}</span>
            {page_link(next, |t| t.next)}
        }
    };
    view! {
        <nav
            class="pagination"
            aria-label=tr(|t| t.pages)
            hidden=move || pages.with(Option::is_none)
        >
            {links}
        </nav>
    }
}

fn page_link(href: Option<String>, text: Text) -> impl IntoView {
    let disabled = href.is_none().then_some("true");
    view! {
        <a href=href aria-disabled=disabled>
            {tr(text)}
        </a>
    }
}
