//! The console in each of its languages, end to end: one tour per language through every
//! screen and dialog (signing in with a wrong password, setting up and taking the second step,
//! Global Settings and its warning, the organization, its members and audit log, a group, the
//! tree's search, a page that does not exist, My account, and Global Settings as an
//! administrator who may not see it). Every state is checked for English left on screen, with
//! axe-core, and for a layout that fits a laptop's window, and in German and Dutch, the longest
//! words, a phone's too. The language is the one saved in the browser, as the picker saves it.
//! German, Dutch and French run in Chromium; Spanish, Brazilian Portuguese and French in
//! Firefox; Italian and French in WebKit. Each tour has its own server and browser.

#![warn(missing_docs)]

use std::cell::RefCell;
use std::time::Duration;

use serde_json::json;
use twostep_e2e::demo::{INES, MAYA};
use twostep_e2e::layout::{NARROW, WIDE};
use twostep_e2e::{Browser, BrowserKind, Catalog, DEMO_PASSWORD, TestServer, wait_until};

const GLOBAL_SETTINGS: &str = "/organization/global-settings";
const ORGANIZATION: &str = "Northwind Support";
const GROUP: &str = "Tier 1";
const PHONE: &str = "+44 7700 900123";
const NO_MATCH: &str = "zqzqzq";

/// The product's words that the French console must show exactly, as the original French
/// product writes them.
const FRENCH_PRODUCT_WORDS: [&str; 3] = [
    "Paramètres généraux",
    "Membres du ou des groupes de techniciens sélectionnés",
    "Notification de l’App LastPass Authenticator",
];
const FRENCH_TECHNICIAN_CONSOLE: &str = "Console d’assistance";

/// One language's tour: a server, a browser showing the console in that language, its
/// catalog to find things by their names there, and what the checks found so far.
struct Tour {
    server: TestServer,
    browser: Browser,
    tag: &'static str,
    words: &'static Catalog,
    narrow: bool,
    findings: RefCell<Vec<String>>,
}

impl Tour {
    /// Starts a server and a browser at a laptop's size, saves the language `tag` as the
    /// picker does and opens the sign-in page in it. `narrow`: check each state at a phone's
    /// width too.
    fn start(kind: BrowserKind, tag: &'static str, narrow: bool) -> Self {
        let words = Catalog::load(tag);
        let server = TestServer::start();
        let browser = Browser::launch(kind);
        browser.set_window_size(WIDE.0, WIDE.1);
        browser.goto(&server.url("/sign-in"));
        browser.execute("localStorage.setItem('twostep.locale', arguments[0]);", vec![json!(tag)]);
        browser.reload();
        let findings = RefCell::default();
        let tour = Self { server, browser, tag, words, narrow, findings };
        tour.browser.heading(1, tour.text("sign_in_heading"));
        let lang = tour.browser.execute("return document.documentElement.lang;", Vec::new());
        assert_eq!(lang, json!(tag), "{kind}: <html lang> is the saved language");
        tour
    }

    /// The text of `key` in the tour's language.
    fn text(&self, key: &str) -> &'static str {
        self.words.text(key)
    }

    /// Checks the page as it is now: no English, no accessibility violation, a layout that
    /// fits a laptop's window and, in a narrow tour, a phone's. What fails is kept for the end
    /// of the tour, so that one run tells every state that needs work.
    fn check(&self, what: &str) {
        let browser = &self.browser;
        self.keep(|| browser.assert_no_english(self.tag, what));
        let what = format!("{what} in {}", self.tag);
        self.keep(|| browser.assert_axe_clean(&what));
        self.keep(|| browser.assert_layout_holds(&what));
        if self.narrow {
            self.keep(|| browser.assert_layout_holds_at(&[NARROW], &what));
            browser.set_window_size(WIDE.0, WIDE.1);
        }
    }

    /// Runs `check`, and keeps its failure (the panic's message) instead of failing now.
    fn keep(&self, check: impl FnOnce()) {
        if let Err(failure) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(check)) {
            let message = failure
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| failure.downcast_ref::<&str>().map(|text| (*text).to_owned()))
                .unwrap_or_else(|| "a check failed".to_owned());
            self.findings.borrow_mut().push(message);
        }
    }

    /// Fails with everything the checks found, if they found anything.
    fn finish(self) {
        let findings = self.findings.take();
        assert!(
            findings.is_empty(),
            "{}: the tour in {} found {} problem(s):\n\n{}",
            self.browser.kind(),
            self.tag,
            findings.len(),
            findings.join("\n\n")
        );
    }

    /// Waits until an element matching the CSS `selector` is shown.
    #[track_caller]
    fn wait_for(&self, selector: &str) {
        let browser = &self.browser;
        let shown = wait_until(selector, Duration::from_secs(10), || {
            let found = browser.execute(
                "const found = document.querySelector(arguments[0]);
                 return found !== null && found.getClientRects().length > 0;",
                vec![json!(selector)],
            );
            if found == json!(true) { Ok(()) } else { Err(browser.current_url()) }
        });
        shown.unwrap_or_else(|timed_out| panic!("{}: {timed_out}", browser.kind()));
    }

    /// Waits until the element matching the CSS `selector` shows some text.
    #[track_caller]
    fn wait_for_text(&self, selector: &str) {
        let browser = &self.browser;
        let shown = wait_until(&format!("text in {selector}"), Duration::from_secs(10), || {
            let found = browser.execute(
                "const found = document.querySelector(arguments[0]);
                 return found === null ? '' : found.innerText.trim();",
                vec![json!(selector)],
            );
            if found.as_str().is_some_and(|text| !text.is_empty()) { Ok(()) } else { Err(found) }
        });
        shown.unwrap_or_else(|timed_out| panic!("{}: {timed_out}", browser.kind()));
    }

    /// Fills the sign-in form and submits it: the password step only.
    fn submit_password(&self, email: &str, password: &str) {
        let browser = &self.browser;
        browser.by_role("textbox", self.text("email")).fill(email);
        browser.by_role("textbox", self.text("password")).fill(password);
        browser.by_role("button", self.text("sign_in")).click();
    }

    /// Signs out with the header's button and waits for the sign-in page.
    fn sign_out(&self) {
        let browser = &self.browser;
        browser.by_role("button", self.text("sign_out")).click();
        browser.wait_for_path("/sign-in");
        browser.heading(1, self.text("sign_in_heading"));
    }
}

impl Drop for Tour {
    /// A tour cut short by a step that failed still tells what the checks found before.
    fn drop(&mut self) {
        let findings = self.findings.get_mut();
        if std::thread::panicking() && !findings.is_empty() {
            eprintln!(
                "--- the checks of the tour in {} found before:\n\n{}",
                self.tag,
                findings.join("\n\n")
            );
        }
    }
}

/// The sign-in page, and a wrong password.
fn signing_in(tour: &Tour) {
    let browser = &tour.browser;
    tour.check("the sign-in page");
    tour.submit_password(MAYA, "not-the-password");
    browser.by_role_with_text("alert", tour.text("error_invalid_credentials"));
    tour.check("the sign-in page refusing a wrong password");
}

/// Inès, required and not set up: the method choice, SMS with its phone number, the code
/// sent and a wrong code; then the authenticator app with its QR code and key, and the
/// recovery codes. Then Global Settings, which an administrator may not see.
fn setting_up(tour: &Tour) {
    let browser = &tour.browser;
    tour.submit_password(INES, DEMO_PASSWORD);
    browser.heading(2, tour.text("second_step_set_up_heading"));
    browser.by_id("second-step-start");
    tour.check("the choice of a method to set up");

    browser.by_role("radio", tour.text("method_sms")).click();
    browser.by_id("second-step-phone").fill(PHONE);
    tour.check("the SMS set-up asking for a phone number");
    browser.press_enter_on("second-step-start");
    browser.by_id("second-step-code");
    browser.by_id("second-step-resend");
    tour.check("the SMS set-up asking for the code sent");
    browser.enter_code_with_keyboard("000000");
    browser.by_id("second-step-error");
    tour.check("the SMS set-up refusing a wrong code");

    browser.press_enter_on("second-step-other-method");
    browser.by_role("radio", tour.text("method_authenticator_app")).click();
    browser.press_enter_on("second-step-start");
    let totp = browser.authenticator_key();
    browser.by_id("second-step-qr");
    tour.check("the authenticator app set-up with its QR code and key");
    let (_, code) = totp.next_code(None);
    browser.enter_code_with_keyboard(&code);
    browser.recovery_codes();
    tour.check("the recovery codes after the set-up");
    browser.press_enter_on("recovery-codes-done");
    browser.wait_for_path("/organization");

    browser.goto(&tour.server.url(GLOBAL_SETTINGS));
    browser.text_visible(tour.text("global_settings_master_only"));
    tour.check("Global Settings for an administrator");
    tour.sign_out();
}

/// Maya, a master administrator: the code step and the recovery code step of signing in, then
/// Global Settings with its impact panel, the warning before a method change and the question
/// before leaving the change unsaved.
fn master_signs_in(tour: &Tour) {
    let browser = &tour.browser;
    tour.submit_password(MAYA, DEMO_PASSWORD);
    browser.by_id("second-step-code");
    tour.check("the second step asking for a code");
    browser.press_enter_on("second-step-use-recovery");
    browser.by_id("second-step-recovery-code");
    tour.check("the second step asking for a recovery code");
    browser.press_enter_on("second-step-use-method");
    browser.enter_code_with_keyboard(&tour.server.code(MAYA));
    browser.wait_for_path(GLOBAL_SETTINGS);

    browser.heading(2, tour.text("two_step_heading"));
    tour.wait_for(".impact-figures dd");
    tour.check("Global Settings with the impact panel");
    if tour.tag == "fr" {
        let kind = browser.kind();
        let tab = browser.by_role("link", FRENCH_PRODUCT_WORDS[0]);
        assert_eq!(tab.attribute("aria-current").as_deref(), Some("page"), "{kind}: the tab");
        assert!(browser.by_role("radio", FRENCH_PRODUCT_WORDS[1]).is_checked(), "{kind}");
        browser.by_role("radio", FRENCH_PRODUCT_WORDS[2]);
        browser.text_visible(FRENCH_TECHNICIAN_CONSOLE);
    }

    browser.by_role("radio", tour.text("method_sms")).click();
    browser.by_role("button", tour.text("save_changes")).click();
    let dialog = browser.by_role("dialog", tour.text("reset_dialog_title"));
    tour.check("the warning before a method change");
    dialog.by_role("button", tour.text("cancel")).click();
    browser.wait_until_gone("reset-dialog-title");

    // Leaving with the change unsaved asks first, in the browser's own prompt.
    let sections = browser.by_role("navigation", tour.text("organization_sections"));
    sections.by_role("link", tour.text("members")).click();
    let asked = browser.prompt_text();
    browser.dismiss_prompt();
    tour.keep(|| {
        assert_eq!(asked, tour.text("unsaved_changes_confirm"), "{}: the prompt", browser.kind());
    });
    browser.by_role("button", tour.text("discard_changes")).click();
}

/// The organization's home, Members (the reset dialog, a filter that matches nobody, a page
/// past the last) and the audit log (and a filter that matches nothing). Returns the title of
/// a time in the audit log.
fn organization(tour: &Tour) -> Option<String> {
    let browser = &tour.browser;
    browser.goto(&tour.server.url("/organization"));
    browser.heading(1, ORGANIZATION);
    browser.tree_item(tour.text("organization"), GROUP);
    tour.check("the organization's home");

    let sections = || browser.by_role("navigation", tour.text("organization_sections"));
    sections().by_role("link", tour.text("members")).click();
    browser.wait_for_path("/organization/members");
    tour.wait_for(".list-table tbody tr");
    tour.check("the organization's Members tab");
    if tour.tag == "fr" {
        browser.text_visible(FRENCH_TECHNICIAN_CONSOLE);
    }
    browser.by_role("checkbox", tour.text("select_all_members")).click();
    browser.by_role("button", tour.text("force_reset")).click();
    let dialog = browser.by_role("dialog", tour.text("members_reset_title"));
    tour.check("the reset dialog of Members");
    dialog.by_role("button", tour.text("cancel")).click();
    browser.wait_until_gone("members-reset-title");
    browser.by_id("member-search").fill(NO_MATCH);
    browser.by_role_with_text("status", tour.text("no_members_match"));
    tour.check("Members filtered to nobody");
    browser.goto(&tour.server.url("/organization/members?page=99"));
    browser.text_visible(tour.text("page_past_end"));
    tour.check("a page of Members past the last");

    sections().by_role("link", tour.text("audit_log")).click();
    browser.wait_for_path("/organization/audit-log");
    tour.wait_for(".list-table tbody time");
    tour.check("the audit log");
    let title = browser.execute(
        "return document.querySelector('.list-table tbody time').getAttribute('title');",
        Vec::new(),
    );
    browser.by_id("audit-kind").select_option(tour.text("password_changes"));
    browser.by_role_with_text("status", tour.text("no_changes_match"));
    tour.check("the audit log filtered to nothing");
    title.as_str().map(str::to_owned)
}

/// A group's Settings tab (and what ticking its box would change), its Members tab, and a
/// search of the tree that matches nothing.
fn group(tour: &Tour) {
    let browser = &tour.browser;
    browser.tree_item(tour.text("organization"), GROUP).click();
    browser.heading(1, GROUP);
    browser.heading(2, tour.text("two_step_heading"));
    let force = browser.by_role("checkbox", tour.text("force_two_step"));
    tour.check("a group's Settings tab");
    force.click();
    tour.wait_for_text(".group-impact");
    tour.check("a group's Settings tab with a change to save");
    force.click();

    let sections = browser.by_role("navigation", tour.text("group_sections"));
    sections.by_role("link", tour.text("members")).click();
    tour.wait_for(".list-table tbody tr");
    tour.check("a group's Members tab");

    browser.by_role("searchbox", tour.text("search_groups")).fill(NO_MATCH);
    tour.wait_for(".tree-no-match");
    tour.check("the tree's search matching nothing");
}

/// A page that does not exist, and My account: its panel, the dialogs before replacing the
/// recovery codes and before signing out everywhere, and a new password that is too short.
/// Then signing out.
fn account(tour: &Tour) {
    let browser = &tour.browser;
    browser.goto(&tour.server.url("/no-such-page"));
    browser.heading(1, tour.text("not_found_heading"));
    tour.check("a page that does not exist");

    browser.goto(&tour.server.url("/account"));
    browser.by_id("account-regenerate-codes");
    tour.wait_for("#account-recovery-codes-left");
    tour.check("My account");
    browser.by_id("account-regenerate-codes").click();
    let dialog = browser.by_role("dialog", tour.text("regenerate_codes_title"));
    tour.check("the dialog before replacing the recovery codes");
    dialog.by_role("button", tour.text("cancel")).click();
    browser.wait_until_gone("regenerate-codes-title");
    browser.by_id("account-sign-out-everywhere").click();
    let dialog = browser.by_role("dialog", tour.text("sign_out_everywhere_title"));
    tour.check("the dialog before signing out everywhere");
    dialog.by_role("button", tour.text("cancel")).click();
    browser.wait_until_gone("sign-out-everywhere-title");

    browser.by_id("account-current-password").fill(DEMO_PASSWORD);
    browser.by_id("account-new-password").fill("short");
    browser.by_id("account-confirm-password").fill("short");
    browser.by_id("account-change-password").click();
    tour.wait_for(".password-form [role=\"alert\"]");
    tour.check("My account refusing a new password that is too short");
    tour.sign_out();
}

/// The whole tour in the language `tag`; last, that the audit log showed a time with the UTC
/// time on hover (its own time is local). Fails at the end with every problem found.
fn tour(kind: BrowserKind, tag: &'static str, narrow: bool) {
    let tour = Tour::start(kind, tag, narrow);
    signing_in(&tour);
    setting_up(&tour);
    master_signs_in(&tour);
    let audit_time_title = organization(&tour);
    group(&tour);
    account(&tour);
    tour.keep(|| {
        assert!(
            audit_time_title.as_deref().is_some_and(|title| title.ends_with("UTC")),
            "{kind}: a time in the audit log shows the UTC time on hover, its title is \
             {audit_time_title:?}"
        );
    });
    tour.finish();
}

mod chromium {
    use super::{BrowserKind, tour};

    #[test]
    fn german() {
        tour(BrowserKind::Chromium, "de", true);
    }

    #[test]
    fn dutch() {
        tour(BrowserKind::Chromium, "nl", true);
    }

    #[test]
    fn french() {
        tour(BrowserKind::Chromium, "fr", false);
    }
}

mod firefox {
    use super::{BrowserKind, tour};

    #[test]
    fn spanish() {
        tour(BrowserKind::Firefox, "es", false);
    }

    #[test]
    fn brazilian_portuguese() {
        tour(BrowserKind::Firefox, "pt-BR", false);
    }

    #[test]
    fn french() {
        tour(BrowserKind::Firefox, "fr", false);
    }
}

mod webkit {
    use super::{BrowserKind, tour};

    #[test]
    fn italian() {
        tour(BrowserKind::WebKit, "it", false);
    }

    #[test]
    fn french() {
        tour(BrowserKind::WebKit, "fr", false);
    }
}
