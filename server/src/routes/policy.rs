//! `GET /two-step-verification/policy`: the organization's two-step verification policy.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use sqlx::Row;
use twostep_contract::{Policy, PolicySettings, Problem};

use crate::AppState;
use crate::auth::Administrator;
use crate::conditional;
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

/// The caller's organization's policy, with its revision as the strong `ETag`.
#[utoipa::path(
    get,
    path = "/two-step-verification/policy",
    tag = "policy",
    security(("session_cookie" = [])),
    params(("If-None-Match" = Option<String>, Header, description = "A previous ETag; answers 304 when it is still current")),
    responses(
        (status = 200, description = "The policy", body = Policy,
            headers(("ETag" = String, description = "The revision as a strong entity tag, such as \"1\""))),
        (status = 304, description = "The policy has not changed since the ETag given in If-None-Match"),
        (status = 401, description = "Not signed in, or the session has expired", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Technicians cannot read the policy", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_policy(
    State(state): State<AppState>,
    Administrator(current): Administrator,
    request_headers: HeaderMap,
) -> Result<Response> {
    let policy = load(&state.db, current.organization_id()).await?;
    let headers = conditional::read_headers(policy.revision)?;
    if conditional::none_match(&request_headers, policy.revision) {
        return Ok((StatusCode::NOT_MODIFIED, headers).into_response());
    }
    Ok((headers, Json(policy)).into_response())
}
