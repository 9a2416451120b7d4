//! My account (`/account`), for every signed-in person: their two-step verification (state,
//! set up or change the method, regenerate recovery codes), their password, and signing out of
//! every session.
//!
//! It may use `ui/`, `api/`, `i18n/`, the contract, the session and `second_step/`.

mod account_page;
mod password_check;
mod password_form;
mod sign_out_everywhere;
mod two_step_panel;

pub use account_page::AccountPage;
pub use password_check::{PasswordProblem, password_problem};
pub use password_form::PasswordForm;
pub use sign_out_everywhere::SignOutEverywhere;
pub use two_step_panel::TwoStepPanel;
