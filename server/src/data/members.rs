//! The organization's members: as the effective-requirement rule sees them (for the policy's
//! impact), as the member list shows them ([`list`]), and the reset of their two-step
//! verification.

pub mod list;

use std::collections::HashMap;

use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};
use twostep_contract::{
    AuditChange, AuditPerson, MemberFacts, MemberSnapshot, PrimaryMethod, Role,
};

use super::audit::{self, Stamp};
use super::setups;
use super::visibility::{Ctes, Visibility};
use crate::auth::CurrentSession;
use crate::db::{self, Db, decode};
use crate::error::Result;

/// The roles a member's licence columns give, in the contract's order.
pub(crate) fn roles(
    is_master_administrator: bool,
    is_administrator: bool,
    is_technician: bool,
) -> Vec<Role> {
    [
        (is_master_administrator, Role::MasterAdministrator),
        (is_administrator, Role::Administrator),
        (is_technician, Role::Technician),
    ]
    .into_iter()
    .filter_map(|(holds, role)| holds.then_some(role))
    .collect()
}

/// The email of the account holder to sign in as: the first organization's.
pub async fn account_holder_email(db: &Db) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT email FROM members WHERE is_account_holder = 1 ORDER BY organization_id, id LIMIT 1",
    )
    .fetch_optional(db)
    .await?)
}

/// Every member of `organization_id` with what [`twostep_contract::impact`] needs: roles,
/// whether their technician group forces two-step verification, whether they are enrolled
/// (a setup voided by a reset counts as none), and the Technician Console they last used. One query.
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
                AND ((SELECT reset_generation = swept_generation
                      FROM policies WHERE organization_id = $1)
                     OR e.reset_generation =
                        (SELECT reset_generation FROM policies WHERE organization_id = $1))
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

/// Deletes the two-step verification setups of the members `ids` of `organization_id` (with
/// their sealed keys and phone numbers and the last step accepted) and their recovery codes,
/// and marks each of them as asked at `now` to set it up again at their next sign-in. Sessions
/// already open stay open. Answers how many current setups were deleted (a void one, see
/// [`setups`], is deleted too but counts as none). Meant for the transaction that records the
/// reset. (The whole organization's reset is [`setups::reset_organization`].)
pub async fn reset_two_step(
    connection: &mut SqliteConnection,
    organization_id: i64,
    ids: &[i64],
    now: i64,
) -> Result<u64> {
    let mut count = QueryBuilder::new("SELECT COUNT(*) FROM two_step_enrollments e WHERE ");
    setups::push_current(&mut count, "e", organization_id);
    push_id_filter(&mut count, "e.member_id", ids);
    let deleted: i64 = count.build_query_scalar().fetch_one(&mut *connection).await?;
    for table in ["two_step_enrollments", "recovery_codes"] {
        let mut delete = QueryBuilder::new("DELETE FROM ");
        delete
            .push(table)
            .push(" WHERE member_id IN (SELECT id FROM members WHERE organization_id = ")
            .push_bind(organization_id);
        push_id_filter(&mut delete, "id", ids);
        delete.push(")");
        delete.build().execute(&mut *connection).await?;
    }
    let mut update = QueryBuilder::new("UPDATE members SET two_step_reset_at = ");
    update.push_bind(now).push(" WHERE organization_id = ").push_bind(organization_id);
    push_id_filter(&mut update, "id", ids);
    update.build().execute(&mut *connection).await?;
    Ok(u64::try_from(deleted).unwrap_or_default())
}

/// Pushes ` AND column IN (…)` with `ids` as bound parameters.
fn push_id_filter(sql: &mut QueryBuilder<'_, Sqlite>, column: &str, ids: &[i64]) {
    sql.push(" AND ").push(column).push(" IN (");
    let mut list = sql.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    sql.push(")");
}

/// A member named in a reset, as found in the caller's organization.
#[derive(Debug)]
pub struct ResetTarget {
    /// Their name.
    pub name: String,
    /// Their email address.
    pub email: String,
    /// The method of their setup, if they have one.
    pub method: Option<PrimaryMethod>,
    /// Whether the caller may reset this member (see [`Visibility::push_may_reset`]).
    pub may_reset: bool,
}

/// Resets the two-step verification of the members `ids` names, all or nothing, with one audit
/// event per member, once `check` has accepted the members of the caller's organization among
/// them (it sees them as they are inside the transaction, so nothing changes in between).
/// Answers how many setups were deleted.
pub async fn reset_checked(
    db: &Db,
    current: &CurrentSession,
    ids: &[i64],
    check: impl FnOnce(&HashMap<i64, ResetTarget>) -> Result<()>,
) -> Result<u64> {
    let organization_id = current.organization_id();
    // Immediate: the checks read what the writes then change, and no other write may come in
    // between.
    let mut tx = db.begin_with("BEGIN IMMEDIATE").await?;
    let targets = reset_targets(&mut tx, current, ids).await?;
    check(&targets)?;

    let stamp = Stamp { organization_id, actor_member_id: current.member_id(), at: db::now() };
    let deleted = reset_two_step(&mut tx, organization_id, ids, stamp.at).await?;
    for id in ids {
        let target = &targets[id];
        let change = AuditChange::TwoStepReset {
            member: AuditPerson { id: *id, name: target.name.clone(), email: target.email.clone() },
            method_before: target.method,
        };
        audit::record(&mut tx, &stamp, &change).await?;
    }
    tx.commit().await?;
    Ok(deleted)
}

/// The members of the caller's organization among `ids`, with their setup's method and
/// whether the caller may reset them.
async fn reset_targets(
    connection: &mut SqliteConnection,
    current: &CurrentSession,
    ids: &[i64],
) -> Result<HashMap<i64, ResetTarget>> {
    let visibility = Visibility::of(current);
    let mut sql = QueryBuilder::new("");
    visibility.push_cte(&mut sql, &mut Ctes::default());
    sql.push(" SELECT m.id, m.name, m.email, e.method, ");
    visibility.push_may_reset(&mut sql, "m");
    sql.push(" AS may_reset FROM members m")
        .push(setups::CURRENT_JOIN)
        .push(" WHERE m.organization_id = ")
        .push_bind(current.organization_id());
    push_id_filter(&mut sql, "m.id", ids);
    let rows = sql.build().fetch_all(connection).await?;
    rows.iter()
        .map(|row| {
            let method: Option<String> = row.try_get("method")?;
            Ok((
                row.try_get("id")?,
                ResetTarget {
                    name: row.try_get("name")?,
                    email: row.try_get("email")?,
                    method: method.as_deref().map(decode).transpose()?,
                    may_reset: row.try_get("may_reset")?,
                },
            ))
        })
        .collect()
}
