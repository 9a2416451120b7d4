//! Signing in to the console with the keyboard, the second step included: the code typed into
//! the page from the authenticator app (the server's `code` command, or the suite's own TOTP
//! from the key on the set-up screen), the SMS or email in the outbox, or the push notification
//! approved through its link. The elements of the second step are found by the ids the design
//! fixes (`#second-step`, `#second-step-code`, ...).

use std::time::Duration;

use serde_json::{Value, json};
use twostep_contract::{PendingSecondStep, PrimaryMethod, SecondStepKind, Vocabulary};

use crate::browser::Browser;
use crate::keyboard::Key;
use crate::outbox::{Channel, OutboxMark};
use crate::query::Element;
use crate::server::TestServer;
use crate::totp::Totp;
use crate::wait::wait_until;

/// How many methods there are: at most this many arrow key presses reach any of them.
const METHODS: usize = 4;

/// How long one look for an element may take.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

impl Browser {
    /// Fills the console's sign-in form (the page must show it) and submits it with Enter, as a
    /// person at the keyboard would: the first step only.
    #[track_caller]
    pub fn submit_password_with_keyboard(&self, email: &str, password: &str) {
        self.by_role("textbox", "Email").fill(email);
        self.by_role("textbox", "Password").fill(password);
        self.press(Key::Enter);
    }

    /// Signs in on the sign-in page with the keyboard: the password, then the second step if
    /// the server asks for one (see [`Browser::take_second_step_with_keyboard`]).
    #[track_caller]
    pub fn sign_in_with_keyboard(&self, server: &TestServer, email: &str, password: &str) {
        let since = server.outbox_mark();
        self.submit_password_with_keyboard(email, password);
        self.take_second_step_with_keyboard(server, &since);
    }

    /// Opens `path` of `server` signed out, signs in as `email` with the keyboard on the
    /// sign-in page it leads to (second step included), and waits to be back at `path` (its
    /// query included), where the sign-in page's `next` sends the person.
    #[track_caller]
    pub fn sign_in_at(&self, server: &TestServer, path: &str, email: &str, password: &str) {
        self.goto(&server.url(path));
        self.wait_for_path("/sign-in");
        self.sign_in_with_keyboard(server, email, password);
        self.wait_for_address(path);
    }

    /// After a right password was submitted on the sign-in page: waits until the console has
    /// signed in, or shows the second step and then takes it with the keyboard. To verify, it
    /// types the code of the method set up (from `twostep-server code`, or from the SMS or
    /// email sent after `since`) or approves the push notification; to set up, it chooses the
    /// authenticator app, computes the code from the key on the screen, and continues past the
    /// recovery codes. Returns when the second step has left the page.
    ///
    /// # Panics
    /// If the console neither signs in nor shows a second step, or a step fails.
    #[track_caller]
    pub fn take_second_step_with_keyboard(&self, server: &TestServer, since: &OutboxMark) {
        let wait = self.query_timeout.get();
        let second_step = wait_until("a session or a second step", wait, || {
            if self.count_by_id("second-step") == 1 {
                return Ok(true);
            }
            let path = self.current_path();
            if path.starts_with("/sign-in") { Err(path) } else { Ok(false) }
        });
        match second_step {
            Ok(false) => return,
            Ok(true) => {}
            Err(timed_out) => panic!(
                "{}: the sign-in page neither signed in nor showed #second-step: {timed_out}",
                self.kind()
            ),
        }
        let pending = self.pending_second_step();
        match pending.step {
            SecondStepKind::Verify => self.verify_with_keyboard(server, &pending, since),
            SecondStepKind::SetUp => {
                self.set_up_authenticator_with_keyboard();
            }
        }
        self.wait_until_gone("second-step");
    }

    /// The pending second step of this browser, as `GET /api/v1/session/second-step` answers
    /// it with the page's cookies.
    ///
    /// # Panics
    /// If there is none.
    #[track_caller]
    pub fn pending_second_step(&self) -> PendingSecondStep {
        let answer = self.fetch("GET", "/api/v1/session/second-step");
        assert_eq!(answer.status, 200, "{}: no pending second step: {answer:?}", self.kind());
        serde_json::from_str(&answer.body).unwrap_or_else(|error| {
            panic!("{}: not a pending second step ({error}): {answer:?}", self.kind())
        })
    }

    /// Takes the second step `pending` (a verify, shown in `#second-step`) with the keyboard:
    /// types the code of the authenticator app (from `twostep-server code`) or the one sent by
    /// SMS or email after `since`, or approves the push notification sent after `since`.
    ///
    /// # Panics
    /// If the code or the notification does not come, or the page does not take it.
    #[track_caller]
    pub fn verify_with_keyboard(
        &self,
        server: &TestServer,
        pending: &PendingSecondStep,
        since: &OutboxMark,
    ) {
        let method = *pending.methods.first().unwrap_or_else(|| {
            panic!("{}: a pending verify without a method: {pending:?}", self.kind())
        });
        let channel = match method {
            PrimaryMethod::AuthenticatorApp => {
                self.by_id("second-step-code");
                self.enter_code_with_keyboard(&server.code(&pending.email));
                return;
            }
            PrimaryMethod::Sms => Channel::Sms,
            PrimaryMethod::Email => Channel::Email,
            PrimaryMethod::LastpassNotification => Channel::Push,
        };
        let shown =
            if channel == Channel::Push { "second-step-waiting" } else { "second-step-code" };
        if self.first_shown(&[shown, "second-step-start"]) == "second-step-start" {
            self.press_enter_on("second-step-start");
        }
        self.by_id(shown);
        let to = (channel != Channel::Sms).then_some(pending.email.as_str());
        let message = server.outbox_message(channel, to, since);
        if channel == Channel::Push {
            let link = message.link().expect("a push notification has a link");
            let decided = server.decide_push(&link, true);
            assert_eq!(decided.status, 200, "{}: approving {link}: {decided:?}", self.kind());
        } else {
            self.enter_code_with_keyboard(&message.code().expect("the message has a code"));
        }
    }

    /// Sets up an authenticator app in the second step shown, with the keyboard: chooses the
    /// method, continues, computes the code from the key on the screen, types it, and continues
    /// past the recovery codes. Returns the key and the step of the code used.
    ///
    /// # Panics
    /// If a screen of the set-up does not show.
    #[track_caller]
    pub fn set_up_authenticator_with_keyboard(&self) -> (Totp, u64) {
        self.choose_method_with_keyboard(PrimaryMethod::AuthenticatorApp);
        self.press_enter_on("second-step-start");
        let totp = self.authenticator_key();
        let (step, code) = totp.next_code(None);
        self.enter_code_with_keyboard(&code);
        self.recovery_codes();
        self.press_enter_on("recovery-codes-done");
        (totp, step)
    }

    /// Checks the radio of `method` in the set-up's method choice with the arrow keys, from
    /// the radio checked now, as a keyboard user does once Tab has entered the group.
    ///
    /// # Panics
    /// If the method choice is not shown, or has no radio for `method`.
    #[track_caller]
    pub fn choose_method_with_keyboard(&self, method: PrimaryMethod) {
        let checked = "const radio = document.querySelector(
                           'input[name=\"second-step-method\"]:checked');
                       return radio ? radio.value : null;";
        let wait = self.query_timeout.get();
        let shown = wait_until("the method choice with a checked method", wait, || {
            self.execute(checked, Vec::new()).as_str().map(str::to_owned).ok_or(())
        });
        let mut value = shown.unwrap_or_else(|timed_out| {
            panic!("{}: {timed_out} (radios named second-step-method)", self.kind())
        });
        let radio = self.execute(
            "return document.querySelector('input[name=\"second-step-method\"]:checked');",
            Vec::new(),
        );
        self.focus_after_render(&radio, "the checked method");
        let mut seen = vec![value.clone()];
        for _ in 0..METHODS {
            if value == method.wire_name() {
                return;
            }
            self.press(Key::Down);
            value = self.execute(checked, Vec::new()).as_str().unwrap_or("").to_owned();
            seen.push(value.clone());
        }
        assert_eq!(
            value,
            method.wire_name(),
            "{}: the Down arrow went through {seen:?}, never to {}",
            self.kind(),
            method.wire_name()
        );
    }

    /// Types `code` into `#second-step-code` and submits it with Enter.
    #[track_caller]
    pub fn enter_code_with_keyboard(&self, code: &str) {
        self.by_id("second-step-code").fill(code);
        self.press(Key::Enter);
    }

    /// The key shown on the authenticator app's set-up screen (`#second-step-key`).
    ///
    /// # Panics
    /// If it is not shown or is not base32.
    #[track_caller]
    pub fn authenticator_key(&self) -> Totp {
        let shown = self.by_id("second-step-key").text();
        Totp::from_base32(&shown)
            .unwrap_or_else(|error| panic!("{}: the key on the screen: {error}", self.kind()))
    }

    /// The recovery codes shown after a set-up: the items of `#recovery-codes`.
    ///
    /// # Panics
    /// If the list is not shown.
    #[track_caller]
    pub fn recovery_codes(&self) -> Vec<String> {
        self.by_id("recovery-codes");
        let items = self.execute(
            "return [...document.querySelectorAll('#recovery-codes li')]
                 .map((item) => item.innerText.trim());",
            Vec::new(),
        );
        items
            .as_array()
            .map(|items| items.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default()
    }

    /// Moves focus to the element `#id` and presses Enter on it: a button activated from the
    /// keyboard.
    ///
    /// # Panics
    /// If the element is not shown.
    #[track_caller]
    pub fn press_enter_on(&self, id: &str) {
        let element = self.by_id(id);
        self.focus_after_render(&element.reference(), &format!("#{id}"));
        self.press(Key::Enter);
    }

    /// Moves focus to `element` (a WebDriver element reference) once the page has painted the
    /// frames already asked for: the console moves focus itself when a stage of the second
    /// step shows (on its next animation frame), and a focus given before that would be taken
    /// away again.
    ///
    /// # Panics
    /// If `element` does not take the focus.
    #[track_caller]
    fn focus_after_render(&self, element: &Value, what: &str) {
        let focused = self.execute_async(
            "const [element, done] = arguments;
             requestAnimationFrame(() => requestAnimationFrame(() => {
               element.focus();
               done(document.activeElement === element);
             }));",
            vec![element.clone()],
        );
        assert_eq!(focused, Value::Bool(true), "{}: {what} does not take the focus", self.kind());
    }

    /// Waits for the visible element with id `id` (for the anchors the design fixes, such as
    /// `second-step-code`), up to the query timeout.
    ///
    /// # Panics
    /// If there is none visible when the time is up.
    #[track_caller]
    pub fn by_id(&self, id: &str) -> Element<'_> {
        let wait = self.query_timeout.get();
        let found = wait_until(&format!("#{id}"), wait, || {
            // A page that re-renders may replace the element while it is being returned
            // (WebKit then reports a stale element): look again.
            let found =
                self.within(COMMAND_TIMEOUT, self.client().execute(VISIBLE_BY_ID, vec![json!(id)]));
            match found {
                Some(Ok(found)) if !found.is_null() => Ok(found),
                other => Err(other.map(|answer| answer.map_err(|error| error.to_string()))),
            }
        });
        match found {
            Ok(reference) => self.element_from_reference(&reference, &format!("#{id}")),
            Err(timed_out) => panic!(
                "{}: no visible #{id} on {} after {wait:?} (last look: {:?})",
                self.kind(),
                self.current_url(),
                timed_out.last
            ),
        }
    }

    /// 1 if the element with id `id` is visible right now, else 0 (no waiting).
    ///
    /// # Panics
    /// If the page cannot be queried.
    #[track_caller]
    pub fn count_by_id(&self, id: &str) -> usize {
        let script = format!("return (() => {{ {VISIBLE_BY_ID} }})() !== null;");
        usize::from(self.execute(&script, vec![json!(id)]) == Value::Bool(true))
    }

    /// Waits until the element with id `id` is no longer visible.
    ///
    /// # Panics
    /// If it still is after the query timeout.
    #[track_caller]
    pub fn wait_until_gone(&self, id: &str) {
        let wait = self.query_timeout.get();
        let gone = wait_until(&format!("#{id} gone"), wait, || {
            if self.count_by_id(id) == 0 { Ok(()) } else { Err(self.current_url()) }
        });
        if let Err(timed_out) = gone {
            panic!("{}: #{id} still shows: {timed_out}", self.kind());
        }
    }

    /// Waits until one of the elements with the ids `ids` is visible and returns its id.
    #[track_caller]
    fn first_shown<'i>(&self, ids: &[&'i str]) -> &'i str {
        let wait = self.query_timeout.get().max(Duration::from_secs(1));
        let shown = wait_until(&format!("one of #{}", ids.join(", #")), wait, || {
            ids.iter().find(|id| self.count_by_id(id) == 1).copied().ok_or(())
        });
        shown.unwrap_or_else(|timed_out| panic!("{}: {timed_out}", self.kind()))
    }
}

/// The element with id `arguments[0]` if it is rendered and not hidden, else `null`.
const VISIBLE_BY_ID: &str = "const element = document.getElementById(arguments[0]);
    if (!element || element.getClientRects().length === 0) return null;
    return getComputedStyle(element).visibility === 'hidden' ? null : element;";
