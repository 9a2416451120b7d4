//! The impact of a candidate policy on the organization's members, before it is saved.

use serde::{Deserialize, Serialize};

use crate::{MemberFacts, PolicySettings, is_required};

/// The newest Technician Console that cannot use email verification.
pub const LAST_CONSOLE_WITHOUT_EMAIL: (u32, u32, u32) = (7, 50, 3572);

/// Whether a Technician Console version (`major.minor.build`) is 7.50.3572 or earlier, and so
/// ignores the primary method and cannot use email verification. Versions that cannot be read
/// are not counted as old.
pub fn is_legacy_console(version: &str) -> bool {
    let mut parts = version.trim().split('.').map(|part| part.parse::<u32>());
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(Ok(major)), Some(Ok(minor)), Some(Ok(build)), None) => {
            (major, minor, build) <= LAST_CONSOLE_WITHOUT_EMAIL
        }
        _ => false,
    }
}

/// What the impact computation needs to know of one member.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemberSnapshot {
    /// The facts the effective-requirement rule reads.
    pub facts: MemberFacts,
    /// Whether the member has set up two-step verification.
    pub enrolled: bool,
    /// The Technician Console version the member last used, if any.
    pub console_version: Option<String>,
}

/// What saving a candidate policy would do (the answer of `POST .../policy/preview`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyImpact {
    /// Members of the organization.
    pub members_total: u64,
    /// Members the candidate policy requires to use two-step verification.
    pub required: u64,
    /// Of those, members who have not set it up.
    pub required_not_enrolled: u64,
    /// Members required under the candidate but not under the saved policy.
    pub newly_required: u64,
    /// Members required under the saved policy but not under the candidate.
    pub no_longer_required: u64,
    /// Whether the candidate's primary method differs from the saved one.
    pub method_changes: bool,
    /// Two-step verification setups a save would delete (0 unless the method changes).
    pub enrollments_reset: u64,
    /// Members who would have to set up two-step verification again (0 unless the method changes).
    pub members_reset: u64,
    /// Technicians whose last Technician Console is 7.50.3572 or earlier (cannot use email).
    pub legacy_console_technicians: u64,
}

/// Computes the impact of replacing `saved` by `candidate`, with the effective-requirement rule.
pub fn impact(
    saved: &PolicySettings,
    candidate: &PolicySettings,
    members: &[MemberSnapshot],
) -> PolicyImpact {
    let method_changes = saved.method_changes(candidate);
    let mut impact = PolicyImpact { method_changes, ..PolicyImpact::default() };
    for member in members {
        let before = is_required(saved, &member.facts);
        let after = is_required(candidate, &member.facts);
        impact.members_total += 1;
        impact.required += u64::from(after);
        impact.required_not_enrolled += u64::from(after && !member.enrolled);
        impact.newly_required += u64::from(after && !before);
        impact.no_longer_required += u64::from(before && !after);
        impact.enrollments_reset += u64::from(method_changes && member.enrolled);
        let legacy = member.console_version.as_deref().is_some_and(is_legacy_console);
        impact.legacy_console_technicians += u64::from(member.facts.is_technician && legacy);
    }
    if method_changes {
        impact.members_reset = impact.members_total;
    }
    impact
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AdministratorsPolicy as A, PrimaryMethod, TechniciansPolicy as T};

    fn settings(a: A, t: T, m: PrimaryMethod) -> PolicySettings {
        PolicySettings { administrators: a, technicians: t, primary_method: m }
    }

    fn member(
        admin: bool,
        tech: bool,
        forced: bool,
        enrolled: bool,
        console: &str,
    ) -> MemberSnapshot {
        MemberSnapshot {
            facts: MemberFacts {
                is_administrator: admin,
                is_technician: tech,
                group_forces_two_step: forced,
            },
            enrolled,
            console_version: (!console.is_empty()).then(|| console.to_string()),
        }
    }

    #[test]
    fn legacy_console_is_7_50_3572_and_earlier() {
        assert!(is_legacy_console("7.50.3572"));
        assert!(is_legacy_console("7.12.3301"));
        assert!(is_legacy_console("6.99.9999"));
        assert!(!is_legacy_console("7.50.3573"));
        assert!(!is_legacy_console("7.51.3000"));
        assert!(!is_legacy_console("8.0.0"));
        assert!(!is_legacy_console("7.50"));
        assert!(!is_legacy_console("seven"));
        assert!(!is_legacy_console(""));
    }

    #[test]
    fn counts_follow_the_rule_for_saved_and_candidate() {
        use PrimaryMethod::*;
        let members = [
            member(true, false, false, true, ""), // administrator, enrolled
            member(false, true, true, false, "7.50.3572"), // forced group, legacy console
            member(false, true, false, true, "7.60.3800"), // free group
            member(true, true, false, false, "7.12.3301"), // both licences, legacy
        ];
        let saved = settings(A::All, T::SelectedGroups, AuthenticatorApp);
        let same = impact(&saved, &saved, &members);
        assert_eq!(
            same,
            PolicyImpact {
                members_total: 4,
                required: 3,
                required_not_enrolled: 2,
                newly_required: 0,
                no_longer_required: 0,
                method_changes: false,
                enrollments_reset: 0,
                members_reset: 0,
                legacy_console_technicians: 2,
            }
        );
        let candidate = settings(A::None, T::All, Email);
        let changed = impact(&saved, &candidate, &members);
        assert_eq!(changed.required, 3);
        assert_eq!(changed.required_not_enrolled, 2);
        assert_eq!(changed.newly_required, 1, "the free-group technician");
        assert_eq!(changed.no_longer_required, 1, "the administrator without a technician licence");
        assert!(changed.method_changes);
        assert_eq!(changed.enrollments_reset, 2);
        assert_eq!(changed.members_reset, 4);
    }

    #[test]
    fn an_empty_organization_has_no_impact() {
        let s = settings(A::All, T::All, PrimaryMethod::Sms);
        assert_eq!(impact(&s, &s, &[]), PolicyImpact::default());
    }
}
