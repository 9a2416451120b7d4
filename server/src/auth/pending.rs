//! The pending second step a request carries in its pending cookie (`twostep_pending`, or
//! `__Host-twostep_pending` over https; see [`super::Cookies`]): the only thing
//! that cookie can reach is `/session/second-step`. No other extractor reads it, so a pending
//! sign-in is refused (401) by everything else, as no session is.

use axum::extract::FromRequestParts;
use axum::http::Method;
use axum::http::request::Parts;
use twostep_contract::CSRF_HEADER;

use super::session::token_hash;
use super::{Cookies, constant_time_eq};
use crate::data::second_step::{self, Flow, Pending};
use crate::db;
use crate::error::{Error, Result};
use crate::state::AppState;

/// The caller's live pending second step; `401 second-step-expired` when there is none, and,
/// for a write, `403` without its CSRF token.
#[derive(Clone, Debug)]
pub struct PendingStep(pub Pending);

impl FromRequestParts<AppState> for PendingStep {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let name = Cookies::of(state).pending_name();
        let token = super::cookies::read(parts, name)?.ok_or(Error::SecondStepExpired)?;
        let id_hash = token_hash(token);
        let pending = second_step::find_pending(&state.db, &id_hash)
            .await?
            .ok_or(Error::SecondStepExpired)?;
        if pending.expires_at <= db::now() {
            second_step::delete(&state.db, Flow::Pending(&id_hash)).await?;
            return Err(Error::SecondStepExpired);
        }
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        let sent = parts.headers.get(CSRF_HEADER).map(|v| v.as_bytes()).unwrap_or_default();
        if !safe && !constant_time_eq(sent, pending.csrf_token.as_bytes()) {
            return Err(Error::CsrfMismatch);
        }
        Ok(PendingStep(pending))
    }
}
