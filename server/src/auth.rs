//! Who is calling: passwords, sessions, and the extractors that check them.

pub mod cookies;
mod extract;
pub mod password;
pub mod pending;
pub mod session;
pub mod throttle;

pub use cookies::Cookies;
pub(crate) use extract::constant_time_eq;
pub use extract::{
    Administrator, AdministratorWriter, CsrfVerified, CurrentSession, MasterAdministrator,
    PolicyEditor,
};

/// The name of the session cookie of a server reached over http.
pub const SESSION_COOKIE: &str = "twostep_session";

/// The name of the session cookie of a server reached over https (see [`Cookies`]).
pub const SECURE_SESSION_COOKIE: &str = "__Host-twostep_session";

/// How long a session lasts, in seconds (8 hours).
pub const SESSION_SECONDS: i64 = 8 * 60 * 60;

/// Fills `buf` from the operating system's random source.
pub(crate) fn random_bytes<const N: usize>() -> crate::error::Result<[u8; N]> {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf)
        .map_err(|e| crate::error::Error::Internal(format!("no random bytes: {e}")))?;
    Ok(buf)
}
