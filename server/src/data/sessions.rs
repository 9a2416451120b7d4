//! Sessions and sign-in: the stored sessions (keyed by the hash of their cookie), the
//! credentials a sign-in checks, and the failed sign-ins that slow down guessing.

use sqlx::Row;
use twostep_contract::{Organization, SessionUser};

use super::members::roles;
use crate::db::Db;
use crate::error::Result;

/// A stored session with the member and organization it belongs to.
#[derive(Debug)]
pub struct StoredSession {
    /// The signed-in member.
    pub user: SessionUser,
    /// Their organization.
    pub organization: Organization,
    /// The session's CSRF token.
    pub csrf_token: String,
    /// When it expires, in unix seconds.
    pub expires_at: i64,
}

/// Stores a new session of a member until `expires_at`, after removing those expired at `now`.
pub async fn insert(
    db: &Db,
    id_hash: &str,
    member_id: i64,
    organization_id: i64,
    csrf_token: &str,
    now: i64,
    expires_at: i64,
) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(db).await?;
    sqlx::query(
        "INSERT INTO sessions (id_hash, member_id, organization_id, csrf_token, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id_hash)
    .bind(member_id)
    .bind(organization_id)
    .bind(csrf_token)
    .bind(now)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// Deletes a session (sign-out or expiry).
pub async fn delete(db: &Db, id_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash).execute(db).await?;
    Ok(())
}

/// The session stored under `id_hash`, expired or not.
pub async fn find(db: &Db, id_hash: &str) -> Result<Option<StoredSession>> {
    let Some(row) = sqlx::query(
        "SELECT s.csrf_token, s.expires_at, m.id, m.name, m.email,
                m.is_master_administrator, m.is_administrator, m.is_technician,
                o.id AS organization_id, o.name AS organization_name
         FROM sessions s
         JOIN members m ON m.id = s.member_id AND m.organization_id = s.organization_id
         JOIN organizations o ON o.id = s.organization_id
         WHERE s.id_hash = $1",
    )
    .bind(id_hash)
    .fetch_optional(db)
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(StoredSession {
        user: SessionUser {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            email: row.try_get("email")?,
            roles: roles(
                row.try_get("is_master_administrator")?,
                row.try_get("is_administrator")?,
                row.try_get("is_technician")?,
            ),
        },
        organization: Organization {
            id: row.try_get("organization_id")?,
            name: row.try_get("organization_name")?,
        },
        csrf_token: row.try_get("csrf_token")?,
        expires_at: row.try_get("expires_at")?,
    }))
}

/// The member who signs in with `email`: their id, organization and password hash.
#[derive(Debug)]
pub struct Credentials {
    /// The member's id.
    pub member_id: i64,
    /// Their organization.
    pub organization_id: i64,
    /// Their Argon2 password hash.
    pub password_hash: String,
}

/// The credentials of the member whose email is `email`, if there is one.
pub async fn credentials(db: &Db, email: &str) -> Result<Option<Credentials>> {
    let row =
        sqlx::query("SELECT id, organization_id, password_hash FROM members WHERE email = $1")
            .bind(email)
            .fetch_optional(db)
            .await?;
    row.map(|row| {
        Ok(Credentials {
            member_id: row.try_get("id")?,
            organization_id: row.try_get("organization_id")?,
            password_hash: row.try_get("password_hash")?,
        })
    })
    .transpose()
}

/// How many sign-ins with `email` failed after `since`, and when the oldest of them was.
pub async fn recent_failures(db: &Db, email: &str, since: i64) -> Result<(i64, Option<i64>)> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS failures, MIN(at) AS oldest FROM sign_in_failures WHERE email = $1 AND at > $2",
    )
    .bind(email)
    .bind(since)
    .fetch_one(db)
    .await?;
    Ok((row.try_get("failures")?, row.try_get("oldest")?))
}

/// Records a failed sign-in with `email` at `now`, forgetting failures at or before `forget`.
pub async fn record_failure(db: &Db, email: &str, now: i64, forget: i64) -> Result<()> {
    sqlx::query("DELETE FROM sign_in_failures WHERE at <= $1").bind(forget).execute(db).await?;
    sqlx::query("INSERT INTO sign_in_failures (email, at) VALUES ($1, $2)")
        .bind(email)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

/// Forgets the failed sign-ins with `email` (after a successful one).
pub async fn clear_failures(db: &Db, email: &str) -> Result<()> {
    sqlx::query("DELETE FROM sign_in_failures WHERE email = $1").bind(email).execute(db).await?;
    Ok(())
}
