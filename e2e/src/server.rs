//! The reference server, started on a free port with a fresh database for one test.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::process::{ChildGuard, OutputTail};
use crate::wait::wait_until;
use crate::workspace_root;

/// The password of every demo account in the servers the suite starts.
pub const DEMO_PASSWORD: &str = "e2e-Twostep-demo-2024";

/// Northwind's two-step verification policy as the demo seed creates it (revision 1).
pub const NORTHWIND_SEEDED_POLICY: twostep_contract::PolicySettings =
    twostep_contract::PolicySettings {
        administrators: twostep_contract::AdministratorsPolicy::All,
        technicians: twostep_contract::TechniciansPolicy::SelectedGroups,
        primary_method: twostep_contract::PrimaryMethod::AuthenticatorApp,
    };

const READY_PREFIX: &str = "Twostep Admin listening on ";
const READY_TIMEOUT: Duration = Duration::from_secs(60);

/// A running `twostep-server` with its own SQLite database in a temporary directory, serving
/// the built SPA. Dropping it stops the server and deletes the database.
#[derive(Debug)]
pub struct TestServer {
    base_url: String,
    stderr: OutputTail,
    process: ChildGuard,
    _data: tempfile::TempDir,
}

impl TestServer {
    /// Starts the server and waits until it says it is listening.
    ///
    /// The binary is `TWOSTEP_SERVER_BIN` or `<workspace>/target/debug/twostep-server`; the
    /// SPA is `TWOSTEP_DIST_DIR` or `<workspace>/dist`. Every demo account's password is
    /// [`DEMO_PASSWORD`].
    ///
    /// # Panics
    /// If the binary or `index.html` of the SPA is missing, or the server does not report that
    /// it listens within 60 seconds (the message then ends with the server's last output).
    pub fn start() -> Self {
        let data = tempfile::Builder::new()
            .prefix("twostep-e2e-db-")
            .tempdir()
            .expect("cannot create a temporary directory for the database");
        Self::launch(data, DEMO_PASSWORD)
    }

    /// Starts the server on a copy of the existing SQLite database `database` (one made by
    /// `twostep-server generate`, say), whose accounts sign in with `password`. The copy lives
    /// in a temporary directory, so the run changes nothing in `database`, and it is deleted
    /// with the server. Binary and SPA as for [`TestServer::start`].
    ///
    /// # Panics
    /// If `database` cannot be copied, and as [`TestServer::start`].
    pub fn start_on_copy_of(database: &Path, password: &str) -> Self {
        let data = tempfile::Builder::new()
            .prefix("twostep-e2e-db-")
            .tempdir()
            .expect("cannot create a temporary directory for the database");
        // SQLite keeps recent writes in the write-ahead log next to the file until a checkpoint.
        for suffix in ["", "-wal"] {
            let from = PathBuf::from(format!("{}{suffix}", database.display()));
            if suffix.is_empty() || from.is_file() {
                let to = data.path().join(format!("twostep.db{suffix}"));
                std::fs::copy(&from, &to).unwrap_or_else(|error| {
                    panic!("cannot copy {} to {}: {error}", from.display(), to.display())
                });
            }
        }
        Self::launch(data, password)
    }

    /// Starts the server on `data/twostep.db` (created and seeded when missing).
    fn launch(data: tempfile::TempDir, password: &str) -> Self {
        let binary = env_path("TWOSTEP_SERVER_BIN")
            .unwrap_or_else(|| workspace_root().join("target/debug/twostep-server"));
        let dist = env_path("TWOSTEP_DIST_DIR").unwrap_or_else(|| workspace_root().join("dist"));
        assert!(
            binary.is_file(),
            "the server binary {} does not exist; run `cargo xtask test`, which builds it \
             (or set TWOSTEP_SERVER_BIN)",
            binary.display()
        );
        assert!(
            dist.join("index.html").is_file(),
            "the built SPA {} does not exist; run `cargo xtask test`, which builds it \
             (or set TWOSTEP_DIST_DIR)",
            dist.join("index.html").display()
        );
        let database_url = format!("sqlite://{}/twostep.db", data.path().display());

        let mut process = ChildGuard::spawn(
            "twostep-server",
            Command::new(&binary)
                .arg("--listen")
                .arg("127.0.0.1:0")
                .arg("--database-url")
                .arg(&database_url)
                .arg("--dist-dir")
                .arg(&dist)
                .env("TWOSTEP_DEMO_PASSWORD", password)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped()),
        )
        .unwrap_or_else(|error| panic!("{error}"));

        let (sender, receiver) = mpsc::channel();
        let stdout = OutputTail::default();
        stdout.drain(process.take_stdout().expect("piped stdout"), move |line| {
            if let Some(url) = listening_url(line) {
                let _ = sender.send(url);
            }
        });
        let stderr = OutputTail::default();
        stderr.drain(process.take_stderr().expect("piped stderr"), |_| {});

        // Ready, or ended: either way there is no point in waiting longer.
        let ready_or_ended =
            wait_until("ready line", READY_TIMEOUT, || match receiver.try_recv() {
                Ok(url) => Ok(Ok(url)),
                Err(_) => process.exited().map(Err).ok_or(()),
            });
        let why = match ready_or_ended {
            Ok(Ok(base_url)) => return Self { base_url, stderr, process, _data: data },
            Ok(Err(exit)) => exit,
            Err(_) => format!("it did not say {READY_PREFIX:?} within {READY_TIMEOUT:?}"),
        };
        panic!(
            "twostep-server ({}) did not start: {why}\n--- stdout (last lines)\n{}\n\
             --- stderr (last lines)\n{}",
            binary.display(),
            stdout.text(),
            stderr.text()
        );
    }

    /// The server's origin, like `http://127.0.0.1:41234` (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The absolute URL of `path` (which starts with `/`) on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let exit = self.process.exited().unwrap_or_else(|| "still running".to_owned());
            eprintln!(
                "--- twostep-server at {} ({exit}), last lines of stderr:\n{}",
                self.base_url,
                self.stderr.text()
            );
        }
    }
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|value| !value.is_empty()).map(PathBuf::from)
}

/// The URL in a line like `... Twostep Admin listening on http://127.0.0.1:8080`, if any.
fn listening_url(line: &str) -> Option<String> {
    let start = line.find(READY_PREFIX)? + READY_PREFIX.len();
    let url: String = line[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || ".:/[]-".contains(*c))
        .collect();
    let url = url.trim_end_matches('/').to_owned();
    url.starts_with("http://").then_some(url)
}

#[cfg(test)]
mod tests {
    use super::listening_url;

    #[test]
    fn finds_the_url_in_the_ready_line() {
        assert_eq!(
            listening_url("Twostep Admin listening on http://127.0.0.1:4321").as_deref(),
            Some("http://127.0.0.1:4321")
        );
        assert_eq!(
            listening_url("2026-01-01T00:00:00Z INFO Twostep Admin listening on http://[::1]:80/ ")
                .as_deref(),
            Some("http://[::1]:80")
        );
        assert_eq!(listening_url("Twostep Admin starting"), None);
    }
}
