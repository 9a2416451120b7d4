//! The header of a sortable column of the members table.

use leptos::prelude::*;
use twostep_contract::{MemberSort, MemberSortKey};

use crate::i18n::{Text, tr};
use crate::members::member_query::sort_by;

/// A column header that says whether the list is sorted by it (`aria-sort`) and holds a button
/// named after the column: a click sorts by the column, a second click reverses the order.
#[component]
pub fn SortHeader(
    /// The column's name.
    name: Text,
    /// What the column sorts by.
    key: MemberSortKey,
    /// The order of the list.
    sort: Signal<MemberSort>,
    /// Called with the order a click asks for.
    on_sort: Callback<MemberSort>,
) -> impl IntoView {
    let aria_sort = move || match sort.get() {
        current if current.key != key => "none",
        current if current.descending => "descending",
        _ => "ascending",
    };
    view! {
        <th scope="col" aria-sort=aria_sort>
            <button
                type="button"
                class="sort"
                on:click=move |_| on_sort.run(sort_by(sort.get_untracked(), key))
            >
                {tr(name)}
            </button>
        </th>
    }
}
