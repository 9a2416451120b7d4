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
    run_step(
        command("cargo").args(["build", "--package", "twostep-server", "--profile", "server"]),
        "building the server",
    )?;
    let server = target_dir().join("server/twostep-server");
    let args = args.strip_prefix(&["--".to_string()]).unwrap_or(args);
    println!("\nStarting the reference server (Ctrl-C stops it)");
    let error = command(&server).args(args).exec();
    Err(Failure(format!("could not start {}: {error}", server.display())))
}
