//! Technician groups: the groups a caller may see with their technicians' counts, and the
//! change of a group's "Force two-step verification".

use sqlx::{QueryBuilder, Row, SqliteConnection};
use twostep_contract::{AuditChange, TechnicianGroup};

use super::setups;
use super::visibility::{Ctes, Visibility};
use crate::auth::CurrentSession;
use crate::db::Db;
use crate::error::Result;

/// Loads the groups `current` may see, ordered by name; only group `only` when given.
pub async fn load_visible(
    db: &Db,
    current: &CurrentSession,
    only: Option<i64>,
) -> Result<Vec<TechnicianGroup>> {
    let visibility = Visibility::of(current);
    let mut sql = QueryBuilder::new("");
    visibility.push_cte(&mut sql, &mut Ctes::default());
    sql.push(
        " SELECT g.id, g.parent_id, g.name, g.description, g.force_two_step, g.revision,
                COUNT(m.id) AS technicians,
                COUNT(m.id) - COUNT(e.member_id) AS technicians_not_enrolled
         FROM technician_groups g
         LEFT JOIN members m
                ON m.technician_group_id = g.id AND m.organization_id = g.organization_id
               AND m.is_technician = 1
         LEFT JOIN two_step_enrollments e ON e.member_id = m.id AND ",
    );
    setups::push_not_void(&mut sql, "e", current.organization_id());
    sql.push(" WHERE g.organization_id = ").push_bind(current.organization_id());
    visibility.push_filter(&mut sql, "g.id");
    if let Some(id) = only {
        sql.push(" AND g.id = ").push_bind(id);
    }
    sql.push(
        " GROUP BY g.id, g.parent_id, g.name, g.description, g.force_two_step, g.revision
         ORDER BY g.name, g.id",
    );
    let rows = sql.build().fetch_all(db).await?;
    rows.iter()
        .map(|row| {
            Ok(TechnicianGroup {
                id: row.try_get("id")?,
                parent_id: row.try_get("parent_id")?,
                name: row.try_get("name")?,
                description: row.try_get("description")?,
                force_two_step: row.try_get("force_two_step")?,
                technicians: count(row.try_get("technicians")?),
                technicians_not_enrolled: count(row.try_get("technicians_not_enrolled")?),
                revision: row.try_get("revision")?,
            })
        })
        .collect()
}

/// Group `id` if `current` may see it.
pub async fn find_visible(
    db: &Db,
    current: &CurrentSession,
    id: i64,
) -> Result<Option<TechnicianGroup>> {
    Ok(load_visible(db, current, Some(id)).await?.into_iter().next())
}

fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or_default()
}

/// Sets the "Force two-step verification" of group `saved` of `organization_id` on
/// `connection`, if `saved` is still its current revision. Answers the audit change; `None`
/// when someone else changed the group meanwhile. Meant for [`super::versioned::update`].
pub async fn set_force_two_step(
    connection: &mut SqliteConnection,
    organization_id: i64,
    saved: &TechnicianGroup,
    force_two_step: bool,
) -> Result<Option<((), AuditChange)>> {
    let updated = sqlx::query(
        "UPDATE technician_groups
         SET force_two_step = $4, revision = revision + 1
         WHERE id = $1 AND organization_id = $2 AND revision = $3",
    )
    .bind(saved.id)
    .bind(organization_id)
    .bind(saved.revision)
    .bind(force_two_step)
    .execute(connection)
    .await?
    .rows_affected();
    Ok((updated > 0).then(|| {
        let change = AuditChange::GroupForceTwoStepChanged {
            group_id: saved.id,
            group_name: saved.name.clone(),
            before: saved.force_two_step,
            after: force_two_step,
        };
        ((), change)
    }))
}
