//! The Twostep Admin REST contract v1, shared by the single-page app and the reference server.
//!
//! It holds the request and response bodies of `/api/v1`, their enumerations, and the one rule
//! that decides whether a member must use two-step verification ([`requirement`]). It has no
//! web and no database code, and compiles for `wasm32-unknown-unknown` as well as natively.
//! Every enumeration names its values once ([`Vocabulary`]); [`labels`] holds the English words
//! of the exports for them.

#![warn(missing_docs)]

#[macro_use]
mod vocabulary;

mod audit;
mod groups;
mod impact;
pub mod labels;
mod members;
mod policy;
mod problem;
mod query;
mod rule;
mod second_step;
mod session;

pub use audit::*;
pub use groups::*;
pub use impact::*;
pub use members::*;
pub use policy::*;
pub use problem::*;
pub use query::{
    DEFAULT_PER_PAGE, MAX_PER_PAGE, MAX_SEARCH_CHARS, Paging, Parsed, encode_component,
    query_string,
};
pub use rule::*;
pub use second_step::*;
pub use session::*;
pub use vocabulary::Vocabulary;

/// The base path of the contract, relative to the backend's origin.
pub const API_BASE_PATH: &str = "/api/v1";

/// The header in which every write echoes the session's CSRF token.
pub const CSRF_HEADER: &str = "X-CSRF-Token";
