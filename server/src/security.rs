//! The security headers every answer carries.

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::spa::DEFAULT_CSP;

/// The `Strict-Transport-Security` of a server reached over https: one year, this host only
/// (subdomains may be other servers, which the operator may not want held to https).
pub const HSTS: &str = "max-age=31536000";

/// Whether people reach the server at `public_url` over https (TLS ends in front of it).
pub fn is_https(public_url: &str) -> bool {
    public_url.get(..8).is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
}

/// Adds `X-Content-Type-Options`, `Referrer-Policy`, `X-Frame-Options`, a strict
/// Content-Security-Policy unless the answer (the console's page) brought its own, and, when
/// the server is reached over https, [`HSTS`].
pub fn headers(router: Router, https: bool) -> Router {
    let always = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
    };
    let router =
        if https { router.layer(always(header::STRICT_TRANSPORT_SECURITY, HSTS)) } else { router };
    router
        .layer(always(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(always(header::REFERRER_POLICY, "no-referrer"))
        .layer(always(header::X_FRAME_OPTIONS, "DENY"))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(DEFAULT_CSP),
        ))
}
