//! `POST /members/two-step-reset`: all or nothing, with its 403 for ids an administrator may
//! not reset, its 422 for ids and bodies that are wrong, and (with `--allow-reset`) a reset
//! that succeeds.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use twostep_contract::{EnrollmentStatus, Member, Role, problem_types};

use super::fixture::{self, holds};
use super::{ADMIN, Check, MASTER, OTHER, TECHNICIAN};
use crate::context::Ctx;
use crate::http::{Actor, Reply};
use crate::report::{Finding, Verdict};
use crate::{ensure, fail, skip};

const AREA: &str = "Members reset";

/// The checks of this area.
pub const CHECKS: &[Check] = &[
    Check {
        id: "members-reset.all-or-nothing-forbidden",
        area: AREA,
        clause: "POST /members/two-step-reset: an administrator resets technicians of their groups only; \"Nothing is changed unless every check passes\" (403)",
        title: "the group administrator naming a member of their groups and one outside them gets 403 and nobody is reset",
        people: &[MASTER, ADMIN],
        run: all_or_nothing_forbidden,
    },
    Check {
        id: "members-reset.forbidden-says-nothing",
        area: AREA,
        clause: "POST /members/two-step-reset 403: unknown ids, other organizations' members, other groups' members and administrators each listed as `member_ids[i]` with the same message, never a name or email",
        title: "the group administrator's 403 names each refused id by position, the same way whatever the reason, without names or emails",
        people: &[MASTER, ADMIN, OTHER],
        run: forbidden_says_nothing,
    },
    Check {
        id: "members-reset.unknown-id",
        area: AREA,
        clause: "POST /members/two-step-reset 422 (master administrators): \"There is no member N in your organization.\", every one listed in `errors`; nothing was changed",
        title: "the master administrator naming an enrolled member and an id that names nobody gets 422 pointing at that id, and nobody is reset",
        people: &[MASTER],
        run: unknown_id,
    },
    Check {
        id: "members-reset.invalid-bodies",
        area: AREA,
        clause: "MembersResetRequest: 1 to 1,000 distinct ids, each a whole number from 1; a wrong id named `member_ids[i]`, a wrong count `member_ids`; unknown fields 422",
        title: "no ids, 1,001 ids, ids that are not whole numbers from 1, a repeated id, an unknown field or none at all are refused with 422, and nobody is reset",
        people: &[MASTER],
        run: invalid_bodies,
    },
    Check {
        id: "members-reset.technician-forbidden",
        area: AREA,
        clause: "POST /members/two-step-reset 403: \"the caller is a technician\"",
        title: "a technician's reset is refused with 403 and nobody is reset",
        people: &[MASTER, TECHNICIAN],
        run: technician_forbidden,
    },
    Check {
        id: "members-reset.succeeds",
        area: AREA,
        clause: "POST /members/two-step-reset 200 {reset}: \"Every member named must set up two-step verification again\"; \"Members without a setup count as reset too\"; one audit event per member",
        title: "(--allow-reset) the master administrator resets an enrolled member and one without a setup: 200 {reset: 2}, neither enrolled after, one two_step_reset event each",
        people: &[MASTER],
        run: succeeds,
    },
    Check {
        id: "members-reset.group-admin-succeeds",
        area: AREA,
        clause: "POST /members/two-step-reset: an administrator may reset \"a technician of their groups and subgroups who holds no administrator licence\"",
        title: "(--allow-reset) the group administrator resets a technician of their groups (enrolled when one is): 200 {reset: 1}, not enrolled after, and the event",
        people: &[MASTER, ADMIN],
        run: group_admin_succeeds,
    },
];

/// The emails of the four test accounts, which no reset may touch.
fn test_accounts(ctx: &Ctx) -> BTreeSet<String> {
    ctx.people().iter().map(|p| p.email.to_lowercase()).collect()
}

/// The first of `candidates` that is no test account: an enrolled one when there is one (a
/// refused reset must leave their setup), else one without a setup (a refused reset must then
/// record no reset of them).
fn pick(ctx: &Ctx, candidates: Vec<Member>, none: &str) -> Result<Member, Finding> {
    let accounts = test_accounts(ctx);
    let mut spare: Vec<Member> =
        candidates.into_iter().filter(|m| !accounts.contains(&m.email.to_lowercase())).collect();
    spare.sort_by_key(|m| m.status != EnrollmentStatus::Enrolled);
    spare.into_iter().next().ok_or_else(|| Finding::Skipped(none.to_string()))
}

/// A technician of the group administrator's groups without an administrator licence, and no
/// test account.
fn in_group_target(ctx: &Ctx) -> Result<Member, Finding> {
    let candidates = fixture::members(ctx, &ctx.admin, "role=technician")?
        .into_iter()
        .filter(|m| !holds(m, Role::Administrator) && !holds(m, Role::MasterAdministrator))
        .collect();
    pick(
        ctx,
        candidates,
        "the group administrator's groups have no technician other than the test accounts",
    )
}

/// A member of the organization who is no test account.
fn spare_target(ctx: &Ctx) -> Result<Member, Finding> {
    let candidates = fixture::members(ctx, &ctx.master, "")?;
    pick(ctx, candidates, "the organization has no member other than the test accounts")
}

/// A member a refused reset must leave as they were, and the newest audit event before it.
struct Watched {
    member: Member,
    newest_event: i64,
}

impl std::ops::Deref for Watched {
    type Target = Member;

    fn deref(&self) -> &Member {
        &self.member
    }
}

fn watch(ctx: &Ctx, member: Member) -> Result<Watched, Finding> {
    let newest = ctx.master.get_json("/audit-events?per_page=1")?;
    Ok(Watched {
        member,
        newest_event: fixture::ids(&newest["items"]).first().copied().unwrap_or(0),
    })
}

/// A member of the organization outside the group administrator's groups, preferring a
/// technician of another group.
fn outside_member(ctx: &Ctx) -> Result<Member, Finding> {
    let seen: BTreeSet<i64> = fixture::groups(ctx, &ctx.admin)?.iter().map(|g| g.id).collect();
    let everyone = fixture::members(ctx, &ctx.master, "")?;
    let outside = |m: &&Member| !m.group.as_ref().is_some_and(|g| seen.contains(&g.id));
    let technician = everyone.iter().filter(outside).find(|m| {
        holds(m, Role::Technician) && m.group.is_some() && !holds(m, Role::Administrator)
    });
    match technician.or_else(|| everyone.iter().find(outside)) {
        Some(member) => Ok(member.clone()),
        None => {
            Err(Finding::Skipped("every member works in the group administrator's groups".into()))
        }
    }
}

/// The member `id` as the master administrator lists them.
fn member(ctx: &Ctx, id: i64) -> Result<Member, Finding> {
    fixture::members(ctx, &ctx.master, "")?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or_else(|| Finding::Failed(format!("member {id} is no longer listed by GET /members")))
}

/// Fails unless the watched member has the same setup (or none) as before a refused reset, and
/// no reset of them was recorded since.
fn ensure_untouched(ctx: &Ctx, watched: &Watched, sent: &str) -> Verdict {
    let before = &watched.member;
    let after = member(ctx, before.id)?;
    let untouched = after.status == before.status
        && after.enrolled_at == before.enrolled_at
        && after.method == before.method;
    if !untouched {
        ctx.left_changed(format!(
            "member {} {}: their two-step verification setup was reset by a reset the backend \
             should have refused ({sent})",
            before.id, before.name
        ));
    }
    ensure!(
        untouched,
        "after {sent}, member {} {} went from {:?} (set up {:?}) to {:?} (set up {:?}): a reset \
         that is refused must change nothing",
        before.id,
        before.name,
        before.status,
        before.enrolled_at,
        after.status,
        after.enrolled_at
    );
    let events = ctx.master.get_json("/audit-events?kind=two_step_reset&per_page=50")?;
    let recorded = events["items"].as_array().into_iter().flatten().find(|e| {
        e["id"].as_i64().unwrap_or(0) > watched.newest_event && e["member"]["id"] == before.id
    });
    if let Some(event) = recorded {
        fail!(
            "after {sent}, a reset of member {} {} was recorded: a reset that is refused must \
             change nothing: {event}",
            before.id,
            before.name
        );
    }
    Ok(())
}

/// `POST /members/two-step-reset` with `body` as `actor`.
fn post(actor: &Actor, body: &Value) -> Result<Reply, Finding> {
    actor.send(&actor.request("POST", "/members/two-step-reset").json(body))
}

/// The `errors` of a problem, as (field, message).
fn errors(problem: &Value) -> Vec<(String, String)> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    let text = |k: &str| e[k].as_str().unwrap_or_default().to_string();
                    (text("field"), text("message"))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Fails unless `reply` is a problem of `status` and `kind` whose `errors` name exactly the
/// fields `expected`.
fn ensure_named(reply: &Reply, sent: &str, status: u16, kind: &str, expected: &[&str]) -> Verdict {
    if reply.status != status {
        fail!("{sent}: expected {status} {kind}, got {}: {}", reply.status, reply.excerpt());
    }
    let problem = reply.problem(status, kind)?;
    let named: BTreeSet<String> = errors(&problem).into_iter().map(|(f, _)| f).collect();
    let wanted: BTreeSet<String> = expected.iter().map(|f| f.to_string()).collect();
    ensure!(
        named == wanted,
        "{sent}: the {status}'s `errors` name {named:?}, expected exactly {wanted:?}: {problem}"
    );
    Ok(())
}

fn all_or_nothing_forbidden(ctx: &Ctx) -> Verdict {
    let inside = watch(ctx, in_group_target(ctx)?)?;
    let outside = outside_member(ctx)?;
    for (ids, refused) in
        [([inside.id, outside.id], "member_ids[1]"), ([outside.id, inside.id], "member_ids[0]")]
    {
        let body = json!({ "member_ids": ids });
        let sent = format!(
            "POST /members/two-step-reset {body} as the group administrator (member {} {} is in \
             their groups, member {} {} is not)",
            inside.id, inside.name, outside.id, outside.name
        );
        let reply = post(&ctx.admin, &body)?;
        let sent = format!("{sent}, answered {}", reply.status);
        ensure_untouched(ctx, &inside, &sent)?;
        ensure_named(&reply, &sent, 403, problem_types::FORBIDDEN, &[refused])?;
    }
    Ok(())
}

fn forbidden_says_nothing(ctx: &Ctx) -> Verdict {
    let inside = watch(ctx, in_group_target(ctx)?)?;
    let outside = outside_member(ctx)?;
    let everyone = fixture::members(ctx, &ctx.master, "")?;
    let unknown = everyone.iter().map(|m| m.id).max().unwrap_or(0) + 1_000_000;
    let others = fixture::members(ctx, &ctx.other, "")?;
    let Some(stranger) = others.iter().find(|m| everyone.iter().all(|e| e.id != m.id)) else {
        skip!("the second organization lists no member");
    };
    let administrator = everyone
        .iter()
        .find(|m| holds(m, Role::Administrator) || holds(m, Role::MasterAdministrator));
    let mut ids = vec![inside.id, unknown, stranger.id, outside.id];
    if let Some(administrator) = administrator {
        ids.push(administrator.id);
    }
    let body = json!({ "member_ids": ids });
    let sent = format!("POST /members/two-step-reset {body} as the group administrator");
    let reply = post(&ctx.admin, &body)?;
    let expected: Vec<String> = (1..ids.len()).map(|i| format!("member_ids[{i}]")).collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    ensure_named(&reply, &sent, 403, problem_types::FORBIDDEN, &expected)?;
    let problem = reply.json()?;
    let named = errors(&problem);
    // The same message whatever the reason: each with its own id taken out.
    let shapes: BTreeSet<String> = named
        .iter()
        .map(|(field, message)| {
            let index: usize = field
                .trim_start_matches("member_ids[")
                .trim_end_matches(']')
                .parse()
                .unwrap_or_default();
            message.replace(&ids.get(index).copied().unwrap_or_default().to_string(), "N")
        })
        .collect();
    ensure!(
        shapes.len() == 1,
        "{sent}: the refusals differ by reason (an unknown id, another organization's member, \
         another group's member, an administrator), which tells who exists: {named:?}"
    );
    let people = [&outside, stranger].into_iter().chain(administrator);
    let text = String::from_utf8_lossy(&reply.body).to_lowercase();
    for person in people {
        ensure!(
            !text.contains(&person.email.to_lowercase())
                && !text.contains(&person.name.to_lowercase()),
            "{sent}: the 403 names {} <{}>; it must name ids only: {}",
            person.name,
            person.email,
            reply.excerpt()
        );
    }
    ensure_untouched(ctx, &inside, &sent)
}

fn unknown_id(ctx: &Ctx) -> Verdict {
    let target = watch(ctx, spare_target(ctx)?)?;
    let everyone = fixture::members(ctx, &ctx.master, "")?;
    let unknown = everyone.iter().map(|m| m.id).max().unwrap_or(0) + 1_000_000;
    let body = json!({ "member_ids": [target.id, unknown] });
    let sent = format!("POST /members/two-step-reset {body} as the master administrator");
    let reply = post(&ctx.master, &body)?;
    ensure_named(&reply, &sent, 422, problem_types::VALIDATION, &["member_ids[1]"])?;
    ensure_untouched(ctx, &target, &sent)
}

fn invalid_bodies(ctx: &Ctx) -> Verdict {
    let target = watch(ctx, spare_target(ctx)?)?;
    let id = target.id;
    let many: Vec<i64> = (1..=1_001).collect();
    let cases: Vec<(Value, &[&str])> = vec![
        (json!({ "member_ids": [] }), &["member_ids"]),
        (json!({ "member_ids": many }), &["member_ids"]),
        (json!({ "member_ids": [id, "a"] }), &["member_ids[1]"]),
        (json!({ "member_ids": [id, 1.5] }), &["member_ids[1]"]),
        (json!({ "member_ids": [id, 0] }), &["member_ids[1]"]),
        (json!({ "member_ids": [id, -1] }), &["member_ids[1]"]),
        (json!({ "member_ids": [id, null] }), &["member_ids[1]"]),
        (json!({ "member_ids": [id, id] }), &["member_ids[1]"]),
        (json!({ "member_ids": id }), &["member_ids"]),
        (json!({ "member_ids": [id], "reason": "x" }), &["reason"]),
        (json!({}), &["member_ids"]),
    ];
    for (body, fields) in cases {
        let sent =
            format!("POST /members/two-step-reset {} as the master administrator", short(&body));
        let reply = post(&ctx.master, &body)?;
        ensure_named(&reply, &sent, 422, problem_types::VALIDATION, fields)?;
    }
    ensure_untouched(ctx, &target, "each of these invalid bodies")
}

/// A body as a finding shows it: a long list cut short.
fn short(body: &Value) -> String {
    let text = body.to_string();
    if text.len() > 80 { format!("{}…] (1,001 ids)", &text[..40]) } else { text }
}

fn technician_forbidden(ctx: &Ctx) -> Verdict {
    let target = watch(ctx, spare_target(ctx)?)?;
    let body = json!({ "member_ids": [target.id] });
    let sent = format!("POST /members/two-step-reset {body} as the technician");
    let reply = post(&ctx.technician, &body)?;
    if reply.status != 403 {
        fail!(
            "{sent}: expected 403 {}, got {}: {}",
            problem_types::FORBIDDEN,
            reply.status,
            reply.excerpt()
        );
    }
    reply.problem(403, problem_types::FORBIDDEN)?;
    ensure_untouched(ctx, &target, &sent)
}

/// Resets `targets` as `actor` and checks the answer, each member afterwards and their audit
/// events.
fn reset(ctx: &Ctx, actor: &Actor, targets: &[Member]) -> Verdict {
    let newest = ctx.master.get_json("/audit-events?per_page=1")?;
    let newest = fixture::ids(&newest["items"]).first().copied().unwrap_or(0);
    let ids: Vec<i64> = targets.iter().map(|m| m.id).collect();
    let body = json!({ "member_ids": ids });
    let sent = format!("POST /members/two-step-reset {body} as the {}", actor.label);
    let reply = post(actor, &body)?;
    for target in targets.iter().filter(|m| m.status == EnrollmentStatus::Enrolled) {
        ctx.left_changed(format!(
            "member {} {} <{}>: their two-step verification setup was reset",
            target.id, target.name, target.email
        ));
    }
    let answer = reply.json_with(200)?;
    ensure!(
        answer["reset"] == targets.len(),
        "{sent}: expected {{\"reset\": {}}} (every id named, members without a setup too), got \
         {answer}",
        targets.len()
    );
    let events = ctx.master.get_json("/audit-events?kind=two_step_reset&per_page=50")?;
    for target in targets {
        let after = member(ctx, target.id)?;
        ensure!(
            after.status == EnrollmentStatus::NotEnrolled
                && after.method.is_none()
                && after.enrolled_at.is_none(),
            "after {sent} answered 200, member {} {} is listed as {:?} with method {:?} and set \
             up on {:?}; expected not_enrolled without method nor date",
            after.id,
            after.name,
            after.status,
            after.method,
            after.enrolled_at
        );
        let found = events["items"].as_array().into_iter().flatten().find(|e| {
            e["id"].as_i64().unwrap_or(0) > newest
                && e["member"]["id"] == target.id
                && e["actor"]["id"] == actor.id()
        });
        let Some(event) = found else {
            fail!(
                "after {sent}: GET /audit-events?kind=two_step_reset has no newer event for \
                 member {} by the {} (member {}); one event per member: {}",
                target.id,
                actor.label,
                actor.id(),
                events["items"]
            );
        };
        let method_before = target.method.map(|m| json!(m)).unwrap_or(Value::Null);
        ensure!(
            event["method_before"] == method_before,
            "the two_step_reset event of member {} says `method_before` {}, but they had {}",
            target.id,
            event["method_before"],
            if method_before.is_null() { "none".to_string() } else { method_before.to_string() }
        );
    }
    Ok(())
}

fn succeeds(ctx: &Ctx) -> Verdict {
    if !ctx.options.allow_reset {
        skip!("a successful reset cannot be undone: pass --allow-reset to run it");
    }
    // An enrolled member when there is one, and a member without a setup, who counts as reset
    // too.
    let mut targets = vec![spare_target(ctx)?];
    let accounts = test_accounts(ctx);
    let idle = fixture::members(ctx, &ctx.master, "status=not_enrolled")?
        .into_iter()
        .find(|m| !accounts.contains(&m.email.to_lowercase()) && m.id != targets[0].id);
    targets.extend(idle);
    reset(ctx, &ctx.master, &targets)
}

fn group_admin_succeeds(ctx: &Ctx) -> Verdict {
    if !ctx.options.allow_reset {
        skip!("a successful reset cannot be undone: pass --allow-reset to run it");
    }
    let target = in_group_target(ctx)?;
    reset(ctx, &ctx.admin, &[target])
}
