#![cfg(target_arch = "wasm32")]
//! The organization tree's view mounted in a real browser, driven with the keyboard and the
//! search box (its model is tested natively in `tree_model.rs`).

#![warn(missing_docs)]

mod org_fixtures;
mod support;

use leptos::prelude::*;
use org_fixtures::{group, large, northwind, policy};
use support::{Mounted, mount_in, settle, sleep, wait_until};
use twostep_admin::i18n::Locale;
use twostep_admin::routes::OrgNode;
use twostep_admin::tree::OrgTree;
use twostep_admin::tree::org_tree_model::{Expansion, Item, OrgTreeModel, Row};
use twostep_admin::ui::window::OVERSCAN;
use twostep_contract::{PolicySettings, TechnicianGroup, TechniciansPolicy as T};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{JsFuture, js_sys};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit};

wasm_bindgen_test_configure!(run_in_browser);

// ---- The tree view ---------------------------------------------------------------------

struct Tree {
    page: Mounted,
    model: RwSignal<OrgTreeModel>,
    policy: RwSignal<Option<PolicySettings>>,
    selected: RwSignal<Option<OrgNode>>,
    opened: RwSignal<Vec<String>>,
}

/// Puts the tree's own style sheet in the test page (once): the scroll viewport and the fixed
/// row height that windowed rendering relies on.
fn use_tree_style() {
    const ID: &str = "org-tree-style";
    let document = document();
    if document.get_element_by_id(ID).is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id(ID);
        style.set_text_content(Some(include_str!("../style/org_tree.css")));
        document.head().unwrap().append_child(&style).unwrap();
    }
}

/// Waits for two animation frames: the tree follows scrolling once per frame.
async fn next_frames() {
    for _ in 0..2 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            window().request_animation_frame(&resolve).unwrap();
        });
        JsFuture::from(promise).await.unwrap();
    }
    settle().await;
}

async fn mount_tree(
    locale: Locale,
    groups: Vec<TechnicianGroup>,
    selected: Option<OrgNode>,
) -> Tree {
    use_tree_style();
    let model = RwSignal::new(OrgTreeModel::build(groups));
    let policy = RwSignal::new(Some(policy(T::SelectedGroups)));
    let selected = RwSignal::new(selected);
    let opened = RwSignal::new(Vec::new());
    let page = mount_in(locale, move || {
        view! {
            <OrgTree
                organization="Northwind Support".to_owned()
                root_href="/organization/global-settings"
                model
                policy
                selected
                on_open=move |href: String| opened.update(|opened| opened.push(href))
            />
        }
    });
    settle().await;
    Tree { page, model, policy, selected, opened }
}

/// What a screen reader's list of the tree's items shows, one line per item: indentation by
/// level, name, state.
impl Tree {
    fn items(&self) -> Vec<HtmlElement> {
        let nodes = self.page.root.query_selector_all("[role=tree] [role=treeitem]").unwrap();
        (0..nodes.length()).filter_map(|i| nodes.item(i)).map(JsCast::unchecked_into).collect()
    }

    fn names(&self) -> Vec<String> {
        self.items()
            .iter()
            .map(|item| item.query_selector(".tree-name").unwrap().unwrap().text_content().unwrap())
            .collect()
    }

    fn item(&self, name: &str) -> HtmlElement {
        self.items()
            .into_iter()
            .find(|item| {
                item.query_selector(".tree-name").unwrap().unwrap().text_content().unwrap() == name
            })
            .unwrap_or_else(|| panic!("no item {name:?} among {:?}", self.names()))
    }

    fn focused_name(&self) -> String {
        let focused = document().active_element().expect("focus");
        let name = focused.query_selector(".tree-name").ok().flatten();
        name.and_then(|name| name.text_content()).unwrap_or_else(|| focused.tag_name())
    }

    fn tab_stops(&self) -> Vec<String> {
        self.items()
            .iter()
            .filter(|item| item.get_attribute("tabindex").as_deref() == Some("0"))
            .map(|item| item.query_selector(".tree-name").unwrap().unwrap().text_content().unwrap())
            .collect()
    }

    /// Presses `key` on the focused element, as the browser would dispatch it.
    async fn press(&self, key: &str) {
        let init = KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        let target = document().active_element().expect("focus");
        target.dispatch_event(&event).unwrap();
        // The tree moves focus from a timer that it sets once the rows are rendered again; the
        // zero-delay sleeps queue behind it even when a loaded machine runs timers late.
        sleep(20).await;
        sleep(0).await;
        sleep(0).await;
    }

    async fn search(&self, text: &str) {
        let input: HtmlInputElement = self.page.find("input[type=search]").unchecked_into();
        input.set_value(text);
        support::fire(&input, "input");
        settle().await;
    }
}

fn attr(item: &HtmlElement, name: &str) -> Option<String> {
    item.get_attribute(name)
}

#[wasm_bindgen_test]
async fn the_tree_opens_with_the_top_groups_expanded_and_aria_states() {
    let tree = mount_tree(Locale::En, northwind(), Some(OrgNode::Organization)).await;
    let nav = tree.page.find("nav");
    assert_eq!(attr(&nav, "aria-label").as_deref(), Some("Organization tree"));
    let view = tree.page.find("[role=tree]");
    assert_eq!(attr(&view, "aria-label").as_deref(), Some("Organization"));
    assert_eq!(
        tree.names(),
        ["Northwind Support", "Field Services", "Tier 1", "Americas", "EMEA", "Tier 2"]
    );
    let root = tree.item("Northwind Support");
    assert_eq!(attr(&root, "aria-level").as_deref(), Some("1"));
    assert_eq!(attr(&root, "aria-expanded").as_deref(), Some("true"));
    assert_eq!(attr(&root, "aria-selected").as_deref(), Some("true"));
    let emea = tree.item("EMEA");
    assert_eq!(attr(&emea, "aria-level").as_deref(), Some("3"));
    assert_eq!(attr(&emea, "aria-setsize").as_deref(), Some("2"));
    assert_eq!(attr(&emea, "aria-posinset").as_deref(), Some("2"));
    assert_eq!(attr(&emea, "aria-expanded").as_deref(), Some("false"));
    assert_eq!(attr(&emea, "aria-selected").as_deref(), Some("false"));
    assert_eq!(attr(&emea, "href").as_deref(), Some("/groups/2/settings"));
    assert_eq!(attr(&tree.item("Americas"), "aria-expanded"), None, "a leaf");
    assert_eq!(tree.tab_stops(), ["Northwind Support"], "one tab stop: the selected item");
}

#[wasm_bindgen_test]
async fn the_selected_group_is_revealed_and_follows_the_address() {
    let tree = mount_tree(Locale::En, northwind(), Some(OrgNode::Group(6))).await;
    let lyon = tree.item("Équipe Lyon");
    assert_eq!(attr(&lyon, "aria-selected").as_deref(), Some("true"));
    assert_eq!(attr(&lyon, "aria-level").as_deref(), Some("4"));
    assert_eq!(attr(&tree.item("EMEA"), "aria-expanded").as_deref(), Some("true"));
    assert_eq!(tree.tab_stops(), ["Équipe Lyon"]);

    tree.selected.set(Some(OrgNode::Group(4)));
    settle().await;
    assert_eq!(attr(&tree.item("Tier 2"), "aria-selected").as_deref(), Some("true"));
    assert_eq!(attr(&tree.item("Équipe Lyon"), "aria-selected").as_deref(), Some("false"));
    assert_eq!(tree.tab_stops(), ["Tier 2"]);
}

#[wasm_bindgen_test]
async fn the_keyboard_moves_expands_collapses_and_opens() {
    let tree = mount_tree(Locale::En, northwind(), Some(OrgNode::Organization)).await;
    tree.item("Northwind Support").focus().unwrap();

    tree.press("ArrowDown").await;
    assert_eq!(tree.focused_name(), "Field Services");
    assert_eq!(tree.tab_stops(), ["Field Services"], "the tab stop moves with the focus");
    tree.press("End").await;
    assert_eq!(tree.focused_name(), "Tier 2");
    tree.press("Home").await;
    assert_eq!(tree.focused_name(), "Northwind Support");
    tree.press("ArrowUp").await;
    assert_eq!(tree.focused_name(), "Northwind Support", "nothing above the first item");

    tree.press("ArrowDown").await;
    tree.press("ArrowDown").await;
    assert_eq!(tree.focused_name(), "Tier 1");
    tree.press("ArrowLeft").await;
    assert_eq!(tree.focused_name(), "Tier 1", "Left closes an open item");
    assert_eq!(attr(&tree.item("Tier 1"), "aria-expanded").as_deref(), Some("false"));
    assert_eq!(tree.names(), ["Northwind Support", "Field Services", "Tier 1", "Tier 2"]);
    tree.press("ArrowLeft").await;
    assert_eq!(tree.focused_name(), "Northwind Support", "then moves to the parent");

    tree.press("ArrowDown").await;
    tree.press("ArrowDown").await;
    tree.press("ArrowRight").await;
    assert_eq!(tree.focused_name(), "Tier 1", "Right opens a closed item");
    assert_eq!(attr(&tree.item("Tier 1"), "aria-expanded").as_deref(), Some("true"));
    tree.press("ArrowRight").await;
    assert_eq!(tree.focused_name(), "Americas", "then moves to its first child");
    tree.press("ArrowDown").await;
    tree.press("ArrowRight").await;
    assert_eq!(tree.focused_name(), "EMEA");
    assert!(tree.names().contains(&"Équipe Lyon".to_owned()));
    tree.press("ArrowRight").await;
    assert_eq!(tree.focused_name(), "Équipe Lyon");
    tree.press("ArrowRight").await;
    assert_eq!(tree.focused_name(), "Équipe Lyon", "a leaf does not open");

    tree.press("Enter").await;
    assert_eq!(tree.opened.get_untracked(), ["/groups/6/settings"]);
    tree.press("Home").await;
    tree.press("Enter").await;
    assert_eq!(tree.opened.get_untracked()[1], "/organization/global-settings");
}

#[wasm_bindgen_test]
async fn a_click_opens_an_item_and_the_toggle_expands_it() {
    let tree = mount_tree(Locale::En, northwind(), None).await;
    tree.item("EMEA")
        .query_selector(".tree-toggle")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    wait_until(
        "EMEA to expand",
        || attr(&tree.item("EMEA"), "aria-expanded"),
        |expanded| expanded.as_deref() == Some("true"),
    )
    .await;
    assert_eq!(attr(&tree.item("EMEA"), "aria-expanded").as_deref(), Some("true"));
    assert!(tree.opened.get_untracked().is_empty(), "the toggle does not open the group");
    tree.item("Équipe Lyon").click();
    settle().await;
    assert_eq!(tree.opened.get_untracked(), ["/groups/6/settings"]);
}

#[wasm_bindgen_test]
async fn the_search_keeps_ancestors_highlights_and_clears_with_escape() {
    let tree = mount_tree(Locale::En, northwind(), None).await;
    tree.search("emea").await;
    assert_eq!(tree.names(), ["Northwind Support", "Tier 1", "EMEA"]);
    assert_eq!(attr(&tree.item("Tier 1"), "aria-expanded").as_deref(), Some("true"));
    assert_eq!(attr(&tree.item("EMEA"), "aria-setsize").as_deref(), Some("1"));
    assert_eq!(tree.page.texts("[role=tree] mark"), ["EMEA"]);

    tree.search("LYON").await;
    assert_eq!(tree.names(), ["Northwind Support", "Tier 1", "EMEA", "Équipe Lyon"]);
    tree.search("equipe").await;
    assert_eq!(tree.page.texts("[role=tree] mark"), ["Équipe"], "accents do not matter");

    tree.search("xyz").await;
    assert_eq!(tree.names(), ["Northwind Support"]);
    assert_eq!(tree.page.text("[role=status]"), "No group matches “xyz”.");

    let input = tree.page.labelled("Search groups");
    input.focus().unwrap();
    tree.press("Escape").await;
    assert_eq!(input.unchecked_ref::<HtmlInputElement>().value(), "");
    assert_eq!(tree.names().len(), 6, "every group is back");
    assert!(tree.page.try_find("[role=status]").is_none());
}

#[wasm_bindgen_test]
async fn badges_show_required_groups_and_how_many_are_not_set_up() {
    let tree = mount_tree(Locale::En, northwind(), None).await;
    let badges = |tree: &Tree| -> Vec<String> {
        tree.items()
            .iter()
            .filter(|item| item.query_selector(".tree-badge").unwrap().is_some())
            .map(|item| {
                item.text_content().unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
            })
            .collect()
    };
    assert_eq!(badges(&tree), ["Tier 2 2SV Two-step verification required 3 3 not set up"]);
    let tier2 = tree.item("Tier 2");
    let hidden: Vec<String> = tree.page.texts(".visually-hidden").into_iter().collect();
    assert_eq!(hidden, ["Two-step verification required", "3 not set up"]);
    assert_eq!(
        tier2
            .query_selector(".tree-badge [aria-hidden=true]")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "2SV"
    );

    tree.policy.set(Some(policy(T::All)));
    settle().await;
    assert_eq!(tree.page.root.query_selector_all(".tree-badge").unwrap().length(), 5);
    tree.policy.set(Some(policy(T::None)));
    settle().await;
    assert_eq!(tree.page.root.query_selector_all(".tree-badge").unwrap().length(), 0);

    // A save on a group's Settings tab updates its row.
    tree.policy.set(Some(policy(T::SelectedGroups)));
    tree.model.update(|model| {
        let mut tier1 = group(1, None, "Tier 1");
        tier1.force_two_step = true;
        tier1.revision = 2;
        model.update_group(&tier1);
    });
    settle().await;
    assert!(tree.item("Tier 1").query_selector(".tree-badge").unwrap().is_some());
    assert!(tree.item("Tier 1").query_selector(".tree-count").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_tree_speaks_french() {
    let tree = mount_tree(Locale::Fr, northwind(), None).await;
    assert_eq!(
        attr(&tree.page.find("nav"), "aria-label").as_deref(),
        Some("Arborescence de l’organisation")
    );
    assert_eq!(attr(&tree.page.find("[role=tree]"), "aria-label").as_deref(), Some("Organisation"));
    assert_eq!(
        tree.page.texts(".visually-hidden"),
        ["Vérification en deux étapes obligatoire", "3 non configurés"]
    );
    tree.search("xyz").await;
    assert_eq!(tree.page.text("[role=status]"), "Aucun groupe ne correspond à «\u{a0}xyz\u{a0}».");
    let _ = tree.page.labelled("Rechercher des groupes");
}

#[wasm_bindgen_test]
async fn five_thousand_groups_render_only_the_visible_rows_and_filter() {
    let tree = mount_tree(Locale::En, large(5_000), None).await;
    next_frames().await;
    let visible =
        tree.model.with_untracked(|model| model.rows(&Expansion::initial(model), None).len());
    assert!(visible > 100 && visible < 5_000);
    let rendered = tree.items().len();
    assert!(rendered < visible, "only a window of the {visible} visible rows: {rendered}");
    assert_eq!(tree.names()[..2], ["Northwind Support", "Team 0001"]);
    tree.search("0451").await;
    let names = tree.names();
    assert_eq!(names.last().map(String::as_str), Some("Team 0451"));
    assert_eq!(tree.page.texts("[role=tree] mark"), ["0451"]);
    tree.search("").await;
    next_frames().await;
    assert_eq!(tree.items().len(), rendered);
}

/// The tree's rows in the DOM, the scroll viewport, and the heights of the spacers.
/// A tree of 5,000 groups searched for "1", which matches most of them, and the rows that
/// search keeps (all of them, expanded).
async fn broad_search_in_five_thousand_groups() -> (Tree, Vec<Row>) {
    let tree = mount_tree(Locale::En, large(5_000), None).await;
    next_frames().await;
    tree.search("1").await;
    next_frames().await;
    let expected = tree.model.with_untracked(|model| {
        let keep = model.filter("1");
        model.rows(&Expansion::all(model), Some(&keep))
    });
    (tree, expected)
}

fn window_of(tree: &Tree) -> (usize, HtmlElement) {
    (tree.items().len(), tree.page.find(".tree-viewport"))
}

#[wasm_bindgen_test]
async fn a_broad_search_in_five_thousand_groups_renders_a_window_of_rows() {
    let (tree, expected) = broad_search_in_five_thousand_groups().await;
    assert!(expected.len() > 2_000, "a broad search: {} rows", expected.len());
    let (rendered, viewport) = window_of(&tree);
    let row_height = tree.items()[0].get_bounding_client_rect().height();
    assert!(row_height > 0.0);
    let in_view = (f64::from(viewport.client_height()) / row_height).ceil() as usize;
    assert!(in_view > 0, "the viewport has a height");
    assert!(
        rendered <= in_view + 2 * OVERSCAN + 1,
        "{rendered} rows rendered for a viewport of {in_view} rows"
    );
    assert!(rendered >= in_view.min(expected.len()));
    // The scroll height stands for every row.
    let scroll_height = f64::from(viewport.scroll_height());
    let full = expected.len() as f64 * row_height;
    assert!((scroll_height - full).abs() <= row_height, "{scroll_height} for {full}");

    // Scrolled to the middle, the rows there are rendered, with the tree's structure.
    viewport.set_scroll_top((1_000.0 * row_height) as i32);
    support::fire(&viewport, "scroll");
    next_frames().await;
    let items = tree.items();
    assert!(items.len() <= in_view + 2 * OVERSCAN + 2, "{} rows rendered", items.len());
    let first_shown = (f64::from(viewport.scroll_top()) / row_height).floor() as usize;
    let item = items
        .iter()
        .find(|item| attr(item, "data-node") == node_of(&expected[first_shown]))
        .expect("the row at the top of the viewport is rendered");
    let row = &expected[first_shown];
    assert_eq!(attr(item, "aria-level"), Some(row.level.to_string()));
    assert_eq!(attr(item, "aria-setsize"), Some(row.set_size.to_string()));
    assert_eq!(attr(item, "aria-posinset"), Some(row.pos_in_set.to_string()));
    let (top, bottom) = (viewport.get_bounding_client_rect(), item.get_bounding_client_rect());
    assert!(
        bottom.top() >= top.top() - 1.0 && bottom.top() < top.bottom(),
        "the row is where the viewport shows it"
    );
}

fn node_of(row: &Row) -> Option<String> {
    Some(match row.item {
        Item::Root => "root".to_owned(),
        Item::Group(index) => index.to_string(),
    })
}

#[wasm_bindgen_test]
async fn end_focuses_the_last_row_out_of_the_window_and_scrolls_to_it() {
    let (tree, expected) = broad_search_in_five_thousand_groups().await;
    let last = expected.last().unwrap();
    tree.item("Northwind Support").focus().unwrap();
    tree.press("End").await;
    next_frames().await;
    let focused: HtmlElement = document().active_element().expect("focus").unchecked_into();
    assert_eq!(attr(&focused, "role").as_deref(), Some("treeitem"));
    assert_eq!(attr(&focused, "data-node"), node_of(last));
    assert_eq!(attr(&focused, "aria-posinset"), Some(last.pos_in_set.to_string()));
    assert_eq!(attr(&focused, "aria-setsize"), Some(last.set_size.to_string()));
    assert_eq!(attr(&focused, "aria-level"), Some(last.level.to_string()));
    assert_eq!(attr(&focused, "tabindex").as_deref(), Some("0"));
    let viewport = tree.page.find(".tree-viewport").get_bounding_client_rect();
    let row = focused.get_bounding_client_rect();
    assert!(
        row.top() >= viewport.top() - 1.0 && row.bottom() <= viewport.bottom() + 1.0,
        "the last row is in view: {}..{} in {}..{}",
        row.top(),
        row.bottom(),
        viewport.top(),
        viewport.bottom()
    );
    assert!(tree.items().len() <= 2 * OVERSCAN + 60, "still a window: {}", tree.items().len());

    // Up from there, and Home back to the top, still focus the right rows.
    tree.press("ArrowUp").await;
    let focused: HtmlElement = document().active_element().unwrap().unchecked_into();
    assert_eq!(attr(&focused, "data-node"), node_of(&expected[expected.len() - 2]));
    tree.press("Home").await;
    next_frames().await;
    assert_eq!(tree.focused_name(), "Northwind Support");
    assert_eq!(tree.page.find(".tree-viewport").scroll_top(), 0);
}

#[wasm_bindgen_test]
async fn a_selected_group_deep_in_a_large_tree_is_scrolled_into_view() {
    let tree = mount_tree(Locale::En, large(5_000), Some(OrgNode::Group(4_999))).await;
    let name = "Team 4999";
    wait_until(
        "the selected group to be rendered",
        || tree.page.text_or_empty("[role=treeitem][aria-selected=true] .tree-name"),
        |selected| selected == name,
    )
    .await;
    next_frames().await;
    let item = tree.item(name);
    assert_eq!(attr(&item, "aria-selected").as_deref(), Some("true"));
    let viewport = tree.page.find(".tree-viewport").get_bounding_client_rect();
    let row = item.get_bounding_client_rect();
    assert!(row.top() >= viewport.top() - 1.0 && row.bottom() <= viewport.bottom() + 1.0);
    assert_eq!(tree.tab_stops(), [name]);
}
