//! Every check of the suite, by area. Each names the clause of the contract it tests (the
//! operation of `openapi.json`, or the section of the product description) and the people it
//! needs signed in.

use crate::context::Ctx;
use crate::report::Verdict;

mod audit;
mod etag;
mod filters;
mod fixture;
mod isolation;
mod members_reset;
mod paging;
mod policy;
mod problems;
mod rule;
mod sessions;

/// The master administrator of the test organization.
pub const MASTER: &str = "master administrator";
/// The administrator of some of its groups.
pub const ADMIN: &str = "group administrator";
/// A technician of it.
pub const TECHNICIAN: &str = "technician";
/// The master administrator of the second organization.
pub const OTHER: &str = "other organization's master administrator";

/// The id of the check that signs every test account in; it always runs first.
pub const SIGN_IN: &str = "sessions.sign-in";

/// One check.
#[derive(Clone, Copy)]
pub struct Check {
    /// Stable id, `area.what` (`etag.stale-if-match`); `--only` selects by its prefix.
    pub id: &'static str,
    /// The area of the contract.
    pub area: &'static str,
    /// The clause it tests.
    pub clause: &'static str,
    /// What it checks, in one sentence.
    pub title: &'static str,
    /// Who must be signed in for it to run.
    pub people: &'static [&'static str],
    /// The check.
    pub run: fn(&Ctx) -> Verdict,
}

/// Every check, in the order they run.
pub fn all() -> Vec<Check> {
    [
        sessions::CHECKS,
        sessions::SIGN_IN_STEPS,
        problems::CHECKS,
        etag::CHECKS,
        paging::CHECKS,
        filters::CHECKS,
        rule::CHECKS,
        members_reset::CHECKS,
        audit::CHECKS,
        isolation::CHECKS,
        policy::CHECKS,
    ]
    .concat()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn ids_are_unique_and_name_their_area() {
        let mut seen = BTreeSet::new();
        for check in all() {
            assert!(seen.insert(check.id), "{} twice", check.id);
            assert!(check.id.contains('.'), "{} has no area prefix", check.id);
            assert!(!check.clause.is_empty() && !check.title.is_empty(), "{}", check.id);
        }
    }
}
