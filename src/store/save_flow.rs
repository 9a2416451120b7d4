//! The one way the console calls the server for the signed-in person: with the client bound
//! to the session, a 401 ending the session, and, for a write that names the revision it
//! replaces, a re-read after a 412.

use std::future::Future;

use crate::api::{ApiError, SessionClient};
use crate::session::SessionContext;

/// How a save that names the revision it replaces (`If-Match`) ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Written<T, R> {
    /// The server took it (2xx): its answer.
    Done(T),
    /// Someone else saved first (412): their version, read again. The form keeps the person's
    /// edits over it.
    ChangedMeanwhile(R),
    /// Anything else (the session has ended after a 401; a network error can be retried by
    /// saving again).
    Failed(ApiError),
}

/// Makes a call (a read or a write) for the signed-in person of `session`. A 401 ends the session, so the
/// signed-in pages send the person to sign in; any other error is the caller's to show.
pub async fn call<T, F>(
    session: SessionContext,
    send: impl FnOnce(SessionClient) -> F,
) -> Result<T, ApiError>
where
    F: Future<Output = Result<T, ApiError>>,
{
    let client = session.watch(session.client())?;
    session.watch(send(client).await)
}

/// Sends a save with [`call`]; after a 412, reads the resource again with `reread`, so the
/// form can show what the other person saved.
pub async fn save<T, R, F, G>(
    session: SessionContext,
    send: impl FnOnce(SessionClient) -> F,
    reread: impl FnOnce(SessionClient) -> G,
) -> Written<T, R>
where
    F: Future<Output = Result<T, ApiError>>,
    G: Future<Output = Result<R, ApiError>>,
{
    match call(session, send).await {
        Ok(done) => Written::Done(done),
        Err(ApiError::PreconditionFailed(_)) => match call(session, reread).await {
            Ok(theirs) => Written::ChangedMeanwhile(theirs),
            Err(error) => Written::Failed(error),
        },
        Err(error) => Written::Failed(error),
    }
}
