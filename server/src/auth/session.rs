//! Sessions: their secrets, created at sign-in and stored ([`crate::data::sessions`]) under the
//! hash of the cookie (whose name and attributes are [`super::Cookies`]'s).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use super::SESSION_SECONDS;
use crate::data::sessions;
use crate::db::{self, Db};
use crate::error::Result;

/// A session just created: what goes into the cookie and the CSRF token.
pub struct NewSession {
    /// The secret for the cookie (base64url of 32 random bytes); only its hash is stored.
    pub token: String,
    /// The CSRF token of the session.
    pub csrf_token: String,
}

/// The stored key of a session token: hex SHA-256 of the token.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Creates a session for a member; also removes sessions that have expired.
pub async fn create(db: &Db, member_id: i64, organization_id: i64) -> Result<NewSession> {
    let token = URL_SAFE_NO_PAD.encode(super::random_bytes::<32>()?);
    let csrf_token = URL_SAFE_NO_PAD.encode(super::random_bytes::<32>()?);
    let now = db::now();
    let id_hash = token_hash(&token);
    sessions::insert(
        db,
        &id_hash,
        member_id,
        organization_id,
        &csrf_token,
        now,
        now + SESSION_SECONDS,
    )
    .await?;
    Ok(NewSession { token, csrf_token })
}
