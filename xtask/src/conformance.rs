//! `cargo xtask conformance [BASE_URL] [FLAGS]`: the conformance suite (the
//! `twostep-conformance` binary), against a backend at `BASE_URL` with the flags given, or,
//! without a URL, against a fresh reference server with the demo's accounts.

use crate::process::{command, run};
use crate::reference::{ReferenceServer, server_binary, without_twostep_settings};
use crate::{Failure, Outcome};

/// The password of every demo account of a fresh reference server.
const PASSWORD: &str = "demo-Password-2026";

/// Runs the suite: with a URL among `args` (or `--help`), `args` go to the suite unchanged;
/// without, the suite runs against a fresh reference server, `args` added to its flags.
pub fn conformance(args: &[String]) -> Outcome {
    let url_given =
        args.iter().any(|arg| arg.starts_with("http://") || arg.starts_with("https://"));
    let help = args.iter().any(|arg| matches!(arg.as_str(), "-h" | "--help" | "-V" | "--version"));
    if url_given || help {
        // `cargo run` builds the suite; another backend needs nothing of the reference server.
        suite(args, false)
    } else {
        against_reference(args)
    }
}

/// The suite against a fresh reference server (a temporary database seeded with the demo, a
/// free port), signed in as the demo's accounts, with `--allow-reset` and `extra` flags.
pub fn against_reference(extra: &[String]) -> Outcome {
    build()?;
    let server = ReferenceServer::start("conformance", PASSWORD)?;
    println!(
        "A fresh reference server listens on {} (database {})",
        server.url,
        server.database.display()
    );
    let code_command = format!(
        "TWOSTEP_DATABASE_URL='sqlite://{}' '{}' code {{email}}",
        server.database.display(),
        server_binary().display()
    );
    let mut args: Vec<String> = [
        server.url.as_str(),
        "--master",
        "maya@northwind.example",
        "--group-admin",
        "ines@northwind.example",
        "--technician",
        "sam@northwind.example",
        "--other-master",
        "ana@contoso.example",
        "--password",
        PASSWORD,
        "--code-command",
        &code_command,
        "--allow-reset",
    ]
    .map(str::to_string)
    .to_vec();
    args.extend_from_slice(extra);
    suite(&args, true)
}

/// Builds the reference server and the suite in one cargo run.
fn build() -> Outcome {
    run(
        command("cargo").args([
            "build",
            "--quiet",
            "--package",
            "twostep-server",
            "--package",
            "twostep-conformance",
        ]),
        "building the reference server and the conformance suite",
    )
}

/// `cargo run -p twostep-conformance -- args`; fails when a check failed or the suite could not
/// run, the report above saying which. `own_settings`: the caller's `TWOSTEP_*` variables are
/// kept from it, so that only `args` say what it does.
fn suite(args: &[String], own_settings: bool) -> Outcome {
    let mut cmd = command("cargo");
    if own_settings {
        without_twostep_settings(&mut cmd);
    }
    cmd.args(["run", "--quiet", "--package", "twostep-conformance", "--"]).args(args);
    let shown: Vec<String> = args.iter().map(|arg| quoted(arg)).collect();
    println!("\n$ cargo run --quiet --package twostep-conformance -- {}", shown.join(" "));
    let status = cmd.status().map_err(|e| Failure(format!("could not start cargo: {e}")))?;
    match status.code() {
        Some(0) => Ok(()),
        Some(1) => Err(Failure(
            "the backend departs from the contract: the report above names each failed check and \
             its clause"
                .into(),
        )),
        Some(3) => Err(Failure(
            "no check failed, but some were skipped, so compliance is not proven: each skip \
             above says what it needs (an account, --code-command, --allow-reset)"
                .into(),
        )),
        _ => Err(Failure(format!("the conformance suite could not run ({status}); see above"))),
    }
}

/// `arg` as a shell reads it back: in single quotes when it holds anything but plain characters.
fn quoted(arg: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:@=,+{}".contains(c);
    if !arg.is_empty() && arg.chars().all(plain) {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn the_echoed_command_can_be_pasted_into_a_shell() {
        assert_eq!(quoted("--only"), "--only");
        assert_eq!(quoted("http://127.0.0.1:8080/api/v1"), "http://127.0.0.1:8080/api/v1");
        assert_eq!(quoted("x=1 y {email}"), "'x=1 y {email}'");
        assert_eq!(quoted("it's"), r"'it'\''s'");
        assert_eq!(quoted(""), "''");
    }
}
