//! The reference server, started on a free port with a fresh database for one test.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::http::{self, Answer};
use crate::outbox::{Channel, Outbox, OutboxMark, OutboxMessage};
use crate::process::{ChildGuard, OutputTail};
use crate::wait::wait_until;
use crate::workspace_root;

/// The demo accounts the suite signs in as (the product description promises them).
pub mod demo {
    /// Maya Patel: master administrator and account holder of Northwind Support; set up with an
    /// authenticator app.
    pub const MAYA: &str = "maya@northwind.example";
    /// Leo Martin: master administrator with a technician licence (Tier 2); set up with an
    /// authenticator app.
    pub const LEO: &str = "leo@northwind.example";
    /// Inès Duarte: administrator of Tier 1; required, and not set up.
    pub const INES: &str = "ines@northwind.example";
    /// Sam Okafor: technician in Tier 1 › EMEA; not required.
    pub const SAM: &str = "sam@northwind.example";
    /// Ana Lima: master administrator of Contoso Helpdesk; not required.
    pub const ANA: &str = "ana@contoso.example";
}

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

/// The key file the server generates beside its database on first start.
const SECRET_KEY_FILE: &str = "secret.key";

/// How long an authenticator code from [`TestServer::code`] must still be accepted after it is
/// printed: the time to type it in a browser and for the server to check it.
const CODE_MARGIN: Duration = Duration::from_secs(6);

/// A running `twostep-server` with its own SQLite database in a temporary directory, serving
/// the built SPA, writing its messages to an outbox in that directory and keeping its secret
/// key file beside the database. Dropping it stops the server and deletes all of it.
#[derive(Debug)]
pub struct TestServer {
    base_url: String,
    binary: PathBuf,
    database_url: String,
    password: String,
    outbox: Outbox,
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
    /// in a temporary directory, with a copy of the secret key file beside `database` when
    /// there is one (without it the server could not open the authenticator keys), so the run
    /// changes nothing in `database`, and it is deleted with the server. Binary and SPA as for
    /// [`TestServer::start`].
    ///
    /// # Panics
    /// If `database` cannot be copied, and as [`TestServer::start`].
    pub fn start_on_copy_of(database: &Path, password: &str) -> Self {
        let data = tempfile::Builder::new()
            .prefix("twostep-e2e-db-")
            .tempdir()
            .expect("cannot create a temporary directory for the database");
        // SQLite keeps recent writes in the write-ahead log next to the file until a checkpoint.
        let mut copies = Vec::new();
        for suffix in ["", "-wal"] {
            let from = PathBuf::from(format!("{}{suffix}", database.display()));
            if suffix.is_empty() || from.is_file() {
                copies.push((from, data.path().join(format!("twostep.db{suffix}"))));
            }
        }
        let key = database.parent().unwrap_or(Path::new(".")).join(SECRET_KEY_FILE);
        if key.is_file() {
            copies.push((key, data.path().join(SECRET_KEY_FILE)));
        }
        for (from, to) in copies {
            std::fs::copy(&from, &to).unwrap_or_else(|error| {
                panic!("cannot copy {} to {}: {error}", from.display(), to.display())
            });
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
        let outbox = Outbox::new(data.path().join("outbox"));

        let mut process = ChildGuard::spawn(
            "twostep-server",
            Command::new(&binary)
                .arg("--listen")
                .arg("127.0.0.1:0")
                .arg("--database-url")
                .arg(&database_url)
                .arg("--dist-dir")
                .arg(&dist)
                .envs(environment(password, &outbox))
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
            Ok(Ok(base_url)) => {
                let password = password.to_owned();
                return Self {
                    base_url,
                    binary,
                    database_url,
                    password,
                    outbox,
                    stderr,
                    process,
                    _data: data,
                };
            }
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

    /// The authenticator app code the server accepts next from `email` (a member set up with an
    /// authenticator app), as `twostep-server code` prints it on this server's database, when
    /// it will still be accepted for a few seconds more: enough to type it in a browser.
    ///
    /// # Panics
    /// If the command fails (for a member without an authenticator app, say) or does not print
    /// six digits; the message has what it wrote on stderr.
    #[track_caller]
    pub fn code(&self, email: &str) -> String {
        self.code_lasting(email, CODE_MARGIN)
    }

    /// As [`TestServer::code`], for a code that must still be accepted `margin` after it is
    /// printed (the API sends it at once; a browser needs time to type it).
    #[track_caller]
    pub(crate) fn code_lasting(&self, email: &str, margin: Duration) -> String {
        // The code may be the one of the step before the current one, accepted until the
        // current step ends: start in time for it to outlive the typing.
        let step = Duration::from_secs(crate::totp::STEP_SECONDS);
        let enough_left = wait_until("a step with time left", step, || {
            let into_step =
                Duration::from_millis(unix_millis() % (crate::totp::STEP_SECONDS * 1000));
            if into_step + margin <= step { Ok(()) } else { Err(into_step) }
        });
        enough_left.unwrap_or_else(|timed_out| panic!("{timed_out}"));
        let output = Command::new(&self.binary)
            .arg("code")
            .arg("--database-url")
            .arg(&self.database_url)
            .arg(email)
            .envs(environment(&self.password, &self.outbox))
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|error| panic!("cannot run {} code: {error}", self.binary.display()));
        let printed = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "`twostep-server code {email}` failed ({}): {said}",
            output.status
        );
        assert!(
            twostep_contract::normalized_code(&printed).as_deref() == Some(printed.as_str()),
            "`twostep-server code {email}` printed {printed:?}, not six digits; stderr: {said}"
        );
        printed
    }

    /// The server's outbox, where it writes every SMS, email and push notification.
    pub fn outbox(&self) -> &Outbox {
        &self.outbox
    }

    /// The moment now in the outbox: take it before an action that sends a message, then wait
    /// for that message with [`TestServer::outbox_message`].
    pub fn outbox_mark(&self) -> OutboxMark {
        self.outbox.mark()
    }

    /// Waits for the newest message of `channel` to `to` (a phone number as typed, or an email
    /// address; `None` for anyone) sent after `since`; read its code with
    /// [`OutboxMessage::code`] or its approval link with [`OutboxMessage::link`].
    ///
    /// # Panics
    /// If no such message arrives within 20 seconds.
    #[track_caller]
    pub fn outbox_message(
        &self,
        channel: Channel,
        to: Option<&str>,
        since: &OutboxMark,
    ) -> OutboxMessage {
        self.outbox.message(channel, to, since)
    }

    /// Answers the approval link `link` of a push notification as the member's phone does:
    /// `POST` of the form `decision=approve` (when `approve`) or `decision=deny`.
    ///
    /// # Panics
    /// If the request cannot be made.
    #[track_caller]
    pub fn decide_push(&self, link: &str, approve: bool) -> Answer {
        let decision = if approve { "decision=approve" } else { "decision=deny" };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("cannot build a Tokio runtime");
        let form = [("content-type", "application/x-www-form-urlencoded")];
        runtime
            .block_on(http::send("POST", link, &form, Some(decision.to_owned())))
            .unwrap_or_else(|error| panic!("{error}"))
    }
}

/// What the server and its `code` subcommand get in their environment: the demo password, and
/// the outbox in the test's directory rather than in the working directory's `data/`.
fn environment(password: &str, outbox: &Outbox) -> [(&'static str, std::ffi::OsString); 2] {
    [
        ("TWOSTEP_DEMO_PASSWORD", password.into()),
        ("TWOSTEP_OUTBOX_DIR", outbox.dir().as_os_str().to_owned()),
    ]
}

fn unix_millis() -> u64 {
    let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH).expect("after 1970");
    u64::try_from(since_epoch.as_millis()).expect("a time in milliseconds fits in 64 bits")
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
