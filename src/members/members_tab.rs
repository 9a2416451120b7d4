//! A Members tab connected to its address and to the server.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use twostep_contract::MemberQuery;

use crate::api::{ApiClient, ApiError};
use crate::i18n::tr;
use crate::members::member_query::{read_member_query, with_sort, without_member_filters};
use crate::members::{MemberFilters, MembersTable};
use crate::routes::members_href;
use crate::session::use_session;
use crate::store::call;
use crate::tree::refresh_counts_after_reset;
use crate::ui::ListRead;
use crate::ui::list_query::{on_page, page_position};
use crate::ui::read_view::not_ready;
use crate::ui::{ErrorAlert, Pagination};

/// The Members tab of the organization root (`group` is `None`) or of a group: its filters,
/// order and page come from the address and go back to it, the page of members is read from
/// the server, and a reset is sent there and followed by a new read of the page and of the
/// organization tree's counts.
#[component]
pub fn MembersTab(
    /// The group whose tab this is; `None` on the organization root.
    group: Option<i64>,
) -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let session = use_session();
    let refresh_tree_counts = refresh_counts_after_reset();
    let address = use_query_map();
    let query = Memo::new(move |_| {
        address.with(|pairs| read_member_query(pairs.into_iter().map(|(k, v)| (&**k, v)), group))
    });
    let read = ListRead::new(query, {
        let client = client.clone();
        move |query: MemberQuery| {
            let client = client.clone();
            async move { session.watch(client.list_members(&query).await) }
        }
    });
    let navigate = StoredValue::new_local(use_navigate());
    let go = Callback::new(move |(next, replace): (MemberQuery, bool)| {
        let options = NavigateOptions { replace, scroll: false, ..NavigateOptions::default() };
        navigate.with_value(|navigate| navigate(&members_href(group, &next), options));
    });
    let export_href = {
        let client = client.clone();
        Signal::derive(move || query.with(|query| client.members_export_url(query)))
    };
    let reset = Action::new_local(move |ids: &Vec<i64>| {
        let ids = ids.clone();
        async move {
            let answer =
                call(session, |client| async move { client.reset_members(&ids).await }).await;
            if answer.is_ok() {
                read.reload();
                // The tree's "not set up" counts changed too.
                refresh_tree_counts.run(());
            }
            answer
        }
    });

    let page = read.page();
    let busy = Signal::derive(move || read.busy());
    let failure = move || {
        if read.busy() {
            return None;
        }
        match read.error()? {
            error @ ApiError::Validation(_) => Some(
                view! {
                    <ErrorAlert error />
                    <button
                        type="button"
                        on:click=move |_| go.run((without_member_filters(&query.get_untracked(), group.is_some()), false))
                    >
                        {tr(|t| t.clear_filters)}
                    </button>
                }
                .into_any(),
            ),
            error => {
                Some(not_ready(Some(error), Callback::new(move |()| read.reload())))
            }
        }
    };
    let pages = Signal::derive(move || {
        page.with(|page| {
            page.as_ref().map(|page| page_position(page.page, page.per_page, page.total))
        })
    });
    let page_href = Callback::new(move |number: u32| {
        // Read reactively: the links follow the filters even when the page count stays.
        query.with(|query| members_href(group, &on_page(query, number)))
    });

    view! {
        <h2>{tr(|t| t.members)}</h2>
        <MemberFilters query group_tab=group.is_some() on_change=go />
        {failure}
        <MembersTable
            page
            busy
            query
            on_sort=move |sort| go.run((with_sort(&query.get_untracked(), sort), false))
            may_reset_administrators=Signal::derive(move || {
                session.session().is_some_and(|session| session.user.is_master_administrator())
            })
            reset
            export_href
        />
        <Pagination pages href=page_href />
    }
}
