//! The audit log: `GET /audit-events` and `GET /audit-events/export`.
//!
//! Events are append-only: the contract has no way to change or delete one.

use serde::{Deserialize, Serialize};

use crate::query::{Paging, Parsed, parse_pairs};
use crate::{PolicySettings, PrimaryMethod, Vocabulary};

vocabulary! {
    /// What kind of change an event records.
    pub enum AuditKind {
        /// The two-step verification policy was saved with new settings.
        PolicyUpdated = "policy_updated",
        /// A group's "Force two-step verification" was ticked or cleared.
        GroupForceTwoStepChanged = "group_force_two_step_changed",
        /// A member's two-step verification was reset by an administrator.
        TwoStepReset = "two_step_reset",
        /// A member set up two-step verification, or changed their method.
        TwoStepSetUp = "two_step_set_up",
        /// A member replaced their recovery codes with new ones.
        RecoveryCodesRegenerated = "recovery_codes_regenerated",
        /// A member changed their password.
        PasswordChanged = "password_changed",
    }
}

/// A person named by an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPerson {
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    /// The member's id.
    pub id: i64,
    /// Their name.
    pub name: String,
    /// Their email address.
    pub email: String,
}

/// What changed, with the values before and after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AuditChange {
    /// The policy was saved.
    PolicyUpdated {
        /// The settings before.
        before: PolicySettings,
        /// The settings after.
        after: PolicySettings,
        /// How many members' setups the save deleted (a change of primary method).
        enrollments_reset: u64,
    },
    /// A group's "Force two-step verification" changed.
    GroupForceTwoStepChanged {
        /// The group's id.
        #[cfg_attr(feature = "openapi", schema(minimum = 1))]
        group_id: i64,
        /// The group's name when it changed.
        group_name: String,
        /// Ticked before.
        before: bool,
        /// Ticked after.
        after: bool,
    },
    /// A member's two-step verification was reset.
    TwoStepReset {
        /// Whose.
        member: AuditPerson,
        /// The method they had set up before, or `None` when they had none.
        method_before: Option<PrimaryMethod>,
    },
    /// The actor set up two-step verification for themselves, or changed their method.
    TwoStepSetUp {
        /// The method set up.
        method: PrimaryMethod,
        /// The method they had before, or `None` when this was their first setup (or the first
        /// since a reset).
        method_before: Option<PrimaryMethod>,
    },
    /// The actor replaced their recovery codes.
    RecoveryCodesRegenerated {},
    /// The actor changed their password.
    PasswordChanged {},
}

impl AuditChange {
    /// The kind of this change.
    pub fn kind(&self) -> AuditKind {
        match self {
            AuditChange::PolicyUpdated { .. } => AuditKind::PolicyUpdated,
            AuditChange::GroupForceTwoStepChanged { .. } => AuditKind::GroupForceTwoStepChanged,
            AuditChange::TwoStepReset { .. } => AuditKind::TwoStepReset,
            AuditChange::TwoStepSetUp { .. } => AuditKind::TwoStepSetUp,
            AuditChange::RecoveryCodesRegenerated {} => AuditKind::RecoveryCodesRegenerated,
            AuditChange::PasswordChanged {} => AuditKind::PasswordChanged,
        }
    }
}

/// One recorded change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEvent {
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    /// The event's id; later events have larger ids.
    pub id: i64,
    /// When, in UTC to the second (RFC 3339, `2026-01-31T09:00:00Z`).
    pub at: String,
    /// Who made the change; `null` when that member no longer exists.
    pub actor: Option<AuditPerson>,
    /// What changed (its `kind` names the variant).
    #[serde(flatten)]
    pub change: AuditChange,
}

/// One page of `GET /audit-events`, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    /// The events of this page, newest first.
    pub items: Vec<AuditEvent>,
    /// How many events match the filters, over all pages.
    pub total: u64,
    /// This page, from 1.
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub page: u32,
    /// The page size.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 200))]
    pub per_page: u32,
    /// Everyone who made a change recorded in the organization's log and still exists, whatever
    /// the filters, ordered by name (by its UTF-8 bytes) then id: the choices of the person
    /// filter.
    pub actors: Vec<AuditPerson>,
}

/// The filters and page of `GET /audit-events` (and of the console's Audit log tab address).
///
/// Parameters: `kind` (an [`AuditKind`] name), `actor_id` (who made the change), `page`,
/// `per_page`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct AuditQuery {
    /// Events of this kind.
    pub kind: Option<AuditKind>,
    /// Events made by this member.
    pub actor_id: Option<i64>,
    /// The page.
    pub paging: Paging,
}

const AUDIT_PARAMS: [&str; 4] = ["kind", "actor_id", "page", "per_page"];

impl AuditQuery {
    /// Reads decoded query pairs, like [`crate::MemberQuery::parse`].
    pub fn parse<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Parsed<AuditQuery> {
        parse_pairs(
            pairs,
            &AUDIT_PARAMS,
            |query: &mut AuditQuery| &mut query.paging,
            |query, name, value, errors| {
                match name {
                    "kind" => query.kind = errors.one_of(name, value),
                    "actor_id" => query.actor_id = errors.number(name, value, 1, i64::MAX),
                    _ => return false,
                }
                true
            },
        )
    }

    /// The parameters that differ from the defaults, in a stable order.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(kind) = self.kind {
            pairs.push(("kind", kind.wire_name().to_owned()));
        }
        if let Some(actor_id) = self.actor_id {
            pairs.push(("actor_id", actor_id.to_string()));
        }
        self.paging.write(&mut pairs);
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AdministratorsPolicy, TechniciansPolicy};

    #[test]
    fn an_event_is_flat_with_its_kind() {
        let event = AuditEvent {
            id: 9,
            at: "2026-11-26T01:00:00Z".into(),
            actor: Some(AuditPerson {
                id: 1,
                name: "Maya Patel".into(),
                email: "maya@northwind.example".into(),
            }),
            change: AuditChange::PolicyUpdated {
                before: PolicySettings {
                    administrators: AdministratorsPolicy::All,
                    technicians: TechniciansPolicy::SelectedGroups,
                    primary_method: PrimaryMethod::AuthenticatorApp,
                },
                after: PolicySettings {
                    administrators: AdministratorsPolicy::All,
                    technicians: TechniciansPolicy::All,
                    primary_method: PrimaryMethod::AuthenticatorApp,
                },
                enrollments_reset: 0,
            },
        };
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["kind"], "policy_updated");
        assert_eq!(json["kind"], event.change.kind().wire_name());
        assert_eq!(json["after"]["technicians"], "all");
        assert_eq!(json["actor"]["name"], "Maya Patel");
        assert_eq!(serde_json::from_value::<AuditEvent>(json).unwrap(), event);
        assert_eq!(event.change.kind(), AuditKind::PolicyUpdated);
    }

    #[test]
    fn the_query_round_trips_and_names_wrong_values() {
        let query = AuditQuery {
            kind: Some(AuditKind::TwoStepReset),
            actor_id: Some(3),
            paging: Paging { page: 2, per_page: 50 },
        };
        let pairs = query.to_pairs();
        assert_eq!(crate::query_string(&pairs), "kind=two_step_reset&actor_id=3&page=2");
        let parsed = AuditQuery::parse(pairs.iter().map(|(n, v)| (*n, v.as_str())));
        assert_eq!(parsed.query, query);
        let wrong = AuditQuery::parse([("kind", "deleted"), ("actor_id", "me"), ("sort", "at")]);
        let named: Vec<&str> = wrong.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(named, ["kind", "actor_id"], "an unknown parameter is ignored");
    }
}
