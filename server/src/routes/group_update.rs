//! `PATCH /technician-groups/{id}`: ticking or clearing a group's "Force two-step verification".

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Map, Value};
use twostep_contract::{FieldError, GroupUpdate, Problem, TechnicianGroup};

use crate::auth::{AdministratorWriter, CurrentSession};
use crate::conditional;
use crate::data::audit::Stamp;
use crate::data::{groups, versioned};
use crate::db::{self, Db};
use crate::error::{Error, Result};
use crate::json::{CheckedJson, Fields, FromFields};
use crate::path::ApiPath;
use crate::state::AppState;

/// How problems about this resource name it.
const RESOURCE: &str = "this technician group";

/// A body with exactly `force_two_step`.
impl FromFields for GroupUpdate {
    fn from_fields(object: &Map<String, Value>) -> Result<Self, Vec<FieldError>> {
        let mut fields = Fields::new(object);
        let force_two_step = fields.required_bool("force_two_step");
        fields.finish()?;
        Ok(GroupUpdate { force_two_step: force_two_step.ok_or_else(Vec::new)? })
    }
}

/// Changes a group's "Force two-step verification".
///
/// Checks, in order: session (401), CSRF token (403), administrator (403; technicians), JSON
/// (415), fields (422), a group the caller may change (404: master administrators any group of
/// their organization, administrators the groups assigned to them and their subgroups; a group
/// of another organization or none at all answers the same), `If-Match` present (428) and
/// current (412). An id that is not a whole number names nothing and answers 404 at once. The
/// value already saved answers 200 without a new revision or audit event.
#[utoipa::path(
    patch,
    path = "/technician-groups/{id}",
    tag = "groups",
    security(("session_cookie" = [], "csrf_token" = [])),
    params(
        ("id" = i64, Path, minimum = 1, description = "The group's id, a whole number from 1 (anything else names no group: 404)"),
        ("If-Match" = String, Header, description = "The ETag of the group as loaded, such as \"1\""),
    ),
    request_body = GroupUpdate,
    responses(
        (status = 200, description = "Saved (or unchanged): the group with its new revision", body = TechnicianGroup,
            headers(("ETag" = String, description = "The revision as a strong entity tag"))),
        (status = 401, description = "Not signed in, or the session has expired", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The X-CSRF-Token header is missing or wrong, or the caller is a technician", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group in the caller's organization, one the caller may not change, or an id that is not a whole number", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match names a revision that is no longer current: someone else changed the group", body = Problem, content_type = "application/problem+json",
            headers(("ETag" = String, description = "The current revision"))),
        (status = 413, description = "The body is larger than 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing, invalid or unknown fields, every one listed in `errors`", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn patch_group(
    State(state): State<AppState>,
    AdministratorWriter(current): AdministratorWriter,
    ApiPath(id): ApiPath<i64>,
    request_headers: HeaderMap,
    CheckedJson(update): CheckedJson<GroupUpdate>,
) -> Result<Response> {
    let saved = load(&state.db, &current, id).await?;
    conditional::require_current(&request_headers, RESOURCE, saved.revision)?;
    let group = if update.force_two_step == saved.force_two_step {
        saved
    } else {
        apply(&state.db, &current, &saved, update).await?;
        load(&state.db, &current, id).await?
    };
    conditional::answer(group.revision, &group)
}

/// The group `id` as `current` sees it; 404 when they cannot.
async fn load(db: &Db, current: &CurrentSession, id: i64) -> Result<TechnicianGroup> {
    groups::find_visible(db, current, id).await?.ok_or_else(|| {
        Error::NotFound(format!(
            "There is no technician group {id} that you can change in your organization. Check the link, or ask a master administrator."
        ))
    })
}

/// Saves `update` over `saved`: the group and the audit event, all or nothing.
async fn apply(
    db: &Db,
    current: &CurrentSession,
    saved: &TechnicianGroup,
    update: GroupUpdate,
) -> Result<()> {
    let organization_id = current.organization_id();
    let stamp = Stamp { organization_id, actor_member_id: current.member_id(), at: db::now() };
    versioned::update(
        db,
        RESOURCE,
        stamp,
        async |connection| {
            groups::set_force_two_step(connection, organization_id, saved, update.force_two_step)
                .await
        },
        async || Ok(load(db, current, saved.id).await?.revision),
    )
    .await?;
    tracing::info!(
        organization_id,
        member_id = current.member_id(),
        group_id = saved.id,
        force_two_step = update.force_two_step,
        revision = saved.revision + 1,
        "technician group's force two-step verification changed"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(value: Value) -> Result<GroupUpdate, Vec<FieldError>> {
        match value {
            Value::Object(map) => GroupUpdate::from_fields(&map),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn exactly_one_boolean_is_read() {
        assert_eq!(
            read(json!({"force_two_step": false})),
            Ok(GroupUpdate { force_two_step: false })
        );
        let errors = read(json!({"force_two_step": 1, "name": "x"})).unwrap_err();
        let named: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(named, ["force_two_step", "name"]);
        let errors = read(json!({})).unwrap_err();
        assert_eq!(errors[0].field, "force_two_step");
    }
}
