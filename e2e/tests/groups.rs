//! The organization tree and a technician group's Settings tab end to end (issue 4): a master
//! administrator forces two-step verification in a group and its technicians become required;
//! an administrator sees and changes only the groups assigned to them; a group's Settings tab
//! has its own address that survives a reload and works with Back and Forward; the tree follows
//! the WAI-ARIA tree view pattern with the keyboard and filters as one types; and all of it is
//! clean for axe-core. Each scenario runs in Chromium, Firefox and WebKit, with its own server
//! on a fresh database; what the server saved is checked through the REST API.

#![warn(missing_docs)]

use twostep_contract::{PolicySettings, TechnicianGroup, TechniciansPolicy};
use twostep_e2e::demo::{INES, MAYA};
use twostep_e2e::{
    ApiSession, Browser, BrowserKind, DEMO_PASSWORD, Key, NORTHWIND_SEEDED_POLICY, TestServer,
    TreeItem, describe_tree, in_every_browser,
};

const ORGANIZATION: &str = "Northwind Support";
const GLOBAL_SETTINGS: &str = "/organization/global-settings";

/// The accessible names of the tree's landmark, the tree and its search box.
const TREE_NAV: &str = "Organization tree";
const TREE: &str = "Organization";
const SEARCH: &str = "Search groups";

const FORCE: &str = "Force two-step verification";
const SAVE: &str = "Save changes";
const DISCARD: &str = "Discard changes";
const APPLIED: &str = "Settings applied to the technicians of this group.";
const REQUIRED_BADGE: &str = "Two-step verification required";
const NOT_VISIBLE: &str = "This technician group does not exist or you cannot see it.";
const NO_EFFECT: &str = "This setting has no effect until Global Settings › Technicians is set to \
                         “Members of selected technician groups”.";

/// Northwind's policy as the seed creates it (revision 1).
const SEEDED: PolicySettings = NORTHWIND_SEEDED_POLICY;

/// A server, a browser signed in as one person and showing the page they asked for, and an
/// API session of that person's to check what the server holds.
struct Console {
    server: TestServer,
    browser: Browser,
    api: ApiSession,
    groups: Vec<TechnicianGroup>,
}

impl Console {
    /// Opens `path` signed out, signs in as `email` on the sign-in page it leads to, and waits
    /// to be back at `path` (the sign-in page's `next`).
    fn open(kind: BrowserKind, email: &str, path: &str) -> Self {
        Self::open_with(kind, email, |_| path.to_owned())
    }

    /// As [`Console::open`], at the path `path_of` makes from the groups this person sees.
    fn open_with(
        kind: BrowserKind,
        email: &str,
        path_of: impl FnOnce(&[TechnicianGroup]) -> String,
    ) -> Self {
        let server = TestServer::start();
        let api = ApiSession::sign_in(&server, email, DEMO_PASSWORD);
        let groups = api.technician_groups();
        let path = path_of(&groups);
        let browser = Browser::launch(kind);
        browser.sign_in_at(&server, &path, email, DEMO_PASSWORD);
        Self { server, browser, api, groups }
    }

    /// The group named `name`, as the signed-in person's API session lists it.
    fn group(&self, name: &str) -> &TechnicianGroup {
        self.groups.iter().find(|group| group.name == name).unwrap_or_else(|| {
            panic!("no group {name:?} among {:?}", names(&self.groups));
        })
    }

    /// Waits until the Settings tab of `group` is shown: its name as the page's heading, the
    /// Settings tab marked current, the checkbox loaded.
    fn wait_for_settings_tab(&self, group: &str) {
        let browser = &self.browser;
        let kind = browser.kind();
        browser.heading(1, group);
        let tab = browser.by_role("navigation", "Group sections").by_role("link", "Settings");
        assert_eq!(tab.attribute("aria-current").as_deref(), Some("page"), "{kind}: {group}");
        browser.heading(2, "Two-step verification");
        browser.by_role("checkbox", FORCE);
    }

    /// Waits until the tree shows exactly the item labelled `label` as selected.
    fn wait_for_selected(&self, label: &str) {
        self.browser.wait_for_tree(TREE, &format!("{label:?} selected, alone"), |items| {
            let selected: Vec<&TreeItem> = items.iter().filter(|item| item.selected).collect();
            matches!(selected.as_slice(), [item] if item.is(label))
        });
    }

    /// Opens the Settings tab of `group` by clicking it in the tree.
    fn open_in_tree(&self, group: &TechnicianGroup) {
        self.browser.tree_item(TREE, &group.name).click();
        self.browser.wait_for_path(&settings_path(group.id));
        self.wait_for_settings_tab(&group.name);
    }

    fn checkbox_checked(&self) -> bool {
        self.browser.by_role("checkbox", FORCE).is_checked()
    }

    /// Fails unless Save changes and Discard changes are both `enabled` (or both disabled).
    fn assert_buttons(&self, enabled: bool) {
        let kind = self.browser.kind();
        for name in [SAVE, DISCARD] {
            assert_eq!(
                self.browser.by_role("button", name).is_enabled(),
                enabled,
                "{kind}: {name}"
            );
        }
    }

    /// Saves and waits for the success status, which gets the focus.
    fn save(&self) {
        let browser = &self.browser;
        browser.by_role("button", SAVE).click();
        browser.by_role_with_text("status", APPLIED);
        wait_until(browser, "focus on the success status", || {
            let focused = browser.focused_element_text();
            if focused.contains(APPLIED) { Ok(()) } else { Err(focused) }
        });
        self.assert_buttons(false);
    }

    /// The group `id` as the server holds it, through this person's API session.
    fn saved(&self, id: i64) -> TechnicianGroup {
        self.api.technician_group(id).0
    }

    /// The policy as saved, and how many members it requires now (previewing the saved
    /// settings changes nothing and counts).
    fn required_now(&self) -> (PolicySettings, u64) {
        let (policy, _) = self.api.policy();
        (policy.settings, self.api.preview_policy(policy.settings).required)
    }
}

fn settings_path(id: i64) -> String {
    format!("/groups/{id}/settings")
}

fn names(groups: &[TechnicianGroup]) -> Vec<&str> {
    groups.iter().map(|group| group.name.as_str()).collect()
}

/// "Saving will require 3 technicians of this group to use two-step verification."
fn will_require(technicians: u64) -> String {
    let noun = if technicians == 1 { "technician" } else { "technicians" };
    format!("Saving will require {technicians} {noun} of this group to use two-step verification.")
}

/// The labels of the visible items that are groups (every item but the organization's root),
/// in order.
fn group_labels<'i>(items: &'i [TreeItem], groups: &'i [TechnicianGroup]) -> Vec<&'i str> {
    items
        .iter()
        .filter(|item| !item.is(ORGANIZATION))
        .map(|item| {
            groups
                .iter()
                .map(|group| group.name.as_str())
                .filter(|name| item.is(name))
                .max_by_key(|name| name.len())
                .unwrap_or(item.name.as_str())
        })
        .collect()
}

/// Polls `probe` until it answers `Ok`, up to ten seconds; an `Err` carries what it saw.
#[track_caller]
fn wait_until<O: std::fmt::Debug>(
    browser: &Browser,
    what: &str,
    probe: impl FnMut() -> Result<(), O>,
) {
    if let Err(timed_out) = twostep_e2e::wait_until(what, twostep_e2e::WAIT, probe) {
        panic!("{}: {timed_out}", browser.kind());
    }
}

trait FocusedText {
    /// The visible text of the focused element, whitespace collapsed; empty if none.
    fn focused_element_text(&self) -> String;
}

impl FocusedText for Browser {
    fn focused_element_text(&self) -> String {
        let text = self.execute(
            "const active = document.activeElement;
             if (!active || active === document.body) return '';
             return (active.innerText || '').replace(/\\s+/g, ' ').trim();",
            Vec::new(),
        );
        text.as_str().unwrap_or_default().to_owned()
    }
}

fn master_administrator_forces_a_group(kind: BrowserKind) {
    let console = Console::open(kind, MAYA, GLOBAL_SETTINGS);
    let browser = &console.browser;
    let tier1 = console.group("Tier 1").clone();
    let tier2 = console.group("Tier 2").clone();
    assert!(!tier1.force_two_step && tier2.force_two_step, "the seed forces Tier 2 only");
    assert!(tier1.technicians > 0, "the seed puts technicians in Tier 1: {tier1:?}");
    let (saved_policy, required_before) = console.required_now();
    assert_eq!(saved_policy, SEEDED);

    // Global Settings already applies two-step verification to the selected groups.
    browser.heading(2, "Two-step verification");
    let technicians = browser.by_role("group", "Technicians");
    assert!(
        technicians.by_role("radio", "Members of selected technician groups").is_checked(),
        "{kind}: the seed's policy applies to selected groups"
    );

    // The forced group carries the badge, with how many of its technicians have not set up
    // two-step verification; the others carry none.
    let items = browser.wait_for_tree(TREE, "Tier 1 and Tier 2", |items| {
        items.iter().any(|item| item.is("Tier 1")) && items.iter().any(|item| item.is("Tier 2"))
    });
    let item = |label: &str| items.iter().find(|item| item.is(label)).cloned().expect("waited");
    let tier2_item = item("Tier 2");
    assert!(tier2_item.name.contains(REQUIRED_BADGE), "{kind}: Tier 2's badge: {tier2_item}");
    if tier2.technicians_not_enrolled > 0 {
        let count = format!("{} not set up", tier2.technicians_not_enrolled);
        assert!(tier2_item.name.contains(&count), "{kind}: {count:?} in {tier2_item}");
    }
    assert!(!item("Tier 1").name.contains(REQUIRED_BADGE), "{kind}: Tier 1 has no badge yet");

    console.open_in_tree(&tier1);
    console.wait_for_selected("Tier 1");
    browser.text_visible(&tier1.description);
    assert!(!console.checkbox_checked(), "{kind}: Tier 1 does not force it yet");
    console.assert_buttons(false);

    browser.by_role("checkbox", FORCE).click();
    assert!(console.checkbox_checked(), "{kind}: ticked");
    console.assert_buttons(true);
    browser.text_visible(&will_require(tier1.technicians));
    console.save();
    assert!(console.checkbox_checked(), "{kind}: still ticked after saving");

    let saved = console.saved(tier1.id);
    assert!(saved.force_two_step, "{kind}: the server holds the change: {saved:?}");
    assert_eq!(saved.revision, tier1.revision + 1, "{kind}: one new revision");
    let (_, required_after) = console.required_now();
    assert_eq!(
        required_after,
        required_before + tier1.technicians,
        "{kind}: Tier 1's {} technicians are now required",
        tier1.technicians
    );

    // A reload shows what was saved, and the tree's badge on Tier 1.
    browser.reload();
    console.wait_for_settings_tab("Tier 1");
    assert!(console.checkbox_checked(), "{kind}: ticked after a reload");
    browser.wait_for_tree(TREE, "the badge on Tier 1", |items| {
        items.iter().any(|item| item.is("Tier 1") && item.name.contains(REQUIRED_BADGE))
    });
}

fn administrator_changes_only_their_groups(kind: BrowserKind) {
    let console = Console::open(kind, INES, "/organization");
    let browser = &console.browser;
    let mut visible = names(&console.groups);
    visible.sort_unstable();
    assert_eq!(visible, ["Americas", "EMEA", "Tier 1"], "Inès administers Tier 1 and below");

    // The tree shows the organization and Inès's groups, no other.
    let items =
        browser.wait_for_tree(TREE, "the organization and three groups", |items| items.len() == 4);
    assert!(items[0].is(ORGANIZATION), "{kind}: the root comes first:\n{}", describe_tree(&items));
    let mut shown = group_labels(&items, &console.groups);
    shown.sort_unstable();
    assert_eq!(shown, ["Americas", "EMEA", "Tier 1"], "{kind}:\n{}", describe_tree(&items));
    let tree = browser.by_role("navigation", TREE_NAV);
    for other in ["Tier 2", "Field Services"] {
        assert_eq!(tree.count_by_role("treeitem", other), 0, "{kind}: {other} is not shown");
    }

    let emea = console.group("EMEA").clone();
    console.open_in_tree(&emea);
    console.wait_for_selected("EMEA");
    browser.by_role("checkbox", FORCE).click();
    browser.text_visible(&will_require(emea.technicians));
    console.save();
    let saved = console.saved(emea.id);
    assert!(saved.force_two_step, "{kind}: the server holds Inès's change: {saved:?}");

    // Tier 2 is not Inès's: the API does not even admit it exists.
    let maya = ApiSession::sign_in(&console.server, MAYA, DEMO_PASSWORD);
    let tier2 = maya.technician_groups().into_iter().find(|g| g.name == "Tier 2").expect("Tier 2");
    let (_, etag) = maya.technician_group(tier2.id);
    let answer = console.api.patch_technician_group(tier2.id, false, &etag);
    assert_eq!(answer.status, 404, "{kind}: Inès cannot change Tier 2: {answer:?}");
    assert!(maya.technician_group(tier2.id).0.force_two_step, "{kind}: Tier 2 is unchanged");

    // Nor does the console, opened at Tier 2's address.
    browser.goto(&console.server.url(&settings_path(tier2.id)));
    browser.text_visible(NOT_VISIBLE);
    assert_eq!(browser.count_by_role("checkbox", FORCE), 0, "{kind}: no checkbox for Tier 2");
    browser.assert_text_absent(&tier2.description);
}

fn a_group_has_its_own_address(kind: BrowserKind) {
    // A link to Tier 1's Settings tab, opened signed out, leads there after signing in.
    let console = Console::open_with(kind, MAYA, |groups| {
        let tier1 = groups.iter().find(|group| group.name == "Tier 1").expect("Tier 1");
        settings_path(tier1.id)
    });
    let tier1 = console.group("Tier 1").clone();
    let tier2 = console.group("Tier 2").clone();
    let browser = &console.browser;
    console.wait_for_settings_tab("Tier 1");
    console.wait_for_selected("Tier 1");

    browser.reload();
    browser.wait_for_path(&settings_path(tier1.id));
    console.wait_for_settings_tab("Tier 1");
    console.wait_for_selected("Tier 1");

    console.open_in_tree(&tier2);
    console.wait_for_selected("Tier 2");
    // The root opens the organization's tabs: Global Settings, for a master administrator.
    browser.tree_item(TREE, ORGANIZATION).click();
    browser.wait_for_path(GLOBAL_SETTINGS);
    console.wait_for_selected(ORGANIZATION);

    browser.back();
    browser.wait_for_path(&settings_path(tier2.id));
    console.wait_for_settings_tab("Tier 2");
    console.wait_for_selected("Tier 2");
    browser.back();
    browser.wait_for_path(&settings_path(tier1.id));
    console.wait_for_settings_tab("Tier 1");
    console.wait_for_selected("Tier 1");
    browser.forward();
    browser.wait_for_path(&settings_path(tier2.id));
    console.wait_for_settings_tab("Tier 2");
    console.wait_for_selected("Tier 2");
}

/// Presses `key` and waits until the focused tree item is labelled `label` and is the tree's
/// only tab stop (roving tabindex); returns the tree as it then is.
#[track_caller]
fn press_to(browser: &Browser, key: Key, label: &str) -> Vec<TreeItem> {
    browser.press(key);
    browser.wait_for_tree(TREE, &format!("focus on {label:?}, the only tab stop"), |items| {
        let stops: Vec<&TreeItem> = items.iter().filter(|item| item.tab_stop).collect();
        items.iter().any(|item| item.focused && item.is(label))
            && matches!(stops.as_slice(), [stop] if stop.focused)
    })
}

fn the_tree_works_with_the_keyboard(kind: BrowserKind) {
    let console = Console::open(kind, MAYA, GLOBAL_SETTINGS);
    let browser = &console.browser;
    console.wait_for_selected(ORGANIZATION);
    let groups = &console.groups;

    // One tab stop: Tab goes from the search box into the tree, on the selected item.
    browser.reload();
    console.wait_for_selected(ORGANIZATION);
    browser.tab_to("searchbox", SEARCH, 20);
    for _ in 0..3 {
        browser.press(Key::Tab);
        if browser.focused().is_some_and(|focus| focus.role.as_deref() == Some("treeitem")) {
            break;
        }
    }
    let items = browser.wait_for_tree(TREE, "focus on the organization", |items| {
        items.iter().any(|item| item.focused && item.is(ORGANIZATION))
    });
    assert_eq!(items.iter().filter(|item| item.tab_stop).count(), 1, "{kind}: one tab stop");
    assert_eq!(items[0].expanded, Some(true), "{kind}: the root is open");
    let label = |item: &TreeItem| -> String {
        groups
            .iter()
            .map(|group| group.name.clone())
            .chain([ORGANIZATION.to_owned()])
            .filter(|name| item.is(name))
            .max_by_key(String::len)
            .unwrap_or_else(|| item.name.clone())
    };
    let order: Vec<String> = items.iter().map(label).collect();
    let position = |name: &str| order.iter().position(|label| label == name).expect("shown");
    let tier1_at = position("Tier 1");
    let tier1 = &items[tier1_at];
    assert_eq!(tier1.expanded, Some(true), "{kind}: top-level groups are open at first");
    let children: Vec<&String> = order[tier1_at + 1..]
        .iter()
        .zip(&items[tier1_at + 1..])
        .take_while(|(_, item)| item.level > tier1.level)
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        children.len(),
        2,
        "{kind}: EMEA and Americas under Tier 1:\n{}",
        describe_tree(&items)
    );

    // Down and Up move through the visible items, End and Home to the last and the first.
    press_to(browser, Key::Down, &order[1]);
    press_to(browser, Key::End, order.last().expect("items"));
    press_to(browser, Key::Home, &order[0]);
    for name in &order[1..=tier1_at] {
        press_to(browser, Key::Down, name);
    }
    press_to(browser, Key::Up, &order[tier1_at - 1]);
    press_to(browser, Key::Down, "Tier 1");

    // Left closes an open item, then moves to its parent; Right opens a closed item, then
    // moves to its first child.
    press_to(browser, Key::Left, "Tier 1");
    let closed = browser.wait_for_tree(TREE, "Tier 1 closed by Left", |items| {
        items.iter().any(|item| item.focused && item.is("Tier 1") && item.expanded == Some(false))
    });
    for child in &children {
        assert!(!closed.iter().any(|item| item.is(child)), "{kind}: {child} is hidden");
    }
    press_to(browser, Key::Left, ORGANIZATION);
    press_to(browser, Key::Right, &order[1]);
    while !browser.tree_items(TREE).iter().any(|item| item.focused && item.is("Tier 1")) {
        let before = browser.tree_items(TREE);
        browser.press(Key::Down);
        assert_ne!(browser.tree_items(TREE), before, "{kind}: Down reaches Tier 1");
    }
    press_to(browser, Key::Right, "Tier 1");
    let opened = browser.wait_for_tree(TREE, "Tier 1 opened by Right", |items| {
        items.iter().any(|item| item.focused && item.is("Tier 1") && item.expanded == Some(true))
    });
    for child in &children {
        assert!(opened.iter().any(|item| item.is(child)), "{kind}: {child} is shown again");
    }
    press_to(browser, Key::Right, children[0]);
    press_to(browser, Key::Left, "Tier 1");
    press_to(browser, Key::Right, children[0]);

    // Enter opens the focused item.
    browser.press(Key::Enter);
    let child = console.group(children[0]);
    browser.wait_for_path(&settings_path(child.id));
    console.wait_for_settings_tab(&child.name);
    console.wait_for_selected(&child.name);
}

fn the_search_keeps_the_ancestors_of_matches(kind: BrowserKind) {
    let console = Console::open(kind, MAYA, GLOBAL_SETTINGS);
    let browser = &console.browser;
    let groups = &console.groups;
    let all = browser.wait_for_tree(TREE, "every group", |items| {
        group_labels(items, groups).len() == groups.len()
    });

    browser.by_role("searchbox", SEARCH).fill("emea");
    let found = browser.wait_for_tree(TREE, "Tier 1 and EMEA only", |items| {
        group_labels(items, groups) == ["Tier 1", "EMEA"]
    });
    for item in found.iter().filter(|item| item.is("Tier 1")) {
        assert_eq!(item.expanded, Some(true), "{kind}: the ancestor of a match is open");
    }

    // Escape in the box clears the search and brings every group back.
    browser.press(Key::Escape);
    wait_until(browser, "empty search box", || {
        let value = browser.by_role("searchbox", SEARCH).property("value");
        if value.as_deref() == Some("") { Ok(()) } else { Err(value) }
    });
    browser.wait_for_tree(TREE, "the tree as before the search", |items| {
        group_labels(items, groups) == group_labels(&all, groups)
    });

    browser.by_role("searchbox", SEARCH).fill("SERVICES");
    browser.wait_for_tree(TREE, "Field Services only", |items| {
        group_labels(items, groups) == ["Field Services"]
    });

    browser.by_role("searchbox", SEARCH).fill("xyz");
    browser.text_visible("No group matches “xyz”.");
    browser.wait_for_tree(TREE, "no group", |items| group_labels(items, groups).is_empty());
}

fn the_tree_and_a_group_tab_are_accessible(kind: BrowserKind) {
    let console = Console::open(kind, MAYA, "/organization");
    let tier1 = console.group("Tier 1").clone();
    let browser = &console.browser;
    console.open_in_tree(&tier1);
    console.wait_for_selected("Tier 1");
    browser.assert_axe_clean("a group's Settings tab with the organization tree");

    browser.by_role("checkbox", FORCE).click();
    browser.text_visible(&will_require(tier1.technicians));
    browser.assert_axe_clean("a group's Settings tab with an unsaved change");
    browser.by_role("button", DISCARD).click();
    assert!(!console.checkbox_checked(), "{kind}: Discard changes unticks");
    console.assert_buttons(false);

    browser.by_role("searchbox", SEARCH).fill("emea");
    browser.wait_for_tree(TREE, "Tier 1 and EMEA only", |items| {
        group_labels(items, &console.groups) == ["Tier 1", "EMEA"]
    });
    browser.assert_axe_clean("the organization tree filtered by a search");
    browser.by_role("searchbox", SEARCH).fill("xyz");
    browser.text_visible("No group matches “xyz”.");
    browser.assert_axe_clean("the organization tree when nothing matches");

    // When the policy does not look at groups, the tab says so and links to Global Settings;
    // the checkbox stays editable.
    console.api.change_policy(PolicySettings { technicians: TechniciansPolicy::All, ..SEEDED });
    browser.reload();
    console.wait_for_settings_tab("Tier 1");
    browser.text_visible(NO_EFFECT);
    let link = browser.by_role("link", "Open Global Settings");
    assert_eq!(link.attribute("href").as_deref(), Some(GLOBAL_SETTINGS), "{kind}");
    assert!(browser.by_role("checkbox", FORCE).is_enabled(), "{kind}: still editable");
    browser.assert_axe_clean("a group's Settings tab while groups have no effect");
    link.click();
    browser.wait_for_path(GLOBAL_SETTINGS);
    console.wait_for_selected(ORGANIZATION);
}

in_every_browser!(
    master_administrator_forces_a_group,
    administrator_changes_only_their_groups,
    a_group_has_its_own_address,
    the_tree_works_with_the_keyboard,
    the_search_keeps_the_ancestors_of_matches,
    the_tree_and_a_group_tab_are_accessible,
);
