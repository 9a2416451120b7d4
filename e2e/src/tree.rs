//! ARIA tree views (the WAI-ARIA "tree view" pattern: `role="tree"` with `role="treeitem"`
//! items), read the way assistive technology reads them: which items are visible, in which
//! order, at which level, expanded or collapsed, selected, focused, and which one is the tree's
//! tab stop.

use std::fmt;

use serde_json::{Value, json};

use crate::browser::Browser;
use crate::query::Element;
use crate::wait::wait_until;

/// One visible item of a tree, as [`Browser::tree_items`] found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeItem {
    /// The accessible name, whitespace collapsed (for an item with a badge, the label followed
    /// by the badge's text).
    pub name: String,
    /// `aria-level` (1 for the items at the top), or the nesting depth when it is missing.
    pub level: u32,
    /// `aria-expanded`: `Some(true)` open, `Some(false)` closed, `None` for an item without
    /// children.
    pub expanded: Option<bool>,
    /// `aria-selected="true"`.
    pub selected: bool,
    /// Whether it has keyboard focus.
    pub focused: bool,
    /// Whether it is the tree's tab stop (`tabindex="0"`; the others have `-1`).
    pub tab_stop: bool,
    element: Value,
    row: Value,
}

impl TreeItem {
    /// Whether this item is labelled `label`: its accessible name is `label`, or starts with
    /// `label` and a space (followed by a badge's text, like "Tier 2 Two-step verification
    /// required").
    pub fn is(&self, label: &str) -> bool {
        self.name == label
            || self.name.strip_prefix(label).is_some_and(|rest| rest.starts_with(' '))
    }
}

impl fmt::Display for TreeItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:indent$}{:?} (level {}",
            "",
            self.name,
            self.level,
            indent = 2 * self.level as usize
        )?;
        match self.expanded {
            Some(true) => f.write_str(", expanded")?,
            Some(false) => f.write_str(", collapsed")?,
            None => {}
        }
        for (on, what) in
            [(self.selected, "selected"), (self.focused, "focused"), (self.tab_stop, "tab stop")]
        {
            if on {
                write!(f, ", {what}")?;
            }
        }
        f.write_str(")")
    }
}

/// The items of a tree, one per line, indented by level, for failure messages.
pub fn describe_tree(items: &[TreeItem]) -> String {
    if items.is_empty() {
        return "  (no visible items)".to_owned();
    }
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

impl Browser {
    /// The visible items of the tree named `tree` (its accessible name, like "Organization"),
    /// in document order, right now (no waiting); empty while there is no such tree.
    ///
    /// # Panics
    /// If the page has more than one visible tree with that name, or cannot be queried.
    #[track_caller]
    pub fn tree_items(&self, tree: &str) -> Vec<TreeItem> {
        let mut result = Value::Null;
        for _ in 0..3 {
            self.inject_axe();
            result = self.execute(include_str!("js/tree_items.js"), vec![json!(tree)]);
            if result.get("axeMissing").is_none() {
                break;
            }
        }
        if let Some(trees) = result.get("trees").and_then(Value::as_u64) {
            assert!(trees == 0, "{}: {trees} visible trees are named {tree:?}", self.kind());
            return Vec::new();
        }
        result["items"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|item| TreeItem {
                name: item["name"].as_str().unwrap_or_default().to_owned(),
                level: item["level"].as_u64().and_then(|l| u32::try_from(l).ok()).unwrap_or(1),
                expanded: match item["expanded"].as_str() {
                    Some("true") => Some(true),
                    Some("false") => Some(false),
                    _ => None,
                },
                selected: item["selected"].as_bool().unwrap_or_default(),
                focused: item["focused"].as_bool().unwrap_or_default(),
                tab_stop: item["tabindex"].as_str() == Some("0"),
                element: item["element"].clone(),
                row: item["row"].clone(),
            })
            .collect()
    }

    /// Waits up to the query timeout (ten seconds by default) until the visible items of the
    /// tree named `tree` satisfy `condition`, described by `what` ("EMEA is selected"), and
    /// returns them.
    ///
    /// # Panics
    /// If they still do not when the time is up; the message draws the tree as it is.
    #[track_caller]
    pub fn wait_for_tree(
        &self,
        tree: &str,
        what: &str,
        condition: impl Fn(&[TreeItem]) -> bool,
    ) -> Vec<TreeItem> {
        let wait = self.query_timeout.get();
        let shown = wait_until(&format!("{what} in the tree {tree:?}"), wait, || {
            let items = self.tree_items(tree);
            if condition(&items) { Ok(items) } else { Err(items) }
        });
        match shown {
            Ok(items) => items,
            Err(timed_out) => panic!(
                "{}: expected {what} in the tree {tree:?} on {} after {wait:?}; it shows:\n{}",
                self.kind(),
                self.current_url(),
                describe_tree(&timed_out.last)
            ),
        }
    }

    /// Waits for exactly one visible item labelled `label` (see [`TreeItem::is`]) in the tree
    /// named `tree` and returns what a mouse user clicks to open it: the item, or its row
    /// when it nests its children.
    ///
    /// # Panics
    /// If there is none, or more than one, when the time is up.
    #[track_caller]
    pub fn tree_item(&self, tree: &str, label: &str) -> Element<'_> {
        let items = self.wait_for_tree(tree, &format!("one item labelled {label:?}"), |items| {
            items.iter().filter(|item| item.is(label)).count() == 1
        });
        let item = items.iter().find(|item| item.is(label)).expect("waited for it");
        let row = if item.row.is_null() { &item.element } else { &item.row };
        self.element_from_reference(row, &format!("the tree item {label:?} in {tree:?}"))
    }
}
