//! ETag and `If-Match`: the policy and each group carry their revision as a strong entity tag,
//! writes to them must name the revision they were loaded at (428 without, 412 when stale), and
//! of two writes made from the same revision exactly one wins.

use std::sync::Barrier;

use serde_json::{Value, json};
use twostep_contract::problem_types as types;

use super::problems::{Findings, flipped_settings, some_group};
use super::{Check, MASTER};
use crate::context::{Ctx, settings_of};
use crate::http::{Actor, Reply, Request};
use crate::report::{Finding, Verdict};
use crate::{ensure, fail};

const AREA: &str = "ETag and If-Match";

const POLICY: &str = "/two-step-verification/policy";

/// The checks of this area.
pub const CHECKS: &[Check] = &[
    Check {
        id: "etag.strong-etag",
        area: AREA,
        clause: "GET /two-step-verification/policy and GET /technician-groups/{id}: 200 ETag \"The revision as a strong entity tag, such as \\\"1\\\"\"",
        title: "the policy and a group carry their revision as a strong ETag (\"7\")",
        people: &[MASTER],
        run: strong_etag,
    },
    Check {
        id: "etag.if-match-required",
        area: AREA,
        clause: "PUT policy, PATCH /technician-groups/{id}: 428 \"If-Match is missing\" (/problems/precondition-required)",
        title: "a write without If-Match answers 428 /problems/precondition-required and changes nothing",
        people: &[MASTER],
        run: if_match_required,
    },
    Check {
        id: "etag.stale-if-match",
        area: AREA,
        clause: "PUT policy, PATCH /technician-groups/{id}: 412 \"If-Match names a revision that is no longer current\" (/problems/precondition-failed), with the current revision as ETag",
        title: "a write naming a revision that is no longer current answers 412 with the current ETag and changes nothing",
        people: &[MASTER],
        run: stale_if_match,
    },
    Check {
        id: "etag.if-match-forms",
        area: AREA,
        clause: "Revisions: \"`If-Match` is compared strongly and may list several tags; `If-Match: *` is refused with 412, as a weak tag is: a write must name the revision it was based on\"",
        title: "If-Match: * and a weak tag of the current revision answer 412; a list naming the current revision is accepted",
        people: &[MASTER],
        run: if_match_forms,
    },
    Check {
        id: "etag.new-etag-after-write",
        area: AREA,
        clause: "PUT policy, PATCH group: 200 ETag \"The new revision as a strong entity tag\"; revision \"Increases by one at every change\"",
        title: "a write answers the new revision, one more than before, as its ETag, and a read then answers the same",
        people: &[MASTER],
        run: new_etag_after_write,
    },
    Check {
        id: "etag.unchanged-write",
        area: AREA,
        clause: "PUT policy: \"Settings equal to the saved ones answer 200 without a new revision\"; PATCH group: \"The value already saved answers 200 without a new revision\"",
        title: "saving what is already saved answers 200 and keeps the revision",
        people: &[MASTER],
        run: unchanged_write,
    },
    Check {
        id: "etag.if-none-match",
        area: AREA,
        clause: "GET policy, GET /technician-groups/{id}: If-None-Match \"naming the current tag (compared weakly, `W/\"3\"` matches; a list; `*` matches any) answers 304 with the `ETag` and no body\"; \"There is no `Last-Modified`, and `If-Modified-Since` is ignored\"",
        title: "a read whose If-None-Match names the current ETag (strong, weak, in a list, or *) answers 304 with the ETag and no body; an old one, or If-Modified-Since, 200",
        people: &[MASTER],
        run: if_none_match,
    },
    Check {
        id: "etag.no-store",
        area: AREA,
        clause: "Caching: \"Every answer under /api/v1 carries `Cache-Control: no-store`, except /health and /openapi.json\"",
        title: "reads, writes, 304s and problems under /api/v1 carry Cache-Control: no-store",
        people: &[MASTER],
        run: no_store,
    },
    Check {
        id: "etag.one-winner-policy",
        area: AREA,
        clause: "PUT /two-step-verification/policy: If-Match current (412 otherwise): of two writes from the same revision, exactly one is saved",
        title: "two concurrent policy writes with the same If-Match: exactly one 200, the other 412",
        people: &[MASTER],
        run: one_winner_policy,
    },
    Check {
        id: "etag.one-winner-group",
        area: AREA,
        clause: "PATCH /technician-groups/{id}: If-Match current (412 otherwise): of two writes from the same revision, exactly one is saved",
        title: "two concurrent group writes with the same If-Match: exactly one 200, the other 412",
        people: &[MASTER],
        run: one_winner_group,
    },
];

/// The strong entity tag of `revision`, as the contract writes it.
fn etag_of(revision: &Value) -> String {
    format!("\"{revision}\"")
}

/// A versioned resource: the policy, or one group.
struct Resource {
    path: String,
    /// A body that changes it (flips a setting).
    change: fn(&Value) -> Value,
    /// A body that saves what it holds now.
    same: fn(&Value) -> Value,
}

fn policy_change(policy: &Value) -> Value {
    flipped_settings(policy)
}

fn group_change(group: &Value) -> Value {
    json!({"force_two_step": !group["force_two_step"].as_bool().unwrap_or(false)})
}

fn group_same(group: &Value) -> Value {
    json!({"force_two_step": group["force_two_step"]})
}

/// The policy and the first group the master administrator sees.
fn resources(ctx: &Ctx) -> Result<[Resource; 2], Finding> {
    let (group, _) = some_group(ctx)?;
    Ok([
        Resource { path: POLICY.into(), change: policy_change, same: settings_of },
        Resource {
            path: format!("/technician-groups/{}", group["id"]),
            change: group_change,
            same: group_same,
        },
    ])
}

impl Resource {
    fn method(&self) -> &'static str {
        if self.path == POLICY { "PUT" } else { "PATCH" }
    }

    /// The resource as the master administrator reads it, and its ETag.
    fn read(&self, ctx: &Ctx) -> Result<(Value, String), Finding> {
        let reply = ctx.master.get(&self.path)?;
        let body = reply.json_with(200)?;
        let etag = reply
            .header("etag")
            .ok_or_else(|| Finding::Failed(format!("GET {}: no ETag", self.path)))?;
        Ok((body, etag.to_string()))
    }

    /// The write of `body` by `actor`, with `If-Match` when given.
    fn write(&self, actor: &Actor, body: &Value, if_match: Option<&str>) -> Request {
        let request = actor.request(self.method(), &self.path).json(body);
        match if_match {
            Some(etag) => request.if_match(etag),
            None => request,
        }
    }

    /// Puts back what `before` held, if it changed (with the current ETag).
    fn restore(&self, ctx: &Ctx, before: &Value) -> Verdict {
        let (now, etag) = self.read(ctx)?;
        if (self.same)(&now) == (self.same)(before) {
            return Ok(());
        }
        let reply = ctx.master.send(&self.write(&ctx.master, &(self.same)(before), Some(&etag)))?;
        reply.expect_status(200).inspect_err(|_| {
            ctx.left_changed(format!("{}: it was {}", self.path, (self.same)(before)));
        })
    }
}

fn strong_etag(ctx: &Ctx) -> Verdict {
    let mut findings = Findings::default();
    for resource in resources(ctx)? {
        let (body, etag) = resource.read(ctx)?;
        if etag.starts_with("W/") {
            findings.push(format!(
                "GET {}: the ETag {etag} is weak; the contract's is strong",
                resource.path
            ));
        }
        if etag != etag_of(&body["revision"]) {
            findings.push(format!(
                "GET {}: the ETag is {etag}, the body's revision {}: the contract's ETag is the \
                 revision as a strong entity tag ({})",
                resource.path,
                body["revision"],
                etag_of(&body["revision"])
            ));
        }
    }
    findings.verdict()
}

fn if_match_required(ctx: &Ctx) -> Verdict {
    let mut findings = Findings::default();
    for resource in resources(ctx)? {
        let (before, _) = resource.read(ctx)?;
        let reply =
            ctx.master.send(&resource.write(&ctx.master, &(resource.change)(&before), None))?;
        findings.expect_problem(&reply, "without If-Match", 428, types::PRECONDITION_REQUIRED);
        let (after, _) = resource.read(ctx)?;
        if after["revision"] != before["revision"] {
            findings
                .push(format!("{} without If-Match changed it: {before} → {after}", reply.what));
            findings.note(resource.restore(ctx, &before));
        }
    }
    findings.verdict()
}

fn stale_if_match(ctx: &Ctx) -> Verdict {
    let mut findings = Findings::default();
    for resource in resources(ctx)? {
        let (before, stale) = resource.read(ctx)?;
        // Someone else saves a change: the ETag read before is now stale.
        let first = ctx.master.send(&resource.write(
            &ctx.master,
            &(resource.change)(&before),
            Some(&stale),
        ))?;
        if let Err(Finding::Failed(why) | Finding::Skipped(why)) = first.expect_status(200) {
            findings.push(format!("a change from the current revision was not saved: {why}"));
            continue;
        }
        let (changed, current) = resource.read(ctx)?;
        // Then a write from the stale ETag, putting back the old value, must be refused.
        let reply = ctx.master.send(&resource.write(
            &ctx.master,
            &(resource.same)(&before),
            Some(&stale),
        ))?;
        let (after, _) = resource.read(ctx)?;
        if reply.status != 412 {
            findings.push(format!(
                "{} with the stale If-Match {stale} (the current ETag is {current}): expected 412 \
                 {}, got {}: {}",
                reply.what,
                types::PRECONDITION_FAILED,
                reply.status,
                reply.excerpt()
            ));
        } else {
            findings.note(reply.problem(412, types::PRECONDITION_FAILED).map(|_| ()));
            if reply.header("etag") != Some(current.as_str()) {
                findings.push(format!(
                    "{}: the 412 must carry the current revision as ETag ({current}), it carries {}",
                    reply.what,
                    reply.header("etag").unwrap_or("none")
                ));
            }
        }
        if after["revision"] != changed["revision"]
            || (resource.same)(&after) != (resource.same)(&changed)
        {
            findings.push(format!(
                "{} with a stale If-Match changed it: {changed} → {after}",
                reply.what
            ));
        }
        findings.note(resource.restore(ctx, &before));
    }
    findings.verdict()
}

/// Fails unless `reply` (a 200 write) carries `ETag` equal to the revision of `saved`.
fn etag_matches(reply: &Reply, saved: &Value) -> Verdict {
    let etag = reply.header("etag");
    ensure!(
        etag == Some(etag_of(&saved["revision"]).as_str()),
        "{}: the 200's ETag ({}) must be the saved revision {} as a strong tag",
        reply.what,
        etag.unwrap_or("none"),
        saved["revision"]
    );
    Ok(())
}

fn new_etag_after_write(ctx: &Ctx) -> Verdict {
    let mut findings = Findings::default();
    for resource in resources(ctx)? {
        let (before, etag) = resource.read(ctx)?;
        let reply = ctx.master.send(&resource.write(
            &ctx.master,
            &(resource.change)(&before),
            Some(&etag),
        ))?;
        let verdict = (|| {
            let answer = reply.json_with(200)?;
            // The policy answers {policy, enrollments_reset}; a group answers itself.
            let saved = if resource.path == POLICY { answer["policy"].clone() } else { answer };
            let expected = before["revision"].as_i64().map(|r| r + 1);
            ensure!(
                saved["revision"].as_i64() == expected,
                "{}: the revision after a change must be one more than {} , it is {}",
                reply.what,
                before["revision"],
                saved["revision"]
            );
            etag_matches(&reply, &saved)?;
            let (read, read_etag) = resource.read(ctx)?;
            ensure!(
                read_etag == etag_of(&saved["revision"]) && read["revision"] == saved["revision"],
                "GET {} after the write answers revision {} with ETag {read_etag}; the write \
                 answered revision {}",
                resource.path,
                read["revision"],
                saved["revision"]
            );
            Ok(())
        })();
        findings.note(verdict);
        findings.note(resource.restore(ctx, &before));
    }
    findings.verdict()
}

fn unchanged_write(ctx: &Ctx) -> Verdict {
    let mut findings = Findings::default();
    for resource in resources(ctx)? {
        let (before, etag) = resource.read(ctx)?;
        let reply = ctx.master.send(&resource.write(
            &ctx.master,
            &(resource.same)(&before),
            Some(&etag),
        ))?;
        let verdict = (|| {
            let answer = reply.json_with(200)?;
            let saved = if resource.path == POLICY { answer["policy"].clone() } else { answer };
            ensure!(
                saved["revision"] == before["revision"],
                "{} saving what is saved: the revision must stay {}, the answer says {}",
                reply.what,
                before["revision"],
                saved["revision"]
            );
            etag_matches(&reply, &saved)?;
            let (_, now) = resource.read(ctx)?;
            ensure!(
                now == etag,
                "{} saving what is saved moved the ETag from {etag} to {now}",
                reply.what
            );
            Ok(())
        })();
        findings.note(verdict);
    }
    findings.verdict()
}

fn if_none_match(ctx: &Ctx) -> Verdict {
    let mut findings = Findings::default();
    for resource in resources(ctx)? {
        let (body, etag) = resource.read(ctx)?;
        let old = etag_of(&json!(body["revision"].as_i64().unwrap_or(1) + 1000));
        for tag in [etag.clone(), format!("W/{etag}"), format!("{old}, {etag}"), "*".to_string()] {
            let reply = ctx
                .master
                .send(&ctx.master.request("GET", &resource.path).header("If-None-Match", &tag))?;
            if reply.status != 304 {
                findings.push(format!(
                    "GET {} with If-None-Match: {tag} (the current ETag is {etag}): expected 304, \
                     got {}: {}",
                    resource.path,
                    reply.status,
                    reply.excerpt()
                ));
                continue;
            }
            if !reply.body.is_empty() {
                findings.push(format!(
                    "GET {} with If-None-Match: {tag}: a 304 has no body, this one has {} bytes",
                    resource.path,
                    reply.body.len()
                ));
            }
            if reply.header("etag") != Some(etag.as_str()) {
                findings.push(format!(
                    "GET {} with If-None-Match: {tag}: the 304 must carry the ETag {etag}, it \
                     carries {}",
                    resource.path,
                    reply.header("etag").unwrap_or("none")
                ));
            }
        }
        let reply = ctx
            .master
            .send(&ctx.master.request("GET", &resource.path).header("If-None-Match", &old))?;
        if let Err(Finding::Failed(why) | Finding::Skipped(why)) = reply.json_with(200) {
            findings.push(format!("with If-None-Match: {old} (not current): {why}"));
        }
        // Only entity tags decide: a date is ignored, and reads carry no Last-Modified.
        let reply = ctx.master.send(
            &ctx.master
                .request("GET", &resource.path)
                .header("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT"),
        )?;
        if let Err(Finding::Failed(why) | Finding::Skipped(why)) = reply.json_with(200) {
            findings.push(format!("with If-Modified-Since (ignored by the contract): {why}"));
        }
        if let Some(date) = reply.header("last-modified") {
            findings.push(format!(
                "GET {}: the contract's reads carry no Last-Modified, this one says {date}",
                resource.path
            ));
        }
    }
    findings.verdict()
}

fn if_match_forms(ctx: &Ctx) -> Verdict {
    let mut findings = Findings::default();
    for resource in resources(ctx)? {
        let (before, etag) = resource.read(ctx)?;
        let change = (resource.change)(&before);
        for tag in ["*".to_string(), format!("W/{etag}")] {
            let reply = ctx.master.send(&resource.write(&ctx.master, &change, Some(&tag)))?;
            if reply.status != 412 {
                findings.push(format!(
                    "{} with If-Match: {tag} (the current ETag is {etag}): expected 412 {}, got \
                     {}: {}",
                    reply.what,
                    types::PRECONDITION_FAILED,
                    reply.status,
                    reply.excerpt()
                ));
                findings.note(resource.restore(ctx, &before));
                continue;
            }
            findings.note(reply.problem(412, types::PRECONDITION_FAILED).map(|_| ()));
        }
        let (now, _) = resource.read(ctx)?;
        if now["revision"] != before["revision"] {
            findings
                .push(format!("a refused If-Match changed {}: {before} → {now}", resource.path));
        }
        let old = etag_of(&json!(before["revision"].as_i64().unwrap_or(1) + 1000));
        let list = format!("{old}, {etag}");
        let reply = ctx.master.send(&resource.write(&ctx.master, &change, Some(&list)))?;
        if let Err(Finding::Failed(why) | Finding::Skipped(why)) = reply.json_with(200) {
            findings
                .push(format!("with If-Match: {list}, a list naming the current revision: {why}"));
        }
        findings.note(resource.restore(ctx, &before));
    }
    findings.verdict()
}

fn no_store(ctx: &Ctx) -> Verdict {
    let (policy, etag) = ctx.policy()?;
    let (group, _) = some_group(ctx)?;
    let master = &ctx.master;
    let mut findings = Findings::default();
    let requests = [
        master.request("GET", "/session"),
        master.request("GET", "/account"),
        master.request("GET", POLICY),
        master.request("GET", POLICY).header("If-None-Match", &etag),
        master.request("GET", "/technician-groups"),
        master.request("GET", &format!("/technician-groups/{}", group["id"])),
        master.request("GET", "/members?per_page=1"),
        master.request("GET", "/members/export"),
        master.request("GET", "/audit-events?per_page=1"),
        master.request("POST", "/two-step-verification/policy/preview").json(&settings_of(&policy)),
        master.request("PUT", POLICY).json(&settings_of(&policy)).if_match(&etag),
        master.request("GET", "/members?page=0"),
        Request::new("GET", "/members"),
    ];
    for request in requests {
        let reply = ctx.http.send(&request)?;
        let cache = reply.header("cache-control").unwrap_or_default();
        let directives: Vec<String> =
            cache.split(',').map(|d| d.trim().to_ascii_lowercase()).collect();
        if !directives.iter().any(|d| d == "no-store") {
            findings.push(format!(
                "{} (answered {}): Cache-Control must be no-store, it is {cache:?}",
                reply.what, reply.status
            ));
        }
    }
    findings.verdict()
}

/// Sends `a` and `b` at the same moment as the master administrator; their answers.
fn race(ctx: &Ctx, a: &Request, b: &Request) -> Result<[Reply; 2], Finding> {
    let barrier = Barrier::new(2);
    let (first, second) = std::thread::scope(|scope| {
        let send = |request: &Request| {
            barrier.wait();
            ctx.master.send(request)
        };
        let one = scope.spawn(move || send(a));
        let two = scope.spawn(move || send(b));
        (one.join(), two.join())
    });
    let joined = |r: std::thread::Result<Result<Reply, Finding>>| {
        r.unwrap_or_else(|_| Err(Finding::Failed("a concurrent write panicked".into())))
    };
    Ok([joined(first)?, joined(second)?])
}

/// Fails unless exactly one of `replies` is 200 and the other 412 precondition-failed.
fn one_winner(replies: &[Reply; 2], etag: &str) -> Verdict {
    let statuses = [replies[0].status, replies[1].status];
    let mut sorted = statuses;
    sorted.sort_unstable();
    if sorted != [200, 412] {
        fail!(
            "two concurrent {} with the same If-Match {etag}: expected one 200 and one 412, got \
             {} and {}: {} / {}",
            replies[0].what,
            statuses[0],
            statuses[1],
            replies[0].excerpt(),
            replies[1].excerpt()
        );
    }
    let loser = replies.iter().find(|r| r.status == 412).expect("one 412");
    loser.problem(412, types::PRECONDITION_FAILED).map(|_| ())
}

fn one_winner_policy(ctx: &Ctx) -> Verdict {
    let (before, etag) = ctx.policy()?;
    // Two different changes, each flipping one setting, from the same revision.
    let a = flipped_settings(&before);
    let mut b = settings_of(&before);
    b["technicians"] = json!(if before["technicians"] == "all" { "none" } else { "all" });
    let requests = [
        ctx.master.request("PUT", POLICY).json(&a).if_match(&etag),
        ctx.master.request("PUT", POLICY).json(&b).if_match(&etag),
    ];
    let verdict = race(ctx, &requests[0], &requests[1]).and_then(|replies| {
        one_winner(&replies, &etag)?;
        let (after, _) = ctx.policy()?;
        let expected = before["revision"].as_i64().map(|r| r + 1);
        ensure!(
            after["revision"].as_i64() == expected,
            "after two concurrent writes from revision {}, exactly one was to be saved (revision \
             {expected:?}); the policy is at revision {}",
            before["revision"],
            after["revision"]
        );
        let winner = if replies[0].status == 200 { &a } else { &b };
        ensure!(
            settings_of(&after) == *winner,
            "the policy holds {} after the concurrent writes; the one answered 200 sent {winner}",
            settings_of(&after)
        );
        Ok(())
    });
    let restored = Resource { path: POLICY.into(), change: policy_change, same: settings_of }
        .restore(ctx, &before);
    verdict.and(restored)
}

fn one_winner_group(ctx: &Ctx) -> Verdict {
    let (group, _) = some_group(ctx)?;
    let resource = Resource {
        path: format!("/technician-groups/{}", group["id"]),
        change: group_change,
        same: group_same,
    };
    let (before, etag) = resource.read(ctx)?;
    let body = group_change(&before);
    let requests = [
        resource.write(&ctx.master, &body, Some(&etag)),
        resource.write(&ctx.master, &body, Some(&etag)),
    ];
    let verdict = race(ctx, &requests[0], &requests[1]).and_then(|replies| {
        one_winner(&replies, &etag)?;
        let (after, _) = resource.read(ctx)?;
        let expected = before["revision"].as_i64().map(|r| r + 1);
        ensure!(
            after["revision"].as_i64() == expected,
            "after two concurrent writes from revision {}, exactly one was to be saved (revision \
             {expected:?}); the group is at revision {}",
            before["revision"],
            after["revision"]
        );
        Ok(())
    });
    verdict.and(resource.restore(ctx, &before))
}
