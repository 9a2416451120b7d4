//! The layer that reads each request's body whole before the handler runs, within the body
//! timeout and the size limit.
//!
//! A slow body is answered 408, a large one 413 (at once when its Content-Length announces it:
//! before reading it, and before a `100 Continue`) and a malformed one (broken chunked
//! encoding) 400, all closing the connection. Because the
//! body is always read first, a handler that refuses a request without looking at its body
//! (a wrong CSRF token, no session) leaves nothing unread on the connection, which stays
//! usable for the client's next request.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::Body as _;
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::error::Error;
use crate::json::BODY_LIMIT;
use crate::state::AppState;

/// Reads the body of `request` (at most [`BODY_LIMIT`] bytes, within the body timeout of
/// `state.limits`), then runs the handler with it.
pub async fn read_whole(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let size = request.body().size_hint();
    if size.exact() == Some(0) {
        return next.run(request).await;
    }
    // Hyper sends `100 Continue` only once the body is polled, so a client waiting for it
    // learns of the refusal without sending the body.
    if size.lower() > BODY_LIMIT as u64 {
        return closing(Error::PayloadTooLarge);
    }
    let (parts, body) = request.into_parts();
    let read = Limited::new(body, BODY_LIMIT).collect();
    let bytes: Bytes = match tokio::time::timeout(state.limits.body_timeout, read).await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(error)) if error.downcast_ref::<LengthLimitError>().is_some() => {
            return closing(Error::PayloadTooLarge);
        }
        Ok(Err(error)) => {
            tracing::debug!(%error, "the request body could not be read");
            return closing(Error::MalformedBody);
        }
        Err(_) => return closing(Error::RequestTimeout),
    };
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

/// `error`'s answer, closing the connection: the rest of the body is still on it.
fn closing(error: Error) -> Response {
    let mut response = error.into_response();
    response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}
