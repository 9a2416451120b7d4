//! The organization tree: the organization and its technician groups as a WAI-ARIA tree view,
//! with a search box.

use std::time::Duration;

use leptos::prelude::*;
use leptos::reactive::computed::Selector;
use twostep_contract::PolicySettings;
use wasm_bindgen::JsCast;

use crate::components::{TreeItem, TreeItemData, TreeItemState, TreeSearch};
use crate::i18n::{tr, use_t};
use crate::org_tree_model::{
    Expansion, Item, OrgTreeModel, Row, TreeAction, TreeKey, fold, key_action,
};
use crate::routes::{OrgNode, group_settings_path};

/// The navigation on the left of the Admin Center.
///
/// Only the visible rows are in the DOM, rendered keyed by their [`Row`]; the model is not
/// rebuilt here, and a search filters its pre-folded names in one pass. One row is in the tab
/// order (roving tab index); the arrow keys, Home and End move, expand and collapse as the
/// WAI-ARIA tree view pattern says, and Enter or a click opens a row through `on_open`.
#[component]
pub fn OrgTree(
    /// The organization's name, the root of the tree.
    organization: String,
    /// Where the root leads.
    root_href: &'static str,
    /// The groups the person may see.
    #[prop(into)]
    model: Signal<OrgTreeModel>,
    /// The saved policy, for the badges (`None` until it is read).
    #[prop(into)]
    policy: Signal<Option<PolicySettings>>,
    /// The node the address names.
    #[prop(into)]
    selected: Signal<Option<OrgNode>>,
    /// Opens the address of a row (Enter, or a click without modifier keys).
    #[prop(into)]
    on_open: Callback<String>,
) -> impl IntoView {
    let t = use_t();
    let query = RwSignal::new(String::new());
    let folded = Memo::new(move |_| query.with(|query| fold(query.trim())));
    let keep = Memo::new(move |_| {
        folded.with(|query| (!query.is_empty()).then(|| model.with(|model| model.filter(query))))
    });
    let selected_item = Memo::new(move |_| match selected.get()? {
        OrgNode::Organization => Some(Item::Root),
        OrgNode::Group(id) => model.with(|model| model.index_of(id)).map(Item::Group),
    });
    let expansion = RwSignal::new(model.with_untracked(|model| {
        let mut expansion = Expansion::initial(model);
        if let Some(Item::Group(index)) = selected_item.get_untracked() {
            expansion.reveal(model, index);
        }
        expansion
    }));
    let search_expansion = RwSignal::new(model.with_untracked(Expansion::all));
    let active = RwSignal::new(selected_item.get_untracked().unwrap_or(Item::Root));
    Effect::new(move |_| {
        let Some(item) = selected_item.get() else { return };
        if let Item::Group(index) = item {
            model.with_untracked(|model| expansion.update(|e| e.reveal(model, index)));
        }
        active.set(item);
    });

    let rows = Memo::new(move |_| {
        model.with(|model| {
            keep.with(|keep| match keep {
                Some(keep) => search_expansion.with(|e| model.rows(e, Some(keep))),
                None => expansion.with(|e| model.rows(e, None)),
            })
        })
    });
    let tab_stop = Memo::new(move |_| {
        let active = active.get();
        let selected = selected_item.get();
        rows.with(|rows| {
            let shown = |item: Item| rows.iter().any(|row| row.item == item);
            if shown(active) {
                active
            } else {
                selected.filter(|&item| shown(item)).unwrap_or(Item::Root)
            }
        })
    });
    let no_match = Memo::new(move |_| {
        keep.with(|keep| keep.as_ref().is_some_and(|keep| !keep.contains(&true)))
    });

    let set_expanded = move |item: Item, expanded: bool| {
        let target =
            if keep.with_untracked(Option::is_some) { search_expansion } else { expansion };
        target.update(|e| e.set(item, expanded));
    };
    let href = move |item: Item| match item {
        Item::Root => root_href.to_owned(),
        Item::Group(index) => model.with_untracked(|m| group_settings_path(m.node(index).group.id)),
    };
    let tree = NodeRef::<leptos::html::Div>::new();
    let focus = move |item: Item| {
        active.set(item);
        let selector = format!("[data-node=\"{}\"]", node_name(item));
        // After the rows have been rendered again: expanding or collapsing renders the row anew.
        set_timeout(
            move || {
                let found =
                    tree.get_untracked().and_then(|tree| tree.query_selector(&selector).ok());
                if let Some(element) = found.flatten() {
                    let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            },
            Duration::ZERO,
        );
    };

    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.alt_key() || event.ctrl_key() || event.meta_key() {
            return;
        }
        let Some(key) = TreeKey::from_key(&event.key()) else { return };
        let current = tab_stop.get_untracked();
        let Some((action, item)) = rows.with_untracked(|rows| {
            let at = rows.iter().position(|row| row.item == current)?;
            let action = key_action(rows, at, key)?;
            let (TreeAction::Focus(to)
            | TreeAction::Expand(to)
            | TreeAction::Collapse(to)
            | TreeAction::Open(to)) = action;
            Some((action, rows[to].item))
        }) else {
            return;
        };
        event.prevent_default();
        match action {
            TreeAction::Focus(_) => focus(item),
            TreeAction::Expand(_) => {
                set_expanded(item, true);
                focus(item);
            }
            TreeAction::Collapse(_) => {
                set_expanded(item, false);
                focus(item);
            }
            TreeAction::Open(_) => on_open.run(href(item)),
        }
    };
    let on_click = move |event: leptos::ev::MouseEvent| {
        let Some(target) =
            event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Some((element, item)) = item_at(&target) else { return };
        if target.closest(".tree-toggle").ok().flatten().is_some() {
            event.prevent_default();
            let expanded = element.get_attribute("aria-expanded").as_deref() == Some("true");
            set_expanded(item, !expanded);
            focus(item);
            return;
        }
        let opens_elsewhere = event.button() != 0
            || event.ctrl_key()
            || event.meta_key()
            || event.shift_key()
            || event.alt_key();
        if !opens_elsewhere {
            event.prevent_default();
            active.set(item);
            on_open.run(href(item));
        }
    };
    let on_focusin = move |event: leptos::ev::FocusEvent| {
        let target = event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok());
        if let Some((_, item)) = target.and_then(|target| item_at(&target)) {
            active.set(item);
        }
    };
    let on_search = Callback::new(move |text: String| {
        search_expansion.set(model.with_untracked(Expansion::all));
        query.set(text);
    });

    let state = TreeItemState {
        tab_stop: Selector::new(move || tab_stop.get()),
        selected: Selector::new(move || selected_item.get()),
        query: folded,
        policy,
    };
    let row_view = move |row: Row| {
        let data = model.with_untracked(|model| TreeItemData {
            name: match row.item {
                Item::Root => organization.clone(),
                Item::Group(index) => model.node(index).group.name.clone(),
            },
            dom_id: dom_id(model, row.item),
            href: href(row.item),
        });
        view! { <TreeItem row data state=state.clone() /> }
    };

    view! {
        <nav class="org-tree" aria-label=tr(|t| t.organization_tree)>
            <TreeSearch query on_change=on_search />
            {move || {
                no_match
                    .get()
                    .then(|| {
                        view! {
                            <p role="status" class="tree-no-match">
                                {move || (t().no_group_matches)(query.get().trim())}
                            </p>
                        }
                    })
            }}
            <div
                role="tree"
                class="tree"
                node_ref=tree
                aria-label=tr(|t| t.organization)
                on:keydown=on_keydown
                on:click=on_click
                on:focusin=on_focusin
            >
                <For each=move || rows.get() key=Row::clone children=row_view />
            </div>
        </nav>
    }
}

/// The id of a row's element.
fn dom_id(model: &OrgTreeModel, item: Item) -> String {
    match item {
        Item::Root => "org-tree-root".to_owned(),
        Item::Group(index) => format!("org-tree-group-{}", model.node(index).group.id),
    }
}

/// The `data-node` attribute of a row: `root`, or the group's index in the model.
pub fn node_name(item: Item) -> String {
    match item {
        Item::Root => "root".to_owned(),
        Item::Group(index) => index.to_string(),
    }
}

/// The row element around `target`, and its node.
fn item_at(target: &web_sys::Element) -> Option<(web_sys::Element, Item)> {
    let element = target.closest("[role=treeitem]").ok().flatten()?;
    let node = element.get_attribute("data-node")?;
    let item = match node.as_str() {
        "root" => Item::Root,
        index => Item::Group(index.parse().ok()?),
    };
    Some((element, item))
}
