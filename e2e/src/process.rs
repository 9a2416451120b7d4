//! Child processes that never outlive the test that started them.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::wait::wait_until;

/// A child process started in a process group of its own, so that everything it starts in
/// turn (a browser under its WebDriver, for example) is ended with it.
///
/// Dropping it sends `SIGTERM` to the whole group, waits up to three seconds for the child to
/// exit, then sends `SIGKILL` to whatever is left of the group.
#[derive(Debug)]
pub struct ChildGuard {
    name: String,
    child: Child,
}

impl ChildGuard {
    /// Spawns `command` in a new process group; `name` is used in error messages.
    ///
    /// # Errors
    /// The spawn error, with `name` and the program in its message.
    pub fn spawn(name: &str, command: &mut Command) -> std::io::Result<Self> {
        command.process_group(0);
        let child = command.spawn().map_err(|error| {
            std::io::Error::new(
                error.kind(),
                format!("could not start {name} ({:?}): {error}", command.get_program()),
            )
        })?;
        Ok(Self { name: name.to_owned(), child })
    }

    /// The child's standard output, if it was piped and not taken yet.
    pub fn take_stdout(&mut self) -> Option<std::process::ChildStdout> {
        self.child.stdout.take()
    }

    /// The child's standard error, if it was piped and not taken yet.
    pub fn take_stderr(&mut self) -> Option<std::process::ChildStderr> {
        self.child.stderr.take()
    }

    /// `Some(description of the exit)` if the child has ended.
    pub fn exited(&mut self) -> Option<String> {
        match self.child.try_wait() {
            Ok(Some(status)) => Some(format!("{} exited ({status})", self.name)),
            Ok(None) => None,
            Err(error) => Some(format!("{} cannot be waited for: {error}", self.name)),
        }
    }

    fn signal_group(&self, signal: libc::c_int) {
        let Ok(group) = libc::pid_t::try_from(self.child.id()) else { return };
        // SAFETY: `kill` has no memory-safety preconditions; the negative id addresses the
        // process group this guard created for its own child.
        unsafe {
            libc::kill(-group, signal);
        }
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        self.signal_group(libc::SIGTERM);
        // Whether it ended in time or not, what is left of the group is killed next.
        let (what, child) = (format!("end of {}", self.name), &mut self.child);
        let _ =
            wait_until(&what, Duration::from_secs(3), || child.try_wait().ok().flatten().ok_or(()));
        self.signal_group(libc::SIGKILL);
        let _ = self.child.wait();
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago.
///
/// # Panics
/// If no port can be bound at all.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("cannot bind any port on 127.0.0.1")
}

/// The last lines a child wrote to a stream, kept while a thread drains it.
#[derive(Clone, Debug, Default)]
pub struct OutputTail {
    lines: std::sync::Arc<std::sync::Mutex<std::collections::VecDeque<String>>>,
}

impl OutputTail {
    const KEPT: usize = 60;

    /// Drains `stream` on a thread into this tail, keeping the last lines; each line is also
    /// offered to `watch`, which can forward it (for example to wait for a ready message).
    pub fn drain(&self, stream: impl Read + Send + 'static, watch: impl Fn(&str) + Send + 'static) {
        let lines = self.lines.clone();
        thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                watch(&line);
                let mut kept = lines.lock().unwrap_or_else(|poison| poison.into_inner());
                if kept.len() == Self::KEPT {
                    kept.pop_front();
                }
                kept.push_back(line);
            }
        });
    }

    /// The kept lines, joined with newlines.
    pub fn text(&self) -> String {
        let kept = self.lines.lock().unwrap_or_else(|poison| poison.into_inner());
        kept.iter().cloned().collect::<Vec<_>>().join("\n")
    }
}

/// An Xvfb X server on a display number it picked itself (`-displayfd`), for the browsers
/// that do not start without a display.
#[derive(Debug)]
pub struct VirtualDisplay {
    display: String,
    _process: ChildGuard,
}

impl VirtualDisplay {
    /// Starts `Xvfb` with a 1280×1024 screen.
    ///
    /// # Panics
    /// If Xvfb is missing or does not report a display within ten seconds.
    pub fn start() -> Self {
        let mut process = ChildGuard::spawn(
            "Xvfb",
            Command::new("Xvfb")
                .args(["-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped()),
        )
        .unwrap_or_else(|error| {
            panic!("{error}; install the Debian package xvfb (`cargo xtask test` does)")
        });
        let stderr = OutputTail::default();
        stderr.drain(process.take_stderr().expect("piped stderr"), |_| {});
        let (sender, receiver) = mpsc::channel();
        let stdout = process.take_stdout().expect("piped stdout");
        thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = sender.send(line);
        });
        let number = receiver
            .recv_timeout(Duration::from_secs(10))
            .ok()
            .map(|line| line.trim().to_owned())
            .filter(|number| !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()));
        let Some(number) = number else {
            let exit = process.exited().unwrap_or_default();
            panic!("Xvfb did not report a display within 10 s. {exit}\n{}", stderr.text());
        };
        Self { display: format!(":{number}"), _process: process }
    }

    /// The value for the `DISPLAY` environment variable, like `:0`.
    pub fn display(&self) -> &str {
        &self.display
    }
}
