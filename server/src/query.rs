//! The query strings of the list endpoints (`GET /members?…`, `GET /audit-events?…`): decoded
//! into pairs here, then read by the contract's readers, so that the server and the console
//! accept exactly the same parameters. Anything wrong answers one 422 that names every wrong
//! parameter, like a body with wrong fields.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use percent_encoding::percent_decode_str;
use twostep_contract::{AuditQuery, FieldError, MemberQuery, Parsed};

use crate::error::Error;

/// A query the contract knows how to read from decoded pairs.
pub trait FromQuery: Sized {
    /// Reads the pairs; wrong and repeated parameters are listed in `errors`, unknown ones are
    /// ignored.
    fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Parsed<Self>;
}

impl FromQuery for MemberQuery {
    fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Parsed<Self> {
        MemberQuery::parse(pairs)
    }
}

impl FromQuery for AuditQuery {
    fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Parsed<Self> {
        AuditQuery::parse(pairs)
    }
}

/// The request's query string read as a `T`; 422 when any parameter is wrong.
///
/// Put it after the extractors that check the session and the role, so that a caller who may
/// not list anything learns that first.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: FromQuery> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Error> {
        read(parts.uri.query()).map(ApiQuery)
    }
}

/// Reads `query` (the part after `?`, if any) as a `T`.
pub fn read<T: FromQuery>(query: Option<&str>) -> Result<T, Error> {
    let pairs = pairs(query.unwrap_or_default())?;
    let parsed = T::from_pairs(pairs.iter().map(|(name, value)| (name.as_str(), value.as_str())));
    if parsed.errors.is_empty() {
        Ok(parsed.query)
    } else {
        Err(Error::Validation {
            detail: "The query has invalid or repeated parameters; see `errors`.".into(),
            errors: parsed.errors,
        })
    }
}

/// Decodes `name=value&…` as `application/x-www-form-urlencoded` (`+` is a space); a name
/// without `=` has an empty value. A name or value that is not UTF-8 once decoded is refused.
fn pairs(query: &str) -> Result<Vec<(String, String)>, Error> {
    let mut pairs = Vec::new();
    let mut errors = Vec::new();
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        match (decode(name), decode(value)) {
            (Some(name), Some(value)) => pairs.push((name, value)),
            (name, _) => errors.push(FieldError {
                field: name.unwrap_or_else(|| lossy(name_of(pair))),
                message: "Not valid UTF-8 once percent-decoded; encode the text as UTF-8.".into(),
            }),
        }
    }
    if errors.is_empty() {
        Ok(pairs)
    } else {
        Err(Error::Validation {
            detail: "The query string cannot be read; see `errors`.".into(),
            errors,
        })
    }
}

fn name_of(pair: &str) -> &str {
    pair.split_once('=').map_or(pair, |(name, _)| name)
}

fn decode(text: &str) -> Option<String> {
    let spaced = text.replace('+', " ");
    percent_decode_str(&spaced).decode_utf8().ok().map(|decoded| decoded.into_owned())
}

fn lossy(text: &str) -> String {
    percent_decode_str(&text.replace('+', " ")).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use twostep_contract::{MemberSortKey, Role};

    fn fields(error: Error) -> Vec<String> {
        match error {
            Error::Validation { errors, .. } => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn pairs_are_decoded_as_forms_are() {
        let query: MemberQuery =
            read(Some("q=in%C3%A8s+duarte&role=technician&sort=-name&&page=")).unwrap();
        assert_eq!(query.q.as_deref(), Some("inès duarte"));
        assert_eq!(query.role, Some(Role::Technician));
        assert_eq!(query.sort.key, MemberSortKey::Name);
        assert!(query.sort.descending);
        assert_eq!(read::<MemberQuery>(None).unwrap(), MemberQuery::default());
        assert_eq!(read::<MemberQuery>(Some("")).unwrap(), MemberQuery::default());
    }

    #[test]
    fn every_wrong_parameter_is_named_once() {
        let error = read::<MemberQuery>(Some("role=boss&page=0&colour=red")).unwrap_err();
        assert_eq!(fields(error), ["role", "page"]);
        assert_eq!(read::<MemberQuery>(Some("colour=red&&page=2&")).unwrap().paging.page, 2);
        let error = read::<AuditQuery>(Some("kind=deleted&kind=policy_updated")).unwrap_err();
        assert_eq!(fields(error), ["kind", "kind"]);
    }

    #[test]
    fn text_that_is_not_utf8_is_refused() {
        let error = read::<MemberQuery>(Some("q=%FF%FE&role=technician")).unwrap_err();
        assert_eq!(fields(error), ["q"]);
        let error = read::<MemberQuery>(Some("%C3=1")).unwrap_err();
        assert_eq!(fields(error), ["\u{fffd}"]);
    }
}
