//! `/push-approvals/{token}`: the simulated phone of the LastPass Authenticator app
//! notification. The approval link the default sender writes to the outbox opens a small page
//! asking to approve or deny; the answer lets the waiting `complete` go on. Not part of the
//! contract the console uses.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::challenge::{APPROVED, DENIED};
use crate::auth::session::token_hash;
use crate::data::second_step;
use crate::db;
use crate::error::Result;
use crate::state::AppState;

/// The approval page of a notification.
#[utoipa::path(
    get,
    path = "/push-approvals/{token}",
    tag = "push",
    params(("token" = String, Path, description = "The token of the approval link")),
    responses(
        (status = 200, description = "A page asking to approve or deny the sign-in", content_type = "text/html"),
        (status = 404, description = "No such notification waiting (unknown, answered or expired)", content_type = "text/html"),
    )
)]
pub async fn approval_page(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response> {
    let Some(email) =
        second_step::approval_email(&state.db, &token_hash(&token), db::now()).await?
    else {
        return Ok(not_found());
    };
    let body = format!(
        "<h1>Approve the sign-in of {email} to Twostep Admin?</h1>\n\
         <form method=\"post\">\n\
         <button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>\n\
         <button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n\
         </form>",
        email = escape(&email)
    );
    Ok(page(StatusCode::OK, "Approve the sign-in", &body))
}

/// The form of an answer to a notification, as the approval page posts it.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // Describes the form for the document; the handler reads the bytes.
struct ApprovalForm {
    /// `approve` or `deny`.
    #[schema(pattern = "^(approve|deny)$")]
    decision: String,
}

/// Approves or denies a notification: form-encoded `decision=approve` or `decision=deny`.
#[utoipa::path(
    post,
    path = "/push-approvals/{token}",
    tag = "push",
    params(("token" = String, Path, description = "The token of the approval link")),
    request_body(content = ApprovalForm, content_type = "application/x-www-form-urlencoded",
        description = "decision=approve or decision=deny; other fields are ignored"),
    responses(
        (status = 200, description = "Approved or denied", content_type = "text/html"),
        (status = 404, description = "No such notification waiting (unknown, answered or expired)", content_type = "text/html"),
        (status = 422, description = "The decision is neither approve nor deny", content_type = "text/html"),
    )
)]
pub async fn decide(
    State(state): State<AppState>,
    Path(token): Path<String>,
    body: Bytes,
) -> Result<Response> {
    let decision = form_value(&body, "decision");
    let (stored, title) = match decision.as_deref() {
        Some("approve") => (APPROVED, "Approved"),
        Some("deny") => (DENIED, "Denied"),
        _ => {
            return Ok(page(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Choose",
                "<p>Choose Approve or Deny (send decision=approve or decision=deny).</p>",
            ));
        }
    };
    if !second_step::decide(&state.db, &token_hash(&token), stored, db::now()).await? {
        return Ok(not_found());
    }
    tracing::info!(decision = stored, "a notification was answered");
    Ok(page(StatusCode::OK, title, &format!("<h1>{title}</h1>")))
}

/// The value of `name` in a form-encoded body.
fn form_value(body: &[u8], name: &str) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    text.split('&').filter_map(|pair| pair.split_once('=')).find(|(n, _)| *n == name).map(
        |(_, value)| {
            percent_encoding::percent_decode_str(&value.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        },
    )
}

fn not_found() -> Response {
    page(
        StatusCode::NOT_FOUND,
        "Not found",
        "<h1>Nothing to approve</h1>\n<p>This link is unknown, was answered already, or has expired.</p>",
    )
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{title} - Twostep Admin</title></head>\n<body>\n{body}\n</body>\n</html>\n"
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
        html,
    )
        .into_response()
}

/// `text` safe inside HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
