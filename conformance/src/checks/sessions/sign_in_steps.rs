//! The sign-in steps: a member the policy requires to use two-step verification gets a pending
//! second step (202) that opens nothing else, a wrong code is refused with the attempts left,
//! and the right one opens the session; a member not required signs in at once (200).

use serde_json::{Value, json};
use twostep_contract::problem_types as types;

use super::super::problems::{Findings, documented};
use super::super::{Check, MASTER};
use super::{check_cookie, session_email, set_cookies, sets_cookie};
use crate::context::{Ctx, StartedStep};
use crate::http::{Actor, Reply, Request};
use crate::report::{Finding, Verdict};
use crate::{ensure, fail, skip};

const AREA: &str = "Sign-in steps";

/// Why a check of the second step cannot run.
pub(super) const NONE_REQUIRED: &str = "no test account (master administrator, group \
    administrator, technician) is required to use two-step verification under the current policy \
    (GET /members answers `required: false` for each), so none takes a second step at sign-in";

/// The pending cookie's lifetime the contract documents: 10 minutes.
const PENDING_MAX_AGE: &str = "600";

/// The checks of this area.
pub(super) const CHECKS: &[Check] = &[
    Check {
        id: "sign-in-steps.required-gets-pending",
        area: AREA,
        clause: "POST /session: 202 PendingSecondStep \"for a member the policy requires to use two-step verification\"; Set-Cookie: twostep_pending=...; HttpOnly; SameSite=Strict; Path=/; Max-Age=600",
        title: "a member the policy requires gets 202 with a pending second step and its cookie, not a session",
        people: &[MASTER],
        run: required_gets_pending,
    },
    Check {
        id: "sign-in-steps.pending-opens-nothing-else",
        area: AREA,
        clause: "POST /session 202: \"The pending cookie is set; it opens nothing else\"; pending_cookie: \"it opens only /session/second-step\"",
        title: "the pending cookie reads the pending step and nothing else: every other operation answers 401",
        people: &[MASTER],
        run: pending_opens_nothing_else,
    },
    Check {
        id: "sign-in-steps.wrong-then-right-code",
        area: AREA,
        clause: "POST /session/second-step/complete: 422 \"Wrong code (wrong-code, with attempts_left)\"; 200 SecondStepDone \"the session cookie is set (sign-in)\", twostep_pending=; Max-Age=0",
        title: "a wrong code answers 422 wrong-code with attempts_left, the right one opens the session",
        people: &[MASTER],
        run: wrong_then_right_code,
    },
    Check {
        id: "sign-in-steps.not-required-signs-in-directly",
        area: AREA,
        clause: "POST /session: 200 \"Signed in (two-step verification is not required of the member); the session cookie is set\"",
        title: "a member the policy does not require signs in at once with 200 and a session",
        people: &[MASTER],
        run: not_required_signs_in_directly,
    },
    Check {
        id: "sign-in-steps.give-up",
        area: AREA,
        clause: "DELETE /session/second-step: 204 \"Given up; the pending cookie is expired\"; afterwards 401 second-step-expired",
        title: "a pending step given up is gone: its cookie then answers 401 second-step-expired",
        people: &[MASTER],
        run: give_up_check,
    },
];

/// The test accounts of the test organization with whether the policy requires each, as the
/// master administrator's member list says.
fn requirement(ctx: &Ctx) -> Result<Vec<(&Actor, Value)>, Finding> {
    let mut found = Vec::new();
    for person in [&ctx.master, &ctx.admin, &ctx.technician] {
        let email = person.email.to_lowercase();
        let page =
            ctx.master.get_json(&format!("/members?q={}&per_page=200", query_value(&email)))?;
        let member = page["items"].as_array().and_then(|items| {
            items.iter().find(|m| m["email"].as_str().map(str::to_lowercase) == Some(email.clone()))
        });
        if let Some(member) = member {
            found.push((person, member.clone()));
        }
    }
    Ok(found)
}

/// `text` for a query string: the characters an email may hold, percent-encoded where needed.
fn query_value(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '-' | '_' | '@' => c.to_string(),
            c => format!("%{:02X}", c as u32),
        })
        .collect()
}

/// A test account the policy requires, one already set up first (it verifies rather than sets
/// up, which changes nothing).
pub(super) fn person_with_second_step(ctx: &Ctx) -> Result<Option<&Actor>, Finding> {
    let required: Vec<(&Actor, Value)> =
        requirement(ctx)?.into_iter().filter(|(_, m)| m["required"] == true).collect();
    let enrolled = required.iter().find(|(_, m)| m["status"] == "enrolled");
    Ok(enrolled.or(required.first()).map(|(person, _)| *person))
}

/// A test account the policy does not require.
pub(super) fn person_signing_in_directly(ctx: &Ctx) -> Result<Option<&Actor>, Finding> {
    Ok(requirement(ctx)?.into_iter().find(|(_, m)| m["required"] == false).map(|(p, _)| p))
}

/// Signs a new browser of `person` in with their password, expecting 202: the browser, with the
/// pending step's token, the answer and the pending step.
pub(super) fn open_pending(ctx: &Ctx, person: &Actor) -> Result<(Actor, Reply, Value), Finding> {
    let actor = ctx.fresh(person);
    let reply = ctx.post_sign_in(&actor)?;
    if reply.status != 202 {
        fail!(
            "POST /session as {} (required to use two-step verification, GET /members says): \
             expected 202 PendingSecondStep, got {}: {}",
            person.email,
            reply.status,
            reply.excerpt()
        );
    }
    let pending = reply.json_with(202)?;
    actor.set_csrf(pending["csrf_token"].as_str().map(str::to_string));
    Ok((actor, reply, pending))
}

/// Gives the pending step up, as a courtesy to the backend.
pub(super) fn give_up(actor: &Actor) {
    let _ = actor.send(&actor.request("DELETE", "/session/second-step"));
}

/// The pending step of the required person, opened for the length of `check` and given up
/// after it.
fn with_pending(
    ctx: &Ctx,
    check: impl FnOnce(&Actor, &Actor, &Reply, &Value) -> Verdict,
) -> Verdict {
    let Some(person) = person_with_second_step(ctx)? else { skip!("{NONE_REQUIRED}") };
    let (actor, reply, pending) = open_pending(ctx, person)?;
    let verdict = check(person, &actor, &reply, &pending);
    give_up(&actor);
    verdict
}

fn required_gets_pending(ctx: &Ctx) -> Verdict {
    with_pending(ctx, |person, _, reply, pending| {
        let mut findings = Findings::default();
        let methods = ["lastpass_notification", "authenticator_app", "sms", "email"];
        let mut shape = |ok: bool, what: &str| {
            if !ok {
                findings.push(format!("the 202 PendingSecondStep: {what}: {pending}"));
            }
        };
        shape(pending["purpose"] == "sign_in", "`purpose` must be `sign_in`");
        shape(
            pending["step"] == "set_up" || pending["step"] == "verify",
            "`step` must be `set_up` or `verify`",
        );
        shape(
            pending["email"].as_str().map(str::to_lowercase) == Some(person.email.to_lowercase()),
            "`email` must be the member's",
        );
        shape(pending["name"].is_string(), "`name` must be a string");
        shape(
            pending["methods"].as_array().is_some_and(|m| {
                !m.is_empty() && m.iter().all(|m| methods.contains(&m.as_str().unwrap_or("")))
            }),
            "`methods` must list one or more primary methods",
        );
        shape(pending["recovery_codes_left"].is_u64(), "`recovery_codes_left` must be an integer");
        shape(pending["expires_at"].is_string(), "`expires_at` must be an RFC 3339 string");
        shape(
            pending["csrf_token"].as_str().is_some_and(|t| !t.is_empty()),
            "`csrf_token` must be a token",
        );
        if sets_cookie(reply, "twostep_session") {
            findings.push(format!(
                "the 202 set a session cookie before the second step: {:?}",
                reply.headers("set-cookie")
            ));
        }
        let cookies: Vec<_> = set_cookies(reply)
            .into_iter()
            .filter(|c| c.name.ends_with("twostep_pending") && !c.expires_now())
            .collect();
        match cookies.as_slice() {
            [cookie] => {
                findings.note(check_cookie(ctx, cookie, "twostep_pending", PENDING_MAX_AGE))
            }
            _ => findings.push(format!(
                "the 202 must set one pending cookie, it set: {:?}",
                reply.headers("set-cookie")
            )),
        }
        findings.verdict()
    })
}

fn pending_opens_nothing_else(ctx: &Ctx) -> Verdict {
    with_pending(ctx, |person, actor, _, pending| {
        let mut findings = Findings::default();
        for path in [
            "/session",
            "/account",
            "/members",
            "/two-step-verification/policy",
            "/technician-groups",
        ] {
            let reply = actor.get(path)?;
            let how = "with only the pending cookie";
            findings.expect_problem(&reply, how, 401, types::UNAUTHENTICATED);
        }
        // A write with the pending step's token is no session's write either.
        let reply = actor.send(&actor.request("DELETE", "/sessions"))?;
        if let Err(Finding::Failed(why)) = documented(&reply, 401) {
            findings.push(format!("with the pending cookie and token: {why}"));
        }
        let again = actor.get("/session/second-step")?;
        match again.json_with(200) {
            Ok(step) => {
                if step["email"].as_str().map(str::to_lowercase)
                    != Some(person.email.to_lowercase())
                    || step["step"] != pending["step"]
                {
                    findings.push(format!(
                        "GET /session/second-step answered another step than the sign-in's: {step} \
                         (the 202 was {pending})"
                    ));
                }
            }
            Err(Finding::Failed(why) | Finding::Skipped(why)) => findings.push(why),
        }
        findings.verdict()
    })
}

/// A six-digit code that is not `code`: each digit moved by five.
fn another_code(code: &str) -> String {
    let digits: String = code
        .chars()
        .map(|c| c.to_digit(10).map_or('0', |d| char::from(b'0' + ((d + 5) % 10) as u8)))
        .collect();
    if digits.len() == 6 { digits } else { "000000".into() }
}

fn wrong_then_right_code(ctx: &Ctx) -> Verdict {
    with_pending(ctx, |person, actor, _, pending| {
        let StartedStep { code, set_up, .. } = ctx.start_step(actor, pending)?;
        let complete = |code: &str| {
            actor.send(
                &actor
                    .request("POST", "/session/second-step/complete")
                    .json(&json!({"code": code})),
            )
        };
        let wrong = complete(&another_code(&code))?;
        if wrong.status != 422 {
            fail!(
                "POST /session/second-step/complete with a wrong code: expected 422 {}, got {}: {}",
                types::WRONG_CODE,
                wrong.status,
                wrong.excerpt()
            );
        }
        let problem = wrong.problem(422, types::WRONG_CODE)?;
        ensure!(
            problem["attempts_left"].is_u64(),
            "the 422 wrong-code must say `attempts_left` (an integer): {problem}"
        );
        let right = complete(&code)?;
        let done = right.json_with(200)?;
        if set_up {
            ctx.left_changed(format!(
                "{} had to set up two-step verification in a sign-in check; the suite set up an \
                 authenticator app for them",
                person.email
            ));
        }
        ensure!(
            session_email(&done["session"]) == Some(person.email.to_lowercase())
                && done["session"]["csrf_token"].is_string(),
            "the 200 SecondStepDone must carry the member's session: {done}"
        );
        ensure!(
            sets_cookie(&right, "twostep_session"),
            "the 200 of the second step must set the session cookie: {:?}",
            right.headers("set-cookie")
        );
        actor.set_session(done["session"].clone());
        let session = actor.get_json("/session")?;
        ensure!(
            session_email(&session) == Some(person.email.to_lowercase()),
            "GET /session after the second step answered {session}"
        );
        let _ = actor.send(&actor.request("DELETE", "/session"));
        Ok(())
    })
}

fn not_required_signs_in_directly(ctx: &Ctx) -> Verdict {
    let Some(person) = person_signing_in_directly(ctx)? else {
        skip!(
            "every test account is required to use two-step verification under the current policy"
        );
    };
    let actor = ctx.fresh(person);
    let reply = ctx.post_sign_in(&actor)?;
    if reply.status != 200 {
        fail!(
            "POST /session as {} (not required to use two-step verification, GET /members says): \
             expected 200 Session, got {}: {}",
            person.email,
            reply.status,
            reply.excerpt()
        );
    }
    let session = reply.json_with(200)?;
    actor.set_session(session.clone());
    let verdict = (|| {
        ensure!(
            session_email(&session) == Some(person.email.to_lowercase()),
            "POST /session as {} answered the session of {}",
            person.email,
            session["user"]["email"]
        );
        ensure!(
            sets_cookie(&reply, "twostep_session") && !sets_cookie(&reply, "twostep_pending"),
            "POST /session 200 must set the session cookie (and no pending one): {:?}",
            reply.headers("set-cookie")
        );
        actor.get_json("/session").map(|_| ())
    })();
    let _ = actor.send(&actor.request("DELETE", "/session"));
    verdict
}

fn give_up_check(ctx: &Ctx) -> Verdict {
    with_pending(ctx, |_, actor, _, _| {
        let cookie = actor.cookie_header();
        let token = actor.csrf().unwrap_or_default();
        let reply = actor.send(&actor.request("DELETE", "/session/second-step"))?;
        reply.expect_status(204)?;
        let expired = set_cookies(&reply)
            .iter()
            .any(|c| c.name.ends_with("twostep_pending") && c.expires_now());
        let mut findings = Findings::default();
        if !expired {
            findings.push(format!(
                "DELETE /session/second-step answered 204 without expiring the pending cookie: {:?}",
                reply.headers("set-cookie")
            ));
        }
        // Someone who kept the cookie gets nothing from it.
        for request in [
            Request::new("GET", "/session/second-step"),
            Request::new("POST", "/session/second-step/start")
                .header(twostep_contract::CSRF_HEADER, &token)
                .json(&json!({"method": "authenticator_app"})),
        ] {
            let reply = ctx.http.send(&request.header("Cookie", &cookie))?;
            findings.note(reply.problem(401, types::SECOND_STEP_EXPIRED).map(|_| ()));
        }
        findings.verdict()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_code_differs_in_every_digit() {
        assert_eq!(another_code("123456"), "678901");
        assert_eq!(another_code("000000"), "555555");
        assert_eq!(another_code("12"), "000000");
    }

    #[test]
    fn emails_are_encoded_for_the_query() {
        assert_eq!(query_value("sam+1@northwind.example"), "sam%2B1@northwind.example");
    }
}
