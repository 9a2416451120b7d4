//! Checks of the contract: see [`CHECKS`].

use super::Check;

/// The checks of this area.
pub const CHECKS: &[Check] = &[];
