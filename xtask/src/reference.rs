//! A reference server of the xtask's own, for the checks that need a backend to talk to: a
//! fresh database seeded with the demo, on a free port of 127.0.0.1.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::{Failure, target_dir};

/// How long a fresh reference server may take to open its database and listen.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// The server binary `build` builds.
pub fn server_binary() -> PathBuf {
    target_dir().join("debug/twostep-server")
}

/// A reference server of its own: a temporary folder for its database, outbox and (empty)
/// console folder, and a free port of 127.0.0.1. Stopped and deleted when dropped.
pub struct ReferenceServer {
    /// Its origin, `http://127.0.0.1:PORT`.
    pub url: String,
    /// Its SQLite database.
    pub database: PathBuf,
    /// The folder holding everything it writes.
    pub folder: PathBuf,
    child: Child,
}

impl ReferenceServer {
    /// Starts the server built by `cargo build -p twostep-server` on a fresh database seeded
    /// with the demo, and waits until it listens.
    /// Its folder is under `target/<purpose>/`; every demo account's password is `password`.
    pub fn start(purpose: &str, password: &str) -> Result<ReferenceServer, Failure> {
        let stamp = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_nanos();
        let folder = target_dir().join(format!("{purpose}/{}-{stamp}", std::process::id()));
        std::fs::create_dir_all(folder.join("dist"))
            .map_err(|e| Failure(format!("cannot create {}: {e}", folder.display())))?;
        let database = folder.join("twostep.db");
        let log = folder.join("server.log");
        let log_file = std::fs::File::create(&log)
            .map_err(|e| Failure(format!("cannot create {}: {e}", log.display())))?;
        let mut cmd = Command::new(server_binary());
        without_twostep_settings(&mut cmd);
        cmd.current_dir(&folder)
            .env("TWOSTEP_LISTEN", "127.0.0.1:0")
            .env("TWOSTEP_DEMO_PASSWORD", password)
            .env("TWOSTEP_DATABASE_URL", format!("sqlite://{}", database.display()))
            .env("TWOSTEP_OUTBOX_DIR", folder.join("outbox"))
            .env("TWOSTEP_DIST_DIR", folder.join("dist"))
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log_file);
        let mut child = cmd
            .spawn()
            .map_err(|e| Failure(format!("could not start {}: {e}", server_binary().display())))?;
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut server =
            ReferenceServer { url: String::new(), database, folder: folder.clone(), child };
        match listening_url(stdout) {
            Some(url) => {
                server.url = url;
                Ok(server)
            }
            None => Err(Failure(format!(
                "the reference server did not announce its address within {} s; its log:\n{}",
                START_TIMEOUT.as_secs(),
                std::fs::read_to_string(&log).unwrap_or_default()
            ))),
        }
    }
}

impl ReferenceServer {
    /// Its `127.0.0.1:PORT`.
    pub fn address(&self) -> &str {
        self.url.trim_start_matches("http://")
    }
}

impl Drop for ReferenceServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// The address the server announces on its first line of stdout
/// (`Twostep Admin listening on http://127.0.0.1:PORT`); the rest of its output is drained.
fn listening_url(stdout: impl Read + Send + 'static) -> Option<String> {
    let (found, announced) = mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        for line in lines.by_ref().map_while(Result::ok) {
            if let Some(url) = line.split("listening on ").nth(1) {
                let _ = found.send(url.trim().to_string());
                break;
            }
        }
        for _ in lines {}
    });
    announced.recv_timeout(START_TIMEOUT).ok()
}

/// Keeps the caller's `TWOSTEP_*` settings away from a program run here.
pub fn without_twostep_settings(cmd: &mut Command) {
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("TWOSTEP_") {
            cmd.env_remove(name);
        }
    }
}
