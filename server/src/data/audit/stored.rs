//! How a change is stored: its kind's wire name, and three JSON columns holding the values
//! before and after and what else it did. Both ways are written here, so that what
//! [`super::record`] writes is exactly what [`super::log`] reads.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use twostep_contract::{
    AuditChange, AuditKind, AuditPerson, EnrollmentStatus, PrimaryMethod, Vocabulary,
};

/// The stored form of one change.
#[derive(Debug, PartialEq)]
pub(super) struct Columns {
    /// The kind's wire name.
    pub kind: String,
    /// The changed values before.
    pub before: Value,
    /// The changed values after.
    pub after: Value,
    /// What else the change did, or whom it was about.
    pub detail: Value,
}

/// What `before` and `after` hold for a change of a group's setting.
#[derive(Deserialize)]
struct ForceTwoStep {
    force_two_step: bool,
}

/// The `detail` of a change of a group's setting.
#[derive(Deserialize)]
struct GroupDetail {
    group_id: i64,
    group_name: String,
}

/// The `detail` of a policy update.
#[derive(Deserialize)]
struct PolicyDetail {
    enrollments_reset: u64,
}

/// The `before` of a reset: the member's setup, if any.
#[derive(Deserialize)]
struct SetupBefore {
    #[serde(default)]
    method: Option<PrimaryMethod>,
}

/// The `after` of a member's own set-up: the method.
#[derive(Deserialize)]
struct SetupAfter {
    method: PrimaryMethod,
}

/// The `detail` of a reset: whose.
#[derive(Deserialize)]
struct ResetDetail {
    member_id: i64,
    member_name: String,
    member_email: String,
}

impl Columns {
    /// The stored form of `change`.
    pub fn of(change: &AuditChange) -> Columns {
        let kind = change.kind().wire_name().to_owned();
        match change {
            AuditChange::PolicyUpdated { before, after, enrollments_reset } => Columns {
                kind,
                before: json!(before),
                after: json!(after),
                detail: json!({ "enrollments_reset": enrollments_reset }),
            },
            AuditChange::GroupForceTwoStepChanged { group_id, group_name, before, after } => {
                Columns {
                    kind,
                    before: json!({ "force_two_step": before }),
                    after: json!({ "force_two_step": after }),
                    detail: json!({ "group_id": group_id, "group_name": group_name }),
                }
            }
            AuditChange::TwoStepReset { member, method_before } => Columns {
                kind,
                before: match method_before {
                    Some(method) => json!({
                        "status": EnrollmentStatus::Enrolled.wire_name(),
                        "method": method.wire_name(),
                    }),
                    None => json!({ "status": EnrollmentStatus::NotEnrolled.wire_name() }),
                },
                after: json!({ "status": EnrollmentStatus::NotEnrolled.wire_name() }),
                detail: json!({
                    "member_id": member.id,
                    "member_name": member.name,
                    "member_email": member.email,
                }),
            },
            AuditChange::TwoStepSetUp { method, method_before } => Columns {
                kind,
                before: match method_before {
                    Some(method) => json!({ "method": method.wire_name() }),
                    None => json!({ "method": null }),
                },
                after: json!({ "method": method.wire_name() }),
                detail: json!({}),
            },
            AuditChange::RecoveryCodesRegenerated {} | AuditChange::PasswordChanged {} => {
                Columns { kind, before: json!({}), after: json!({}), detail: json!({}) }
            }
        }
    }

    /// The change these columns hold, or why they cannot be read.
    pub fn change(&self) -> Result<AuditChange, String> {
        let kind = AuditKind::from_wire_name(&self.kind)
            .ok_or_else(|| format!("unknown kind {:?}", self.kind))?;
        Ok(match kind {
            AuditKind::PolicyUpdated => AuditChange::PolicyUpdated {
                before: read("before", &self.before)?,
                after: read("after", &self.after)?,
                enrollments_reset: read::<PolicyDetail>("detail", &self.detail)?.enrollments_reset,
            },
            AuditKind::GroupForceTwoStepChanged => {
                let detail = read::<GroupDetail>("detail", &self.detail)?;
                AuditChange::GroupForceTwoStepChanged {
                    group_id: detail.group_id,
                    group_name: detail.group_name,
                    before: read::<ForceTwoStep>("before", &self.before)?.force_two_step,
                    after: read::<ForceTwoStep>("after", &self.after)?.force_two_step,
                }
            }
            AuditKind::TwoStepReset => {
                let detail = read::<ResetDetail>("detail", &self.detail)?;
                AuditChange::TwoStepReset {
                    member: AuditPerson {
                        id: detail.member_id,
                        name: detail.member_name,
                        email: detail.member_email,
                    },
                    method_before: read::<SetupBefore>("before", &self.before)?.method,
                }
            }
            AuditKind::TwoStepSetUp => AuditChange::TwoStepSetUp {
                method: read::<SetupAfter>("after", &self.after)?.method,
                method_before: read::<SetupBefore>("before", &self.before)?.method,
            },
            AuditKind::RecoveryCodesRegenerated => AuditChange::RecoveryCodesRegenerated {},
            AuditKind::PasswordChanged => AuditChange::PasswordChanged {},
        })
    }
}

/// The column `name` holding `value` as a `T`.
fn read<T: DeserializeOwned>(name: &str, value: &Value) -> Result<T, String> {
    T::deserialize(value).map_err(|e| format!("{name} {value}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use twostep_contract::{AdministratorsPolicy, PolicySettings, TechniciansPolicy};

    #[test]
    fn every_change_reads_back_as_written() {
        let settings = |technicians| PolicySettings {
            administrators: AdministratorsPolicy::All,
            technicians,
            primary_method: PrimaryMethod::Sms,
        };
        let member =
            AuditPerson { id: 4, name: "Sam Okafor".into(), email: "sam@northwind.example".into() };
        for change in [
            AuditChange::PolicyUpdated {
                before: settings(TechniciansPolicy::None),
                after: settings(TechniciansPolicy::SelectedGroups),
                enrollments_reset: 3,
            },
            AuditChange::GroupForceTwoStepChanged {
                group_id: 2,
                group_name: "EMEA".into(),
                before: false,
                after: true,
            },
            AuditChange::TwoStepReset { member: member.clone(), method_before: None },
            AuditChange::TwoStepReset { member, method_before: Some(PrimaryMethod::Email) },
            AuditChange::TwoStepSetUp { method: PrimaryMethod::Sms, method_before: None },
            AuditChange::TwoStepSetUp {
                method: PrimaryMethod::AuthenticatorApp,
                method_before: Some(PrimaryMethod::Email),
            },
            AuditChange::RecoveryCodesRegenerated {},
            AuditChange::PasswordChanged {},
        ] {
            assert_eq!(Columns::of(&change).change(), Ok(change));
        }
    }

    #[test]
    fn a_reset_stores_the_setup_before_and_whose_it_was() {
        let change = AuditChange::TwoStepReset {
            member: AuditPerson { id: 4, name: "Sam".into(), email: "sam@x.example".into() },
            method_before: Some(PrimaryMethod::Sms),
        };
        let columns = Columns::of(&change);
        assert_eq!(columns.kind, "two_step_reset");
        assert_eq!(columns.before, json!({"status": "enrolled", "method": "sms"}));
        assert_eq!(columns.after, json!({"status": "not_enrolled"}));
        assert_eq!(
            columns.detail,
            json!({"member_id": 4, "member_name": "Sam", "member_email": "sam@x.example"})
        );
    }

    #[test]
    fn an_unknown_kind_is_refused() {
        let columns = Columns {
            kind: "deleted".into(),
            before: json!({}),
            after: json!({}),
            detail: json!({}),
        };
        assert_eq!(columns.change(), Err("unknown kind \"deleted\"".to_owned()));
    }
}
