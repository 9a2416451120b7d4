//! The calls a second step makes, given by its caller.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use twostep_contract::{SecondStepAnswer, SecondStepChallenge, SecondStepStart, Session};

use crate::api::{ApiError, SessionClient};

type Answer<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;
type Call<I, O> = Rc<dyn Fn(I) -> Answer<O>>;

/// How a second step starts a method and sends its answer; cheap to clone.
#[derive(Clone)]
pub struct StepCalls {
    start: Call<SecondStepStart, SecondStepChallenge>,
    complete: Call<SecondStepAnswer, Vec<String>>,
}

impl StepCalls {
    /// The calls `start` and `complete`; `complete` answers the new recovery codes (none after
    /// a verify) and keeps what else the server answered.
    pub fn new<S, C>(
        start: impl Fn(SecondStepStart) -> S + 'static,
        complete: impl Fn(SecondStepAnswer) -> C + 'static,
    ) -> StepCalls
    where
        S: Future<Output = Result<SecondStepChallenge, ApiError>> + 'static,
        C: Future<Output = Result<Vec<String>, ApiError>> + 'static,
    {
        StepCalls {
            start: Rc::new(move |body| Box::pin(start(body))),
            complete: Rc::new(move |body| Box::pin(complete(body))),
        }
    }

    /// The calls of a pending second step (`/session/second-step/...`) with `client`, bound to
    /// it; the session the step opens is kept in `session`.
    pub fn pending(client: SessionClient, session: StoredValue<Option<Session>>) -> StepCalls {
        let starter = client.clone();
        StepCalls::new(
            move |body| {
                let client = starter.clone();
                async move { client.start_second_step(&body).await }
            },
            move |body| {
                let client = client.clone();
                async move {
                    let done = client.complete_second_step(&body).await?;
                    session.set_value(Some(done.session));
                    Ok(done.recovery_codes)
                }
            },
        )
    }

    /// Starts `body`'s method.
    pub fn start(&self, body: SecondStepStart) -> Answer<SecondStepChallenge> {
        (self.start)(body)
    }

    /// Sends `body`: the new recovery codes on success.
    pub fn complete(&self, body: SecondStepAnswer) -> Answer<Vec<String>> {
        (self.complete)(body)
    }
}
