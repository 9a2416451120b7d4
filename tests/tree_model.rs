#![cfg(not(target_arch = "wasm32"))]
//! The organization tree's model as plain logic: built, filtered, walked with the keyboard,
//! the address of the selected node, and the window of rows the view renders.

#![warn(missing_docs)]

mod org_fixtures;

use org_fixtures::{group, large, northwind, policy};
use twostep_admin::routes::{OrgNode, node_of_path};
use twostep_admin::tree::org_tree_model::{
    Expansion, Item, OrgTreeModel, Row, TreeAction, TreeKey, fold, key_action, match_range,
    technicians_required,
};
use twostep_admin::ui::window::{OVERSCAN, Viewport};
use twostep_contract::TechniciansPolicy as T;

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

#[test]
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

#[test]
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

#[test]
fn folding_ignores_case_and_accents() {
    assert_eq!(fold("Équipe NORD"), "equipe nord");
    assert_eq!(fold("Čeština Łódź Ørsted"), "cestina lodz orsted");
    assert_eq!(fold("Cœur Straße Æsir"), "coeur strasse aesir");
    assert_eq!(fold("e\u{301}te\u{301}"), "ete", "decomposed accents are dropped");
    assert_eq!(fold("Team 0451"), "team 0451");
}

#[test]
fn the_match_is_located_in_the_name_as_written() {
    assert_eq!(match_range("Équipe Lyon", "equipe"), Some(0..7));
    assert_eq!(match_range("Équipe Lyon", "lyon"), Some(8..12));
    assert_eq!(match_range("Cœur", "coe"), Some(0..3));
    assert_eq!(match_range("Cœur", "ur"), Some(3..5));
    assert_eq!(match_range("Tier 1", "2"), None);
    assert_eq!(match_range("Tier 1", ""), None);
}

#[test]
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

#[test]
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

#[test]
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

#[test]
fn the_badge_follows_the_contract_rule() {
    assert!(technicians_required(&policy(T::All), false));
    assert!(technicians_required(&policy(T::SelectedGroups), true));
    assert!(!technicians_required(&policy(T::SelectedGroups), false));
    assert!(!technicians_required(&policy(T::None), true));
}

#[test]
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

#[test]
fn the_address_names_the_selected_node() {
    assert_eq!(node_of_path("/organization"), Some(OrgNode::Organization));
    assert_eq!(node_of_path("/organization/global-settings"), Some(OrgNode::Organization));
    assert_eq!(node_of_path("/groups/42/settings"), Some(OrgNode::Group(42)));
    assert_eq!(node_of_path("/groups/x/settings"), None);
    assert_eq!(node_of_path("/sign-in"), None);
}

#[test]
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
