//! The members of a Members tab: the status line, the toolbar, the table and the reset dialog.

use leptos::{html, prelude::*};
use twostep_contract::{MemberPage, MemberQuery, MemberSort, MemberSortKey, Paging};

use crate::i18n::{tr, use_t};
use crate::members::members_reset_dialog::{MembersResetDialog, ResetOutcome, ResetRequest};
use crate::members::members_reset_status::MembersResetStatus;
use crate::members::members_selection::{Selection, may_reset};
use crate::members::members_toolbar::MembersToolbar;
use crate::members::{MemberRow, SortHeader};
use crate::ui::ListStatus;

/// A page of members with its status line, the toolbar ("Force two-step verification reset",
/// how many are selected, "Export CSV"), the table with a checkbox per row and sortable
/// headers, and the reset dialog with what the reset said.
///
/// It holds no connection to a server: it shows `page`, reports a click on a header through
/// `on_sort` and resets through `reset`, so it can be mounted with stand-ins for them.
///
/// The selection is of members the person sees: a change of `query` clears it (and what the
/// last reset said) at once, before the new page arrives; while a page is read (`busy`) it
/// cannot change and no reset can start. The dialog holds its own copy of the selection, and a
/// change of `query` while it asks closes it as Cancel would.
#[component]
pub fn MembersTable(
    /// The page to show; `None` when there is none (not read yet, or the read failed).
    #[prop(into)]
    page: Signal<Option<MemberPage>>,
    /// Whether a newer page is being read: the rows stay, and the table says it is busy.
    #[prop(into)]
    busy: Signal<bool>,
    /// The filters, order and page asked for; the headers show its order.
    #[prop(into)]
    query: Signal<MemberQuery>,
    /// Called with the order a click on a column header asks for.
    #[prop(into)]
    on_sort: Callback<MemberSort>,
    /// Whether the person may reset members holding an administrator licence (master
    /// administrators may); otherwise those rows cannot be selected.
    #[prop(into)]
    may_reset_administrators: Signal<bool>,
    /// Resets the two-step verification of the members named; its outcome is shown here.
    reset: Action<Vec<i64>, ResetOutcome>,
    /// The address of the CSV export of every member the filters match.
    #[prop(into)]
    export_href: Signal<String>,
) -> impl IntoView {
    let t = use_t();
    let asking = RwSignal::new(None::<ResetRequest>);
    let outcome = RwSignal::new(None::<ResetOutcome>);
    let reset_button = NodeRef::<html::Button>::new();
    let outcome_box = NodeRef::<html::Div>::new();
    let sort = Signal::derive(move || query.with(|query| query.sort));

    let selection = Selection::new(page, query, may_reset_administrators, move || {
        // Nor what the last reset said stays, and a question about the old members is
        // withdrawn (unless already answered).
        outcome.set(None);
        if !reset.pending().get_untracked() {
            asking.set(None);
        }
    });
    let selected = selection.selected;
    Effect::new(move |_| {
        if let Some(answer) = reset.value().get() {
            if answer.is_ok() {
                selected.set(Vec::new());
            }
            outcome.set(Some(answer));
            asking.set(None);
        }
    });

    let open_dialog = move |()| {
        let ids = selected.get_untracked();
        let people = page.with_untracked(|page| {
            page.iter()
                .flat_map(|page| &page.items)
                .filter(|member| ids.contains(&member.id))
                .map(|member| format!("{} ({})", member.name, member.email))
                .collect()
        });
        outcome.set(None);
        asking.set(Some(ResetRequest { ids, people }));
    };
    let closed = move |()| {
        // After a reset, what it said takes the focus; after Cancel, the button that opened it.
        if outcome.with_untracked(Option::is_some) {
            if let Some(element) = outcome_box.get_untracked() {
                let _ = element.focus();
            }
        } else if let Some(button) = reset_button.get_untracked() {
            let _ = button.focus();
        }
    };
    let shown = Signal::derive(move || {
        page.with(|page| {
            page.as_ref().map(|page| {
                let paging = Paging { page: page.page, per_page: page.per_page };
                (paging, page.items.len(), page.total)
            })
        })
    });
    let rows = move || {
        let t = t();
        let administrators_too = may_reset_administrators.get();
        page.get().map(|page| {
            page.items
                .into_iter()
                .map(|member| {
                    let selectable = may_reset(&member, administrators_too);
                    view! { <MemberRow member selected selectable busy t /> }
                })
                .collect_view()
        })
    };

    view! {
        <ListStatus busy shown showing=|t, first, last, total| t.members_showing(total, &t.number(first), &t.number(last)) none=|t| t.no_members_match />
        <MembersToolbar
            count=Signal::derive(move || selection.count())
            busy
            reset_button
            on_reset=open_dialog
            export_href
        />
        <MembersResetStatus outcome outcome_box />
        <div class="table-scroll" hidden=move || page.with(Option::is_none)>
            <table class="list-table members-table" aria-busy=move || busy.get().to_string()>
                <caption class="visually-hidden">{tr(|t| t.members)}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="select-cell">
                            <input
                                type="checkbox"
                                aria-label=tr(|t| t.select_all_members)
                                prop:checked=move || selection.all()
                                prop:indeterminate=move || {
                                    !selection.all() && selection.count() != 0
                                }
                                disabled=move || {
                                    busy.get() || selection.selectable.with(Vec::is_empty)
                                }
                                on:change=move |_| selection.toggle_all()
                            />
                        </th>
                        <SortHeader name=|t| t.name key=MemberSortKey::Name sort on_sort />
                        <SortHeader name=|t| t.email key=MemberSortKey::Email sort on_sort />
                        <th scope="col">{tr(|t| t.roles)}</th>
                        <SortHeader name=|t| t.group key=MemberSortKey::Group sort on_sort />
                        <th scope="col">{tr(|t| t.two_step_heading)}</th>
                        <SortHeader name=|t| t.set_up key=MemberSortKey::Status sort on_sort />
                        <th scope="col">{tr(|t| t.method)}</th>
                        <SortHeader
                            name=|t| t.set_up_on
                            key=MemberSortKey::EnrolledAt
                            sort
                            on_sort
                        />
                        <th scope="col">{tr(|t| t.technician_console)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <MembersResetDialog asking reset on_closed=closed />
    }
}
