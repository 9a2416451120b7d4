//! The members of a Members tab: the status line, the toolbar, the table and the reset dialog.

use leptos::{html, prelude::*};
use twostep_contract::{
    Member, MemberPage, MemberQuery, MemberSort, MemberSortKey, MembersReset, Paging, Role,
};

use crate::api::ApiError;
use crate::components::{ConfirmDialog, ErrorAlert, ListStatus, MemberRow, SortHeader};
use crate::i18n::{tr, use_t};

/// The most members the reset dialog names; it counts the others.
const NAMED_IN_DIALOG: usize = 5;

/// The outcome of the latest reset: how many members it reset, or why it failed.
type ResetOutcome = Result<MembersReset, ApiError>;

/// The question the reset dialog asks: the members selected when it opened. The dialog names
/// them and a confirmation resets exactly them, whatever happens to the page meanwhile.
#[derive(Clone, Debug, PartialEq)]
struct ResetRequest {
    /// Their ids, in the order they were selected.
    ids: Vec<i64>,
    /// "Name (email)" of each, in the order of the page.
    people: Vec<String>,
}

/// Whether a person who may (or may not) reset administrators may reset `member`: only master
/// administrators may reset someone holding an administrator licence.
fn may_reset(member: &Member, administrators_too: bool) -> bool {
    administrators_too
        || !member
            .roles
            .iter()
            .any(|role| matches!(role, Role::MasterAdministrator | Role::Administrator))
}

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
    let selected = RwSignal::new(Vec::<i64>::new());
    let asking = RwSignal::new(None::<ResetRequest>);
    let outcome = RwSignal::new(None::<ResetOutcome>);
    let reset_button = NodeRef::<html::Button>::new();
    let outcome_box = NodeRef::<html::Div>::new();
    let sort = Signal::derive(move || query.with(|query| query.sort));

    // The ids of the members of the page the person may select.
    let selectable = Memo::new(move |_| {
        let administrators_too = may_reset_administrators.get();
        page.with(|page| {
            page.iter()
                .flat_map(|page| &page.items)
                .filter(|member| may_reset(member, administrators_too))
                .map(|member| member.id)
                .collect::<Vec<_>>()
        })
    });
    Effect::new(move |seen: Option<()>| {
        query.track();
        if seen.is_none() {
            return;
        }
        // Other members are asked for: nothing selected among the old ones stays, nor what the
        // last reset said, and a question about them is withdrawn (unless already answered).
        selected.set(Vec::new());
        outcome.set(None);
        if !reset.pending().get_untracked() {
            asking.set(None);
        }
    });
    Effect::new(move |_| {
        // Whatever the page now holds, the selection is only of members it shows.
        selectable.with(|selectable| {
            selected.maybe_update(|selected| {
                let before = selected.len();
                selected.retain(|id| selectable.contains(id));
                selected.len() != before
            });
        });
    });
    Effect::new(move |_| {
        if let Some(answer) = reset.value().get() {
            if answer.is_ok() {
                selected.set(Vec::new());
            }
            outcome.set(Some(answer));
            asking.set(None);
        }
    });

    let count = move || selected.with(Vec::len);
    let all_selected = move || count() > 0 && count() == selectable.with(Vec::len);
    let select_all = move |_| {
        let everyone = if all_selected() { Vec::new() } else { selectable.get() };
        selected.set(everyone);
    };
    let open_dialog = move |_| {
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
    let answered = move |confirmed: bool| match asking.get_untracked() {
        Some(request) if confirmed => {
            reset.dispatch_local(request.ids);
        }
        _ => asking.set(None),
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
        asking.get().map(|ResetRequest { ids, people }| {
            let list = (people.len() <= NAMED_IN_DIALOG).then(|| {
                let items =
                    people.into_iter().map(|person| view! { <li>{person}</li> }).collect_view();
                view! { <ul>{items}</ul> }
            });
            view! {
                <p>{(t.members_reset_text)(ids.len() as u64)}</p>
                {list}
            }
        })
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
    // The reset's status stays in the document, empty until a reset succeeds, so that its
    // text is announced when it appears; a failure is an alert, announced as it is inserted.
    let done = move || {
        outcome.with(|outcome| match outcome {
            Some(Ok(done)) => Some((t().members_reset_done)(done.reset)),
            _ => None,
        })
    };
    let failure = move || match outcome.get() {
        Some(Err(error)) => Some(view! { <ErrorAlert error /> }),
        _ => None,
    };

    view! {
        <ListStatus busy shown showing=|t| t.members_showing none=|t| t.no_members_match />
        <div class="list-toolbar">
            <button
                type="button"
                class="danger"
                node_ref=reset_button
                disabled=move || count() == 0 || busy.get()
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
            <p role="status" class="reset-status" class:success=move || done().is_some()>
                {move || done().unwrap_or_default()}
            </p>
            {failure}
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
                                disabled=move || busy.get() || selectable.with(Vec::is_empty)
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
            open=Signal::derive(move || asking.with(Option::is_some))
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
