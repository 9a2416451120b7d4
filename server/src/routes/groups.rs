//! `/technician-groups`: the technician groups the caller may see.
//!
//! Master administrators see every group of the organization; administrators see the groups
//! assigned to them and all their descendants; technicians get 403. A group the caller may not
//! see answers 404, exactly like one that does not exist.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use twostep_contract::{Problem, TechnicianGroup};

use crate::auth::Administrator;
use crate::conditional;
use crate::data::groups;
use crate::error::{Error, Result};
use crate::path::ApiPath;
use crate::state::AppState;

/// The 404 for group `id` when the caller may not see it (or it does not exist): the same
/// answer either way.
pub fn not_visible(id: i64) -> Error {
    Error::NotFound(format!(
        "There is no technician group {id} that you can see in your organization. Check the link, or ask a master administrator."
    ))
}

/// The groups the caller may see, as a flat list (`parent_id` makes the tree), ordered by name.
#[utoipa::path(
    get,
    path = "/technician-groups",
    tag = "groups",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The groups the caller may see, ordered by name", body = Vec<TechnicianGroup>),
        (status = 401, description = "Not signed in, or the session has expired", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Technicians cannot list groups", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_groups(
    State(state): State<AppState>,
    Administrator(current): Administrator,
) -> Result<Response> {
    let groups = groups::load_visible(&state.db, &current, None).await?;
    Ok(([(axum::http::header::CACHE_CONTROL, "no-store")], Json(groups)).into_response())
}

/// One group the caller may see, with its revision as the strong `ETag`.
#[utoipa::path(
    get,
    path = "/technician-groups/{id}",
    tag = "groups",
    security(("session_cookie" = [])),
    params(
        ("id" = i64, Path, minimum = 1, description = "The group's id, a whole number from 1 (anything else names no group: 404)"),
        ("If-None-Match" = Option<String>, Header, description = "A previous ETag; answers 304 when it is still current"),
    ),
    responses(
        (status = 200, description = "The group", body = TechnicianGroup,
            headers(("ETag" = String, description = "The revision as a strong entity tag, such as \"1\""))),
        (status = 304, description = "The group has not changed since the ETag given in If-None-Match"),
        (status = 401, description = "Not signed in, or the session has expired", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Technicians cannot read groups", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group in the caller's organization, one the caller may not see, or an id that is not a whole number", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_group(
    State(state): State<AppState>,
    Administrator(current): Administrator,
    ApiPath(id): ApiPath<i64>,
    request_headers: HeaderMap,
) -> Result<Response> {
    let group =
        groups::find_visible(&state.db, &current, id).await?.ok_or_else(|| not_visible(id))?;
    conditional::answer_read(&request_headers, group.revision, &group)
}
