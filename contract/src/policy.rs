//! The organization's two-step verification policy.

use serde::{Deserialize, Serialize};

vocabulary! {
    /// Which administrators must use two-step verification.
    pub enum AdministratorsPolicy {
        /// No administrator is required to use it.
        None = "none",
        /// Every administrator, master administrators included.
        All = "all",
    }
}

vocabulary! {
    /// Which technicians must use two-step verification.
    pub enum TechniciansPolicy {
        /// No technician is required to use it.
        None = "none",
        /// Every technician.
        All = "all",
        /// The technicians of the groups whose Settings tab has "Force two-step verification" ticked.
        SelectedGroups = "selected_groups",
    }
}

vocabulary! {
    /// The verification method offered first to members when they sign in.
    pub enum PrimaryMethod {
        /// LastPass Authenticator app notification.
        LastpassNotification = "lastpass_notification",
        /// Any TOTP authenticator app.
        AuthenticatorApp = "authenticator_app",
        /// A code sent by SMS.
        Sms = "sms",
        /// A code sent by email.
        Email = "email",
    }
}

/// Who must use two-step verification and with which primary method: the part of the policy
/// that the effective-requirement rule reads and that an update replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicySettings {
    /// Which administrators must use it.
    pub administrators: AdministratorsPolicy,
    /// Which technicians must use it.
    pub technicians: TechniciansPolicy,
    /// The method offered first.
    pub primary_method: PrimaryMethod,
}

impl PolicySettings {
    /// Whether saving `candidate` over these settings changes the primary method, which resets
    /// every member's two-step verification.
    pub fn method_changes(&self, candidate: &PolicySettings) -> bool {
        self.primary_method != candidate.primary_method
    }
}

/// The organization's policy as stored, with its revision (also sent as the strong `ETag`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Policy {
    /// The settings in force.
    #[serde(flatten)]
    pub settings: PolicySettings,
    /// From 1, increases by one at every change; sent as the strong `ETag` `"<revision>"`,
    /// which writes name in `If-Match`.
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub revision: i64,
    /// When the policy last changed (RFC 3339, UTC).
    pub updated_at: String,
}

/// The body of `PUT /two-step-verification/policy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyUpdate {
    /// The settings to save.
    #[serde(flatten)]
    pub settings: PolicySettings,
    /// Must be `true` when the primary method changes: the save then resets every member's
    /// two-step verification, and the server refuses it unless the reset was confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm_reset: Option<bool>,
}

/// The answer of a successful `PUT /two-step-verification/policy`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyUpdated {
    /// The policy as saved, with its new revision.
    pub policy: Policy,
    /// How many members' two-step verification setups the save deleted.
    pub enrollments_reset: u64,
}

/// Formats a revision as the strong entity tag the contract uses for it.
pub fn etag_for_revision(revision: i64) -> String {
    format!("\"{revision}\"")
}

/// Reads a revision back from an `ETag` or `If-Match` value; `None` when it is not one of ours.
pub fn revision_from_etag(value: &str) -> Option<i64> {
    let inner = value.trim().strip_prefix('"')?.strip_suffix('"')?;
    inner.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_serializes_flat_with_the_contract_values() {
        let policy = Policy {
            settings: PolicySettings {
                administrators: AdministratorsPolicy::All,
                technicians: TechniciansPolicy::SelectedGroups,
                primary_method: PrimaryMethod::LastpassNotification,
            },
            revision: 3,
            updated_at: "2026-01-01T00:00:00Z".into(),
        };
        let json = serde_json::to_value(&policy).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "administrators": "all",
                "technicians": "selected_groups",
                "primary_method": "lastpass_notification",
                "revision": 3,
                "updated_at": "2026-01-01T00:00:00Z",
            })
        );
        let back: Policy = serde_json::from_value(json).unwrap();
        assert_eq!(back, policy);
    }

    #[test]
    fn unknown_values_are_refused() {
        let err = serde_json::from_str::<PrimaryMethod>("\"carrier_pigeon\"");
        assert!(err.is_err());
    }

    #[test]
    fn etags_round_trip_and_reject_weak_or_foreign_tags() {
        assert_eq!(etag_for_revision(7), "\"7\"");
        assert_eq!(revision_from_etag("\"7\""), Some(7));
        assert_eq!(revision_from_etag(" \"12\" "), Some(12));
        assert_eq!(revision_from_etag("W/\"7\""), None);
        assert_eq!(revision_from_etag("7"), None);
        assert_eq!(revision_from_etag("\"abc\""), None);
    }
}
