//! Whether a page's layout holds at a window size: nothing sticks out sideways and nothing is
//! cut off, so long words (German and Dutch compounds, say) wrap instead of breaking the page.

use serde_json::Value;

use crate::browser::Browser;

/// The window of a laptop: 1280×900.
pub const WIDE: (u32, u32) = (1280, 900);

/// The window of a small phone: 360×740.
pub const NARROW: (u32, u32) = (360, 740);

impl Browser {
    /// Fails unless the current page fits the window's width as it is now: the page does not
    /// scroll sideways; no visible element reaches past the right edge, except inside a box
    /// that scrolls sideways on purpose (`overflow-x: auto` or `scroll`, like a wide table's
    /// wrapper); no box that clips (`overflow-x: hidden` or `clip`) or ellipsizes hides part of
    /// its content, except `.visually-hidden` text and the deliberate ellipsis of a group's
    /// name in the tree (`.tree-name`); and no button or tab wraps onto more than four lines.
    /// `what` names the page in the message, which lists every offending element with its
    /// tag, classes and the start of its text.
    ///
    /// # Panics
    /// If the layout breaks, or the page cannot be measured.
    #[track_caller]
    pub fn assert_layout_holds(&self, what: &str) {
        let measured = self.execute(include_str!("js/layout_problems.js"), Vec::new());
        let problems: Vec<&str> = measured["problems"]
            .as_array()
            .map(|problems| problems.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if problems.is_empty() {
            return;
        }
        const SHOWN: usize = 25;
        let more = problems.len().saturating_sub(SHOWN);
        panic!(
            "{}: {what} does not fit a window {} px wide at {}:\n- {}{}",
            self.kind(),
            measured["width"],
            self.current_url(),
            problems.iter().take(SHOWN).copied().collect::<Vec<_>>().join("\n- "),
            if more > 0 { format!("\n… and {more} more") } else { String::new() }
        );
    }

    /// Checks [`Self::assert_layout_holds`] at each of `sizes` (window width and height, such
    /// as [`WIDE`] and [`NARROW`]) in turn, and leaves the window at the last one.
    ///
    /// # Panics
    /// As [`Self::assert_layout_holds`], naming the size that broke.
    #[track_caller]
    pub fn assert_layout_holds_at(&self, sizes: &[(u32, u32)], what: &str) {
        for &(width, height) in sizes {
            self.set_window_size(width, height);
            self.assert_layout_holds(&format!("{what} ({width}×{height})"));
        }
    }
}
