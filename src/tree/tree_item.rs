//! One row of the organization tree.

use leptos::either::Either;
use leptos::prelude::*;
use leptos::reactive::computed::Selector;
use leptos::tachys::html::attribute::custom::custom_attribute;
use twostep_contract::PolicySettings;

use super::org_tree::node_name;
use crate::i18n::{tr, use_t};
use crate::tree::org_tree_model::{Item, Row, match_range, technicians_required};

/// What a row shows and where it leads, besides its [`Row`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeItemData {
    /// The group's (or the organization's) name.
    pub name: String,
    /// The element's id, by which the tree moves focus to it.
    pub dom_id: String,
    /// The address the row opens.
    pub href: String,
}

/// The reactive state every row reads.
#[derive(Clone)]
pub struct TreeItemState {
    /// The row with `tabindex="0"` (roving tab index).
    pub tab_stop: Selector<Item>,
    /// The row of the address.
    pub selected: Selector<Option<Item>>,
    /// The folded search text, to highlight.
    pub query: Memo<String>,
    /// The saved policy, for the badge.
    pub policy: Signal<Option<PolicySettings>>,
}

/// A `treeitem` link: its name (the part the search matched in `<mark>`), a toggle for the
/// mouse when it has children, and, under a policy that requires its technicians to use
/// two-step verification, the "2SV" badge with the number not set up yet.
///
/// The tree handles its keys and clicks for every row at once.
#[component]
pub fn TreeItem(
    /// Its place in the tree.
    row: Row,
    /// Its name, id and address.
    data: TreeItemData,
    /// What it follows.
    state: TreeItemState,
) -> impl IntoView {
    let t = use_t();
    let item = row.item;
    let TreeItemState { tab_stop, selected, query, policy } = state;
    let node = node_name(item);
    let name = data.name;
    let label = move || {
        let range = query.with(|query| match_range(&name, query));
        match range {
            Some(range) => Either::Left(view! {
                {name[..range.start].to_owned()}
                <mark>{name[range.clone()].to_owned()}</mark>
                {name[range.end..].to_owned()}
            }),
            None => Either::Right(name.clone()),
        }
    };
    let forced = row.forced;
    let not_enrolled = row.not_enrolled;
    let is_group = matches!(item, Item::Group(_));
    let badge = move || {
        let required = is_group
            && policy.with(|policy| policy.is_some_and(|p| technicians_required(&p, forced)));
        required.then(|| {
            view! {
                " "
                <span class="tree-badge">
                    <span aria-hidden="true">{tr(|t| t.badge_required)}</span>
                    // The space keeps the visible and the hidden text apart in the text content.
                    <span class="visually-hidden">" "{tr(|t| t.badge_required_text)}</span>
                </span>
                {(not_enrolled > 0)
                    .then(|| {
                        view! {
                            " "
                            <span class="tree-count">
                                <span aria-hidden="true">{move || t().number(not_enrolled)}</span>
                                <span class="visually-hidden">
                                    " "{move || t().not_set_up_count(not_enrolled)}
                                </span>
                            </span>
                        }
                    })}
            }
        })
    };
    let toggle = match row.expanded {
        Some(true) => "▾",
        Some(false) => "▸",
        None => "",
    };
    // The view macro knows no `aria-level` attribute.
    let level = custom_attribute("aria-level", row.level.to_string());
    view! {
        <a
            {..level}
            role="treeitem"
            class="tree-item"
            id=data.dom_id
            href=data.href
            data-node=node
            // Through the CSSOM (`style.setProperty`), which the page's CSP allows, unlike a
            // `style` attribute.
            style=("--level", (row.level - 1).to_string())
            tabindex=move || if tab_stop.selected(&item) { "0" } else { "-1" }
            aria-setsize=row.set_size.to_string()
            aria-posinset=row.pos_in_set.to_string()
            aria-expanded=row.expanded.map(|expanded| expanded.to_string())
            aria-selected=move || selected.selected(&Some(item)).to_string()
        >
            <span class="tree-toggle" aria-hidden="true">
                {toggle}
            </span>
            <span class="tree-name">{label}</span>
            {badge}
        </a>
    }
}
