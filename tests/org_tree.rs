#![cfg(target_arch = "wasm32")]
//! The organization tree: its model (built, filtered, walked) as plain logic, and the tree view
//! mounted in a real browser, driven with the keyboard and the search box.

mod support;

use leptos::prelude::*;
use support::{Mounted, mount_in, settle, sleep};
use twostep_admin::i18n::Locale;
use twostep_admin::routes::{OrgNode, node_of_path};
use twostep_admin::tree::OrgTree;
use twostep_admin::tree::org_tree_model::{
    Expansion, Item, OrgTreeModel, Row, TreeAction, TreeKey, fold, key_action, match_range,
    technicians_required,
};
use twostep_admin::ui::window::{OVERSCAN, Viewport};
use twostep_contract::{
    AdministratorsPolicy as A, PolicySettings, PrimaryMethod, TechnicianGroup,
    TechniciansPolicy as T,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{JsFuture, js_sys};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit};

wasm_bindgen_test_configure!(run_in_browser);

fn group(id: i64, parent_id: Option<i64>, name: &str) -> TechnicianGroup {
    TechnicianGroup {
        id,
        parent_id,
        name: name.into(),
        description: String::new(),
        force_two_step: false,
        technicians: 4,
        technicians_not_enrolled: 0,
        revision: 1,
    }
}

/// Northwind's groups as the server lists them (by name), with a third level under EMEA.
fn northwind() -> Vec<TechnicianGroup> {
    vec![
        group(3, Some(1), "Americas"),
        group(2, Some(1), "EMEA"),
        group(5, None, "Field Services"),
        group(1, None, "Tier 1"),
        TechnicianGroup {
            force_two_step: true,
            technicians_not_enrolled: 3,
            ..group(4, None, "Tier 2")
        },
        group(6, Some(2), "Équipe Lyon"),
    ]
}

fn policy(technicians: T) -> PolicySettings {
    PolicySettings {
        administrators: A::All,
        technicians,
        primary_method: PrimaryMethod::AuthenticatorApp,
    }
}

fn names(model: &OrgTreeModel, rows: &[Row]) -> Vec<String> {
    rows.iter()
        .map(|row| match row.item {
            Item::Root => "(organization)".to_owned(),
            Item::Group(index) => model.node(index).group.name.clone(),
        })
        .collect()
}

fn kept_names(model: &OrgTreeModel, keep: &[bool]) -> Vec<String> {
    let rows = model.rows(&Expansion::all(model), Some(keep));
    names(model, &rows[1..])
}

// ---- The model -------------------------------------------------------------------------

#[wasm_bindgen_test]
fn the_model_nests_groups_under_their_parents_in_list_order() {
    let model = OrgTreeModel::build(northwind());
    assert_eq!(model.len(), 6);
    let top: Vec<&str> =
        model.top().iter().map(|&index| model.node(index).group.name.as_str()).collect();
    assert_eq!(top, ["Field Services", "Tier 1", "Tier 2"]);
    let tier1 = model.index_of(1).unwrap();
    let children: Vec<&str> = model
        .children(Item::Group(tier1))
        .iter()
        .map(|&index| model.node(index).group.name.as_str())
        .collect();
    assert_eq!(children, ["Americas", "EMEA"]);
    let lyon = model.index_of(6).unwrap();
    let ancestors: Vec<i64> =
        model.ancestors(lyon).map(|index| model.node(index).group.id).collect();
    assert_eq!(ancestors, [2, 1]);
    assert_eq!(model.parent(tier1), Item::Root);
    assert_eq!(model.node(lyon).folded, "equipe lyon");
    assert_eq!(model.index_of(99), None);
}

#[wasm_bindgen_test]
fn a_group_whose_parent_is_not_visible_or_that_is_in_a_cycle_goes_to_the_top() {
    let groups = vec![
        group(10, Some(99), "Assigned subgroup"),
        group(11, Some(12), "Loop A"),
        group(12, Some(11), "Loop B"),
        group(13, Some(13), "Own parent"),
    ];
    let model = OrgTreeModel::build(groups);
    let rows = model.rows(&Expansion::all(&model), None);
    let mut shown = names(&model, &rows[1..]);
    shown.sort();
    assert_eq!(shown, ["Assigned subgroup", "Loop A", "Loop B", "Own parent"]);
    assert!(model.top().contains(&model.index_of(10).unwrap()));
}

#[wasm_bindgen_test]
fn folding_ignores_case_and_accents() {
    assert_eq!(fold("Équipe NORD"), "equipe nord");
    assert_eq!(fold("Čeština Łódź Ørsted"), "cestina lodz orsted");
    assert_eq!(fold("Cœur Straße Æsir"), "coeur strasse aesir");
    assert_eq!(fold("e\u{301}te\u{301}"), "ete", "decomposed accents are dropped");
    assert_eq!(fold("Team 0451"), "team 0451");
}

#[wasm_bindgen_test]
fn the_match_is_located_in_the_name_as_written() {
    assert_eq!(match_range("Équipe Lyon", "equipe"), Some(0..7));
    assert_eq!(match_range("Équipe Lyon", "lyon"), Some(8..12));
    assert_eq!(match_range("Cœur", "coe"), Some(0..3));
    assert_eq!(match_range("Cœur", "ur"), Some(3..5));
    assert_eq!(match_range("Tier 1", "2"), None);
    assert_eq!(match_range("Tier 1", ""), None);
}

#[wasm_bindgen_test]
fn a_search_keeps_matches_and_their_ancestors_only() {
    let model = OrgTreeModel::build(northwind());
    assert_eq!(kept_names(&model, &model.filter("emea")), ["Tier 1", "EMEA"]);
    assert_eq!(kept_names(&model, &model.filter(&fold("LYON"))), ["Tier 1", "EMEA", "Équipe Lyon"]);
    assert_eq!(
        kept_names(&model, &model.filter(&fold("équipe"))),
        kept_names(&model, &model.filter("equipe"))
    );
    assert_eq!(kept_names(&model, &model.filter("tier")), ["Tier 1", "Tier 2"]);
    assert!(!model.filter("xyz").contains(&true));
}

#[wasm_bindgen_test]
fn rows_carry_level_position_and_expansion() {
    let model = OrgTreeModel::build(northwind());
    let rows = model.rows(&Expansion::initial(&model), None);
    assert_eq!(
        names(&model, &rows),
        ["(organization)", "Field Services", "Tier 1", "Americas", "EMEA", "Tier 2"]
    );
    let shape: Vec<(u32, u32, u32, Option<bool>)> =
        rows.iter().map(|r| (r.level, r.set_size, r.pos_in_set, r.expanded)).collect();
    assert_eq!(
        shape,
        [
            (1, 1, 1, Some(true)),
            (2, 3, 1, None),
            (2, 3, 2, Some(true)),
            (3, 2, 1, None),
            (3, 2, 2, Some(false)),
            (2, 3, 3, None),
        ]
    );
    let tier2 = &rows[5];
    assert!(tier2.forced);
    assert_eq!(tier2.not_enrolled, 3);

    // Searching "lyon": positions count only the kept siblings.
    let keep = model.filter("lyon");
    let rows = model.rows(&Expansion::all(&model), Some(&keep));
    let shape: Vec<(u32, u32, u32, Option<bool>)> =
        rows.iter().map(|r| (r.level, r.set_size, r.pos_in_set, r.expanded)).collect();
    assert_eq!(
        shape,
        [(1, 1, 1, Some(true)), (2, 1, 1, Some(true)), (3, 1, 1, Some(true)), (4, 1, 1, None)]
    );
}

#[wasm_bindgen_test]
fn the_keys_follow_the_tree_view_pattern() {
    let model = OrgTreeModel::build(northwind());
    let rows = model.rows(&Expansion::initial(&model), None);
    // 0 organization, 1 Field Services, 2 Tier 1 (open), 3 Americas, 4 EMEA (closed), 5 Tier 2
    use TreeAction::*;
    assert_eq!(key_action(&rows, 0, TreeKey::Up), None);
    assert_eq!(key_action(&rows, 0, TreeKey::Down), Some(Focus(1)));
    assert_eq!(key_action(&rows, 5, TreeKey::Down), None);
    assert_eq!(key_action(&rows, 3, TreeKey::Home), Some(Focus(0)));
    assert_eq!(key_action(&rows, 1, TreeKey::End), Some(Focus(5)));
    assert_eq!(key_action(&rows, 2, TreeKey::Right), Some(Focus(3)), "open: first child");
    assert_eq!(key_action(&rows, 4, TreeKey::Right), Some(Expand(4)), "closed: opens");
    assert_eq!(key_action(&rows, 1, TreeKey::Right), None, "no children: nothing");
    assert_eq!(key_action(&rows, 2, TreeKey::Left), Some(Collapse(2)), "open: closes");
    assert_eq!(key_action(&rows, 4, TreeKey::Left), Some(Focus(2)), "closed: to the parent");
    assert_eq!(key_action(&rows, 3, TreeKey::Left), Some(Focus(2)), "leaf: to the parent");
    assert_eq!(key_action(&rows, 1, TreeKey::Left), Some(Focus(0)));
    assert_eq!(key_action(&rows, 0, TreeKey::Left), Some(Collapse(0)));
    assert_eq!(key_action(&rows, 3, TreeKey::Enter), Some(Open(3)));
    assert_eq!(TreeKey::from_key("ArrowDown"), Some(TreeKey::Down));
    assert_eq!(TreeKey::from_key("a"), None);
}

#[wasm_bindgen_test]
fn the_badge_follows_the_contract_rule() {
    assert!(technicians_required(&policy(T::All), false));
    assert!(technicians_required(&policy(T::SelectedGroups), true));
    assert!(!technicians_required(&policy(T::SelectedGroups), false));
    assert!(!technicians_required(&policy(T::None), true));
}

/// `count` groups as `twostep-server generate` makes them: ten top-level groups, each with
/// subgroups nested up to four levels deep, named "Team 0001" and so on.
fn large(count: i64) -> Vec<TechnicianGroup> {
    (1..=count)
        .map(|id| {
            let parent = match id {
                1..=10 => None,
                _ if id % 4 == 0 => Some(id % 10 + 1),
                _ => Some(id / 4),
            };
            group(id, parent, &format!("Team {id:04}"))
        })
        .collect()
}

#[wasm_bindgen_test]
fn five_thousand_groups_build_and_filter() {
    let model = OrgTreeModel::build(large(5_000));
    assert_eq!(model.len(), 5_000);
    assert_eq!(model.top().len(), 10);
    let everything = model.rows(&Expansion::all(&model), None);
    assert_eq!(everything.len(), 5_001, "every group is reachable");
    let initial = model.rows(&Expansion::initial(&model), None);
    let top_children: usize =
        model.top().iter().map(|&i| model.children(Item::Group(i)).len()).sum();
    assert_eq!(initial.len(), 1 + 10 + top_children);

    for query in ["0451", "1", "team 4", "xyz"] {
        let keep = model.filter(query);
        for (index, kept) in keep.iter().enumerate() {
            let index = index as u32;
            let matches = model.node(index).folded.contains(query);
            let has_kept_child =
                model.children(Item::Group(index)).iter().any(|&c| keep[c as usize]);
            assert_eq!(*kept, matches || has_kept_child, "{query}: group {index}");
        }
    }
    let keep = model.filter("0451");
    let found = kept_names(&model, &keep);
    assert_eq!(found.last().map(String::as_str), Some("Team 0451"));
    let lineage: Vec<i64> =
        model.ancestors(model.index_of(451).unwrap()).map(|i| model.node(i).group.id).collect();
    assert_eq!(found.len(), 1 + lineage.len());
}

#[wasm_bindgen_test]
fn the_address_names_the_selected_node() {
    assert_eq!(node_of_path("/organization"), Some(OrgNode::Organization));
    assert_eq!(node_of_path("/organization/global-settings"), Some(OrgNode::Organization));
    assert_eq!(node_of_path("/groups/42/settings"), Some(OrgNode::Group(42)));
    assert_eq!(node_of_path("/groups/x/settings"), None);
    assert_eq!(node_of_path("/sign-in"), None);
}

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
    sleep(20).await;
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

#[wasm_bindgen_test]
fn the_window_covers_the_viewport_and_the_overscan() {
    let viewport = Viewport { scroll_top: 0.0, height: 320.0, row_height: 32.0 };
    assert_eq!(viewport.window(5), 0..5, "a small tree is rendered whole");
    assert_eq!(viewport.window(5_000), 0..10 + OVERSCAN);
    let scrolled = Viewport { scroll_top: 3_200.0, ..viewport };
    assert_eq!(scrolled.window(5_000), 100 - OVERSCAN..110 + OVERSCAN);
    let end = Viewport { scroll_top: 32.0 * 4_990.0, ..viewport };
    assert_eq!(end.window(5_000), 4_990 - OVERSCAN..5_000);
    assert_eq!(scrolled.window(50), 50..50, "beyond the rows: nothing, until the scroll follows");
    assert_eq!(scrolled.reveal(105), None, "in view");
    assert_eq!(scrolled.reveal(10), Some(320.0), "above: scrolled to its top");
    assert_eq!(scrolled.reveal(200), Some(201.0 * 32.0 - 320.0), "below: to its bottom");
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
    sleep(20).await;
    next_frames().await;
    let name = "Team 4999";
    let item = tree.item(name);
    assert_eq!(attr(&item, "aria-selected").as_deref(), Some("true"));
    let viewport = tree.page.find(".tree-viewport").get_bounding_client_rect();
    let row = item.get_bounding_client_rect();
    assert!(row.top() >= viewport.top() - 1.0 && row.bottom() <= viewport.bottom() + 1.0);
    assert_eq!(tree.tab_stops(), [name]);
}
