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

pub use context::{CodeSource, Ctx, Options, StartedStep, settings_of};
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
    // Signing in comes first and always runs: when it fails, every check after it is skipped,
    // and only this one says why.
    let selected: Vec<checks::Check> = checks::all()
        .into_iter()
        .filter(|c| {
            c.id == checks::SIGN_IN
                || config.only.is_empty()
                || config.only.iter().any(|p| c.id.starts_with(p.as_str()))
        })
        .collect();
    if let Err(why) = http.send(&Request::new("GET", "/session")) {
        let why = match why {
            Finding::Failed(why) | Finding::Skipped(why) => why,
        };
        return Report {
            base_url: http.base().to_string(),
            elapsed: started.elapsed(),
            unreachable: Some(why),
            ..Report::default()
        };
    }
    let signed_in: Vec<(&'static str, Verdict)> =
        ctx.people().iter().map(|person| (person.label, ctx.sign_in(person))).collect();
    let snapshot = restore::Snapshot::take(&ctx);
    let mut results = Vec::new();
    for check in selected {
        let began = Instant::now();
        let failed_sign_ins: Vec<&Finding> = signed_in
            .iter()
            .filter(|(label, _)| check.id == checks::SIGN_IN || check.people.contains(label))
            .filter_map(|(_, verdict)| verdict.as_ref().err())
            .collect();
        let verdict = match failed_sign_ins.first() {
            None => (check.run)(&ctx),
            Some(_) if check.id == checks::SIGN_IN => {
                let failed = failed_sign_ins.iter().any(|f| matches!(f, Finding::Failed(_)));
                let why = failed_sign_ins
                    .iter()
                    .map(|f| match f {
                        Finding::Failed(why) | Finding::Skipped(why) => why.as_str(),
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                Err(if failed { Finding::Failed(why) } else { Finding::Skipped(why) })
            }
            Some(_) => Err(Finding::Skipped(format!(
                "it needs {}, who could not sign in (see {})",
                check.people.join(", "),
                checks::SIGN_IN
            ))),
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
    let ran = results.iter().any(|r| !matches!(r.outcome, Outcome::Skipped(_)));
    match snapshot {
        Ok(snapshot) => snapshot.restore(&ctx),
        Err(Finding::Failed(why) | Finding::Skipped(why)) if ran => ctx.left_changed(format!(
            "whatever the checks changed: the policy and the groups could not be read before \
             them, so nothing was put back ({why})"
        )),
        Err(_) => {}
    }
    Report {
        base_url: http.base().to_string(),
        results,
        left_changed: ctx.changes_left(),
        elapsed: started.elapsed(),
        unreachable: None,
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
