//! `POST /members/two-step-reset`: "Force two-step verification reset" of some members, all
//! or nothing.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};
use twostep_contract::{FieldError, MAX_RESET_MEMBERS, MembersReset, MembersResetRequest, Problem};

use crate::auth::{AdministratorWriter, CurrentSession};
use crate::data::members::{self, ResetTarget};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::json::{CheckedJson, Fields, FromFields};
use crate::state::AppState;

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
/// (415), fields (422), then every id:
///
/// - for a master administrator, a member of their organization (422 naming each other one);
///   they may reset every member, other master administrators and themselves included;
/// - for an administrator, a technician of their groups and subgroups who holds no
///   administrator licence (least privilege: only master administrators reset administrators).
///   Every other id gets the same 403 entry, whether it is unknown, in another organization,
///   outside their groups or an administrator, and never a name or email, so that
///   administrators cannot learn who exists outside their groups.
///
/// Nothing is changed unless every check passes. Members without a setup count as reset too.
#[utoipa::path(
    post,
    path = "/members/two-step-reset",
    tag = "members",
    security(("session_cookie" = [], "csrf_token" = [])),
    request_body = MembersResetRequest,
    responses(
        (status = 200, description = "Every member named must set up two-step verification again", body = MembersReset),
        (status = 401, description = "Not signed in, or the session has expired", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The X-CSRF-Token header is missing or wrong, the caller is a technician, or the caller is an administrator (not a master administrator) and some ids are not technicians of their groups without an administrator licence: unknown ids, members of other organizations or of other groups, and administrators and master administrators are each listed in `errors` as `member_ids[i]` with the same message, \"You cannot reset member N: they are not a technician of your groups.\", never a name or email; nothing was changed", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is larger than 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing, invalid, repeated or unknown fields, or (master administrators only) ids that are not members of the caller's organization, \"There is no member N in your organization.\"; every one listed in `errors`; nothing was changed", body = Problem, content_type = "application/problem+json"),
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

/// Checks and resets `ids`; the number of members reset.
async fn apply(db: &Db, current: &CurrentSession, ids: &[i64]) -> Result<u64> {
    let enrollments_deleted =
        members::reset_checked(db, current, ids, |targets| check(current, ids, targets)).await?;
    tracing::info!(
        organization_id = current.organization_id(),
        member_id = current.member_id(),
        members = ids.len(),
        enrollments_deleted,
        "two-step verification reset"
    );
    Ok(u64::try_from(ids.len()).unwrap_or_default())
}

/// Refuses the reset unless the caller may reset every member `ids` names; `targets` are the
/// members of the caller's organization among them.
///
/// Master administrators are told which ids are not members of their organization (422).
/// Administrators get one 403 entry per id they may not reset, the same whatever the reason
/// (unknown, another organization, another group, an administrator), so that it tells them
/// nothing about members outside their groups.
fn check(current: &CurrentSession, ids: &[i64], targets: &HashMap<i64, ResetTarget>) -> Result<()> {
    if current.is_master_administrator() {
        let unknown = refusals(
            ids,
            |id| !targets.contains_key(&id),
            |id| format!("There is no member {id} in your organization."),
        );
        if !unknown.is_empty() {
            return Err(Error::Validation {
                detail: "Some ids name no member of your organization; nothing was reset.".into(),
                errors: unknown,
            });
        }
    }
    let unmanaged = refusals(
        ids,
        |id| !targets.get(&id).is_some_and(|target| target.may_reset),
        |id| format!("You cannot reset member {id}: they are not a technician of your groups."),
    );
    if !unmanaged.is_empty() {
        return Err(Error::ForbiddenFields {
            detail: "You can reset two-step verification only for the technicians of your groups \
                     who are not administrators."
                .into(),
            errors: unmanaged,
        });
    }
    Ok(())
}

/// One error, `member_ids[i]` with `message(id)`, for each id that `refuse` refuses.
fn refusals(
    ids: &[i64],
    refuse: impl Fn(i64) -> bool,
    message: impl Fn(i64) -> String,
) -> Vec<FieldError> {
    ids.iter()
        .enumerate()
        .filter(|(_, id)| refuse(**id))
        .map(|(i, id)| FieldError { field: format!("member_ids[{i}]"), message: message(*id) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
