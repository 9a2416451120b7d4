//! The project's commands, run as `cargo xtask <command>`.
//!
//! Each command first installs what it needs and is missing (and only that), so that a machine
//! with nothing but the Rust toolchain can run the console and every check.

mod bench;
mod install;
mod process;
mod run;
mod spa;
mod test;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
Usage: cargo xtask <command> [arguments]

Commands:
  run [-- SERVER-FLAGS]   install what is missing, build the console, start the reference
                          server (127.0.0.1:8080 unless TWOSTEP_LISTEN or --listen says otherwise)
  test [LAYER...]         install what is missing and run every check, or only the named layers:
                          fmt, clippy, unit, component, spa, budget, e2e
  bench                   measure the organization tree with 5,000 technician groups in
                          headless Chromium (generates the data set once, under target/bench/)
  openapi                 rewrite contract/openapi.json from the server's code
  help                    show this text";

/// An error that ends the command, with a message saying what failed and what to do.
#[derive(Debug)]
pub struct Failure(pub String);

impl<T: Into<String>> From<T> for Failure {
    fn from(message: T) -> Self {
        Failure(message.into())
    }
}

/// What a command returns.
pub type Outcome = Result<(), Failure>;

/// The workspace root: the folder holding the root `Cargo.toml`.
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// Where cargo puts build output: `CARGO_TARGET_DIR`, or `target/` in the workspace.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"))
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next();
    let rest: Vec<String> = args.collect();
    let outcome = match command.as_deref() {
        Some("run") => run::run(&rest),
        Some("test") => test::test(&rest),
        Some("bench") => bench::bench(&rest),
        Some("openapi") => test::update_openapi(),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure(format!("unknown command `{other}`\n\n{USAGE}"))),
        None => Err(Failure(USAGE.to_string())),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}
