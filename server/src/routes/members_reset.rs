//! `POST /members/two-step-reset`: "Force two-step verification reset" of some members, all
//! or nothing.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};
use twostep_contract::{FieldError, MAX_RESET_MEMBERS, MembersReset, MembersResetRequest, Problem};

use crate::AppState;
use crate::audit::{self, Event};
use crate::auth::{AdministratorWriter, CurrentSession};
use crate::db::{self, Db};
use crate::error::{Error, Result};
use crate::json::{CheckedJson, Fields, FromFields};
use crate::visibility::{Ctes, Visibility};

/// A body with exactly `member_ids`: 1 to 1,000 distinct ids.
impl FromFields for MembersResetRequest {
    fn from_fields(object: &Map<String, Value>) -> Result<Self, Vec<FieldError>> {
        let mut fields = Fields::new(object);
        let member_ids = fields.distinct_ids("member_ids", MAX_RESET_MEMBERS);
        fields.finish()?;
        Ok(MembersResetRequest { member_ids: member_ids.ok_or_else(Vec::new)? })
    }
}

/// Deletes the two-step verification setups of the members named, so that each must set it up
/// again at their next sign-in, and records one audit event per member.
///
/// Checks, in order: session (401), CSRF token (403), administrator (403; technicians), JSON
/// (415), fields (422), every id a member of the caller's organization (422 naming each other
/// one), every member one the caller manages (403 naming each other one: master administrators
/// manage every member, administrators the members of their groups and subgroups). Nothing is
/// changed unless every check passes. Members without a setup count as reset too.
#[utoipa::path(
    post,
    path = "/members/two-step-reset",
    tag = "members",
    security(("session_cookie" = [], "csrf_token" = [])),
    request_body = MembersResetRequest,
    responses(
        (status = 200, description = "Every member named must set up two-step verification again", body = MembersReset),
        (status = 401, description = "Not signed in, or the session has expired", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The X-CSRF-Token header is missing or wrong, the caller is a technician, or some members named are not the caller's to manage (each listed in `errors` as `member_ids[i]`); nothing was changed", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is larger than 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing, invalid, repeated or unknown fields, or ids that are not members of the caller's organization, every one listed in `errors`; nothing was changed", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn reset_two_step(
    State(state): State<AppState>,
    AdministratorWriter(current): AdministratorWriter,
    CheckedJson(request): CheckedJson<MembersResetRequest>,
) -> Result<Response> {
    let reset = apply(&state.db, &current, &request.member_ids).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(MembersReset { reset })).into_response())
}

/// A member named in a reset, as found in the caller's organization.
#[derive(Debug)]
struct Target {
    name: String,
    email: String,
    method: Option<String>,
    managed: bool,
}

/// Checks and resets `ids` in one transaction; the number of members reset.
async fn apply(db: &Db, current: &CurrentSession, ids: &[i64]) -> Result<u64> {
    let organization_id = current.organization_id();
    // Immediate: the checks read what the writes then change, and no other write may come in
    // between.
    let mut tx = db.begin_with("BEGIN IMMEDIATE").await?;
    let targets = load(&mut tx, current, ids).await?;

    let unknown: Vec<FieldError> = ids
        .iter()
        .enumerate()
        .filter(|(_, id)| !targets.contains_key(id))
        .map(|(i, id)| FieldError {
            field: format!("member_ids[{i}]"),
            message: format!("There is no member {id} in your organization."),
        })
        .collect();
    if !unknown.is_empty() {
        return Err(Error::Validation {
            detail: "Some ids name no member of your organization; nothing was reset.".into(),
            errors: unknown,
        });
    }
    let unmanaged: Vec<FieldError> = ids
        .iter()
        .enumerate()
        .filter_map(|(i, id)| targets.get(id).filter(|t| !t.managed).map(|t| (i, t)))
        .map(|(i, target)| FieldError {
            field: format!("member_ids[{i}]"),
            message: format!("You do not manage {} ({}).", target.name, target.email),
        })
        .collect();
    if !unmanaged.is_empty() {
        return Err(Error::ForbiddenFields {
            detail:
                "You can reset two-step verification only for members of your technician groups."
                    .into(),
            errors: unmanaged,
        });
    }

    let now = db::now();
    let mut delete = QueryBuilder::new("DELETE FROM two_step_enrollments WHERE member_id IN (");
    push_ids(&mut delete, ids);
    delete.push(")");
    let enrollments_deleted = delete.build().execute(&mut *tx).await?.rows_affected();
    let mut update = QueryBuilder::new("UPDATE members SET two_step_reset_at = ");
    update.push_bind(now).push(" WHERE organization_id = ").push_bind(organization_id);
    update.push(" AND id IN (");
    push_ids(&mut update, ids);
    update.push(")");
    update.build().execute(&mut *tx).await?;
    for id in ids {
        let target = &targets[id];
        let before = match &target.method {
            Some(method) => json!({ "status": "enrolled", "method": method }),
            None => json!({ "status": "not_enrolled" }),
        };
        audit::record(
            &mut tx,
            Event {
                organization_id,
                actor_member_id: current.member_id(),
                at: now,
                kind: audit::TWO_STEP_RESET,
                before,
                after: json!({ "status": "not_enrolled" }),
                detail: json!({
                    "member_id": id,
                    "member_name": target.name,
                    "member_email": target.email,
                }),
            },
        )
        .await?;
    }
    tx.commit().await?;

    tracing::info!(
        organization_id,
        member_id = current.member_id(),
        members = ids.len(),
        enrollments_deleted,
        "two-step verification reset"
    );
    Ok(u64::try_from(ids.len()).unwrap_or_default())
}

/// The members of the caller's organization among `ids`, with their setup's method and
/// whether the caller manages them.
async fn load(
    connection: &mut SqliteConnection,
    current: &CurrentSession,
    ids: &[i64],
) -> Result<HashMap<i64, Target>> {
    let visibility = Visibility::of(current);
    let mut sql = QueryBuilder::new("");
    visibility.push_cte(&mut sql, &mut Ctes::default());
    sql.push(" SELECT m.id, m.name, m.email, e.method, ");
    visibility.push_manages(&mut sql, "m.technician_group_id");
    sql.push(
        " AS managed FROM members m LEFT JOIN two_step_enrollments e ON e.member_id = m.id
         WHERE m.organization_id = ",
    )
    .push_bind(current.organization_id())
    .push(" AND m.id IN (");
    push_ids(&mut sql, ids);
    sql.push(")");
    let rows = sql.build().fetch_all(connection).await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("id")?,
                Target {
                    name: row.try_get("name")?,
                    email: row.try_get("email")?,
                    method: row.try_get("method")?,
                    managed: row.try_get("managed")?,
                },
            ))
        })
        .collect()
}

/// Pushes `ids` as bound parameters separated by commas.
fn push_ids(sql: &mut QueryBuilder<'_, Sqlite>, ids: &[i64]) {
    let mut list = sql.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(value: Value) -> Result<MembersResetRequest, Vec<FieldError>> {
        match value {
            Value::Object(map) => MembersResetRequest::from_fields(&map),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn exactly_member_ids_is_read() {
        assert_eq!(
            read(json!({"member_ids": [4, 2]})),
            Ok(MembersResetRequest { member_ids: vec![4, 2] })
        );
        let errors = read(json!({"member_ids": [4, 4], "reason": "x"})).unwrap_err();
        let named: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(named, ["member_ids[1]", "reason"]);
        let too_many: Vec<i64> = (1..=1_001).collect();
        let errors = read(json!({ "member_ids": too_many })).unwrap_err();
        assert_eq!(errors[0].field, "member_ids");
    }
}
