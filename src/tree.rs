//! The organization tree on the left of the Admin Center: the organization and the technician
//! groups the person may see, searchable, with keyboard navigation and compliance badges.
//!
//! It may use `ui/` (its rows are windowed by [`crate::ui::window`]), `api/`, `i18n/`, the
//! contract and the store (`store/`). Other features learn the groups in the tree's order, and
//! tell it that their counts changed, only through the functions below.

mod org_tree;
pub mod org_tree_model;
mod org_tree_pane;
mod tree_item;
mod tree_search;

pub use org_tree::OrgTree;
pub use org_tree_pane::OrgTreePane;
pub use tree_item::{TreeItem, TreeItemData, TreeItemState};
pub use tree_search::TreeSearch;

use leptos::prelude::*;

use crate::store::OrgStore;
use org_tree_model::{Expansion, Item};

/// The groups the person may see as the tree lists them (depth first), each with its id, its
/// name and how deep it lies (0 for a top group); empty outside the Admin Center, which holds
/// them (reactive).
pub fn groups_in_tree_order() -> Signal<Vec<(i64, String, usize)>> {
    let model = OrgStore::use_store().map(|store| store.model());
    Signal::derive(move || {
        let Some(model) = model else { return Vec::new() };
        model.with(|model| {
            model
                .rows(&Expansion::all(model), None)
                .into_iter()
                .filter_map(|row| match row.item {
                    Item::Group(index) => {
                        let group = &model.node(index).group;
                        let depth = row.level.saturating_sub(2) as usize;
                        Some((group.id, group.name.clone(), depth))
                    }
                    Item::Root => None,
                })
                .collect()
        })
    })
}

/// What a feature that changed members' two-step verification (a reset) runs so that the
/// tree's "not set up" counts follow: the groups are read again in the background and the tree
/// keeps its state. Take it while building the view (it reads the context); outside the Admin
/// Center it does nothing.
pub fn refresh_counts_after_reset() -> Callback<()> {
    let store = OrgStore::use_store();
    Callback::new(move |()| {
        if let Some(store) = store {
            store.refresh_groups();
        }
    })
}
