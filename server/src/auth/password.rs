//! Argon2 password hashing, run off the async threads.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::error::{Error, Result};

/// Hashes a password with Argon2id and the default parameters (blocking; call via
/// [`tokio::task::spawn_blocking`] or at start-up).
pub fn hash(password: &str) -> Result<String> {
    let salt = SaltString::encode_b64(&super::random_bytes::<16>()?)
        .map_err(|e| Error::Internal(format!("salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("argon2: {e}")))
}

/// Whether `password` matches the stored hash (blocking). A malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(e) => {
            tracing::warn!(error = %e, "a stored password hash is malformed");
            false
        }
    }
}

/// A hash of a random password, verified against for unknown emails so that the answer takes as
/// long as for a known one.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let secret = super::random_bytes::<16>().map(|b| format!("{b:?}")).unwrap_or_default();
        hash(&secret).unwrap_or_default()
    })
}

/// Verifies off the async threads: against `stored`, or against the dummy hash when `None`.
pub async fn verify_async(password: String, stored: Option<String>) -> Result<bool> {
    tokio::task::spawn_blocking(move || match stored {
        Some(stored) => verify(&password, &stored),
        None => {
            verify(&password, dummy_hash());
            false
        }
    })
    .await
    .map_err(|e| Error::Internal(format!("password check task: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = hash("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse", &h));
        assert!(!verify("wrong", &h));
        assert!(!verify("x", "not a hash"));
    }
}
