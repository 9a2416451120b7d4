//! The two-step verification rule: each visible member's `required` and `reasons` agree with
//! the policy and the groups, under the policy in force and under others the checks set for a
//! moment; and each group's counts agree with the member list.

use std::collections::{BTreeMap, BTreeSet};

use twostep_contract::{
    Member, MemberFacts, PolicySettings, RequirementReason, Role, TechnicianGroup, Vocabulary,
    requirement,
};

use super::fixture::{self, holds, subtree};
use super::{ADMIN, Check, MASTER};
use crate::context::Ctx;
use crate::report::{Finding, Verdict};
use crate::{ensure, fail, skip};

const AREA: &str = "The 2SV rule";

/// The checks of this area.
pub const CHECKS: &[Check] = &[
    Check {
        id: "rule.current-policy",
        area: AREA,
        clause: "Roles and the rule: master administrators count as administrators; a forced group covers its own technicians only; every reason that applies, in order",
        title: "every member's `required` and `reasons` follow the rule under the policy in force, in both administrators' views",
        people: &[MASTER, ADMIN],
        run: current_policy,
    },
    Check {
        id: "rule.every-policy",
        area: AREA,
        clause: "PRODUCT §2 effective rule, for administrators none/all and technicians none/all/selected_groups",
        title: "under each of the six settings of administrators and technicians, every member follows the rule and `required=true` counts them",
        people: &[MASTER],
        run: every_policy,
    },
    Check {
        id: "rule.master-administrators",
        area: AREA,
        clause: "MemberFacts.is_administrator: \"Holds an administrator licence (master administrators included)\"",
        title: "master administrators count as administrators: required by `administrators: all`, not by `none` alone",
        people: &[MASTER],
        run: master_administrators,
    },
    Check {
        id: "rule.forced-group",
        area: AREA,
        clause: "PRODUCT §2.7: under selected groups, 2SV applies to the technicians of the groups whose Settings tab has Force ticked (the member's own group)",
        title: "ticking a group's Force makes its technicians required with reason `group`, and its subgroups' technicians as the rule says",
        people: &[MASTER],
        run: forced_group,
    },
    Check {
        id: "rule.group-counts",
        area: AREA,
        clause: "TechnicianGroup.technicians \"Technicians in this group (not counting subgroups)\", technicians_not_enrolled \"Of those, how many have not set up\"",
        title: "each group's `technicians` and `technicians_not_enrolled` agree with the member list, in the list and read alone",
        people: &[MASTER, ADMIN],
        run: group_counts,
    },
];

/// What the rule says of `member` under `policy` with `groups`.
fn expected(
    policy: &PolicySettings,
    groups: &BTreeMap<i64, TechnicianGroup>,
    member: &Member,
) -> Vec<RequirementReason> {
    let facts = MemberFacts {
        is_administrator: holds(member, Role::Administrator)
            || holds(member, Role::MasterAdministrator),
        is_technician: holds(member, Role::Technician),
        group_forces_two_step: member
            .group
            .as_ref()
            .and_then(|g| groups.get(&g.id))
            .is_some_and(|g| g.force_two_step),
    };
    requirement(policy, &facts)
}

fn names(reasons: &[RequirementReason]) -> BTreeSet<&'static str> {
    reasons.iter().map(|r| r.wire_name()).collect()
}

fn wire_names(reasons: &[RequirementReason]) -> Vec<&'static str> {
    reasons.iter().map(|r| r.wire_name()).collect()
}

/// Fails unless every member `actor` lists follows the rule under the policy and groups in
/// force; answers how many are required.
fn ensure_rule(ctx: &Ctx, who: &crate::http::Actor) -> Result<usize, Finding> {
    let policy = fixture::settings(ctx)?;
    let groups: BTreeMap<i64, TechnicianGroup> =
        fixture::groups(ctx, &ctx.master)?.into_iter().map(|g| (g.id, g)).collect();
    let members = fixture::members(ctx, who, "")?;
    for member in &members {
        let reasons = expected(&policy, &groups, member);
        let group = member.group.as_ref().and_then(|g| groups.get(&g.id));
        if member.required == reasons.is_empty() || member.reasons != reasons {
            fail!(
                "GET /members as the {}: {} {} (roles {:?}, group {:?} with force_two_step {:?}) \
                 is listed with required {} and reasons {:?}; under the policy \
                 administrators={}, technicians={} the rule says required {} with reasons {:?} \
                 (in that order)",
                who.label,
                member.id,
                member.name,
                member.roles.iter().map(|r| r.wire_name()).collect::<Vec<_>>(),
                group.map(|g| &g.name),
                group.map(|g| g.force_two_step),
                member.required,
                wire_names(&member.reasons),
                policy.administrators.wire_name(),
                policy.technicians.wire_name(),
                !reasons.is_empty(),
                wire_names(&reasons)
            );
        }
    }
    Ok(members.iter().filter(|m| m.required).count())
}

fn current_policy(ctx: &Ctx) -> Verdict {
    ensure_rule(ctx, &ctx.master)?;
    ensure_rule(ctx, &ctx.admin)?;
    Ok(())
}

fn every_policy(ctx: &Ctx) -> Verdict {
    for administrators in ["none", "all"] {
        for technicians in ["none", "all", "selected_groups"] {
            fixture::with_policy(ctx, administrators, technicians, || {
                let required = ensure_rule(ctx, &ctx.master)?;
                let filtered = ctx.master.get_json("/members?required=true&per_page=1")?;
                ensure!(
                    filtered["total"] == required,
                    "under administrators={administrators}, technicians={technicians}: \
                     GET /members?required=true has `total` {}, but {required} members are listed as required",
                    filtered["total"]
                );
                Ok(())
            })?;
        }
    }
    Ok(())
}

fn master_administrators(ctx: &Ctx) -> Verdict {
    let masters = fixture::members(ctx, &ctx.master, "role=master_administrator")?;
    if masters.is_empty() {
        fail!(
            "GET /members?role=master_administrator lists nobody, not even the signed-in master administrator"
        );
    }
    fixture::with_policy(ctx, "all", "none", || {
        for member in fixture::members(ctx, &ctx.master, "role=master_administrator")? {
            ensure!(
                member.required && names(&member.reasons).contains("administrator_policy"),
                "under administrators=all: master administrator {} {} is listed with required {} \
                 and reasons {:?}; a master administrator counts as an administrator",
                member.id,
                member.name,
                member.required,
                names(&member.reasons)
            );
        }
        Ok(())
    })?;
    fixture::with_policy(ctx, "none", "none", || {
        for member in fixture::members(ctx, &ctx.master, "role=master_administrator")? {
            ensure!(
                !member.required && member.reasons.is_empty(),
                "under administrators=none, technicians=none: master administrator {} {} is \
                 listed with required {} and reasons {:?}",
                member.id,
                member.name,
                member.required,
                names(&member.reasons)
            );
        }
        Ok(())
    })
}

fn forced_group(ctx: &Ctx) -> Verdict {
    let groups = fixture::groups(ctx, &ctx.master)?;
    let members = fixture::members(ctx, &ctx.master, "role=technician")?;
    let technicians_in =
        |id: i64| members.iter().filter(|m| m.group.as_ref().is_some_and(|g| g.id == id)).count();
    // Best: a group with technicians and a subgroup with technicians, so that whether Force
    // covers subgroups shows.
    let with_subgroup = groups.iter().find(|g| {
        technicians_in(g.id) > 0
            && subtree(&groups, g.id).iter().any(|sub| *sub != g.id && technicians_in(*sub) > 0)
    });
    let Some(group) = with_subgroup.or_else(|| groups.iter().find(|g| technicians_in(g.id) > 0))
    else {
        skip!("no technician group of the test organization has technicians");
    };
    fixture::with_policy(ctx, "none", "selected_groups", || {
        for force in [!group.force_two_step, group.force_two_step] {
            fixture::with_force(ctx, &ctx.master, group.id, force, || {
                ensure_rule(ctx, &ctx.master)?;
                let listed = fixture::members(ctx, &ctx.master, &format!("group_id={}", group.id))?;
                for member in listed.iter().filter(|m| {
                    holds(m, Role::Technician) && m.group.as_ref().is_some_and(|g| g.id == group.id)
                }) {
                    ensure!(
                        member.required == force,
                        "under technicians=selected_groups, with group {} ({}) force_two_step={force}: \
                         its technician {} {} is listed with required {}",
                        group.id,
                        group.name,
                        member.id,
                        member.name,
                        member.required
                    );
                }
                Ok(())
            })?;
        }
        Ok(())
    })
}

fn group_counts(ctx: &Ctx) -> Verdict {
    let members = fixture::members(ctx, &ctx.master, "")?;
    let master_groups = fixture::groups(ctx, &ctx.master)?;
    for (who, groups) in
        [(&ctx.master, master_groups.clone()), (&ctx.admin, fixture::groups(ctx, &ctx.admin)?)]
    {
        for group in groups {
            let technicians: Vec<&Member> = members
                .iter()
                .filter(|m| {
                    holds(m, Role::Technician) && m.group.as_ref().is_some_and(|g| g.id == group.id)
                })
                .collect();
            let not_enrolled = technicians
                .iter()
                .filter(|m| m.status == twostep_contract::EnrollmentStatus::NotEnrolled)
                .count() as u64;
            ensure!(
                group.technicians == technicians.len() as u64
                    && group.technicians_not_enrolled == not_enrolled,
                "GET /technician-groups as the {}: group {} ({}) says {} technicians, {} not \
                 enrolled; the member list has {} technicians in it, {not_enrolled} not enrolled",
                who.label,
                group.id,
                group.name,
                group.technicians,
                group.technicians_not_enrolled,
                technicians.len()
            );
            let (alone, _) = fixture::group(who, group.id)?;
            ensure!(
                alone.technicians == group.technicians
                    && alone.technicians_not_enrolled == group.technicians_not_enrolled,
                "GET /technician-groups/{} as the {} says {} technicians, {} not enrolled; the \
                 list says {} and {}",
                group.id,
                who.label,
                alone.technicians,
                alone.technicians_not_enrolled,
                group.technicians,
                group.technicians_not_enrolled
            );
        }
    }
    Ok(())
}
