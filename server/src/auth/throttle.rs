//! The sign-in throttle: failed password checks counted per (email, client address), per
//! client address and per client network, each with waits that grow, checked before any
//! password is hashed.
//!
//! - (email, address): [`PER_EMAIL`] — five failures are free, then each further attempt
//!   waits 30 s, 1, 2, 4, 8 and at most 15 minutes. A right password clears it. Failures from
//!   one address never refuse the right password from another.
//! - address alone, any email: [`PER_ADDRESS`] — twenty failures are free, then the same
//!   waits. This stops one client trying a password over many emails, and a flood of unknown
//!   emails, without costing a hash each. An address is an IPv4 address or an IPv6 /64.
//! - network, any email: [`PER_NETWORK`] — a hundred failures from one IPv4 /24 or IPv6 /48
//!   are free, then the same waits. This stops a flood spread over many addresses of one
//!   network (a /48 holds 65,536 /64s) without costing a hash each. It is the one counter that
//!   slows clients who did nothing wrong: once a /24 (or /48) has failed a hundred times in
//!   15 minutes, every sign-in from it, the right password included, waits until the wait
//!   ends. Clients of other networks are never slowed by it.
//!
//! An attempt is checked against the counters by reading first: a refused one (429) writes
//! nothing. One that goes ahead is counted against all three in one transaction before its
//! password is checked, and taken back (a counter at zero deleted) when the password is never
//! checked (busy) or, for the address and network, when it is right.
//!
//! The counters are stored under HMACs (the server's secret key) of the normalized email and
//! the address, of the address alone and of the network alone: never the email itself.

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

/// The counter of one client network (IPv4 /24, IPv6 /48), whatever the addresses and emails.
pub const PER_NETWORK: ThrottleRule =
    ThrottleRule { free: 100, first_delay: 30, max_delay: 15 * 60, window: 15 * 60 };

/// An attempt counted before its password is checked; say how it ended with
/// [`Attempt::succeeded`], [`Attempt::failed`] or [`Attempt::unchecked`].
#[derive(Debug)]
#[must_use = "say how the attempt ended"]
pub struct Attempt {
    email_key: String,
    /// The counters a right password takes the attempt back from: the address's and the
    /// network's (none for My account's check).
    shared_keys: Vec<String>,
}

/// Counts a sign-in with `email` from `client` against the network's, the address's and the
/// email's counters, or refuses it (429 with Retry-After) when any must wait; a refused attempt
/// counts nowhere and writes nothing.
pub async fn sign_in(state: &AppState, email: &str, client: ClientAddress) -> Result<Attempt> {
    let attempt = Attempt {
        email_key: email_key(state, email, client),
        shared_keys: vec![network_key(state, client), address_key(state, client)],
    };
    let counters = [
        (attempt.shared_keys[0].as_str(), PER_NETWORK),
        (attempt.shared_keys[1].as_str(), PER_ADDRESS),
        (attempt.email_key.as_str(), PER_EMAIL),
    ];
    // The network's and the address's counters answer "from your network address".
    let refuse = |(index, wait): (usize, i64)| Error::TooManyRequests {
        retry_after_secs: wait,
        per_address: index < 2,
    };
    let now = db::now();
    if let Some(refused) = sessions::must_wait(&state.db, &counters, now).await? {
        return Err(refuse(refused));
    }
    if let Some(refused) = sessions::reserve(&state.db, &counters, now).await? {
        return Err(refuse(refused));
    }
    Ok(attempt)
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
    let counters = [(email_key.as_str(), PER_EMAIL)];
    let now = db::now();
    let refused = match sessions::must_wait(&state.db, &counters, now).await? {
        Some(refused) => Some(refused),
        None => sessions::reserve(&state.db, &counters, now).await?,
    };
    if let Some((_, wait)) = refused {
        return Err(Error::TooManyRequests { retry_after_secs: wait, per_address: false });
    }
    Ok(Attempt { email_key, shared_keys: Vec::new() })
}

impl Attempt {
    /// The password was right: the email's counter is cleared; the address's and the
    /// network's take the attempt back.
    pub async fn succeeded(self, db: &Db) -> Result<()> {
        sessions::clear(db, &self.email_key).await?;
        if !self.shared_keys.is_empty() {
            let keys: Vec<&str> = self.shared_keys.iter().map(String::as_str).collect();
            sessions::release(db, &keys).await?;
        }
        Ok(())
    }

    /// The password was wrong: the attempt stays counted.
    pub fn failed(self) {}

    /// The password was never checked (the server was busy): the attempt is taken back from
    /// every counter, and a counter left at zero is deleted.
    pub async fn unchecked(self, db: &Db) -> Result<()> {
        let mut keys = vec![self.email_key.as_str()];
        keys.extend(self.shared_keys.iter().map(String::as_str));
        sessions::release(db, &keys).await
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

/// The key of the counter of `client`'s network.
fn network_key(state: &AppState, client: ClientAddress) -> String {
    state.secrets.digest("sign-in-throttle-network", &client.network())
}
