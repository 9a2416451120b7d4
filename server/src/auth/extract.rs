//! Axum extractors that establish who is calling and what they may do.

use axum::extract::FromRequestParts;
use axum::http::Method;
use axum::http::request::Parts;
use twostep_contract::{CSRF_HEADER, Organization, Role, Session, SessionUser};

use super::{Cookies, cookies, session};
use crate::data::sessions;
use crate::db::{self, Db};
use crate::error::{Error, Result};
use crate::state::AppState;

/// The caller's live session; answers 401 when there is none or it has expired.
#[derive(Clone, Debug)]
pub struct CurrentSession {
    /// The stored key of the session.
    pub id_hash: String,
    /// The signed-in member.
    pub user: SessionUser,
    /// Their organization; every tenant query is scoped by its id.
    pub organization: Organization,
    /// The session's CSRF token.
    pub csrf_token: String,
}

impl CurrentSession {
    /// The member's id.
    pub fn member_id(&self) -> i64 {
        self.user.id
    }

    /// The organization every query of this request is scoped to.
    pub fn organization_id(&self) -> i64 {
        self.organization.id
    }

    /// Whether the member is a master administrator.
    pub fn is_master_administrator(&self) -> bool {
        self.user.roles.contains(&Role::MasterAdministrator)
    }

    /// Whether the member is a master administrator or an administrator.
    pub fn is_any_administrator(&self) -> bool {
        self.is_master_administrator() || self.user.roles.contains(&Role::Administrator)
    }

    /// The contract's view of the session.
    pub fn to_contract(&self) -> Session {
        Session {
            user: self.user.clone(),
            organization: self.organization.clone(),
            csrf_token: self.csrf_token.clone(),
        }
    }

    /// Loads the live session stored under `id_hash`; an expired one is deleted and refused.
    pub async fn find(db: &Db, id_hash: String) -> Result<Self> {
        let stored = sessions::find(db, &id_hash).await?.ok_or(Error::Unauthenticated)?;
        if stored.expires_at <= db::now() {
            sessions::delete(db, &id_hash).await?;
            return Err(Error::Unauthenticated);
        }
        Ok(CurrentSession {
            id_hash,
            user: stored.user,
            organization: stored.organization,
            csrf_token: stored.csrf_token,
        })
    }
}

impl FromRequestParts<AppState> for CurrentSession {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        if let Some(cached) = parts.extensions.get::<CurrentSession>() {
            return Ok(cached.clone());
        }
        let name = Cookies::of(state).session_name();
        let token = cookies::read(parts, name)?.ok_or(Error::Unauthenticated)?;
        let current = CurrentSession::find(&state.db, session::token_hash(token)).await?;
        parts.extensions.insert(current.clone());
        Ok(current)
    }
}

/// A session whose request carried its CSRF token in `X-CSRF-Token`; required for every write.
#[derive(Clone, Debug)]
pub struct CsrfVerified(pub CurrentSession);

impl FromRequestParts<AppState> for CsrfVerified {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let current = CurrentSession::from_request_parts(parts, state).await?;
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        let sent = parts.headers.get(CSRF_HEADER).map(|v| v.as_bytes()).unwrap_or_default();
        if !safe && !constant_time_eq(sent, current.csrf_token.as_bytes()) {
            return Err(Error::CsrfMismatch);
        }
        Ok(CsrfVerified(current))
    }
}

/// A master administrator or an administrator; technicians get 403.
#[derive(Clone, Debug)]
pub struct Administrator(pub CurrentSession);

impl FromRequestParts<AppState> for Administrator {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let current = CurrentSession::from_request_parts(parts, state).await?;
        if !current.is_any_administrator() {
            return Err(Error::Forbidden(
                "Only administrators can use the admin console. Ask a master administrator of your organization if you need access."
                    .into(),
            ));
        }
        Ok(Administrator(current))
    }
}

/// A master administrator; everyone else gets 403. Put it before the extractors of the query
/// or body, so that the role is checked first (403, not 422, for anyone else).
#[derive(Clone, Debug)]
pub struct MasterAdministrator(pub CurrentSession);

impl FromRequestParts<AppState> for MasterAdministrator {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let current = CurrentSession::from_request_parts(parts, state).await?;
        if !current.is_master_administrator() {
            return Err(Error::Forbidden(
                "Only master administrators can do this. Ask a master administrator of your organization."
                    .into(),
            ));
        }
        Ok(MasterAdministrator(current))
    }
}

/// A master administrator writing the two-step verification policy: the CSRF token is checked
/// first (403 `csrf-token-mismatch`), then the role (403 `forbidden`, saying why).
#[derive(Clone, Debug)]
pub struct PolicyEditor(pub CurrentSession);

impl FromRequestParts<AppState> for PolicyEditor {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let CsrfVerified(current) = CsrfVerified::from_request_parts(parts, state).await?;
        if !current.is_master_administrator() {
            return Err(Error::Forbidden(
                "Only master administrators can change the two-step verification policy.".into(),
            ));
        }
        Ok(PolicyEditor(current))
    }
}

/// An administrator or master administrator writing: the CSRF token is checked first (403
/// `csrf-token-mismatch`), then the role (403 `forbidden`; technicians may use no admin endpoint).
/// Which resources the administrator may change is the handler's business.
#[derive(Clone, Debug)]
pub struct AdministratorWriter(pub CurrentSession);

impl FromRequestParts<AppState> for AdministratorWriter {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let CsrfVerified(current) = CsrfVerified::from_request_parts(parts, state).await?;
        if !current.is_any_administrator() {
            return Err(Error::Forbidden(
                "Only administrators can make changes in the admin console. Ask a master administrator of your organization if you need access."
                    .into(),
            ));
        }
        Ok(AdministratorWriter(current))
    }
}

/// Compares two byte strings in time that depends on their lengths only.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::constant_time_eq;

    #[test]
    fn constant_time_eq_compares_exactly() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
        assert!(!constant_time_eq(b"", b"a"));
    }
}
