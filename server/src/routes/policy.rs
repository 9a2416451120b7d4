//! `GET /two-step-verification/policy`: the organization's two-step verification policy.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use twostep_contract::{Policy, Problem};

use crate::auth::Administrator;
use crate::conditional;
use crate::data::policy;
use crate::error::Result;
use crate::state::AppState;

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
    let policy = policy::load(&state.db, current.organization_id()).await?;
    conditional::answer_read(&request_headers, policy.revision, &policy)
}
