// The English catalog: every string the console shows, with what it is for. It is also the
// list of keys every other language must have (`i18n/<tag>.json`), checked by `build.rs`.
//
// `key: "…"` is a text; `key(a, b): "…{a}…{b}…"` fills in values; `key[count]: { one: …,
// other: … }` is chosen by the plural rules of the language.

catalog! {
    /// The link that jumps over the header to the page's main content.
    skip_to_main: "Skip to main content",
    /// The label of the language picker.
    language: "Language",
    /// The status shown while something loads.
    loading: "Loading…",
    /// The status shown while the browser is sent to another sign-in page.
    redirecting_to_sign_in: "Taking you to the sign-in page…",
    /// The heading of the sign-in page.
    sign_in_heading: "Sign in to Twostep Admin",
    /// The label of the email field.
    email: "Email",
    /// The label of the password field.
    password: "Password",
    /// The sign-in button.
    sign_in: "Sign in",
    /// The sign-in button while the request runs.
    signing_in: "Signing in…",
    /// The sign-out button.
    sign_out: "Sign out",
    /// The accessible name of the organization tree.
    organization_tree: "Organization tree",
    /// The accessible name of the organization's tabs.
    organization_sections: "Organization sections",
    /// The Global Settings tab.
    global_settings: "Global Settings",
    /// The text of the organization root when no tab applies.
    select_group_hint: "Select a technician group in the organization tree to manage it.",
    /// What a non-master administrator sees on the Global Settings address.
    global_settings_master_only: "Only master administrators can see Global Settings.",
    /// The heading of the two-step verification section.
    two_step_heading: "Two-step verification",
    /// The intro paragraph of the two-step verification section.
    two_step_intro: "Select which members of the organization must use two-step verification when signing in to the website and the Technician Console, and when changing their password there.",
    /// The administrators setting.
    administrators: "Administrators",
    /// Administrators = none.
    administrators_none: "No administrators",
    /// Administrators = all.
    administrators_all: "All administrators",
    /// The technicians setting.
    technicians: "Technicians",
    /// Technicians = none.
    technicians_none: "No technicians",
    /// Technicians = all.
    technicians_all: "All technicians",
    /// Technicians = selected groups.
    technicians_selected_groups: "Members of selected technician groups",
    /// The primary method setting.
    primary_method: "Primary verification method",
    /// The LastPass notification method.
    method_lastpass_notification: "LastPass Authenticator app notification",
    /// The authenticator app method.
    method_authenticator_app: "Authenticator app",
    /// The SMS method.
    method_sms: "SMS verification",
    /// The email method.
    method_email: "Email verification",
    /// The policy's revision number.
    revision(revision): "Revision {revision}",
    /// What the LastPass notification method asks of members.
    method_lastpass_notification_description: "Members approve each sign-in with a notification from the LastPass Authenticator app.",
    /// What the authenticator app method asks of members.
    method_authenticator_app_description: "Members enter a code from an authenticator app on their phone.",
    /// What the SMS method asks of members.
    method_sms_description: "Members enter a code sent to their mobile phone by text message.",
    /// What the email method asks of members.
    method_email_description: "Members enter a code sent to their email address.",
    /// The note under the authenticator app method: any TOTP app works.
    authenticator_app_note: "Any TOTP authenticator app works; the setup screen shows Google Authenticator only as an example.",
    /// The note under the email method: old Technician Consoles cannot use it.
    email_note: "Technician Console 7.50.3572 and earlier do not support email verification and ignore the primary method: they offer LastPass Authenticator app notification first, then any other authenticator app, then SMS verification.",
    /// The word that introduces the important note, with its colon.
    important_label: "Important:",
    /// The important note: the dual-licence rule.
    important_note: "an administrator who also holds a technician licence must use two-step verification if these settings apply to them as administrator or as technician.",
    /// Under "Members of selected technician groups": which groups that means.
    selected_groups_explanation: "Two-step verification then applies to the technicians of the groups whose Settings tab has “Force two-step verification” ticked:",
    /// Under "Members of selected technician groups", when no group forces two-step verification.
    no_forced_groups: "No technician group has “Force two-step verification” ticked yet.",
    /// A number of technicians, after a group's name.
    technician_count[count]: { one: "{count} technician", other: "{count} technicians" },
    /// The button that saves the policy form.
    save_changes: "Save changes",
    /// The button that puts the saved values back in the policy form.
    discard_changes: "Discard changes",
    /// The status after the policy was saved.
    settings_applied: "Settings applied to the selected users of your organization.",
    /// The alert after someone else changed the policy meanwhile (412).
    policy_changed_meanwhile: "Someone else changed these settings while you were editing. Their settings are listed below; your choices are still in the form. Save changes applies your choices over theirs; Discard changes shows theirs.",
    /// The heading of the impact panel.
    impact_heading: "Impact of these settings",
    /// The status while the impact is being computed.
    impact_updating: "Updating the impact…",
    /// Impact: members of the organization.
    impact_members_total: "Members in the organization",
    /// Impact: members the candidate policy requires.
    impact_required: "Required to use two-step verification",
    /// Impact: required members who have not set up two-step verification.
    impact_required_not_enrolled: "Required but not set up yet",
    /// Impact: members required now but not before.
    impact_newly_required: "Newly required",
    /// Impact: members required before but not now.
    impact_no_longer_required: "No longer required",
    /// Impact: setups a method change deletes.
    impact_enrollments_reset: "Two-step verification setups reset by the method change",
    /// Impact: members who must set up again after a method change.
    impact_members_reset: "Members who must set up two-step verification again",
    /// Impact: technicians whose Technician Console cannot use email.
    impact_legacy_console: "Technicians on Technician Console 7.50.3572 or earlier (cannot use email)",
    /// The title of the warning dialog before a method change.
    reset_dialog_title: "Reset two-step verification for everyone?",
    /// The warning dialog's text: the old method, the new one and how many members must set up
    /// two-step verification again (every member does), when there are several.
    reset_dialog_text[count](old, new): {
        one: "You are changing the primary verification method from {old} to {new}. All {count} members of your organization must set up two-step verification again at their next sign-in.",
        other: "You are changing the primary verification method from {old} to {new}. All {count} members of your organization must set up two-step verification again at their next sign-in.",
    },
    /// The warning dialog's text when the organization has exactly one member.
    reset_dialog_text_only_member(old, new): "You are changing the primary verification method from {old} to {new}. The only member of your organization must set up two-step verification again at their next sign-in.",
    /// The warning dialog's text while the number of members is not known yet.
    reset_dialog_text_every_member(old, new): "You are changing the primary verification method from {old} to {new}. Every member of your organization must set up two-step verification again at their next sign-in.",
    /// The button that confirms a method change and the reset it causes.
    reset_dialog_confirm: "Change method and reset",
    /// The button that closes a dialog without doing anything.
    cancel: "Cancel",
    /// The question asked before leaving a page with unsaved changes.
    unsaved_changes_confirm: "You have unsaved changes. Leave this page without saving them?",
    /// The heading of a group page whose group could not be read.
    technician_group: "Technician group",
    /// A group that does not exist or that the person may not see.
    group_not_found: "This technician group does not exist or you cannot see it.",
    /// A group's setting as the tree's details show it, when on.
    force_two_step_on: "Force two-step verification: On",
    /// A group's setting as the tree's details show it, when off.
    force_two_step_off: "Force two-step verification: Off",
    /// The accessible name of the tree of the organization's groups.
    organization: "Organization",
    /// The label of the tree's search box.
    search_groups: "Search groups",
    /// The status when a search of the tree finds nothing.
    no_group_matches(query): "No group matches “{query}”.",
    /// The badge of a group whose technicians must use two-step verification (shown).
    badge_required: "2SV",
    /// That badge as screen readers read it.
    badge_required_text: "Two-step verification required",
    /// How many of a group's technicians have not set up two-step verification.
    not_set_up_count[count]: { one: "{count} not set up", other: "{count} not set up" },
    /// The accessible name of a group's tabs.
    group_sections: "Group sections",
    /// The Settings tab of a group.
    settings_tab: "Settings",
    /// The checkbox of a group's Settings tab.
    force_two_step: "Force two-step verification",
    /// The status after a group's settings were saved.
    group_settings_applied: "Settings applied to the technicians of this group.",
    /// The alert after someone else changed the group meanwhile (412).
    group_changed_meanwhile: "Someone else changed this group's settings while you were editing. Their setting is shown below; your choice is still in the form. Save changes applies your choice over theirs; Discard changes shows theirs.",
    /// The note when the technicians setting of Global Settings makes the checkbox inert.
    force_two_step_inactive: "This setting has no effect until Global Settings › Technicians is set to “Members of selected technician groups”.",
    /// The link from that note to Global Settings.
    open_global_settings: "Open Global Settings",
    /// What saving a ticked checkbox does, for a number of technicians.
    group_impact_require[count]: { one: "Saving will require {count} technician of this group to use two-step verification.", other: "Saving will require {count} technicians of this group to use two-step verification." },
    /// What saving an unticked checkbox does, for a number of technicians.
    group_impact_release[count]: { one: "Saving will release {count} technician of this group from two-step verification.", other: "Saving will release {count} technicians of this group from two-step verification." },
    /// The heading of the page shown for an unknown address.
    not_found_heading: "Page not found",
    /// The explanation under that heading.
    not_found_text: "There is no page at this address. It may have moved, or the link may be mistyped.",
    /// The link back from the not-found page.
    go_to_admin_center: "Go to the Admin Center",
    /// The Members tab, its heading and its table's caption.
    members: "Members",
    /// The Audit log tab, its heading and its table's caption.
    audit_log: "Audit log",
    /// What a non-master administrator sees on the audit log's address.
    audit_log_master_only: "Only master administrators can see the audit log.",
    /// The accessible name of the members' filters.
    filter_members: "Filter members",
    /// The label of the members' search box.
    search_members: "Search by name or email",
    /// The role filter.
    role: "Role",
    /// Role filter: no role chosen.
    any_role: "Any role",
    /// Role filter: master administrators.
    master_administrators: "Master administrators",
    /// The group filter, and the Group column.
    group: "Group",
    /// Group filter: no group chosen.
    all_groups: "All groups",
    /// Requirement filter: either.
    required_or_not: "Required or not",
    /// A member the policy requires to use two-step verification.
    required: "Required",
    /// A member the policy does not require to use it.
    not_required: "Not required",
    /// The set-up filter and column, and a member who has set it up.
    set_up: "Set up",
    /// Set-up filter: either.
    set_up_or_not: "Set up or not",
    /// A member who has not set it up.
    not_set_up: "Not set up",
    /// The shortcut to the required members who have not set it up.
    required_not_set_up: "Required but not set up",
    /// The button that removes every filter.
    clear_filters: "Clear filters",
    /// The members' status line: first and last shown, and how many match.
    members_showing[total](from, to): { one: "Showing {from}–{to} of {total} member", other: "Showing {from}–{to} of {total} members" },
    /// The members' status line when none match.
    no_members_match: "No members match these filters.",
    /// The status line of a page past the end of a list.
    page_past_end: "There is nothing on this page. Go back to the previous pages.",
    /// The button that opens the reset dialog.
    force_reset: "Force two-step verification reset",
    /// How many members are selected.
    selected_count[count]: { one: "{count} selected", other: "{count} selected" },
    /// The link that downloads the list as CSV.
    export_csv: "Export CSV",
    /// The Name column.
    name: "Name",
    /// The Roles column.
    roles: "Roles",
    /// The Method column.
    method: "Method",
    /// The Set up on column.
    set_up_on: "Set up on",
    /// The Technician Console column.
    technician_console: "Technician Console",
    /// The header checkbox of the members table.
    select_all_members: "Select all members on this page",
    /// A row checkbox of the members table.
    select_member(name): "Select {name}",
    /// Why a row checkbox of the members table is disabled for an administrator who is not a
    /// master administrator: the member holds an administrator licence.
    only_master_resets_administrators: "Only master administrators can reset an administrator's two-step verification.",
    /// The master administrator role.
    role_master_administrator: "Master administrator",
    /// The administrator role.
    role_administrator: "Administrator",
    /// The technician role.
    role_technician: "Technician",
    /// Why a member is required: the administrators setting.
    reason_administrator_policy: "Administrator policy",
    /// Why a member is required: their group forces it.
    reason_group(group): "Group {group}",
    /// The accessible name of a list's pagination.
    pages: "Pages",
    /// The link to the previous page.
    previous: "Previous",
    /// The link to the next page.
    next: "Next",
    /// Which page of how many.
    page_of(page, pages): "Page {page} of {pages}",
    /// The title of the members' reset dialog.
    members_reset_title: "Force two-step verification reset?",
    /// What the reset does, for a number of members.
    members_reset_text[count]: { one: "{count} member must set up two-step verification again at their next sign-in.", other: "{count} members must set up two-step verification again at their next sign-in." },
    /// The reset dialog's warning.
    members_reset_warning: "Their current setups are deleted. This cannot be undone.",
    /// The button that confirms the reset.
    members_reset_confirm: "Reset two-step verification",
    /// That button while the reset is sent.
    resetting: "Resetting…",
    /// The status after a reset, for a number of members.
    members_reset_done[count]: { one: "Two-step verification was reset for {count} member.", other: "Two-step verification was reset for {count} members." },
    /// The accessible name of the audit log's filters.
    filter_audit_log: "Filter the audit log",
    /// The kind-of-change filter.
    change: "Change",
    /// Change filter: every kind.
    all_changes: "All changes",
    /// Change filter: the policy.
    policy_changes: "Policy changes",
    /// Change filter: group settings.
    group_settings_changes: "Group settings changes",
    /// Change filter: resets of members.
    two_step_resets: "Two-step verification resets",
    /// The person filter.
    person: "Person",
    /// Person filter: anyone.
    anyone: "Anyone",
    /// The audit log's status line: first and last shown, and how many match.
    changes_showing[total](from, to): { one: "Showing {from}–{to} of {total} change", other: "Showing {from}–{to} of {total} changes" },
    /// The audit log's status line when none match.
    no_changes_match: "No changes match these filters.",
    /// The When column.
    when: "When",
    /// The Who column.
    who: "Who",
    /// The What column.
    what: "What",
    /// The Before column.
    before: "Before",
    /// The After column.
    after: "After",
    /// Who made a change, when that member no longer exists.
    former_member: "A former member",
    /// What changed: the policy.
    audit_policy: "Two-step verification policy",
    /// How many setups a policy change deleted.
    setups_reset[count]: { one: "{count} setup reset", other: "{count} setups reset" },
    /// What changed: a group's "Force two-step verification".
    audit_force_two_step(group): "Force two-step verification: {group}",
    /// A ticked setting.
    on: "On",
    /// A cleared setting.
    off: "Off",
    /// What changed: a member's reset.
    audit_reset(member): "Two-step verification reset: {member}",
    /// A member's state before a reset: set up with a method.
    set_up_with(method): "Set up ({method})",
    /// A setting and its value, such as "Technicians: All technicians".
    setting_value(setting, value): "{setting}: {value}",
    /// The button that repeats a failed read.
    try_again: "Try again",
    /// Sign-in refused: wrong email or password.
    error_invalid_credentials: "The email or password is incorrect. Check them and try again.",
    /// Sign-in refused: too many attempts, with the seconds to wait when known.
    error_too_many_sign_in_attempts(wait): "Too many sign-in attempts. Wait {wait}, then try again.",
    /// Any other request refused for too many attempts, with the seconds to wait when known.
    error_too_many_requests(wait): "Too many requests. Wait {wait}, then try again.",
    /// The server is busy, with the seconds to wait when known; nothing was changed.
    error_busy(wait): "The server is busy and nothing was changed. Wait {wait}, then try again.",
    /// How long to wait when the server did not say, in "Wait …, then try again".
    wait_few_minutes: "a few minutes",
    /// How long to wait for a busy server when it did not say, in "Wait …, then try again".
    wait_few_seconds: "a few seconds",
    /// The server could not be reached or failed.
    error_unreachable: "Twostep Admin cannot reach the server. Check your connection and try again.",
    /// The session ended.
    error_session_ended: "Your session has ended. Sign in again to continue.",
    /// Not allowed, and the server did not say why.
    error_forbidden: "You are not allowed to do this. Ask a master administrator if you need access.",
    /// The resource does not exist (any more).
    error_not_found: "This item no longer exists. Go back and choose another one.",
    /// The request had invalid values; the server's messages follow.
    error_validation: "Some values were not accepted. Correct them and try again:",
    /// A request was refused for values the server names one by one, when those are not
    /// listed (they are in the server's words, shown only in English).
    error_not_accepted: "Some values were not accepted. Correct them and try again.",
    /// The request conflicts with the current state.
    error_conflict: "This change conflicts with the current settings. Reload the page and try again.",
    /// Someone else changed the resource meanwhile.
    error_changed_meanwhile: "Someone else changed this in the meantime. Reload the page to see their changes, then make yours again.",
    /// A write was sent without the revision it replaces.
    error_precondition_required: "The server needs to know which version of the settings you changed. Reload the page, then make your changes again.",
    /// An answer the app does not understand.
    error_unreadable_answer: "The server sent an answer Twostep Admin cannot read. Try again; if it keeps happening, contact your administrator.",
    /// Any other error answer, by status code.
    error_unexpected(status): "Something went wrong (error {status}). Try again; if it keeps happening, contact your administrator.",
    /// The header link to the signed-in person's own account, and that page's heading.
    my_account: "My account",
    /// The heading of the second step when a method must be set up.
    second_step_set_up_heading: "Set up two-step verification",
    /// The heading of the second step when signing in with the method set up.
    second_step_verify_heading: "Two-step verification",
    /// The heading of the second step that confirms a password change.
    second_step_password_heading: "Confirm it is you",
    /// The heading of My account's change of method.
    change_method_heading: "Change your verification method",
    /// What setting up asks of the person, above the method choice.
    second_step_set_up_intro: "Choose how you will confirm that it is you when you sign in.",
    /// The legend of the method choice.
    verification_method: "Verification method",
    /// The label of the phone number field (SMS set-up).
    phone_number: "Mobile phone number",
    /// The hint under the phone number field.
    phone_number_hint: "In international form, starting with + and the country code, such as +44 7700 900123.",
    /// The button that starts the chosen method.
    continue_label: "Continue",
    /// The instructions of an authenticator app set-up.
    authenticator_set_up_text: "Scan this QR code with your authenticator app, or type the key into it. Then enter the 6-digit code the app shows.",
    /// The accessible name of the QR code.
    qr_code_label: "QR code of your key",
    /// The label before the key as text.
    key_label: "Key:",
    /// What to do with an authenticator app that is already set up.
    code_from_app: "Enter the 6-digit code your authenticator app shows.",
    /// Where a code was sent, and how long it works.
    code_sent_to(to): "We sent a 6-digit code to {to}. It works for 10 minutes.",
    /// While the code is being sent.
    code_sending: "Sending a code…",
    /// The label of the code field.
    code_label: "6-digit code",
    /// The button that sends a code.
    verify: "Verify",
    /// That button while the code is checked.
    verifying: "Verifying…",
    /// The button that sends a new code (or notification).
    resend_code: "Send a new code",
    /// That button while it must wait, with the seconds left.
    resend_code_in(seconds): "Send a new code in {seconds} s",
    /// The button that switches to a recovery code.
    use_recovery_code: "Use a recovery code",
    /// The button that goes back to the method choice (set up) or to a recovery code (verify).
    other_method: "Choose another method",
    /// Its text when verifying: another way in.
    other_way: "Sign in another way",
    /// The button that goes back from the recovery code to the method set up.
    use_method_instead: "Use my verification method instead",
    /// The label of the recovery code field.
    recovery_code: "Recovery code",
    /// The hint under the recovery code field.
    recovery_code_hint: "One of the codes you saved when you set up two-step verification. Each code works once.",
    /// While a notification waits for approval on the phone; where it was sent.
    approve_on_phone(to): "Approve the request in the LastPass Authenticator app on your phone ({to}). This page goes on by itself once you approve.",
    /// What to do while a notification waits for approval, when the phone is not named.
    approve_on_phone_no_target: "Approve the request in the LastPass Authenticator app on your phone. This page goes on by itself once you approve.",
    /// The heading above the recovery codes, shown once.
    recovery_codes_heading: "Save your recovery codes",
    /// What the recovery codes are for.
    recovery_codes_text: "If you lose your phone, each of these codes lets you in once. Keep them somewhere safe: they will not be shown again.",
    /// The button that continues once the codes are saved.
    recovery_codes_done: "I have saved these codes",
    /// My account: the person is required to use two-step verification.
    account_required: "Your organization requires you to use two-step verification.",
    /// My account: the person is not required to use it.
    account_not_required: "Your organization does not require two-step verification; you may still set it up.",
    /// My account: the label of the unused recovery codes.
    recovery_codes_left: "Unused recovery codes",
    /// My account: the button that sets up two-step verification.
    set_up_two_step: "Set up two-step verification",
    /// My account: the button that changes the method.
    change_method: "Change method",
    /// My account: the status after a set-up, with the method.
    two_step_set_up_done(method): "Two-step verification is set up: {method}.",
    /// My account: the button that replaces the recovery codes.
    regenerate_codes: "Regenerate recovery codes",
    /// The title of the dialog before replacing the recovery codes.
    regenerate_codes_title: "Replace your recovery codes?",
    /// That dialog's text.
    regenerate_codes_text: "Ten new codes replace your current ones, which stop working at once.",
    /// That dialog's danger button.
    regenerate_codes_confirm: "Replace my recovery codes",
    /// That button while the codes are replaced.
    regenerating: "Replacing…",
    /// The heading of the password form.
    change_password_heading: "Change your password",
    /// The current password field.
    current_password: "Current password",
    /// The new password field.
    new_password: "New password",
    /// The hint under the new password field, with the fewest characters.
    new_password_hint[min]: { one: "At least {min} character.", other: "At least {min} characters." },
    /// The field that repeats the new password.
    confirm_password: "Confirm the new password",
    /// The button that changes the password.
    change_password: "Change password",
    /// That button while the change is sent.
    changing_password: "Changing…",
    /// The new password is too short, with the fewest characters.
    password_too_short[min]: { one: "The new password needs at least {min} character.", other: "The new password needs at least {min} characters." },
    /// The new password is too long, with the most characters.
    password_too_long[max]: { one: "The new password can have at most {max} character.", other: "The new password can have at most {max} characters." },
    /// The two new passwords differ.
    passwords_differ: "The two new passwords differ. Type the same password in both fields.",
    /// The status after the password changed.
    password_changed: "Your password was changed. Your other sessions were signed out.",
    /// The heading of My account's sessions section.
    sessions_heading: "Your sessions",
    /// What signing out everywhere does, under that heading.
    sessions_text: "Signed in on a browser or device you no longer use, or do not recognise? Sign out everywhere ends every session of your account, this one included.",
    /// The button that signs out of every session.
    sign_out_everywhere: "Sign out everywhere",
    /// The title of the dialog before signing out everywhere.
    sign_out_everywhere_title: "Sign out everywhere?",
    /// That dialog's text.
    sign_out_everywhere_text: "Every browser and device signed in to your account is signed out, this one included. You then sign in again here.",
    /// That dialog's danger button while the sessions end.
    signing_out: "Signing out…",
    /// The sign-in page's status after signing out everywhere.
    signed_out_everywhere: "You were signed out on every browser and device.",
    /// Change filter: set-ups and method changes.
    two_step_setups: "Two-step verification setups",
    /// Change filter: recovery codes replaced.
    recovery_code_changes: "Recovery codes regenerated",
    /// Change filter: password changes.
    password_changes: "Password changes",
    /// What changed: a member set up two-step verification, with the method.
    audit_set_up(method): "Set up {method}",
    /// What changed: a member changed their method, from one to another.
    audit_method_changed(before, after): "Changed from {before} to {after}",
    /// What changed: a member replaced their recovery codes.
    audit_recovery_codes: "Regenerated recovery codes",
    /// What changed: a member changed their password.
    audit_password_changed: "Changed password",
    /// A code was wrong, with the tries left.
    error_wrong_code[left]: { one: "That code is not right. Check it and try again: {left} try left.", other: "That code is not right. Check it and try again: {left} tries left." },
    /// A code was wrong, when the tries left are not known.
    error_wrong_code_no_count: "That code is not right. Check it and try again.",
    /// The code sent has expired.
    error_code_expired: "This code has expired. Send a new code, then enter it.",
    /// Too many wrong codes: the second step ended.
    error_too_many_attempts: "Too many wrong codes. Enter your password again to start over.",
    /// The second step took too long and ended.
    error_second_step_expired: "Two-step verification took too long and has ended. Enter your password again to start over.",
    /// A code was sent moments ago, with the seconds to wait when known.
    error_resend_too_soon(seconds): "A code was sent moments ago. Wait {seconds} s, then send a new one.",
    /// A code was sent moments ago, when the server did not say how long to wait.
    error_resend_too_soon_no_count: "A code was sent moments ago. Wait a little, then send a new one.",
    /// The notification was denied on the phone.
    error_approval_denied: "The request was denied on your phone. Enter your password again to start over.",
    /// A code was sent before a method was started.
    error_start_required: "Choose a method and select Continue before entering a code.",
    /// Regenerating recovery codes without a setup.
    error_not_set_up: "Set up two-step verification first; recovery codes come with it.",
    /// The alert when a chosen language's words could not be loaded; {language} is its name.
    language_unavailable(language): "{language} could not be loaded. Check your connection, then choose it again.",
    /// The alert when a chosen language's words are from another version of the console (the
    /// server was updated after this page loaded); {language} is its name.
    language_outdated(language): "{language} could not be loaded: this page is older than the console on the server. Reload the page, then choose it again.",
}
