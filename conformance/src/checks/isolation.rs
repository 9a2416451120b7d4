//! Tenant isolation: the master administrator of a second organization reads and changes
//! nothing of the test organization, and the reverse.
//!
//! A backend may number each organization's members and groups on their own, so an id alone
//! proves nothing: a leak is an item of one organization that shows with the id *and* the name
//! or email it has in the other.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use twostep_contract::{EnrollmentStatus, Member, TechnicianGroup, problem_types};

use super::fixture;
use super::paging::walk;
use super::{Check, MASTER, OTHER};
use crate::context::{Ctx, settings_of};
use crate::http::{Actor, Reply};
use crate::report::{Finding, Verdict};
use crate::{ensure, fail, skip};

const AREA: &str = "Tenant isolation";

/// The checks of this area.
pub const CHECKS: &[Check] = &[
    Check {
        id: "isolation.group-read",
        area: AREA,
        clause: "GET /technician-groups/{id} 404: \"No such group in the caller's organization\"; PRODUCT §1: no request ever reads another organization's data",
        title: "the second organization's master administrator gets 404 for each group of the test organization, without its name",
        people: &[MASTER, OTHER],
        run: group_read,
    },
    Check {
        id: "isolation.group-write",
        area: AREA,
        clause: "PATCH /technician-groups/{id} 404: \"a group of another organization or none at all answers the same\"",
        title: "the second organization's PATCH of a test organization's group, with its real ETag, answers 404 and changes nothing",
        people: &[MASTER, OTHER],
        run: group_write,
    },
    Check {
        id: "isolation.lists",
        area: AREA,
        clause: "GET /members, /members/export, /technician-groups, /audit-events: the caller's organization only",
        title: "the second organization's lists, export and audit log hold no member, group or event of the test organization",
        people: &[MASTER, OTHER],
        run: lists,
    },
    Check {
        id: "isolation.member-reset",
        area: AREA,
        clause: "POST /members/two-step-reset 422 (master administrators): \"There is no member N in your organization.\"; nothing was changed",
        title: "the second organization's reset of a test organization's member is refused with 422: their setup stays and no reset is recorded",
        people: &[MASTER, OTHER],
        run: member_reset,
    },
    Check {
        id: "isolation.policy",
        area: AREA,
        clause: "GET/PUT /two-step-verification/policy: the caller's organization's policy",
        title: "a change of either organization's policy leaves the other's body and ETag as they were",
        people: &[MASTER, OTHER],
        run: policy,
    },
    Check {
        id: "isolation.reverse",
        area: AREA,
        clause: "GET /technician-groups/{id}, GET /members?group_id 404 for a group of another organization",
        title: "the test organization's master administrator gets 404 for the second organization's groups, read or as a filter",
        people: &[MASTER, OTHER],
        run: reverse,
    },
];

/// The groups of `of` whose ids `by` does not use for groups of its own.
fn foreign_groups(ctx: &Ctx, of: &Actor, by: &Actor) -> Result<Vec<TechnicianGroup>, Finding> {
    let own = fixture::groups(ctx, by)?;
    Ok(fixture::groups(ctx, of)?
        .into_iter()
        .filter(|g| !own.iter().any(|o| o.id == g.id))
        .collect())
}

/// Fails unless `reply` is a 404 problem that does not show `secret`.
fn ensure_hidden(reply: &Reply, who: &str, secret: &str) -> Verdict {
    ensure!(
        reply.status == 404,
        "{} as {who}: expected 404 {}, got {}: {}",
        reply.what,
        problem_types::NOT_FOUND,
        reply.status,
        reply.excerpt()
    );
    reply.problem_shape()?;
    ensure!(
        !String::from_utf8_lossy(&reply.body).contains(secret),
        "{} as {who}: the 404 shows `{secret}`: {}",
        reply.what,
        reply.excerpt()
    );
    Ok(())
}

fn group_read(ctx: &Ctx) -> Verdict {
    let groups = foreign_groups(ctx, &ctx.master, &ctx.other)?;
    if groups.is_empty() {
        skip!("the test organization has no group whose id the second organization does not use");
    }
    for group in &groups {
        let reply = ctx.other.get(&format!("/technician-groups/{}", group.id))?;
        ensure_hidden(&reply, "the second organization's master administrator", &group.name)?;
    }
    Ok(())
}

fn group_write(ctx: &Ctx) -> Verdict {
    let groups = foreign_groups(ctx, &ctx.master, &ctx.other)?;
    let Some(group) = groups.first() else {
        skip!("the test organization has no group whose id the second organization does not use");
    };
    let (before, etag) = fixture::group(&ctx.master, group.id)?;
    let path = format!("/technician-groups/{}", group.id);
    let body = json!({"force_two_step": !before.force_two_step});
    let reply = ctx.other.send(&ctx.other.request("PATCH", &path).json(&body).if_match(&etag))?;
    let refused =
        ensure_hidden(&reply, "the second organization's master administrator", &group.name);
    let (after, _) = fixture::group(&ctx.master, group.id)?;
    if after.force_two_step != before.force_two_step {
        let put_back = fixture::set_force(&ctx.master, group.id, before.force_two_step);
        if put_back.is_err() {
            ctx.left_changed(format!(
                "technician group {}: \"force_two_step\" (it was {})",
                group.id, before.force_two_step
            ));
        }
        fail!(
            "PATCH {path} {body} with If-Match {etag} as the second organization's master \
             administrator changed the test organization's group: force_two_step {} → {}",
            before.force_two_step,
            after.force_two_step
        );
    }
    ensure!(
        after.revision == before.revision,
        "PATCH {path} as the second organization's master administrator changed the group's \
         revision {} → {}",
        before.revision,
        after.revision
    );
    refused
}

fn lists(ctx: &Ctx) -> Verdict {
    let members = fixture::members(ctx, &ctx.master, "")?;
    let emails: BTreeSet<String> = members.iter().map(|m| m.email.to_lowercase()).collect();
    let theirs = fixture::members(ctx, &ctx.other, "")?;
    if let Some(leak) = theirs.iter().find(|m| emails.contains(&m.email.to_lowercase())) {
        fail!(
            "GET /members as the second organization's master administrator lists {} {} <{}> of \
             the test organization",
            leak.id,
            leak.name,
            leak.email
        );
    }
    let groups = fixture::groups(ctx, &ctx.master)?;
    let own = fixture::groups(ctx, &ctx.other)?;
    let same = |a: &TechnicianGroup, b: &TechnicianGroup| {
        a.id == b.id && a.name == b.name && a.description == b.description
    };
    if let Some(leak) = own.iter().find(|g| groups.iter().any(|o| same(o, g))) {
        fail!(
            "GET /technician-groups as the second organization's master administrator lists \
             group {} {} of the test organization",
            leak.id,
            leak.name
        );
    }
    let reply = ctx.other.get("/members/export")?;
    reply.expect_status(200)?;
    let text = String::from_utf8_lossy(&reply.body).to_lowercase();
    if let Some(leak) = emails.iter().find(|e| text.contains(e.as_str())) {
        fail!(
            "GET /members/export as the second organization's master administrator holds {leak} \
             of the test organization"
        );
    }
    let (events, _) = walk(&ctx.other, "/audit-events?", 200)?;
    let leaked_group = events.iter().find(|e| {
        groups.iter().any(|g| e["group_id"] == g.id && e["group_name"] == g.name.as_str())
            && !own.iter().any(|o| e["group_id"] == o.id)
    });
    if let Some(event) = leaked_group {
        fail!(
            "GET /audit-events as the second organization's master administrator holds an event \
             of the test organization's group: {event}"
        );
    }
    let audit = ctx.other.get_json("/audit-events?per_page=1")?;
    let people = events
        .iter()
        .flat_map(|e| [&e["actor"], &e["member"]])
        .chain(audit["actors"].as_array().into_iter().flatten());
    for person in people {
        if let Some(email) = person["email"].as_str()
            && emails.contains(&email.to_lowercase())
        {
            fail!(
                "GET /audit-events as the second organization's master administrator names \
                 {email} of the test organization: {person}"
            );
        }
    }
    Ok(())
}

fn member_reset(ctx: &Ctx) -> Verdict {
    let theirs: BTreeSet<i64> =
        fixture::members(ctx, &ctx.other, "")?.iter().map(|m| m.id).collect();
    let accounts: BTreeSet<String> = ctx.people().iter().map(|p| p.email.to_lowercase()).collect();
    // An enrolled member shows a reset in their state; one without a setup in the audit log.
    let mut candidates: Vec<Member> = fixture::members(ctx, &ctx.master, "")?
        .into_iter()
        .filter(|m| !theirs.contains(&m.id) && !accounts.contains(&m.email.to_lowercase()))
        .collect();
    candidates.sort_by_key(|m| m.status != EnrollmentStatus::Enrolled);
    let Some(target) = candidates.into_iter().next() else {
        skip!("no member of the test organization has an id the second one does not use");
    };
    let newest = ctx.master.get_json("/audit-events?per_page=1")?;
    let newest = fixture::ids(&newest["items"]).first().copied().unwrap_or(0);
    let body = json!({"member_ids": [target.id]});
    let sent = format!(
        "POST /members/two-step-reset {body} as the second organization's master administrator \
         (member {} {} is of the test organization)",
        target.id, target.name
    );
    let reply =
        ctx.other.send(&ctx.other.request("POST", "/members/two-step-reset").json(&body))?;
    let after = fixture::members(ctx, &ctx.master, "")?.into_iter().find(|m| m.id == target.id);
    let untouched = after
        .as_ref()
        .is_some_and(|m| m.status == target.status && m.enrolled_at == target.enrolled_at);
    if !untouched {
        ctx.left_changed(format!(
            "member {} {} <{}>: the second organization's reset deleted their setup",
            target.id, target.name, target.email
        ));
        fail!("{sent} answered {}, and the member is no longer enrolled: {after:?}", reply.status);
    }
    let events = ctx.master.get_json("/audit-events?kind=two_step_reset&per_page=50")?;
    if let Some(event) = events["items"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["id"].as_i64().unwrap_or(0) > newest && e["member"]["id"] == target.id)
    {
        fail!(
            "{sent} answered {}, and the test organization's log records a reset of them: {event}",
            reply.status
        );
    }
    ensure!(
        reply.status == 422,
        "{sent}: expected 422 {} (\"There is no member N in your organization.\"), got {}: {}",
        problem_types::VALIDATION,
        reply.status,
        reply.excerpt()
    );
    let problem = reply.problem(422, problem_types::VALIDATION)?;
    let text = problem.to_string().to_lowercase();
    ensure!(
        !text.contains(&target.email.to_lowercase()) && !text.contains(&target.name.to_lowercase()),
        "{sent}: the 422 shows the test organization's member: {problem}"
    );
    Ok(())
}

/// `actor`'s policy (body, ETag).
fn policy_of(actor: &Actor) -> Result<(Value, String), Finding> {
    let reply = actor.get("/two-step-verification/policy")?;
    let body = reply.json_with(200)?;
    Ok((body, reply.header("etag").unwrap_or_default().to_string()))
}

/// Flips `administrators` of `actor`'s policy, runs `check`, and puts it back.
fn with_flipped(ctx: &Ctx, actor: &Actor, check: impl FnOnce() -> Verdict) -> Verdict {
    let (before, etag) = policy_of(actor)?;
    let mut flipped = settings_of(&before);
    flipped["administrators"] =
        json!(if before["administrators"] == "all" { "none" } else { "all" });
    ctx.put_policy(actor, &flipped, Some(&etag))?.expect_status(200)?;
    let verdict = check();
    let (_, etag) = policy_of(actor)?;
    let restored = ctx.put_policy(actor, &settings_of(&before), Some(&etag))?.expect_status(200);
    if restored.is_err() {
        ctx.left_changed(format!(
            "the policy of {}'s organization (it was {})",
            actor.email,
            settings_of(&before)
        ));
    }
    verdict.and(restored)
}

fn policy(ctx: &Ctx) -> Verdict {
    for (changer, watcher, whose) in [
        (&ctx.master, &ctx.other, "the test organization's"),
        (&ctx.other, &ctx.master, "the second organization's"),
    ] {
        let (before, etag) = policy_of(watcher)?;
        with_flipped(ctx, changer, || {
            let (after, after_etag) = policy_of(watcher)?;
            ensure!(
                after == before && after_etag == etag,
                "after a change of {whose} policy, the {}'s policy went from {before} (ETag \
                 {etag}) to {after} (ETag {after_etag})",
                watcher.label
            );
            Ok(())
        })?;
    }
    Ok(())
}

fn reverse(ctx: &Ctx) -> Verdict {
    let groups = foreign_groups(ctx, &ctx.other, &ctx.master)?;
    let Some(group) = groups.first() else {
        skip!("the second organization has no group whose id the test organization does not use");
    };
    let who = "the test organization's master administrator";
    let reply = ctx.master.get(&format!("/technician-groups/{}", group.id))?;
    ensure_hidden(&reply, who, &group.name)?;
    let reply = ctx.master.get(&format!("/members?group_id={}", group.id))?;
    ensure_hidden(&reply, who, &group.name)
}
