//! The member list of `GET /members` and its export: the members a caller may see, with their
//! two-step verification state, filtered, ordered and paged as a [`MemberQuery`] says.
//!
//! One builder writes the SQL of the three shapes (the count, the ids of a page, every matching
//! member with its details), so that they always agree on what matches. Whether a member is
//! required comes from [`twostep_contract::requirement`]; the `required` filter restates that
//! rule in SQL, and a test checks that both agree for every member under every policy.

use std::collections::HashMap;

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};
use twostep_contract::{
    AdministratorsPolicy, EnrollmentStatus, Member, MemberFacts, MemberGroup, MemberQuery,
    MemberSortKey, PolicySettings, Role, TechniciansPolicy, requirement,
};

use super::roles;
use crate::auth::CurrentSession;
use crate::data::setups;
use crate::data::visibility::{self, Ctes, Visibility};
use crate::db::{self, Db, decode};
use crate::error::Result;

/// The table expression of the group a query names and its subgroups.
const SELECTED_GROUPS: &str = "selected_groups";

/// What a member row carries, for [`member`].
const DETAIL_COLUMNS: &str = "m.id, m.name, m.email, m.is_master_administrator, \
     m.is_administrator, m.is_technician, m.technician_console_version, g.id AS group_id, \
     g.name AS group_name, COALESCE(g.force_two_step, 0) AS group_forces_two_step, e.method, \
     e.enrolled_at";

const GROUP_JOIN: &str = " LEFT JOIN technician_groups g \
     ON g.id = m.technician_group_id AND g.organization_id = m.organization_id";

/// What a query built by [`Listing::build`] answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// One row: `COUNT(*)`.
    Count,
    /// The ids of `limit` members after the first `offset`, in order.
    Ids { limit: u64, offset: u64 },
    /// Every matching member with [`DETAIL_COLUMNS`], in order.
    All,
}

/// Which of the matching members a query reads, and in which order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Part {
    /// Only the members in this state; `None`: as the query's `status` says.
    status: Option<EnrollmentStatus>,
    /// The order.
    order: Order,
}

/// The order of a [`Part`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Order {
    /// The query's `sort`.
    Query,
    /// Name, then id.
    Name,
    /// Enrolled members only, by the time of their setup in this direction, then name and id;
    /// read from the index of the current generation's setups by time.
    EnrolledAt { descending: bool },
}

/// Every matching member in the query's order.
const WHOLE: Part = Part { status: None, order: Order::Query };

/// The members one caller asks for.
#[derive(Debug)]
pub struct Listing<'a> {
    organization_id: i64,
    visibility: Visibility,
    query: &'a MemberQuery,
    policy: PolicySettings,
}

impl<'a> Listing<'a> {
    /// The members `current` may see that match `query`, judged under the organization's
    /// `policy`. A `group_id` in the query must be one the caller may see (the handler checks
    /// it first; an unknown one matches nothing).
    pub fn new(current: &CurrentSession, query: &'a MemberQuery, policy: PolicySettings) -> Self {
        Listing {
            organization_id: current.organization_id(),
            visibility: Visibility::of(current),
            query,
            policy,
        }
    }

    /// How many members match, over all pages.
    pub async fn total(&self, db: &Db) -> Result<u64> {
        self.count(db, WHOLE).await
    }

    /// The members of the query's page, in order (none past the last page).
    pub async fn page(&self, db: &Db) -> Result<Vec<Member>> {
        let ids = self.page_ids(db).await?;
        self.details().of(db, &ids).await
    }

    /// The ids of every matching member, in order (the page is ignored), for an export to read
    /// their details a page at a time with [`Details::of`].
    pub async fn all_ids(&self, db: &Db) -> Result<Vec<i64>> {
        let mut ids: Vec<i64> = Vec::new();
        for part in self.parts() {
            let shape = Shape::Ids { limit: u64::MAX, offset: 0 };
            let found: Vec<i64> =
                self.build(shape, part).build_query_scalar().fetch_all(db).await?;
            ids.extend(found);
        }
        Ok(ids)
    }

    /// What reads members' details for this listing, apart from the query it borrows.
    pub fn details(&self) -> Details {
        Details { organization_id: self.organization_id, policy: self.policy }
    }

    /// Every matching member, in order (the page is ignored).
    pub async fn all(&self, db: &Db) -> Result<Vec<Member>> {
        let rows = self.build(Shape::All, WHOLE).build().fetch_all(db).await?;
        rows.iter().map(|row| member(row, &self.policy)).collect()
    }

    /// How many members of `part` match.
    async fn count(&self, db: &Db, part: Part) -> Result<u64> {
        let total: i64 = self.build(Shape::Count, part).build_query_scalar().fetch_one(db).await?;
        Ok(u64::try_from(total).unwrap_or_default())
    }

    /// The ids of the query's page, in order. A list ordered by setup state or time is two
    /// parts one after the other (see [`Listing::parts`]): the page takes what it needs from
    /// the first, then from the second, after counting the first when it ends within the page.
    async fn page_ids(&self, db: &Db) -> Result<Vec<i64>> {
        let paging = self.query.paging;
        let limit = u64::from(paging.per_page);
        let mut offset = paging.offset();
        let mut ids: Vec<i64> = Vec::new();
        let parts = self.parts();
        for (i, part) in parts.iter().enumerate() {
            let wanted = limit - ids.len() as u64;
            let shape = Shape::Ids { limit: wanted, offset };
            let found: Vec<i64> =
                self.build(shape, *part).build_query_scalar().fetch_all(db).await?;
            let ended = (found.len() as u64) < wanted;
            ids.extend(found);
            if !ended || i + 1 == parts.len() {
                break;
            }
            offset = offset.saturating_sub(self.count(db, *part).await?);
        }
        Ok(ids)
    }

    /// The parts a page is read from. Sorting every member by a column of their setup costs a
    /// walk over all of them; read as two parts, each in an order an index gives, a page stops
    /// at its last row. Members by setup state: those in one state by name, then the others;
    /// by setup time: those set up, from the index of setups by time, then the others by name.
    /// (When only some groups' members are listed, reading those and sorting them is quicker.)
    fn parts(&self) -> Vec<Part> {
        let query = self.query;
        if query.group_id.is_some() || !self.visibility.sees_every_group() {
            return vec![WHOLE];
        }
        let by_name = |status| Part { status: Some(status), order: Order::Name };
        let (enrolled, not_enrolled) =
            (by_name(EnrollmentStatus::Enrolled), by_name(EnrollmentStatus::NotEnrolled));
        let parts = match (query.sort.key, query.sort.descending) {
            (MemberSortKey::Status, false) => [not_enrolled, enrolled],
            (MemberSortKey::Status, true) => [enrolled, not_enrolled],
            (MemberSortKey::EnrolledAt, descending) => [
                Part {
                    status: Some(EnrollmentStatus::Enrolled),
                    order: Order::EnrolledAt { descending },
                },
                not_enrolled,
            ],
            _ => return vec![WHOLE],
        };
        parts
            .into_iter()
            .filter(|part| query.status.is_none_or(|s| part.status == Some(s)))
            .collect()
    }

    /// The SQL of `shape` over `part`.
    fn build(&self, shape: Shape, part: Part) -> QueryBuilder<'static, Sqlite> {
        let query = self.query;
        let organization_id = self.organization_id;
        let status = part.status.or(query.status);
        // A count needs no order, nor what only the order reads.
        let order = match shape {
            Shape::Count => Order::Name,
            _ => part.order,
        };
        let mut sql = QueryBuilder::new("");
        let mut ctes = Ctes::default();
        self.visibility.push_cte(&mut sql, &mut ctes);
        if let Some(group_id) = query.group_id {
            visibility::push_group_and_subgroups(
                &mut sql,
                &mut ctes,
                SELECTED_GROUPS,
                organization_id,
                group_id,
            );
        }
        sql.push(match shape {
            Shape::Count => " SELECT COUNT(*)",
            Shape::Ids { .. } => " SELECT m.id",
            Shape::All => " SELECT ",
        });
        if shape == Shape::All {
            sql.push(DETAIL_COLUMNS);
        }
        let by_time = matches!(order, Order::EnrolledAt { .. });
        if by_time {
            // Setups in time order, each with its member: CROSS JOIN keeps this order.
            sql.push(
                " FROM two_step_enrollments e INDEXED BY two_step_enrollments_by_generation \
                 CROSS JOIN members m INDEXED BY members_by_id",
            );
        } else {
            sql.push(" FROM members m INDEXED BY ").push(self.index(shape, order));
        }
        if shape == Shape::All || self.reads_groups(order) {
            sql.push(GROUP_JOIN);
        }
        let reads_enrollments = status.is_some()
            || (order == Order::Query
                && matches!(query.sort.key, MemberSortKey::Status | MemberSortKey::EnrolledAt));
        if !by_time && (shape == Shape::All || reads_enrollments) {
            push_enrollment_join(&mut sql, organization_id);
        }

        sql.push(" WHERE m.organization_id = ").push_bind(organization_id);
        if by_time {
            sql.push(" AND ");
            setups::push_current(&mut sql, "e", organization_id);
            sql.push(" AND m.id = e.member_id");
        }
        self.visibility.push_filter(&mut sql, "m.technician_group_id");
        if query.group_id.is_some() {
            sql.push(" AND m.technician_group_id IN (SELECT id FROM ")
                .push(SELECTED_GROUPS)
                .push(")");
        }
        if let Some(text) = &query.q {
            let pattern = like_pattern(text);
            sql.push(" AND (m.name LIKE ")
                .push_bind(pattern.clone())
                .push(" ESCAPE '\\' OR m.email LIKE ")
                .push_bind(pattern)
                .push(" ESCAPE '\\')");
        }
        if let Some(role) = query.role {
            sql.push(match role {
                Role::MasterAdministrator => " AND m.is_master_administrator",
                Role::Administrator => " AND m.is_administrator",
                Role::Technician => " AND m.is_technician",
            });
        }
        if let Some(required) = query.required {
            sql.push(if required { " AND " } else { " AND NOT " });
            push_required(&mut sql, &self.policy);
        }
        if let Some(status) = status.filter(|_| !by_time) {
            sql.push(match status {
                EnrollmentStatus::Enrolled => " AND e.member_id IS NOT NULL",
                EnrollmentStatus::NotEnrolled => " AND e.member_id IS NULL",
            });
        }

        if shape != Shape::Count {
            sql.push(" ORDER BY ").push(match order {
                Order::Query => self.order(),
                Order::Name => "m.name, m.id",
                Order::EnrolledAt { descending: false } => "e.enrolled_at, m.name, m.id",
                Order::EnrolledAt { descending: true } => "e.enrolled_at DESC, m.name, m.id",
            });
        }
        if let Shape::Ids { limit, offset } = shape {
            sql.push(" LIMIT ")
                .push_bind(i64::try_from(limit).unwrap_or(i64::MAX))
                .push(" OFFSET ")
                .push_bind(i64::try_from(offset).unwrap_or(i64::MAX));
        }
        sql
    }

    /// Whether the filters or `order` read `technician_groups`.
    fn reads_groups(&self, order: Order) -> bool {
        self.query.required.is_some()
            || (order == Order::Query && self.query.sort.key == MemberSortKey::Group)
    }

    /// The covering index a query of `shape` in `order` walks (see migration 0003). A page in
    /// name or email order walks that order and stops at its last row; every other query reads
    /// every matching member, fastest when its lookups of other tables come in key order (the
    /// export then sorts what matched).
    fn index(&self, shape: Shape, order: Order) -> &'static str {
        let query = self.query;
        if query.group_id.is_some() || !self.visibility.sees_every_group() {
            // Only the members of some groups: read those groups' entries.
            return "members_by_group_and_id";
        }
        if let Shape::Ids { .. } = shape {
            // Pages in this order stop at the page's last row.
            match (order, query.sort.key) {
                (Order::Name, _) | (Order::Query, MemberSortKey::Name) => {
                    return "members_by_name";
                }
                (Order::Query, MemberSortKey::Email) => return "members_by_email",
                _ => {}
            }
        }
        if self.reads_groups(order) {
            // One group's members after the other: each group is looked up once.
            "members_by_group_and_id"
        } else {
            "members_by_id"
        }
    }

    /// The `ORDER BY` terms: the key in its direction, members without a value last, then
    /// name and id.
    fn order(&self) -> &'static str {
        let descending = self.query.sort.descending;
        match (self.query.sort.key, descending) {
            (MemberSortKey::Name, false) => "m.name, m.id",
            (MemberSortKey::Name, true) => "m.name DESC, m.id DESC",
            (MemberSortKey::Email, false) => "m.email, m.id",
            (MemberSortKey::Email, true) => "m.email DESC, m.id DESC",
            (MemberSortKey::Group, false) => "g.name IS NULL, g.name, m.name, m.id",
            (MemberSortKey::Group, true) => "g.name IS NULL, g.name DESC, m.name, m.id",
            (MemberSortKey::Status, false) => "e.member_id IS NOT NULL, m.name, m.id",
            (MemberSortKey::Status, true) => "e.member_id IS NOT NULL DESC, m.name, m.id",
            (MemberSortKey::EnrolledAt, false) => {
                "e.enrolled_at IS NULL, e.enrolled_at, m.name, m.id"
            }
            (MemberSortKey::EnrolledAt, true) => {
                "e.enrolled_at IS NULL, e.enrolled_at DESC, m.name, m.id"
            }
        }
    }
}

/// Reads members of one organization by id, with their details judged under its policy.
#[derive(Clone, Copy, Debug)]
pub struct Details {
    organization_id: i64,
    policy: PolicySettings,
}

impl Details {
    /// The members `ids` names, in that order (any no longer in the organization left out).
    pub async fn of(&self, db: &Db, ids: &[i64]) -> Result<Vec<Member>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = QueryBuilder::new("SELECT ");
        sql.push(DETAIL_COLUMNS).push(" FROM members m").push(GROUP_JOIN);
        push_enrollment_join(&mut sql, self.organization_id);
        sql.push(" WHERE m.organization_id = ")
            .push_bind(self.organization_id)
            .push(" AND m.id IN (");
        let mut list = sql.separated(", ");
        for id in ids {
            list.push_bind(*id);
        }
        sql.push(")");
        let rows = sql.build().fetch_all(db).await?;
        let position: HashMap<i64, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let mut members =
            rows.iter().map(|row| member(row, &self.policy)).collect::<Result<Vec<Member>>>()?;
        members.sort_by_key(|m| position.get(&m.id).copied().unwrap_or(usize::MAX));
        Ok(members)
    }
}

/// Pushes the ` LEFT JOIN` of the current setup `e` of each member `m` of `organization_id`: a
/// setup voided by a reset reads as none.
fn push_enrollment_join(sql: &mut QueryBuilder<'_, Sqlite>, organization_id: i64) {
    sql.push(" LEFT JOIN two_step_enrollments e ON e.member_id = m.id AND ");
    setups::push_not_void(sql, "e", organization_id);
}

/// Pushes an expression that is 1 when the member `m` (with their group `g`) must use
/// two-step verification under `policy`, else 0: the rule of [`twostep_contract::requirement`]
/// with the policy's values bound as parameters.
fn push_required(sql: &mut QueryBuilder<'_, Sqlite>, policy: &PolicySettings) {
    sql.push("(((m.is_master_administrator OR m.is_administrator) AND ")
        .push_bind(policy.administrators == AdministratorsPolicy::All)
        .push(") OR (m.is_technician AND (")
        .push_bind(policy.technicians == TechniciansPolicy::All)
        .push(" OR (")
        .push_bind(policy.technicians == TechniciansPolicy::SelectedGroups)
        .push(" AND COALESCE(g.force_two_step, 0)))))");
}

/// `%text%` for `LIKE … ESCAPE '\'`, with the wildcards `%` and `_` and the escape character
/// of `text` itself escaped.
fn like_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// A row of [`DETAIL_COLUMNS`] as the contract's member, judged under `policy`.
fn member(row: &SqliteRow, policy: &PolicySettings) -> Result<Member> {
    let is_master_administrator: bool = row.try_get("is_master_administrator")?;
    let is_administrator: bool = row.try_get("is_administrator")?;
    let is_technician: bool = row.try_get("is_technician")?;
    let facts = MemberFacts {
        is_administrator: is_master_administrator || is_administrator,
        is_technician,
        group_forces_two_step: row.try_get("group_forces_two_step")?,
    };
    let reasons = requirement(policy, &facts);
    let group = match row.try_get::<Option<i64>, _>("group_id")? {
        Some(id) => Some(MemberGroup { id, name: row.try_get("group_name")? }),
        None => None,
    };
    let method: Option<String> = row.try_get("method")?;
    let enrolled_at: Option<i64> = row.try_get("enrolled_at")?;
    Ok(Member {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        roles: roles(is_master_administrator, is_administrator, is_technician),
        group,
        required: !reasons.is_empty(),
        reasons,
        status: if method.is_some() {
            EnrollmentStatus::Enrolled
        } else {
            EnrollmentStatus::NotEnrolled
        },
        method: method.as_deref().map(decode).transpose()?,
        enrolled_at: enrolled_at.map(db::rfc3339),
        console_version: row.try_get("technician_console_version")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_wildcards_and_the_escape() {
        assert_eq!(like_pattern("ana"), "%ana%");
        assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
