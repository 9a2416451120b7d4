//! Argon2 password hashing, run on a bounded pool of worker threads.
//!
//! Each check takes about 19 MiB and tens of milliseconds of one core, so a flood of sign-ins
//! must not run them all at once: [`PasswordChecks`] runs at most `limits.password_checks` at
//! a time, each worker keeping one Argon2 memory block for the checks it runs, so the memory
//! they take stays about `password_checks × 19 MiB` whatever the load, and is given back after
//! a quiet minute. A check that cannot start within [`PERMIT_WAIT`] answers 503 Busy.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use argon2::password_hash::{Output, PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};

use crate::error::{Error, Result};

/// How long a request waits for a free password check before it is told the server is busy.
pub const PERMIT_WAIT: Duration = Duration::from_secs(1);

/// The Retry-After of a sign-in refused because every password check is in use, in seconds.
pub const BUSY_RETRY_AFTER_SECS: i64 = 1;

/// How long a worker keeps its memory block without a check to run.
const KEEP_MEMORY: Duration = Duration::from_secs(60);

/// Hashes a password with Argon2id and the default parameters (blocking; for start-up and the
/// command line; requests use [`PasswordChecks::hash`]).
pub fn hash(password: &str) -> Result<String> {
    let salt = SaltString::encode_b64(&super::random_bytes::<16>()?)
        .map_err(|e| Error::Internal(format!("salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("argon2: {e}")))
}

/// Whether `password` matches the stored hash (blocking). A malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    verify_in(&mut Vec::new(), password, stored)
}

/// A hash of a random password, verified against for unknown emails so that the answer takes as
/// long as for a known one.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let secret = super::random_bytes::<16>().map(|b| format!("{b:?}")).unwrap_or_default();
        hash(&secret).unwrap_or_default()
    })
}

/// [`verify`] with `memory` as Argon2's working memory (grown when too small, then kept).
fn verify_in(memory: &mut Vec<Block>, password: &str, stored: &str) -> bool {
    match check(memory, password, stored) {
        Ok(matches) => matches,
        Err(e) => {
            tracing::warn!(error = %e, "a stored password hash is malformed");
            false
        }
    }
}

fn check(
    memory: &mut Vec<Block>,
    password: &str,
    stored: &str,
) -> std::result::Result<bool, String> {
    let parsed = PasswordHash::new(stored).map_err(|e| e.to_string())?;
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return Err("no salt or no hash".into());
    };
    let algorithm = Algorithm::try_from(parsed.algorithm).map_err(|e| e.to_string())?;
    let version = parsed
        .version
        .map(Version::try_from)
        .transpose()
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    let params = Params::try_from(&parsed).map_err(|e| e.to_string())?;
    let mut salt_bytes = [0u8; 64];
    let salt = salt.decode_b64(&mut salt_bytes).map_err(|e| e.to_string())?;
    let output = run_argon2(memory, Argon2::new(algorithm, version, params), password, salt)
        .map_err(|e| e.to_string())?;
    // `Output` compares in constant time.
    Ok(output == expected)
}

/// A new Argon2id hash of `password` with the default parameters, in `memory`.
fn hash_in(memory: &mut Vec<Block>, password: &str) -> Result<String> {
    let salt = SaltString::encode_b64(&super::random_bytes::<16>()?)
        .map_err(|e| Error::Internal(format!("salt: {e}")))?;
    let argon2 = Argon2::default();
    let mut salt_bytes = [0u8; 64];
    let raw_salt =
        salt.as_salt().decode_b64(&mut salt_bytes).map_err(|e| Error::Internal(e.to_string()))?;
    let output = run_argon2(memory, argon2.clone(), password, raw_salt)
        .map_err(|e| Error::Internal(format!("argon2: {e}")))?;
    let params = argon2.params();
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::default().into()),
        params: params.try_into().map_err(|e| Error::Internal(format!("argon2: {e}")))?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(hash.to_string())
}

fn run_argon2(
    memory: &mut Vec<Block>,
    argon2: Argon2<'_>,
    password: &str,
    salt: &[u8],
) -> std::result::Result<Output, Box<dyn std::error::Error>> {
    let params = argon2.params();
    let blocks = params.block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    let mut out = vec![0u8; params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN)];
    argon2
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut out, &mut memory[..])
        .map_err(|e| e.to_string())?;
    Ok(Output::new(&out).map_err(|e| e.to_string())?)
}

/// What a worker is asked to do.
enum Work {
    /// Check a password against a stored hash, or against the dummy hash (`None`, always
    /// wrong).
    Verify { password: String, stored: Option<String> },
    /// Hash a new password.
    Hash { password: String },
}

/// What a worker answers.
enum Done {
    Verified(bool),
    Hashed(Result<String>),
}

/// A check handed to a worker, with what it needs to hand itself back.
struct Job {
    work: Work,
    reply: oneshot::Sender<Done>,
    /// The worker's own queue, put back on the idle list when the job is done.
    home: mpsc::Sender<Job>,
    idle: Arc<Mutex<Vec<mpsc::Sender<Job>>>>,
    /// Held until the job is done, even when the request that asked has gone away, so that
    /// at most `password_checks` jobs exist at once.
    permit: OwnedSemaphorePermit,
}

/// The bounded pool of password checks shared by every request: sign-in, and My account's
/// password change.
#[derive(Clone)]
pub struct PasswordChecks {
    permits: Arc<Semaphore>,
    idle: Arc<Mutex<Vec<mpsc::Sender<Job>>>>,
    runs: Arc<AtomicU64>,
    size: usize,
}

impl std::fmt::Debug for PasswordChecks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordChecks")
            .field("size", &self.size)
            .field("available", &self.permits.available_permits())
            .finish()
    }
}

impl PasswordChecks {
    /// A pool of `size` workers (at least one). The workers end when the last clone is
    /// dropped and no check is under way.
    pub fn new(size: usize) -> Result<PasswordChecks> {
        let size = size.max(1);
        let runs = Arc::new(AtomicU64::new(0));
        let mut idle = Vec::with_capacity(size);
        for n in 0..size {
            let (home, queue) = mpsc::channel::<Job>();
            let runs = Arc::clone(&runs);
            std::thread::Builder::new()
                .name(format!("password-check-{n}"))
                .spawn(move || work(queue, &runs))
                .map_err(|e| Error::Internal(format!("cannot start a password worker: {e}")))?;
            idle.push(home);
        }
        Ok(PasswordChecks {
            permits: Arc::new(Semaphore::new(size)),
            idle: Arc::new(Mutex::new(idle)),
            runs,
            size,
        })
    }

    /// How many Argon2 computations the pool has run (checks and hashes).
    pub fn runs(&self) -> u64 {
        self.runs.load(Ordering::Relaxed)
    }

    /// Whether `password` matches `stored`, or, for an unknown email (`None`), as long a
    /// check against a dummy hash that never matches.
    pub async fn verify(&self, password: String, stored: Option<String>) -> Result<bool> {
        match self.run(Work::Verify { password, stored }).await? {
            Done::Verified(matches) => Ok(matches),
            Done::Hashed(_) => Err(Error::Internal("a check answered a hash".into())),
        }
    }

    /// A new hash of `password`.
    pub async fn hash(&self, password: String) -> Result<String> {
        match self.run(Work::Hash { password }).await? {
            Done::Hashed(hash) => hash,
            Done::Verified(_) => Err(Error::Internal("a hash answered a check".into())),
        }
    }

    async fn run(&self, work: Work) -> Result<Done> {
        let busy = Error::Busy { what: "password checks", retry_after_secs: BUSY_RETRY_AFTER_SECS };
        let permit = tokio::time::timeout(PERMIT_WAIT, Arc::clone(&self.permits).acquire_owned())
            .await
            .map_err(|_| busy)?
            .map_err(|e| Error::Internal(format!("password checks: {e}")))?;
        // A permit guarantees an idle worker: workers go back on the list before their
        // permit is released.
        let home = self
            .idle
            .lock()
            .map_err(|_| Error::Internal("the password workers' list is poisoned".into()))?
            .pop()
            .ok_or_else(|| Error::Internal("no idle password worker under a permit".into()))?;
        let (reply, answer) = oneshot::channel();
        let job = Job { work, reply, home: home.clone(), idle: Arc::clone(&self.idle), permit };
        home.send(job).map_err(|_| Error::Internal("a password worker has ended".into()))?;
        answer.await.map_err(|_| Error::Internal("a password worker dropped a check".into()))
    }
}

/// A worker: runs the jobs of its queue in one kept memory block, until the queue is gone.
fn work(queue: mpsc::Receiver<Job>, runs: &AtomicU64) {
    let mut memory: Vec<Block> = Vec::new();
    loop {
        let job = match queue.recv_timeout(KEEP_MEMORY) {
            Ok(job) => job,
            Err(RecvTimeoutError::Timeout) => {
                memory = Vec::new();
                match queue.recv() {
                    Ok(job) => job,
                    Err(_) => return,
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        let done = match &job.work {
            Work::Verify { password, stored: Some(stored) } => {
                Done::Verified(verify_in(&mut memory, password, stored))
            }
            Work::Verify { password, stored: None } => {
                verify_in(&mut memory, password, dummy_hash());
                Done::Verified(false)
            }
            Work::Hash { password } => Done::Hashed(hash_in(&mut memory, password)),
        };
        runs.fetch_add(1, Ordering::Relaxed);
        let Job { reply, home, idle, permit, .. } = job;
        if let Ok(mut idle) = idle.lock() {
            idle.push(home);
        }
        drop(idle);
        drop(permit);
        let _ = reply.send(done);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = hash("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse", &h));
        assert!(!verify("wrong", &h));
        assert!(!verify("x", "not a hash"));
    }

    #[tokio::test]
    async fn the_pool_hashes_and_checks_as_the_plain_functions_do() {
        let checks = PasswordChecks::new(1).unwrap();
        let pooled = checks.hash("correct horse".into()).await.unwrap();
        assert!(verify("correct horse", &pooled), "{pooled}");
        let plain = hash("battery staple").unwrap();
        assert!(checks.verify("battery staple".into(), Some(plain.clone())).await.unwrap());
        assert!(!checks.verify("wrong".into(), Some(plain)).await.unwrap());
        assert!(!checks.verify("anything".into(), None).await.unwrap());
        assert_eq!(checks.runs(), 4);
    }
}
