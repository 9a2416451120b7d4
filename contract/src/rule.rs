//! The effective-requirement rule: whether one member must use two-step verification, and why.
//!
//! This is the only place the rule is written. The server applies it when it lists members and
//! computes the impact of a policy change, and the console applies it in its previews.

use crate::{AdministratorsPolicy, PolicySettings, TechniciansPolicy};

/// The facts about one member that the rule reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemberFacts {
    /// Holds an administrator licence (master administrators included).
    pub is_administrator: bool,
    /// Holds a technician licence.
    pub is_technician: bool,
    /// The member's technician group has "Force two-step verification" ticked.
    pub group_forces_two_step: bool,
}

vocabulary! {
    /// Why a member must use two-step verification.
    pub enum RequirementReason {
        /// Administrators = all, and the member is an administrator.
        AdministratorPolicy = "administrator_policy",
        /// Technicians = all, and the member is a technician.
        AllTechnicians = "all_technicians",
        /// Technicians = selected groups, and the member's group forces two-step verification.
        Group = "group",
    }
}

/// Whether a member must use two-step verification, with every reason that applies.
///
/// A person with both an administrator and a technician licence must use it when the settings
/// apply to them as administrator *or* as technician, so both reasons may be listed.
pub fn requirement(policy: &PolicySettings, member: &MemberFacts) -> Vec<RequirementReason> {
    let mut reasons = Vec::with_capacity(2);
    if member.is_administrator && policy.administrators == AdministratorsPolicy::All {
        reasons.push(RequirementReason::AdministratorPolicy);
    }
    if member.is_technician {
        match policy.technicians {
            TechniciansPolicy::All => reasons.push(RequirementReason::AllTechnicians),
            TechniciansPolicy::SelectedGroups if member.group_forces_two_step => {
                reasons.push(RequirementReason::Group)
            }
            TechniciansPolicy::SelectedGroups | TechniciansPolicy::None => {}
        }
    }
    reasons
}

/// Whether a member must use two-step verification under `policy`.
pub fn is_required(policy: &PolicySettings, member: &MemberFacts) -> bool {
    !requirement(policy, member).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PrimaryMethod;
    use AdministratorsPolicy as A;
    use RequirementReason as R;
    use TechniciansPolicy as T;

    fn policy(administrators: A, technicians: T) -> PolicySettings {
        PolicySettings {
            administrators,
            technicians,
            primary_method: PrimaryMethod::AuthenticatorApp,
        }
    }

    /// The rule as PRODUCT.md writes it, used as the oracle for the exhaustive test.
    fn oracle(p: &PolicySettings, m: &MemberFacts) -> bool {
        (m.is_administrator && p.administrators == A::All)
            || (m.is_technician
                && (p.technicians == T::All
                    || (p.technicians == T::SelectedGroups && m.group_forces_two_step)))
    }

    #[test]
    fn every_combination_agrees_with_the_written_rule() {
        let mut checked = 0;
        for administrators in [A::None, A::All] {
            for technicians in [T::None, T::All, T::SelectedGroups] {
                for bits in 0..8u8 {
                    let member = MemberFacts {
                        is_administrator: bits & 1 != 0,
                        is_technician: bits & 2 != 0,
                        group_forces_two_step: bits & 4 != 0,
                    };
                    let p = policy(administrators, technicians);
                    assert_eq!(is_required(&p, &member), oracle(&p, &member), "{p:?} {member:?}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 48);
    }

    #[test]
    fn a_member_with_neither_licence_is_never_required() {
        let nobody = MemberFacts {
            is_administrator: false,
            is_technician: false,
            group_forces_two_step: true,
        };
        assert!(requirement(&policy(A::All, T::All), &nobody).is_empty());
    }

    #[test]
    fn administrator_with_technician_licence_is_required_as_either() {
        let both = MemberFacts {
            is_administrator: true,
            is_technician: true,
            group_forces_two_step: true,
        };
        assert_eq!(requirement(&policy(A::All, T::None), &both), vec![R::AdministratorPolicy]);
        assert_eq!(requirement(&policy(A::None, T::SelectedGroups), &both), vec![R::Group]);
        assert_eq!(
            requirement(&policy(A::All, T::All), &both),
            vec![R::AdministratorPolicy, R::AllTechnicians]
        );
        assert!(requirement(&policy(A::None, T::None), &both).is_empty());
    }

    #[test]
    fn a_forced_group_matters_only_under_selected_groups() {
        let forced = MemberFacts {
            is_administrator: false,
            is_technician: true,
            group_forces_two_step: true,
        };
        let free = MemberFacts { group_forces_two_step: false, ..forced };
        assert_eq!(requirement(&policy(A::None, T::SelectedGroups), &forced), vec![R::Group]);
        assert!(requirement(&policy(A::None, T::SelectedGroups), &free).is_empty());
        assert!(requirement(&policy(A::None, T::None), &forced).is_empty());
        assert_eq!(requirement(&policy(A::None, T::All), &free), vec![R::AllTechnicians]);
    }

    #[test]
    fn administrators_policy_never_applies_to_plain_technicians() {
        let tech = MemberFacts {
            is_administrator: false,
            is_technician: true,
            group_forces_two_step: false,
        };
        assert!(requirement(&policy(A::All, T::None), &tech).is_empty());
    }
}
