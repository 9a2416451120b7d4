//! The audit log: who changed what, when, with the values before and after. Events are only
//! ever added ([`record`], from the contract's typed [`AuditChange`]); [`log`] reads them back.

pub mod log;
mod stored;

use sqlx::SqliteConnection;
use twostep_contract::AuditChange;

use crate::error::Result;

/// Who made a change, where and when.
#[derive(Clone, Copy, Debug)]
pub struct Stamp {
    /// The organization the change belongs to.
    pub organization_id: i64,
    /// The member who made it.
    pub actor_member_id: i64,
    /// When, in unix seconds.
    pub at: i64,
}

/// Records `change` on `connection`, normally inside the transaction that made the change.
pub async fn record(
    connection: &mut SqliteConnection,
    stamp: &Stamp,
    change: &AuditChange,
) -> Result<()> {
    let columns = stored::Columns::of(change);
    sqlx::query(
        "INSERT INTO audit_events (organization_id, actor_member_id, at, kind, before, after, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(stamp.organization_id)
    .bind(stamp.actor_member_id)
    .bind(stamp.at)
    .bind(&columns.kind)
    .bind(columns.before.to_string())
    .bind(columns.after.to_string())
    .bind(columns.detail.to_string())
    .execute(connection)
    .await?;
    Ok(())
}
