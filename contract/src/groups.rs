//! Technician groups.

use serde::{Deserialize, Serialize};

/// A technician group, as listed by `GET /technician-groups` (a flat list; `parent_id` makes
/// the tree).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TechnicianGroup {
    /// The group's id.
    pub id: i64,
    /// The parent group, or `None` for a group at the top of the organization.
    pub parent_id: Option<i64>,
    /// Display name.
    pub name: String,
    /// Free text shown on the group's Settings tab.
    pub description: String,
    /// "Force two-step verification" on the group's Settings tab.
    pub force_two_step: bool,
    /// Technicians in this group (not counting subgroups).
    pub technicians: u64,
    /// Of those, how many have not set up two-step verification.
    pub technicians_not_enrolled: u64,
    /// Increases by one at every change; writes name it in `If-Match`.
    pub revision: i64,
}
