//! Global Settings end to end (issue 3): a master administrator changes who must use two-step
//! verification and the primary method, is warned before a method change resets everyone,
//! loses nothing when another administrator saved first, can do it all with the keyboard, is
//! asked before leaving unsaved changes, and sees which groups force two-step verification.
//! Each scenario runs in Chromium, Firefox and WebKit, with its own server on a fresh database;
//! what the server saved is checked through the REST API, not through the page.

#![warn(missing_docs)]

use twostep_contract::{
    AdministratorsPolicy, PolicySettings, PrimaryMethod, TechnicianGroup, TechniciansPolicy,
};
use twostep_e2e::demo::{LEO, MAYA};
use twostep_e2e::{
    ApiSession, Browser, BrowserKind, DEMO_PASSWORD, Key, NORTHWIND_SEEDED_POLICY, TestServer,
    in_every_browser,
};

const GLOBAL_SETTINGS: &str = "/organization/global-settings";

const SAVE: &str = "Save changes";
const DISCARD: &str = "Discard changes";
const APPLIED: &str = "Settings applied to the selected users of your organization.";
const RESET_TITLE: &str = "Reset two-step verification for everyone?";
const RESET_CONFIRM: &str = "Change method and reset";
const CANCEL: &str = "Cancel";
const CONFLICT: &str = "Someone else changed these settings while you were editing. Their \
                        settings are listed below; your choices are still in the form. Save \
                        changes applies your choices over theirs; Discard changes shows theirs.";
const UNSAVED: &str = "You have unsaved changes. Leave this page without saving them?";
const FORCED_EXPLANATION: &str = "Two-step verification then applies to the technicians of the \
                                  groups whose Settings tab has “Force two-step verification” \
                                  ticked:";

/// Northwind's policy as the seed creates it (revision 1).
const SEEDED: PolicySettings = NORTHWIND_SEEDED_POLICY;

/// A server, a browser showing Global Settings signed in as Maya (master administrator) with
/// the form loaded, and an API session of Maya's to check what the server holds.
struct Console {
    server: TestServer,
    browser: Browser,
    maya: ApiSession,
}

impl Console {
    fn open(kind: BrowserKind) -> Self {
        let server = TestServer::start();
        let maya = ApiSession::sign_in(&server, MAYA, DEMO_PASSWORD);
        let browser = Browser::launch(kind);
        // Submitting with Enter keeps the keyboard-only scenario free of clicks.
        browser.sign_in_at(&server, GLOBAL_SETTINGS, MAYA, DEMO_PASSWORD);
        let console = Self { server, browser, maya };
        console.wait_for_form(SEEDED);
        console
    }

    /// Waits until the form shows `settings` and both buttons are disabled (nothing edited).
    fn wait_for_form(&self, settings: PolicySettings) {
        let browser = &self.browser;
        browser.heading(2, "Two-step verification");
        for label in checked_labels(settings) {
            let radio = browser.by_role("radio", label);
            assert!(radio.is_checked(), "{}: {label:?} is checked", browser.kind());
        }
        self.assert_unchanged();
    }

    /// Fails unless Save changes and Discard changes are both disabled.
    fn assert_unchanged(&self) {
        let kind = self.browser.kind();
        assert!(!self.browser.by_role("button", SAVE).is_enabled(), "{kind}: Save disabled");
        assert!(!self.browser.by_role("button", DISCARD).is_enabled(), "{kind}: Discard disabled");
    }

    /// Fails unless Save changes and Discard changes are both enabled.
    fn assert_changed(&self) {
        let kind = self.browser.kind();
        assert!(self.browser.by_role("button", SAVE).is_enabled(), "{kind}: Save enabled");
        assert!(self.browser.by_role("button", DISCARD).is_enabled(), "{kind}: Discard enabled");
    }

    /// Fails unless the radio `label` is checked.
    fn assert_checked(&self, label: &str) {
        let kind = self.browser.kind();
        assert!(self.browser.by_role("radio", label).is_checked(), "{kind}: {label:?} is checked");
    }

    /// Waits for the success status after a save.
    fn wait_for_applied(&self) {
        self.browser.by_role_with_text("status", APPLIED);
    }

    /// Fails if the reset dialog is open.
    fn assert_no_dialog(&self) {
        let kind = self.browser.kind();
        assert_eq!(self.browser.count_by_role("dialog", RESET_TITLE), 0, "{kind}: no dialog");
    }

    /// The policy as the server holds it, with Maya's API session.
    fn saved(&self) -> (PolicySettings, i64) {
        let (policy, etag) = self.maya.policy();
        assert_eq!(etag, format!("\"{}\"", policy.revision), "the ETag names the revision");
        (policy.settings, policy.revision)
    }

    /// Fails unless the server holds `settings` at `revision`.
    fn assert_saved(&self, settings: PolicySettings, revision: i64) {
        assert_eq!(self.saved(), (settings, revision), "{}: the saved policy", self.browser.kind());
    }

    /// Fails unless no member of the organization has two-step verification set up: then
    /// every member the policy requires still has to set it up, and changing the method again
    /// would reset no setup.
    fn assert_no_enrollment_left(&self) {
        let kind = self.browser.kind();
        let (saved, _) = self.saved();
        let now = self.maya.preview_policy(saved);
        assert_eq!(
            now.required_not_enrolled, now.required,
            "{kind}: every required member must set up two-step verification again: {now:?}"
        );
        let other_method = PolicySettings { primary_method: PrimaryMethod::Email, ..saved };
        let again = self.maya.preview_policy(other_method);
        assert_eq!(again.enrollments_reset, 0, "{kind}: no setup is left to reset: {again:?}");
    }
}

/// The labels of the radios that show `settings`.
fn checked_labels(settings: PolicySettings) -> [&'static str; 3] {
    [
        administrators_label(settings.administrators),
        technicians_label(settings.technicians),
        method_label(settings.primary_method),
    ]
}

fn administrators_label(policy: AdministratorsPolicy) -> &'static str {
    match policy {
        AdministratorsPolicy::None => "No administrators",
        AdministratorsPolicy::All => "All administrators",
    }
}

fn technicians_label(policy: TechniciansPolicy) -> &'static str {
    match policy {
        TechniciansPolicy::None => "No technicians",
        TechniciansPolicy::All => "All technicians",
        TechniciansPolicy::SelectedGroups => "Members of selected technician groups",
    }
}

fn method_label(method: PrimaryMethod) -> &'static str {
    match method {
        PrimaryMethod::LastpassNotification => "LastPass Authenticator app notification",
        PrimaryMethod::AuthenticatorApp => "Authenticator app",
        PrimaryMethod::Sms => "SMS verification",
        PrimaryMethod::Email => "Email verification",
    }
}

fn who_must_use_it_changes_without_a_dialog(kind: BrowserKind) {
    let console = Console::open(kind);
    let browser = &console.browser;
    console.assert_saved(SEEDED, 1);
    let wanted = PolicySettings { technicians: TechniciansPolicy::All, ..SEEDED };
    // What the save should do, asked before it: the same members enrolled afterwards.
    let predicted = console.maya.preview_policy(wanted);
    assert!(!predicted.method_changes && predicted.enrollments_reset == 0, "{predicted:?}");

    browser.by_role("radio", "All technicians").click();
    console.assert_changed();
    browser.by_role("button", SAVE).click();
    console.wait_for_applied();
    console.assert_no_dialog();
    console.wait_for_form(wanted);
    browser.text_visible("Revision 2");

    console.assert_saved(wanted, 2);
    let after = console.maya.preview_policy(wanted);
    assert_eq!(
        (after.members_total, after.required, after.required_not_enrolled),
        (predicted.members_total, predicted.required, predicted.required_not_enrolled),
        "{kind}: nobody's two-step verification setup changed"
    );
    assert_eq!((after.newly_required, after.no_longer_required), (0, 0), "{kind}: {after:?}");
}

fn method_change_asks_before_resetting_everyone(kind: BrowserKind) {
    let console = Console::open(kind);
    let browser = &console.browser;
    let wanted = PolicySettings { primary_method: PrimaryMethod::Sms, ..SEEDED };
    let before = console.maya.preview_policy(SEEDED);
    let promised = console.maya.preview_policy(wanted);
    assert!(promised.method_changes && promised.enrollments_reset > 0, "{promised:?}");
    // The panel and the dialog both show the preview's `members_reset`.
    let members = promised.members_reset;
    assert!(members > 0, "{kind}: a method change resets members: {promised:?}");

    browser.by_role("radio", "SMS verification").click();
    console.assert_changed();
    assert_eq!(
        browser.description_of("Members who must set up two-step verification again"),
        members.to_string(),
        "{kind}: the impact panel announces the reset"
    );
    assert_eq!(
        browser.description_of("Two-step verification setups reset by the method change"),
        promised.enrollments_reset.to_string(),
    );

    browser.by_role("button", SAVE).click();
    let dialog = browser.by_role("dialog", RESET_TITLE);
    browser.heading(2, RESET_TITLE);
    let text = dialog.text();
    for expected in [
        "You are changing the primary verification method from Authenticator app to SMS \
         verification."
            .to_owned(),
        format!(
            "All {members} members of your organization must set up two-step verification \
             again at their next sign-in."
        ),
    ] {
        assert!(
            normalize(&text).contains(&normalize(&expected)),
            "{kind}: the dialog says {text:?}, not {expected:?}"
        );
    }
    dialog.by_role("button", RESET_CONFIRM);
    browser.assert_focused("button", CANCEL);
    browser.assert_axe_clean("Global Settings with the reset dialog open");

    dialog.by_role("button", CANCEL).click();
    console.assert_no_dialog();
    browser.assert_focused("button", SAVE);
    console.assert_checked("SMS verification");
    console.assert_saved(SEEDED, 1);
    let unchanged = console.maya.preview_policy(SEEDED);
    assert_eq!(
        unchanged.required_not_enrolled, before.required_not_enrolled,
        "{kind}: Cancel reset nobody"
    );

    browser.by_role("button", SAVE).click();
    browser.by_role("dialog", RESET_TITLE).by_role("button", RESET_CONFIRM).click();
    console.wait_for_applied();
    console.assert_no_dialog();
    console.wait_for_form(wanted);
    console.assert_saved(wanted, 2);
    console.assert_no_enrollment_left();
}

fn a_concurrent_change_is_reported_without_losing_choices(kind: BrowserKind) {
    let console = Console::open(kind);
    let browser = &console.browser;
    browser.by_role("radio", "No administrators").click();
    console.assert_changed();

    // Meanwhile, Leo (the other master administrator) saves a change of his own.
    let leo = ApiSession::sign_in(&console.server, LEO, DEMO_PASSWORD);
    let theirs = PolicySettings { technicians: TechniciansPolicy::None, ..SEEDED };
    let updated = leo.change_policy(theirs);
    assert_eq!((updated.policy.settings, updated.policy.revision), (theirs, 2));

    browser.by_role("button", SAVE).click();
    browser.by_role_with_text("alert", CONFLICT);
    console.assert_checked("No administrators");
    console.assert_checked("Members of selected technician groups");
    assert_eq!(browser.description_of("Administrators"), "All administrators");
    assert_eq!(browser.description_of("Technicians"), "No technicians");
    assert_eq!(browser.description_of("Primary verification method"), "Authenticator app");
    console.assert_changed();
    console.assert_saved(theirs, 2);

    let mine = PolicySettings { administrators: AdministratorsPolicy::None, ..SEEDED };
    browser.by_role("button", SAVE).click();
    console.wait_for_applied();
    console.assert_no_dialog();
    console.wait_for_form(mine);
    console.assert_saved(mine, 3);
}

fn the_whole_task_works_with_the_keyboard_alone(kind: BrowserKind) {
    let console = Console::open(kind);
    let browser = &console.browser;
    let wanted = PolicySettings {
        technicians: TechniciansPolicy::All,
        primary_method: PrimaryMethod::Sms,
        ..SEEDED
    };

    // A known start: a fresh load puts focus on the document, and Tab then reaches the skip
    // link first.
    browser.reload();
    console.wait_for_form(SEEDED);
    browser.press(Key::Tab);
    browser.assert_focused("link", "Skip to main content");

    // Tab enters each radio group on its checked option; arrow keys move and check.
    browser.tab_to("radio", "All administrators", 20);
    browser.press(Key::Tab);
    browser.assert_focused("radio", "Members of selected technician groups");
    browser.press(Key::Up);
    browser.assert_focused("radio", "All technicians");
    console.assert_checked("All technicians");
    browser.tab_to("radio", "Authenticator app", 5);
    browser.press(Key::Down);
    browser.assert_focused("radio", "SMS verification");
    console.assert_checked("SMS verification");
    console.assert_checked("All administrators");

    browser.tab_to("button", SAVE, 10);
    browser.press(Key::Enter);
    browser.by_role("dialog", RESET_TITLE);
    browser.assert_focused("button", CANCEL);
    browser.press(Key::Escape);
    console.assert_no_dialog();
    browser.assert_focused("button", SAVE);
    console.assert_saved(SEEDED, 1);

    browser.press(Key::Enter);
    browser.by_role("dialog", RESET_TITLE);
    browser.assert_focused("button", CANCEL);
    browser.focus_with_keyboard("button", RESET_CONFIRM, 3);
    browser.press(Key::Enter);
    console.wait_for_applied();
    console.wait_for_form(wanted);
    console.assert_saved(wanted, 2);
    console.assert_no_enrollment_left();
}

fn leaving_with_unsaved_changes_asks_first(kind: BrowserKind) {
    let console = Console::open(kind);
    let browser = &console.browser;
    assert!(!browser.asks_before_unload(), "{kind}: nothing to lose yet");
    browser.by_role("radio", "No technicians").click();
    console.assert_changed();
    assert!(browser.asks_before_unload(), "{kind}: a reload or closing the tab asks first");

    // Opening a group in the organization tree leaves Global Settings.
    let tier1 = console.maya.technician_groups().into_iter().find(|g| g.name == "Tier 1");
    let tier1 = tier1.expect("the seed has Tier 1");
    browser.tree_item("Organization", "Tier 1").click();
    assert_eq!(browser.prompt_text(), UNSAVED, "{kind}: the console asks before leaving");
    browser.dismiss_prompt();
    browser.wait_for_path(GLOBAL_SETTINGS);
    browser.heading(2, "Two-step verification");
    console.assert_checked("No technicians");
    console.assert_changed();
    assert!(browser.asks_before_unload(), "{kind}: still unsaved");

    // Answering OK leaves, without saving.
    browser.tree_item("Organization", "Tier 1").click();
    assert_eq!(browser.prompt_text(), UNSAVED);
    browser.accept_prompt();
    browser.wait_for_path(&format!("/groups/{}/settings", tier1.id));
    console.assert_saved(SEEDED, 1);
}

fn forced_groups_are_listed_with_links(kind: BrowserKind) {
    let console = Console::open(kind);
    let browser = &console.browser;
    let groups = console.maya.technician_groups();
    let forced: Vec<&TechnicianGroup> =
        groups.iter().filter(|group| group.force_two_step).collect();
    let [tier2] = forced.as_slice() else {
        panic!("the seed forces two-step verification in Tier 2 only: {groups:?}");
    };
    assert_eq!(tier2.name, "Tier 2");

    // "Members of selected technician groups" is the seed's choice: the list shows at once.
    console.assert_checked("Members of selected technician groups");
    browser.text_visible(FORCED_EXPLANATION);
    let technicians = browser.by_role("group", "Technicians");
    let link = technicians.by_role("link", "Tier 2");
    browser.text_visible(&format!("Tier 2 — {} technicians", tier2.technicians));
    for group in groups.iter().filter(|group| !group.force_two_step) {
        assert_eq!(
            technicians.count_by_role("link", &group.name),
            0,
            "{kind}: {} does not force two-step verification",
            group.name
        );
    }
    assert_eq!(
        link.attribute("href").as_deref(),
        Some(format!("/groups/{}/settings", tier2.id).as_str())
    );

    // Choosing another option hides the list; choosing it again shows it.
    browser.by_role("radio", "All technicians").click();
    browser.assert_text_absent(FORCED_EXPLANATION);
    browser.by_role("radio", "Members of selected technician groups").click();
    console.assert_unchanged();
    browser.text_visible(FORCED_EXPLANATION);

    browser.by_role("group", "Technicians").by_role("link", "Tier 2").click();
    browser.wait_for_path(&format!("/groups/{}/settings", tier2.id));
    browser.heading(1, "Tier 2");
}

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

in_every_browser!(
    who_must_use_it_changes_without_a_dialog,
    method_change_asks_before_resetting_everyone,
    a_concurrent_change_is_reported_without_losing_choices,
    the_whole_task_works_with_the_keyboard_alone,
    leaving_with_unsaved_changes_asks_first,
    forced_groups_are_listed_with_links,
);
