//! The Audit log tab connected to its address and to the server.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use twostep_contract::{AuditKind, AuditQuery, Vocabulary};

use crate::api::ApiClient;
use crate::audit::AuditLogTable;
use crate::i18n::{Text, tr, use_t};
use crate::routes::audit_log_href;
use crate::session::use_session;
use crate::ui::ListRead;
use crate::ui::list_query::{ListQuery, on_page, page_position, param, with_param};
use crate::ui::read_view::not_ready;
use crate::ui::{FilterSelect, Pagination};

/// The kinds of change the Change filter offers, after "All changes".
const KINDS: [(AuditKind, Text); 6] = [
    (AuditKind::PolicyUpdated, |t| t.policy_changes),
    (AuditKind::GroupForceTwoStepChanged, |t| t.group_settings_changes),
    (AuditKind::TwoStepReset, |t| t.two_step_resets),
    (AuditKind::TwoStepSetUp, |t| t.two_step_setups),
    (AuditKind::RecoveryCodesRegenerated, |t| t.recovery_code_changes),
    (AuditKind::PasswordChanged, |t| t.password_changes),
];

/// The Audit log tab: the Change and Person filters and the export link, the page of changes
/// (newest first) and the page links. The filters and the page come from the address and go
/// back to it.
#[component]
pub fn AuditLogTab() -> impl IntoView {
    let t = use_t();
    let client = expect_context::<ApiClient>();
    let session = use_session();
    let address = use_query_map();
    let query = Memo::new(move |_| {
        address.with(|pairs| AuditQuery::read(pairs.into_iter().map(|(k, v)| (&**k, v))))
    });
    let read = ListRead::new(query, {
        let client = client.clone();
        move |query: AuditQuery| {
            let client = client.clone();
            async move { session.watch(client.list_audit_events(&query).await) }
        }
    });
    let navigate = StoredValue::new_local(use_navigate());
    let go = move |next: AuditQuery| {
        let options = NavigateOptions { scroll: false, ..NavigateOptions::default() };
        navigate.with_value(|navigate| navigate(&audit_log_href(&next), options));
    };
    let choose = move |name: &'static str| {
        Callback::new(move |value: String| go(with_param(&query.get_untracked(), name, &value)))
    };
    let value = move |name: &'static str| Signal::derive(move || query.with(|q| param(q, name)));
    let page = read.page();
    let kinds = Signal::derive(move || {
        let t = t();
        let mut choices = vec![(String::new(), t.all_changes.to_owned())];
        choices.extend(KINDS.map(|(kind, text)| (kind.wire_name().to_owned(), text(t).to_owned())));
        choices
    });
    // The page stays while the next one is read, and with it the people to choose from.
    let actors = Signal::derive(move || {
        let mut choices = vec![(String::new(), t().anyone.to_owned())];
        page.with(|page| {
            let actors = page.iter().flat_map(|page| &page.actors);
            choices.extend(actors.map(|actor| (actor.id.to_string(), actor.name.clone())));
        });
        choices
    });
    let failure = move || {
        let error = read.error().filter(|_| !read.busy())?;
        Some(not_ready(Some(error), Callback::new(move |()| read.reload())))
    };
    let pages = Signal::derive(move || {
        page.with(|page| {
            page.as_ref().map(|page| page_position(page.page, page.per_page, page.total))
        })
    });
    let page_href = Callback::new(move |number: u32| {
        query.with(|query| audit_log_href(&on_page(query, number)))
    });
    let export_href = move || query.with(|query| client.audit_export_url(query));

    view! {
        <h2>{tr(|t| t.audit_log)}</h2>
        <form
            role="search"
            class="filters"
            aria-label=tr(|t| t.filter_audit_log)
            on:submit=|event| event.prevent_default()
        >
            <FilterSelect
                id="audit-kind"
                label=|t| t.change
                options=kinds
                value=value("kind")
                on_choose=choose("kind")
            />
            <FilterSelect
                id="audit-actor"
                label=|t| t.person
                options=actors
                value=value("actor_id")
                on_choose=choose("actor_id")
            />
        </form>
        <div class="list-toolbar">
            <a class="export" download="" href=export_href>
                {tr(|t| t.export_csv)}
            </a>
        </div>
        {failure}
        <AuditLogTable page busy=Signal::derive(move || read.busy()) />
        <Pagination pages href=page_href />
    }
}
