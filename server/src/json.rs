//! The JSON body extractors: 415 for a body not declared as JSON, 413 past the size limit, and
//! 422 naming the wrong field for anything that does not fit the expected type.
//!
//! [`ApiJson`] stops at the first wrong field (serde); [`CheckedJson`] reads an object field by
//! field and lists every missing, wrong or unknown field at once.

mod fields;

pub use fields::{Fields, FromFields};

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;
use twostep_contract::FieldError;

use crate::error::Error;

/// The largest request body accepted, in bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// A JSON request body of type `T`.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Error> {
        let bytes = json_bytes(req, state).await?;
        parse(&bytes).map(ApiJson)
    }
}

/// A JSON request body of type `T`, or `T::default()` when the request has no body at all
/// (no content type and no bytes), as a client waiting with nothing to send may do.
#[derive(Debug)]
pub struct ApiJsonOrEmpty<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Default> FromRequest<S> for ApiJsonOrEmpty<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Error> {
        let no_type = req.headers().get(header::CONTENT_TYPE).is_none();
        let no_length = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .is_none_or(|v| v.to_str().is_ok_and(|v| v.trim() == "0"));
        if no_type && no_length {
            let bytes = Bytes::from_request(req, state).await.map_err(|_| Error::Validation {
                detail: "The request body could not be read.".into(),
                errors: vec![],
            })?;
            if bytes.is_empty() {
                return Ok(ApiJsonOrEmpty(T::default()));
            }
            return Err(Error::UnsupportedMediaType);
        }
        let bytes = json_bytes(req, state).await?;
        parse(&bytes).map(ApiJsonOrEmpty)
    }
}

/// A JSON object body read with [`FromFields`]: a 422 lists every wrong field at once.
#[derive(Debug)]
pub struct CheckedJson<T>(pub T);

impl<S: Send + Sync, T: FromFields> FromRequest<S> for CheckedJson<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Error> {
        let bytes = json_bytes(req, state).await?;
        let value: serde_json::Value = parse(&bytes)?;
        let serde_json::Value::Object(object) = value else {
            return Err(Error::Validation {
                detail: "The request body must be a JSON object.".into(),
                errors: vec![],
            });
        };
        T::from_fields(&object).map(CheckedJson).map_err(|errors| Error::Validation {
            detail: "The request body has missing, invalid or unknown fields; see `errors`.".into(),
            errors,
        })
    }
}

/// The body's bytes, once its content type says JSON (415) and it fits the limit (413).
async fn json_bytes<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, Error> {
    if !is_json(req.headers().get(header::CONTENT_TYPE)) {
        return Err(Error::UnsupportedMediaType);
    }
    Bytes::from_request(req, state).await.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Error::PayloadTooLarge
        } else {
            Error::Validation {
                detail: "The request body could not be read.".into(),
                errors: vec![],
            }
        }
    })
}

fn is_json(content_type: Option<&header::HeaderValue>) -> bool {
    let Some(essence) = content_type
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
    else {
        return false;
    };
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Reads `bytes` as a `T`, naming the offending field when there is one.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| describe(e.path().to_string(), e.into_inner()))?;
    deserializer.end().map_err(|e| describe(".".into(), e))?;
    Ok(value)
}

/// Turns a serde error at `path` (`.` for the top level) into a validation problem.
fn describe(path: String, inner: serde_json::Error) -> Error {
    if inner.is_syntax() || inner.is_eof() {
        return Error::Validation {
            detail: format!("The request body is not valid JSON: {inner}."),
            errors: vec![],
        };
    }
    let message = strip_position(&inner.to_string());
    let field = match backticked(&message, "missing field `") {
        Some(missing) if path == "." => missing.to_string(),
        Some(missing) => format!("{path}.{missing}"),
        None if path == "." => String::new(),
        None => path,
    };
    if field.is_empty() {
        return Error::Validation {
            detail: format!("The request body does not have the expected shape: {message}."),
            errors: vec![],
        };
    }
    Error::Validation {
        detail: "The request body has missing or invalid fields; see `errors`.".into(),
        errors: vec![FieldError { field, message }],
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

fn backticked<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    message.strip_prefix(prefix)?.split('`').next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use twostep_contract::{PolicySettings, SignIn};

    fn errors(e: Error) -> Vec<FieldError> {
        match e {
            Error::Validation { errors, .. } => errors,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_missing_field_is_named() {
        let e = parse::<SignIn>(br#"{"email":"a@b.c"}"#).unwrap_err();
        let errors = errors(e);
        assert_eq!(errors[0].field, "password");
        assert_eq!(errors[0].message, "missing field `password`");
    }

    #[test]
    fn a_wrong_value_is_named() {
        let e = parse::<PolicySettings>(
            br#"{"administrators":"all","technicians":"all","primary_method":"fax"}"#,
        )
        .unwrap_err();
        let errors = errors(e);
        assert_eq!(errors[0].field, "primary_method");
        assert!(errors[0].message.contains("unknown variant `fax`"), "{}", errors[0].message);
    }

    #[test]
    fn syntax_errors_and_trailing_data_are_validation_problems() {
        assert!(errors(parse::<SignIn>(b"{").unwrap_err()).is_empty());
        assert!(parse::<SignIn>(br#"{"email":"a","password":"b"} x"#).is_err());
        assert!(parse::<SignIn>(br#"{"email":"a","password":"b"}"#).is_ok());
    }

    #[test]
    fn content_types() {
        let v = |s: &'static str| header::HeaderValue::from_static(s);
        assert!(is_json(Some(&v("application/json"))));
        assert!(is_json(Some(&v("application/json; charset=utf-8"))));
        assert!(is_json(Some(&v("application/merge-patch+json"))));
        assert!(!is_json(Some(&v("text/plain"))));
        assert!(!is_json(None));
    }
}
