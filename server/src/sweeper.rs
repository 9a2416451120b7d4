//! The sweeper: a background task that deletes the setups a reset voided
//! ([`data::setups`](crate::data::setups)), a small batch per write transaction so that the
//! database's write lock is never held long. It sweeps at start (a reset may have happened
//! before a restart), when [`wake`] says a reset happened, and every [`INTERVAL`].

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use tokio::sync::Notify;

use crate::data::setups;
use crate::db::Db;
use crate::error::Error;

/// Void setups deleted per write transaction.
pub const BATCH: u32 = 500;

/// How often the sweeper looks for void setups when not woken.
pub const INTERVAL: Duration = Duration::from_secs(300);

/// The shortest pause between two batches. Each pause lasts at least as long as the batch
/// before it, so that the sweeper holds the write lock at most half the time and other writes
/// get it in between.
const PAUSE: Duration = Duration::from_millis(10);

/// The pause after a failure (a busy database) before trying again.
const RETRY: Duration = Duration::from_secs(2);

static WAKE: LazyLock<Notify> = LazyLock::new(Notify::new);

/// Starts the sweeper of `db` on the current Tokio runtime; it stops with the runtime.
pub fn spawn(db: Db) {
    tokio::spawn(async move {
        loop {
            // Listen before sweeping, so that a reset committed during the sweep wakes the
            // next one.
            let woken = WAKE.notified();
            tokio::pin!(woken);
            woken.as_mut().enable();
            sweep_all(&db).await;
            tokio::select! {
                () = woken => {}
                () = tokio::time::sleep(INTERVAL) => {}
            }
        }
    });
}

/// Tells every sweeper of this process that a reset voided setups.
pub fn wake() {
    WAKE.notify_waiters();
}

/// Deletes void setups until none is left (or the database is closed).
async fn sweep_all(db: &Db) {
    let mut swept = 0;
    loop {
        let started = Instant::now();
        match setups::sweep(db, BATCH).await {
            Ok(0) => break,
            Ok(deleted) => {
                swept += deleted;
                tokio::time::sleep(started.elapsed().max(PAUSE)).await;
            }
            Err(Error::Busy { .. }) => tokio::time::sleep(RETRY).await,
            Err(error) => {
                if !db.is_closed() {
                    tracing::error!(%error, "the sweeper of void two-step setups failed");
                }
                break;
            }
        }
    }
    if swept > 0 {
        tracing::info!(setups = swept, "void two-step verification setups deleted");
    }
}
