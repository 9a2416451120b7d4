//! The changes of the Audit log tab: the status line and the table.

use leptos::prelude::*;
use twostep_contract::{AuditPage, Paging};

use crate::audit::AuditRow;
use crate::i18n::{tr, use_t};
use crate::ui::ListStatus;

/// A page of the audit log, newest first, with its status line. It holds no connection to a
/// server, so it can be mounted with any page.
#[component]
pub fn AuditLogTable(
    /// The page to show; `None` when there is none (not read yet, or the read failed).
    #[prop(into)]
    page: Signal<Option<AuditPage>>,
    /// Whether a newer page is being read: the rows stay, and the table says it is busy.
    #[prop(into)]
    busy: Signal<bool>,
) -> impl IntoView {
    let shown = Signal::derive(move || {
        page.with(|page| {
            page.as_ref().map(|page| {
                let paging = Paging { page: page.page, per_page: page.per_page };
                (paging, page.items.len(), page.total)
            })
        })
    });
    let t = use_t();
    let rows = move || {
        let t = t();
        page.get().map(|page| {
            page.items.into_iter().map(|event| view! { <AuditRow event t /> }).collect_view()
        })
    };
    view! {
        <ListStatus busy shown showing=|t, first, last, total| t.changes_showing(total, &t.number(first), &t.number(last)) none=|t| t.no_changes_match />
        // On a narrow screen the table scrolls sideways, not the page; the keyboard can
        // scroll it too, as nothing in it takes focus.
        <div
            class="table-scroll"
            hidden=move || page.with(Option::is_none)
            tabindex="0"
            role="region"
            aria-label=tr(|t| t.audit_log)
        >
            <table class="list-table audit-table" aria-busy=move || busy.get().to_string()>
                <caption class="visually-hidden">{tr(|t| t.audit_log)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(|t| t.when)}</th>
                        <th scope="col">{tr(|t| t.who)}</th>
                        <th scope="col">{tr(|t| t.what)}</th>
                        <th scope="col">{tr(|t| t.before)}</th>
                        <th scope="col">{tr(|t| t.after)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
