//! Technician groups.

use serde::{Deserialize, Serialize};

/// A technician group, as listed by `GET /technician-groups` (a flat list; `parent_id` makes
/// the tree).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TechnicianGroup {
    /// The group's id.
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub id: i64,
    /// The parent group, or `null` for a group at the top of the organization.
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
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
    /// From 1, increases by one at every change; sent as the strong `ETag` `"<revision>"`,
    /// which writes name in `If-Match`.
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub revision: i64,
}

/// The body of `PATCH /technician-groups/{id}`: the group's "Force two-step verification"
/// setting. The answer is the updated [`TechnicianGroup`]. Unknown fields are refused (422).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupUpdate {
    /// Whether the technicians of the group must use two-step verification when the policy's
    /// technicians setting is `selected_groups`.
    pub force_two_step: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_update_is_exactly_one_boolean() {
        let update: GroupUpdate = serde_json::from_str(r#"{"force_two_step":true}"#).unwrap();
        assert_eq!(update, GroupUpdate { force_two_step: true });
        assert_eq!(serde_json::to_string(&update).unwrap(), r#"{"force_two_step":true}"#);
        assert!(serde_json::from_str::<GroupUpdate>(r#"{"force_two_step":"yes"}"#).is_err());
        assert!(serde_json::from_str::<GroupUpdate>("{}").is_err());
    }
}
