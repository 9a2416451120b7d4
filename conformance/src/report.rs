//! What the suite found: one result per check, rendered as text for people or as JSON.

use std::fmt::Write as _;
use std::time::Duration;

use serde_json::{Value, json};

/// Why a check did not pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// The backend departs from the contract: what was sent, what came back, what was expected.
    Failed(String),
    /// The check could not run (an account or option it needs is missing): why.
    Skipped(String),
}

/// What a check returns: `Ok` when the backend complies.
pub type Verdict = Result<(), Finding>;

/// Fails the check with a formatted message.
#[macro_export]
macro_rules! fail {
    ($($arg:tt)*) => {
        return Err($crate::report::Finding::Failed(format!($($arg)*)))
    };
}

/// Fails the check with a formatted message unless the condition holds.
#[macro_export]
macro_rules! ensure {
    ($condition:expr, $($arg:tt)*) => {
        if !$condition {
            $crate::fail!($($arg)*);
        }
    };
}

/// Skips the check with a formatted reason.
#[macro_export]
macro_rules! skip {
    ($($arg:tt)*) => {
        return Err($crate::report::Finding::Skipped(format!($($arg)*)))
    };
}

/// The outcome of one check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The backend complies.
    Passed,
    /// It does not; why.
    Failed(String),
    /// The check did not run; why.
    Skipped(String),
}

impl Outcome {
    fn word(&self) -> &'static str {
        match self {
            Outcome::Passed => "pass",
            Outcome::Failed(_) => "FAIL",
            Outcome::Skipped(_) => "skip",
        }
    }
}

/// One check's result.
#[derive(Clone, Debug)]
pub struct CheckResult {
    /// The check's stable id (`etag.stale-if-match`).
    pub id: &'static str,
    /// The area of the contract it belongs to.
    pub area: &'static str,
    /// The clause of the contract it tests.
    pub clause: &'static str,
    /// What it checks, in one sentence.
    pub title: &'static str,
    /// What happened.
    pub outcome: Outcome,
    /// How long it took.
    pub elapsed: Duration,
}

/// The whole run.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// The API's base URL.
    pub base_url: String,
    /// Every check run, in order.
    pub results: Vec<CheckResult>,
    /// What the suite changed and could not put back.
    pub left_changed: Vec<String>,
    /// How long the run took.
    pub elapsed: Duration,
    /// Why no check ran, when the backend did not answer at all.
    pub unreachable: Option<String>,
}

impl Report {
    /// The results that failed.
    pub fn failures(&self) -> impl Iterator<Item = &CheckResult> {
        self.results.iter().filter(|r| matches!(r.outcome, Outcome::Failed(_)))
    }

    /// The ids of the checks that failed.
    pub fn failed_ids(&self) -> Vec<&'static str> {
        self.failures().map(|r| r.id).collect()
    }

    /// Whether no check failed.
    pub fn complies(&self) -> bool {
        self.failures().next().is_none()
    }

    /// Whether some check did not run (skipped), so that compliance is not proven.
    pub fn incomplete(&self) -> bool {
        self.results.iter().any(|r| matches!(r.outcome, Outcome::Skipped(_)))
    }

    fn count(&self, word: &str) -> usize {
        self.results.iter().filter(|r| r.outcome.word() == word).count()
    }

    /// The report for people: each area, each check, and the findings in full.
    pub fn text(&self) -> String {
        if let Some(why) = &self.unreachable {
            return format!(
                "Conformance of {}: no check ran, the backend did not answer.\n{why}\n",
                self.base_url
            );
        }
        let mut out =
            format!("Conformance of {} to the Twostep Admin REST contract v1\n", self.base_url);
        let mut area = "";
        for result in &self.results {
            if result.area != area {
                area = result.area;
                let _ = write!(out, "\n{area}\n");
            }
            let _ =
                writeln!(out, "  {}  {:<44} {}", result.outcome.word(), result.id, result.title);
            match &result.outcome {
                Outcome::Passed => {}
                Outcome::Failed(why) | Outcome::Skipped(why) => {
                    for line in why.lines() {
                        let _ = writeln!(out, "          {line}");
                    }
                    if matches!(result.outcome, Outcome::Failed(_)) {
                        let _ = writeln!(out, "          contract: {}", result.clause);
                    }
                }
            }
        }
        let _ = write!(
            out,
            "\n{} checks: {} passed, {} failed, {} skipped, in {:.1} s\n",
            self.results.len(),
            self.count("pass"),
            self.count("FAIL"),
            self.count("skip"),
            self.elapsed.as_secs_f64()
        );
        if self.left_changed.is_empty() {
            out.push_str("The suite put back everything it changed.\n");
        } else {
            out.push_str("Left changed (the suite could not put these back):\n");
            for change in &self.left_changed {
                let _ = writeln!(out, "  - {change}");
            }
        }
        out
    }

    /// The report as JSON: `{base_url, complies, counts, checks: [...], left_changed}`.
    pub fn json(&self) -> Value {
        let checks: Vec<Value> = self
            .results
            .iter()
            .map(|r| {
                let (outcome, detail) = match &r.outcome {
                    Outcome::Passed => ("passed", None),
                    Outcome::Failed(why) => ("failed", Some(why)),
                    Outcome::Skipped(why) => ("skipped", Some(why)),
                };
                json!({
                    "id": r.id,
                    "area": r.area,
                    "clause": r.clause,
                    "title": r.title,
                    "outcome": outcome,
                    "detail": detail,
                    "milliseconds": r.elapsed.as_millis() as u64,
                })
            })
            .collect();
        json!({
            "base_url": self.base_url,
            "complies": self.complies(),
            "complete": !self.incomplete(),
            "unreachable": self.unreachable,
            "counts": {
                "checks": self.results.len(),
                "passed": self.count("pass"),
                "failed": self.count("FAIL"),
                "skipped": self.count("skip"),
            },
            "seconds": self.elapsed.as_secs_f64(),
            "checks": checks,
            "left_changed": self.left_changed,
        })
    }
}
