//! `PUT /two-step-verification/policy`: replacing the policy, and the reset of every member's
//! two-step verification that a change of the primary method causes.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use twostep_contract::{Policy, PolicySettings, PolicyUpdate, PolicyUpdated, Problem};

use crate::auth::{CurrentSession, PolicyEditor};
use crate::conditional;
use crate::data::audit::Stamp;
use crate::data::{members, policy, versioned};
use crate::db::{self, Db};
use crate::error::{Error, Result};
use crate::json::CheckedJson;
use crate::state::AppState;
use crate::sweeper;

/// How problems about this resource name it.
const RESOURCE: &str = "the two-step verification policy";

/// Replaces the policy.
///
/// Checks, in order: session (401), CSRF token (403), master administrator (403), JSON (415),
/// fields (422), `If-Match` present (428) and current (412), and a method change confirmed (409).
/// Settings equal to the saved ones answer 200 without a new revision or audit event.
#[utoipa::path(
    put,
    path = "/two-step-verification/policy",
    tag = "policy",
    security(("session_cookie" = [], "csrf_token" = [])),
    params(("If-Match" = String, Header, description = "The ETag of the policy as loaded, such as \"1\"")),
    request_body = PolicyUpdate,
    responses(
        (status = 200, description = "Saved (or unchanged); `enrollments_reset` counts the setups a method change deleted", body = PolicyUpdated,
            headers(("ETag" = String, description = "The new revision as a strong entity tag"))),
        (status = 401, description = "Not signed in, or the session has expired", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The X-CSRF-Token header is missing or wrong, or the caller is not a master administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The primary method changes and `confirm_reset` is not true; `members_reset` counts the members who would have to set up two-step verification again (every member of the organization: the same number as `members_reset` of the preview of the same settings), and `members_affected` repeats it for older clients (deprecated); nothing was changed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match names a revision that is no longer current: someone else changed the policy", body = Problem, content_type = "application/problem+json",
            headers(("ETag" = String, description = "The current revision"))),
        (status = 413, description = "The body is larger than 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing, invalid or unknown fields, every one listed in `errors`", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_policy(
    State(state): State<AppState>,
    PolicyEditor(current): PolicyEditor,
    request_headers: HeaderMap,
    CheckedJson(update): CheckedJson<PolicyUpdate>,
) -> Result<Response> {
    let organization_id = current.organization_id();
    let saved = policy::load(&state.db, organization_id).await?;
    conditional::require_current(&request_headers, RESOURCE, saved.revision)?;
    if saved.settings.method_changes(&update.settings) && update.confirm_reset != Some(true) {
        // Every member must set up again when the method changes: the preview's `members_reset`.
        let members_reset = members::count(&state.db, organization_id).await?;
        return Err(Error::ResetConfirmationRequired { members_reset });
    }
    let updated = if update.settings == saved.settings {
        PolicyUpdated { policy: saved, enrollments_reset: 0 }
    } else {
        apply(&state.db, &current, &saved, update.settings).await?
    };
    conditional::answer(updated.policy.revision, &updated)
}

/// Saves `settings` over `saved`: the policy, the reset of every enrollment when the method
/// changes, and the audit event, all or nothing.
async fn apply(
    db: &Db,
    current: &CurrentSession,
    saved: &Policy,
    settings: PolicySettings,
) -> Result<PolicyUpdated> {
    let organization_id = current.organization_id();
    let stamp = Stamp { organization_id, actor_member_id: current.member_id(), at: db::now() };
    let (policy, enrollments_reset) = versioned::update(
        db,
        RESOURCE,
        stamp,
        async |connection| {
            policy::update(connection, organization_id, saved, settings, stamp.at).await
        },
        async || Ok(policy::load(db, organization_id).await?.revision),
    )
    .await?;
    if saved.settings.method_changes(&settings) {
        // The reset voided every setup; the sweeper deletes them.
        sweeper::wake();
    }
    tracing::info!(
        organization_id,
        member_id = current.member_id(),
        revision = policy.revision,
        enrollments_reset,
        "two-step verification policy updated"
    );
    Ok(PolicyUpdated { policy, enrollments_reset })
}
