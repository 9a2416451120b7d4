//! Sessions and sign-in: the stored sessions (keyed by the hash of their cookie), the
//! credentials a sign-in checks, and the throttle counters of failed password checks.

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

/// Ends every session of a member, and their pending second steps (sign-ins and password
/// changes under way): "sign out everywhere". Answers how many sessions ended.
pub async fn delete_all_of_member(db: &Db, member_id: i64) -> Result<u64> {
    let mut tx = db.begin().await?;
    let ended = sqlx::query("DELETE FROM sessions WHERE member_id = $1")
        .bind(member_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query("DELETE FROM pending_second_steps WHERE member_id = $1")
        .bind(member_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(ended)
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

/// How a throttle counter of failed password checks slows its key down.
#[derive(Clone, Copy, Debug)]
pub struct ThrottleRule {
    /// Failures that cost nothing (at least 2).
    pub free: i64,
    /// The wait after the last free failure, in seconds; it doubles with each further one.
    pub first_delay: i64,
    /// The longest wait, in seconds.
    pub max_delay: i64,
    /// How long a counter lives after its last failure (plus the wait it set), in seconds.
    pub window: i64,
}

impl ThrottleRule {
    /// The wait after the `failures`-th failure: none within the free ones, then
    /// `first_delay`, doubling, at most `max_delay`.
    pub fn delay(&self, failures: i64) -> i64 {
        if failures < self.free {
            return 0;
        }
        (self.first_delay << (failures - self.free).min(16)).min(self.max_delay)
    }
}

impl ThrottleRule {
    /// How long a counter at `failures`, last counted at `last_at` and forgotten at
    /// `expires_at`, must still wait at `now` before it counts another attempt (0: it may).
    /// The same rule as the `WHERE` of [`reserve`]'s upsert.
    fn wait(&self, failures: i64, last_at: i64, expires_at: i64, now: i64) -> i64 {
        if expires_at <= now {
            return 0;
        }
        (last_at + self.delay(failures) - now).max(0)
    }
}

/// Which of the throttle counters `counters` (keys, each an HMAC of what it counts, never an
/// email, with its rule) must wait at `now`, by reading only: `Some((index, seconds))` for the
/// first that must, `None` when an attempt may go ahead. A refused attempt thus writes
/// nothing; [`reserve`] counts one that goes ahead.
pub async fn must_wait(
    db: &Db,
    counters: &[(&str, ThrottleRule)],
    now: i64,
) -> Result<Option<(usize, i64)>> {
    for (index, (key, rule)) in counters.iter().enumerate() {
        let row = sqlx::query(
            "SELECT failures, last_at, expires_at FROM sign_in_throttle WHERE key = $1",
        )
        .bind(key)
        .fetch_optional(db)
        .await?;
        if let Some(row) = row {
            let wait = rule.wait(
                row.try_get("failures")?,
                row.try_get("last_at")?,
                row.try_get("expires_at")?,
                now,
            );
            if wait > 0 {
                return Ok(Some((index, wait)));
            }
        }
    }
    Ok(None)
}

/// Counts an attempt against each of the throttle `counters` before its password is checked,
/// in one transaction, so that attempts sent in parallel cannot outrun the count: `Ok(None)`
/// when it may go ahead, `Ok(Some((index, seconds)))` when the counter at `index` must first
/// wait that long (the attempt is then counted nowhere). One row per key, updated in place; a
/// counter whose window is over starts again, and a few such rows are deleted on the way.
pub async fn reserve(
    db: &Db,
    counters: &[(&str, ThrottleRule)],
    now: i64,
) -> Result<Option<(usize, i64)>> {
    let mut tx = db.begin_with("BEGIN IMMEDIATE").await?;
    sqlx::query(
        "DELETE FROM sign_in_throttle WHERE key IN
             (SELECT key FROM sign_in_throttle WHERE expires_at <= $1 LIMIT 100)",
    )
    .bind(now)
    .execute(&mut *tx)
    .await?;
    for (index, (key, rule)) in counters.iter().enumerate() {
        // Counts only when the counter need not wait (the wait after n failures is
        // ThrottleRule::delay(n), written out in SQL), so that two attempts cannot both pass
        // on the same count even without the transaction.
        let counted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO sign_in_throttle (key, failures, last_at, expires_at)
             VALUES ($1, 1, $2, $2 + $6)
             ON CONFLICT (key) DO UPDATE SET
                 failures = CASE WHEN expires_at <= $2 THEN 1 ELSE failures + 1 END,
                 last_at = $2,
                 expires_at = $2 + $6 + CASE WHEN expires_at > $2 AND failures + 1 >= $3
                     THEN min($4 << min(failures + 1 - $3, 16), $5) ELSE 0 END
             WHERE expires_at <= $2 OR failures < $3
                 OR last_at + min($4 << min(failures - $3, 16), $5) <= $2
             RETURNING failures",
        )
        .bind(key)
        .bind(now)
        .bind(rule.free)
        .bind(rule.first_delay)
        .bind(rule.max_delay)
        .bind(rule.window)
        .fetch_optional(&mut *tx)
        .await?;
        if counted.is_none() {
            let row = sqlx::query(
                "SELECT failures, last_at, expires_at FROM sign_in_throttle WHERE key = $1",
            )
            .bind(key)
            .fetch_optional(&mut *tx)
            .await?;
            let wait = match row {
                Some(row) => rule.wait(
                    row.try_get("failures")?,
                    row.try_get("last_at")?,
                    row.try_get("expires_at")?,
                    now,
                ),
                None => 1,
            };
            // The counters already counted by this attempt are taken back.
            tx.rollback().await?;
            return Ok(Some((index, wait.max(1))));
        }
    }
    tx.commit().await?;
    Ok(None)
}

/// Takes back an attempt [`reserve`] counted against each of `keys`: its password was never
/// checked, or it was right and the counter is one a success does not clear. A counter that
/// drops to nothing is deleted, so attempts taken back leave no rows.
pub async fn release(db: &Db, keys: &[&str]) -> Result<()> {
    let mut tx = db.begin_with("BEGIN IMMEDIATE").await?;
    for key in keys {
        sqlx::query(
            "UPDATE sign_in_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0",
        )
        .bind(key)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM sign_in_throttle WHERE key = $1 AND failures <= 0")
            .bind(key)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Forgets the counter `key` (after a right password).
pub async fn clear(db: &Db, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM sign_in_throttle WHERE key = $1").bind(key).execute(db).await?;
    Ok(())
}
