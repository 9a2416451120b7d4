//! The project's commands, run as `cargo xtask <command>`.
//!
//! Each command first installs what it needs and is missing (and only that), so that a machine
//! with nothing but the Rust toolchain can run the console and every check. Commands work on
//! the checkout they are run from, found at run time (see [`workspace`]).

#![warn(missing_docs)]

mod bench;
mod conformance;
mod install;
mod process;
mod reference;
mod run;
mod schemathesis;
mod spa;
mod stress;
mod test;
mod workspace;

use std::process::ExitCode;

pub use workspace::{root, target_dir};

const USAGE: &str = "\
Usage: cargo xtask <command> [arguments]

Commands:
  run [-- SERVER-FLAGS]   install what is missing, build the console, start the reference
                          server (127.0.0.1:8080 unless TWOSTEP_LISTEN or --listen says otherwise)
  test [LAYER...]         install what is missing and run every check, or only the named layers:
                          fmt, clippy, unit, contract, component, spa, budget, e2e
  conformance [BASE_URL] [FLAGS]
                          run the conformance suite against the backend at BASE_URL, the flags
                          going to the suite (--master, --group-admin, --technician,
                          --other-master, --password, --code-command, --allow-reset, --json,
                          --only; `--help` tells them all); without BASE_URL, against a fresh
                          reference server with the demo's accounts and --allow-reset
  schemathesis            run schemathesis (installed with pip under target/) with all its checks
                          against the OpenAPI document of a fresh reference server, signed in
                          as the demo's ana@contoso.example; settings in xtask/schemathesis.toml
  code EMAIL              print the authenticator app code that the server started by `run`
                          accepts next from that account (maya@northwind.example, say)
  bench                   measure the organization tree with 5,000 technician groups in
                          headless Chromium (generates the data set once, under target/bench/)
  stress                  the reference server under hostile load on loopback: a sign-in flood,
                          1,100 slow clients, the global reset at 100,000 and 500,000 members,
                          10 concurrent exports; prints memory, times and answers as tables
                          (builds the server with --profile server, or takes TWOSTEP_SERVER_BIN;
                          generates the organizations once per binary, under target/stress/)
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

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next();
    let rest: Vec<String> = args.collect();
    let needs_root = matches!(
        command.as_deref(),
        Some(
            "run"
                | "code"
                | "test"
                | "conformance"
                | "schemathesis"
                | "bench"
                | "stress"
                | "openapi"
        )
    );
    let located = if needs_root { workspace::locate().map(|_| ()) } else { Ok(()) };
    let outcome = located.and_then(|()| match command.as_deref() {
        Some("run") => run::run(&rest),
        Some("code") => run::code(&rest),
        Some("test") => test::test(&rest),
        Some("conformance") => conformance::conformance(&rest),
        Some("schemathesis") => schemathesis::schemathesis(&rest),
        Some("bench") => bench::bench(&rest),
        Some("stress") => stress::stress(&rest),
        Some("openapi") => test::update_openapi(),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure(format!("unknown command `{other}`\n\n{USAGE}"))),
        None => Err(Failure(USAGE.to_string())),
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}
