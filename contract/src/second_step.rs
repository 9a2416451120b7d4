//! The second step of signing in, and of changing a password, and the signed-in person's own
//! account (`/account`).
//!
//! `POST /session` with a right password answers either `200` with a [`Session`] (the member
//! need not use two-step verification) or `202` with a [`PendingSecondStep`]: the password was
//! right, and the member must now **set up** a method (required and without a setup: new, or
//! reset) or **verify** with the one they have. The pending sign-in lives in its own HttpOnly
//! cookie ([`PENDING_COOKIE`]); it can only take the operations under `/session/second-step`,
//! and every other operation answers it `401`, as it does to someone not signed in.
//!
//! The second step:
//! 1. `GET /session/second-step`: the pending step again (after a reload).
//! 2. `POST /session/second-step/start` with a [`SecondStepStart`]: chooses the method (set up)
//!    and sends what it needs: a code by SMS or email, a notification to the phone, or, for an
//!    authenticator app being set up, a new key with its QR code. Calling it again re-sends,
//!    after [`SecondStepChallenge::resend_after_seconds`].
//! 3. `POST /session/second-step/complete` with a [`SecondStepAnswer`]: the code (or a recovery
//!    code, or nothing while waiting for a notification to be approved). Success answers `200`
//!    with [`SecondStepDone`] and sets the session cookie.
//! 4. `DELETE /session/second-step`: gives up.
//!
//! A password change (`POST /account/password`) by a member who must use two-step verification
//! answers `202` with a [`PendingSecondStep`] whose purpose is
//! [`SecondStepPurpose::PasswordChange`]; the same operations complete it, and the password
//! changes when the step succeeds.

use serde::{Deserialize, Serialize};

use crate::{PrimaryMethod, Session};

/// The cookie that holds a pending second step.
pub const PENDING_COOKIE: &str = "twostep_pending";

/// The name of [`PENDING_COOKIE`] on a backend reached over https: host-only and `Secure`.
pub const SECURE_PENDING_COOKIE: &str = "__Host-twostep_pending";

/// How long a pending second step lasts, in seconds (10 minutes).
pub const PENDING_SECONDS: i64 = 10 * 60;

/// How many digits a verification code has (authenticator app, SMS, email).
pub const CODE_DIGITS: usize = 6;

/// How many recovery codes a member holds after set-up or regeneration.
pub const RECOVERY_CODE_COUNT: usize = 10;

vocabulary! {
    /// Which second step a pending sign-in needs.
    pub enum SecondStepKind {
        /// The member must set up a method (they have none: new, or reset).
        SetUp = "set_up",
        /// The member verifies with the method they set up.
        Verify = "verify",
    }
}

vocabulary! {
    /// What the second step is for.
    pub enum SecondStepPurpose {
        /// Signing in.
        SignIn = "sign_in",
        /// Changing the password of a signed-in member.
        PasswordChange = "password_change",
    }
}

/// A pending second step: the answer `202` of `POST /session` and `POST /account/password`, and
/// of `GET /session/second-step`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PendingSecondStep {
    /// What it is for.
    pub purpose: SecondStepPurpose,
    /// Set up or verify.
    pub step: SecondStepKind,
    /// The member's name.
    pub name: String,
    /// The member's email address.
    pub email: String,
    /// The methods the member may use, the one to offer first at the head: for set-up, every
    /// method with the organization's primary method first; for verify, the method set up.
    pub methods: Vec<PrimaryMethod>,
    /// For verify: how many unused recovery codes the member has (they may use one instead).
    pub recovery_codes_left: u32,
    /// When the pending step ends (RFC 3339, UTC); sign in again after that.
    pub expires_at: String,
    /// To send in the `X-CSRF-Token` header of the second step's writes.
    pub csrf_token: String,
}

/// The body of `POST /session/second-step/start` and `POST /account/two-step/start`. Unknown
/// fields are refused (422).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SecondStepStart {
    /// The method: for verify, the one set up; for set-up, any of `methods`.
    pub method: PrimaryMethod,
    /// For setting up SMS verification (and only then; otherwise it is ignored): the phone
    /// number, in international (E.164) form such as `+447700900123`: `+` (or `00`) and 8 to 15
    /// digits, the first not 0; spaces, dots, dashes and brackets are ignored. Missing or not in
    /// that form when setting up SMS: 422 naming `phone_number`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
}

/// What `start` did, and what the person should do next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecondStepChallenge {
    /// The method started.
    pub method: PrimaryMethod,
    /// Where the code or notification went, partly hidden (`+44 •••• •••123`,
    /// `i•••@northwind.example`); `None` for an authenticator app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_to: Option<String>,
    /// Seconds before `start` may send again; `None` when nothing was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resend_after_seconds: Option<u32>,
    /// When the code sent stops working (RFC 3339, UTC); `None` when no code was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_expires_at: Option<String>,
    /// For setting up an authenticator app: the new key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticator: Option<AuthenticatorSetup>,
}

/// A new authenticator app key, to scan or to type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthenticatorSetup {
    /// The `otpauth://totp/...` URI (SHA-1, 6 digits, 30 seconds).
    pub otpauth_uri: String,
    /// The key in base32, in groups of four letters for people who cannot scan.
    pub key: String,
    /// The QR code of `otpauth_uri`, as an SVG document (dark modules on a white background).
    pub qr_svg: String,
}

/// The body of `POST /session/second-step/complete` and `POST /account/two-step/complete`.
///
/// Send `code` (from the authenticator app, the SMS or the email), or, to verify, a
/// `recovery_code` instead; send neither while waiting for a LastPass notification to be
/// approved. Unknown fields are refused (422).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SecondStepAnswer {
    /// The 6-digit code; spaces are ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// One of the member's recovery codes (verify only); spaces, dashes and case are ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery_code: Option<String>,
}

/// The answer `200` of `POST /session/second-step/complete`: the session now open (its cookie
/// is set), and, after a set-up, the new recovery codes, shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecondStepDone {
    /// The session.
    pub session: Session,
    /// After a set-up: the ten recovery codes, which the server will never show again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recovery_codes: Vec<String>,
}

/// The signed-in person's own two-step verification: `GET /account`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    /// The member's name.
    pub name: String,
    /// The member's email address.
    pub email: String,
    /// Whether the organization's policy requires them to use two-step verification.
    pub required: bool,
    /// The method set up, if any.
    pub method: Option<PrimaryMethod>,
    /// When it was set up (RFC 3339, UTC).
    pub enrolled_at: Option<String>,
    /// For SMS: the phone number, partly hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// How many unused recovery codes they have.
    pub recovery_codes_left: u32,
    /// The organization's primary method, offered first when setting up.
    pub primary_method: PrimaryMethod,
}

/// The answer of `POST /account/two-step/complete`: the new setup, with its recovery codes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountSetUp {
    /// The account with its new method.
    pub account: Account,
    /// The ten new recovery codes, shown once.
    pub recovery_codes: Vec<String>,
}

/// The answer of `POST /account/recovery-codes`: ten new codes, replacing all the old ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryCodes {
    /// The codes, shown once.
    pub recovery_codes: Vec<String>,
}

/// The body of `POST /account/password`. Unknown fields are refused (422).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    /// The password now; a wrong one answers 422 naming `current_password`, and counts with the
    /// failed sign-ins of the member's email from the client's address (429 past the limit).
    pub current_password: String,
    /// The new password: at least 12 and at most 256 characters (Unicode scalar values, white
    /// space included), different from the current one; else 422 naming `new_password`.
    #[cfg_attr(feature = "openapi", schema(min_length = 12, max_length = 256))]
    pub new_password: String,
}

/// The fewest characters a new password may have.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// The most characters a new password may have.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// A code as typed, without its spaces; `None` unless it is [`CODE_DIGITS`] ASCII digits.
pub fn normalized_code(typed: &str) -> Option<String> {
    let code: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    (code.len() == CODE_DIGITS && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_whatever_the_spacing() {
        assert_eq!(normalized_code(" 123 456 ").as_deref(), Some("123456"));
        assert_eq!(normalized_code("12345"), None);
        assert_eq!(normalized_code("12345a"), None);
        assert_eq!(normalized_code("１２３４５６"), None);
    }

    #[test]
    fn an_answer_sends_only_what_it_has() {
        let answer = SecondStepAnswer { code: Some("123456".into()), recovery_code: None };
        assert_eq!(serde_json::to_value(&answer).unwrap(), serde_json::json!({"code": "123456"}));
        let waiting: SecondStepAnswer = serde_json::from_str("{}").unwrap();
        assert_eq!(waiting, SecondStepAnswer::default());
    }

    #[test]
    fn a_pending_step_reads_back() {
        let pending = PendingSecondStep {
            purpose: SecondStepPurpose::SignIn,
            step: SecondStepKind::SetUp,
            name: "Inès Laurent".into(),
            email: "ines@northwind.example".into(),
            methods: vec![PrimaryMethod::AuthenticatorApp, PrimaryMethod::Sms],
            recovery_codes_left: 0,
            expires_at: "2026-01-01T00:10:00Z".into(),
            csrf_token: "t".into(),
        };
        let json = serde_json::to_value(&pending).unwrap();
        assert_eq!(json["step"], "set_up");
        assert_eq!(json["methods"][0], "authenticator_app");
        assert_eq!(serde_json::from_value::<PendingSecondStep>(json).unwrap(), pending);
    }
}
