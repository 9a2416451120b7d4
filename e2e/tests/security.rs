//! The console under its own Content-Security-Policy, and "Sign out everywhere",
//! end to end in Chromium, Firefox and WebKit against the real server.
//!
//! The page's policy allows no `style` attribute: the console sets its dynamic styles through
//! the CSSOM. A listener for `securitypolicyviolation` (installed before the page's own scripts
//! in Chromium, right after the page loads elsewhere) sees none through a sign-in with a second
//! step and the main screens; a style attribute set on purpose at the end shows the listener
//! works. From My account, with the keyboard and after a confirmation, a member signs out
//! everywhere: the sign-in page says so, and the member's other session has ended too.

#![warn(missing_docs)]

use std::time::Duration;

use serde_json::Value;
use twostep_e2e::demo::{MAYA, SAM};
use twostep_e2e::{ApiSession, Browser, BrowserKind, DEMO_PASSWORD, TestServer, in_every_browser};

const SIGN_IN_HEADING: &str = "Sign in to Twostep Admin";
const ACCOUNT_PATH: &str = "/account";
const TREE: &str = "Organization";
const SECTIONS: &str = "Organization sections";
const SIGN_OUT_EVERYWHERE: &str = "Sign out everywhere";
const SIGN_OUT_EVERYWHERE_TITLE: &str = "Sign out everywhere?";

/// Records every `securitypolicyviolation` of the document in `window.__cspViolations`.
const WATCH_VIOLATIONS: &str = "
    if (!window.__cspViolations) {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (event) => {
            window.__cspViolations.push(
                `${event.effectiveDirective || event.violatedDirective}: ${event.blockedURI} ` +
                `${event.sample || ''} (${event.sourceFile || ''}:${event.lineNumber || ''})`);
        });
    }";

/// The violations recorded so far.
fn violations(browser: &Browser) -> Vec<String> {
    let seen = browser.execute("return window.__cspViolations || null;", Vec::new());
    let Value::Array(seen) = seen else {
        panic!("{}: the violation listener is not installed", browser.kind());
    };
    seen.into_iter().map(|v| v.as_str().unwrap_or_default().to_owned()).collect()
}

fn assert_no_violation(browser: &Browser, screen: &str) {
    let seen = violations(browser);
    assert!(seen.is_empty(), "{}: {screen} broke the page's CSP: {seen:#?}", browser.kind());
}

fn the_console_keeps_to_its_content_security_policy(kind: BrowserKind) {
    let server = TestServer::start();
    let browser = Browser::launch(kind);
    if kind == BrowserKind::Chromium {
        browser.run_in_every_new_document(WATCH_VIOLATIONS);
    }
    browser.goto(&server.url("/organization"));
    browser.heading(1, SIGN_IN_HEADING);
    browser.execute(WATCH_VIOLATIONS, Vec::new());
    // The language picker renders every text again, now under the listener's eye.
    browser.by_role("combobox", "Language").select_option("Français");
    browser.heading(1, "Se connecter à Twostep Admin");
    browser.by_role("combobox", "Langue").select_option("English");
    browser.heading(1, SIGN_IN_HEADING);
    assert_no_violation(&browser, "the sign-in page");

    // Signing in with the second step, in the page: no reload, so the listener stays.
    let since = server.outbox_mark();
    browser.submit_password_with_keyboard(MAYA, DEMO_PASSWORD);
    browser.take_second_step_with_keyboard(&server, &since);
    browser.wait_for_path("/organization");
    browser.heading(1, "Northwind Support");
    // The tree indents its items by level: a custom property set through the CSSOM.
    browser.wait_for_tree(TREE, "the groups", |items| items.len() > 2);
    browser.tree_item(TREE, "Tier 1").click();
    browser.heading(1, "Tier 1");
    browser.by_role("navigation", "Group sections").by_role("link", "Members").click();
    browser.heading(2, "Members");
    assert_no_violation(&browser, "the organization tree and a group");
    browser.tree_item(TREE, "Northwind Support").click();
    browser.heading(1, "Northwind Support");

    for (tab, heading) in [
        ("Global Settings", "Two-step verification"),
        ("Members", "Members"),
        ("Audit log", "Audit log"),
    ] {
        browser.by_role("navigation", SECTIONS).by_role("link", tab).click();
        browser.heading(2, heading);
        assert_no_violation(&browser, tab);
    }
    browser.press_enter_on("my-account-link");
    browser.wait_for_path(ACCOUNT_PATH);
    browser.by_id("account-method");
    browser.press_enter_on("account-sign-out-everywhere");
    browser.by_role("dialog", SIGN_OUT_EVERYWHERE_TITLE);
    browser.by_role("button", "Cancel").click();
    assert_no_violation(&browser, "My account and its dialog");

    // The listener does see a violation: a style attribute, which the policy refuses.
    browser.execute("document.body.setAttribute('style', 'outline: 1px solid red');", Vec::new());
    let seen = twostep_e2e::wait_until("the deliberate violation", Duration::from_secs(5), || {
        let seen = violations(&browser);
        if seen.is_empty() { Err(seen) } else { Ok(seen) }
    })
    .unwrap_or_else(|e| panic!("{kind}: {e}"));
    assert!(
        seen.len() == 1 && seen[0].starts_with("style-src-attr"),
        "{kind}: the style attribute set on purpose is refused: {seen:?}"
    );
}

fn a_member_signs_out_everywhere_from_my_account(kind: BrowserKind) {
    let server = TestServer::start();
    let elsewhere = ApiSession::sign_in(&server, SAM, DEMO_PASSWORD);
    let browser = Browser::launch(kind);
    browser.sign_in_at(&server, ACCOUNT_PATH, SAM, DEMO_PASSWORD);
    browser.wait_for_path(ACCOUNT_PATH);
    browser.heading(2, "Your sessions");

    // With the keyboard: the button, its dialog with the focus on Cancel; Escape keeps every
    // session.
    browser.focus_with_keyboard("button", SIGN_OUT_EVERYWHERE, 40);
    browser.press(twostep_e2e::Key::Enter);
    browser.by_role("dialog", SIGN_OUT_EVERYWHERE_TITLE);
    browser.assert_focused("button", "Cancel");
    browser.assert_axe_clean("the confirmation of signing out everywhere");
    browser.press(twostep_e2e::Key::Escape);
    browser.wait_until_gone("sign-out-everywhere-title");
    assert_eq!(elsewhere.get("/api/v1/session").status, 200, "{kind}: cancelled, nothing ended");
    assert_eq!(browser.fetch("GET", "/api/v1/session").status, 200, "{kind}: still signed in");

    browser.press_enter_on("account-sign-out-everywhere");
    browser.by_role("dialog", SIGN_OUT_EVERYWHERE_TITLE);
    browser.focus_with_keyboard("button", SIGN_OUT_EVERYWHERE, 3);
    browser.press(twostep_e2e::Key::Enter);
    browser.wait_for_path("/sign-in");
    browser.heading(1, SIGN_IN_HEADING);
    let notice = browser.by_id("sign-in-notice");
    assert_eq!(notice.attribute("role").as_deref(), Some("status"), "{kind}");
    assert_eq!(notice.text(), "You were signed out on every browser and device.", "{kind}");
    browser.assert_axe_clean("the sign-in page after signing out everywhere");
    assert_eq!(browser.fetch("GET", "/api/v1/session").status, 401, "{kind}: this session ended");
    assert_eq!(elsewhere.get("/api/v1/session").status, 401, "{kind}: the other one too");

    // Signing in again works, and the notice goes.
    browser.submit_password_with_keyboard(SAM, DEMO_PASSWORD);
    browser.wait_for_path(ACCOUNT_PATH);
    browser.heading(2, "Your sessions");
    assert_eq!(browser.count_by_id("sign-in-notice"), 0, "{kind}");
}

in_every_browser!(
    the_console_keeps_to_its_content_security_policy,
    a_member_signs_out_everywhere_from_my_account,
);
