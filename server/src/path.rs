//! The path-parameter extractor: a parameter that does not parse (`/technician-groups/abc`)
//! names nothing, so it answers a 404 problem instead of axum's plain-text 400.

use axum::extract::path::ErrorKind;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::Error;

/// The path parameters of the route, as a `T`.
#[derive(Debug)]
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ApiPath(value)),
            Err(PathRejection::FailedToDeserializePathParams(e)) => {
                let detail = match e.kind() {
                    ErrorKind::ParseErrorAtKey { value, .. }
                    | ErrorKind::ParseErrorAtIndex { value, .. }
                    | ErrorKind::ParseError { value, .. } => format!(
                        "There is nothing at this address: `{value}` is not an id (ids are whole numbers). Check the link."
                    ),
                    _ => "There is nothing at this address. Check the link.".to_string(),
                };
                Err(Error::NotFound(detail))
            }
            Err(other) => Err(Error::Internal(format!("path parameters: {}", other.body_text()))),
        }
    }
}
