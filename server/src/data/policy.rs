//! The organization's two-step verification policy: reading it, and replacing its settings.

use sqlx::{Row, SqliteConnection};
use twostep_contract::{AuditChange, Policy, PolicySettings, Vocabulary};

use super::setups;
use crate::db::{self, Db, decode};
use crate::error::{Error, Result};

/// Reads the policy of `organization_id`.
pub async fn load(db: &Db, organization_id: i64) -> Result<Policy> {
    let row = sqlx::query(
        "SELECT administrators, technicians, primary_method, revision, updated_at
         FROM policies WHERE organization_id = $1",
    )
    .bind(organization_id)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| Error::Internal(format!("organization {organization_id} has no policy row")))?;
    Ok(Policy {
        settings: PolicySettings {
            administrators: decode(row.try_get("administrators")?)?,
            technicians: decode(row.try_get("technicians")?)?,
            primary_method: decode(row.try_get("primary_method")?)?,
        },
        revision: row.try_get("revision")?,
        updated_at: db::rfc3339(row.try_get("updated_at")?),
    })
}

/// Replaces `saved` by `settings` at `now` on `connection`, if `saved` is still the current
/// revision, and resets every member's two-step verification when the method changes (one
/// small write, [`setups::reset_organization`], whatever the organization's size). Answers the
/// policy as saved with how many setups the reset voided, and the audit change; `None` when
/// someone else changed the policy meanwhile. Meant for [`super::versioned::update`].
pub async fn update(
    connection: &mut SqliteConnection,
    organization_id: i64,
    saved: &Policy,
    settings: PolicySettings,
    now: i64,
) -> Result<Option<((Policy, u64), AuditChange)>> {
    let updated = sqlx::query(
        "UPDATE policies
         SET administrators = $1, technicians = $2, primary_method = $3,
             revision = revision + 1, updated_at = $4
         WHERE organization_id = $5 AND revision = $6",
    )
    .bind(settings.administrators.wire_name())
    .bind(settings.technicians.wire_name())
    .bind(settings.primary_method.wire_name())
    .bind(now)
    .bind(organization_id)
    .bind(saved.revision)
    .execute(&mut *connection)
    .await?
    .rows_affected();
    if updated == 0 {
        return Ok(None);
    }
    let mut enrollments_reset = 0;
    if saved.settings.method_changes(&settings) {
        enrollments_reset = setups::reset_organization(connection, organization_id, now).await?;
    }
    let policy = Policy { settings, revision: saved.revision + 1, updated_at: db::rfc3339(now) };
    let change =
        AuditChange::PolicyUpdated { before: saved.settings, after: settings, enrollments_reset };
    Ok(Some(((policy, enrollments_reset), change)))
}
