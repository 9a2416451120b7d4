//! The `/api/v1` endpoints, one file per resource.

pub mod health;
pub mod policy;
pub mod session;

use axum::Router;
use axum::routing::get;

use crate::AppState;

/// The routes of `/api/v1`, relative to it.
pub fn api() -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health))
        .route(
            "/session",
            get(session::get_session).post(session::sign_in).delete(session::sign_out),
        )
        .route("/two-step-verification/policy", get(policy::get_policy))
        .route("/openapi.json", get(crate::openapi::openapi_json))
}
