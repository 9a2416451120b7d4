//! Running the commands that the tasks are made of.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::{Failure, Outcome, root};

/// A command to run from the workspace root, with the project's tools folder on `PATH`.
pub fn command(program: impl AsRef<OsStr>) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(root()).env("PATH", path_with_tools());
    cmd
}

/// `PATH` with the project-local npm tools and cargo's bin folder in front.
pub fn path_with_tools() -> std::ffi::OsString {
    let mut dirs = vec![root().join("tools/node_modules/.bin"), cargo_bin()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

/// Where `cargo install` puts programs.
pub fn cargo_bin() -> PathBuf {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return PathBuf::from(home).join("bin");
    }
    let home = std::env::var_os("HOME").unwrap_or_else(|| "/root".into());
    PathBuf::from(home).join(".cargo/bin")
}

/// Runs `cmd`, echoing it first; fails with `what` when it does not succeed.
pub fn run(cmd: &mut Command, what: &str) -> Outcome {
    println!("\n$ {}", describe(cmd));
    let status = cmd
        .status()
        .map_err(|e| Failure(format!("{what}: could not start `{}`: {e}", describe(cmd))))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure(format!("{what} failed ({status}); the output above says why")))
    }
}

/// Runs `cmd` quietly and returns its standard output, or `None` when it cannot run or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn describe(cmd: &Command) -> String {
    let mut text = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}
