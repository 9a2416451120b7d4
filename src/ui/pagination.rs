//! The page links under a list.

use leptos::prelude::*;

use crate::i18n::{Text, tr, use_t};

/// "Previous", "Page 2 of 25" and "Next" in a navigation landmark named "Pages". Where there
/// is no page to go to (before the first, after the last), the word is plain text rather than
/// a link. Hidden while there is no page.
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
            <span>{move || { let t = t(); t.page_of(&t.number(page.into()), &t.number(count.into())) }}</span>
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

/// A link to the page at `href`, or the same word as plain text when there is none.
fn page_link(href: Option<String>, text: Text) -> AnyView {
    match href {
        Some(href) => view! { <a href=href>{tr(text)}</a> }.into_any(),
        None => view! { <span class="page-end">{tr(text)}</span> }.into_any(),
    }
}
