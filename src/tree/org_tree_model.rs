//! The organization tree as data: built once per load of the technician groups, then filtered
//! and walked without touching the DOM.
//!
//! Nothing here depends on the browser: the tree component turns the [`Row`]s of
//! [`OrgTreeModel::rows`] into elements and the keys it receives into [`key_action`]s.

mod fold;
mod keys;
mod rows;

use twostep_contract::{MemberFacts, PolicySettings, TechnicianGroup, is_required};

pub use fold::{fold, match_range};
pub use keys::{TreeAction, TreeKey, key_action};
pub use rows::{Expansion, Row};

/// A node of the tree: the organization at the root, or one of its groups by its index in the
/// model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    /// The organization.
    Root,
    /// The group at this index of [`OrgTreeModel::node`].
    Group(u32),
}

/// One technician group in the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupNode {
    /// The group as listed by the server.
    pub group: TechnicianGroup,
    /// Its name folded for search ([`fold`]).
    pub folded: String,
    /// The index of its parent, or `None` at the top of the organization.
    pub parent: Option<u32>,
    /// The indices of its subgroups, in the order of the list.
    pub children: Vec<u32>,
}

/// The groups the person may see, as a tree under the organization.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrgTreeModel {
    nodes: Vec<GroupNode>,
    top: Vec<u32>,
    /// `(group id, index)`, sorted by id.
    by_id: Vec<(i64, u32)>,
}

impl OrgTreeModel {
    /// Builds the tree from the flat list of `GET /technician-groups`, keeping its order among
    /// siblings. A group whose parent is not in the list (it is not visible to the person) is
    /// put at the top, and so is any group of a cycle, so that every group can be reached.
    pub fn build(groups: Vec<TechnicianGroup>) -> OrgTreeModel {
        let mut by_id: Vec<(i64, u32)> =
            groups.iter().enumerate().map(|(index, group)| (group.id, index as u32)).collect();
        by_id.sort_unstable();
        let find =
            |id: i64| by_id.binary_search_by_key(&id, |&(id, _)| id).ok().map(|at| by_id[at].1);
        let parents: Vec<Option<u32>> =
            groups.iter().map(|group| group.parent_id.and_then(find)).collect();
        let mut nodes: Vec<GroupNode> = groups
            .into_iter()
            .zip(&parents)
            .map(|(group, &parent)| GroupNode {
                folded: fold(&group.name),
                group,
                parent,
                children: Vec::new(),
            })
            .collect();
        let mut top = Vec::new();
        for (index, parent) in parents.iter().enumerate() {
            match parent {
                Some(parent) => nodes[*parent as usize].children.push(index as u32),
                None => top.push(index as u32),
            }
        }
        let mut model = OrgTreeModel { nodes, top, by_id };
        model.lift_cycles();
        model
    }

    /// Puts at the top the groups that cannot be reached from it (parent links in a cycle).
    fn lift_cycles(&mut self) {
        let mut reached = vec![false; self.nodes.len()];
        let mut stack = self.top.clone();
        let mut count = 0;
        loop {
            while let Some(index) = stack.pop() {
                reached[index as usize] = true;
                count += 1;
                stack.extend_from_slice(&self.nodes[index as usize].children);
            }
            if count == self.nodes.len() {
                return;
            }
            let Some(lost) = reached.iter().position(|reached| !reached) else { return };
            if let Some(parent) = self.nodes[lost].parent.take() {
                self.nodes[parent as usize].children.retain(|&child| child as usize != lost);
            }
            self.top.push(lost as u32);
            stack.push(lost as u32);
        }
    }

    /// How many groups the tree holds.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the person may see no group at all.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The group at `index`.
    pub fn node(&self, index: u32) -> &GroupNode {
        &self.nodes[index as usize]
    }

    /// The groups at the top of the organization.
    pub fn top(&self) -> &[u32] {
        &self.top
    }

    /// The children of `item`.
    pub fn children(&self, item: Item) -> &[u32] {
        match item {
            Item::Root => &self.top,
            Item::Group(index) => &self.nodes[index as usize].children,
        }
    }

    /// The index of the group whose id is `id`, if the person may see it.
    pub fn index_of(&self, id: i64) -> Option<u32> {
        let at = self.by_id.binary_search_by_key(&id, |&(id, _)| id).ok()?;
        Some(self.by_id[at].1)
    }

    /// The parent of group `index`'s node, up to the organization.
    pub fn parent(&self, index: u32) -> Item {
        self.nodes[index as usize].parent.map_or(Item::Root, Item::Group)
    }

    /// The ancestors of group `index`, nearest first, without the organization.
    pub fn ancestors(&self, index: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(self.nodes[index as usize].parent, |&parent| {
            self.nodes[parent as usize].parent
        })
    }

    /// Replaces a group's data after it was saved; its place in the tree does not change.
    pub fn update_group(&mut self, group: &TechnicianGroup) {
        if let Some(index) = self.index_of(group.id) {
            let node = &mut self.nodes[index as usize];
            node.group = TechnicianGroup { parent_id: node.group.parent_id, ..group.clone() };
            node.folded = fold(&node.group.name);
        }
    }

    /// Which groups a search for the folded `query` keeps: those whose name contains it and
    /// their ancestors. One pass over the pre-folded names; each ancestor chain is walked only
    /// up to the first group already kept.
    pub fn filter(&self, query: &str) -> Vec<bool> {
        let mut keep = vec![false; self.nodes.len()];
        for (index, node) in self.nodes.iter().enumerate() {
            if !node.folded.contains(query) {
                continue;
            }
            keep[index] = true;
            let mut parent = node.parent;
            while let Some(at) = parent {
                if std::mem::replace(&mut keep[at as usize], true) {
                    break;
                }
                parent = self.nodes[at as usize].parent;
            }
        }
        keep
    }
}

/// Whether the technicians of a group that does (or does not) force two-step verification must
/// use it under `policy`: the contract's rule, for the tree's badge.
pub fn technicians_required(policy: &PolicySettings, group_forces_two_step: bool) -> bool {
    let technician =
        MemberFacts { is_administrator: false, is_technician: true, group_forces_two_step };
    is_required(policy, &technician)
}
