//! `GET /health`: whether the server and its database answer.

use axum::Json;
use axum::extract::State;
use twostep_contract::{Health, Problem};

use crate::data;
use crate::error::{Error, Result};
use crate::state::AppState;

/// Checks the database with a trivial query.
#[utoipa::path(
    get,
    path = "/health",
    tag = "health",
    responses(
        (status = 200, description = "The server and its database answer", body = Health),
        (status = 503, description = "The database cannot be reached", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>> {
    data::ping(&state.db).await.map_err(|e| {
        tracing::error!(error = %e, "health check: database unavailable");
        Error::Unavailable(e.to_string())
    })?;
    Ok(Json(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() }))
}
