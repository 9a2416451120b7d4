//! The filters of a Members tab.

use std::time::Duration;

use leptos::{html, prelude::*};
use twostep_contract::{EnrollmentStatus, MAX_SEARCH_CHARS, MemberQuery, Role, Vocabulary};

use crate::i18n::{Text, tr, use_t};
use crate::members::member_query::{
    has_member_filters, toggle_required_not_enrolled, without_member_filters,
};
use crate::tree::groups_in_tree_order;
use crate::ui::FilterSelect;
use crate::ui::list_query::{param, with_param};

/// How long the search waits after the last keystroke before it applies.
pub const SEARCH_DEBOUNCE: Duration = Duration::from_millis(300);

/// A `<select>`'s options as value and catalog string.
type Choices = Vec<(&'static str, Text)>;

/// Any role, then each role by its name in the contract.
fn role_choices() -> Choices {
    let roles: [(Role, Text); 3] = [
        (Role::MasterAdministrator, |t| t.master_administrators),
        (Role::Administrator, |t| t.administrators),
        (Role::Technician, |t| t.technicians),
    ];
    let mut choices: Choices = vec![("", |t| t.any_role)];
    choices.extend(roles.map(|(role, text)| (role.wire_name(), text)));
    choices
}

/// Required or not, then yes and no as the query writes them.
fn required_choices() -> Choices {
    vec![("", |t| t.required_or_not), ("true", |t| t.required), ("false", |t| t.not_required)]
}

/// Set up or not, then each enrollment status by its name in the contract.
fn status_choices() -> Choices {
    let statuses: [(EnrollmentStatus, Text); 2] = [
        (EnrollmentStatus::Enrolled, |t| t.set_up),
        (EnrollmentStatus::NotEnrolled, |t| t.not_set_up),
    ];
    let mut choices: Choices = vec![("", |t| t.set_up_or_not)];
    choices.extend(statuses.map(|(status, text)| (status.wire_name(), text)));
    choices
}

/// The search form of the members: the search box (at most [`MAX_SEARCH_CHARS`] characters,
/// applied 300 ms after the last keystroke, or at once with Enter), Role, Group (on the organization root), Two-step verification and Set
/// up, the "Required but not set up" shortcut and "Clear filters".
///
/// Every change is reported as the new query, on its first page; the owner writes it to the
/// address, which gives it back through `query`.
#[component]
pub fn MemberFilters(
    /// The filters as the address holds them.
    #[prop(into)]
    query: Signal<MemberQuery>,
    /// Whether this is a group's tab: no Group filter there, the group is the tab's.
    group_tab: bool,
    /// Called with the new query, and whether it replaces the address rather than adding a
    /// step to the history (while the person goes on typing a search).
    #[prop(into)]
    on_change: Callback<(MemberQuery, bool)>,
) -> impl IntoView {
    let t = use_t();
    let search = NodeRef::<html::Input>::new();
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let query_text = Memo::new(move |_| query.with(|query| query.q.clone().unwrap_or_default()));
    // The query the latest search made while the person typed, as long as the address still
    // holds it: their next keystrokes then replace that step of the history.
    let typed_search = StoredValue::new(None::<MemberQuery>);
    Effect::new(move |_| {
        query.with(|query| {
            if typed_search.with_value(|typed| typed.as_ref() != Some(query)) {
                typed_search.set_value(None);
            }
        });
    });

    // The address may change the search (Back, Forward); what the person is typing stays as
    // long as it means the same search.
    Effect::new(move |_| {
        let wanted = query_text.get();
        if let Some(input) = search.get()
            && input.value().trim() != wanted
        {
            input.set_value(&wanted);
        }
    });

    let cancel_pending = move || {
        if let Some(handle) = pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };
    // `typing`: applied after a pause in the typing, rather than with Enter. The first search
    // of a burst of typing adds a step to the history, so that Back returns to the list as it
    // was before; the next ones replace that step.
    let apply_search = move |typing: bool| {
        cancel_pending();
        let text = search.get_untracked().map(|input| input.value()).unwrap_or_default();
        let current = query.get_untracked();
        if current.q.as_deref().unwrap_or_default() != text.trim() {
            let next = with_param(&current, "q", &text);
            let replace = typing
                && current.q.is_some()
                && typed_search.with_value(|typed| typed.as_ref() == Some(&current));
            typed_search.set_value(typing.then(|| next.clone()));
            on_change.run((next, replace));
        }
    };
    let typed = move |_| {
        cancel_pending();
        let handle = set_timeout_with_handle(move || apply_search(true), SEARCH_DEBOUNCE).ok();
        pending.set_value(handle);
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        apply_search(false);
    };
    on_cleanup(cancel_pending);

    let choose = move |name: &'static str| {
        Callback::new(move |value: String| {
            on_change.run((with_param(&query.get_untracked(), name, &value), false));
        })
    };
    let value = move |name: &'static str| Signal::derive(move || query.with(|q| param(q, name)));
    let choices = move |choices: Choices| {
        Signal::derive(move || {
            let t = t();
            choices.iter().map(|(value, text)| ((*value).to_owned(), text(t).to_owned())).collect()
        })
    };
    let group_filter = (!group_tab).then(|| {
        view! {
            <FilterSelect
                id="member-group"
                label=|t| t.group
                options=group_choices()
                value=value("group_id")
                on_choose=choose("group_id")
            />
        }
    });
    let shortcut_on = move || query.with(MemberQuery::is_required_not_enrolled);
    let filtered = move || query.with(|query| has_member_filters(query, group_tab));

    view! {
        <form
            role="search"
            class="filters"
            aria-label=tr(|t| t.filter_members)
            on:submit=submit
        >
            <div class="filter search-filter">
                <label for="member-search">{tr(|t| t.search_members)}</label>
                <input
                    type="search"
                    id="member-search"
                    node_ref=search
                    maxlength=MAX_SEARCH_CHARS.to_string()
                    value=query_text.get_untracked()
                    on:input=typed
                />
            </div>
            <FilterSelect
                id="member-role"
                label=|t| t.role
                options=choices(role_choices())
                value=value("role")
                on_choose=choose("role")
            />
            {group_filter}
            <FilterSelect
                id="member-required"
                label=|t| t.two_step_heading
                options=choices(required_choices())
                value=value("required")
                on_choose=choose("required")
            />
            <FilterSelect
                id="member-status"
                label=|t| t.set_up
                options=choices(status_choices())
                value=value("status")
                on_choose=choose("status")
            />
            <div class="filter-actions">
                <button
                    type="button"
                    aria-pressed=move || if shortcut_on() { "true" } else { "false" }
                    on:click=move |_| {
                        on_change.run((toggle_required_not_enrolled(&query.get_untracked()), false))
                    }
                >
                    {tr(|t| t.required_not_set_up)}
                </button>
                <button
                    type="button"
                    disabled=move || !filtered()
                    on:click=move |_| {
                        on_change.run((without_member_filters(&query.get_untracked(), group_tab), false))
                    }
                >
                    {tr(|t| t.clear_filters)}
                </button>
            </div>
        </form>
    }
}

/// "All groups", then every group of the organization tree the person may see, depth first,
/// each nested level indented with "— ".
fn group_choices() -> Signal<Vec<(String, String)>> {
    let t = use_t();
    let groups = groups_in_tree_order();
    Signal::derive(move || {
        let mut choices = vec![(String::new(), t().all_groups.to_owned())];
        groups.with(|groups| {
            for (id, name, depth) in groups {
                choices.push((id.to_string(), format!("{}{name}", "— ".repeat(*depth))));
            }
        });
        choices
    })
}
