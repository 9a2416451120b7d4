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
                what.push((t.setups_reset)(*enrollments_reset));
            }
            let mut cells = AuditCells { what, ..AuditCells::default() };
            for (setting, old, new) in policy_differences(t, before, after) {
                cells.before.push((t.setting_value)(setting, old));
                cells.after.push((t.setting_value)(setting, new));
            }
            cells
        }
        AuditChange::GroupForceTwoStepChanged { group_name, before, after, .. } => {
            let on_off = |on: bool| if on { t.on } else { t.off }.to_owned();
            AuditCells {
                what: vec![(t.audit_force_two_step)(group_name)],
                before: vec![on_off(*before)],
                after: vec![on_off(*after)],
            }
        }
        AuditChange::TwoStepReset { member, method_before } => AuditCells {
            what: vec![(t.audit_reset)(&member.name)],
            before: vec![match method_before {
                Some(method) => (t.set_up_with)(t.primary_method_name(*method)),
                None => t.not_set_up.to_owned(),
            }],
            after: vec![t.not_set_up.to_owned()],
        },
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
