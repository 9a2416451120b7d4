//! The signed-in member's own account: their password, and the sessions a change of it ends.

use sqlx::SqliteConnection;

use crate::db::Db;
use crate::error::Result;

/// The Argon2 hash of `member_id`'s password, if the member exists.
pub async fn password_hash(db: &Db, member_id: i64) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT password_hash FROM members WHERE id = $1")
        .bind(member_id)
        .fetch_optional(db)
        .await?)
}

/// Replaces `member_id`'s password hash by `hash` and ends every other session of theirs (and
/// every second step they have pending), keeping the session stored under `keep`. Meant for the
/// transaction that records the audit event.
pub async fn change_password(
    connection: &mut SqliteConnection,
    member_id: i64,
    hash: &str,
    keep: &str,
) -> Result<()> {
    sqlx::query("UPDATE members SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(member_id)
        .execute(&mut *connection)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE member_id = $1 AND id_hash <> $2")
        .bind(member_id)
        .bind(keep)
        .execute(&mut *connection)
        .await?;
    sqlx::query("DELETE FROM pending_second_steps WHERE member_id = $1")
        .bind(member_id)
        .execute(&mut *connection)
        .await?;
    Ok(())
}
