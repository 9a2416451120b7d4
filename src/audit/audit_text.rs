//! What the audit log says about a change: the texts of its What, Before and After cells.

use twostep_contract::{AuditChange, PolicySettings};

use crate::i18n::Messages;

/// The texts of one change's What, Before and After cells, each a list of lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditCells {
    /// What changed.
    pub what: Vec<String>,
    /// The values before.
    pub before: Vec<String>,
    /// The values after.
    pub after: Vec<String>,
}

/// The cells of `change` in the language of `t`. A policy change lists only the settings that
/// differ, each as "Setting: value".
pub fn audit_cells(t: &Messages, change: &AuditChange) -> AuditCells {
    match change {
        AuditChange::PolicyUpdated { before, after, enrollments_reset } => {
            let mut what = vec![t.audit_policy.to_owned()];
            if *enrollments_reset > 0 {
                what.push(t.setups_reset(*enrollments_reset));
            }
            let mut cells = AuditCells { what, ..AuditCells::default() };
            for (setting, old, new) in policy_differences(t, before, after) {
                cells.before.push(t.setting_value(setting, old));
                cells.after.push(t.setting_value(setting, new));
            }
            cells
        }
        AuditChange::GroupForceTwoStepChanged { group_name, before, after, .. } => {
            let on_off = |on: bool| if on { t.on } else { t.off }.to_owned();
            AuditCells {
                what: vec![t.audit_force_two_step(group_name)],
                before: vec![on_off(*before)],
                after: vec![on_off(*after)],
            }
        }
        AuditChange::TwoStepReset { member, method_before } => AuditCells {
            what: vec![t.audit_reset(&member.name)],
            before: vec![match method_before {
                Some(method) => t.set_up_with(t.primary_method_name(*method)),
                None => t.not_set_up.to_owned(),
            }],
            after: vec![t.not_set_up.to_owned()],
        },
        AuditChange::TwoStepSetUp { method, method_before } => {
            let after = t.primary_method_name(*method);
            match method_before {
                None => AuditCells {
                    what: vec![t.audit_set_up(after)],
                    before: vec![t.not_set_up.to_owned()],
                    after: vec![t.set_up_with(after)],
                },
                Some(before) => {
                    let before = t.primary_method_name(*before);
                    AuditCells {
                        what: vec![t.audit_method_changed(before, after)],
                        before: vec![t.set_up_with(before)],
                        after: vec![t.set_up_with(after)],
                    }
                }
            }
        }
        AuditChange::RecoveryCodesRegenerated {} => {
            AuditCells { what: vec![t.audit_recovery_codes.to_owned()], ..AuditCells::default() }
        }
        AuditChange::PasswordChanged {} => {
            AuditCells { what: vec![t.audit_password_changed.to_owned()], ..AuditCells::default() }
        }
    }
}

/// The settings that differ between two policies: the setting's name, its value before and
/// its value after.
fn policy_differences(
    t: &Messages,
    before: &PolicySettings,
    after: &PolicySettings,
) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut differences = Vec::new();
    if before.administrators != after.administrators {
        differences.push((
            t.administrators,
            t.administrators_policy(before.administrators),
            t.administrators_policy(after.administrators),
        ));
    }
    if before.technicians != after.technicians {
        differences.push((
            t.technicians,
            t.technicians_policy(before.technicians),
            t.technicians_policy(after.technicians),
        ));
    }
    if before.method_changes(after) {
        differences.push((
            t.primary_method,
            t.primary_method_name(before.primary_method),
            t.primary_method_name(after.primary_method),
        ));
    }
    differences
}

// Plain logic, tested natively under `cargo test`.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use twostep_contract::{
        AdministratorsPolicy as A, AuditChange, AuditPerson, PolicySettings, PrimaryMethod as M,
        TechniciansPolicy as T,
    };

    use super::{AuditCells, audit_cells};
    use crate::i18n::EN;

    fn lines(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|&text| text.to_owned()).collect()
    }

    #[test]
    fn a_policy_change_lists_only_the_settings_that_differ() {
        let before = PolicySettings {
            administrators: A::All,
            technicians: T::SelectedGroups,
            primary_method: M::AuthenticatorApp,
        };
        let who = PolicySettings { administrators: A::None, ..before };
        assert_eq!(
            audit_cells(
                &EN,
                &AuditChange::PolicyUpdated { before, after: who, enrollments_reset: 0 }
            ),
            AuditCells {
                what: lines(&["Two-step verification policy"]),
                before: lines(&["Administrators: All administrators"]),
                after: lines(&["Administrators: No administrators"]),
            }
        );
        let method = PolicySettings { primary_method: M::Sms, ..before };
        let cells = audit_cells(
            &EN,
            &AuditChange::PolicyUpdated { before, after: method, enrollments_reset: 3 },
        );
        assert_eq!(cells.what, lines(&["Two-step verification policy", "3 setups reset"]));
        assert_eq!(cells.before, lines(&["Primary verification method: Authenticator app"]));
        assert_eq!(cells.after, lines(&["Primary verification method: SMS verification"]));
    }

    #[test]
    fn a_group_change_and_a_reset_say_whose_and_what_before() {
        assert_eq!(
            audit_cells(
                &EN,
                &AuditChange::GroupForceTwoStepChanged {
                    group_id: 4,
                    group_name: "Tier 2".into(),
                    before: false,
                    after: true,
                }
            ),
            AuditCells {
                what: lines(&["Force two-step verification: Tier 2"]),
                before: lines(&["Off"]),
                after: lines(&["On"]),
            }
        );
        let sam = AuditPerson { id: 2, name: "Sam Okafor".into(), email: "sam@example.com".into() };
        let reset =
            |method_before| AuditChange::TwoStepReset { member: sam.clone(), method_before };
        assert_eq!(
            audit_cells(&EN, &reset(Some(M::Sms))),
            AuditCells {
                what: lines(&["Two-step verification reset: Sam Okafor"]),
                before: lines(&["Set up (SMS verification)"]),
                after: lines(&["Not set up"]),
            }
        );
        assert_eq!(audit_cells(&EN, &reset(None)).before, lines(&["Not set up"]));
    }

    #[test]
    fn a_members_own_changes_say_what_they_did() {
        let set_up = |method_before| AuditChange::TwoStepSetUp { method: M::Email, method_before };
        assert_eq!(
            audit_cells(&EN, &set_up(None)),
            AuditCells {
                what: lines(&["Set up Email verification"]),
                before: lines(&["Not set up"]),
                after: lines(&["Set up (Email verification)"]),
            }
        );
        assert_eq!(
            audit_cells(&EN, &set_up(Some(M::AuthenticatorApp))),
            AuditCells {
                what: lines(&["Changed from Authenticator app to Email verification"]),
                before: lines(&["Set up (Authenticator app)"]),
                after: lines(&["Set up (Email verification)"]),
            }
        );
        assert_eq!(
            audit_cells(&EN, &AuditChange::RecoveryCodesRegenerated {}).what,
            lines(&["Regenerated recovery codes"])
        );
        assert_eq!(
            audit_cells(&EN, &AuditChange::PasswordChanged {}),
            AuditCells { what: lines(&["Changed password"]), ..AuditCells::default() }
        );
    }
}
