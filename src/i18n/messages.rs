//! The catalog type: one field per string the app shows.

use twostep_contract::{
    AdministratorsPolicy, PrimaryMethod, RequirementReason, Role, TechniciansPolicy,
};

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
    /// What the LastPass notification method asks of members.
    pub method_lastpass_notification_description: &'static str,
    /// What the authenticator app method asks of members.
    pub method_authenticator_app_description: &'static str,
    /// What the SMS method asks of members.
    pub method_sms_description: &'static str,
    /// What the email method asks of members.
    pub method_email_description: &'static str,
    /// The note under the authenticator app method: any TOTP app works.
    pub authenticator_app_note: &'static str,
    /// The note under the email method: old Technician Consoles cannot use it.
    pub email_note: &'static str,
    /// The word that introduces the important note, with its colon.
    pub important_label: &'static str,
    /// The important note: the dual-licence rule.
    pub important_note: &'static str,
    /// Under "Members of selected technician groups": which groups that means.
    pub selected_groups_explanation: &'static str,
    /// Under "Members of selected technician groups", when no group forces two-step verification.
    pub no_forced_groups: &'static str,
    /// A number of technicians, after a group's name.
    pub technician_count: fn(u64) -> String,
    /// The button that saves the policy form.
    pub save_changes: &'static str,
    /// The button that puts the saved values back in the policy form.
    pub discard_changes: &'static str,
    /// The status after the policy was saved.
    pub settings_applied: &'static str,
    /// The alert after someone else changed the policy meanwhile (412).
    pub policy_changed_meanwhile: &'static str,
    /// The heading of the impact panel.
    pub impact_heading: &'static str,
    /// The status while the impact is being computed.
    pub impact_updating: &'static str,
    /// Impact: members of the organization.
    pub impact_members_total: &'static str,
    /// Impact: members the candidate policy requires.
    pub impact_required: &'static str,
    /// Impact: required members who have not set up two-step verification.
    pub impact_required_not_enrolled: &'static str,
    /// Impact: members required now but not before.
    pub impact_newly_required: &'static str,
    /// Impact: members required before but not now.
    pub impact_no_longer_required: &'static str,
    /// Impact: setups a method change deletes.
    pub impact_enrollments_reset: &'static str,
    /// Impact: members who must set up again after a method change.
    pub impact_members_reset: &'static str,
    /// Impact: technicians whose Technician Console cannot use email.
    pub impact_legacy_console: &'static str,
    /// The title of the warning dialog before a method change.
    pub reset_dialog_title: &'static str,
    /// The warning dialog's text: the old method, the new one and, when the console knows it,
    /// how many members must set up two-step verification again (every member does).
    pub reset_dialog_text: fn(&str, &str, Option<u64>) -> String,
    /// The button that confirms a method change and the reset it causes.
    pub reset_dialog_confirm: &'static str,
    /// The button that closes a dialog without doing anything.
    pub cancel: &'static str,
    /// The question asked before leaving a page with unsaved changes.
    pub unsaved_changes_confirm: &'static str,
    /// The heading of a group page whose group could not be read.
    pub technician_group: &'static str,
    /// A group that does not exist or that the person may not see.
    pub group_not_found: &'static str,
    /// Whether a group forces two-step verification.
    pub force_two_step_state: fn(bool) -> String,
    /// The accessible name of the tree of the organization's groups.
    pub organization: &'static str,
    /// The label of the tree's search box.
    pub search_groups: &'static str,
    /// The status when a search of the tree finds nothing.
    pub no_group_matches: fn(&str) -> String,
    /// The badge of a group whose technicians must use two-step verification (shown).
    pub badge_required: &'static str,
    /// That badge as screen readers read it.
    pub badge_required_text: &'static str,
    /// How many of a group's technicians have not set up two-step verification.
    pub not_set_up_count: fn(u64) -> String,
    /// The accessible name of a group's tabs.
    pub group_sections: &'static str,
    /// The Settings tab of a group.
    pub settings_tab: &'static str,
    /// The checkbox of a group's Settings tab.
    pub force_two_step: &'static str,
    /// The status after a group's settings were saved.
    pub group_settings_applied: &'static str,
    /// The alert after someone else changed the group meanwhile (412).
    pub group_changed_meanwhile: &'static str,
    /// The note when the technicians setting of Global Settings makes the checkbox inert.
    pub force_two_step_inactive: &'static str,
    /// The link from that note to Global Settings.
    pub open_global_settings: &'static str,
    /// What saving a ticked checkbox does, for a number of technicians.
    pub group_impact_require: fn(u64) -> String,
    /// What saving an unticked checkbox does, for a number of technicians.
    pub group_impact_release: fn(u64) -> String,
    /// The heading of the page shown for an unknown address.
    pub not_found_heading: &'static str,
    /// The explanation under that heading.
    pub not_found_text: &'static str,
    /// The link back from the not-found page.
    pub go_to_admin_center: &'static str,
    /// The Members tab, its heading and its table's caption.
    pub members: &'static str,
    /// The Audit log tab, its heading and its table's caption.
    pub audit_log: &'static str,
    /// What a non-master administrator sees on the audit log's address.
    pub audit_log_master_only: &'static str,
    /// The accessible name of the members' filters.
    pub filter_members: &'static str,
    /// The label of the members' search box.
    pub search_members: &'static str,
    /// The role filter.
    pub role: &'static str,
    /// Role filter: no role chosen.
    pub any_role: &'static str,
    /// Role filter: master administrators.
    pub master_administrators: &'static str,
    /// The group filter, and the Group column.
    pub group: &'static str,
    /// Group filter: no group chosen.
    pub all_groups: &'static str,
    /// Requirement filter: either.
    pub required_or_not: &'static str,
    /// A member the policy requires to use two-step verification.
    pub required: &'static str,
    /// A member the policy does not require to use it.
    pub not_required: &'static str,
    /// The set-up filter and column, and a member who has set it up.
    pub set_up: &'static str,
    /// Set-up filter: either.
    pub set_up_or_not: &'static str,
    /// A member who has not set it up.
    pub not_set_up: &'static str,
    /// The shortcut to the required members who have not set it up.
    pub required_not_set_up: &'static str,
    /// The button that removes every filter.
    pub clear_filters: &'static str,
    /// The members' status line: first and last shown, and how many match.
    pub members_showing: fn(u64, u64, u64) -> String,
    /// The members' status line when none match.
    pub no_members_match: &'static str,
    /// The status line of a page past the end of a list.
    pub page_past_end: &'static str,
    /// The button that opens the reset dialog.
    pub force_reset: &'static str,
    /// How many members are selected.
    pub selected_count: fn(u64) -> String,
    /// The link that downloads the list as CSV.
    pub export_csv: &'static str,
    /// The Name column.
    pub name: &'static str,
    /// The Roles column.
    pub roles: &'static str,
    /// The Method column.
    pub method: &'static str,
    /// The Set up on column.
    pub set_up_on: &'static str,
    /// The Technician Console column.
    pub technician_console: &'static str,
    /// The header checkbox of the members table.
    pub select_all_members: &'static str,
    /// A row checkbox of the members table.
    pub select_member: fn(&str) -> String,
    /// Why a row checkbox of the members table is disabled for an administrator who is not a
    /// master administrator: the member holds an administrator licence.
    pub only_master_resets_administrators: &'static str,
    /// The master administrator role.
    pub role_master_administrator: &'static str,
    /// The administrator role.
    pub role_administrator: &'static str,
    /// The technician role.
    pub role_technician: &'static str,
    /// Why a member is required: the administrators setting.
    pub reason_administrator_policy: &'static str,
    /// Why a member is required: their group forces it.
    pub reason_group: fn(&str) -> String,
    /// The accessible name of a list's pagination.
    pub pages: &'static str,
    /// The link to the previous page.
    pub previous: &'static str,
    /// The link to the next page.
    pub next: &'static str,
    /// Which page of how many.
    pub page_of: fn(u32, u32) -> String,
    /// The title of the members' reset dialog.
    pub members_reset_title: &'static str,
    /// What the reset does, for a number of members.
    pub members_reset_text: fn(u64) -> String,
    /// The reset dialog's warning.
    pub members_reset_warning: &'static str,
    /// The button that confirms the reset.
    pub members_reset_confirm: &'static str,
    /// That button while the reset is sent.
    pub resetting: &'static str,
    /// The status after a reset, for a number of members.
    pub members_reset_done: fn(u64) -> String,
    /// The accessible name of the audit log's filters.
    pub filter_audit_log: &'static str,
    /// The kind-of-change filter.
    pub change: &'static str,
    /// Change filter: every kind.
    pub all_changes: &'static str,
    /// Change filter: the policy.
    pub policy_changes: &'static str,
    /// Change filter: group settings.
    pub group_settings_changes: &'static str,
    /// Change filter: resets of members.
    pub two_step_resets: &'static str,
    /// The person filter.
    pub person: &'static str,
    /// Person filter: anyone.
    pub anyone: &'static str,
    /// The audit log's status line: first and last shown, and how many match.
    pub changes_showing: fn(u64, u64, u64) -> String,
    /// The audit log's status line when none match.
    pub no_changes_match: &'static str,
    /// The When column.
    pub when: &'static str,
    /// The Who column.
    pub who: &'static str,
    /// The What column.
    pub what: &'static str,
    /// The Before column.
    pub before: &'static str,
    /// The After column.
    pub after: &'static str,
    /// Who made a change, when that member no longer exists.
    pub former_member: &'static str,
    /// What changed: the policy.
    pub audit_policy: &'static str,
    /// How many setups a policy change deleted.
    pub setups_reset: fn(u64) -> String,
    /// What changed: a group's "Force two-step verification".
    pub audit_force_two_step: fn(&str) -> String,
    /// A ticked setting.
    pub on: &'static str,
    /// A cleared setting.
    pub off: &'static str,
    /// What changed: a member's reset.
    pub audit_reset: fn(&str) -> String,
    /// A member's state before a reset: set up with a method.
    pub set_up_with: fn(&str) -> String,
    /// A setting and its value, such as "Technicians: All technicians".
    pub setting_value: fn(&str, &str) -> String,
    /// The button that repeats a failed read.
    pub try_again: &'static str,
    /// Sign-in refused: wrong email or password.
    pub error_invalid_credentials: &'static str,
    /// Sign-in refused: too many attempts, with the seconds to wait when known.
    pub error_too_many_sign_in_attempts: fn(Option<u32>) -> String,
    /// Any other request refused for too many attempts, with the seconds to wait when known.
    pub error_too_many_requests: fn(Option<u32>) -> String,
    /// The server is busy, with the seconds to wait when known; nothing was changed.
    pub error_busy: fn(Option<u32>) -> String,
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
    /// A write was sent without the revision it replaces.
    pub error_precondition_required: &'static str,
    /// An answer the app does not understand.
    pub error_unreadable_answer: &'static str,
    /// Any other error answer, by status code.
    pub error_unexpected: fn(u16) -> String,
    /// The header link to the signed-in person's own account, and that page's heading.
    pub my_account: &'static str,
    /// The heading of the second step when a method must be set up.
    pub second_step_set_up_heading: &'static str,
    /// The heading of the second step when signing in with the method set up.
    pub second_step_verify_heading: &'static str,
    /// The heading of the second step that confirms a password change.
    pub second_step_password_heading: &'static str,
    /// The heading of My account's change of method.
    pub change_method_heading: &'static str,
    /// What setting up asks of the person, above the method choice.
    pub second_step_set_up_intro: &'static str,
    /// The legend of the method choice.
    pub verification_method: &'static str,
    /// The label of the phone number field (SMS set-up).
    pub phone_number: &'static str,
    /// The hint under the phone number field.
    pub phone_number_hint: &'static str,
    /// The button that starts the chosen method.
    pub continue_label: &'static str,
    /// The instructions of an authenticator app set-up.
    pub authenticator_set_up_text: &'static str,
    /// The accessible name of the QR code.
    pub qr_code_label: &'static str,
    /// The label before the key as text.
    pub key_label: &'static str,
    /// What to do with an authenticator app that is already set up.
    pub code_from_app: &'static str,
    /// Where a code was sent, and how long it works.
    pub code_sent_to: fn(&str) -> String,
    /// While the code is being sent.
    pub code_sending: &'static str,
    /// The label of the code field.
    pub code_label: &'static str,
    /// The button that sends a code.
    pub verify: &'static str,
    /// That button while the code is checked.
    pub verifying: &'static str,
    /// The button that sends a new code (or notification).
    pub resend_code: &'static str,
    /// That button while it must wait, with the seconds left.
    pub resend_code_in: fn(u32) -> String,
    /// The button that switches to a recovery code.
    pub use_recovery_code: &'static str,
    /// The button that goes back to the method choice (set up) or to a recovery code (verify).
    pub other_method: &'static str,
    /// Its text when verifying: another way in.
    pub other_way: &'static str,
    /// The button that goes back from the recovery code to the method set up.
    pub use_method_instead: &'static str,
    /// The label of the recovery code field.
    pub recovery_code: &'static str,
    /// The hint under the recovery code field.
    pub recovery_code_hint: &'static str,
    /// While a notification waits for approval on the phone; where it was sent.
    pub approve_on_phone: fn(Option<&str>) -> String,
    /// The heading above the recovery codes, shown once.
    pub recovery_codes_heading: &'static str,
    /// What the recovery codes are for.
    pub recovery_codes_text: &'static str,
    /// The button that continues once the codes are saved.
    pub recovery_codes_done: &'static str,
    /// My account: the person is required to use two-step verification.
    pub account_required: &'static str,
    /// My account: the person is not required to use it.
    pub account_not_required: &'static str,
    /// My account: the label of the unused recovery codes.
    pub recovery_codes_left: &'static str,
    /// My account: the button that sets up two-step verification.
    pub set_up_two_step: &'static str,
    /// My account: the button that changes the method.
    pub change_method: &'static str,
    /// My account: the status after a set-up, with the method.
    pub two_step_set_up_done: fn(&str) -> String,
    /// My account: the button that replaces the recovery codes.
    pub regenerate_codes: &'static str,
    /// The title of the dialog before replacing the recovery codes.
    pub regenerate_codes_title: &'static str,
    /// That dialog's text.
    pub regenerate_codes_text: &'static str,
    /// That dialog's danger button.
    pub regenerate_codes_confirm: &'static str,
    /// That button while the codes are replaced.
    pub regenerating: &'static str,
    /// The heading of the password form.
    pub change_password_heading: &'static str,
    /// The current password field.
    pub current_password: &'static str,
    /// The new password field.
    pub new_password: &'static str,
    /// The hint under the new password field, with the fewest characters.
    pub new_password_hint: fn(usize) -> String,
    /// The field that repeats the new password.
    pub confirm_password: &'static str,
    /// The button that changes the password.
    pub change_password: &'static str,
    /// That button while the change is sent.
    pub changing_password: &'static str,
    /// The new password is too short, with the fewest characters.
    pub password_too_short: fn(usize) -> String,
    /// The new password is too long, with the most characters.
    pub password_too_long: fn(usize) -> String,
    /// The two new passwords differ.
    pub passwords_differ: &'static str,
    /// The status after the password changed.
    pub password_changed: &'static str,
    /// The heading of My account's sessions section.
    pub sessions_heading: &'static str,
    /// What signing out everywhere does, under that heading.
    pub sessions_text: &'static str,
    /// The button that signs out of every session.
    pub sign_out_everywhere: &'static str,
    /// The title of the dialog before signing out everywhere.
    pub sign_out_everywhere_title: &'static str,
    /// That dialog's text.
    pub sign_out_everywhere_text: &'static str,
    /// That dialog's danger button while the sessions end.
    pub signing_out: &'static str,
    /// The sign-in page's status after signing out everywhere.
    pub signed_out_everywhere: &'static str,
    /// Change filter: set-ups and method changes.
    pub two_step_setups: &'static str,
    /// Change filter: recovery codes replaced.
    pub recovery_code_changes: &'static str,
    /// Change filter: password changes.
    pub password_changes: &'static str,
    /// What changed: a member set up two-step verification, with the method.
    pub audit_set_up: fn(&str) -> String,
    /// What changed: a member changed their method, from one to another.
    pub audit_method_changed: fn(&str, &str) -> String,
    /// What changed: a member replaced their recovery codes.
    pub audit_recovery_codes: &'static str,
    /// What changed: a member changed their password.
    pub audit_password_changed: &'static str,
    /// A code was wrong, with the tries left when known.
    pub error_wrong_code: fn(Option<u32>) -> String,
    /// The code sent has expired.
    pub error_code_expired: &'static str,
    /// Too many wrong codes: the second step ended.
    pub error_too_many_attempts: &'static str,
    /// The second step took too long and ended.
    pub error_second_step_expired: &'static str,
    /// A code was sent moments ago, with the seconds to wait when known.
    pub error_resend_too_soon: fn(Option<u32>) -> String,
    /// The notification was denied on the phone.
    pub error_approval_denied: &'static str,
    /// A code was sent before a method was started.
    pub error_start_required: &'static str,
    /// Regenerating recovery codes without a setup.
    pub error_not_set_up: &'static str,
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

    /// The one-line description of a primary verification method.
    pub fn primary_method_description(&self, value: PrimaryMethod) -> &'static str {
        match value {
            PrimaryMethod::LastpassNotification => self.method_lastpass_notification_description,
            PrimaryMethod::AuthenticatorApp => self.method_authenticator_app_description,
            PrimaryMethod::Sms => self.method_sms_description,
            PrimaryMethod::Email => self.method_email_description,
        }
    }

    /// The note under a primary verification method, for the methods that have one.
    pub fn primary_method_note(&self, value: PrimaryMethod) -> Option<&'static str> {
        match value {
            PrimaryMethod::AuthenticatorApp => Some(self.authenticator_app_note),
            PrimaryMethod::Email => Some(self.email_note),
            PrimaryMethod::LastpassNotification | PrimaryMethod::Sms => None,
        }
    }

    /// The name of a role, as the members table shows it.
    pub fn role_name(&self, role: Role) -> &'static str {
        match role {
            Role::MasterAdministrator => self.role_master_administrator,
            Role::Administrator => self.role_administrator,
            Role::Technician => self.role_technician,
        }
    }

    /// Why a member must use two-step verification; `group` names their group.
    pub fn reason(&self, reason: RequirementReason, group: &str) -> String {
        match reason {
            RequirementReason::AdministratorPolicy => self.reason_administrator_policy.to_owned(),
            RequirementReason::AllTechnicians => self.technicians_all.to_owned(),
            RequirementReason::Group => (self.reason_group)(group),
        }
    }

    /// What to tell a person about a failed request: what happened and what to do next, in
    /// the console's own words. A server's `detail` is never put in their place (it may be in
    /// another language); [`crate::ui::ErrorAlert`] shows it under this message.
    pub fn api_error(&self, error: &ApiError) -> String {
        match error {
            ApiError::Unauthorized { .. } => self.error_session_ended.to_owned(),
            ApiError::Forbidden { .. } => self.error_forbidden.to_owned(),
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
            ApiError::PreconditionRequired(_) => self.error_precondition_required.to_owned(),
            ApiError::TooManyRequests { retry_after_seconds } => {
                (self.error_too_many_requests)(*retry_after_seconds)
            }
            ApiError::Busy { retry_after_seconds } => (self.error_busy)(*retry_after_seconds),
            ApiError::Network(_) | ApiError::Server(_) => self.error_unreachable.to_owned(),
            ApiError::InvalidResponse(_) => self.error_unreadable_answer.to_owned(),
            ApiError::Unexpected(problem) => (self.error_unexpected)(problem.status),
            ApiError::WrongCode { attempts_left } => (self.error_wrong_code)(*attempts_left),
            ApiError::CodeExpired => self.error_code_expired.to_owned(),
            ApiError::TooManyAttempts { .. } => self.error_too_many_attempts.to_owned(),
            ApiError::SecondStepExpired => self.error_second_step_expired.to_owned(),
            ApiError::ResendTooSoon { retry_after_seconds } => {
                (self.error_resend_too_soon)(*retry_after_seconds)
            }
            // Only while waiting for an approval, which the console keeps doing.
            ApiError::ApprovalPending => self.loading.to_owned(),
            ApiError::ApprovalDenied => self.error_approval_denied.to_owned(),
            ApiError::StartRequired => self.error_start_required.to_owned(),
            ApiError::NotSetUp => self.error_not_set_up.to_owned(),
        }
    }

    /// What to tell a person whose sign-in failed; a 401 here means wrong credentials.
    pub fn sign_in_error(&self, error: &ApiError) -> String {
        match error {
            ApiError::Unauthorized { .. } => self.error_invalid_credentials.to_owned(),
            ApiError::TooManyRequests { retry_after_seconds } => {
                (self.error_too_many_sign_in_attempts)(*retry_after_seconds)
            }
            other => self.api_error(other),
        }
    }
}

/// `n` with its digits grouped by threes with `separator`: 1234567 as "1,234,567".
pub fn group_digits(n: u64, separator: &str) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push_str(separator);
        }
        grouped.push(digit);
    }
    grouped
}
