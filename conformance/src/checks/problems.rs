//! Problem details: every documented error answers `application/problem+json` with a `type` the
//! contract lists, a `status` equal to the answer's, and, for validation problems, `errors`
//! naming each wrong field as the request spells it.

use serde_json::{Value, json};
use twostep_contract::{CSRF_HEADER, problem_types as types};

use super::{Check, MASTER, TECHNICIAN};
use crate::context::Ctx;
use crate::http::{Reply, Request};
use crate::report::{Finding, Verdict};
use crate::{ensure, fail, skip};

const AREA: &str = "Problem details";

/// Every problem `type` the contract lists (its table of `type` URIs).
pub(super) const DOCUMENTED_TYPES: &[&str] = &types::ALL;

/// A member id no organization has (the largest integer JSON carries exactly).
pub(super) const NO_SUCH_ID: i64 = 9_007_199_254_740_991;

/// The largest body the contract accepts (64 KiB); one byte more is refused with 413.
const MAX_BODY_BYTES: usize = 64 * 1024;

/// The checks of this area.
pub const CHECKS: &[Check] = &[
    Check {
        id: "problems.not-found",
        area: AREA,
        clause: "GET/PATCH /technician-groups/{id}: 404 \"No such group in the caller's organization ... or an id that is not a whole number\"; GET /members and /members/export: 404 \"`group_id` names no group the caller may see\"; /problems/not-found: \"no such resource the caller may see (or no such endpoint)\"",
        title: "an unknown group id, one that is not a whole number, or an unknown endpoint answers 404 /problems/not-found",
        people: &[MASTER],
        run: not_found,
    },
    Check {
        id: "problems.method-not-allowed",
        area: AREA,
        clause: "/problems/method-not-allowed: 405 \"the resource does not take this method (see `Allow`)\"",
        title: "a method a resource does not take answers 405 /problems/method-not-allowed with an Allow header listing the methods it takes",
        people: &[MASTER],
        run: method_not_allowed,
    },
    Check {
        id: "problems.unsupported-media-type",
        area: AREA,
        clause: "Every operation with a JSON body: 415 \"The body is not JSON\" (/problems/unsupported-media-type)",
        title: "every JSON write refuses a text/plain body, and one without Content-Type, with 415",
        people: &[MASTER, TECHNICIAN],
        run: unsupported_media_type,
    },
    Check {
        id: "problems.json-content-types",
        area: AREA,
        clause: "Request bodies: 415 only when \"the `Content-Type` is not `application/json` or another `application/*+json` (parameters such as `charset` are allowed)\"; the two .../complete operations \"also take no body at all\", read as {}",
        title: "application/json with a charset and an application/*+json type are accepted as JSON, and .../complete without a body is read as {}",
        people: &[MASTER, TECHNICIAN],
        run: json_content_types,
    },
    Check {
        id: "problems.check-order",
        area: AREA,
        clause: "Errors: \"Checks come in this order: session (401), CSRF token (403), role (403), body (415, 413, 422), the resource (404), `If-Match` (428, 412), then the operation's own conditions (409, 422)\"; a body over 64 KiB \"is refused (413) before anything else\"",
        title: "a request wrong in two ways is refused for the one the contract checks first",
        people: &[MASTER, TECHNICIAN],
        run: check_order,
    },
    Check {
        id: "problems.validation-fields",
        area: AREA,
        clause: "PUT policy, POST policy/preview, PATCH /technician-groups/{id}, POST /members/two-step-reset, POST /account/two-step/start: 422 \"Missing, invalid or unknown fields, every one listed in `errors`\" (FieldError: \"The field's name as it appears in the request\")",
        title: "invalid and missing body fields answer 422 /problems/validation with one `errors` entry naming each",
        people: &[MASTER, TECHNICIAN],
        run: validation_fields,
    },
    Check {
        id: "problems.unknown-fields",
        area: AREA,
        clause: "Request bodies: unknown fields are refused with 422 /problems/validation, the field named in `errors`",
        title: "a body with an unknown field is refused with 422 naming that field, and nothing is saved",
        people: &[MASTER],
        run: unknown_fields,
    },
    Check {
        id: "problems.malformed-json",
        area: AREA,
        clause: "Request bodies: 422 /problems/validation for \"not valid JSON (`detail` says where, `errors` is empty), not an object, a missing field, a value of the wrong type\"",
        title: "a JSON syntax error or a body of the wrong JSON type answers 422 /problems/validation",
        people: &[MASTER],
        run: malformed_json,
    },
    Check {
        id: "problems.query-validation",
        area: AREA,
        clause: "Query strings: \"A value that is not a whole number, out of bounds, or not one of the enumeration's values, and a known parameter given twice, answer 422 /problems/validation with one entry per parameter\"; `page` from 1, `per_page` 1 to 200, ids from 1",
        title: "out-of-range, non-numeric, unknown-value and repeated query parameters answer 422 naming the parameter",
        people: &[MASTER],
        run: query_validation,
    },
    Check {
        id: "problems.payload-too-large",
        area: AREA,
        clause: "POST /session, PUT policy, POST policy/preview, PATCH /technician-groups/{id}, POST /members/two-step-reset: 413 \"The body is larger than 64 KiB\"",
        title: "a body over 64 KiB is refused with 413 /problems/payload-too-large",
        people: &[MASTER],
        run: payload_too_large,
    },
    Check {
        id: "problems.second-step-expired",
        area: AREA,
        clause: "GET, DELETE /session/second-step, POST .../start and .../complete: 401 \"No pending second step (second-step-expired)\"",
        title: "the second step's operations without a pending step answer 401 /problems/second-step-expired",
        people: &[],
        run: second_step_expired,
    },
    Check {
        id: "problems.conflicts-of-account",
        area: AREA,
        clause: "POST /account/two-step/complete: 409 \"Start first (start-required)\"; POST /account/recovery-codes: 409 \"Two-step verification is not set up (not-set-up)\"",
        title: "completing a set-up never started answers 409 start-required, and new recovery codes without a setup 409 not-set-up",
        people: &[TECHNICIAN],
        run: account_conflicts,
    },
];

/// The answer as problem details of `status`, whatever its `type`, provided the contract lists
/// that type.
pub(super) fn documented(reply: &Reply, status: u16) -> Result<Value, Finding> {
    reply.expect_status(status)?;
    let problem = reply.problem_shape()?;
    let kind = problem["type"].as_str().unwrap_or_default();
    ensure!(
        DOCUMENTED_TYPES.contains(&kind),
        "{}: the problem `type` {kind:?} is not one the contract lists ({})",
        reply.what,
        DOCUMENTED_TYPES.join(", ")
    );
    Ok(problem)
}

/// The fields named by the `errors` of a problem.
pub(super) fn fields_of(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors.iter().filter_map(|e| e["field"].as_str().map(str::to_string)).collect()
        })
        .unwrap_or_default()
}

/// Fails unless the answer is 422 `/problems/validation` whose `errors` name every field of
/// `expected`; `sent` says what was sent, for the finding.
pub(super) fn expect_fields(reply: &Reply, sent: &str, expected: &[&str]) -> Verdict {
    if reply.status != 422 {
        fail!(
            "{} with {sent}: expected 422 {}, got {}: {}",
            reply.what,
            types::VALIDATION,
            reply.status,
            reply.excerpt()
        );
    }
    let problem = reply.problem(422, types::VALIDATION)?;
    let named = fields_of(&problem);
    let missing: Vec<&&str> = expected.iter().filter(|f| !named.iter().any(|n| n == *f)).collect();
    ensure!(
        missing.is_empty(),
        "{} with {sent}: the 422's `errors` must name {missing:?} (one entry per wrong field, \
         named as in the request); they name {named:?}",
        reply.what
    );
    Ok(())
}

/// What a finding says.
pub(super) fn why(finding: &Finding) -> &str {
    match finding {
        Finding::Failed(why) | Finding::Skipped(why) => why,
    }
}

/// Collects findings so that a check reports every departure it saw, not only the first.
#[derive(Default)]
pub(super) struct Findings(Vec<String>);

impl Findings {
    /// Notes the finding of `verdict`, if it failed (a skip is a failure to run here).
    pub(super) fn note(&mut self, verdict: Verdict) {
        match verdict {
            Ok(()) => {}
            Err(Finding::Failed(why) | Finding::Skipped(why)) => self.0.push(why),
        }
    }

    /// Notes a finding.
    pub(super) fn push(&mut self, why: String) {
        self.0.push(why);
    }

    /// Notes whether `reply` is the problem `status` and `kind` the contract expects of a
    /// request sent `how` (words that follow `METHOD /path` in the finding); true when the
    /// status is the expected one.
    pub(super) fn expect_problem(
        &mut self,
        reply: &Reply,
        how: &str,
        status: u16,
        kind: &str,
    ) -> bool {
        if reply.status != status {
            self.push(format!(
                "{} {how}: expected {status} {kind}, got {}: {}",
                reply.what,
                reply.status,
                reply.excerpt()
            ));
            return false;
        }
        self.note(reply.problem(status, kind).map(|_| ()));
        true
    }

    /// Notes a change of the policy since `before` (a new revision), made by the requests `who`
    /// names ("a refused write").
    pub(super) fn policy_unchanged(&mut self, ctx: &Ctx, before: &Value, who: &str) -> Verdict {
        let (after, _) = ctx.policy()?;
        if after["revision"] != before["revision"] {
            self.push(format!("{who} changed the policy: {before} → {after}"));
        }
        Ok(())
    }

    /// Notes a change of the group at `path` since `before`, made by the requests `who` names.
    pub(super) fn group_unchanged(
        &mut self,
        ctx: &Ctx,
        path: &str,
        before: &Value,
        who: &str,
    ) -> Verdict {
        let now = ctx.master.get_json(path)?;
        if now["revision"] != before["revision"] {
            self.push(format!("{who} changed the group: {before} → {now}"));
        }
        Ok(())
    }

    /// Passes when nothing was noted, else fails with every finding, one a line.
    pub(super) fn verdict(self) -> Verdict {
        if self.0.is_empty() { Ok(()) } else { Err(Finding::Failed(self.0.join("\n"))) }
    }
}

/// The first group the master administrator sees, and its ETag.
pub(super) fn some_group(ctx: &Ctx) -> Result<(Value, String), Finding> {
    let groups = ctx.groups(&ctx.master)?;
    let Some(id) = groups.first().and_then(|g| g["id"].as_i64()) else {
        skip!("the test organization has no technician group");
    };
    let reply = ctx.master.get(&format!("/technician-groups/{id}"))?;
    let group = reply.json_with(200)?;
    let etag = reply.header("etag").unwrap_or_default().to_string();
    Ok((group, etag))
}

/// The policy's settings with `administrators` flipped: a real change that resets nobody.
pub(super) fn flipped_settings(policy: &Value) -> Value {
    let mut settings = crate::settings_of(policy);
    settings["administrators"] =
        json!(if policy["administrators"] == "all" { "none" } else { "all" });
    settings
}

/// A JSON body of `bytes` bytes at least: an object with one long string.
fn padded_body(bytes: usize) -> Vec<u8> {
    format!("{{\"padding\":\"{}\"}}", "x".repeat(bytes)).into_bytes()
}

fn method_not_allowed(ctx: &Ctx) -> Verdict {
    let mut findings = Findings::default();
    for (method, path, allowed) in [
        ("DELETE", "/two-step-verification/policy", &["GET", "PUT"][..]),
        ("PUT", "/members", &["GET"][..]),
        ("POST", "/technician-groups", &["GET"][..]),
    ] {
        let reply = ctx.master.send(&ctx.master.request(method, path).json(&json!({})))?;
        if let Err(finding) = reply.problem(405, types::METHOD_NOT_ALLOWED) {
            findings.note(Err(finding));
            continue;
        }
        let allow: Vec<String> = reply
            .header("allow")
            .unwrap_or_default()
            .split(',')
            .map(|m| m.trim().to_ascii_uppercase())
            .collect();
        let missing: Vec<&&str> =
            allowed.iter().filter(|m| !allow.iter().any(|a| a == *m)).collect();
        if !missing.is_empty() || allow.iter().any(|a| a == method) {
            findings.push(format!(
                "{}: the 405's Allow header ({:?}) must list the methods the resource takes \
                 ({allowed:?}) and not {method}",
                reply.what,
                reply.header("allow")
            ));
        }
    }
    findings.verdict()
}

fn not_found(ctx: &Ctx) -> Verdict {
    let mut findings = Findings::default();
    let missing = NO_SUCH_ID;
    for path in [
        format!("/technician-groups/{missing}"),
        "/technician-groups/abc".to_string(),
        format!("/members?group_id={missing}"),
        format!("/members/export?group_id={missing}"),
        "/no-such-endpoint".to_string(),
    ] {
        let reply = ctx.master.get(&path)?;
        findings.note(reply.problem(404, types::NOT_FOUND).map(|_| ()));
    }
    for path in [format!("/technician-groups/{missing}"), "/technician-groups/abc".to_string()] {
        let request = ctx
            .master
            .request("PATCH", &path)
            .json(&json!({"force_two_step": true}))
            .if_match("\"1\"");
        let reply = ctx.master.send(&request)?;
        findings.note(reply.problem(404, types::NOT_FOUND).map(|_| ()));
    }
    findings.verdict()
}

/// The writes with a JSON body, each sent by someone allowed to and harmless whatever its
/// body: the requests without a body yet.
fn json_writes(ctx: &Ctx) -> Result<Vec<Request>, Finding> {
    let (_, policy_etag) = ctx.policy()?;
    let (group, group_etag) = some_group(ctx)?;
    let group_path = format!("/technician-groups/{}", group["id"]);
    let master = &ctx.master;
    let technician = &ctx.technician;
    Ok(vec![
        Request::new("POST", "/session"),
        master.request("PUT", "/two-step-verification/policy").if_match(&policy_etag),
        master.request("POST", "/two-step-verification/policy/preview"),
        master.request("PATCH", &group_path).if_match(&group_etag),
        master.request("POST", "/members/two-step-reset"),
        technician.request("POST", "/account/password"),
        technician.request("POST", "/account/two-step/start"),
        technician.request("POST", "/account/two-step/complete"),
    ])
}

fn unsupported_media_type(ctx: &Ctx) -> Verdict {
    let (before, _) = ctx.policy()?;
    let body = flipped_settings(&before).to_string().into_bytes();
    let mut findings = Findings::default();
    for request in json_writes(ctx)? {
        for content_type in ["text/plain", ""] {
            let request = if content_type.is_empty() {
                request.clone().raw_body("", body.clone()).without_header("Content-Type")
            } else {
                request.clone().raw_body(content_type, body.clone())
            };
            let reply = ctx.http.send(&request)?;
            let sent = if content_type.is_empty() { "no Content-Type" } else { content_type };
            findings.expect_problem(
                &reply,
                &format!("with a JSON text sent as {sent}"),
                415,
                types::UNSUPPORTED_MEDIA_TYPE,
            );
        }
    }
    findings.policy_unchanged(ctx, &before, "a refused write")?;
    findings.verdict()
}

fn json_content_types(ctx: &Ctx) -> Verdict {
    let (policy, etag) = ctx.policy()?;
    let settings = crate::settings_of(&policy).to_string().into_bytes();
    let master = &ctx.master;
    let mut findings = Findings::default();
    for content_type in ["application/json; charset=utf-8", "application/vnd.twostep+json"] {
        for request in [
            master.request("POST", "/two-step-verification/policy/preview"),
            // The settings saved already: accepted, nothing changes.
            master.request("PUT", "/two-step-verification/policy").if_match(&etag),
        ] {
            let reply = ctx.http.send(&request.raw_body(content_type, settings.clone()))?;
            if let Err(Finding::Failed(why) | Finding::Skipped(why)) = reply.json_with(200) {
                findings.push(format!("with Content-Type: {content_type}: {why}"));
            }
        }
    }
    // No body and no Content-Type at all: read as {}, so refused for what it asks, not its type.
    let technician = &ctx.technician;
    let reply = technician.send(&technician.request("POST", "/account/two-step/complete"))?;
    if reply.status == 415 {
        findings.push(format!(
            "{} without a body: the .../complete operations read no body as {{}}, not 415: {}",
            reply.what,
            reply.excerpt()
        ));
    } else {
        findings.note(reply.problem(409, types::START_REQUIRED).map(|_| ()));
    }
    findings.policy_unchanged(ctx, &policy, "saving the saved settings")?;
    findings.verdict()
}

fn check_order(ctx: &Ctx) -> Verdict {
    let (policy, etag) = ctx.policy()?;
    let (group, _) = some_group(ctx)?;
    let stale = format!("\"{}\"", policy["revision"].as_i64().unwrap_or(1) + 1000);
    let (master, technician) = (&ctx.master, &ctx.technician);
    let mut method_change = crate::settings_of(&policy);
    method_change["primary_method"] =
        json!(if policy["primary_method"] == "email" { "sms" } else { "email" });
    let invalid = json!({"administrators": "some"});
    let big = padded_body(MAX_BODY_BYTES + 1);
    let cases: Vec<(&str, Request, u16, &str)> = vec![
        (
            "no session and no X-CSRF-Token: the session first",
            Request::new("PUT", "/two-step-verification/policy").json(&invalid),
            401,
            types::UNAUTHENTICATED,
        ),
        (
            "a body over 64 KiB without a session: the size before anything else",
            Request::new("PUT", "/two-step-verification/policy").raw_body("application/json", big),
            413,
            types::PAYLOAD_TOO_LARGE,
        ),
        (
            "a technician without X-CSRF-Token: the token before the role",
            technician
                .request("PUT", "/two-step-verification/policy")
                .json(&invalid)
                .without_header(CSRF_HEADER),
            403,
            types::CSRF,
        ),
        (
            "a technician with an invalid body: the role before the body",
            technician.request("PUT", "/two-step-verification/policy").json(&invalid),
            403,
            types::FORBIDDEN,
        ),
        (
            "an invalid body without If-Match: the body before If-Match",
            master.request("PUT", "/two-step-verification/policy").json(&invalid),
            422,
            types::VALIDATION,
        ),
        (
            "a text body without If-Match: the media type before If-Match",
            master
                .request("PUT", "/two-step-verification/policy")
                .raw_body("text/plain", invalid.to_string().into_bytes()),
            415,
            types::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "an unknown group without If-Match: the resource before If-Match",
            master
                .request("PATCH", &format!("/technician-groups/{NO_SUCH_ID}"))
                .json(&json!({"force_two_step": true})),
            404,
            types::NOT_FOUND,
        ),
        (
            "a method change without If-Match: If-Match before the confirmation",
            master.request("PUT", "/two-step-verification/policy").json(&method_change),
            428,
            types::PRECONDITION_REQUIRED,
        ),
        (
            "a method change with a stale If-Match: If-Match before the confirmation",
            master
                .request("PUT", "/two-step-verification/policy")
                .json(&method_change)
                .if_match(&stale),
            412,
            types::PRECONDITION_FAILED,
        ),
        (
            "a method change with the current If-Match: then the confirmation",
            master
                .request("PUT", "/two-step-verification/policy")
                .json(&method_change)
                .if_match(&etag),
            409,
            types::RESET_CONFIRMATION_REQUIRED,
        ),
        (
            "a group patch by a technician with a valid body: the role before the resource",
            technician
                .request("PATCH", &format!("/technician-groups/{}", group["id"]))
                .json(&json!({"force_two_step": group["force_two_step"]})),
            403,
            types::FORBIDDEN,
        ),
    ];
    let mut findings = Findings::default();
    for (what, request, status, kind) in cases {
        let reply = ctx.http.send(&request)?;
        findings.expect_problem(&reply, &format!("with {what}"), status, kind);
    }
    findings.policy_unchanged(ctx, &policy, "a refused write")?;
    findings.verdict()
}

fn validation_fields(ctx: &Ctx) -> Verdict {
    let (before, policy_etag) = ctx.policy()?;
    let (group, group_etag) = some_group(ctx)?;
    let group_path = format!("/technician-groups/{}", group["id"]);
    let master = &ctx.master;
    let mut findings = Findings::default();
    let wrong =
        json!({"administrators": "some", "technicians": "most", "primary_method": "pigeon"});
    let all = ["administrators", "technicians", "primary_method"];
    let cases: Vec<(Request, Value, Vec<&str>)> = vec![
        (
            master.request("PUT", "/two-step-verification/policy").if_match(&policy_etag),
            wrong.clone(),
            all.to_vec(),
        ),
        (
            master.request("PUT", "/two-step-verification/policy").if_match(&policy_etag),
            json!({}),
            all.to_vec(),
        ),
        (master.request("POST", "/two-step-verification/policy/preview"), wrong, all.to_vec()),
        (master.request("POST", "/two-step-verification/policy/preview"), json!({}), all.to_vec()),
        (
            master.request("PATCH", &group_path).if_match(&group_etag),
            json!({"force_two_step": "yes"}),
            vec!["force_two_step"],
        ),
        (
            master.request("PATCH", &group_path).if_match(&group_etag),
            json!({}),
            vec!["force_two_step"],
        ),
        (
            master.request("POST", "/members/two-step-reset"),
            json!({"member_ids": []}),
            vec!["member_ids"],
        ),
        (master.request("POST", "/members/two-step-reset"), json!({}), vec!["member_ids"]),
        (
            ctx.technician.request("POST", "/account/two-step/start"),
            json!({"method": "pigeon"}),
            vec!["method"],
        ),
    ];
    for (request, body, expected) in cases {
        let reply = ctx.http.send(&request.json(&body))?;
        findings.note(expect_fields(&reply, &body.to_string(), &expected));
    }
    findings.policy_unchanged(ctx, &before, "a refused write")?;
    findings.verdict()
}

fn unknown_fields(ctx: &Ctx) -> Verdict {
    let (before, policy_etag) = ctx.policy()?;
    let (group, group_etag) = some_group(ctx)?;
    let group_path = format!("/technician-groups/{}", group["id"]);
    let master = &ctx.master;
    let mut settings = flipped_settings(&before);
    settings["colour"] = json!("blue");
    let mut findings = Findings::default();
    let cases: Vec<(Request, Value)> = vec![
        (
            Request::new("POST", "/session"),
            json!({"email": "nobody@example.invalid", "password": "x", "colour": "blue"}),
        ),
        (
            master.request("PUT", "/two-step-verification/policy").if_match(&policy_etag),
            settings.clone(),
        ),
        (master.request("POST", "/two-step-verification/policy/preview"), settings),
        (
            master.request("PATCH", &group_path).if_match(&group_etag),
            json!({"force_two_step": !group["force_two_step"].as_bool().unwrap_or(false), "colour": "blue"}),
        ),
        (
            master.request("POST", "/members/two-step-reset"),
            json!({"member_ids": [NO_SUCH_ID], "colour": "blue"}),
        ),
    ];
    for (request, body) in cases {
        let reply = ctx.http.send(&request.json(&body))?;
        findings.note(expect_fields(&reply, &body.to_string(), &["colour"]));
    }
    findings.policy_unchanged(ctx, &before, "a refused write")?;
    findings.group_unchanged(ctx, &group_path, &group, "a refused write")?;
    findings.verdict()
}

fn malformed_json(ctx: &Ctx) -> Verdict {
    let (_, policy_etag) = ctx.policy()?;
    let master = &ctx.master;
    let mut findings = Findings::default();
    for (request, body) in [
        (Request::new("POST", "/session"), "{\"email\": "),
        (Request::new("POST", "/session"), "[]"),
        (master.request("PUT", "/two-step-verification/policy").if_match(&policy_etag), "{"),
        (master.request("POST", "/two-step-verification/policy/preview"), "\"all\""),
        (master.request("POST", "/members/two-step-reset"), "{\"member_ids\": [1,}"),
    ] {
        let reply = ctx.http.send(&request.raw_body("application/json", body.into()))?;
        if reply.status != 422 {
            findings.push(format!(
                "{} with the body `{body}`: expected 422 {}, got {}: {}",
                reply.what,
                types::VALIDATION,
                reply.status,
                reply.excerpt()
            ));
            continue;
        }
        match reply.problem(422, types::VALIDATION) {
            Ok(problem) => {
                let syntax = serde_json::from_str::<Value>(body).is_err();
                if syntax && !fields_of(&problem).is_empty() {
                    findings.push(format!(
                        "{} with the body `{body}`: a body that is not JSON names no field \
                         (`errors` empty, `detail` says where): {problem}",
                        reply.what
                    ));
                }
            }
            Err(finding) => findings.note(Err(finding)),
        }
    }
    findings.verdict()
}

fn query_validation(ctx: &Ctx) -> Verdict {
    let mut findings = Findings::default();
    for (path, field) in [
        ("/members?page=0", "page"),
        ("/members?page=abc", "page"),
        ("/members?per_page=0", "per_page"),
        ("/members?per_page=201", "per_page"),
        ("/members?group_id=0", "group_id"),
        ("/members?group_id=-3", "group_id"),
        ("/members?role=pilot", "role"),
        ("/members?status=maybe", "status"),
        ("/members?required=perhaps", "required"),
        ("/audit-events?page=0", "page"),
        ("/audit-events?per_page=201", "per_page"),
        ("/audit-events?kind=coffee", "kind"),
        ("/members?page=1&page=2", "page"),
        ("/members?role=technician&role=administrator", "role"),
    ] {
        let reply = ctx.master.get(path)?;
        findings.note(expect_fields(&reply, "that query", &[field]));
    }
    findings.verdict()
}

fn payload_too_large(ctx: &Ctx) -> Verdict {
    let (before, policy_etag) = ctx.policy()?;
    let (group, group_etag) = some_group(ctx)?;
    let group_path = format!("/technician-groups/{}", group["id"]);
    let master = &ctx.master;
    let body = padded_body(MAX_BODY_BYTES + 1);
    let mut findings = Findings::default();
    for request in [
        Request::new("POST", "/session"),
        master.request("PUT", "/two-step-verification/policy").if_match(&policy_etag),
        master.request("POST", "/two-step-verification/policy/preview"),
        master.request("PATCH", &group_path).if_match(&group_etag),
        master.request("POST", "/members/two-step-reset"),
    ] {
        let reply = ctx.http.send(&request.raw_body("application/json", body.clone()))?;
        let how = format!("with a body of {} bytes", body.len());
        findings.expect_problem(&reply, &how, 413, types::PAYLOAD_TOO_LARGE);
    }
    findings.policy_unchanged(ctx, &before, "a refused write")?;
    findings.verdict()
}

fn second_step_expired(ctx: &Ctx) -> Verdict {
    let mut findings = Findings::default();
    for request in [
        Request::new("GET", "/session/second-step"),
        Request::new("DELETE", "/session/second-step").header(CSRF_HEADER, "no-step"),
        Request::new("POST", "/session/second-step/start")
            .header(CSRF_HEADER, "no-step")
            .json(&json!({"method": "authenticator_app"})),
        Request::new("POST", "/session/second-step/complete")
            .header(CSRF_HEADER, "no-step")
            .json(&json!({"code": "123456"})),
        // A forged pending cookie names no step either.
        Request::new("GET", "/session/second-step")
            .header("Cookie", "twostep_pending=forged; __Host-twostep_pending=forged"),
    ] {
        let reply = ctx.http.send(&request)?;
        findings.note(reply.problem(401, types::SECOND_STEP_EXPIRED).map(|_| ()));
    }
    findings.verdict()
}

fn account_conflicts(ctx: &Ctx) -> Verdict {
    let technician = &ctx.technician;
    let mut findings = Findings::default();
    let reply = technician.send(
        &technician.request("POST", "/account/two-step/complete").json(&json!({"code": "123456"})),
    )?;
    findings.note(reply.problem(409, types::START_REQUIRED).map(|_| ()));
    let account = technician.get_json("/account")?;
    if account["method"].is_null() {
        let reply = technician.send(&technician.request("POST", "/account/recovery-codes"))?;
        findings.note(reply.problem(409, types::NOT_SET_UP).map(|_| ()));
    }
    findings.verdict()
}
