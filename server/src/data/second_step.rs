//! Two-step verification as stored: a member's setup (method, sealed authenticator key and the
//! last step accepted, sealed phone number), their recovery codes (digests), the pending second
//! steps (keyed by the digest of their cookie), the set-ups in progress from My account (keyed
//! by session), and the wrong answers counted per member.
//!
//! A pending step and a set-up in progress hold the same challenge: what `start` sent and how
//! many answers it took; [`Flow`] names which of the two a statement works on.

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};
use twostep_contract::{MemberFacts, PrimaryMethod, SecondStepKind, SecondStepPurpose, Vocabulary};

use super::setups;
use crate::db::{Db, decode};
use crate::error::Result;
use crate::two_step::{Secrets, totp};

/// The secrets of a setup, sealed: the authenticator app's key, the SMS phone number.
#[derive(Clone, Debug, Default)]
pub struct SetupSecrets {
    /// The sealed TOTP key (authenticator app).
    pub totp_key_sealed: Option<String>,
    /// The sealed E.164 phone number (SMS).
    pub phone_sealed: Option<String>,
}

impl SetupSecrets {
    /// The secrets of a demo setup: a new random key for an authenticator app, the `n`th number
    /// of Ofcom's drama range (+44 7700 900000 to 900999) for SMS, nothing for the others.
    pub fn demo(secrets: &Secrets, method: PrimaryMethod, n: u32) -> Result<SetupSecrets> {
        Ok(match method {
            PrimaryMethod::AuthenticatorApp => SetupSecrets {
                totp_key_sealed: Some(secrets.seal(&totp::new_key()?)?),
                phone_sealed: None,
            },
            PrimaryMethod::Sms => SetupSecrets {
                totp_key_sealed: None,
                phone_sealed: Some(secrets.seal(demo_phone(n).as_bytes())?),
            },
            PrimaryMethod::Email | PrimaryMethod::LastpassNotification => SetupSecrets::default(),
        })
    }
}

/// The `n`th demo phone number, `+447700900000` and on, wrapping after 1,000.
pub fn demo_phone(n: u32) -> String {
    format!("+447700900{:03}", n % 1000)
}

/// The organization of member `$1` and its current reset generation, as the last columns of an
/// `INSERT … SELECT` of a setup made now (see [`setups`]).
const MEMBER_GENERATION: &str = "m.organization_id, p.reset_generation
         FROM members m JOIN policies p ON p.organization_id = m.organization_id
         WHERE m.id = $1";

/// Stores a demo setup as the seed and `generate` make it.
pub async fn insert_demo_setup(
    connection: &mut SqliteConnection,
    member_id: i64,
    method: PrimaryMethod,
    enrolled_at: i64,
    secret: &SetupSecrets,
) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO two_step_enrollments (member_id, method, enrolled_at, totp_key_sealed,
             phone_sealed, organization_id, reset_generation)
         SELECT $1, $2, $3, $4, $5, {MEMBER_GENERATION}"
    ))
    .bind(member_id)
    .bind(method.wire_name())
    .bind(enrolled_at)
    .bind(&secret.totp_key_sealed)
    .bind(&secret.phone_sealed)
    .execute(connection)
    .await?;
    Ok(())
}

/// A member's setup.
#[derive(Clone, Debug)]
pub struct Setup {
    /// The method.
    pub method: PrimaryMethod,
    /// When it was set up, in unix seconds.
    pub enrolled_at: i64,
    /// The sealed TOTP key (authenticator app).
    pub totp_key_sealed: Option<String>,
    /// The last TOTP step whose code was accepted.
    pub totp_last_step: Option<i64>,
    /// The sealed phone number (SMS).
    pub phone_sealed: Option<String>,
}

/// A member as the second step sees them.
#[derive(Clone, Debug)]
pub struct MemberState {
    /// Their id.
    pub id: i64,
    /// Their organization.
    pub organization_id: i64,
    /// Their name.
    pub name: String,
    /// Their email address.
    pub email: String,
    /// What the requirement rule reads.
    pub facts: MemberFacts,
    /// Their setup, if any.
    pub setup: Option<Setup>,
    /// How many unused recovery codes they hold.
    pub recovery_codes_left: u32,
}

/// The member `member_id`, if there is one.
pub async fn member(db: &Db, member_id: i64) -> Result<Option<MemberState>> {
    let row = sqlx::query(&member_query("m.id = $1")).bind(member_id).fetch_optional(db).await?;
    row.as_ref().map(member_state).transpose()
}

/// The member whose email is `email`, if there is one.
pub async fn member_by_email(db: &Db, email: &str) -> Result<Option<MemberState>> {
    let row = sqlx::query(&member_query("m.email = $1")).bind(email).fetch_optional(db).await?;
    row.as_ref().map(member_state).transpose()
}

/// The query of a member as the second step sees them, with `filter` naming which.
fn member_query(filter: &str) -> String {
    format!(
        "SELECT m.id, m.organization_id, m.name, m.email,
                m.is_master_administrator, m.is_administrator, m.is_technician,
                COALESCE(g.force_two_step, 0) AS group_forces_two_step,
                e.method, e.enrolled_at, e.totp_key_sealed, e.totp_last_step, e.phone_sealed,
                CASE WHEN e.member_id IS NULL THEN 0 ELSE
                    (SELECT COUNT(*) FROM recovery_codes r
                     WHERE r.member_id = m.id AND r.used_at IS NULL)
                END AS recovery_codes_left
         FROM members m
         LEFT JOIN technician_groups g
                ON g.id = m.technician_group_id AND g.organization_id = m.organization_id
         {current}
         WHERE {filter}",
        current = setups::CURRENT_JOIN
    )
}

fn member_state(row: &SqliteRow) -> Result<MemberState> {
    let method: Option<String> = row.try_get("method")?;
    let setup = match method {
        Some(method) => Some(Setup {
            method: decode(&method)?,
            enrolled_at: row.try_get("enrolled_at")?,
            totp_key_sealed: row.try_get("totp_key_sealed")?,
            totp_last_step: row.try_get("totp_last_step")?,
            phone_sealed: row.try_get("phone_sealed")?,
        }),
        None => None,
    };
    let left: i64 = row.try_get("recovery_codes_left")?;
    Ok(MemberState {
        id: row.try_get("id")?,
        organization_id: row.try_get("organization_id")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        facts: MemberFacts {
            is_administrator: row.try_get::<bool, _>("is_master_administrator")?
                || row.try_get::<bool, _>("is_administrator")?,
            is_technician: row.try_get("is_technician")?,
            group_forces_two_step: row.try_get("group_forces_two_step")?,
        },
        setup,
        recovery_codes_left: u32::try_from(left).unwrap_or_default(),
    })
}

/// Stores `member_id`'s setup (replacing any), with `codes` (digests) as their recovery codes,
/// and clears their reset mark. Meant for the transaction that records the audit event.
pub async fn store_setup(
    connection: &mut SqliteConnection,
    member_id: i64,
    setup: &Setup,
    code_hashes: &[String],
) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO two_step_enrollments
             (member_id, method, enrolled_at, totp_key_sealed, totp_last_step, phone_sealed,
              organization_id, reset_generation)
         SELECT $1, $2, $3, $4, $5, $6, {MEMBER_GENERATION}
         ON CONFLICT (member_id) DO UPDATE SET
             method = excluded.method, enrolled_at = excluded.enrolled_at,
             totp_key_sealed = excluded.totp_key_sealed,
             totp_last_step = excluded.totp_last_step, phone_sealed = excluded.phone_sealed,
             organization_id = excluded.organization_id,
             reset_generation = excluded.reset_generation"
    ))
    .bind(member_id)
    .bind(setup.method.wire_name())
    .bind(setup.enrolled_at)
    .bind(&setup.totp_key_sealed)
    .bind(setup.totp_last_step)
    .bind(&setup.phone_sealed)
    .execute(&mut *connection)
    .await?;
    sqlx::query("UPDATE members SET two_step_reset_at = NULL WHERE id = $1")
        .bind(member_id)
        .execute(&mut *connection)
        .await?;
    replace_recovery_codes(connection, member_id, code_hashes).await
}

/// Replaces every recovery code of `member_id` by `code_hashes`.
pub async fn replace_recovery_codes(
    connection: &mut SqliteConnection,
    member_id: i64,
    code_hashes: &[String],
) -> Result<()> {
    sqlx::query("DELETE FROM recovery_codes WHERE member_id = $1")
        .bind(member_id)
        .execute(&mut *connection)
        .await?;
    for hash in code_hashes {
        sqlx::query("INSERT INTO recovery_codes (member_id, code_hash) VALUES ($1, $2)")
            .bind(member_id)
            .bind(hash)
            .execute(&mut *connection)
            .await?;
    }
    Ok(())
}

/// The unused recovery codes of `member_id`: id and digest; none when their setup was voided
/// by a reset.
pub async fn unused_recovery_codes(db: &Db, member_id: i64) -> Result<Vec<(i64, String)>> {
    let rows = sqlx::query(&format!(
        "SELECT r.id, r.code_hash FROM recovery_codes r
         JOIN members m ON m.id = r.member_id {current}
         WHERE r.member_id = $1 AND r.used_at IS NULL AND e.member_id IS NOT NULL",
        current = setups::CURRENT_JOIN
    ))
    .bind(member_id)
    .fetch_all(db)
    .await?;
    rows.iter().map(|row| Ok((row.try_get("id")?, row.try_get("code_hash")?))).collect()
}

/// Marks recovery code `id` used at `now`; `false` when it was used meanwhile.
pub async fn use_recovery_code(db: &Db, id: i64, now: i64) -> Result<bool> {
    let done =
        sqlx::query("UPDATE recovery_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(db)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Records that `member_id`'s authenticator code of `step` was accepted; `false` when that step
/// (or a later one) was accepted meanwhile, or a reset voided the setup.
pub async fn use_totp_step(db: &Db, member_id: i64, step: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE two_step_enrollments SET totp_last_step = $1
         WHERE member_id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)
           AND reset_generation = (SELECT p.reset_generation FROM policies p
                                   WHERE p.organization_id = two_step_enrollments.organization_id)",
    )
    .bind(step)
    .bind(member_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Which challenge a statement works on.
#[derive(Clone, Copy, Debug)]
pub enum Flow<'a> {
    /// The pending second step stored under this cookie digest.
    Pending(&'a str),
    /// The set-up in progress of the session stored under this digest.
    Account(&'a str),
}

impl Flow<'_> {
    fn table(&self) -> &'static str {
        match self {
            Flow::Pending(_) => "pending_second_steps",
            Flow::Account(_) => "account_set_ups",
        }
    }

    fn key_column(&self) -> &'static str {
        match self {
            Flow::Pending(_) => "id_hash",
            Flow::Account(_) => "session_id_hash",
        }
    }

    fn key(&self) -> &str {
        match self {
            Flow::Pending(key) | Flow::Account(key) => key,
        }
    }
}

/// What `start` sent. (Its count of answers lives in the row only: [`add_attempt`] counts and
/// reads it in one statement, so that answers racing each other each see their own count.)
#[derive(Clone, Debug, Default)]
pub struct Challenge {
    /// The method started; `None` before any start.
    pub method: Option<PrimaryMethod>,
    /// The sealed new TOTP key (setting up an authenticator app).
    pub totp_key_sealed: Option<String>,
    /// The sealed new phone number (setting up SMS).
    pub phone_sealed: Option<String>,
    /// The digest of the code sent by SMS or email.
    pub code_hash: Option<String>,
    /// When that code stops working.
    pub code_expires_at: Option<i64>,
    /// When something was last sent.
    pub last_sent_at: Option<i64>,
    /// The digest of the approval link's token.
    pub push_token_hash: Option<String>,
    /// `approved` or `denied`, once the notification was answered.
    pub push_decision: Option<String>,
}

const CHALLENGE_COLUMNS: &str = "method, totp_key_sealed, phone_sealed, code_hash, code_expires_at, \
     last_sent_at, push_token_hash, push_decision";

fn challenge(row: &SqliteRow) -> Result<Challenge> {
    let method: Option<String> = row.try_get("method")?;
    Ok(Challenge {
        method: method.as_deref().map(decode).transpose()?,
        totp_key_sealed: row.try_get("totp_key_sealed")?,
        phone_sealed: row.try_get("phone_sealed")?,
        code_hash: row.try_get("code_hash")?,
        code_expires_at: row.try_get("code_expires_at")?,
        last_sent_at: row.try_get("last_sent_at")?,
        push_token_hash: row.try_get("push_token_hash")?,
        push_decision: row.try_get("push_decision")?,
    })
}

/// A pending second step.
#[derive(Clone, Debug)]
pub struct Pending {
    /// The digest of its cookie.
    pub id_hash: String,
    /// Whose.
    pub member_id: i64,
    /// Their organization.
    pub organization_id: i64,
    /// Signing in, or changing the password.
    pub purpose: SecondStepPurpose,
    /// Set up or verify.
    pub step: SecondStepKind,
    /// The CSRF token of its writes.
    pub csrf_token: String,
    /// For a password change: the session that asked.
    pub session_id_hash: Option<String>,
    /// For a password change: the new password's hash.
    pub new_password_hash: Option<String>,
    /// When it was created and when it ends, in unix seconds.
    pub created_at: i64,
    /// When it ends, in unix seconds.
    pub expires_at: i64,
    /// What start sent.
    pub challenge: Challenge,
}

/// Stores a new pending second step (its challenge empty), after removing the expired ones.
pub async fn insert_pending(db: &Db, pending: &Pending) -> Result<()> {
    sqlx::query("DELETE FROM pending_second_steps WHERE expires_at <= $1")
        .bind(pending.created_at)
        .execute(db)
        .await?;
    sqlx::query(
        "INSERT INTO pending_second_steps (id_hash, member_id, organization_id, purpose, step,
             csrf_token, session_id_hash, new_password_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&pending.id_hash)
    .bind(pending.member_id)
    .bind(pending.organization_id)
    .bind(pending.purpose.wire_name())
    .bind(pending.step.wire_name())
    .bind(&pending.csrf_token)
    .bind(&pending.session_id_hash)
    .bind(&pending.new_password_hash)
    .bind(pending.created_at)
    .bind(pending.expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// The pending second step stored under `id_hash`, expired or not.
pub async fn find_pending(db: &Db, id_hash: &str) -> Result<Option<Pending>> {
    let sql = format!(
        "SELECT id_hash, member_id, organization_id, purpose, step, csrf_token, session_id_hash,
                new_password_hash, created_at, expires_at, {CHALLENGE_COLUMNS}
         FROM pending_second_steps WHERE id_hash = $1"
    );
    let Some(row) = sqlx::query(&sql).bind(id_hash).fetch_optional(db).await? else {
        return Ok(None);
    };
    Ok(Some(Pending {
        id_hash: row.try_get("id_hash")?,
        member_id: row.try_get("member_id")?,
        organization_id: row.try_get("organization_id")?,
        purpose: decode(row.try_get("purpose")?)?,
        step: decode(row.try_get("step")?)?,
        csrf_token: row.try_get("csrf_token")?,
        session_id_hash: row.try_get("session_id_hash")?,
        new_password_hash: row.try_get("new_password_hash")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        challenge: challenge(&row)?,
    }))
}

/// The set-up in progress of the session `session_id_hash`, if it has not expired at `now`.
pub async fn find_account_set_up(
    db: &Db,
    session_id_hash: &str,
    now: i64,
) -> Result<Option<Challenge>> {
    let sql = format!(
        "SELECT {CHALLENGE_COLUMNS} FROM account_set_ups
         WHERE session_id_hash = $1 AND expires_at > $2"
    );
    let row = sqlx::query(&sql).bind(session_id_hash).bind(now).fetch_optional(db).await?;
    row.as_ref().map(challenge).transpose()
}

/// Starts (or starts again) the set-up in progress of a session: a row that lasts until
/// `expires_at`, keeping the wrong answers of a live one.
pub async fn open_account_set_up(
    db: &Db,
    session_id_hash: &str,
    member_id: i64,
    now: i64,
    expires_at: i64,
) -> Result<()> {
    sqlx::query("DELETE FROM account_set_ups WHERE expires_at <= $1").bind(now).execute(db).await?;
    sqlx::query(
        "INSERT INTO account_set_ups (session_id_hash, member_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (session_id_hash) DO UPDATE SET expires_at = excluded.expires_at",
    )
    .bind(session_id_hash)
    .bind(member_id)
    .bind(now)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// Saves what `start` sent (the attempts are kept).
pub async fn save_start(db: &Db, flow: Flow<'_>, started: &Challenge) -> Result<()> {
    let sql = format!(
        "UPDATE {} SET method = $1, totp_key_sealed = $2, phone_sealed = $3, code_hash = $4,
             code_expires_at = $5, last_sent_at = $6, push_token_hash = $7, push_decision = NULL
         WHERE {} = $8",
        flow.table(),
        flow.key_column()
    );
    sqlx::query(&sql)
        .bind(started.method.map(|m| m.wire_name()))
        .bind(&started.totp_key_sealed)
        .bind(&started.phone_sealed)
        .bind(&started.code_hash)
        .bind(started.code_expires_at)
        .bind(started.last_sent_at)
        .bind(&started.push_token_hash)
        .bind(flow.key())
        .execute(db)
        .await?;
    Ok(())
}

/// The challenge of `flow` as stored now (for the long-poll); `None` once it is gone.
pub async fn reload(db: &Db, flow: Flow<'_>) -> Result<Option<Challenge>> {
    let sql = format!(
        "SELECT {CHALLENGE_COLUMNS} FROM {} WHERE {} = $1",
        flow.table(),
        flow.key_column()
    );
    let row = sqlx::query(&sql).bind(flow.key()).fetch_optional(db).await?;
    row.as_ref().map(challenge).transpose()
}

/// Counts one more answer compared; answers the count, or `None` when the challenge is gone.
pub async fn add_attempt(db: &Db, flow: Flow<'_>) -> Result<Option<i64>> {
    let sql = format!(
        "UPDATE {} SET attempts = attempts + 1 WHERE {} = $1 RETURNING attempts",
        flow.table(),
        flow.key_column()
    );
    Ok(sqlx::query_scalar(&sql).bind(flow.key()).fetch_optional(db).await?)
}

/// Deletes the challenge of `flow` (a pending step ends with it).
pub async fn delete(db: &Db, flow: Flow<'_>) -> Result<()> {
    let sql = format!("DELETE FROM {} WHERE {} = $1", flow.table(), flow.key_column());
    sqlx::query(&sql).bind(flow.key()).execute(db).await?;
    Ok(())
}

/// Deletes the challenge of `flow` on a connection, inside the transaction that completes it;
/// `false` when it was gone already (another request completed it meanwhile), so that one
/// challenge completes once only.
pub async fn delete_on(connection: &mut SqliteConnection, flow: Flow<'_>) -> Result<bool> {
    let sql = format!("DELETE FROM {} WHERE {} = $1", flow.table(), flow.key_column());
    let done = sqlx::query(&sql).bind(flow.key()).execute(connection).await?;
    Ok(done.rows_affected() == 1)
}

/// The email of the member a live, unanswered notification with token digest `token_hash`
/// asks, if there is one.
pub async fn approval_email(db: &Db, token_hash: &str, now: i64) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT m.email FROM pending_second_steps p JOIN members m ON m.id = p.member_id
         WHERE p.push_token_hash = $1 AND p.expires_at > $2 AND p.push_decision IS NULL
         UNION ALL
         SELECT m.email FROM account_set_ups a JOIN members m ON m.id = a.member_id
         WHERE a.push_token_hash = $1 AND a.expires_at > $2 AND a.push_decision IS NULL
         LIMIT 1",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await?)
}

/// Answers the live, unanswered notification with token digest `token_hash`: `approved` or
/// `denied`. `false` when there is none.
pub async fn decide(db: &Db, token_hash: &str, decision: &str, now: i64) -> Result<bool> {
    let mut done = 0;
    for table in ["pending_second_steps", "account_set_ups"] {
        let sql = format!(
            "UPDATE {table} SET push_decision = $1
             WHERE push_token_hash = $2 AND expires_at > $3 AND push_decision IS NULL"
        );
        done += sqlx::query(&sql)
            .bind(decision)
            .bind(token_hash)
            .bind(now)
            .execute(db)
            .await?
            .rows_affected();
    }
    Ok(done > 0)
}

/// How many wrong answers `member_id` gave after `since`, and when the oldest of them was.
pub async fn recent_failures(db: &Db, member_id: i64, since: i64) -> Result<(i64, Option<i64>)> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS failures, MIN(at) AS oldest FROM second_step_failures
         WHERE member_id = $1 AND at > $2",
    )
    .bind(member_id)
    .bind(since)
    .fetch_one(db)
    .await?;
    Ok((row.try_get("failures")?, row.try_get("oldest")?))
}

/// Records an answer of `member_id` at `now` as a failure, forgetting those at or before
/// `forget`; answers its id, for [`forget_failure`] when the answer proves right.
pub async fn record_failure(db: &Db, member_id: i64, now: i64, forget: i64) -> Result<i64> {
    sqlx::query("DELETE FROM second_step_failures WHERE at <= $1").bind(forget).execute(db).await?;
    let id = sqlx::query_scalar(
        "INSERT INTO second_step_failures (member_id, at) VALUES ($1, $2) RETURNING id",
    )
    .bind(member_id)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// Takes back the failure `id` (the answer was right after all).
pub async fn forget_failure(db: &Db, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM second_step_failures WHERE id = $1").bind(id).execute(db).await?;
    Ok(())
}

/// Records a message sent for `member_id` at `now`, forgetting those at or before `forget`;
/// answers how many were sent after `forget` (this one included) and when the oldest was.
pub async fn record_send(
    db: &Db,
    member_id: i64,
    now: i64,
    forget: i64,
) -> Result<(i64, Option<i64>, i64)> {
    sqlx::query("DELETE FROM second_step_sends WHERE at <= $1").bind(forget).execute(db).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO second_step_sends (member_id, at) VALUES ($1, $2) RETURNING id",
    )
    .bind(member_id)
    .bind(now)
    .fetch_one(db)
    .await?;
    let row = sqlx::query(
        "SELECT COUNT(*) AS sends, MIN(at) AS oldest FROM second_step_sends
         WHERE member_id = $1 AND at > $2",
    )
    .bind(member_id)
    .bind(forget)
    .fetch_one(db)
    .await?;
    Ok((row.try_get("sends")?, row.try_get("oldest")?, id))
}

/// Takes back the send `id` (it was refused).
pub async fn forget_send(db: &Db, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM second_step_sends WHERE id = $1").bind(id).execute(db).await?;
    Ok(())
}
