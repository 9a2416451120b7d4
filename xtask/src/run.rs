//! `cargo xtask run`: build the console and start the reference server in front of it.

use std::os::unix::process::CommandExt;

use crate::process::{command, run as run_step};
use crate::{Failure, Outcome, install, spa, target_dir};

/// Installs what is missing, builds the console and the server, then becomes the server.
///
/// The server replaces this process, so Ctrl-C reaches it directly and it shuts down cleanly.
/// `args` are passed to the server (after an optional `--`); its settings also come from the
/// `TWOSTEP_*` environment variables, which pass through unchanged.
pub fn run(args: &[String]) -> Outcome {
    install::build_tools()?;
    spa::build()?;
    let server = build_server()?;
    let args = args.strip_prefix(&["--".to_string()]).unwrap_or(args);
    println!("\nStarting the reference server (Ctrl-C stops it)");
    let error = command(&server).args(args).exec();
    Err(Failure(format!("could not start {}: {error}", server.display())))
}

/// `cargo xtask code EMAIL`: prints the authenticator app code that the reference server will
/// accept next from the demo account `EMAIL`, so that people can sign in without a phone.
/// It reads the same database and key as `cargo xtask run` (`TWOSTEP_*` pass through).
pub fn code(args: &[String]) -> Outcome {
    if args.is_empty() || args.iter().any(|arg| arg == "-h" || arg == "--help") {
        return Err(Failure(
            "usage: cargo xtask code EMAIL, such as cargo xtask code maya@northwind.example".into(),
        ));
    }
    let server = build_server()?;
    let error = command(&server).arg("code").args(args).exec();
    Err(Failure(format!("could not start {}: {error}", server.display())))
}

/// Builds the reference server as `cargo xtask run` starts it, and returns its path.
fn build_server() -> Result<std::path::PathBuf, Failure> {
    run_step(
        command("cargo").args(["build", "--package", "twostep-server", "--profile", "server"]),
        "building the server",
    )?;
    Ok(target_dir().join("server/twostep-server"))
}
