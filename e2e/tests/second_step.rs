//! Signing in obeys the policy, end to end: an administrator sets up an
//! authenticator app from the key on the screen (the test computes the codes with its own
//! TOTP), keeps her recovery codes and signs in again with a code; a wrong code, a reused code
//! and a spent recovery code are refused. A method change through the warning dialog and a
//! forced group make members set up again: by email and by SMS with the code from the outbox,
//! and with the LastPass notification approved through its link; a technician lands on My
//! account, without the Admin Center, and changes the password with a fresh second step, which
//! ends his other session. From My account, a member regenerates her recovery codes (the old
//! ones then fail at sign-in, the new ones work) and changes her method to email, and the
//! audit log shows both. The Members tab shows each state, every second-step screen and My
//! account are clean for axe-core, and a pending sign-in gets 401 from everything else. Each
//! browser scenario runs in Chromium, Firefox and WebKit with its own server.

#![warn(missing_docs)]

use serde_json::json;
use twostep_contract::{
    Account, PrimaryMethod, RecoveryCodes, SecondStepKind, SecondStepPurpose, Vocabulary,
};
use twostep_e2e::demo::{INES, LEO, MAYA, SAM};
use twostep_e2e::{
    ApiSession, Browser, BrowserKind, Channel, DEMO_PASSWORD, PasswordAccepted, Table, TestServer,
    in_every_browser,
};

/// Sam's phone, as he types it and as the server writes it (Ofcom's range for drama).
const SAM_PHONE_TYPED: &str = "+44 7700 900123";
const SAM_PHONE: &str = "+447700900123";
const NEW_PASSWORD: &str = "a-new-Twostep-password-2026";

const SIGN_IN_HEADING: &str = "Sign in to Twostep Admin";
const GLOBAL_SETTINGS: &str = "/organization/global-settings";
const MEMBERS_PATH: &str = "/organization/members";
const ACCOUNT_PATH: &str = "/account";
const MEMBERS: &str = "Members";
const RESET_TITLE: &str = "Reset two-step verification for everyone?";
const RESET_CONFIRM: &str = "Change method and reset";
const APPLIED: &str = "Settings applied to the selected users of your organization.";
const NOT_SET_UP: &str = "Not set up";
const AUDIT_LOG_PATH: &str = "/organization/audit-log";
const AUDIT_LOG: &str = "Audit log";
const REGENERATE_TITLE: &str = "Replace your recovery codes?";
const REGENERATE_CONFIRM: &str = "Replace my recovery codes";

/// The method's name in the console.
fn method_label(method: PrimaryMethod) -> &'static str {
    match method {
        PrimaryMethod::LastpassNotification => "LastPass Authenticator app notification",
        PrimaryMethod::AuthenticatorApp => "Authenticator app",
        PrimaryMethod::Sms => "SMS verification",
        PrimaryMethod::Email => "Email verification",
    }
}

/// Signs out with the header's button and waits for the sign-in page.
fn sign_out(browser: &Browser) {
    browser.by_role("button", "Sign out").click();
    browser.wait_for_path("/sign-in");
    browser.heading(1, SIGN_IN_HEADING);
}

/// The set-up's method choice as shown: the radios' methods in order, and the checked one.
fn method_choice(browser: &Browser) -> (Vec<String>, Option<String>) {
    browser.by_id("second-step-start");
    let shown = browser.execute(
        "const radios = [...document.querySelectorAll('input[name=\"second-step-method\"]')];
         const checked = radios.find((radio) => radio.checked);
         return [radios.map((radio) => radio.value), checked ? checked.value : null];",
        Vec::new(),
    );
    let order = shown[0]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|value| value.as_str().map(str::to_owned))
        .collect();
    (order, shown[1].as_str().map(str::to_owned))
}

/// Fails unless the set-up offers every method with `primary` first and checked.
fn assert_primary_offered_first(browser: &Browser, primary: PrimaryMethod) {
    let (order, checked) = method_choice(browser);
    let kind = browser.kind();
    assert_eq!(order.len(), 4, "{kind}: every method is offered: {order:?}");
    assert_eq!(order[0], primary.wire_name(), "{kind}: the primary method first: {order:?}");
    assert_eq!(checked.as_deref(), Some(primary.wire_name()), "{kind}: and checked");
}

/// Fails unless `#second-step-error` is shown as an alert that talks about the code.
fn assert_code_refused(browser: &Browser, what: &str) {
    let kind = browser.kind();
    let error = browser.by_id("second-step-error");
    assert_eq!(error.attribute("role").as_deref(), Some("alert"), "{kind}: {what}: an alert");
    let text = error.text();
    assert!(text.to_lowercase().contains("code"), "{kind}: {what}: the error says {text:?}");
    let path = browser.current_path();
    assert!(path.starts_with("/sign-in"), "{kind}: {what}: still signing in, at {path}");
}

/// The Members table, once it lists every one of `names`.
fn members_table(browser: &Browser, names: &[&str]) -> Table {
    browser.wait_for_table(MEMBERS, "the members of the scenario", |table| {
        names.iter().all(|name| table.row_where("Name", name).is_some())
    })
}

/// Fails unless the Members table shows `name` with `set_up` ("Set up" or "Not set up") and
/// `method` ("—" when none).
fn assert_member_state(table: &Table, name: &str, set_up: &str, method: &str) {
    let row = table.row_where("Name", name).unwrap_or_else(|| panic!("{name} in {table:#?}"));
    assert_eq!(
        (table.cell(row, "Set up"), table.cell(row, "Method")),
        (set_up, method),
        "the Members tab's row of {name}: {row:?}"
    );
}

/// The signed-in person's account, as the browser's session reads it.
fn account(browser: &Browser) -> Account {
    let answer = browser.fetch("GET", "/api/v1/account");
    assert_eq!(answer.status, 200, "{}: GET /account: {answer:?}", browser.kind());
    serde_json::from_str(&answer.body).expect("an account")
}

fn an_administrator_sets_up_an_authenticator_app_and_signs_in_with_it(kind: BrowserKind) {
    let server = TestServer::start();
    let browser = Browser::launch(kind);
    browser.goto(&server.url("/organization"));
    browser.wait_for_path("/sign-in");

    // Inès is required (all administrators) and has nothing set up: the set-up offers the
    // organization's primary method, the authenticator app, first.
    browser.submit_password_with_keyboard(INES, DEMO_PASSWORD);
    browser.by_id("second-step");
    let pending = browser.pending_second_step();
    assert_eq!((pending.purpose, pending.step), (SecondStepPurpose::SignIn, SecondStepKind::SetUp));
    assert_primary_offered_first(&browser, PrimaryMethod::AuthenticatorApp);
    browser.assert_axe_clean("the choice of a method to set up");
    browser.press_enter_on("second-step-start");

    // The QR code and the key in groups of four; the test is her authenticator app.
    let qr = browser.by_id("second-step-qr");
    let has_svg =
        browser.execute("return arguments[0].querySelector('svg') !== null;", vec![qr.reference()]);
    assert_eq!(has_svg, json!(true), "{kind}: the QR code is the server's SVG");
    let key = browser.by_id("second-step-key").text();
    let groups: Vec<&str> = key.split_whitespace().collect();
    assert!(
        groups.len() > 1 && groups[..groups.len() - 1].iter().all(|group| group.len() == 4),
        "{kind}: the key in groups of four: {key:?}"
    );
    let totp = browser.authenticator_key();
    assert_eq!(totp.key().len(), 20, "{kind}: a 160-bit key: {key:?}");
    let input = browser.by_id("second-step-code");
    assert_eq!(input.attribute("autocomplete").as_deref(), Some("one-time-code"), "{kind}");
    assert_eq!(input.attribute("inputmode").as_deref(), Some("numeric"), "{kind}");
    browser.assert_axe_clean("the authenticator app set-up with its QR code and key");

    // A wrong code is refused and says so; the right one shows ten recovery codes, once.
    browser.enter_code_with_keyboard(&totp.wrong_code());
    assert_code_refused(&browser, "a wrong code");
    browser.assert_axe_clean("the set-up with a wrong code");
    let (set_up_step, code) = totp.next_code(None);
    browser.enter_code_with_keyboard(&code);
    let recovery_codes = browser.recovery_codes();
    assert_eq!(recovery_codes.len(), 10, "{kind}: ten recovery codes: {recovery_codes:?}");
    let mut distinct = recovery_codes.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), 10, "{kind}: all different: {recovery_codes:?}");
    browser.assert_axe_clean("the recovery codes after the set-up");
    browser.press_enter_on("recovery-codes-done");
    browser.wait_for_path("/organization");
    browser.text_visible("Inès Duarte");
    sign_out(&browser);

    // Her next sign-in asks for a code of the app, and takes one of a later step.
    browser.submit_password_with_keyboard(INES, DEMO_PASSWORD);
    browser.by_id("second-step-code");
    let pending = browser.pending_second_step();
    assert_eq!(pending.step, SecondStepKind::Verify, "{kind}: {pending:?}");
    assert_eq!(pending.methods, [PrimaryMethod::AuthenticatorApp], "{kind}: {pending:?}");
    assert_eq!(pending.recovery_codes_left, 10, "{kind}: {pending:?}");
    browser.assert_axe_clean("the second step asking for a code");
    let (verify_step, used_code) = totp.next_code(Some(set_up_step));
    browser.enter_code_with_keyboard(&used_code);
    browser.wait_for_path("/organization");
    sign_out(&browser);

    // A code is accepted once only; a recovery code gets her in instead.
    browser.submit_password_with_keyboard(INES, DEMO_PASSWORD);
    browser.enter_code_with_keyboard(&used_code);
    assert_code_refused(&browser, "a code used before");
    browser.press_enter_on("second-step-use-recovery");
    browser.by_id("second-step-recovery-code").fill(&recovery_codes[0]);
    browser.press(twostep_e2e::Key::Enter);
    browser.wait_for_path("/organization");
    sign_out(&browser);

    // That recovery code is spent; after cancelling, a fresh code gets her in.
    browser.submit_password_with_keyboard(INES, DEMO_PASSWORD);
    browser.press_enter_on("second-step-use-recovery");
    browser.by_id("second-step-recovery-code").fill(&recovery_codes[0]);
    browser.press(twostep_e2e::Key::Enter);
    let error = browser.by_id("second-step-error");
    assert_eq!(error.attribute("role").as_deref(), Some("alert"), "{kind}: a spent recovery code");
    browser.press_enter_on("second-step-cancel");
    browser.by_role("textbox", "Password");
    assert_eq!(browser.count_by_id("second-step"), 0, "{kind}: Cancel leaves the second step");
    browser.submit_password_with_keyboard(INES, DEMO_PASSWORD);
    let (_, fresh_code) = totp.next_code(Some(verify_step));
    browser.enter_code_with_keyboard(&fresh_code);
    browser.wait_for_path("/organization");

    // My account shows her setup; nine recovery codes are left.
    browser.press_enter_on("my-account-link");
    browser.wait_for_path(ACCOUNT_PATH);
    let method = browser.by_id("account-method").text();
    assert!(method.contains("Authenticator app"), "{kind}: My account shows {method:?}");
    assert!(!browser.by_id("account-enrolled-at").text().trim().is_empty(), "{kind}: since when");
    let account = account(&browser);
    assert_eq!(
        (account.method, account.required, account.recovery_codes_left),
        (Some(PrimaryMethod::AuthenticatorApp), true, 9),
        "{kind}: {account:?}"
    );
    browser.assert_axe_clean("My account");
}

fn a_method_change_and_a_forced_group_ask_members_to_set_up_again(kind: BrowserKind) {
    let server = TestServer::start();
    // Maya's session through the API stays open across the reset of her own setup.
    let maya = ApiSession::sign_in(&server, MAYA, DEMO_PASSWORD);
    let browser = Browser::launch(kind);
    browser.sign_in_at(&server, GLOBAL_SETTINGS, MAYA, DEMO_PASSWORD);

    // The seeded policy requires every administrator to use the authenticator app; Maya
    // changes the method to email through the warning dialog.
    browser.heading(2, "Two-step verification");
    for (group, label) in [
        ("Administrators", "All administrators"),
        ("Primary verification method", "Authenticator app"),
    ] {
        assert!(
            browser.by_role("group", group).by_role("radio", label).is_checked(),
            "{kind}: {group} shows {label:?}"
        );
    }
    browser.by_role("radio", method_label(PrimaryMethod::Email)).click();
    browser.by_role("button", "Save changes").click();
    browser.by_role("dialog", RESET_TITLE).by_role("button", RESET_CONFIRM).click();
    browser.by_role_with_text("status", APPLIED);

    // She forces two-step verification in EMEA, Sam's group.
    let emea = maya
        .technician_groups()
        .into_iter()
        .find(|group| group.name == "EMEA")
        .expect("the seed has EMEA");
    let (_, etag) = maya.technician_group(emea.id);
    let forced = maya.patch_technician_group(emea.id, true, &etag);
    assert_eq!(forced.status, 200, "{kind}: forcing EMEA: {forced:?}");

    // The Members tab: Inès and Sam have nothing set up.
    browser.goto(&server.url(MEMBERS_PATH));
    let table = members_table(&browser, &["Inès Duarte", "Sam Okafor"]);
    assert_member_state(&table, "Inès Duarte", NOT_SET_UP, "—");
    assert_member_state(&table, "Sam Okafor", NOT_SET_UP, "—");
    sign_out(&browser);

    // Inès's next sign-in asks her to set up email, now the primary method.
    let since = server.outbox_mark();
    browser.submit_password_with_keyboard(INES, DEMO_PASSWORD);
    browser.by_id("second-step");
    assert_primary_offered_first(&browser, PrimaryMethod::Email);
    browser.press_enter_on("second-step-start");
    let email = server.outbox_message(Channel::Email, Some(INES), &since);
    browser.by_id("second-step-resend");
    browser.assert_axe_clean("the code entry of an email set-up");
    browser.enter_code_with_keyboard(&email.code().expect("the email has a code"));
    assert_eq!(browser.recovery_codes().len(), 10, "{kind}: recovery codes after email");
    browser.press_enter_on("recovery-codes-done");
    browser.wait_for_path("/organization");
    sign_out(&browser);

    // Sam, a technician of the forced group, sets up SMS with his phone number.
    let since = server.outbox_mark();
    browser.submit_password_with_keyboard(SAM, DEMO_PASSWORD);
    browser.by_id("second-step");
    assert_eq!(browser.pending_second_step().step, SecondStepKind::SetUp, "{kind}: Sam sets up");
    browser.choose_method_with_keyboard(PrimaryMethod::Sms);
    let phone = browser.by_id("second-step-phone");
    assert_eq!(phone.attribute("type").as_deref(), Some("tel"), "{kind}: a phone field");
    phone.fill("07700 900123");
    browser.press_enter_on("second-step-start");
    let refused = browser.by_id("second-step-error").text();
    assert!(refused.contains("international form"), "{kind}: the error says {refused:?}");
    browser.assert_axe_clean("the SMS set-up with a number not in international form");
    browser.by_id("second-step-phone").fill(SAM_PHONE_TYPED);
    browser.press_enter_on("second-step-start");
    let sms = server.outbox_message(Channel::Sms, Some(SAM_PHONE), &since);
    browser.enter_code_with_keyboard(&sms.code().expect("the SMS has a code"));
    assert_eq!(browser.recovery_codes().len(), 10, "{kind}: recovery codes after SMS");
    browser.press_enter_on("recovery-codes-done");

    // A technician lands on My account and sees nothing of the Admin Center.
    browser.wait_for_path(ACCOUNT_PATH);
    let method = browser.by_id("account-method").text();
    assert!(method.contains(method_label(PrimaryMethod::Sms)), "{kind}: Sam's method: {method:?}");
    assert_eq!(browser.count_by_role("link", "Global Settings"), 0, "{kind}: no Global Settings");
    assert_eq!(browser.count_by_role("navigation", "Organization tree"), 0, "{kind}: no tree");
    assert_eq!(browser.count_by_role("link", MEMBERS), 0, "{kind}: no Members tab");
    browser.assert_axe_clean("My account of a technician");

    // His password change asks for a fresh code, and ends his other session.
    let other_session = ApiSession::sign_in(&server, SAM, DEMO_PASSWORD);
    assert_eq!(other_session.get("/api/v1/account").status, 200, "{kind}: Sam's other session");
    let since = server.outbox_mark();
    browser.by_id("account-current-password").fill(DEMO_PASSWORD);
    browser.by_id("account-new-password").fill(NEW_PASSWORD);
    browser.by_id("account-confirm-password").fill(NEW_PASSWORD);
    browser.press_enter_on("account-change-password");
    browser.by_id("second-step");
    let pending = browser.pending_second_step();
    assert_eq!(
        (pending.purpose, pending.step, pending.methods.as_slice()),
        (SecondStepPurpose::PasswordChange, SecondStepKind::Verify, &[PrimaryMethod::Sms][..]),
        "{kind}: {pending:?}"
    );
    browser.assert_axe_clean("the second step of a password change");
    browser.verify_with_keyboard(&server, &pending, &since);
    let status = browser.by_id("account-password-status");
    assert_eq!(status.attribute("role").as_deref(), Some("status"), "{kind}");
    browser.wait_until_gone("second-step");
    assert!(status.text().to_lowercase().contains("changed"), "{kind}: {:?}", status.text());
    assert_eq!(other_session.get("/api/v1/session").status, 401, "{kind}: the other session ended");
    assert_eq!(account(&browser).method, Some(PrimaryMethod::Sms), "{kind}: this one stays");
    sign_out(&browser);

    // Leo, reset by the method change, chooses the LastPass notification and approves it on
    // his "phone": the link in the outbox.
    let since = server.outbox_mark();
    browser.submit_password_with_keyboard(LEO, DEMO_PASSWORD);
    browser.by_id("second-step");
    browser.choose_method_with_keyboard(PrimaryMethod::LastpassNotification);
    browser.press_enter_on("second-step-start");
    browser.by_id("second-step-waiting");
    browser.by_id("second-step-other-method");
    browser.assert_axe_clean("waiting for the approval on the phone");
    let push = server.outbox_message(Channel::Push, Some(LEO), &since);
    let approved = server.decide_push(&push.link().expect("the push has a link"), true);
    assert_eq!(approved.status, 200, "{kind}: approving: {approved:?}");
    assert_eq!(browser.recovery_codes().len(), 10, "{kind}: recovery codes after the push");
    browser.press_enter_on("recovery-codes-done");
    browser.wait_until_gone("second-step");

    // The Members tab, seen by Leo, shows who set up what; Maya has not signed in again.
    browser.goto(&server.url(MEMBERS_PATH));
    let names = ["Inès Duarte", "Sam Okafor", "Leo Martin", "Maya Patel"];
    let table = members_table(&browser, &names);
    assert_member_state(&table, "Inès Duarte", "Set up", method_label(PrimaryMethod::Email));
    assert_member_state(&table, "Sam Okafor", "Set up", method_label(PrimaryMethod::Sms));
    let lastpass = method_label(PrimaryMethod::LastpassNotification);
    assert_member_state(&table, "Leo Martin", "Set up", lastpass);
    assert_member_state(&table, "Maya Patel", NOT_SET_UP, "—");
}

fn a_member_regenerates_codes_and_changes_the_method_from_my_account(kind: BrowserKind) {
    let server = TestServer::start();
    // The recovery codes Maya holds before: the ones her own regeneration through the API gave.
    let maya = ApiSession::sign_in(&server, MAYA, DEMO_PASSWORD);
    let answer = maya.call("POST", "/api/v1/account/recovery-codes", Some(json!({})));
    assert_eq!(answer.status, 200, "{kind}: Maya's first codes: {answer:?}");
    let old: RecoveryCodes = serde_json::from_str(&answer.body).expect("recovery codes");

    // From My account, with the keyboard, she replaces them after a confirmation.
    let browser = Browser::launch(kind);
    browser.sign_in_at(&server, "/organization", MAYA, DEMO_PASSWORD);
    browser.press_enter_on("my-account-link");
    browser.wait_for_path(ACCOUNT_PATH);
    browser.press_enter_on("account-regenerate-codes");
    browser.by_role("dialog", REGENERATE_TITLE);
    browser.assert_focused("button", "Cancel");
    browser.assert_axe_clean("the confirmation of new recovery codes");
    browser.focus_with_keyboard("button", REGENERATE_CONFIRM, 3);
    browser.press(twostep_e2e::Key::Enter);
    let codes = browser.recovery_codes();
    assert_eq!(codes.len(), 10, "{kind}: ten new recovery codes: {codes:?}");
    assert!(
        codes.iter().all(|code| !old.recovery_codes.contains(code)),
        "{kind}: all new: {codes:?} after {:?}",
        old.recovery_codes
    );
    browser.press_enter_on("recovery-codes-done");
    browser.wait_until_gone("recovery-codes");
    assert_eq!(browser.by_id("account-recovery-codes-left").text(), "10", "{kind}");
    sign_out(&browser);

    // At her next sign-in an old code is refused and a new one lets her in.
    browser.submit_password_with_keyboard(MAYA, DEMO_PASSWORD);
    browser.press_enter_on("second-step-use-recovery");
    browser.by_id("second-step-recovery-code").fill(&old.recovery_codes[0]);
    browser.press(twostep_e2e::Key::Enter);
    let error = browser.by_id("second-step-error");
    assert_eq!(error.attribute("role").as_deref(), Some("alert"), "{kind}: an old recovery code");
    browser.by_id("second-step-recovery-code").fill(&codes[0]);
    browser.press(twostep_e2e::Key::Enter);
    browser.wait_until_gone("second-step");

    // She changes her method to email from My account, with the code from the outbox.
    browser.press_enter_on("my-account-link");
    browser.wait_for_path(ACCOUNT_PATH);
    let since = server.outbox_mark();
    browser.press_enter_on("account-set-up");
    browser.choose_method_with_keyboard(PrimaryMethod::Email);
    browser.press_enter_on("second-step-start");
    let email = server.outbox_message(Channel::Email, Some(MAYA), &since);
    browser.enter_code_with_keyboard(&email.code().expect("the email has a code"));
    let after_change = browser.recovery_codes();
    assert_eq!(after_change.len(), 10, "{kind}: new recovery codes: {after_change:?}");
    assert!(after_change.iter().all(|code| !codes.contains(code)), "{kind}: {after_change:?}");
    browser.press_enter_on("recovery-codes-done");
    browser.wait_until_gone("second-step");
    let method = browser.by_id("account-method").text();
    assert!(method.contains(method_label(PrimaryMethod::Email)), "{kind}: now {method:?}");

    // The audit log, newest first: her method change, then the codes she regenerated.
    browser.goto(&server.url(AUDIT_LOG_PATH));
    let log = browser.wait_for_table(AUDIT_LOG, "her two changes on top", |table| {
        table.rows.first().is_some_and(|row| table.cell(row, "What").starts_with("Changed from"))
    });
    let what: Vec<(&str, &str)> =
        log.rows.iter().take(2).map(|row| (log.cell(row, "Who"), log.cell(row, "What"))).collect();
    assert_eq!(
        what,
        [
            ("Maya Patel", "Changed from Authenticator app to Email verification"),
            ("Maya Patel", "Regenerated recovery codes"),
        ],
        "{kind}: {log:#?}"
    );
}

/// Not a browser scenario: the REST API alone.
#[test]
fn a_pending_sign_in_gets_401_from_everything_else() {
    let server = TestServer::start();
    let PasswordAccepted::SecondStep(pending) =
        ApiSession::submit_password(&server, MAYA, DEMO_PASSWORD)
    else {
        panic!("Maya, required and set up, must verify");
    };
    let step = pending.pending();
    assert_eq!((step.purpose, step.step), (SecondStepPurpose::SignIn, SecondStepKind::Verify));
    assert_eq!(step.methods, [PrimaryMethod::AuthenticatorApp], "{step:?}");
    let client = pending.client();
    assert_eq!(client.get("/api/v1/session/second-step").status, 200, "the step itself answers");

    for path in [
        "/api/v1/session",
        "/api/v1/two-step-verification/policy",
        "/api/v1/technician-groups",
        "/api/v1/members",
        "/api/v1/audit-events",
        "/api/v1/account",
    ] {
        let answer = client.get(path);
        assert_eq!(answer.status, 401, "GET {path} with only a pending sign-in: {answer:?}");
    }
    let settings = json!({
        "administrators": "none",
        "technicians": "none",
        "primary_method": "authenticator_app",
    });
    for (method, path, body) in [
        ("PUT", "/api/v1/two-step-verification/policy", settings),
        ("POST", "/api/v1/members/two-step-reset", json!({"member_ids": [1]})),
        ("POST", "/api/v1/account/recovery-codes", json!({})),
    ] {
        let answer = client.call_with_headers(method, path, &[("if-match", "\"1\"")], Some(body));
        assert_eq!(answer.status, 401, "{method} {path} with only a pending sign-in: {answer:?}");
    }

    // The second step, taken, opens a session that may do what the pending one could not.
    let done = pending.complete_with_code(&server.code(MAYA));
    let (maya, _) = pending.finish(&server, &done);
    assert_eq!(maya.get("/api/v1/session").status, 200);
    assert_eq!(maya.policy().0.settings, twostep_e2e::NORTHWIND_SEEDED_POLICY);
}

in_every_browser!(
    an_administrator_sets_up_an_authenticator_app_and_signs_in_with_it,
    a_method_change_and_a_forced_group_ask_members_to_set_up_again,
    a_member_regenerates_codes_and_changes_the_method_from_my_account,
);
