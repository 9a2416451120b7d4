//! A black-box conformance suite of the Twostep Admin REST contract v1.
//!
//! It signs in as four people of two test organizations, sends the requests a console (and an
//! attacker) would send, and reports check by check where the backend departs from the
//! contract, naming the clause each check tests. It restores what it changed, or lists what it
//! left changed. [`run`] is the whole suite; the `twostep-conformance` binary and
//! `cargo xtask conformance` call it.

#![warn(missing_docs)]

pub mod checks;
mod context;
pub mod http;
pub mod report;
mod restore;
pub mod totp;

use std::time::{Duration, Instant};

pub use context::{CodeSource, Ctx, Options, settings_of};
pub use http::{Actor, Http, Reply, Request};
pub use report::{CheckResult, Finding, Outcome, Report, Verdict};

/// An account of a test organization: email and password.
#[derive(Clone, Debug)]
pub struct Account {
    /// The email address it signs in with.
    pub email: String,
    /// Its password.
    pub password: String,
}

/// Everything a run needs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The API's base URL (`http://127.0.0.1:8080/api/v1`); a bare origin gets `/api/v1`.
    pub base_url: String,
    /// A master administrator of the test organization.
    pub master: Account,
    /// An administrator (not master) of at least one technician group of it.
    pub group_admin: Account,
    /// A technician of it who is not an administrator.
    pub technician: Account,
    /// A master administrator of a second organization.
    pub other_master: Account,
    /// What the checks may do.
    pub options: Options,
    /// How long to wait for one answer.
    pub timeout: Duration,
    /// Only the checks whose id starts with one of these (all when empty).
    pub only: Vec<String>,
}

/// The API base of `url`: itself, or with `/api/v1` appended when it has no path.
pub fn api_base(url: &str) -> String {
    let trimmed = url.trim_end_matches('/');
    let after_scheme = trimmed.split_once("://").map_or(trimmed, |(_, rest)| rest);
    if after_scheme.contains('/') {
        trimmed.to_string()
    } else {
        format!("{trimmed}{}", twostep_contract::API_BASE_PATH)
    }
}

/// Runs the suite against the backend and reports every check.
pub fn run(config: &Config) -> Report {
    let started = Instant::now();
    let http = Http::new(&api_base(&config.base_url), config.timeout);
    let actor =
        |label, account: &Account| Actor::new(label, &account.email, &account.password, &http);
    let ctx = Ctx::new(
        http.clone(),
        config.options.clone(),
        actor(checks::MASTER, &config.master),
        actor(checks::ADMIN, &config.group_admin),
        actor(checks::TECHNICIAN, &config.technician),
        actor(checks::OTHER, &config.other_master),
    );
    let selected: Vec<checks::Check> = checks::all()
        .into_iter()
        .filter(|c| {
            config.only.is_empty() || config.only.iter().any(|p| c.id.starts_with(p.as_str()))
        })
        .collect();
    let signed_in: Vec<(&'static str, Verdict)> =
        ctx.people().iter().map(|person| (person.label, ctx.sign_in(person))).collect();
    let snapshot = restore::Snapshot::take(&ctx);
    let mut results = Vec::new();
    for check in selected {
        let began = Instant::now();
        let missing = signed_in.iter().find_map(|(label, verdict)| {
            let needed = check.people.iter().any(|p| p == label);
            match verdict {
                Err(Finding::Skipped(why) | Finding::Failed(why)) if needed => Some(why.clone()),
                _ => None,
            }
        });
        let verdict = match missing {
            Some(why) => Err(Finding::Skipped(why)),
            None => (check.run)(&ctx),
        };
        let outcome = match verdict {
            Ok(()) => Outcome::Passed,
            Err(Finding::Failed(why)) => Outcome::Failed(why),
            Err(Finding::Skipped(why)) => Outcome::Skipped(why),
        };
        results.push(CheckResult {
            id: check.id,
            area: check.area,
            clause: check.clause,
            title: check.title,
            outcome,
            elapsed: began.elapsed(),
        });
    }
    match snapshot {
        Ok(snapshot) => snapshot.restore(&ctx),
        Err(why) => ctx.left_changed(format!(
            "nothing could be put back: the state before the run was not read ({why:?})"
        )),
    }
    Report {
        base_url: http.base().to_string(),
        results,
        left_changed: ctx.changes_left(),
        elapsed: started.elapsed(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_origin_gets_the_contract_base_path() {
        assert_eq!(api_base("http://127.0.0.1:8080"), "http://127.0.0.1:8080/api/v1");
        assert_eq!(api_base("http://127.0.0.1:8080/"), "http://127.0.0.1:8080/api/v1");
        assert_eq!(
            api_base("https://example.com/twostep/api/v1/"),
            "https://example.com/twostep/api/v1"
        );
    }
}
