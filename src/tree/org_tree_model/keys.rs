//! The keyboard of the WAI-ARIA tree view pattern, over the visible rows.

use super::Row;

/// A key the tree acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeKey {
    /// Arrow Up.
    Up,
    /// Arrow Down.
    Down,
    /// Arrow Left.
    Left,
    /// Arrow Right.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// Enter.
    Enter,
}

impl TreeKey {
    /// The key of a `KeyboardEvent.key` value, if the tree acts on it.
    pub fn from_key(key: &str) -> Option<TreeKey> {
        Some(match key {
            "ArrowUp" => TreeKey::Up,
            "ArrowDown" => TreeKey::Down,
            "ArrowLeft" => TreeKey::Left,
            "ArrowRight" => TreeKey::Right,
            "Home" => TreeKey::Home,
            "End" => TreeKey::End,
            "Enter" => TreeKey::Enter,
            _ => return None,
        })
    }
}

/// What a key does, to the row at an index of the visible rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeAction {
    /// Move focus to the row.
    Focus(usize),
    /// Expand the row (focus stays).
    Expand(usize),
    /// Collapse the row (focus stays).
    Collapse(usize),
    /// Open the row's node (navigate to it).
    Open(usize),
}

/// What `key` does with focus on `rows[at]`, or `None` when it does nothing there.
pub fn key_action(rows: &[Row], at: usize, key: TreeKey) -> Option<TreeAction> {
    let row = rows.get(at)?;
    match key {
        TreeKey::Up => at.checked_sub(1).map(TreeAction::Focus),
        TreeKey::Down => (at + 1 < rows.len()).then_some(TreeAction::Focus(at + 1)),
        TreeKey::Home => Some(TreeAction::Focus(0)),
        TreeKey::End => Some(TreeAction::Focus(rows.len() - 1)),
        TreeKey::Enter => Some(TreeAction::Open(at)),
        TreeKey::Right => match row.expanded {
            Some(false) => Some(TreeAction::Expand(at)),
            Some(true) => Some(TreeAction::Focus(at + 1)),
            None => None,
        },
        TreeKey::Left => match row.expanded {
            Some(true) => Some(TreeAction::Collapse(at)),
            _ => {
                rows[..at].iter().rposition(|other| other.level < row.level).map(TreeAction::Focus)
            }
        },
    }
}
