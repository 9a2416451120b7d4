//! The only code of the app that speaks HTTP.
//!
//! [`ApiClient`] sends every request of the REST contract with the session cookie; bound to
//! the signed-in session ([`SessionClient`]) it also sends the writes, with the session's CSRF
//! token, and turns every answer that is not a success into an
//! [`ApiError`], in one place: [`ApiError::from_answer`].

mod client;
mod config;
mod error;
mod outgoing;

pub use client::{ApiClient, OrSecondStep, SessionClient};
pub use config::{AppConfig, CONFIG_PATH, fetch_text, load_client};
pub use error::ApiError;
