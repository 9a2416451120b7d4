//! The audit log: who changed what, when, with the values before and after. Events are only
//! ever added ([`record`]); [`log`] reads them back as the contract's events.

pub mod log;

use sqlx::SqliteConnection;

use crate::error::Result;

/// One change to record.
#[derive(Debug)]
pub struct Event<'a> {
    /// The organization the change belongs to.
    pub organization_id: i64,
    /// The member who made it.
    pub actor_member_id: i64,
    /// When, in unix seconds.
    pub at: i64,
    /// What kind of change, such as `policy_updated`.
    pub kind: &'a str,
    /// The changed values before, as JSON.
    pub before: serde_json::Value,
    /// The changed values after, as JSON.
    pub after: serde_json::Value,
    /// What else the change did, as JSON.
    pub detail: serde_json::Value,
}

/// The kind of event a policy update records.
pub const POLICY_UPDATED: &str = "policy_updated";

/// The kind of event a change of a group's "Force two-step verification" records.
pub const GROUP_FORCE_TWO_STEP_CHANGED: &str = "group_force_two_step_changed";

/// The kind of event a reset of a member's two-step verification records (one per member).
pub const TWO_STEP_RESET: &str = "two_step_reset";

/// Records `event` on `connection`, normally inside the transaction that made the change.
pub async fn record(connection: &mut SqliteConnection, event: Event<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_events (organization_id, actor_member_id, at, kind, before, after, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(event.organization_id)
    .bind(event.actor_member_id)
    .bind(event.at)
    .bind(event.kind)
    .bind(event.before.to_string())
    .bind(event.after.to_string())
    .bind(event.detail.to_string())
    .execute(connection)
    .await?;
    Ok(())
}
