//! The members of a Members tab: the status line, the toolbar, the table and the reset dialog.

use leptos::{html, prelude::*};
use twostep_contract::{MemberPage, MemberSort, MemberSortKey, MembersReset, Paging};

use crate::api::ApiError;
use crate::components::{ConfirmDialog, ErrorAlert, ListStatus, MemberRow, SortHeader};
use crate::i18n::{tr, use_t};

/// The most members the reset dialog names; it counts the others.
const NAMED_IN_DIALOG: usize = 5;

/// The outcome of the latest reset: how many members it reset, or why it failed.
type ResetOutcome = Result<MembersReset, ApiError>;

/// A page of members with its status line, the toolbar ("Force two-step verification reset",
/// how many are selected, "Export CSV"), the table with a checkbox per row and sortable
/// headers, and the reset dialog with what the reset said.
///
/// It holds no connection to a server: it shows `page`, reports a click on a header through
/// `on_sort` and resets through `reset`, so it can be mounted with stand-ins for them. The
/// selection is of the members of the page shown; a new page clears it.
#[component]
pub fn MembersTable(
    /// The page to show; `None` when there is none (not read yet, or the read failed).
    #[prop(into)]
    page: Signal<Option<MemberPage>>,
    /// Whether a newer page is being read: the rows stay, and the table says it is busy.
    #[prop(into)]
    busy: Signal<bool>,
    /// The order of the rows.
    #[prop(into)]
    sort: Signal<MemberSort>,
    /// Called with the order a click on a column header asks for.
    #[prop(into)]
    on_sort: Callback<MemberSort>,
    /// Resets the two-step verification of the members named; its outcome is shown here.
    reset: Action<Vec<i64>, ResetOutcome>,
    /// The address of the CSV export of every member the filters match.
    #[prop(into)]
    export_href: Signal<String>,
) -> impl IntoView {
    let t = use_t();
    let selected = RwSignal::new(Vec::<i64>::new());
    let dialog_open = RwSignal::new(false);
    let outcome = RwSignal::new(None::<ResetOutcome>);
    let reset_button = NodeRef::<html::Button>::new();
    let outcome_box = NodeRef::<html::Div>::new();

    Effect::new(move |_| {
        page.track();
        selected.set(Vec::new());
    });
    Effect::new(move |_| {
        if let Some(answer) = reset.value().get() {
            if answer.is_ok() {
                selected.set(Vec::new());
            }
            outcome.set(Some(answer));
            dialog_open.set(false);
        }
    });

    let ids = move || {
        page.with(|page| page.iter().flat_map(|page| &page.items).map(|m| m.id).collect::<Vec<_>>())
    };
    let count = move || selected.with(Vec::len);
    let all_selected =
        move || count() > 0 && count() == page.with(|p| p.as_ref().map_or(0, |p| p.items.len()));
    let select_all = move |_| {
        let everyone = if all_selected() { Vec::new() } else { ids() };
        selected.set(everyone);
    };
    let open_dialog = move |_| {
        outcome.set(None);
        dialog_open.set(true);
    };
    let answered = move |confirmed: bool| {
        if confirmed {
            reset.dispatch_local(selected.get_untracked());
        } else {
            dialog_open.set(false);
        }
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
    let named = move || {
        let t = t();
        let people = page.with(|page| {
            selected.with(|selected| {
                page.iter()
                    .flat_map(|page| &page.items)
                    .filter(|member| selected.contains(&member.id))
                    .map(|member| format!("{} ({})", member.name, member.email))
                    .collect::<Vec<_>>()
            })
        });
        let list = (people.len() <= NAMED_IN_DIALOG).then(|| {
            let items = people.into_iter().map(|person| view! { <li>{person}</li> }).collect_view();
            view! { <ul>{items}</ul> }
        });
        view! {
            <p>{(t.members_reset_text)(count() as u64)}</p>
            {list}
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
        page.get().map(|page| {
            page.items
                .into_iter()
                .map(|member| view! { <MemberRow member selected t /> })
                .collect_view()
        })
    };
    let outcome_view = move || {
        outcome.get().map(|answer| match answer {
            Ok(done) => view! {
                <p role="status" class="success">
                    {move || (t().members_reset_done)(done.reset)}
                </p>
            }
            .into_any(),
            Err(error) => view! { <ErrorAlert error /> }.into_any(),
        })
    };

    view! {
        <ListStatus busy shown showing=|t| t.members_showing none=|t| t.no_members_match />
        <div class="list-toolbar">
            <button
                type="button"
                class="danger"
                node_ref=reset_button
                disabled=move || count() == 0
                on:click=open_dialog
            >
                {tr(|t| t.force_reset)}
            </button>
            <span class="selected-count">{move || (t().selected_count)(count() as u64)}</span>
            <a class="export" download="" href=move || export_href.get()>
                {tr(|t| t.export_csv)}
            </a>
        </div>
        <div class="reset-outcome" tabindex="-1" node_ref=outcome_box>
            {outcome_view}
        </div>
        <div class="table-scroll" hidden=move || page.with(Option::is_none)>
            <table class="list-table members-table" aria-busy=move || busy.get().to_string()>
                <caption class="visually-hidden">{tr(|t| t.members)}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="select-cell">
                            <input
                                type="checkbox"
                                aria-label=tr(|t| t.select_all_members)
                                prop:checked=all_selected
                                prop:indeterminate=move || !all_selected() && count() != 0
                                disabled=move || ids().is_empty()
                                on:change=select_all
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
        <ConfirmDialog
            open=dialog_open
            title_id="members-reset-title"
            title=|t| t.members_reset_title
            confirm=|t| t.members_reset_confirm
            busy=reset.pending()
            busy_text=|t| t.resetting
            on_answer=answered
            on_closed=Callback::new(closed)
        >
            {named}
            <p>{tr(|t| t.members_reset_warning)}</p>
        </ConfirmDialog>
    }
}
