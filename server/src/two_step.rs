//! The building blocks of two-step verification, with no HTTP and no SQL: authenticator app
//! codes (RFC 6238) and their QR code, the secret key that seals what is stored, one-time and
//! recovery codes, phone numbers and emails as shown, and the sender of messages (an outbox of
//! files by default).

pub mod codes;
pub mod contact;
pub mod outbox;
pub mod qr;
mod secrets;
pub mod totp;

pub use secrets::Secrets;
