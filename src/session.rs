//! The session: who is signed in (a context every page reads), the sign-in page and form (with
//! the second step), "Sign out", the redirect of signed-out people to sign in, the page's banner that shows who is signed in, and what a page shows while the
//! session is being checked.
//!
//! It may use `ui/`, `api/`, `i18n/`, the contract and `second_step/` (the sign-in page's
//! second step); no other feature.

mod header;
mod session_context;
mod session_pending;
mod sign_in_form;
mod sign_in_page;
mod sign_out_button;
mod signed_out_redirect;

pub use header::{Header, PRODUCT_NAME};
pub use session_context::{SessionContext, SessionState, use_session};
pub use session_pending::SessionPending;
pub use sign_in_form::SignInForm;
pub use sign_in_page::SignInPage;
pub use sign_out_button::SignOutButton;
pub use signed_out_redirect::redirect_when_signed_out;
