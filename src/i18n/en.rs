//! English.

use super::Messages;

/// The English catalog.
pub const EN: Messages = Messages {
    skip_to_main: "Skip to main content",
    language: "Language",
    loading: "Loading…",
    redirecting_to_sign_in: "Taking you to the sign-in page…",
    sign_in_heading: "Sign in to Twostep Admin",
    email: "Email",
    password: "Password",
    sign_in: "Sign in",
    signing_in: "Signing in…",
    sign_out: "Sign out",
    organization_tree: "Organization tree",
    organization_sections: "Organization sections",
    global_settings: "Global Settings",
    select_group_hint: "Select a technician group in the organization tree to manage it.",
    global_settings_master_only: "Only master administrators can see Global Settings.",
    two_step_heading: "Two-step verification",
    two_step_intro: "Select which members of the organization must use two-step verification \
                     when signing in to the website and the Technician Console, and when \
                     changing their password there.",
    administrators: "Administrators",
    administrators_none: "No administrators",
    administrators_all: "All administrators",
    technicians: "Technicians",
    technicians_none: "No technicians",
    technicians_all: "All technicians",
    technicians_selected_groups: "Members of selected technician groups",
    primary_method: "Primary verification method",
    method_lastpass_notification: "LastPass Authenticator app notification",
    method_authenticator_app: "Authenticator app",
    method_sms: "SMS verification",
    method_email: "Email verification",
    revision: |revision| format!("Revision {revision}"),
    not_found_heading: "Page not found",
    not_found_text: "There is no page at this address. It may have moved, or the link may be \
                     mistyped.",
    go_to_admin_center: "Go to the Admin Center",
    try_again: "Try again",
    error_invalid_credentials: "The email or password is incorrect. Check them and try again.",
    error_too_many_sign_in_attempts: "Too many sign-in attempts. Wait a few minutes, then try \
                                      again.",
    error_too_many_requests: "Too many requests. Wait a few minutes, then try again.",
    error_unreachable: "Twostep Admin cannot reach the server. Check your connection and try \
                        again.",
    error_session_ended: "Your session has ended. Sign in again to continue.",
    error_forbidden: "You are not allowed to do this. Ask a master administrator if you need \
                      access.",
    error_not_found: "This item no longer exists. Go back and choose another one.",
    error_validation: "Some values were not accepted. Correct them and try again:",
    error_conflict: "This change conflicts with the current settings. Reload the page and try \
                     again.",
    error_changed_meanwhile: "Someone else changed this in the meantime. Reload the page to see \
                              their changes, then make yours again.",
    error_unreadable_answer: "The server sent an answer Twostep Admin cannot read. Try again; if \
                              it keeps happening, contact your administrator.",
    error_unexpected: |status| {
        format!(
            "Something went wrong (error {status}). Try again; if it keeps happening, contact \
             your administrator."
        )
    },
};
