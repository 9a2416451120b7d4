//! Who is calling: passwords, sessions, and the extractors that check them.

mod extract;
pub mod password;
pub mod pending;
pub mod session;
pub mod throttle;

pub(crate) use extract::constant_time_eq;
pub use extract::{
    Administrator, AdministratorWriter, CsrfVerified, CurrentSession, MasterAdministrator,
    PolicyEditor,
};

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "twostep_session";

/// How long a session lasts, in seconds (8 hours).
pub const SESSION_SECONDS: i64 = 8 * 60 * 60;

/// Fills `buf` from the operating system's random source.
pub(crate) fn random_bytes<const N: usize>() -> crate::error::Result<[u8; N]> {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf)
        .map_err(|e| crate::error::Error::Internal(format!("no random bytes: {e}")))?;
    Ok(buf)
}

/// The value of the cookie `name`, if the request carries one.
pub(crate) fn cookie<'a>(parts: &'a axum::http::request::Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(found, value)| *found == name && !value.is_empty())
        .map(|(_, value)| value)
}
