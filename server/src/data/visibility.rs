//! Which technician groups a caller may see and manage, written once for every query that needs
//! it: master administrators every group of their organization; administrators the groups
//! assigned to them and all their descendants.
//!
//! Queries are built with [`QueryBuilder`]: they open with the table expressions they need
//! ([`Visibility::push_cte`], [`push_group_and_subgroups`], both through [`Ctes`]), then filter
//! with [`Visibility::push_filter`] or test with [`Visibility::push_may_reset`].

use sqlx::{QueryBuilder, Sqlite};

use crate::auth::CurrentSession;

/// The name of the table expression that holds the ids of the groups the caller may see.
const VISIBLE_GROUPS: &str = "visible_groups";

/// The `WITH RECURSIVE` clause of a query being built: the first table expression opens it,
/// the next ones follow with a comma.
#[derive(Debug, Default)]
pub struct Ctes {
    started: bool,
}

impl Ctes {
    /// Pushes what comes before the next table expression.
    fn next(&mut self, sql: &mut QueryBuilder<'_, Sqlite>) {
        sql.push(if self.started { ", " } else { "WITH RECURSIVE " });
        self.started = true;
    }
}

/// Pushes `name (id) AS (...)`: the groups of `organization_id` that `roots` selects (a
/// `SELECT` of one column of group ids) and all their descendants.
fn push_descendants(
    sql: &mut QueryBuilder<'_, Sqlite>,
    ctes: &mut Ctes,
    name: &str,
    organization_id: i64,
    roots: impl FnOnce(&mut QueryBuilder<'_, Sqlite>),
) {
    ctes.next(sql);
    sql.push(name).push(" (id) AS (");
    roots(sql);
    // CROSS JOIN keeps this join order: each group found so far, then its children through the
    // index on (organization_id, parent_id). Left to itself, SQLite 3.46 reads every group of
    // the organization for each group found instead (250 ms for a subtree of 500 groups).
    sql.push(" UNION SELECT child.id FROM ")
        .push(name)
        .push(" parent CROSS JOIN technician_groups child WHERE child.parent_id = parent.id AND child.organization_id = ")
        .push_bind(organization_id)
        .push(")");
}

/// Pushes the table expression `name (id)`: group `group_id` of `organization_id` and all its
/// subgroups (empty when there is no such group in the organization).
pub fn push_group_and_subgroups(
    sql: &mut QueryBuilder<'_, Sqlite>,
    ctes: &mut Ctes,
    name: &str,
    organization_id: i64,
    group_id: i64,
) {
    push_descendants(sql, ctes, name, organization_id, |sql| {
        sql.push("SELECT g.id FROM technician_groups g WHERE g.organization_id = ")
            .push_bind(organization_id)
            .push(" AND g.id = ")
            .push_bind(group_id);
    });
}

/// The groups one caller may see.
#[derive(Clone, Copy, Debug)]
pub struct Visibility {
    organization_id: i64,
    member_id: i64,
    every_group: bool,
}

impl Visibility {
    /// What `current` may see.
    pub fn of(current: &CurrentSession) -> Self {
        Visibility {
            organization_id: current.organization_id(),
            member_id: current.member_id(),
            every_group: current.is_master_administrator(),
        }
    }

    /// Whether the caller sees every group of the organization (a master administrator), so
    /// that nothing needs filtering.
    pub fn sees_every_group(&self) -> bool {
        self.every_group
    }

    /// Pushes the table expression of the groups an administrator may see: the groups assigned
    /// to them and their descendants. Nothing for a master administrator.
    pub fn push_cte(&self, sql: &mut QueryBuilder<'_, Sqlite>, ctes: &mut Ctes) {
        if self.every_group {
            return;
        }
        let (organization_id, member_id) = (self.organization_id, self.member_id);
        push_descendants(sql, ctes, VISIBLE_GROUPS, organization_id, |sql| {
            sql.push(
                "SELECT a.group_id FROM administrator_group_assignments a WHERE a.organization_id = ",
            )
            .push_bind(organization_id)
            .push(" AND a.member_id = ")
            .push_bind(member_id);
        });
    }

    /// Pushes ` AND <group_column> IN (the visible groups)`; nothing for a master administrator.
    /// The query must have pushed [`Visibility::push_cte`].
    pub fn push_filter(&self, sql: &mut QueryBuilder<'_, Sqlite>, group_column: &str) {
        if !self.every_group {
            sql.push(" AND ")
                .push(group_column)
                .push(" IN (SELECT id FROM ")
                .push(VISIBLE_GROUPS)
                .push(")");
        }
    }

    /// Pushes an expression that is 1 when the caller may reset the two-step verification of
    /// the member aliased `member` (a row of `members`), else 0. Master administrators may reset
    /// every member; administrators (least privilege) only the technicians of the groups they
    /// see who hold no administrator licence, neither master administrator nor administrator.
    /// The query must have pushed [`Visibility::push_cte`].
    pub fn push_may_reset(&self, sql: &mut QueryBuilder<'_, Sqlite>, member: &str) {
        if self.every_group {
            sql.push("1");
        } else {
            sql.push("(NOT ")
                .push(member)
                .push(".is_master_administrator AND NOT ")
                .push(member)
                .push(".is_administrator AND COALESCE(")
                .push(member)
                .push(".technician_group_id IN (SELECT id FROM ")
                .push(VISIBLE_GROUPS)
                .push("), 0))");
        }
    }
}
