//! The sign-in throttle: failed password checks counted per (email, client address) and per
//! client address, each with waits that grow, checked before any password is hashed.
//!
//! - (email, address): [`PER_EMAIL`] — five failures are free, then each further attempt
//!   waits 30 s, 1, 2, 4, 8 and at most 15 minutes. A right password clears it. Failures from
//!   one address never refuse the right password from another.
//! - address alone, any email: [`PER_ADDRESS`] — twenty failures are free, then the same
//!   waits. This stops one client trying a password over many emails, and a flood of unknown
//!   emails, without costing a hash each.
//!
//! The counters are stored under HMACs (the server's secret key) of the normalized email and
//! the address bucket, and of the bucket alone: never the email itself.

use crate::client::ClientAddress;
use crate::data::sessions::{self, ThrottleRule};
use crate::db::{self, Db};
use crate::error::{Error, Result};
use crate::state::AppState;

/// The counter of one email from one client address.
pub const PER_EMAIL: ThrottleRule =
    ThrottleRule { free: 5, first_delay: 30, max_delay: 15 * 60, window: 15 * 60 };

/// The counter of one client address, whatever the emails.
pub const PER_ADDRESS: ThrottleRule =
    ThrottleRule { free: 20, first_delay: 30, max_delay: 15 * 60, window: 15 * 60 };

/// An attempt counted before its password is checked; say how it ended with
/// [`Attempt::succeeded`], [`Attempt::failed`] or [`Attempt::unchecked`].
#[derive(Debug)]
#[must_use = "say how the attempt ended"]
pub struct Attempt {
    email_key: String,
    address_key: Option<String>,
}

/// Counts a sign-in with `email` from `client` against both counters, or refuses it (429 with
/// Retry-After) when either must wait; a refused attempt counts nowhere.
pub async fn sign_in(state: &AppState, email: &str, client: ClientAddress) -> Result<Attempt> {
    let now = db::now();
    let address_key = address_key(state, client);
    if let Some(wait) = sessions::reserve(&state.db, &address_key, PER_ADDRESS, now).await? {
        return Err(Error::TooManyRequests { retry_after_secs: wait, per_address: true });
    }
    let attempt = Attempt { email_key: email_key(state, email, client), address_key: None };
    match sessions::reserve(&state.db, &attempt.email_key, PER_EMAIL, now).await {
        Ok(None) => Ok(Attempt { address_key: Some(address_key), ..attempt }),
        refused => {
            sessions::release(&state.db, &address_key).await?;
            let wait = refused?.unwrap_or(1);
            Err(Error::TooManyRequests { retry_after_secs: wait, per_address: false })
        }
    }
}

/// Counts a check of the signed-in member's current password (My account) against the
/// counter of their email from `client`, which the sign-in page shares: a session cannot
/// guess the password faster than the sign-in page can.
pub async fn current_password(
    state: &AppState,
    email: &str,
    client: ClientAddress,
) -> Result<Attempt> {
    let email_key = email_key(state, email, client);
    if let Some(wait) = sessions::reserve(&state.db, &email_key, PER_EMAIL, db::now()).await? {
        return Err(Error::TooManyRequests { retry_after_secs: wait, per_address: false });
    }
    Ok(Attempt { email_key, address_key: None })
}

impl Attempt {
    /// The password was right: the email's counter is cleared; the address's takes the
    /// attempt back.
    pub async fn succeeded(self, db: &Db) -> Result<()> {
        sessions::clear(db, &self.email_key).await?;
        if let Some(key) = &self.address_key {
            sessions::release(db, key).await?;
        }
        Ok(())
    }

    /// The password was wrong: the attempt stays counted.
    pub fn failed(self) {}

    /// The password was never checked (the server was busy): the attempt is taken back.
    pub async fn unchecked(self, db: &Db) -> Result<()> {
        sessions::release(db, &self.email_key).await?;
        if let Some(key) = &self.address_key {
            sessions::release(db, key).await?;
        }
        Ok(())
    }
}

/// Checks `password` against `stored` (or the dummy hash for `None`) on the bounded password
/// checks, and settles `attempt` by the outcome: right, wrong, or never checked (busy).
pub async fn check(
    state: &AppState,
    attempt: Attempt,
    password: String,
    stored: Option<String>,
) -> Result<bool> {
    match state.password_checks.verify(password, stored).await {
        Ok(true) => {
            attempt.succeeded(&state.db).await?;
            Ok(true)
        }
        Ok(false) => {
            attempt.failed();
            Ok(false)
        }
        Err(e) => {
            attempt.unchecked(&state.db).await?;
            Err(e)
        }
    }
}

/// The key of the counter of `email` (trimmed, in lower case) from `client`.
fn email_key(state: &AppState, email: &str, client: ClientAddress) -> String {
    let email = email.trim().to_lowercase();
    state.secrets.digest("sign-in-throttle-email", &format!("{email}\n{}", client.bucket()))
}

/// The key of the counter of `client`.
fn address_key(state: &AppState, client: ClientAddress) -> String {
    state.secrets.digest("sign-in-throttle-address", &client.bucket())
}
