//! The accept loop: HTTP/1.1 connections with bounds that hold against slow or idle clients.
//!
//! - At most [`Limits::max_connections`] connections are served at once. The loop takes a
//!   permit before it accepts, so further clients wait in the listen backlog (the kernel holds
//!   them; the process's open files do not run out) and are served as soon as one closes.
//!   Of them, at most [`Limits::max_connections_per_address`] from one client address (the
//!   trusted proxies excepted); a connection beyond that is closed as soon as it is accepted.
//! - A request's headers may fill at most 32 KiB and be at most 64; beyond that, 431.
//! - A client has [`Limits::header_timeout`] to send a request's headers, from the first byte
//!   (or from the connection's opening), and a kept-alive connection may wait
//!   [`Limits::idle_timeout`] for its next request; past either, the connection is closed.
//!   While a request is being answered neither applies, so a long poll keeps its connection.
//! - A client that reads nothing of an answer for [`Limits::idle_timeout`] is dropped, so that a
//!   stalled download does not hold its connection (and an export) for ever.
//! - Request bodies are read whole within [`Limits::body_timeout`] before a handler runs
//!   ([`body::read_whole`]).
//!
//! Every request carries [`ConnectInfo`]`<SocketAddr>`, the peer's address, as
//! `into_make_service_with_connect_info` would give it. On shutdown the loop stops accepting,
//! lets each connection finish the request it is answering, and returns when all are closed;
//! those still open after [`SHUTDOWN_GRACE`] are closed then.

mod addresses;
pub mod body;
mod watch;

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::http::{Request, Response};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch as signal};
use tower::ServiceExt;

use crate::config::Limits;
use crate::error::{Error, Result};
use addresses::Addresses;
use watch::{Busy, Watch, Watched};

/// How long, once the server is told to stop, the open connections may take to finish what
/// they are answering (a slow download, a long poll); then they are closed.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// Serves `router` on `listener` within `limits` until `shutdown` resolves, then waits for the
/// open connections to finish what they are answering, at most [`SHUTDOWN_GRACE`].
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Arc<Limits>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    serve_with_grace(listener, router, limits, shutdown, SHUTDOWN_GRACE).await
}

/// [`serve`], with the connections given `grace` to finish once `shutdown` resolves.
pub async fn serve_with_grace(
    listener: TcpListener,
    router: Router,
    limits: Arc<Limits>,
    shutdown: impl Future<Output = ()> + Send + 'static,
    grace: Duration,
) -> Result<()> {
    let permits = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let connections = Arc::new(Semaphore::new(permits as usize));
    let addresses = Addresses::new(&limits);
    let (stop, stopping) = signal::channel(Stop::Serving);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = connections.clone().acquire_owned() => {
                permit.map_err(|e| Error::Internal(format!("connection permits: {e}")))?
            }
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    accept_failed(e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Closed at once (dropped with its permit) when its address has all it may have, so
        // that it takes no connection from other clients.
        let Some(slot) = addresses.take(peer.ip()) else {
            tracing::debug!(%peer, "too many connections from this address; closed");
            continue;
        };
        let connection = Connection {
            router: router.clone(),
            peer,
            limits: limits.clone(),
            stopping: stopping.clone(),
        };
        tokio::spawn(async move {
            connection.serve(stream).await;
            drop(slot);
            drop(permit);
        });
    }
    let _ = stop.send(Stop::Finishing);
    drop(listener);
    // Every connection holds a permit until it closes.
    if tokio::time::timeout(grace, connections.acquire_many(permits)).await.is_err() {
        tracing::warn!("connections still open {grace:?} after the stop; closing them");
        let _ = stop.send(Stop::Closing);
        let _all_closed = connections.acquire_many(permits).await;
    }
    Ok(())
}
/// Logs a failed `accept` and, when the process is out of open files or memory, waits a moment
/// so that the loop does not spin; a connection reset before it was accepted is not worth a
/// word.
async fn accept_failed(error: std::io::Error) {
    use std::io::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset | ErrorKind::ConnectionRefused
    ) {
        return;
    }
    tracing::error!(%error, "cannot accept a connection");
    tokio::time::sleep(Duration::from_millis(100)).await;
}

/// One accepted connection and what it needs to serve its requests.
struct Connection {
    router: Router,
    peer: SocketAddr,
    limits: Arc<Limits>,
    stopping: signal::Receiver<Stop>,
}

/// What the loop tells its connections.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Stop {
    /// Go on.
    Serving,
    /// Finish the request being answered, then close.
    Finishing,
    /// Close now: the grace period is over.
    Closing,
}

impl Connection {
    /// Serves the connection's requests until the client closes it, a timeout closes it, or
    /// the server stops.
    async fn serve(mut self, stream: TcpStream) {
        let _ = stream.set_nodelay(true);
        let watch = Arc::new(Watch::new(&self.limits));
        let io = TokioIo::new(Watched::new(stream, watch.clone(), &self.limits));
        let service = Service { router: self.router.clone(), peer: self.peer, watch };
        let mut builder = hyper::server::conn::http1::Builder::new();
        // The header and idle timeouts are [`Watched`]'s: hyper's one timer covers both.
        builder.header_read_timeout(None);
        // A request's head (request line and headers) may be at most this long, and a
        // connection may buffer at most about this much unparsed (hyper's default is about
        // 400 KB); beyond it hyper answers 431 and closes.
        builder.max_header_size(MAX_HEADER_BYTES);
        builder.max_buf_size(MAX_HEADER_BYTES);
        builder.max_headers(MAX_HEADERS);
        let connection = builder.serve_connection(io, service);
        let mut connection = std::pin::pin!(connection);
        let result = tokio::select! {
            result = connection.as_mut() => result,
            () = reached(&mut self.stopping, Stop::Finishing) => {
                connection.as_mut().graceful_shutdown();
                tokio::select! {
                    result = connection.as_mut() => result,
                    // Dropping the connection closes its socket.
                    () = reached(&mut self.stopping, Stop::Closing) => return,
                }
            }
        };
        if let Err(error) = result {
            tracing::debug!(peer = %self.peer, %error, "connection closed");
        }
    }
}

/// What a connection may buffer of a request's headers: 32 KiB.
const MAX_HEADER_BYTES: usize = 32 * 1024;

/// Headers a request may carry.
const MAX_HEADERS: usize = 64;

/// Resolves once the loop has told the connections `stop` or more (or is gone).
async fn reached(stopping: &mut signal::Receiver<Stop>, stop: Stop) {
    let _ = stopping.wait_for(|told| *told >= stop).await;
}

/// The router as hyper calls it for one connection: it adds the peer's address to each
/// request and tells the connection's [`Watch`] while a request is being answered.
#[derive(Clone)]
struct Service {
    router: Router,
    peer: SocketAddr,
    watch: Arc<Watch>,
}

impl hyper::service::Service<Request<Incoming>> for Service {
    type Response = Response<Answer>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn call(&self, mut request: Request<Incoming>) -> Self::Future {
        let busy = self.watch.busy();
        request.extensions_mut().insert(ConnectInfo(self.peer));
        let router = self.router.clone();
        Box::pin(async move {
            let response = router.oneshot(request).await?;
            Ok(response.map(|body| Answer { body, _busy: busy }))
        })
    }
}

/// A response body that keeps its connection's request marked as being answered until it has
/// been sent (or dropped).
struct Answer {
    body: axum::body::Body,
    _busy: Busy,
}

impl http_body::Body for Answer {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

/// Raises the process's soft limit of open files to its hard limit, and warns when
/// `max_connections` (plus some room for the database and the console's files) does not fit.
pub fn raise_open_file_limit(max_connections: usize) {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: getrlimit and setrlimit only read and write the struct passed by pointer.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
                return;
            }
            if limit.rlim_cur < limit.rlim_max {
                let raised = libc::rlimit { rlim_cur: limit.rlim_max, rlim_max: limit.rlim_max };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                    limit = raised;
                }
            }
        }
        // rlim_t is not u64 on every Unix.
        #[allow(clippy::unnecessary_cast)]
        let open_files = limit.rlim_cur as u64;
        let needed = max_connections as u64 + FILES_BESIDES_CONNECTIONS;
        if open_files < needed {
            tracing::warn!(
                "the process may open {open_files} files, fewer than the {needed} that TWOSTEP_MAX_CONNECTIONS (--max-connections) {max_connections} needs; lower it or raise the limit (ulimit -n)"
            );
        }
    }
    #[cfg(not(unix))]
    let _ = max_connections;
}

/// Open files the server needs besides its connections: the listening socket, the database
/// and its journal, the log, the console's files being sent.
#[cfg(unix)]
const FILES_BESIDES_CONNECTIONS: u64 = 64;
