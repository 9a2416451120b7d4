//! `cargo xtask schemathesis`, and the schemathesis half of the `contract` layer of
//! `cargo xtask test`: schemathesis, with all its checks, against the OpenAPI document a fresh
//! reference server serves, so that the server accepts exactly what the document says (and
//! refuses what it does not) and answers as it says.
//!
//! Schemathesis is a Python program: it is installed with pip, at a pinned version, into a
//! virtual environment of its own under the target folder (created with `python3 -m venv`), and
//! reinstalled only when that version is missing. Its settings are `xtask/schemathesis.toml`,
//! which says why each operation it leaves out or each status it allows is there.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::process::{command, run as run_step};
use crate::reference::ReferenceServer;
use crate::{Failure, Outcome, root, target_dir};

/// The schemathesis release the checks were written against.
const VERSION: &str = "4.32.5";

/// Test cases generated per operation and phase: enough to reach every bound and enumeration,
/// few enough for about half a minute on two cores.
const MAX_EXAMPLES: &str = "30";

/// The demo account the run signs in as: the master administrator of Contoso Helpdesk, whom
/// the demo policy (administrators: none) does not ask for a second step, and who may write
/// everything the contract has.
const ACCOUNT: &str = "ana@contoso.example";

/// The password of every demo account of the fresh server.
const PASSWORD: &str = "schemathesis-Demo-2026";

/// `cargo xtask schemathesis`: takes no arguments.
pub fn schemathesis(args: &[String]) -> Outcome {
    if let Some(unknown) = args.first() {
        return Err(Failure(format!("`schemathesis` takes no arguments, got `{unknown}`")));
    }
    run()
}

/// Installs schemathesis when missing, builds and starts a fresh reference server, signs in and
/// runs every check of schemathesis against the server's document. Prints one line when no
/// check fails, and schemathesis' whole report when one does.
pub fn run() -> Outcome {
    let schemathesis = install()?;
    run_step(
        command("cargo").args(["build", "--quiet", "--package", "twostep-server"]),
        "building the reference server",
    )?;
    let server = ReferenceServer::start("schemathesis", PASSWORD)?;
    let (session, csrf) = sign_in(server.address())?;
    let started = Instant::now();
    let document = format!("{}/api/v1/openapi.json", server.url);
    let config = root().join("xtask/schemathesis.toml");
    let mut cmd = Command::new(&schemathesis);
    cmd.current_dir(&server.folder)
        .env("TWOSTEP_SCHEMATHESIS_SESSION", session)
        .env("TWOSTEP_SCHEMATHESIS_CSRF", csrf)
        .env("NO_COLOR", "1")
        .arg("--config-file")
        .arg(&config)
        .args(["run", &document, "--checks", "all", "--max-examples", MAX_EXAMPLES])
        .args(["--no-color", "--wait-for-schema", "10"]);
    println!(
        "\n$ schemathesis --config-file xtask/schemathesis.toml run {document} --checks all \
         --max-examples {MAX_EXAMPLES}"
    );
    let output = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Failure(format!("could not start {}: {e}", schemathesis.display())))?;
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    if !output.status.success() {
        println!("{report}");
        return Err(Failure(format!(
            "schemathesis found the server departing from its OpenAPI document ({}); the report \
             above names each failure with a curl command that reproduces it",
            output.status
        )));
    }
    let cases = report.lines().find(|line| line.contains(" generated, ")).unwrap_or_default();
    println!(
        "schemathesis: no failure ({}) in {:.0} s",
        cases.trim(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The `schemathesis` program of the project's own environment, installed when missing.
fn install() -> Result<PathBuf, Failure> {
    let venv = target_dir().join("schemathesis-venv");
    let program = venv.join("bin/schemathesis");
    let installed = Command::new(&program)
        .arg("--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains(VERSION));
    if installed {
        return Ok(program);
    }
    crate::install::python_venv()?;
    println!("\nInstalling schemathesis {VERSION} into {}", venv.display());
    run_step(
        command("python3").arg("-m").arg("venv").arg("--clear").arg(&venv),
        "creating the Python environment of schemathesis (python3 -m venv)",
    )?;
    run_step(
        command(venv.join("bin/pip")).args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            &format!("schemathesis=={VERSION}"),
        ]),
        "installing schemathesis with pip",
    )?;
    Ok(program)
}

/// Signs in as [`ACCOUNT`] at `address`: the session cookie's value and the CSRF token.
///
/// One HTTP/1.1 request on a plain socket, which is all the xtask needs of a client.
fn sign_in(address: &str) -> Result<(String, String), Failure> {
    let body = format!(r#"{{"email":"{ACCOUNT}","password":"{PASSWORD}"}}"#);
    let request = format!(
        "POST /api/v1/session HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(address)
        .map_err(|e| Failure(format!("cannot reach the reference server at {address}: {e}")))?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok();
    let mut answer = String::new();
    stream
        .write_all(request.as_bytes())
        .and_then(|()| stream.read_to_string(&mut answer))
        .map_err(|e| Failure(format!("signing in as {ACCOUNT}: {e}")))?;
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let session = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .filter(|(name, _)| name.eq_ignore_ascii_case("set-cookie"))
        .find_map(|(_, value)| value.trim().strip_prefix("twostep_session="))
        .and_then(|cookie| cookie.split(';').next());
    let csrf = json_string(body, "csrf_token");
    match (session, csrf) {
        (Some(session), Some(csrf)) => Ok((session.to_string(), csrf)),
        _ => Err(Failure(format!(
            "signing in as {ACCOUNT} gave no session (it must need no second step); the answer \
             was:\n{answer}"
        ))),
    }
}

/// The value of the string member `name` of a flat JSON text, when it holds no escapes (a
/// CSRF token is base64url).
fn json_string(json: &str, name: &str) -> Option<String> {
    let start = json.find(&format!("\"{name}\":\""))? + name.len() + 4;
    let value = &json[start..start + json[start..].find('"')?];
    (!value.contains('\\')).then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_csrf_token_is_read_from_the_session() {
        let session = r#"{"user":{"id":44},"csrf_token":"fWb7-mj_W04Z","organization":{}}"#;
        assert_eq!(json_string(session, "csrf_token").as_deref(), Some("fWb7-mj_W04Z"));
        assert_eq!(json_string(session, "missing"), None);
        assert_eq!(json_string(r#"{"csrf_token":"a\"b"}"#, "csrf_token"), None);
    }

    #[test]
    fn the_settings_file_is_where_the_run_reads_it() {
        let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemathesis.toml");
        let text = std::fs::read_to_string(config).unwrap();
        assert!(text.contains("${TWOSTEP_SCHEMATHESIS_SESSION}"));
        assert!(text.contains("${TWOSTEP_SCHEMATHESIS_CSRF}"));
    }
}
