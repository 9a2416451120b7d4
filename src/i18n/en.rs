//! English.

use super::Messages;
use super::messages::group_digits;

/// A number as English writes it: 1,234.
fn n(value: u64) -> String {
    group_digits(value, ",")
}

/// How long to wait, from a Retry-After in seconds: "30 seconds", "1 minute", "15 minutes";
/// "a few minutes" when the server did not say.
fn wait(seconds: Option<u32>) -> String {
    match seconds {
        None => "a few minutes".to_owned(),
        Some(1) => "1 second".to_owned(),
        Some(s) if s < 60 => format!("{s} seconds"),
        Some(s) => match s.div_ceil(60) {
            1 => "1 minute".to_owned(),
            minutes => format!("{minutes} minutes"),
        },
    }
}

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
    method_lastpass_notification_description: "Members approve each sign-in with a notification \
                                               from the LastPass Authenticator app.",
    method_authenticator_app_description: "Members enter a code from an authenticator app on \
                                           their phone.",
    method_sms_description: "Members enter a code sent to their mobile phone by text message.",
    method_email_description: "Members enter a code sent to their email address.",
    authenticator_app_note: "Any TOTP authenticator app works; the setup screen shows Google \
                             Authenticator only as an example.",
    email_note: "Technician Console 7.50.3572 and earlier do not support email verification and \
                 ignore the primary method: they offer LastPass Authenticator app notification \
                 first, then any other authenticator app, then SMS verification.",
    important_label: "Important:",
    important_note: "an administrator who also holds a technician licence must use two-step \
                     verification if these settings apply to them as administrator or as \
                     technician.",
    selected_groups_explanation: "Two-step verification then applies to the technicians of the \
                                  groups whose Settings tab has “Force two-step \
                                  verification” ticked:",
    no_forced_groups: "No technician group has “Force two-step verification” ticked \
                       yet.",
    technician_count: |count| match count {
        1 => "1 technician".to_owned(),
        count => format!("{count} technicians"),
    },
    save_changes: "Save changes",
    discard_changes: "Discard changes",
    settings_applied: "Settings applied to the selected users of your organization.",
    policy_changed_meanwhile: "Someone else changed these settings while you were editing. \
                               Their settings are listed below; your choices are still in the \
                               form. Save changes applies your choices over theirs; Discard \
                               changes shows theirs.",
    impact_heading: "Impact of these settings",
    impact_updating: "Updating the impact…",
    impact_members_total: "Members in the organization",
    impact_required: "Required to use two-step verification",
    impact_required_not_enrolled: "Required but not set up yet",
    impact_newly_required: "Newly required",
    impact_no_longer_required: "No longer required",
    impact_enrollments_reset: "Two-step verification setups reset by the method change",
    impact_members_reset: "Members who must set up two-step verification again",
    impact_legacy_console: "Technicians on Technician Console 7.50.3572 or earlier (cannot use \
                            email)",
    reset_dialog_title: "Reset two-step verification for everyone?",
    reset_dialog_text: |old, new, members| {
        let who = match members {
            Some(1) => "The only member of your organization".to_owned(),
            Some(members) => format!("All {members} members of your organization"),
            None => "Every member of your organization".to_owned(),
        };
        format!(
            "You are changing the primary verification method from {old} to {new}. {who} must \
             set up two-step verification again at their next sign-in."
        )
    },
    reset_dialog_confirm: "Change method and reset",
    cancel: "Cancel",
    unsaved_changes_confirm: "You have unsaved changes. Leave this page without saving them?",
    technician_group: "Technician group",
    group_not_found: "This technician group does not exist or you cannot see it.",
    force_two_step_state: |on| {
        format!("Force two-step verification: {}", if on { "On" } else { "Off" })
    },
    organization: "Organization",
    search_groups: "Search groups",
    no_group_matches: |query| format!("No group matches “{query}”."),
    badge_required: "2SV",
    badge_required_text: "Two-step verification required",
    not_set_up_count: |count| format!("{count} not set up"),
    group_sections: "Group sections",
    settings_tab: "Settings",
    force_two_step: "Force two-step verification",
    group_settings_applied: "Settings applied to the technicians of this group.",
    group_changed_meanwhile: "Someone else changed this group's settings while you were \
                              editing. Their setting is shown below; your choice is still in \
                              the form. Save changes applies your choice over theirs; Discard \
                              changes shows theirs.",
    force_two_step_inactive: "This setting has no effect until Global Settings › Technicians \
                              is set to “Members of selected technician groups”.",
    open_global_settings: "Open Global Settings",
    group_impact_require: |count| {
        let technicians = if count == 1 { "technician" } else { "technicians" };
        format!(
            "Saving will require {count} {technicians} of this group to use two-step \
             verification."
        )
    },
    group_impact_release: |count| {
        let technicians = if count == 1 { "technician" } else { "technicians" };
        format!(
            "Saving will release {count} {technicians} of this group from two-step verification."
        )
    },
    not_found_heading: "Page not found",
    not_found_text: "There is no page at this address. It may have moved, or the link may be \
                     mistyped.",
    go_to_admin_center: "Go to the Admin Center",
    members: "Members",
    audit_log: "Audit log",
    audit_log_master_only: "Only master administrators can see the audit log.",
    filter_members: "Filter members",
    search_members: "Search by name or email",
    role: "Role",
    any_role: "Any role",
    master_administrators: "Master administrators",
    group: "Group",
    all_groups: "All groups",
    required_or_not: "Required or not",
    required: "Required",
    not_required: "Not required",
    set_up: "Set up",
    set_up_or_not: "Set up or not",
    not_set_up: "Not set up",
    required_not_set_up: "Required but not set up",
    clear_filters: "Clear filters",
    members_showing: |from, to, total| {
        format!("Showing {}–{} of {} members", n(from), n(to), n(total))
    },
    no_members_match: "No members match these filters.",
    page_past_end: "There is nothing on this page. Go back to the previous pages.",
    force_reset: "Force two-step verification reset",
    selected_count: |count| format!("{} selected", n(count)),
    export_csv: "Export CSV",
    name: "Name",
    roles: "Roles",
    method: "Method",
    set_up_on: "Set up on",
    technician_console: "Technician Console",
    select_all_members: "Select all members on this page",
    select_member: |name| format!("Select {name}"),
    only_master_resets_administrators: "Only master administrators can reset an administrator's \
                                        two-step verification.",
    role_master_administrator: "Master administrator",
    role_administrator: "Administrator",
    role_technician: "Technician",
    reason_administrator_policy: "Administrator policy",
    reason_group: |group| format!("Group {group}"),
    pages: "Pages",
    previous: "Previous",
    next: "Next",
    page_of: |page, pages| format!("Page {} of {}", n(page.into()), n(pages.into())),
    members_reset_title: "Force two-step verification reset?",
    members_reset_text: |count| match count {
        1 => "1 member must set up two-step verification again at their next sign-in.".to_owned(),
        count => format!(
            "{} members must set up two-step verification again at their next sign-in.",
            n(count)
        ),
    },
    members_reset_warning: "Their current setups are deleted. This cannot be undone.",
    members_reset_confirm: "Reset two-step verification",
    resetting: "Resetting…",
    members_reset_done: |count| match count {
        1 => "Two-step verification was reset for 1 member.".to_owned(),
        count => format!("Two-step verification was reset for {} members.", n(count)),
    },
    filter_audit_log: "Filter the audit log",
    change: "Change",
    all_changes: "All changes",
    policy_changes: "Policy changes",
    group_settings_changes: "Group settings changes",
    two_step_resets: "Two-step verification resets",
    person: "Person",
    anyone: "Anyone",
    changes_showing: |from, to, total| {
        format!("Showing {}–{} of {} changes", n(from), n(to), n(total))
    },
    no_changes_match: "No changes match these filters.",
    when: "When",
    who: "Who",
    what: "What",
    before: "Before",
    after: "After",
    former_member: "A former member",
    audit_policy: "Two-step verification policy",
    setups_reset: |count| match count {
        1 => "1 setup reset".to_owned(),
        count => format!("{} setups reset", n(count)),
    },
    audit_force_two_step: |group| format!("Force two-step verification: {group}"),
    on: "On",
    off: "Off",
    audit_reset: |member| format!("Two-step verification reset: {member}"),
    set_up_with: |method| format!("Set up ({method})"),
    setting_value: |setting, value| format!("{setting}: {value}"),
    try_again: "Try again",
    error_invalid_credentials: "The email or password is incorrect. Check them and try again.",
    error_too_many_sign_in_attempts: |seconds| {
        format!("Too many sign-in attempts. Wait {}, then try again.", wait(seconds))
    },
    error_too_many_requests: |seconds| {
        format!("Too many requests. Wait {}, then try again.", wait(seconds))
    },
    error_busy: |seconds| {
        format!(
            "The server is busy and nothing was changed. Wait {}, then try again.",
            match seconds {
                Some(_) => wait(seconds),
                None => "a few seconds".to_owned(),
            }
        )
    },
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
    error_precondition_required: "The server needs to know which version of the settings you \
                                  changed. Reload the page, then make your changes again.",
    error_unreadable_answer: "The server sent an answer Twostep Admin cannot read. Try again; if \
                              it keeps happening, contact your administrator.",
    error_unexpected: |status| {
        format!(
            "Something went wrong (error {status}). Try again; if it keeps happening, contact \
             your administrator."
        )
    },
    my_account: "My account",
    second_step_set_up_heading: "Set up two-step verification",
    second_step_verify_heading: "Two-step verification",
    second_step_password_heading: "Confirm it is you",
    change_method_heading: "Change your verification method",
    second_step_set_up_intro: "Choose how you will confirm that it is you when you sign in.",
    verification_method: "Verification method",
    phone_number: "Mobile phone number",
    phone_number_hint: "In international form, starting with + and the country code, such as \
                        +44 7700 900123.",
    continue_label: "Continue",
    authenticator_set_up_text: "Scan this QR code with your authenticator app, or type the key \
                                into it. Then enter the 6-digit code the app shows.",
    qr_code_label: "QR code of your key",
    key_label: "Key:",
    code_from_app: "Enter the 6-digit code your authenticator app shows.",
    code_sent_to: |to| format!("We sent a 6-digit code to {to}. It works for 10 minutes."),
    code_sending: "Sending a code…",
    code_label: "6-digit code",
    verify: "Verify",
    verifying: "Verifying…",
    resend_code: "Send a new code",
    resend_code_in: |seconds| format!("Send a new code in {seconds} s"),
    use_recovery_code: "Use a recovery code",
    other_method: "Choose another method",
    other_way: "Sign in another way",
    use_method_instead: "Use my verification method instead",
    recovery_code: "Recovery code",
    recovery_code_hint: "One of the codes you saved when you set up two-step verification. \
                         Each code works once.",
    approve_on_phone: |to| match to {
        Some(to) => format!(
            "Approve the request in the LastPass Authenticator app on your phone ({to}). This \
             page goes on by itself once you approve."
        ),
        None => "Approve the request in the LastPass Authenticator app on your phone. This page \
                 goes on by itself once you approve."
            .to_owned(),
    },
    recovery_codes_heading: "Save your recovery codes",
    recovery_codes_text: "If you lose your phone, each of these codes lets you in once. Keep them \
                          somewhere safe: they will not be shown again.",
    recovery_codes_done: "I have saved these codes",
    account_required: "Your organization requires you to use two-step verification.",
    account_not_required: "Your organization does not require two-step verification; you may \
                           still set it up.",
    recovery_codes_left: "Unused recovery codes",
    set_up_two_step: "Set up two-step verification",
    change_method: "Change method",
    two_step_set_up_done: |method| format!("Two-step verification is set up: {method}."),
    regenerate_codes: "Regenerate recovery codes",
    regenerate_codes_title: "Replace your recovery codes?",
    regenerate_codes_text: "Ten new codes replace your current ones, which stop working at once.",
    regenerate_codes_confirm: "Replace my recovery codes",
    regenerating: "Replacing…",
    change_password_heading: "Change your password",
    current_password: "Current password",
    new_password: "New password",
    new_password_hint: |min| format!("At least {min} characters."),
    confirm_password: "Confirm the new password",
    change_password: "Change password",
    changing_password: "Changing…",
    password_too_short: |min| format!("The new password needs at least {min} characters."),
    password_too_long: |max| format!("The new password can have at most {max} characters."),
    passwords_differ: "The two new passwords differ. Type the same password in both fields.",
    password_changed: "Your password was changed. Your other sessions were signed out.",
    sessions_heading: "Your sessions",
    sessions_text: "Signed in on a browser or device you no longer use, or do not recognise? \
                    Sign out everywhere ends every session of your account, this one included.",
    sign_out_everywhere: "Sign out everywhere",
    sign_out_everywhere_title: "Sign out everywhere?",
    sign_out_everywhere_text: "Every browser and device signed in to your account is signed \
                               out, this one included. You then sign in again here.",
    signing_out: "Signing out…",
    signed_out_everywhere: "You were signed out on every browser and device.",
    two_step_setups: "Two-step verification setups",
    recovery_code_changes: "Recovery codes regenerated",
    password_changes: "Password changes",
    audit_set_up: |method| format!("Set up {method}"),
    audit_method_changed: |before, after| format!("Changed from {before} to {after}"),
    audit_recovery_codes: "Regenerated recovery codes",
    audit_password_changed: "Changed password",
    error_wrong_code: |left| match left {
        Some(1) => "That code is not right. Check it and try again: 1 try left.".to_owned(),
        Some(left) => format!("That code is not right. Check it and try again: {left} tries left."),
        None => "That code is not right. Check it and try again.".to_owned(),
    },
    error_code_expired: "This code has expired. Send a new code, then enter it.",
    error_too_many_attempts: "Too many wrong codes. Enter your password again to start over.",
    error_second_step_expired: "Two-step verification took too long and has ended. Enter your \
                                password again to start over.",
    error_resend_too_soon: |seconds| match seconds {
        Some(seconds) => {
            format!("A code was sent moments ago. Wait {seconds} s, then send a new one.")
        }
        None => "A code was sent moments ago. Wait a little, then send a new one.".to_owned(),
    },
    error_approval_denied: "The request was denied on your phone. Enter your password again to \
                            start over.",
    error_start_required: "Choose a method and select Continue before entering a code.",
    error_not_set_up: "Set up two-step verification first; recovery codes come with it.",
};
