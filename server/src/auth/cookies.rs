//! The session and pending cookies: their names, their attributes, and reading them from a
//! request.
//!
//! A server reached over https (its public URL) names them `__Host-twostep_session` and
//! `__Host-twostep_pending` and marks them `Secure`: browsers then keep them to this exact
//! host, over https only, and no sibling subdomain can set one. Over http they keep their plain
//! names. Either way the reader accepts only the configured name, and refuses a request that
//! carries it twice rather than guess which one is the person's.

use axum::http::header;
use axum::http::request::Parts;
use twostep_contract::{PENDING_COOKIE, PENDING_SECONDS, SECURE_PENDING_COOKIE};

use super::{SECURE_SESSION_COOKIE, SESSION_COOKIE, SESSION_SECONDS};
use crate::error::{Error, Result};
use crate::state::AppState;

/// The cookies of one server, as its public URL decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cookies {
    secure: bool,
}

impl Cookies {
    /// The cookies of a server reached at `public_url`: `__Host-` and `Secure` for https.
    pub fn for_public_url(public_url: &str) -> Cookies {
        Cookies { secure: crate::security::is_https(public_url) }
    }

    /// The cookies of the server `state` belongs to.
    pub fn of(state: &AppState) -> Cookies {
        Cookies::for_public_url(&state.public_url)
    }

    /// The name of the session cookie.
    pub fn session_name(self) -> &'static str {
        if self.secure { SECURE_SESSION_COOKIE } else { SESSION_COOKIE }
    }

    /// The name of the pending second step's cookie.
    pub fn pending_name(self) -> &'static str {
        if self.secure { SECURE_PENDING_COOKIE } else { PENDING_COOKIE }
    }

    /// The `Set-Cookie` value that stores a session in the browser.
    pub fn session(self, token: &str) -> String {
        self.set_cookie(self.session_name(), token, SESSION_SECONDS)
    }

    /// The `Set-Cookie` value that removes the session cookie.
    pub fn expired_session(self) -> String {
        self.set_cookie(self.session_name(), "", 0)
    }

    /// The `Set-Cookie` value that stores a pending second step in the browser.
    pub fn pending(self, token: &str) -> String {
        self.set_cookie(self.pending_name(), token, PENDING_SECONDS)
    }

    /// The `Set-Cookie` value that removes the pending cookie.
    pub fn expired_pending(self) -> String {
        self.set_cookie(self.pending_name(), "", 0)
    }

    fn set_cookie(self, name: &str, value: &str, max_age: i64) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!("{name}={value}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}{secure}")
    }
}

/// The value of the cookie `name`, if the request carries one; [`Error::CookieTwice`] when it
/// carries two (a cookie of the same name set for a parent domain or another path, say), since
/// serving either could act as someone the person did not sign in as.
pub(crate) fn read<'a>(parts: &'a Parts, name: &'static str) -> Result<Option<&'a str>> {
    let mut found = parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(found, _)| *found == name)
        .map(|(_, value)| value);
    let first = found.next();
    if found.next().is_some() {
        return Err(Error::CookieTwice { name });
    }
    Ok(first.filter(|value| !value.is_empty()))
}

#[cfg(test)]
mod tests {
    use axum::http::Request;

    use super::*;

    fn parts(cookies: &[&str]) -> Parts {
        let mut builder = Request::builder();
        for cookie in cookies {
            builder = builder.header(header::COOKIE, *cookie);
        }
        builder.body(()).unwrap().into_parts().0
    }

    #[test]
    fn https_names_the_cookies_host_only_and_secure() {
        let cookies = Cookies::for_public_url("https://twostep.example");
        assert_eq!(cookies.session_name(), "__Host-twostep_session");
        assert_eq!(
            cookies.session("abc"),
            "__Host-twostep_session=abc; HttpOnly; SameSite=Strict; Path=/; Max-Age=28800; Secure"
        );
        assert!(cookies.expired_pending().starts_with("__Host-twostep_pending=; "));
        let plain = Cookies::for_public_url("http://127.0.0.1:8080");
        assert_eq!(
            plain.pending("abc"),
            "twostep_pending=abc; HttpOnly; SameSite=Strict; Path=/; Max-Age=600"
        );
    }

    #[test]
    fn the_reader_takes_one_cookie_of_its_name_and_refuses_two() {
        let name = "twostep_session";
        assert_eq!(read(&parts(&["a=1; twostep_session=x"]), name).unwrap(), Some("x"));
        assert_eq!(read(&parts(&["__Host-twostep_session=x"]), name).unwrap(), None);
        assert_eq!(read(&parts(&["twostep_session="]), name).unwrap(), None);
        for twice in [
            &["twostep_session=x; twostep_session=y"][..],
            &["twostep_session=x", "twostep_session=x"],
        ] {
            assert!(matches!(read(&parts(twice), name), Err(Error::CookieTwice { .. })));
        }
    }
}
