//! The rows the tree shows: the nodes whose ancestors are all expanded, in document order,
//! with what `aria-level`, `aria-setsize`, `aria-posinset` and `aria-expanded` need.

use super::{Item, OrgTreeModel};

/// Which nodes are expanded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expansion {
    root: bool,
    groups: Vec<bool>,
}

impl Expansion {
    /// How the tree opens: the organization and its top groups expanded, deeper ones collapsed.
    pub fn initial(model: &OrgTreeModel) -> Expansion {
        let mut groups = vec![false; model.len()];
        for &index in model.top() {
            groups[index as usize] = true;
        }
        Expansion { root: true, groups }
    }

    /// Everything expanded, as search results first show.
    pub fn all(model: &OrgTreeModel) -> Expansion {
        Expansion { root: true, groups: vec![true; model.len()] }
    }

    /// Whether `item` is expanded.
    pub fn is_expanded(&self, item: Item) -> bool {
        match item {
            Item::Root => self.root,
            Item::Group(index) => self.groups.get(index as usize).copied().unwrap_or(false),
        }
    }

    /// Expands or collapses `item`.
    pub fn set(&mut self, item: Item, expanded: bool) {
        match item {
            Item::Root => self.root = expanded,
            Item::Group(index) => {
                if let Some(slot) = self.groups.get_mut(index as usize) {
                    *slot = expanded;
                }
            }
        }
    }

    /// Expands the ancestors of group `index`, so that it shows.
    pub fn reveal(&mut self, model: &OrgTreeModel, index: u32) {
        self.root = true;
        for ancestor in model.ancestors(index) {
            self.set(Item::Group(ancestor), true);
        }
    }
}

/// One visible row of the tree.
///
/// Every field is part of the row's identity in the keyed rendering: a row whose level,
/// position, expansion or badge changes is rendered anew, the others are left alone.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Row {
    /// The node.
    pub item: Item,
    /// `aria-level`: 1 for the organization.
    pub level: u32,
    /// `aria-setsize`: the node and its visible siblings.
    pub set_size: u32,
    /// `aria-posinset`, from 1.
    pub pos_in_set: u32,
    /// `aria-expanded`, or `None` for a node without children in this view.
    pub expanded: Option<bool>,
    /// The group has "Force two-step verification" ticked.
    pub forced: bool,
    /// The group's technicians who have not set up two-step verification.
    pub not_enrolled: u64,
}

struct Frame<'a> {
    siblings: &'a [u32],
    next: usize,
    position: u32,
    size: u32,
    level: u32,
}

impl OrgTreeModel {
    /// The visible rows: the organization, then, depth first, every group kept by `keep`
    /// (all of them when `None`) whose ancestors are expanded. O(number of nodes visited).
    pub fn rows(&self, expansion: &Expansion, keep: Option<&[bool]>) -> Vec<Row> {
        let kept = |index: &&u32| keep.is_none_or(|keep| keep[**index as usize]);
        let count = |siblings: &[u32]| siblings.iter().filter(kept).count() as u32;
        let top = count(self.top());
        let root_expanded = (top > 0).then(|| expansion.is_expanded(Item::Root));
        let mut rows = vec![Row {
            item: Item::Root,
            level: 1,
            set_size: 1,
            pos_in_set: 1,
            expanded: root_expanded,
            forced: false,
            not_enrolled: 0,
        }];
        let mut stack = Vec::new();
        if root_expanded == Some(true) {
            stack.push(Frame { siblings: self.top(), next: 0, position: 0, size: top, level: 2 });
        }
        while let Some(frame) = stack.last_mut() {
            let Some(&index) = frame.siblings.get(frame.next) else {
                stack.pop();
                continue;
            };
            frame.next += 1;
            if !kept(&&index) {
                continue;
            }
            frame.position += 1;
            let (position, size, level) = (frame.position, frame.size, frame.level);
            let node = self.node(index);
            let children = count(&node.children);
            let expanded = (children > 0).then(|| expansion.is_expanded(Item::Group(index)));
            rows.push(Row {
                item: Item::Group(index),
                level,
                set_size: size,
                pos_in_set: position,
                expanded,
                forced: node.group.force_two_step,
                not_enrolled: node.group.technicians_not_enrolled,
            });
            if expanded == Some(true) {
                stack.push(Frame {
                    siblings: &node.children,
                    next: 0,
                    position: 0,
                    size: children,
                    level: level + 1,
                });
            }
        }
        rows
    }
}
