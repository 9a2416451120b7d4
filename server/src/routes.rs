//! The `/api/v1` endpoints, one file per resource. Handlers read the request, check who may do
//! it, call the data layer ([`crate::data`]) and answer.

pub mod account;
pub mod audit_events;
mod challenge;
pub mod group_update;
pub mod groups;
pub mod health;
pub mod members;
pub mod members_reset;
pub mod policy;
mod policy_body;
pub mod policy_update;
pub mod preview;
pub mod push_approvals;
pub mod second_step;
pub mod session;
pub mod sessions;

use axum::Router;
use axum::routing::{delete, get, post};

use crate::state::AppState;

/// The routes of `/api/v1`, relative to it.
pub fn api() -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health))
        .route(
            "/session",
            get(session::get_session).post(session::sign_in).delete(session::sign_out),
        )
        .route("/sessions", delete(sessions::sign_out_everywhere))
        .route(
            "/session/second-step",
            get(second_step::get_second_step).delete(second_step::cancel_second_step),
        )
        .route("/session/second-step/start", post(second_step::start_second_step))
        .route("/session/second-step/complete", post(second_step::complete_second_step))
        .route(
            "/push-approvals/{token}",
            get(push_approvals::approval_page).post(push_approvals::decide),
        )
        .route("/account", get(account::get_account))
        .route("/account/two-step/start", post(account::start_set_up))
        .route("/account/two-step/complete", post(account::complete_set_up))
        .route("/account/recovery-codes", post(account::regenerate_recovery_codes))
        .route("/account/password", post(account::change_password))
        .route(
            "/two-step-verification/policy",
            get(policy::get_policy).put(policy_update::put_policy),
        )
        .route("/two-step-verification/policy/preview", post(preview::preview_policy))
        .route("/technician-groups", get(groups::list_groups))
        .route("/technician-groups/{id}", get(groups::get_group).patch(group_update::patch_group))
        .route("/members", get(members::list_members))
        .route("/members/export", get(members::export_members))
        .route("/members/two-step-reset", post(members_reset::reset_two_step))
        .route("/audit-events", get(audit_events::list_audit_events))
        .route("/audit-events/export", get(audit_events::export_audit_events))
}
