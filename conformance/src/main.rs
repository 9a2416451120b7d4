//! `twostep-conformance BASE_URL`: runs the conformance suite against a backend and prints the
//! report; the exit code is 0 when every check passed, 1 when a check failed, 2 when the suite
//! could not run, 3 when none failed but some were skipped (compliance not proven).

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use twostep_conformance::{Account, Config, Options};

/// Tells a backend's author, check by check, where their backend departs from the Twostep Admin
/// REST contract v1. Run it against a test organization: it changes the policy and groups (and
/// puts them back) and, with --allow-reset, members' two-step verification.
#[derive(Parser, Debug)]
#[command(name = "twostep-conformance", version)]
struct Cli {
    /// The API's base URL, e.g. http://127.0.0.1:8080/api/v1 (a bare origin gets /api/v1).
    #[arg(env = "TWOSTEP_CONFORMANCE_URL")]
    base_url: String,
    /// A master administrator of the test organization: EMAIL or EMAIL:PASSWORD.
    #[arg(long, env = "TWOSTEP_CONFORMANCE_MASTER")]
    master: String,
    /// An administrator (not master) of at least one technician group: EMAIL[:PASSWORD].
    #[arg(long, env = "TWOSTEP_CONFORMANCE_GROUP_ADMIN")]
    group_admin: String,
    /// A technician who is not an administrator: EMAIL[:PASSWORD].
    #[arg(long, env = "TWOSTEP_CONFORMANCE_TECHNICIAN")]
    technician: String,
    /// A master administrator of a second organization: EMAIL[:PASSWORD].
    #[arg(long, env = "TWOSTEP_CONFORMANCE_OTHER_MASTER")]
    other_master: String,
    /// The password of the accounts given without one.
    #[arg(long, env = "TWOSTEP_CONFORMANCE_PASSWORD", hide_env_values = true)]
    password: Option<String>,
    /// A shell command that prints the current second-step code of an account; `{email}` and
    /// `{method}` are replaced. Needed when an account must verify at sign-in.
    #[arg(long, env = "TWOSTEP_CONFORMANCE_CODE_COMMAND")]
    code_command: Option<String>,
    /// Let checks reset two-step verification (a confirmed method change, a member reset),
    /// which nothing can undo: only on a test organization.
    #[arg(long, env = "TWOSTEP_CONFORMANCE_ALLOW_RESET")]
    allow_reset: bool,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Run only the checks whose id starts with this (repeatable), e.g. --only etag.
    #[arg(long)]
    only: Vec<String>,
    /// Seconds to wait for one answer.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
}

fn account(given: &str, password: Option<&str>, flag: &str) -> Result<Account, String> {
    let (email, password) = match given.split_once(':') {
        Some((email, password)) => (email, Some(password)),
        None => (given, password),
    };
    let password = password.ok_or_else(|| {
        format!("--{flag} {email}: give its password as EMAIL:PASSWORD or with --password")
    })?;
    if !email.contains('@') {
        return Err(format!("--{flag} `{email}` is not an email address"));
    }
    Ok(Account { email: email.trim().to_string(), password: password.to_string() })
}

fn config(cli: &Cli) -> Result<Config, String> {
    let password = cli.password.as_deref();
    if !(cli.base_url.starts_with("http://") || cli.base_url.starts_with("https://")) {
        return Err(format!("`{}` is not an http:// or https:// URL", cli.base_url));
    }
    Ok(Config {
        base_url: cli.base_url.clone(),
        master: account(&cli.master, password, "master")?,
        group_admin: account(&cli.group_admin, password, "group-admin")?,
        technician: account(&cli.technician, password, "technician")?,
        other_master: account(&cli.other_master, password, "other-master")?,
        options: Options {
            allow_reset: cli.allow_reset,
            code_command: cli.code_command.clone(),
            code_source: None,
        },
        timeout: Duration::from_secs(cli.timeout.max(1)),
        only: cli.only.clone(),
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match config(&cli) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("twostep-conformance: {message}");
            return ExitCode::from(2);
        }
    };
    let report = twostep_conformance::run(&config);
    if cli.json {
        println!("{:#}", report.json());
    } else {
        print!("{}", report.text());
    }
    if report.unreachable.is_some() {
        ExitCode::from(2)
    } else if report.results.is_empty() {
        eprintln!("twostep-conformance: no check matched --only {:?}", config.only);
        ExitCode::from(2)
    } else if !report.complies() {
        ExitCode::FAILURE
    } else if report.incomplete() {
        eprintln!(
            "twostep-conformance: no check failed, but the skipped ones did not run: compliance \
             is not proven (see each skip's reason)"
        );
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    }
}
