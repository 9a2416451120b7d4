//! `twostep-server code <EMAIL>`: the authenticator app code the server accepts next for a
//! member, read with the server's own secret key, so that the demo's authenticator accounts
//! can sign in without a phone.

use std::time::Duration;

use twostep_contract::{PrimaryMethod, labels};

use crate::config::{self, CodeOptions};
use crate::data::second_step;
use crate::db::{self, Db};
use crate::error::{Error, Result};
use crate::two_step::{Secrets, totp};

const EMAIL: &str = "EMAIL";

/// What [`next`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NextCode {
    /// This code works now (and for the rest of its step).
    Ready(String),
    /// Every step that works now was used; the next one starts at this unix second.
    WaitUntil(i64),
}

/// The code the server accepts next at `now` for the member with `email`: the earliest step
/// of the window later than the last one they used.
pub async fn next(db: &Db, secrets: &Secrets, email: &str, now: i64) -> Result<NextCode> {
    // As sign-in reads it: addresses are stored lowercase.
    let email = email.trim().to_lowercase();
    let member = second_step::member_by_email(db, &email).await?.ok_or_else(|| {
        Error::config(EMAIL, format!("no member has the email address {email}; check the spelling"))
    })?;
    let setup = match member.setup {
        Some(setup) if setup.method == PrimaryMethod::AuthenticatorApp => setup,
        Some(setup) => {
            return Err(Error::config(
                EMAIL,
                format!(
                    "{email} uses {}, not an authenticator app; their codes are in the outbox (TWOSTEP_OUTBOX_DIR)",
                    labels::method(setup.method)
                ),
            ));
        }
        None => {
            return Err(Error::config(
                EMAIL,
                format!(
                    "{email} has not set up an authenticator app; they set one up at their next sign-in or from My account"
                ),
            ));
        }
    };
    let sealed = setup.totp_key_sealed.as_deref().ok_or_else(|| {
        Error::Internal(format!("the authenticator setup of {email} holds no key"))
    })?;
    let key = secrets.open(sealed)?;
    Ok(match totp::next_code(&key, now, setup.totp_last_step) {
        Some((_, code)) => NextCode::Ready(code),
        None => NextCode::WaitUntil((totp::step_at(now) + 1) * totp::STEP_SECONDS),
    })
}

/// Runs `twostep-server code`: answers the code, waiting for the next step (and saying so on
/// stderr) when every step of the window is used.
pub async fn run(options: CodeOptions) -> Result<String> {
    if options.secret_key.is_none() && !config::key_file(&options.database_path).is_file() {
        return Err(Error::config(
            "TWOSTEP_SECRET_KEY (--secret-key)",
            format!(
                "is not set and there is no key file {}; give the key the server uses, or the database of a server that has started",
                config::key_file(&options.database_path).display()
            ),
        ));
    }
    if !options.database_path.is_file() {
        return Err(Error::config(
            "TWOSTEP_DATABASE_URL (--database-url)",
            format!(
                "{} does not exist; start the server once to create it, or name another database",
                options.database_path.display()
            ),
        ));
    }
    let secrets =
        Secrets::load(options.secret_key.as_deref(), &config::key_file(&options.database_path))?;
    let db = db::open(&options.database_path).await?;
    let result = loop {
        match next(&db, &secrets, &options.email, db::now()).await {
            Ok(NextCode::Ready(code)) => break Ok(code),
            Ok(NextCode::WaitUntil(at)) => {
                let wait = (at - db::now()).max(1);
                eprintln!(
                    "every code of this moment was used already; waiting {wait} s for the next one"
                );
                tokio::time::sleep(Duration::from_secs(wait.unsigned_abs())).await;
            }
            Err(e) => break Err(e),
        }
    };
    db.close().await;
    result
}
