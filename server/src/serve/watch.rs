//! A connection's clock: whether it is waiting for a request, receiving one's headers or
//! answering one, and the deadline each of these allows, enforced on the socket's reads and
//! writes.

use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker, ready};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

use crate::config::Limits;

/// Where a connection is between its requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Waiting for the next request, until the deadline.
    Idle { deadline: Instant },
    /// Receiving a request's headers, until the deadline.
    Headers { deadline: Instant },
    /// Answering this many requests: no deadline (a long poll may take its time).
    Answering { requests: usize },
}

/// The phase of one connection, shared by its socket ([`Watched`]) and its requests
/// ([`Busy`]).
#[derive(Debug)]
pub struct Watch {
    phase: Mutex<Phase>,
    /// The task last waiting to read: woken when an answer ends, so that it sets its timer to
    /// the idle deadline (hyper does not read again on its own).
    reader: Mutex<Option<Waker>>,
    header_timeout: Duration,
    idle_timeout: Duration,
}

impl Watch {
    /// A connection just opened: its first request's headers are due within the header
    /// timeout.
    pub fn new(limits: &Limits) -> Self {
        Watch {
            phase: Mutex::new(Phase::Headers { deadline: Instant::now() + limits.header_timeout }),
            reader: Mutex::new(None),
            header_timeout: limits.header_timeout,
            idle_timeout: limits.idle_timeout,
        }
    }

    fn phase(&self) -> std::sync::MutexGuard<'_, Phase> {
        self.phase.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Marks a request as being answered until the returned guard is dropped.
    pub fn busy(self: &Arc<Self>) -> Busy {
        let mut phase = self.phase();
        *phase = match *phase {
            Phase::Answering { requests } => Phase::Answering { requests: requests + 1 },
            _ => Phase::Answering { requests: 1 },
        };
        Busy { watch: self.clone() }
    }

    /// Bytes arrived: a waiting connection is now receiving headers.
    fn received(&self) {
        let mut phase = self.phase();
        if let Phase::Idle { .. } = *phase {
            *phase = Phase::Headers { deadline: Instant::now() + self.header_timeout };
        }
    }

    /// Remembers the task of a read waiting for bytes.
    fn waiting(&self, cx: &Context<'_>) {
        let mut reader = self.reader.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if !reader.as_ref().is_some_and(|waker| waker.will_wake(cx.waker())) {
            *reader = Some(cx.waker().clone());
        }
    }

    /// When a read that is waiting for bytes must give up.
    fn read_deadline(&self) -> Option<Instant> {
        match *self.phase() {
            Phase::Idle { deadline } | Phase::Headers { deadline } => Some(deadline),
            Phase::Answering { .. } => None,
        }
    }
}

/// A request being answered; dropped once its response has been sent (or abandoned).
#[derive(Debug)]
pub struct Busy {
    watch: Arc<Watch>,
}

impl Drop for Busy {
    fn drop(&mut self) {
        let mut phase = self.watch.phase();
        if let Phase::Answering { requests } = *phase {
            // Known gap: when the client pipelined part of its next request in the same read
            // as this one, hyper already holds those bytes and the socket sees no new ones, so
            // the connection waits with the idle deadline rather than the header deadline
            // (`received` only moves Idle to Headers on new bytes). A partial request can then
            // be held for idle + header timeout instead of the header timeout, at most 32 KiB
            // of it (`MAX_HEADER_BYTES`). Hyper does not say whether its read buffer is empty,
            // and counting what it consumed would mean parsing the stream a second time, so
            // this stays until hyper exposes it.
            *phase = if requests > 1 {
                Phase::Answering { requests: requests - 1 }
            } else {
                Phase::Idle { deadline: Instant::now() + self.watch.idle_timeout }
            };
        }
        drop(phase);
        let reader = self.watch.reader.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(waker) = reader.as_ref() {
            waker.wake_by_ref();
        }
    }
}

/// A socket whose reads fail with `TimedOut` past its [`Watch`]'s deadline, and whose writes
/// fail when the client has taken nothing for the idle timeout.
#[derive(Debug)]
pub struct Watched<IO> {
    io: IO,
    watch: Arc<Watch>,
    read_timer: Timer,
    write_timer: Timer,
    /// Since when the client has not taken what is written.
    stalled_since: Option<Instant>,
    stall_timeout: Duration,
}

impl<IO> Watched<IO> {
    /// Watches `io` with `watch`.
    pub fn new(io: IO, watch: Arc<Watch>, limits: &Limits) -> Self {
        Watched {
            io,
            watch,
            read_timer: Timer::default(),
            write_timer: Timer::default(),
            stalled_since: None,
            stall_timeout: limits.idle_timeout,
        }
    }
}

impl<IO: AsyncRead + Unpin> AsyncRead for Watched<IO> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.io).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    self.watch.received();
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => {
                self.watch.waiting(cx);
                let deadline = self.watch.read_deadline();
                ready!(self.read_timer.poll(cx, deadline));
                Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "the client sent no request, or its headers, in time",
                )))
            }
        }
    }
}

impl<IO: AsyncWrite + Unpin> AsyncWrite for Watched<IO> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let written = Pin::new(&mut self.io).poll_write(cx, buf);
        self.stalled(cx, written)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let written = Pin::new(&mut self.io).poll_write_vectored(cx, bufs);
        self.stalled(cx, written)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

impl<IO> Watched<IO> {
    /// Passes on a write's outcome, or fails it once the client has taken nothing for the
    /// stall timeout.
    fn stalled(
        &mut self,
        cx: &mut Context<'_>,
        written: Poll<io::Result<usize>>,
    ) -> Poll<io::Result<usize>> {
        if written.is_ready() {
            self.stalled_since = None;
            return written;
        }
        let since = *self.stalled_since.get_or_insert_with(Instant::now);
        ready!(self.write_timer.poll(cx, Some(since + self.stall_timeout)));
        Poll::Ready(Err(io::Error::new(
            io::ErrorKind::TimedOut,
            "the client took nothing of the answer in time",
        )))
    }
}

/// A timer set to the latest deadline asked for.
#[derive(Debug, Default)]
struct Timer {
    sleep: Option<Pin<Box<Sleep>>>,
}

impl Timer {
    /// Ready once `deadline` has passed; pending (and waking the task then) before it, and for
    /// ever without a deadline.
    fn poll(&mut self, cx: &mut Context<'_>, deadline: Option<Instant>) -> Poll<()> {
        let Some(deadline) = deadline else {
            return Poll::Pending;
        };
        let sleep = self.sleep.get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
        if sleep.deadline() != deadline {
            sleep.as_mut().reset(deadline);
        }
        sleep.as_mut().poll(cx)
    }
}
