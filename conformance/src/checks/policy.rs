//! The policy: a change of the primary method is refused until the reset it causes is
//! confirmed (409 with its count), and the impact preview predicts exactly what a save then
//! does. The confirmed reset runs last: it deletes every member's setup.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use twostep_contract::{is_legacy_console, problem_types as types};

use super::problems::{Findings, flipped_settings};
use super::{Check, MASTER};
use crate::context::{Ctx, settings_of};
use crate::report::{Finding, Verdict};
use crate::{ensure, fail, skip};

const AREA: &str = "Policy and impact preview";

const POLICY: &str = "/two-step-verification/policy";
const PREVIEW: &str = "/two-step-verification/policy/preview";

/// The primary methods, in the contract's order.
const METHODS: [&str; 4] = ["lastpass_notification", "authenticator_app", "sms", "email"];

/// The checks of this area; the destructive one last.
pub const CHECKS: &[Check] = &[
    Check {
        id: "policy.reset-confirmation-required",
        area: AREA,
        clause: "PUT /two-step-verification/policy: 409 \"The primary method changes and `confirm_reset` is not true; `members_reset` counts the members who would have to set up two-step verification again (... the same number as `members_reset` of the preview of the same settings), and `members_affected` repeats it ...; nothing was changed\"",
        title: "a method change without confirm_reset: true answers 409 with the preview's members_reset and changes nothing",
        people: &[MASTER],
        run: reset_confirmation_required,
    },
    Check {
        id: "policy.preview-saves-nothing",
        area: AREA,
        clause: "POST /two-step-verification/policy/preview: 200 \"What saving these settings would do; nothing was saved\"",
        title: "previews of other settings, a method change among them, save nothing and record no audit event",
        people: &[MASTER],
        run: preview_saves_nothing,
    },
    Check {
        id: "policy.preview-method-change",
        area: AREA,
        clause: "PolicyImpact: method_changes; enrollments_reset \"setups a save would delete (0 unless the method changes)\"; members_reset \"Members who would have to set up two-step verification again (0 unless the method changes)\"",
        title: "the preview of a method change resets every member and every setup; of the same method, none",
        people: &[MASTER],
        run: preview_method_change,
    },
    Check {
        id: "policy.preview-predicts-save",
        area: AREA,
        clause: "POST policy/preview: PolicyImpact {members_total, required, required_not_enrolled, newly_required, no_longer_required} of the candidate against the saved policy; GET /members: `required` under the current policy",
        title: "for each administrators × technicians candidate, the preview's counts are what GET /members shows after saving it",
        people: &[MASTER],
        run: preview_predicts_save,
    },
    Check {
        id: "policy.preview-legacy-consoles",
        area: AREA,
        clause: "PolicyImpact.legacy_console_technicians: \"Technicians whose last Technician Console is 7.50.3572 or earlier\" (versions compared as major.minor.build numbers)",
        title: "legacy_console_technicians counts the technicians whose console_version is 7.50.3572 or earlier",
        people: &[MASTER],
        run: preview_legacy_consoles,
    },
    Check {
        id: "policy.confirm-without-method-change",
        area: AREA,
        clause: "PolicyUpdate.confirm_reset: \"Must be `true` when the primary method changes: the save then resets every member's two-step verification\"; PolicyUpdated.enrollments_reset",
        title: "confirm_reset: true on a save that keeps the method resets nobody (enrollments_reset 0)",
        people: &[MASTER],
        run: confirm_without_method_change,
    },
    Check {
        id: "policy.confirmed-reset",
        area: AREA,
        clause: "PUT /two-step-verification/policy with confirm_reset: true: 200 PolicyUpdated \"`enrollments_reset` counts the setups a method change deleted\" (the preview's enrollments_reset); every member must set up again; one audit event policy_updated with before, after and enrollments_reset",
        title: "a confirmed method change deletes the setups the preview predicted, leaves every member not enrolled, and is audited",
        people: &[MASTER],
        run: confirmed_reset,
    },
];

/// The first primary method other than `method`.
fn other_method(method: &Value) -> &'static str {
    METHODS.into_iter().find(|m| method != m).unwrap_or("sms")
}

/// The policy's settings with another primary method.
fn with_other_method(policy: &Value) -> Value {
    let mut settings = settings_of(policy);
    settings["primary_method"] = json!(other_method(&policy["primary_method"]));
    settings
}

/// The impact preview of `settings`.
fn preview(ctx: &Ctx, settings: &Value) -> Result<Value, Finding> {
    let reply = ctx.master.send(&ctx.master.request("POST", PREVIEW).json(settings))?;
    let impact = reply.json_with(200)?;
    for field in [
        "members_total",
        "required",
        "required_not_enrolled",
        "newly_required",
        "no_longer_required",
        "enrollments_reset",
        "members_reset",
        "legacy_console_technicians",
    ] {
        ensure!(
            impact[field].is_u64(),
            "POST {PREVIEW} with {settings}: `{field}` must be a count: {impact}"
        );
    }
    ensure!(
        impact["method_changes"].is_boolean(),
        "POST {PREVIEW} with {settings}: `method_changes` must be a boolean: {impact}"
    );
    Ok(impact)
}

/// Saves `body` over the current policy (with its ETag), expecting 200: the answer.
fn save(ctx: &Ctx, body: &Value) -> Result<Value, Finding> {
    let (_, etag) = ctx.policy()?;
    let reply = ctx.put_policy(&ctx.master, body, Some(&etag))?;
    reply.json_with(200).map_err(|finding| match finding {
        Finding::Failed(why) => Finding::Failed(format!("saving {body}: {why}")),
        skipped => skipped,
    })
}

/// Puts the policy's settings back to `before` (the primary method kept).
fn restore(ctx: &Ctx, before: &Value) -> Verdict {
    let (now, _) = ctx.policy()?;
    if settings_of(&now) == *before {
        return Ok(());
    }
    save(ctx, before).map(|_| ()).inspect_err(|_| {
        ctx.left_changed(format!("the policy's settings (they were {before})"));
    })
}

/// Every member of the test organization, as the master administrator sees them.
fn members(ctx: &Ctx) -> Result<Vec<Value>, Finding> {
    ctx.all_members(&ctx.master, "")
}

/// The ids of the members `GET /members` says are required.
fn required_ids(members: &[Value]) -> BTreeSet<i64> {
    members.iter().filter(|m| m["required"] == true).filter_map(|m| m["id"].as_i64()).collect()
}

/// How many members have set up two-step verification.
fn enrolled(members: &[Value]) -> usize {
    members.iter().filter(|m| m["status"] == "enrolled").count()
}

/// How many events the audit log holds.
fn audit_total(ctx: &Ctx) -> Result<Value, Finding> {
    Ok(ctx.master.get_json("/audit-events?per_page=1")?["total"].clone())
}

fn reset_confirmation_required(ctx: &Ctx) -> Verdict {
    let (before, etag) = ctx.policy()?;
    let candidate = with_other_method(&before);
    let impact = preview(ctx, &candidate)?;
    let enrolled_before = enrolled(&members(ctx)?);
    let mut findings = Findings::default();
    let mut confirmations = vec![("without confirm_reset", candidate.clone())];
    for (how, value) in
        [("with confirm_reset: false", json!(false)), ("with confirm_reset: null", Value::Null)]
    {
        let mut body = candidate.clone();
        body["confirm_reset"] = value;
        confirmations.push((how, body));
    }
    for (how, body) in confirmations {
        let reply = ctx.put_policy(&ctx.master, &body, Some(&etag))?;
        if reply.status != 409 {
            findings.push(format!(
                "PUT {POLICY} changing the primary method {} → {} {how}: expected 409 {}, got {}: {}",
                before["primary_method"],
                candidate["primary_method"],
                types::RESET_CONFIRMATION_REQUIRED,
                reply.status,
                reply.excerpt()
            ));
            continue;
        }
        let problem = match reply.problem(409, types::RESET_CONFIRMATION_REQUIRED) {
            Ok(problem) => problem,
            Err(finding) => {
                findings.note(Err(finding));
                continue;
            }
        };
        if problem["members_reset"] != impact["members_reset"] {
            findings.push(format!(
                "the 409 {how} says `members_reset` {}; the preview of the same settings says {} \
                 (the contract: the same number)",
                problem["members_reset"], impact["members_reset"]
            ));
        }
        if !problem["members_affected"].is_null()
            && problem["members_affected"] != problem["members_reset"]
        {
            findings.push(format!(
                "the 409 {how}: `members_affected` ({}) must repeat `members_reset` ({})",
                problem["members_affected"], problem["members_reset"]
            ));
        }
    }
    let (after, _) = ctx.policy()?;
    if after["revision"] != before["revision"] || settings_of(&after) != settings_of(&before) {
        findings.push(format!("a refused method change changed the policy: {before} → {after}"));
        if ctx.options.allow_reset {
            let mut body = settings_of(&before);
            body["confirm_reset"] = json!(true);
            findings.note(save(ctx, &body).map(|_| ()));
        }
    }
    let enrolled_after = enrolled(&members(ctx)?);
    if enrolled_after != enrolled_before {
        findings.push(format!(
            "a refused method change reset setups: {enrolled_before} members were enrolled, now \
             {enrolled_after}"
        ));
        ctx.left_changed(format!(
            "{} members' two-step verification setups were reset by a method change the \
             backend should have refused",
            enrolled_before.saturating_sub(enrolled_after)
        ));
    }
    findings.verdict()
}

fn preview_saves_nothing(ctx: &Ctx) -> Verdict {
    let (before, _) = ctx.policy()?;
    let events = audit_total(ctx)?;
    let mut changed_method = with_other_method(&before);
    changed_method["technicians"] = json!("all");
    for candidate in [flipped_settings(&before), changed_method] {
        preview(ctx, &candidate)?;
    }
    let (after, _) = ctx.policy()?;
    ensure!(after == before, "POST {PREVIEW} changed the policy: {before} → {after}");
    let events_after = audit_total(ctx)?;
    ensure!(
        events_after == events,
        "POST {PREVIEW} recorded audit events: the log held {events}, now {events_after}"
    );
    Ok(())
}

fn preview_method_change(ctx: &Ctx) -> Verdict {
    let (policy, _) = ctx.policy()?;
    let members = members(ctx)?;
    let (total, enrolled) = (members.len() as u64, enrolled(&members) as u64);
    let mut findings = Findings::default();
    let changed = preview(ctx, &with_other_method(&policy))?;
    let expect = |impact: &Value, field: &str, value: Value, why: &str| {
        (impact[field] != value)
            .then(|| format!("`{field}` is {}, expected {value}: {why}", impact[field]))
    };
    for problem in [
        expect(
            &changed,
            "method_changes",
            json!(true),
            "the candidate's method differs from the saved one",
        ),
        expect(
            &changed,
            "members_reset",
            json!(total),
            "every member must set up again (GET /members total)",
        ),
        expect(
            &changed,
            "members_total",
            json!(total),
            "GET /members as the master administrator lists this many",
        ),
        expect(
            &changed,
            "enrollments_reset",
            json!(enrolled),
            "the members GET /members shows `enrolled`",
        ),
    ]
    .into_iter()
    .flatten()
    {
        findings.push(format!("the preview of a method change: {problem}"));
    }
    let same = preview(ctx, &settings_of(&policy))?;
    for problem in [
        expect(&same, "method_changes", json!(false), "the candidate is the saved policy"),
        expect(&same, "members_reset", json!(0), "0 unless the method changes"),
        expect(&same, "enrollments_reset", json!(0), "0 unless the method changes"),
        expect(&same, "newly_required", json!(0), "the candidate is the saved policy"),
        expect(&same, "no_longer_required", json!(0), "the candidate is the saved policy"),
    ]
    .into_iter()
    .flatten()
    {
        findings.push(format!("the preview of the saved settings: {problem}"));
    }
    findings.verdict()
}

fn preview_predicts_save(ctx: &Ctx) -> Verdict {
    let (policy, _) = ctx.policy()?;
    let original = settings_of(&policy);
    let mut findings = Findings::default();
    let verdict = (|| {
        let mut before = members(ctx)?;
        for administrators in ["all", "none"] {
            for technicians in ["all", "none", "selected_groups"] {
                let mut candidate = original.clone();
                candidate["administrators"] = json!(administrators);
                candidate["technicians"] = json!(technicians);
                let impact = preview(ctx, &candidate)?;
                let saved = save(ctx, &candidate)?;
                let after = members(ctx)?;
                let total = ctx.master.get_json("/members?per_page=1")?["total"].clone();
                let (was, now) = (required_ids(&before), required_ids(&after));
                let required_not_enrolled = after
                    .iter()
                    .filter(|m| m["required"] == true && m["status"] == "not_enrolled")
                    .count();
                let expected = [
                    ("members_total", json!(after.len()), "members GET /members lists"),
                    ("members_total", total, "GET /members `total`"),
                    (
                        "required",
                        json!(now.len()),
                        "members GET /members shows required after the save",
                    ),
                    (
                        "required_not_enrolled",
                        json!(required_not_enrolled),
                        "members shown required and not_enrolled after the save",
                    ),
                    (
                        "newly_required",
                        json!(now.difference(&was).count()),
                        "members required after the save and not before",
                    ),
                    (
                        "no_longer_required",
                        json!(was.difference(&now).count()),
                        "members required before the save and not after",
                    ),
                    ("method_changes", json!(false), "the method is kept"),
                    ("enrollments_reset", json!(0), "the method is kept"),
                    ("members_reset", json!(0), "the method is kept"),
                ];
                for (field, value, what) in expected {
                    if impact[field] != value {
                        findings.push(format!(
                            "preview of {candidate}: `{field}` is {}, but {what}: {value}",
                            impact[field]
                        ));
                    }
                }
                if saved["enrollments_reset"] != impact["enrollments_reset"] {
                    findings.push(format!(
                        "PUT {POLICY} with {candidate} answered `enrollments_reset` {}; the preview said {}",
                        saved["enrollments_reset"], impact["enrollments_reset"]
                    ));
                }
                before = after;
            }
        }
        Ok(())
    })();
    findings.note(verdict);
    findings.note(restore(ctx, &original));
    findings.verdict()
}

fn preview_legacy_consoles(ctx: &Ctx) -> Verdict {
    let (policy, _) = ctx.policy()?;
    let members = members(ctx)?;
    let legacy = members
        .iter()
        .filter(|m| m["roles"].as_array().is_some_and(|r| r.iter().any(|r| r == "technician")))
        .filter(|m| m["console_version"].as_str().is_some_and(is_legacy_console))
        .count();
    let mut email = settings_of(&policy);
    email["primary_method"] = json!("email");
    for candidate in [settings_of(&policy), email] {
        let impact = preview(ctx, &candidate)?;
        ensure!(
            impact["legacy_console_technicians"] == legacy,
            "the preview of {candidate} says `legacy_console_technicians` {}; GET /members lists \
             {legacy} technicians whose console_version is 7.50.3572 or earlier",
            impact["legacy_console_technicians"]
        );
    }
    Ok(())
}

fn confirm_without_method_change(ctx: &Ctx) -> Verdict {
    if !ctx.options.allow_reset {
        skip!(
            "a backend that resets on any confirm_reset: true would reset every member: needs --allow-reset"
        );
    }
    let (policy, _) = ctx.policy()?;
    let original = settings_of(&policy);
    let enrolled_before = enrolled(&members(ctx)?);
    let mut body = flipped_settings(&policy);
    body["confirm_reset"] = json!(true);
    let verdict = (|| {
        let saved = save(ctx, &body)?;
        ensure!(
            saved["enrollments_reset"] == 0,
            "PUT {POLICY} with the same method and confirm_reset: true answered \
             `enrollments_reset` {} (expected 0: only a method change resets)",
            saved["enrollments_reset"]
        );
        let enrolled_after = enrolled(&members(ctx)?);
        if enrolled_after != enrolled_before {
            ctx.left_changed(format!(
                "a save with confirm_reset: true but the same method reset setups \
                 ({enrolled_before} members were enrolled, then {enrolled_after})"
            ));
            fail!(
                "PUT {POLICY} with the same method and confirm_reset: true reset setups: \
                 {enrolled_before} members were enrolled, now {enrolled_after}"
            );
        }
        Ok(())
    })();
    verdict.and(restore(ctx, &original))
}

/// Signs in again whoever the reset signed out (the contract does not say whether sessions
/// survive a reset of setups; either way the later checks need their people).
fn keep_people_signed_in(ctx: &Ctx) -> Verdict {
    for person in ctx.people() {
        if person.get("/session")?.status != 200 {
            ctx.sign_in(person)?;
        }
    }
    Ok(())
}

fn confirmed_reset(ctx: &Ctx) -> Verdict {
    if !ctx.options.allow_reset {
        skip!(
            "confirming a method change resets every member's two-step verification: needs --allow-reset"
        );
    }
    let (policy, _) = ctx.policy()?;
    let original = settings_of(&policy);
    let candidate = with_other_method(&policy);
    let impact = preview(ctx, &candidate)?;
    let mut body = candidate.clone();
    body["confirm_reset"] = json!(true);
    let saved = save(ctx, &body)?;
    ctx.left_changed(format!(
        "every member's two-step verification setup was reset (the primary method was changed to \
         {} and back to {}, each confirmed)",
        candidate["primary_method"], original["primary_method"]
    ));
    let mut findings = Findings::default();
    let verdict = (|| {
        ensure!(
            saved["policy"]["primary_method"] == candidate["primary_method"],
            "PUT {POLICY} with confirm_reset: true answered the policy {}; it was to save {candidate}",
            saved["policy"]
        );
        ensure!(
            saved["enrollments_reset"] == impact["enrollments_reset"],
            "PUT {POLICY} with confirm_reset: true answered `enrollments_reset` {}; the preview \
             just before said {}",
            saved["enrollments_reset"],
            impact["enrollments_reset"]
        );
        let still: Vec<String> = members(ctx)?
            .iter()
            .filter(|m| {
                m["status"] != "not_enrolled"
                    || !m["method"].is_null()
                    || !m["enrolled_at"].is_null()
            })
            .map(|m| format!("{} ({}, {})", m["email"], m["status"], m["method"]))
            .collect();
        ensure!(
            still.is_empty(),
            "after a confirmed method change every member must set up again, but GET /members \
             still shows {} set up: {}",
            still.len(),
            still.join(", ")
        );
        let log = ctx.master.get_json("/audit-events?kind=policy_updated&per_page=1")?;
        let event = &log["items"][0];
        ensure!(
            event["kind"] == "policy_updated"
                && event["before"] == original
                && event["after"] == candidate
                && event["enrollments_reset"] == saved["enrollments_reset"]
                && event["actor"]["id"] == ctx.master.id(),
            "the newest policy_updated event must record the save: before {original}, after \
             {candidate}, enrollments_reset {}, by member {}; it is {event}",
            saved["enrollments_reset"],
            ctx.master.id()
        );
        Ok(())
    })();
    findings.note(verdict);
    findings.note(keep_people_signed_in(ctx));
    // Back to the method the run started with: a reset too, of the setups made since.
    let back = (|| {
        let impact = preview(ctx, &original)?;
        let mut body = original.clone();
        body["confirm_reset"] = json!(true);
        let saved = save(ctx, &body)?;
        ensure!(
            saved["enrollments_reset"] == impact["enrollments_reset"],
            "putting the method back: PUT {POLICY} answered `enrollments_reset` {}; the preview \
             said {}",
            saved["enrollments_reset"],
            impact["enrollments_reset"]
        );
        Ok(())
    })();
    findings.note(back);
    findings.verdict()
}
