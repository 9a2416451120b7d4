//! Reading the audit log back: an organization's events, newest first, filtered as an
//! [`AuditQuery`] says, each stored row turned into the contract's [`AuditEvent`].
//!
//! Rows are only written by [`super::record`]; one that cannot be read is a server fault, and
//! answers 500 with a log line naming the event, rather than being skipped.

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};
use twostep_contract::{AuditEvent, AuditPerson, AuditQuery, Vocabulary};

use super::stored::Columns;
use crate::db::{self, Db};
use crate::error::{Error, Result};

/// An event with the member who made the change (`a` and `m`).
const EVENT_COLUMNS: &str = "SELECT a.id, a.at, a.kind, a.before, a.after, a.detail,
        m.id AS actor_id, m.name AS actor_name, m.email AS actor_email
 FROM audit_events a
 LEFT JOIN members m ON m.id = a.actor_member_id AND m.organization_id = a.organization_id";

/// Newest first.
const ORDER: &str = " ORDER BY a.at DESC, a.id DESC";

/// The events `ids` of `organization_id`, in the order of `ids` (ids of other organizations
/// are left out).
pub async fn events_by_id(db: &Db, organization_id: i64, ids: &[i64]) -> Result<Vec<AuditEvent>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = QueryBuilder::new(EVENT_COLUMNS);
    sql.push(" WHERE a.organization_id = ").push_bind(organization_id).push(" AND a.id IN (");
    let mut list = sql.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    sql.push(")");
    let rows = sql.build().fetch_all(db).await?;
    let position: std::collections::HashMap<i64, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut events = rows.iter().map(event).collect::<Result<Vec<AuditEvent>>>()?;
    events.sort_by_key(|e| position.get(&e.id).copied().unwrap_or(usize::MAX));
    Ok(events)
}

/// The events of one organization that one query asks for.
#[derive(Debug)]
pub struct Log<'a> {
    organization_id: i64,
    query: &'a AuditQuery,
}

impl<'a> Log<'a> {
    /// The events of `organization_id` matching `query`.
    pub fn new(organization_id: i64, query: &'a AuditQuery) -> Self {
        Log { organization_id, query }
    }

    /// How many events match, over all pages.
    pub async fn total(&self, db: &Db) -> Result<u64> {
        let mut sql = QueryBuilder::new("SELECT COUNT(*) FROM audit_events a");
        self.push_filters(&mut sql);
        let total: i64 = sql.build_query_scalar().fetch_one(db).await?;
        Ok(u64::try_from(total).unwrap_or_default())
    }

    /// The events of the query's page, newest first.
    pub async fn page(&self, db: &Db) -> Result<Vec<AuditEvent>> {
        self.events(db, true).await
    }

    /// The ids of every matching event, newest first (the page is ignored), for an export
    /// that reads the events themselves a page at a time with [`events_by_id`].
    pub async fn all_ids(&self, db: &Db) -> Result<Vec<i64>> {
        let mut sql = QueryBuilder::new("SELECT a.id FROM audit_events a");
        self.push_filters(&mut sql);
        sql.push(ORDER);
        Ok(sql.build_query_scalar().fetch_all(db).await?)
    }

    async fn events(&self, db: &Db, paged: bool) -> Result<Vec<AuditEvent>> {
        let mut sql = QueryBuilder::new(EVENT_COLUMNS);
        self.push_filters(&mut sql);
        sql.push(ORDER);
        if paged {
            let paging = self.query.paging;
            sql.push(" LIMIT ")
                .push_bind(i64::from(paging.per_page))
                .push(" OFFSET ")
                .push_bind(i64::try_from(paging.offset()).unwrap_or(i64::MAX));
        }
        let rows = sql.build().fetch_all(db).await?;
        rows.iter().map(event).collect()
    }

    fn push_filters(&self, sql: &mut QueryBuilder<'_, Sqlite>) {
        sql.push(" WHERE a.organization_id = ").push_bind(self.organization_id);
        if let Some(kind) = self.query.kind {
            sql.push(" AND a.kind = ").push_bind(kind.wire_name());
        }
        if let Some(actor_id) = self.query.actor_id {
            sql.push(" AND a.actor_member_id = ").push_bind(actor_id);
        }
    }
}

/// Everyone who made a change recorded in the log of `organization_id`, by name.
pub async fn actors(db: &Db, organization_id: i64) -> Result<Vec<AuditPerson>> {
    let rows = sqlx::query(
        "SELECT m.id, m.name, m.email FROM members m
         WHERE m.organization_id = $1
           AND m.id IN (SELECT a.actor_member_id FROM audit_events a WHERE a.organization_id = $1)
         ORDER BY m.name, m.id",
    )
    .bind(organization_id)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(AuditPerson {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                email: row.try_get("email")?,
            })
        })
        .collect()
}

/// A stored row as the contract's event.
fn event(row: &SqliteRow) -> Result<AuditEvent> {
    let id: i64 = row.try_get("id")?;
    let kind: String = row.try_get("kind")?;
    let change =
        columns(row, kind.clone()).and_then(|columns| columns.change()).map_err(|reason| {
            Error::Internal(format!("audit event {id} ({kind}) cannot be read: {reason}"))
        })?;
    let actor = match row.try_get::<Option<i64>, _>("actor_id")? {
        Some(actor_id) => Some(AuditPerson {
            id: actor_id,
            name: row.try_get("actor_name")?,
            email: row.try_get("actor_email")?,
        }),
        None => None,
    };
    Ok(AuditEvent { id, at: db::rfc3339(row.try_get("at")?), actor, change })
}

/// The stored columns of a row of `kind`, or why they cannot be read.
fn columns(row: &SqliteRow, kind: String) -> Result<Columns, String> {
    Ok(Columns {
        kind,
        before: json(row, "before")?,
        after: json(row, "after")?,
        detail: json(row, "detail")?,
    })
}

/// The JSON text in column `name`.
fn json(row: &SqliteRow, name: &str) -> Result<serde_json::Value, String> {
    let text: Option<String> = row.try_get(name).map_err(|e| format!("{name}: {e}"))?;
    let text = text.ok_or_else(|| format!("{name} is NULL"))?;
    serde_json::from_str(&text).map_err(|e| format!("{name} {text:?}: {e}"))
}
