//! The session: who is signed in (a context every page reads), the sign-in page and form,
//! "Sign out", the page's banner that shows who is signed in, and what a page shows while the
//! session is being checked.
//!
//! It may use `ui/`, `api/`, `i18n/` and the contract; no feature.

mod header;
mod session_context;
mod session_pending;
mod sign_in_form;
mod sign_in_page;
mod sign_out_button;

pub use header::{Header, PRODUCT_NAME};
pub use session_context::{SessionContext, SessionState, use_session};
pub use session_pending::SessionPending;
pub use sign_in_form::SignInForm;
pub use sign_in_page::SignInPage;
pub use sign_out_button::SignOutButton;
