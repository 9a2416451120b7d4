//! The second step of signing in, and of a password change, and the set-up of a method from My
//! account: the method choice, an authenticator app's key and QR code, the code entry with its
//! resend, a recovery code, waiting for a notification's approval, and the recovery codes shown
//! once.
//!
//! The steps' calls come in from the caller ([`StepCalls`]), so the same views serve the
//! pending sign-in (`/session/second-step/...`) and My account (`/account/two-step/...`).
//!
//! It may use `ui/`, `api/`, `i18n/` and the contract; no feature.

mod authenticator_key;
mod code_form;
mod method_choice;
mod pending_step;
mod recovery_code_list;
mod resend_button;
mod second_step_flow;
mod stage;
mod step_calls;

pub use pending_step::PendingStep;
pub use recovery_code_list::RecoveryCodeList;
pub use second_step_flow::SecondStep;
pub use stage::{Stage, first_stage, methods_primary_first};
pub use step_calls::StepCalls;

use authenticator_key::AuthenticatorKey;
use code_form::CodeForm;
use method_choice::MethodChoice;
use resend_button::ResendButton;

/// The id of the section that wraps the whole second step.
pub const SECOND_STEP_ID: &str = "second-step";
