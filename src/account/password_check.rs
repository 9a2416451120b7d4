//! What the console checks of a new password before sending it.

use twostep_contract::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};

use crate::i18n::Messages;

/// Why a new password cannot be sent as typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    /// Fewer than [`MIN_PASSWORD_CHARS`] characters.
    TooShort,
    /// More than [`MAX_PASSWORD_CHARS`] characters.
    TooLong,
    /// The confirmation is not the same password.
    Differ,
}

impl PasswordProblem {
    /// What to tell the person, in the language of `t`.
    pub fn message(self, t: &Messages) -> String {
        match self {
            PasswordProblem::TooShort => t.password_too_short(MIN_PASSWORD_CHARS as u64),
            PasswordProblem::TooLong => t.password_too_long(MAX_PASSWORD_CHARS as u64),
            PasswordProblem::Differ => t.passwords_differ.to_owned(),
        }
    }
}

/// The first problem of a new password and its confirmation, counted in characters as the
/// server counts them; `None` when it may be sent.
pub fn password_problem(new: &str, confirm: &str) -> Option<PasswordProblem> {
    let chars = new.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        Some(PasswordProblem::TooShort)
    } else if chars > MAX_PASSWORD_CHARS {
        Some(PasswordProblem::TooLong)
    } else if new != confirm {
        Some(PasswordProblem::Differ)
    } else {
        None
    }
}
