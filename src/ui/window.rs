//! Windowed rendering of a long list of rows of one fixed height: which rows are near the
//! scroll viewport, and where to scroll so that a row shows. It knows nothing of what the
//! rows hold (the organization tree uses it).

use std::ops::Range;

/// How many rows are rendered beyond each edge of the viewport.
pub const OVERSCAN: usize = 10;

/// Where a list's scroll viewport is, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// `scrollTop` of the scroll container.
    pub scroll_top: f64,
    /// Its height (`clientHeight`).
    pub height: f64,
    /// The fixed height of one row.
    pub row_height: f64,
}

impl Viewport {
    /// The indices of the `total` rows to render: those the viewport shows, and
    /// [`OVERSCAN`] more on each side.
    pub fn window(&self, total: usize) -> Range<usize> {
        let row_height = self.row_height.max(1.0);
        let top = self.scroll_top.max(0.0);
        let first = (top / row_height).floor() as usize;
        let last = ((top + self.height.max(0.0)) / row_height).ceil() as usize;
        let end = last.saturating_add(OVERSCAN).min(total);
        let start = first.saturating_sub(OVERSCAN).min(end);
        start..end
    }

    /// The `scrollTop` that brings row `index` fully into view with the least movement, or
    /// `None` when it is in view already.
    pub fn reveal(&self, index: usize) -> Option<f64> {
        let top = index as f64 * self.row_height;
        let bottom = top + self.row_height;
        if top < self.scroll_top {
            Some(top)
        } else if bottom > self.scroll_top + self.height {
            Some((bottom - self.height).max(0.0))
        } else {
            None
        }
    }
}
