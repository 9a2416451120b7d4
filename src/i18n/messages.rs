//! The catalog type: one field per string the app shows.

use twostep_contract::{AdministratorsPolicy, PrimaryMethod, TechniciansPolicy};

use crate::api::ApiError;

/// Every user-visible string of the app in one language.
///
/// Each language is a `const` of this type, so a string missing from a language does not
/// compile. Strings with values in them are functions.
pub struct Messages {
    /// The link that jumps over the header to the page's main content.
    pub skip_to_main: &'static str,
    /// The label of the language picker.
    pub language: &'static str,
    /// The status shown while something loads.
    pub loading: &'static str,
    /// The status shown while the browser is sent to another sign-in page.
    pub redirecting_to_sign_in: &'static str,
    /// The heading of the sign-in page.
    pub sign_in_heading: &'static str,
    /// The label of the email field.
    pub email: &'static str,
    /// The label of the password field.
    pub password: &'static str,
    /// The sign-in button.
    pub sign_in: &'static str,
    /// The sign-in button while the request runs.
    pub signing_in: &'static str,
    /// The sign-out button.
    pub sign_out: &'static str,
    /// The accessible name of the organization tree.
    pub organization_tree: &'static str,
    /// The accessible name of the organization's tabs.
    pub organization_sections: &'static str,
    /// The Global Settings tab.
    pub global_settings: &'static str,
    /// The text of the organization root when no tab applies.
    pub select_group_hint: &'static str,
    /// What a non-master administrator sees on the Global Settings address.
    pub global_settings_master_only: &'static str,
    /// The heading of the two-step verification section.
    pub two_step_heading: &'static str,
    /// The intro paragraph of the two-step verification section.
    pub two_step_intro: &'static str,
    /// The administrators setting.
    pub administrators: &'static str,
    /// Administrators = none.
    pub administrators_none: &'static str,
    /// Administrators = all.
    pub administrators_all: &'static str,
    /// The technicians setting.
    pub technicians: &'static str,
    /// Technicians = none.
    pub technicians_none: &'static str,
    /// Technicians = all.
    pub technicians_all: &'static str,
    /// Technicians = selected groups.
    pub technicians_selected_groups: &'static str,
    /// The primary method setting.
    pub primary_method: &'static str,
    /// The LastPass notification method.
    pub method_lastpass_notification: &'static str,
    /// The authenticator app method.
    pub method_authenticator_app: &'static str,
    /// The SMS method.
    pub method_sms: &'static str,
    /// The email method.
    pub method_email: &'static str,
    /// The policy's revision number.
    pub revision: fn(i64) -> String,
    /// The heading of the page shown for an unknown address.
    pub not_found_heading: &'static str,
    /// The explanation under that heading.
    pub not_found_text: &'static str,
    /// The link back from the not-found page.
    pub go_to_admin_center: &'static str,
    /// The button that repeats a failed read.
    pub try_again: &'static str,
    /// Sign-in refused: wrong email or password.
    pub error_invalid_credentials: &'static str,
    /// Sign-in refused: too many attempts.
    pub error_too_many_sign_in_attempts: &'static str,
    /// Any other request refused for too many attempts.
    pub error_too_many_requests: &'static str,
    /// The server could not be reached or failed.
    pub error_unreachable: &'static str,
    /// The session ended.
    pub error_session_ended: &'static str,
    /// Not allowed, and the server did not say why.
    pub error_forbidden: &'static str,
    /// The resource does not exist (any more).
    pub error_not_found: &'static str,
    /// The request had invalid values; the server's messages follow.
    pub error_validation: &'static str,
    /// The request conflicts with the current state.
    pub error_conflict: &'static str,
    /// Someone else changed the resource meanwhile.
    pub error_changed_meanwhile: &'static str,
    /// An answer the app does not understand.
    pub error_unreadable_answer: &'static str,
    /// Any other error answer, by status code.
    pub error_unexpected: fn(u16) -> String,
}

impl Messages {
    /// The name of an administrators setting.
    pub fn administrators_policy(&self, value: AdministratorsPolicy) -> &'static str {
        match value {
            AdministratorsPolicy::None => self.administrators_none,
            AdministratorsPolicy::All => self.administrators_all,
        }
    }

    /// The name of a technicians setting.
    pub fn technicians_policy(&self, value: TechniciansPolicy) -> &'static str {
        match value {
            TechniciansPolicy::None => self.technicians_none,
            TechniciansPolicy::All => self.technicians_all,
            TechniciansPolicy::SelectedGroups => self.technicians_selected_groups,
        }
    }

    /// The name of a primary verification method.
    pub fn primary_method_name(&self, value: PrimaryMethod) -> &'static str {
        match value {
            PrimaryMethod::LastpassNotification => self.method_lastpass_notification,
            PrimaryMethod::AuthenticatorApp => self.method_authenticator_app,
            PrimaryMethod::Sms => self.method_sms,
            PrimaryMethod::Email => self.method_email,
        }
    }

    /// What to tell a person about a failed request: what happened and what to do next.
    pub fn api_error(&self, error: &ApiError) -> String {
        match error {
            ApiError::Unauthorized { .. } => self.error_session_ended.to_owned(),
            ApiError::Forbidden(Some(detail)) if !detail.is_empty() => detail.clone(),
            ApiError::Forbidden(_) => self.error_forbidden.to_owned(),
            ApiError::NotFound(_) => self.error_not_found.to_owned(),
            ApiError::Validation(errors) => {
                let mut text = self.error_validation.to_owned();
                for error in errors {
                    text.push(' ');
                    text.push_str(&error.message);
                }
                text
            }
            ApiError::Conflict(_) => self.error_conflict.to_owned(),
            ApiError::PreconditionFailed(_) => self.error_changed_meanwhile.to_owned(),
            ApiError::TooManyRequests { .. } => self.error_too_many_requests.to_owned(),
            ApiError::Network(_) | ApiError::Server(_) => self.error_unreachable.to_owned(),
            ApiError::InvalidResponse(_) => self.error_unreadable_answer.to_owned(),
            ApiError::Unexpected(problem) => (self.error_unexpected)(problem.status),
        }
    }

    /// What to tell a person whose sign-in failed; a 401 here means wrong credentials.
    pub fn sign_in_error(&self, error: &ApiError) -> String {
        match error {
            ApiError::Unauthorized { .. } => self.error_invalid_credentials.to_owned(),
            ApiError::TooManyRequests { .. } => self.error_too_many_sign_in_attempts.to_owned(),
            other => self.api_error(other),
        }
    }
}
