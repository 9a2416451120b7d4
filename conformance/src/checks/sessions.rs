//! Sessions and CSRF: signing in and out, the cookie, and the token every write needs.

use serde_json::json;
use twostep_contract::CSRF_HEADER;

use super::{ADMIN, Check, MASTER, OTHER, TECHNICIAN};
use crate::context::Ctx;
use crate::report::Verdict;
use crate::{ensure, fail};

const AREA: &str = "Sessions and CSRF";

/// The checks of this area.
pub const CHECKS: &[Check] = &[
    Check {
        id: "sessions.sign-in",
        area: AREA,
        clause: "POST /session: 200 Session {user: {id, name, email, roles}, organization: {id, name}, csrf_token}",
        title: "each test account signs in and GET /session answers who it is",
        people: &[MASTER, ADMIN, TECHNICIAN, OTHER],
        run: sign_in,
    },
    Check {
        id: "csrf.write-without-token",
        area: AREA,
        clause: "Every write needs the X-CSRF-Token header from the session (403 csrf-token-mismatch)",
        title: "a write without X-CSRF-Token, or with a wrong one, is refused with 403 and changes nothing",
        people: &[MASTER],
        run: write_without_token,
    },
];

fn sign_in(ctx: &Ctx) -> Verdict {
    for person in ctx.people() {
        let session = person.get_json("/session")?;
        ensure!(
            session["user"]["email"].as_str().map(str::to_lowercase)
                == Some(person.email.to_lowercase()),
            "GET /session as {} answered {}",
            person.email,
            session["user"]["email"]
        );
        ensure!(
            session["user"]["id"].is_i64() && session["organization"]["id"].is_i64(),
            "GET /session: `user.id` and `organization.id` must be integers: {session}"
        );
        ensure!(
            session["csrf_token"].as_str().is_some_and(|t| !t.is_empty()),
            "GET /session: no `csrf_token`: {session}"
        );
    }
    Ok(())
}

fn write_without_token(ctx: &Ctx) -> Verdict {
    let (before, etag) = ctx.policy()?;
    let mut flipped = crate::settings_of(&before);
    flipped["administrators"] =
        json!(if before["administrators"] == "all" { "none" } else { "all" });
    for token in [None, Some("not-the-token")] {
        let mut request = ctx
            .master
            .request("PUT", "/two-step-verification/policy")
            .json(&flipped)
            .if_match(&etag);
        request = request.without_header(CSRF_HEADER);
        if let Some(token) = token {
            request = request.header(CSRF_HEADER, token);
        }
        let reply = ctx.master.send(&request)?;
        if reply.status != 403 {
            fail!(
                "PUT /two-step-verification/policy {} X-CSRF-Token: expected 403 csrf-token-mismatch, got {}: {}",
                if token.is_some() { "with a wrong" } else { "without" },
                reply.status,
                reply.excerpt()
            );
        }
        reply.problem(403, twostep_contract::problem_types::CSRF)?;
    }
    let (after, _) = ctx.policy()?;
    ensure!(
        after["revision"] == before["revision"],
        "a refused write changed the policy: {before} → {after}"
    );
    Ok(())
}
