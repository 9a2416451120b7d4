//! Writes to a versioned row (the policy, a technician group): one transaction that updates the
//! row only if its revision is still the one the writer loaded, records the audit event, and
//! commits, or rolls back and answers 412 with the revision now current.

use sqlx::SqliteConnection;
use twostep_contract::AuditChange;

use super::audit::{self, Stamp};
use crate::db::Db;
use crate::error::{Error, Result};

/// Runs `change` in a transaction and records the audit event it returns, stamped with `stamp`.
///
/// `change` makes the conditional update (`… WHERE revision = <the loaded revision>`) and
/// whatever else the change does, and answers what the write produced with its audit change,
/// or `None` when no row was updated because someone else changed it meanwhile. Then nothing
/// is kept, and the answer is 412 for `resource` with the revision `current_revision` reads.
pub async fn update<T>(
    db: &Db,
    resource: &'static str,
    stamp: Stamp,
    change: impl AsyncFnOnce(&mut SqliteConnection) -> Result<Option<(T, AuditChange)>>,
    current_revision: impl AsyncFnOnce() -> Result<i64>,
) -> Result<T> {
    // Immediate: the write lock is taken (waiting for it as long as the busy timeout allows)
    // before anything is read, so the transaction cannot fail half-way for want of it.
    let mut tx = db.begin_with("BEGIN IMMEDIATE").await?;
    let Some((written, event)) = change(&mut tx).await? else {
        tx.rollback().await?;
        let current_revision = current_revision().await?;
        return Err(Error::PreconditionFailed { resource, current_revision });
    };
    audit::record(&mut tx, &stamp, &event).await?;
    tx.commit().await?;
    Ok(written)
}
