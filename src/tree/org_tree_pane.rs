//! The left pane of the Admin Center: the organization tree, connected to the address.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};

use crate::i18n::tr;
use crate::routes::{landing_route, node_of_path};
use crate::store::OrgStore;
use crate::tree::OrgTree;
use crate::ui::UnsavedChanges;
use crate::ui::read_view::not_ready;

/// The tree of the [`OrgStore`] context, its loading status, or why the groups could not be
/// read. The address selects a row, and opening a row goes to its address, asking first when
/// the open page has unsaved changes.
#[component]
pub fn OrgTreePane(
    /// The signed-in person's organization's name.
    organization: String,
    /// Whether the person is a master administrator: the root then opens Global Settings.
    is_master_administrator: bool,
) -> impl IntoView {
    let store = expect_context::<OrgStore>();
    let retry = Callback::new(move |()| store.load_groups());
    let location = use_location();
    let selected = Signal::derive(move || location.pathname.with(|path| node_of_path(path)));
    let navigate = StoredValue::new_local(use_navigate());
    let unsaved = UnsavedChanges::use_or_detached();
    let on_open = Callback::new(move |href: String| {
        let here = window().location().pathname().unwrap_or_default();
        if here != href && unsaved.may_leave() {
            navigate.with_value(|navigate| navigate(&href, NavigateOptions::default()));
        }
    });
    let root_href = landing_route(is_master_administrator).path();
    move || match store.groups_status() {
        Some(Ok(())) => view! {
            <OrgTree
                organization=organization.clone()
                root_href
                model=store.model()
                policy=store.policy_settings()
                selected
                on_open
            />
        }
        .into_any(),
        status => view! {
            <nav class="org-tree" aria-label=tr(|t| t.organization_tree)>
                {not_ready(status.and_then(Result::err), retry)}
            </nav>
        }
        .into_any(),
    }
}
