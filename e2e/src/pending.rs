//! The second step of signing in through the REST API: a pending sign-in holds only the
//! `twostep_pending` cookie, and takes the second step under `/api/v1/session/second-step`.

use std::time::{Duration, Instant};

use serde_json::json;
use twostep_contract::{
    PENDING_COOKIE, PendingSecondStep, PrimaryMethod, SecondStepAnswer, SecondStepChallenge,
    SecondStepDone, SecondStepKind,
};

use crate::api::{ApiSession, parse};
use crate::http::Answer;
use crate::outbox::Channel;
use crate::server::TestServer;
use crate::totp::Totp;
use crate::wait::wait_until;

const START: &str = "/api/v1/session/second-step/start";
const COMPLETE: &str = "/api/v1/session/second-step/complete";

/// How long a code sent through the API must still be accepted after it is printed: the call
/// goes out at once.
const API_MARGIN: Duration = Duration::from_secs(1);

/// How long a push notification may stay unanswered before the test gives up: the server
/// long-polls each `complete` call up to 20 seconds.
const APPROVAL_WAIT: Duration = Duration::from_secs(60);

/// A sign-in whose password was right and whose second step is still to take: a client with
/// the pending cookie and the pending step's CSRF token.
#[derive(Debug)]
pub struct PendingSignIn {
    client: ApiSession,
    pending: PendingSecondStep,
}

/// A second step taken by setting up an authenticator app, with what a person would keep.
#[derive(Debug)]
pub struct AuthenticatorSetUp {
    /// The session the set-up opened.
    pub session: ApiSession,
    /// The key, as the authenticator app holds it.
    pub totp: Totp,
    /// The step of the code that completed the set-up (the next code must be of a later one).
    pub step: u64,
    /// The ten recovery codes shown once.
    pub recovery_codes: Vec<String>,
}

impl PendingSignIn {
    /// The pending sign-in that the `202` answer `answer` of `POST /session` started.
    #[track_caller]
    pub(crate) fn from_answer(server: &TestServer, answer: &Answer) -> Self {
        let cookie = answer
            .set_cookie(PENDING_COOKIE)
            .unwrap_or_else(|| panic!("a 202 without a {PENDING_COOKIE} cookie: {answer:?}"));
        let pending: PendingSecondStep = parse(answer);
        let client = ApiSession::from_parts(server, cookie, pending.csrf_token.clone());
        Self { client, pending }
    }

    /// The pending step as the server described it: set up or verify, the methods, the member.
    pub fn pending(&self) -> &PendingSecondStep {
        &self.pending
    }

    /// A client that sends the pending cookie and the pending step's CSRF token, and nothing
    /// else: to check what a pending sign-in may not do.
    pub fn client(&self) -> &ApiSession {
        &self.client
    }

    /// `POST /session/second-step/start` with `method` (and `phone_number` for SMS), answered
    /// as is.
    ///
    /// # Panics
    /// If the request cannot be made.
    #[track_caller]
    pub fn start(&self, method: PrimaryMethod, phone_number: Option<&str>) -> Answer {
        let mut body = json!({"method": method});
        if let Some(phone_number) = phone_number {
            body["phone_number"] = json!(phone_number);
        }
        self.client.call("POST", START, Some(body))
    }

    /// `POST /session/second-step/complete` with `answer`, answered as is.
    ///
    /// # Panics
    /// If the request cannot be made.
    #[track_caller]
    pub fn complete(&self, answer: &SecondStepAnswer) -> Answer {
        let body = serde_json::to_value(answer).expect("an answer serializes");
        self.client.call("POST", COMPLETE, Some(body))
    }

    /// `complete` with `code`, answered as is.
    ///
    /// # Panics
    /// If the request cannot be made.
    #[track_caller]
    pub fn complete_with_code(&self, code: &str) -> Answer {
        self.complete(&SecondStepAnswer { code: Some(code.to_owned()), recovery_code: None })
    }

    /// `complete` with the recovery code `recovery_code`, answered as is.
    ///
    /// # Panics
    /// If the request cannot be made.
    #[track_caller]
    pub fn complete_with_recovery_code(&self, recovery_code: &str) -> Answer {
        let answer = SecondStepAnswer { code: None, recovery_code: Some(recovery_code.to_owned()) };
        self.complete(&answer)
    }

    /// The session that the successful `complete` answer `done` opened, and that answer.
    ///
    /// # Panics
    /// If `done` is not a 200 with a session cookie.
    #[track_caller]
    pub fn finish(&self, server: &TestServer, done: &Answer) -> (ApiSession, SecondStepDone) {
        assert_eq!(done.status, 200, "the second step of {} failed: {done:?}", self.pending.email);
        let body: SecondStepDone = parse(done);
        let session = ApiSession::from_session_answer(server, done, |json| {
            json["session"]["csrf_token"].as_str().map(str::to_owned)
        });
        (session, body)
    }

    /// Takes the second step as the member would, whatever it is: to verify, with the code
    /// that `twostep-server code` prints (authenticator app), the code sent to the outbox (SMS,
    /// email) or by approving the push notification in the outbox; to set up, with an
    /// authenticator app whose code the test computes from the key the server returns.
    ///
    /// # Panics
    /// If any call fails.
    #[track_caller]
    pub fn take_second_step(self, server: &TestServer) -> ApiSession {
        if self.pending.step == SecondStepKind::SetUp {
            return self.set_up_authenticator(server).session;
        }
        let email = self.pending.email.clone();
        let method = *self.pending.methods.first().unwrap_or_else(|| {
            panic!("the pending verify of {email} offers no method: {:?}", self.pending)
        });
        let done = match method {
            PrimaryMethod::AuthenticatorApp => {
                self.complete_with_code(&server.code_lasting(&email, API_MARGIN))
            }
            PrimaryMethod::Sms | PrimaryMethod::Email => {
                let (channel, to) = match method {
                    PrimaryMethod::Sms => (Channel::Sms, None),
                    _ => (Channel::Email, Some(email.as_str())),
                };
                let mark = server.outbox_mark();
                self.start_sending(method);
                let message = server.outbox_message(channel, to, &mark);
                self.complete_with_code(&message.code().expect("a message with a code"))
            }
            PrimaryMethod::LastpassNotification => {
                let mark = server.outbox_mark();
                self.start_sending(method);
                let message = server.outbox_message(Channel::Push, Some(&email), &mark);
                let link = message.link().expect("a push with a link");
                let approved = server.decide_push(&link, true);
                assert_eq!(approved.status, 200, "approving {link}: {approved:?}");
                self.wait_for_approval()
            }
        };
        self.finish(server, &done).0
    }

    /// Sets up an authenticator app: starts it, reads the key the server returns, and completes
    /// with the code the test computes from it.
    ///
    /// # Panics
    /// If the pending step is not a set-up, or any call fails.
    #[track_caller]
    pub fn set_up_authenticator(&self, server: &TestServer) -> AuthenticatorSetUp {
        let started = self.start(PrimaryMethod::AuthenticatorApp, None);
        assert_eq!(started.status, 200, "starting an authenticator app set-up: {started:?}");
        let challenge: SecondStepChallenge = parse(&started);
        let setup = challenge
            .authenticator
            .unwrap_or_else(|| panic!("an authenticator set-up without a key: {started:?}"));
        let totp = Totp::from_base32(&setup.key).unwrap_or_else(|error| panic!("{error}"));
        let (step, code) = totp.next_code(None);
        let done = self.complete_with_code(&code);
        let (session, body) = self.finish(server, &done);
        AuthenticatorSetUp { session, totp, step, recovery_codes: body.recovery_codes }
    }

    /// `start` for a method that sends something, once more after the cooldown if the server
    /// answers that it sent one too recently.
    #[track_caller]
    fn start_sending(&self, method: PrimaryMethod) {
        let mut answer = self.start(method, None);
        if answer.status == 429
            && let Some(seconds) = answer.header("retry-after").and_then(|s| s.parse().ok())
        {
            let until = Instant::now() + Duration::from_secs(seconds);
            let _ =
                wait_until("the end of the resend cooldown", Duration::from_secs(seconds), || {
                    if Instant::now() >= until { Ok(()) } else { Err(()) }
                });
            answer = self.start(method, None);
        }
        assert_eq!(
            answer.status, 200,
            "starting {method:?} for {}: {answer:?}",
            self.pending.email
        );
    }

    /// `complete` without a code, again while the server answers that the push notification is
    /// not answered yet.
    #[track_caller]
    fn wait_for_approval(&self) -> Answer {
        let answered = wait_until("the approval of the push notification", APPROVAL_WAIT, || {
            let answer = self.complete(&SecondStepAnswer::default());
            if answer.status == 409 { Err(answer) } else { Ok(answer) }
        });
        answered.unwrap_or_else(|timed_out| panic!("{timed_out}"))
    }
}
