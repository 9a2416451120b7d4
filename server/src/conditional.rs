//! Entity tags: the `ETag` a read answers with, `If-None-Match` on reads, and the `If-Match`
//! every write to a versioned resource must carry.

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use twostep_contract::{etag_for_revision, revision_from_etag};

use crate::error::{Error, Result};

/// The headers of a read of a versioned resource: its strong `ETag` and `Cache-Control: no-store`.
fn read_headers(revision: i64) -> Result<HeaderMap> {
    let mut headers = HeaderMap::new();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::ETAG,
        HeaderValue::from_str(&etag_for_revision(revision))
            .map_err(|e| Error::Internal(e.to_string()))?,
    );
    Ok(headers)
}

/// The answer of a read or write of a versioned resource at `revision`: `body`, with the
/// revision as the strong `ETag` and `Cache-Control: no-store`.
pub fn answer(revision: i64, body: &impl Serialize) -> Result<Response> {
    Ok((read_headers(revision)?, Json(body)).into_response())
}

/// The answer of a read of a versioned resource at `revision`: 304 with the same headers when
/// `request` (`If-None-Match`) names that revision, else [`answer`].
pub fn answer_read(request: &HeaderMap, revision: i64, body: &impl Serialize) -> Result<Response> {
    if none_match(request, revision) {
        return Ok((StatusCode::NOT_MODIFIED, read_headers(revision)?).into_response());
    }
    answer(revision, body)
}

/// Whether `If-None-Match` names the entity tag of `revision` (or `*`).
fn none_match(headers: &HeaderMap, revision: i64) -> bool {
    let etag = etag_for_revision(revision);
    tags(headers, header::IF_NONE_MATCH)
        .map(|tag| tag.trim_start_matches("W/"))
        .any(|tag| tag == "*" || tag == etag)
}

/// The revisions named by `If-Match`.
///
/// No header answers 428 for `resource`. Tags that are not one of ours (weak tags, `*`, other
/// text) name no revision, so a write carrying only those fails with 412 once the current
/// revision is known.
fn if_match_revisions(headers: &HeaderMap, resource: &'static str) -> Result<Vec<i64>> {
    if headers.get(header::IF_MATCH).is_none() {
        return Err(Error::PreconditionRequired { resource });
    }
    Ok(tags(headers, header::IF_MATCH).filter_map(revision_from_etag).collect())
}

/// Refuses a write whose `If-Match` (see [`if_match_revisions`]) does not name `revision`, the
/// revision of `resource` as just loaded: 428 without the header, 412 (with the current
/// revision as `ETag`) when it names another.
pub fn require_current(headers: &HeaderMap, resource: &'static str, revision: i64) -> Result<()> {
    if if_match_revisions(headers, resource)?.contains(&revision) {
        Ok(())
    } else {
        Err(Error::PreconditionFailed { resource, current_revision: revision })
    }
}

/// Every comma-separated entity tag of the header `name`, trimmed.
fn tags(headers: &HeaderMap, name: header::HeaderName) -> impl Iterator<Item = &str> {
    headers
        .get_all(name)
        .into_iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(name: header::HeaderName, value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn if_match_reads_our_strong_tags_only() {
        let r = |v| if_match_revisions(&headers(header::IF_MATCH, v), "it").unwrap();
        assert_eq!(r("\"3\""), vec![3]);
        assert_eq!(r("\"3\", \"4\""), vec![3, 4]);
        assert!(r("W/\"3\"").is_empty());
        assert!(r("*").is_empty());
        assert!(matches!(
            if_match_revisions(&HeaderMap::new(), "it"),
            Err(Error::PreconditionRequired { .. })
        ));
    }

    #[test]
    fn if_none_match_accepts_weak_comparison_and_star() {
        assert!(none_match(&headers(header::IF_NONE_MATCH, "W/\"2\""), 2));
        assert!(none_match(&headers(header::IF_NONE_MATCH, "\"1\", \"2\""), 2));
        assert!(none_match(&headers(header::IF_NONE_MATCH, "*"), 9));
        assert!(!none_match(&headers(header::IF_NONE_MATCH, "\"1\""), 2));
        assert!(!none_match(&HeaderMap::new(), 2));
    }
}
