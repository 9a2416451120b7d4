//! Who is signed in, shared by every page.

use leptos::prelude::*;
use twostep_contract::Session;

use crate::api::{ApiClient, ApiError, SessionClient};
use crate::i18n::Text;
use crate::ui::Read;

/// What the app knows about the person's session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SessionState {
    /// The first `GET /session` has not answered yet.
    Checking,
    /// Signed in.
    SignedIn(Session),
    /// Not signed in (never, signed out, or the session expired).
    SignedOut {
        /// Where a backend with its own single sign-on page wants the person sent.
        sign_in_url: Option<String>,
    },
    /// The server could not say, because it was unreachable or failed.
    Unavailable(ApiError),
}

impl SessionState {
    /// The state that a `GET /session` answer means.
    pub fn from_check(answer: Result<Session, ApiError>) -> SessionState {
        match answer {
            Ok(session) => SessionState::SignedIn(session),
            Err(ApiError::Unauthorized { sign_in_url }) => SessionState::SignedOut { sign_in_url },
            Err(error) => SessionState::Unavailable(error),
        }
    }
}

/// The session, as a context: the answer of the `GET /session` made at start, overridden by
/// what happened since (signing in, signing out, a 401 from any call).
#[derive(Clone, Copy)]
pub struct SessionContext {
    client: StoredValue<ApiClient>,
    check: Read<Result<Session, ApiError>>,
    since: RwSignal<Option<SessionState>>,
    notice: RwSignal<Option<Text>>,
}

impl SessionContext {
    /// Asks the server who is signed in and shares the answer with the views under the caller.
    pub fn provide(client: ApiClient) -> SessionContext {
        let stored = StoredValue::new(client);
        let check = Read::new(move || {
            let client = stored.get_value();
            async move { client.get_session().await }
        });
        let context = SessionContext {
            client: stored,
            check,
            since: RwSignal::new(None),
            notice: RwSignal::new(None),
        };
        provide_context(context);
        context
    }

    /// The current state (reactive).
    pub fn state(&self) -> SessionState {
        if let Some(state) = self.since.get() {
            return state;
        }
        match self.check.get() {
            None => SessionState::Checking,
            Some(answer) => SessionState::from_check(answer),
        }
    }

    /// The signed-in session, if any (reactive).
    pub fn session(&self) -> Option<Session> {
        match self.state() {
            SessionState::SignedIn(session) => Some(session),
            _ => None,
        }
    }

    /// Records a successful sign-in.
    pub fn signed_in(&self, session: Session) {
        self.notice.set(None);
        self.since.set(Some(SessionState::SignedIn(session)));
    }

    /// Records that the person signed out of every session; the sign-in page says so.
    pub fn signed_out_everywhere(&self) {
        self.notice.set(Some(|t| t.signed_out_everywhere));
        self.signed_out();
    }

    /// What the sign-in page tells the person about how their last session ended, if anything
    /// (reactive).
    pub fn notice(&self) -> Option<Text> {
        self.notice.get()
    }

    /// Records that the person signed out.
    pub fn signed_out(&self) {
        self.since.set(Some(SessionState::SignedOut { sign_in_url: None }));
    }

    /// Records that the server answered 401: the session is gone.
    pub fn expired(&self, sign_in_url: Option<String>) {
        self.since.set(Some(SessionState::SignedOut { sign_in_url }));
    }

    /// The client bound to the signed-in session, whose writes carry its CSRF token; a 401
    /// when no one is signed in (not reactive).
    pub fn client(&self) -> Result<SessionClient, ApiError> {
        match untrack(|| self.session()) {
            Some(session) => Ok(self.client.get_value().bound_to(&session)),
            None => Err(ApiError::Unauthorized { sign_in_url: None }),
        }
    }

    /// Passes on the answer of a call made for the signed-in person; a 401 first ends the
    /// session, and the signed-in pages then send the person to sign in. Every call's 401 is
    /// handled here.
    pub fn watch<T>(&self, answer: Result<T, ApiError>) -> Result<T, ApiError> {
        if let Err(error) = &answer {
            self.note(error);
        }
        answer
    }

    /// Ends the session if `error` is a 401.
    fn note(&self, error: &ApiError) {
        if let ApiError::Unauthorized { sign_in_url } = error {
            self.expired(sign_in_url.clone());
        }
    }

    /// Asks the server again, after it was unavailable.
    pub fn retry(&self) {
        self.since.set(None);
        self.check.retry();
    }
}

/// The session context. Panics outside [`SessionContext::provide`], a programming error.
pub fn use_session() -> SessionContext {
    expect_context::<SessionContext>()
}
