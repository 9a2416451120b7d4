//! The organization's members: as the effective-requirement rule sees them (for the policy's
//! impact), and as the member list shows them ([`list`]).

pub mod list;

use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};
use twostep_contract::{MemberFacts, MemberSnapshot};

use crate::db::Db;
use crate::error::Result;

/// Every member of `organization_id` with what [`twostep_contract::impact`] needs: roles,
/// whether their technician group forces two-step verification, whether they are enrolled,
/// and the Technician Console they last used. One query.
pub async fn snapshots(db: &Db, organization_id: i64) -> Result<Vec<MemberSnapshot>> {
    let rows = sqlx::query(
        "SELECT m.is_master_administrator, m.is_administrator, m.is_technician,
                COALESCE(g.force_two_step, 0) AS group_forces_two_step,
                CASE WHEN e.member_id IS NULL THEN 0 ELSE 1 END AS enrolled,
                m.technician_console_version
         FROM members m
         LEFT JOIN technician_groups g
                ON g.id = m.technician_group_id AND g.organization_id = m.organization_id
         LEFT JOIN two_step_enrollments e ON e.member_id = m.id
         WHERE m.organization_id = $1
         ORDER BY m.id",
    )
    .bind(organization_id)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(MemberSnapshot {
                facts: MemberFacts {
                    is_administrator: row.try_get::<bool, _>("is_master_administrator")?
                        || row.try_get::<bool, _>("is_administrator")?,
                    is_technician: row.try_get("is_technician")?,
                    group_forces_two_step: row.try_get("group_forces_two_step")?,
                },
                enrolled: row.try_get("enrolled")?,
                console_version: row.try_get("technician_console_version")?,
            })
        })
        .collect()
}

/// How many members `organization_id` has.
pub async fn count(db: &Db, organization_id: i64) -> Result<u64> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM members WHERE organization_id = $1")
        .bind(organization_id)
        .fetch_one(db)
        .await?;
    Ok(u64::try_from(count).unwrap_or_default())
}

/// Whose two-step verification a reset deletes.
#[derive(Clone, Copy, Debug)]
pub enum ResetScope<'a> {
    /// Every member of the organization (a change of the primary method).
    Organization,
    /// These members of the organization (an administrator's reset).
    Members(&'a [i64]),
}

/// Deletes the two-step verification setups of the members of `organization_id` that `scope`
/// names, and marks each of them as asked at `now` to set it up again at their next sign-in.
/// Answers how many setups were deleted. Meant for the transaction that records the reset.
pub async fn reset_two_step(
    connection: &mut SqliteConnection,
    organization_id: i64,
    scope: ResetScope<'_>,
    now: i64,
) -> Result<u64> {
    let mut delete = QueryBuilder::new(
        "DELETE FROM two_step_enrollments WHERE member_id IN (SELECT id FROM members WHERE organization_id = ",
    );
    delete.push_bind(organization_id);
    push_scope(&mut delete, scope);
    delete.push(")");
    let deleted = delete.build().execute(&mut *connection).await?.rows_affected();
    let mut update = QueryBuilder::new("UPDATE members SET two_step_reset_at = ");
    update.push_bind(now).push(" WHERE organization_id = ").push_bind(organization_id);
    push_scope(&mut update, scope);
    update.build().execute(&mut *connection).await?;
    Ok(deleted)
}

/// ` AND id IN (…)` for [`ResetScope::Members`]; nothing for the whole organization.
fn push_scope(sql: &mut QueryBuilder<'_, Sqlite>, scope: ResetScope<'_>) {
    if let ResetScope::Members(ids) = scope {
        push_id_filter(sql, "id", ids);
    }
}

/// Pushes ` AND column IN (…)` with `ids` as bound parameters.
pub fn push_id_filter(sql: &mut QueryBuilder<'_, Sqlite>, column: &str, ids: &[i64]) {
    sql.push(" AND ").push(column).push(" IN (");
    let mut list = sql.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    sql.push(")");
}
