//! `POST /two-step-verification/policy/preview`: what saving a candidate policy would do,
//! computed by the contract's [`impact`] over the organization's members; nothing is written.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use twostep_contract::{PolicyImpact, PolicySettings, Problem, impact};

use crate::auth::PolicyEditor;
use crate::data::{members, policy};
use crate::error::Result;
use crate::json::CheckedJson;
use crate::state::AppState;

/// The impact of the candidate settings compared with the saved policy.
#[utoipa::path(
    post,
    path = "/two-step-verification/policy/preview",
    tag = "policy",
    security(("session_cookie" = [], "csrf_token" = [])),
    request_body = PolicySettings,
    responses(
        (status = 200, description = "What saving these settings would do; nothing was saved", body = PolicyImpact),
        (status = 401, description = "Not signed in, or the session has expired", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The X-CSRF-Token header is missing or wrong, or the caller is not a master administrator", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is larger than 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing, invalid or unknown fields, every one listed in `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn preview_policy(
    State(state): State<AppState>,
    PolicyEditor(current): PolicyEditor,
    CheckedJson(candidate): CheckedJson<PolicySettings>,
) -> Result<Response> {
    let organization_id = current.organization_id();
    let saved = policy::load(&state.db, organization_id).await?;
    let members = members::snapshots(&state.db, organization_id).await?;
    let answer: PolicyImpact = impact(&saved.settings, &candidate, &members);
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(answer)).into_response())
}
