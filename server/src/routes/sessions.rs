//! `/sessions`: every session of the signed-in member at once ("sign out everywhere").

use axum::extract::State;
use axum::response::Response;
use twostep_contract::Problem;

use crate::auth::CsrfVerified;
use crate::data::sessions;
use crate::error::Result;
use crate::state::AppState;

/// Signs out everywhere: ends every session of the signed-in member (this one included, on
/// every browser and device) and their pending second steps, and expires this browser's cookie.
#[utoipa::path(
    delete,
    path = "/sessions",
    tag = "session",
    security(("session_cookie" = [], "csrf_token" = [])),
    responses(
        (status = 204, description = "Every session of the member has ended, this one included; the cookie is expired",
            headers(("Set-Cookie" = String, description = "twostep_session=; ...; Max-Age=0 (__Host-twostep_session over https)"))),
        (status = 401, description = "Not signed in, or the session has expired", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The X-CSRF-Token header is missing or wrong", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    CsrfVerified(current): CsrfVerified,
) -> Result<Response> {
    let ended = sessions::delete_all_of_member(&state.db, current.member_id()).await?;
    tracing::info!(member_id = current.member_id(), sessions = ended, "signed out everywhere");
    super::session::signed_out(&state)
}
