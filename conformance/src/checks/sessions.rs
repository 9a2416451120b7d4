//! Sessions and CSRF: signing in and out, the cookie, the token every write needs, and who may
//! read what; the sign-in steps are in [`sign_in_steps`].

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use twostep_contract::{CSRF_HEADER, problem_types as types};

use super::problems::{Findings, NO_SUCH_ID, expect_fields, flipped_settings, some_group, why};
use super::{ADMIN, Check, MASTER, OTHER, TECHNICIAN};
use crate::context::Ctx;
use crate::http::{Actor, Reply, Request, SetCookie};
use crate::report::{Finding, Verdict};
use crate::{ensure, fail};

mod sign_in_steps;

const AREA: &str = "Sessions and CSRF";

/// The session cookie's lifetime the contract documents: 8 hours.
const SESSION_MAX_AGE: &str = "28800";

/// The checks of this area.
pub const CHECKS: &[Check] = &[
    Check {
        id: super::SIGN_IN,
        area: AREA,
        clause: "POST /session: 200 Session {user: {id, name, email, roles}, organization: {id, name}, csrf_token}",
        title: "each test account signs in and GET /session answers who it is",
        people: &[MASTER, ADMIN, TECHNICIAN, OTHER],
        run: sign_in,
    },
    Check {
        id: "sessions.cookie-attributes",
        area: AREA,
        clause: "session_cookie: \"set by POST /session (HttpOnly, SameSite=Strict, 8 hours). A backend reached over https names it __Host-twostep_session and marks it Secure\"; 200 Set-Cookie: twostep_session=...; HttpOnly; SameSite=Strict; Path=/; Max-Age=28800",
        title: "the session cookie is HttpOnly, SameSite=Strict, Path=/, 8 hours, and Secure with the __Host- name over https",
        people: &[MASTER],
        run: cookie_attributes,
    },
    Check {
        id: "sessions.absolute-lifetime",
        area: AREA,
        clause: "Sessions: the session's \"lifetime is absolute: the session ends 8 hours after sign-in, however much it is used, and is never extended\"",
        title: "using a session (reads and writes) never sets its cookie again, which would extend it",
        people: &[MASTER],
        run: absolute_lifetime,
    },
    Check {
        id: "sessions.invalid-credentials",
        area: AREA,
        clause: "POST /session: 401 \"Wrong email or password\" (/problems/invalid-credentials)",
        title: "an email no member has answers 401 /problems/invalid-credentials and sets no session cookie",
        people: &[],
        run: invalid_credentials,
    },
    Check {
        id: "sessions.sign-in-validation",
        area: AREA,
        clause: "POST /session: 422 \"Missing or invalid fields, or an email longer than 254 characters\"; SignIn: email and password required, an email of white space is empty",
        title: "empty, blank, missing and over-long sign-in fields answer 422 naming each field",
        people: &[],
        run: sign_in_validation,
    },
    Check {
        id: "sessions.sign-in-not-json",
        area: AREA,
        clause: "POST /session: 415 \"The body is not JSON\" (/problems/unsupported-media-type)",
        title: "a sign-in sent as a form answers 415 and signs nobody in",
        people: &[],
        run: sign_in_not_json,
    },
    Check {
        id: "sessions.anonymous-reads",
        area: AREA,
        clause: "Every operation with the session_cookie security: 401 \"Not signed in, or the session has expired\" (/problems/unauthenticated, with an optional `sign_in_url`)",
        title: "every protected read without a cookie answers 401 /problems/unauthenticated",
        people: &[MASTER],
        run: anonymous_reads,
    },
    Check {
        id: "sessions.anonymous-writes",
        area: AREA,
        clause: "Writes check, in order: session (401), CSRF token (403), ...: a write without a session answers 401 /problems/unauthenticated",
        title: "every write without a session cookie answers 401 and changes nothing",
        people: &[MASTER],
        run: anonymous_writes,
    },
    Check {
        id: "sessions.forged-cookie",
        area: AREA,
        clause: "session_cookie: a cookie that names no live session is not signed in (401 /problems/unauthenticated)",
        title: "a session cookie with a made-up value opens nothing",
        people: &[],
        run: forged_cookie,
    },
    Check {
        id: "sessions.cookie-twice",
        area: AREA,
        clause: "session_cookie: \"A request that carries it twice is refused (401)\"; /problems/unauthenticated: \"no session, it has ended, or its cookie was sent twice\"",
        title: "a request carrying the session cookie twice is refused with 401",
        people: &[MASTER],
        run: cookie_twice,
    },
    Check {
        id: "sessions.sign-out",
        area: AREA,
        clause: "DELETE /session: \"Signs out: deletes the session and expires the cookie\" (204, Set-Cookie ...; Max-Age=0)",
        title: "signing out expires the cookie and ends the session on the server: the old cookie answers 401",
        people: &[TECHNICIAN],
        run: sign_out,
    },
    Check {
        id: "sessions.sign-out-everywhere",
        area: AREA,
        clause: "DELETE /sessions: \"ends every session of the signed-in member (this one included, on every browser and device)\" (204, cookie expired)",
        title: "signing out everywhere ends the member's other sessions too",
        people: &[TECHNICIAN],
        run: sign_out_everywhere,
    },
    Check {
        id: "sessions.technician-forbidden",
        area: AREA,
        clause: "GET policy, GET /technician-groups[/{id}], GET /members[/export], GET /audit-events[/export]: 403 for technicians; PUT policy, POST preview, PATCH group, POST /members/two-step-reset: 403 \"the caller is a technician\" (/problems/forbidden)",
        title: "a technician gets 403 /problems/forbidden from every Admin Center read and write",
        people: &[MASTER, TECHNICIAN],
        run: technician_forbidden,
    },
    Check {
        id: "sessions.master-only",
        area: AREA,
        clause: "PUT policy and POST policy/preview: 403 \"the caller is not a master administrator\"; GET /audit-events[/export]: 403 \"Only master administrators can read the audit log\"; GET policy: administrators read it (200)",
        title: "a group administrator reads the policy but gets 403 from its writes, its preview and the audit log",
        people: &[MASTER, ADMIN],
        run: master_only,
    },
    Check {
        id: "csrf.write-without-token",
        area: AREA,
        clause: "Every write needs the X-CSRF-Token header from the session (403 /problems/csrf-token-mismatch): PUT policy, POST policy/preview, PATCH group, POST /members/two-step-reset, POST /account/*, DELETE /session, DELETE /sessions",
        title: "every write without X-CSRF-Token is refused with 403 and changes nothing",
        people: &[MASTER, TECHNICIAN],
        run: write_without_token,
    },
    Check {
        id: "csrf.write-wrong-token",
        area: AREA,
        clause: "Every write needs the X-CSRF-Token header from the session: \"The X-CSRF-Token header is missing or wrong\" (403 /problems/csrf-token-mismatch)",
        title: "every write with a wrong X-CSRF-Token is refused with 403 and changes nothing",
        people: &[MASTER, TECHNICIAN],
        run: write_wrong_token,
    },
    Check {
        id: "csrf.token-of-another-session",
        area: AREA,
        clause: "csrf_token: \"The csrf_token of the session\": the token of one session does not stand for another's",
        title: "a write with one session's cookie and another session's token is refused with 403",
        people: &[MASTER, ADMIN, OTHER],
        run: token_of_another_session,
    },
    Check {
        id: "csrf.token-does-not-rotate",
        area: AREA,
        clause: "Sessions and CSRF: the token \"is made at sign-in and does not rotate: it stays the same for the whole session\"",
        title: "the session's token stays the same across writes: GET /session answers it and it keeps working",
        people: &[MASTER],
        run: token_does_not_rotate,
    },
    Check {
        id: "csrf.second-step-without-token",
        area: AREA,
        clause: "DELETE /session/second-step, POST /session/second-step/start and /complete: 403 \"The X-CSRF-Token header is not the pending step's csrf_token\"",
        title: "the pending second step's writes refuse a missing, wrong or session token with 403",
        people: &[MASTER],
        run: second_step_without_token,
    },
];

/// The checks of the sign-in steps, which run after those of sessions.
pub const SIGN_IN_STEPS: &[Check] = sign_in_steps::CHECKS;

/// An email address no backend has a member for: every run its own, so that no account is
/// throttled for the suite's wrong passwords.
fn unknown_email() -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("conformance-{nanos:x}@example.invalid")
}

/// A new session of `like`'s account, signed in as the browser would.
pub(super) fn fresh_session(ctx: &Ctx, like: &Actor) -> Result<Actor, Finding> {
    let actor = ctx.fresh(like);
    ctx.sign_in(&actor)?;
    Ok(actor)
}

/// The `Set-Cookie` headers of an answer, read as a browser reads them.
pub(super) fn set_cookies(reply: &Reply) -> Vec<SetCookie> {
    reply.headers("set-cookie").into_iter().filter_map(SetCookie::parse).collect()
}

/// Whether the answer sets (not expires) a cookie whose name ends with `name`.
pub(super) fn sets_cookie(reply: &Reply, name: &str) -> bool {
    set_cookies(reply).iter().any(|c| c.name.ends_with(name) && !c.expires_now())
}

/// Fails unless `GET /session` with `cookie` answers `expected`.
fn session_answers(ctx: &Ctx, cookie: &str, expected: u16) -> Verdict {
    let reply = ctx.http.send(&Request::new("GET", "/session").header("Cookie", cookie))?;
    ensure!(
        reply.status == expected,
        "GET /session with the cookie `{}`: expected {expected}, got {}: {}",
        cookie.split('=').next().unwrap_or_default(),
        reply.status,
        reply.excerpt()
    );
    Ok(())
}

/// Ends `actor`'s session, as a courtesy to the backend; what it answers does not matter.
fn sign_out_quietly(actor: &Actor) {
    let _ = actor.send(&actor.request("DELETE", "/session"));
}

/// Signs `ctx`'s technician in again when a check (or a broken backend) ended their session.
fn keep_technician_signed_in(ctx: &Ctx) -> Verdict {
    if ctx.technician.get("/session")?.status == 200 {
        return Ok(());
    }
    ctx.sign_in(&ctx.technician)
}

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
            session["user"]["roles"].as_array().is_some_and(|r| !r.is_empty()),
            "GET /session: `user.roles` must list the roles held: {session}"
        );
        ensure!(
            session["csrf_token"].as_str().is_some_and(|t| !t.is_empty()),
            "GET /session: no `csrf_token`: {session}"
        );
        ensure!(
            session["csrf_token"] == person.session()["csrf_token"],
            "GET /session as {}: the `csrf_token` {} is not the one the sign-in answered ({})",
            person.email,
            session["csrf_token"],
            person.session()["csrf_token"]
        );
    }
    Ok(())
}

/// Fails unless `cookie` has the attributes the contract gives the session and pending cookies.
pub(super) fn check_cookie(ctx: &Ctx, cookie: &SetCookie, plain: &str, max_age: &str) -> Verdict {
    let https = ctx.http.base().starts_with("https://");
    let expected_name = if https { format!("__Host-{plain}") } else { plain.to_string() };
    let mut findings = Findings::default();
    if cookie.name != expected_name {
        findings.push(format!(
            "the cookie is named `{}`; over {} the contract names it `{expected_name}`",
            cookie.name,
            if https { "https" } else { "http" }
        ));
    }
    if !cookie.attributes.contains_key("httponly") {
        findings.push(format!("`{}` lacks HttpOnly", cookie.name));
    }
    let same_site = cookie.attributes.get("samesite").map(|s| s.to_ascii_lowercase());
    if same_site.as_deref() != Some("strict") {
        findings.push(format!("`{}` must be SameSite=Strict, it is {same_site:?}", cookie.name));
    }
    if cookie.attributes.get("path").map(String::as_str) != Some("/") {
        findings.push(format!("`{}` must have Path=/: {:?}", cookie.name, cookie.attributes));
    }
    if cookie.attributes.get("max-age").map(String::as_str) != Some(max_age) {
        findings.push(format!(
            "`{}` must last {max_age} seconds (Max-Age={max_age}): {:?}",
            cookie.name, cookie.attributes
        ));
    }
    if https && !cookie.attributes.contains_key("secure") {
        findings.push(format!("`{}` is sent over https without Secure", cookie.name));
    }
    if cookie.attributes.contains_key("domain") {
        findings.push(format!("`{}` must be host-only (no Domain attribute)", cookie.name));
    }
    findings.verdict()
}

fn cookie_attributes(ctx: &Ctx) -> Verdict {
    let Some(person) = sign_in_steps::person_signing_in_directly(ctx)? else {
        crate::skip!(
            "every test account must take a second step under the current policy; the session \
             cookie's attributes are checked with one that is not"
        );
    };
    let actor = ctx.fresh(person);
    let reply = ctx.post_sign_in(&actor)?;
    reply.json_with(200)?;
    let session: Vec<SetCookie> =
        set_cookies(&reply).into_iter().filter(|c| c.name.ends_with("twostep_session")).collect();
    sign_out_quietly(&actor);
    let [cookie] = session.as_slice() else {
        fail!(
            "POST /session answered 200 with {} session cookies (expected one): {:?}",
            session.len(),
            reply.headers("set-cookie")
        );
    };
    check_cookie(ctx, cookie, "twostep_session", SESSION_MAX_AGE)
}

fn absolute_lifetime(ctx: &Ctx) -> Verdict {
    let (policy, etag) = ctx.policy()?;
    let master = &ctx.master;
    let mut findings = Findings::default();
    for request in [
        master.request("GET", "/session"),
        master.request("GET", "/members?per_page=1"),
        master
            .request("POST", "/two-step-verification/policy/preview")
            .json(&crate::settings_of(&policy)),
        master
            .request("PUT", "/two-step-verification/policy")
            .json(&crate::settings_of(&policy))
            .if_match(&etag),
    ] {
        let reply = ctx.http.send(&request)?;
        if sets_cookie(&reply, "twostep_session") {
            findings.push(format!(
                "{} (answered {}) set the session cookie again, extending a session whose \
                 lifetime the contract makes absolute: {:?}",
                reply.what,
                reply.status,
                reply.headers("set-cookie")
            ));
        }
    }
    findings.verdict()
}

fn invalid_credentials(ctx: &Ctx) -> Verdict {
    let body = json!({"email": unknown_email(), "password": "not-the-password-1"});
    let reply = ctx.http.send(&Request::new("POST", "/session").json(&body))?;
    if reply.status == 429 {
        crate::skip!(
            "POST /session answered 429 (the client address is throttled after earlier failed \
             sign-ins); run again later: {}",
            reply.excerpt()
        );
    }
    reply.problem(401, types::INVALID_CREDENTIALS)?;
    ensure!(
        !sets_cookie(&reply, "twostep_session") && !sets_cookie(&reply, "twostep_pending"),
        "POST /session with a wrong password set a cookie: {:?}",
        reply.headers("set-cookie")
    );
    Ok(())
}

fn sign_in_validation(ctx: &Ctx) -> Verdict {
    let long = format!("{}@example.invalid", "a".repeat(250));
    let mut findings = Findings::default();
    for (body, fields) in [
        (json!({"email": "", "password": ""}), vec!["email", "password"]),
        (json!({"email": "   ", "password": "x"}), vec!["email"]),
        (json!({"email": "someone@example.invalid", "password": ""}), vec!["password"]),
        (json!({"password": "x"}), vec!["email"]),
        (json!({"email": "someone@example.invalid"}), vec!["password"]),
        (json!({"email": long, "password": "x"}), vec!["email"]),
    ] {
        let reply = ctx.http.send(&Request::new("POST", "/session").json(&body))?;
        let shown = if body["email"].as_str().is_some_and(|e| e.len() > 40) {
            "an email of 268 characters".to_string()
        } else {
            body.to_string()
        };
        findings.note(expect_fields(&reply, &shown, &fields));
        if sets_cookie(&reply, "twostep_session") {
            findings.push(format!("POST /session with {shown} set a session cookie"));
        }
    }
    findings.verdict()
}

fn sign_in_not_json(ctx: &Ctx) -> Verdict {
    let form = format!("email={}&password=x", unknown_email()).into_bytes();
    let reply = ctx.http.send(
        &Request::new("POST", "/session").raw_body("application/x-www-form-urlencoded", form),
    )?;
    reply.problem(415, types::UNSUPPORTED_MEDIA_TYPE)?;
    Ok(())
}

/// Every read that needs a session, with the ids of `ctx`'s test organization.
fn protected_reads(ctx: &Ctx) -> Result<Vec<String>, Finding> {
    let (group, _) = some_group(ctx)?;
    Ok(vec![
        "/session".into(),
        "/account".into(),
        "/two-step-verification/policy".into(),
        "/technician-groups".into(),
        format!("/technician-groups/{}", group["id"]),
        "/members".into(),
        "/members/export".into(),
        "/audit-events".into(),
        "/audit-events/export".into(),
    ])
}

/// Fails unless `reply` is 401 `/problems/unauthenticated`, with `sign_in_url` a string if any.
fn unauthenticated(reply: &Reply) -> Verdict {
    let problem = reply.problem(401, types::UNAUTHENTICATED)?;
    ensure!(
        problem["sign_in_url"].is_null() || problem["sign_in_url"].is_string(),
        "{}: `sign_in_url` must be a string when present: {problem}",
        reply.what
    );
    Ok(())
}

fn anonymous_reads(ctx: &Ctx) -> Verdict {
    let mut findings = Findings::default();
    for path in protected_reads(ctx)? {
        let reply = ctx.http.send(&Request::new("GET", &path))?;
        findings.note(unauthenticated(&reply));
    }
    findings.verdict()
}

fn anonymous_writes(ctx: &Ctx) -> Verdict {
    let (before, etag) = ctx.policy()?;
    let (group, group_etag) = some_group(ctx)?;
    let group_path = format!("/technician-groups/{}", group["id"]);
    let token = ctx.master.csrf().unwrap_or_default();
    let mut findings = Findings::default();
    for request in [
        Request::new("PUT", "/two-step-verification/policy")
            .json(&flipped_settings(&before))
            .if_match(&etag),
        Request::new("POST", "/two-step-verification/policy/preview")
            .json(&flipped_settings(&before)),
        Request::new("PATCH", &group_path)
            .json(&json!({"force_two_step": !group["force_two_step"].as_bool().unwrap_or(false)}))
            .if_match(&group_etag),
        Request::new("POST", "/members/two-step-reset").json(&json!({"member_ids": [NO_SUCH_ID]})),
        Request::new("POST", "/account/recovery-codes"),
        Request::new("DELETE", "/session"),
        Request::new("DELETE", "/sessions"),
    ] {
        // The master administrator's token, without their cookie: still nobody.
        let reply = ctx.http.send(&request.header(CSRF_HEADER, &token))?;
        findings.note(unauthenticated(&reply));
    }
    findings.policy_unchanged(ctx, &before, "a write without a session")?;
    findings.group_unchanged(ctx, &group_path, &group, "a write without a session")?;
    findings.verdict()
}

fn forged_cookie(ctx: &Ctx) -> Verdict {
    let mut findings = Findings::default();
    let forged = "twostep_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA; \
                  __Host-twostep_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    for path in ["/session", "/members", "/two-step-verification/policy"] {
        let reply = ctx.http.send(&Request::new("GET", path).header("Cookie", forged))?;
        findings.note(unauthenticated(&reply));
    }
    findings.verdict()
}

fn cookie_twice(ctx: &Ctx) -> Verdict {
    let cookie = ctx.master.cookie_header();
    ensure!(!cookie.is_empty(), "the master administrator's sign-in set no cookie");
    let reply = ctx
        .http
        .send(&Request::new("GET", "/session").header("Cookie", &format!("{cookie}; {cookie}")))?;
    ensure!(
        reply.status == 401,
        "GET /session carrying the session cookie twice (`Cookie: a=1; a=1`): expected 401, got {}: {}",
        reply.status,
        reply.excerpt()
    );
    reply.problem(401, types::UNAUTHENTICATED).map(|_| ())
}

fn sign_out(ctx: &Ctx) -> Verdict {
    let actor = fresh_session(ctx, &ctx.technician)?;
    let cookie = actor.cookie_header();
    let reply = actor.send(&actor.request("DELETE", "/session"))?;
    reply.expect_status(204)?;
    let expired =
        set_cookies(&reply).iter().any(|c| c.name.ends_with("twostep_session") && c.expires_now());
    ensure!(
        expired,
        "DELETE /session answered 204 without expiring the session cookie (Max-Age=0): {:?}",
        reply.headers("set-cookie")
    );
    // The browser forgot the cookie; someone who kept a copy must get nothing either.
    session_answers(ctx, &cookie, 401)
        .map_err(|f| Finding::Failed(format!("after DELETE /session answered 204: {}", why(&f))))?;
    session_answers(ctx, &ctx.technician.cookie_header(), 200).map_err(|f| {
        Finding::Failed(format!("signing out one session ended another of the member: {}", why(&f)))
    })
}

fn sign_out_everywhere(ctx: &Ctx) -> Verdict {
    let first = fresh_session(ctx, &ctx.technician)?;
    let second = fresh_session(ctx, &ctx.technician)?;
    let (first_cookie, second_cookie) = (first.cookie_header(), second.cookie_header());
    let reply = first.send(&first.request("DELETE", "/sessions"))?;
    let verdict = (|| {
        reply.expect_status(204)?;
        let expired = set_cookies(&reply)
            .iter()
            .any(|c| c.name.ends_with("twostep_session") && c.expires_now());
        ensure!(
            expired,
            "DELETE /sessions answered 204 without expiring this browser's cookie: {:?}",
            reply.headers("set-cookie")
        );
        let mut findings = Findings::default();
        for (which, cookie) in [("this session", &first_cookie), ("another", &second_cookie)] {
            if let Err(Finding::Failed(why)) = session_answers(ctx, cookie, 401) {
                findings.push(format!("after DELETE /sessions answered 204, {which}: {why}"));
            }
        }
        findings.verdict()
    })();
    // The suite's own session of the technician ended too.
    let signed_in = keep_technician_signed_in(ctx);
    sign_out_quietly(&second);
    verdict.and(signed_in)
}

fn technician_forbidden(ctx: &Ctx) -> Verdict {
    let technician = &ctx.technician;
    let mut findings = Findings::default();
    for path in protected_reads(ctx)? {
        if matches!(path.as_str(), "/session" | "/account") {
            continue;
        }
        let reply = technician.get(&path)?;
        findings.note(reply.problem(403, types::FORBIDDEN).map(|_| ()));
    }
    let (before, etag) = ctx.policy()?;
    let (group, group_etag) = some_group(ctx)?;
    let group_path = format!("/technician-groups/{}", group["id"]);
    // Each body changes nothing even if a backend let it through.
    for request in [
        technician
            .request("PUT", "/two-step-verification/policy")
            .json(&crate::settings_of(&before))
            .if_match(&etag),
        technician
            .request("POST", "/two-step-verification/policy/preview")
            .json(&crate::settings_of(&before)),
        technician
            .request("PATCH", &group_path)
            .json(&json!({"force_two_step": group["force_two_step"]}))
            .if_match(&group_etag),
        technician
            .request("POST", "/members/two-step-reset")
            .json(&json!({"member_ids": [NO_SUCH_ID]})),
    ] {
        let reply = technician.send(&request)?;
        findings.note(reply.problem(403, types::FORBIDDEN).map(|_| ()));
    }
    findings.verdict()
}

fn master_only(ctx: &Ctx) -> Verdict {
    let admin = &ctx.admin;
    let mut findings = Findings::default();
    let reply = admin.get("/two-step-verification/policy")?;
    findings.note(reply.json_with(200).map(|_| ()));
    for path in ["/audit-events", "/audit-events/export"] {
        let reply = admin.get(path)?;
        findings.note(reply.problem(403, types::FORBIDDEN).map(|_| ()));
    }
    let (before, etag) = ctx.policy()?;
    for request in [
        admin
            .request("PUT", "/two-step-verification/policy")
            .json(&flipped_settings(&before))
            .if_match(&etag),
        admin
            .request("POST", "/two-step-verification/policy/preview")
            .json(&flipped_settings(&before)),
    ] {
        let reply = admin.send(&request)?;
        findings.note(reply.problem(403, types::FORBIDDEN).map(|_| ()));
    }
    findings.policy_unchanged(ctx, &before, "a group administrator")?;
    findings.verdict()
}

/// One write of the contract, sent by someone allowed to send it.
struct Write<'a> {
    actor: &'a Actor,
    request: Request,
}

/// Every write of the contract that needs a session, each with a body that a backend missing
/// the CSRF check would carry out harmlessly: the policy and a group are changed (and the
/// check reads that they were not), the account writes are refused for other reasons, and the
/// sign-outs end a session of `fresh`, a technician's session of the check's own.
fn session_writes<'a>(ctx: &'a Ctx, fresh: &'a Actor) -> Result<Vec<Write<'a>>, Finding> {
    let (policy, etag) = ctx.policy()?;
    let (group, group_etag) = some_group(ctx)?;
    let group_path = format!("/technician-groups/{}", group["id"]);
    let master = &ctx.master;
    let write = |actor, request| Write { actor, request };
    Ok(vec![
        write(
            master,
            master
                .request("PUT", "/two-step-verification/policy")
                .json(&flipped_settings(&policy))
                .if_match(&etag),
        ),
        write(
            master,
            master
                .request("POST", "/two-step-verification/policy/preview")
                .json(&flipped_settings(&policy)),
        ),
        write(
            master,
            master
                .request("PATCH", &group_path)
                .json(
                    &json!({"force_two_step": !group["force_two_step"].as_bool().unwrap_or(false)}),
                )
                .if_match(&group_etag),
        ),
        write(
            master,
            master
                .request("POST", "/members/two-step-reset")
                .json(&json!({"member_ids": [NO_SUCH_ID]})),
        ),
        // The same password twice: even without the CSRF check, nothing changes (422).
        write(
            fresh,
            fresh
                .request("POST", "/account/password")
                .json(&json!({"current_password": fresh.password, "new_password": fresh.password})),
        ),
        write(fresh, fresh.request("POST", "/account/recovery-codes")),
        write(
            fresh,
            fresh
                .request("POST", "/account/two-step/start")
                .json(&json!({"method": "authenticator_app"})),
        ),
        write(
            fresh,
            fresh.request("POST", "/account/two-step/complete").json(&json!({"code": "000000"})),
        ),
        write(fresh, fresh.request("DELETE", "/sessions")),
        write(fresh, fresh.request("DELETE", "/session")),
    ])
}

/// How a refused write carries its token: how the finding says it, and the header's value
/// for the person sending (none when `None`).
type TokenFor<'a> = (&'a str, &'a dyn Fn(&Actor) -> Option<String>);

/// Sends every write with each way of getting the token wrong, expecting 403
/// `/problems/csrf-token-mismatch` each time and no change.
fn refuse_writes(ctx: &Ctx, ways: &[TokenFor]) -> Verdict {
    let fresh = fresh_session(ctx, &ctx.technician)?;
    let (before, _) = ctx.policy()?;
    let (group, _) = some_group(ctx)?;
    let group_path = format!("/technician-groups/{}", group["id"]);
    let mut findings = Findings::default();
    for (how, token_for) in ways {
        for Write { actor, request } in session_writes(ctx, &fresh)? {
            let mut request = request.without_header(CSRF_HEADER);
            if let Some(token) = token_for(actor) {
                request = request.header(CSRF_HEADER, &token);
            }
            let reply = actor.send(&request)?;
            findings.expect_problem(&reply, how, 403, types::CSRF);
        }
    }
    findings.policy_unchanged(ctx, &before, "a refused write")?;
    findings.group_unchanged(ctx, &group_path, &group, "a refused write")?;
    if fresh.get("/session")?.status != 200 {
        findings.push("a refused sign-out ended the session".to_string());
    }
    sign_out_quietly(&fresh);
    findings.note(keep_technician_signed_in(ctx));
    findings.verdict()
}

fn write_without_token(ctx: &Ctx) -> Verdict {
    refuse_writes(ctx, &[("without X-CSRF-Token", &|_| None)])
}

/// `token` with its last character changed: the same length, all but one character right.
fn altered(token: &str) -> String {
    let mut chars: Vec<char> = token.chars().collect();
    if let Some(last) = chars.last_mut() {
        *last = if *last == 'A' { 'B' } else { 'A' };
    }
    chars.into_iter().collect()
}

fn write_wrong_token(ctx: &Ctx) -> Verdict {
    refuse_writes(
        ctx,
        &[
            ("with a made-up X-CSRF-Token", &|_| Some("not-the-token".into())),
            // Compared whole, not by prefix or length.
            ("with the session's X-CSRF-Token but its last character changed", &|actor| {
                Some(altered(&actor.csrf().unwrap_or_default()))
            }),
            ("with an empty X-CSRF-Token", &|_| Some(String::new())),
        ],
    )
}

fn token_of_another_session(ctx: &Ctx) -> Verdict {
    let (before, etag) = ctx.policy()?;
    let mut findings = Findings::default();
    for other in [&ctx.admin, &ctx.other] {
        let Some(token) = other.csrf() else { continue };
        let request = ctx
            .master
            .request("PUT", "/two-step-verification/policy")
            .json(&flipped_settings(&before))
            .if_match(&etag)
            .replace_header(CSRF_HEADER, &token);
        let reply = ctx.master.send(&request)?;
        if reply.status != 403 {
            findings.push(format!(
                "{} with the master administrator's cookie and the {}'s X-CSRF-Token: expected \
                 403 {}, got {}: {}",
                reply.what,
                other.label,
                types::CSRF,
                reply.status,
                reply.excerpt()
            ));
            continue;
        }
        findings.note(reply.problem(403, types::CSRF).map(|_| ()));
    }
    let (after, _) = ctx.policy()?;
    if after["revision"] != before["revision"] {
        findings.push(format!(
            "a write with another session's token changed the policy: {before} → {after}"
        ));
        // Put it back so that the checks after this one start where they expect.
        let (_, etag) = ctx.policy()?;
        let _ = ctx.put_policy(&ctx.master, &crate::settings_of(&before), Some(&etag));
    }
    findings.verdict()
}

fn token_does_not_rotate(ctx: &Ctx) -> Verdict {
    let token = ctx.master.csrf().unwrap_or_default();
    let (policy, _) = ctx.policy()?;
    for round in 1..=3 {
        let reply = ctx.master.send(
            &ctx.master
                .request("POST", "/two-step-verification/policy/preview")
                .json(&crate::settings_of(&policy)),
        )?;
        reply.json_with(200).map_err(|finding| match finding {
            Finding::Failed(why) => {
                Finding::Failed(format!("write {round} with the token the sign-in answered: {why}"))
            }
            skipped => skipped,
        })?;
        let session = ctx.master.get_json("/session")?;
        ensure!(
            session["csrf_token"] == token.as_str(),
            "after write {round}, GET /session answers the token {}; the sign-in answered {token:?} \
             (the token does not rotate)",
            session["csrf_token"]
        );
    }
    Ok(())
}

fn second_step_without_token(ctx: &Ctx) -> Verdict {
    let Some(person) = sign_in_steps::person_with_second_step(ctx)? else {
        crate::skip!("{}", sign_in_steps::NONE_REQUIRED);
    };
    let (actor, _, pending) = sign_in_steps::open_pending(ctx, person)?;
    let session_token = ctx.master.csrf().unwrap_or_default();
    let method = pending["methods"][0].clone();
    let mut findings = Findings::default();
    for token in [None, Some("not-the-token"), Some(session_token.as_str())] {
        let which = match token {
            None => "without X-CSRF-Token".to_string(),
            Some("not-the-token") => "with a wrong X-CSRF-Token".to_string(),
            Some(_) => "with a session's csrf_token instead of the pending step's".to_string(),
        };
        for request in [
            actor.request("POST", "/session/second-step/start").json(&json!({"method": method})),
            actor.request("POST", "/session/second-step/complete").json(&json!({"code": "000000"})),
            actor.request("DELETE", "/session/second-step"),
        ] {
            let mut request = request.without_header(CSRF_HEADER);
            if let Some(token) = token {
                request = request.header(CSRF_HEADER, token);
            }
            let reply = actor.send(&request)?;
            findings.expect_problem(&reply, &which, 403, types::CSRF);
        }
    }
    let still = actor.get("/session/second-step")?;
    if still.status != 200 {
        findings.push(format!(
            "after the refused writes, GET /session/second-step answered {} (the refused DELETE \
             must not give the step up): {}",
            still.status,
            still.excerpt()
        ));
    }
    sign_in_steps::give_up(&actor);
    findings.verdict()
}

/// The email of the person signed in, lowercase, from a `Session` (`GET /session`, the answer of a
/// sign-in, or the `session` of a completed second step).
pub(super) fn session_email(value: &Value) -> Option<String> {
    value["user"]["email"].as_str().map(str::to_lowercase)
}
