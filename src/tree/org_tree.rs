//! The organization tree: the organization and its technician groups as a WAI-ARIA tree view,
//! with a search box.

use std::time::Duration;

use leptos::prelude::*;
use leptos::reactive::computed::Selector;
use twostep_contract::PolicySettings;
use wasm_bindgen::JsCast;

use crate::i18n::{tr, use_t};
use crate::routes::{OrgNode, group_settings_path};
use crate::tree::org_tree_model::{
    Expansion, Item, OrgTreeModel, Row, TreeAction, TreeKey, fold, key_action,
};
use crate::tree::{TreeItem, TreeItemData, TreeItemState, TreeSearch};
use crate::ui::window::Viewport;

/// The navigation on the left of the Admin Center.
///
/// Of the visible rows, only those in and near the tree's scroll viewport are in the DOM
/// (windowed rendering: rows have one fixed height, `--tree-row-height`, and two `aria-hidden`
/// spacers stand for the rows above and below the window), rendered keyed by their [`Row`];
/// the row with the tab stop is always rendered too, so that focus never falls out of the tree.
/// The model is not rebuilt here, and a search filters its pre-folded names in one pass. One
/// row is in the tab order (roving tab index); the arrow keys, Home and End move, expand and
/// collapse as the WAI-ARIA tree view pattern says, scrolling the row they move to into view
/// first, and Enter or a click opens a row through `on_open`.
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
    let tab_stop_index = Memo::new(move |_| {
        let stop = tab_stop.get();
        rows.with(|rows| rows.iter().position(|row| row.item == stop))
    });
    let viewport = RwSignal::new(Viewport {
        scroll_top: 0.0,
        height: inner_height(),
        row_height: DEFAULT_ROW_HEIGHT,
    });
    // The rows in the window, plus the tab stop's row next to it when it is out of it (it is
    // out of view there, since the window reaches beyond the viewport).
    let window = Memo::new(move |_| {
        let viewport = viewport.get();
        let stop = tab_stop_index.get();
        rows.with(|rows| {
            let total = rows.len();
            let range = viewport.window(total);
            let before = stop.filter(|&stop| stop < range.start);
            let after = stop.filter(|&stop| stop >= range.end);
            let mut shown = Vec::with_capacity(range.len() + 1);
            shown.extend(before.map(|stop| rows[stop].clone()));
            shown.extend_from_slice(&rows[range.clone()]);
            shown.extend(after.map(|stop| rows[stop].clone()));
            let above = range.start - usize::from(before.is_some());
            let below = total - range.end - usize::from(after.is_some());
            Window { rows: shown, above, below }
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
    let scroller = NodeRef::<leptos::html::Div>::new();
    // Reads where the scroll viewport is and how high a row is. Called from timers and
    // animation frames too, which may come after the tree is gone.
    let measure = move || {
        let Some(element) = scroller.try_get_untracked().flatten() else { return };
        let Some(current) = viewport.try_get_untracked() else { return };
        let row_height = element
            .query_selector(".tree-item")
            .ok()
            .flatten()
            .map(|row| row.get_bounding_client_rect().height())
            .filter(|&height| height > 0.0)
            .unwrap_or(current.row_height);
        let client = f64::from(element.client_height());
        // Never more than the window's height, should the pane not limit the tree's.
        let height = if client > 0.0 { client.min(inner_height()) } else { inner_height() };
        let next = Viewport { scroll_top: f64::from(element.scroll_top()), height, row_height };
        if next != current {
            viewport.set(next);
        }
    };
    // At most one update per animation frame, however many scroll or resize events come.
    let frame_pending = StoredValue::new(false);
    let schedule_measure = move || {
        if frame_pending.try_get_value() == Some(false) {
            frame_pending.set_value(true);
            request_animation_frame(move || {
                if frame_pending.try_set_value(false).is_some() {
                    return;
                }
                measure();
            });
        }
    };
    Effect::new(move |_| {
        let Some(element) = scroller.get() else { return };
        measure();
        let on_scroll = wasm_bindgen::closure::Closure::<dyn Fn()>::new(schedule_measure);
        let options = web_sys::AddEventListenerOptions::new();
        options.set_passive(true);
        let _ = element.add_event_listener_with_callback_and_add_event_listener_options(
            "scroll",
            on_scroll.as_ref().unchecked_ref(),
            &options,
        );
        // Kept as long as the tree; the element goes with it.
        StoredValue::new_local(on_scroll);
    });
    let on_resize = window_event_listener(leptos::ev::resize, move |_| schedule_measure());
    on_cleanup(move || on_resize.remove());
    // Scrolls row `item` into view once the rows have been rendered again (expanding or
    // collapsing renders it anew), then, after the window has followed, focuses it.
    let reveal = move |item: Item, then_focus: bool| {
        set_timeout(
            move || {
                measure();
                let index =
                    rows.try_with_untracked(|rows| rows.iter().position(|r| r.item == item));
                let Some(index) = index.flatten() else { return };
                if let (Some(top), Some(element)) =
                    (viewport.get_untracked().reveal(index), scroller.get_untracked())
                {
                    element.set_scroll_top(top.round() as i32);
                    measure();
                }
                if !then_focus {
                    return;
                }
                let selector = format!("[data-node=\"{}\"]", node_name(item));
                set_timeout(
                    move || {
                        let found = tree
                            .try_get_untracked()
                            .flatten()
                            .and_then(|tree| tree.query_selector(&selector).ok());
                        if let Some(element) = found.flatten() {
                            let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
                        }
                    },
                    Duration::ZERO,
                );
            },
            Duration::ZERO,
        );
    };
    let focus = move |item: Item| {
        active.set(item);
        reveal(item, true);
    };
    Effect::new(move |_| {
        let Some(item) = selected_item.get() else { return };
        if let Item::Group(index) = item {
            model.with_untracked(|model| expansion.update(|e| e.reveal(model, index)));
        }
        active.set(item);
        reveal(item, false);
    });

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
        // The results start at the top.
        if let Some(element) = scroller.get_untracked() {
            element.set_scroll_top(0);
        }
        viewport.update(|viewport| viewport.scroll_top = 0.0);
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
                                {move || t().no_group_matches(query.get().trim())}
                            </p>
                        }
                    })
            }}
            <div class="tree-viewport" node_ref=scroller>
                <div
                    class="tree-spacer"
                    aria-hidden="true"
                    style:height=move || window.with(|w| rows_height(w.above))
                ></div>
                <div
                    role="tree"
                    class="tree"
                    node_ref=tree
                    aria-label=tr(|t| t.organization)
                    on:keydown=on_keydown
                    on:click=on_click
                    on:focusin=on_focusin
                >
                    <For
                        each=move || window.with(|w| w.rows.clone())
                        key=Row::clone
                        children=row_view
                    />
                </div>
                <div
                    class="tree-spacer"
                    aria-hidden="true"
                    style:height=move || window.with(|w| rows_height(w.below))
                ></div>
            </div>
        </nav>
    }
}

/// The height of a row until one is measured: `--tree-row-height`, 2rem at 16px.
const DEFAULT_ROW_HEIGHT: f64 = 32.0;

/// The rows rendered, and how many rows the spacers above and below them stand for.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Window {
    rows: Vec<Row>,
    above: usize,
    below: usize,
}

/// The height of `rows` rows, exactly as the style sheet sizes them.
fn rows_height(rows: usize) -> String {
    format!("calc({rows} * var(--tree-row-height))")
}

/// The height of the browser window, the most the tree's viewport can be.
fn inner_height() -> f64 {
    window().inner_height().ok().and_then(|height| height.as_f64()).unwrap_or(800.0)
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
