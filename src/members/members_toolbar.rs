//! The toolbar above the members table.

use leptos::{html, prelude::*};

use crate::i18n::{tr, use_t};

/// "Force two-step verification reset" (disabled without a selection or while a page is
/// read), how many members are selected, and "Export CSV".
#[component]
pub fn MembersToolbar(
    /// How many members are selected.
    #[prop(into)]
    count: Signal<usize>,
    /// Whether a newer page is being read.
    busy: Signal<bool>,
    /// The reset button, which takes the focus back after Cancel.
    reset_button: NodeRef<html::Button>,
    /// Opens the reset dialog.
    #[prop(into)]
    on_reset: Callback<()>,
    /// The address of the CSV export of every member the filters match.
    export_href: Signal<String>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <div class="list-toolbar">
            <button
                type="button"
                class="danger"
                node_ref=reset_button
                disabled=move || count.get() == 0 || busy.get()
                on:click=move |_| on_reset.run(())
            >
                {tr(|t| t.force_reset)}
            </button>
            <span class="selected-count">{move || t().selected_count(count.get() as u64)}</span>
            <a class="export" download="" href=move || export_href.get()>
                {tr(|t| t.export_csv)}
            </a>
        </div>
    }
}
