//! Which two-step verification setups count: those made since their organization's last reset.
//!
//! A change of the primary method resets every member's setup. Deleting them all holds the
//! database's only write lock for seconds in a large organization, so the reset instead counts
//! one more generation on the policy ([`reset_organization`]): one small write, in the
//! transaction of the policy update and its audit event. A setup records its organization and
//! the generation it was made in (migration 0007); one of an older generation is void, and every
//! statement that reads setups joins them under [`CURRENT_JOIN`] or [`push_current`], so that a
//! void setup reads as none. The sweeper ([`crate::sweeper`]) then deletes void setups with
//! their recovery codes, [`sweep`] at a time.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::db::Db;
use crate::error::Result;

/// ` LEFT JOIN` of the current setup `e` of the member `m`, if any (for statements about one or
/// a few members: the policy is looked up per row).
pub const CURRENT_JOIN: &str = " LEFT JOIN two_step_enrollments e ON e.member_id = m.id \
     AND e.organization_id = m.organization_id \
     AND e.reset_generation = (SELECT p.reset_generation FROM policies p \
                               WHERE p.organization_id = m.organization_id)";

/// Pushes the condition that the setup `alias` is a current setup of `organization_id`. The
/// policy is read once per statement, and the condition fits the index
/// `two_step_enrollments_by_generation`.
pub fn push_current(sql: &mut QueryBuilder<'_, Sqlite>, alias: &str, organization_id: i64) {
    sql.push(alias)
        .push(".organization_id = ")
        .push_bind(organization_id)
        .push(" AND ")
        .push(alias)
        .push(".reset_generation = (SELECT reset_generation FROM policies WHERE organization_id = ")
        .push_bind(organization_id)
        .push(")");
}

/// Pushes the condition that the setup `alias` of a member of `organization_id` is not void,
/// for a join of every member's setup: true at once while the sweeper has deleted every void
/// setup (the policy's `swept_generation` is its `reset_generation`), else [`push_current`]'s
/// comparison of each setup's generation.
pub fn push_not_void(sql: &mut QueryBuilder<'_, Sqlite>, alias: &str, organization_id: i64) {
    sql.push("((SELECT reset_generation = swept_generation FROM policies WHERE organization_id = ")
        .push_bind(organization_id)
        .push(") OR ")
        .push(alias)
        .push(".reset_generation = (SELECT reset_generation FROM policies WHERE organization_id = ")
        .push_bind(organization_id)
        .push("))");
}

/// Voids every setup of `organization_id` at `now` (one write to its policy row) and answers
/// how many current setups that voided. Meant for the transaction of the policy update.
pub async fn reset_organization(
    connection: &mut SqliteConnection,
    organization_id: i64,
    now: i64,
) -> Result<u64> {
    let mut count = QueryBuilder::new(
        "SELECT COUNT(*) FROM two_step_enrollments e INDEXED BY two_step_enrollments_by_generation \
         WHERE ",
    );
    push_current(&mut count, "e", organization_id);
    let voided: i64 = count.build_query_scalar().fetch_one(&mut *connection).await?;
    sqlx::query(
        "UPDATE policies SET reset_generation = reset_generation + 1, reset_at = $1
         WHERE organization_id = $2",
    )
    .bind(now)
    .bind(organization_id)
    .execute(&mut *connection)
    .await?;
    Ok(u64::try_from(voided).unwrap_or_default())
}

/// Deletes up to `batch` void setups, with their sealed keys and phone numbers and their
/// members' recovery codes, in one short write transaction. Answers how many it deleted; when
/// none is left, records that every organization is swept up to its current generation, and
/// answers 0.
pub async fn sweep(db: &Db, batch: u32) -> Result<u64> {
    // Immediate: what is void cannot change before the deletes (a member setting up again
    // replaces their void setup by a current one).
    let mut tx = db.begin_with("BEGIN IMMEDIATE").await?;
    let members: Vec<i64> = sqlx::query_scalar(
        "SELECT e.member_id
         FROM policies p
         JOIN two_step_enrollments e INDEXED BY two_step_enrollments_by_generation
           ON e.organization_id = p.organization_id AND e.reset_generation < p.reset_generation
         LIMIT $1",
    )
    .bind(batch)
    .fetch_all(&mut *tx)
    .await?;
    if members.is_empty() {
        sqlx::query(
            "UPDATE policies SET swept_generation = reset_generation
             WHERE swept_generation <> reset_generation",
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return Ok(0);
    }
    for table in ["recovery_codes", "two_step_enrollments"] {
        let mut delete = QueryBuilder::new("DELETE FROM ");
        delete.push(table).push(" WHERE member_id IN (");
        let mut list = delete.separated(", ");
        for id in &members {
            list.push_bind(*id);
        }
        delete.push(")");
        delete.build().execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(members.len() as u64)
}
