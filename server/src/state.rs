//! What every handler shares: the database, the built console, the secret key, the sender of
//! messages and the address the server is reached at.

use std::sync::Arc;
use std::time::Duration;

use crate::auth::password::PasswordChecks;
use crate::config::Limits;
use crate::db::Db;
use crate::spa::Spa;
use crate::two_step::Secrets;
use crate::two_step::outbox::SharedSender;

/// How long `complete` waits for a notification to be approved before answering
/// `approval-pending`.
pub const APPROVAL_WAIT: Duration = Duration::from_secs(20);

/// What every handler shares.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The built console.
    pub spa: Arc<Spa>,
    /// The key that seals TOTP keys and phone numbers and keys the digests of codes.
    pub secrets: Secrets,
    /// Where SMS, email and push messages go.
    pub sender: SharedSender,
    /// The origin of the links the server sends (approval links), without a trailing slash.
    pub public_url: Arc<str>,
    /// How long `complete` waits for a notification to be approved ([`APPROVAL_WAIT`]).
    pub approval_wait: Duration,
    /// The connection, timeout and concurrency bounds.
    pub limits: Arc<Limits>,
    /// The bounded pool that runs every Argon2 password check and hash of a request.
    pub password_checks: PasswordChecks,
    /// One permit per export that may stream at once ([`Limits::max_exports`]).
    pub exports: Arc<tokio::sync::Semaphore>,
}
