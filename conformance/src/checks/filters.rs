//! Filters of the member list: every item of every filter satisfies it, none that satisfies it
//! is missing, the group administrator sees their groups' members only, wrong values are
//! refused, and the CSV export holds the rows the list holds.

use std::collections::BTreeSet;

use twostep_contract::{
    EnrollmentStatus, MAX_SEARCH_CHARS, Member, Role, TechnicianGroup, Vocabulary,
    encode_component, labels,
};

use super::fixture::{self, Csv, expect_invalid, guarded, holds, subtree};
use super::paging::walk;
use super::{ADMIN, Check, MASTER};
use crate::context::Ctx;
use crate::http::Actor;
use crate::report::{Finding, Verdict};
use crate::{ensure, fail};

const AREA: &str = "Filters";

/// The checks of this area.
pub const CHECKS: &[Check] = &[
    Check {
        id: "filters.items-match",
        area: AREA,
        clause: "GET /members `q` (ASCII letters in any case, accents only as written), `group_id` (with subgroups at any depth), `role`, `required`, `status`",
        title: "every member listed under every filter and combination of filters satisfies it",
        people: &[MASTER, ADMIN],
        run: items_match,
    },
    Check {
        id: "filters.nothing-missing",
        area: AREA,
        clause: "GET /members: MemberPage.total \"How many members match the filters, over all pages\"",
        title: "every member of the whole list that satisfies a filter is listed under it, and `total` counts them",
        people: &[MASTER, ADMIN],
        run: nothing_missing,
    },
    Check {
        id: "filters.group-includes-subgroups",
        area: AREA,
        clause: "GET /members `group_id`: \"Members of this technician group and of its subgroups\"",
        title: "a group's filter lists the members of its subgroups too",
        people: &[MASTER],
        run: group_includes_subgroups,
    },
    Check {
        id: "filters.q-any-case",
        area: AREA,
        clause: "GET /members `q`: trimmed, white space only no filter; ASCII letters in any case; `%` and `_` plain characters; `+` is a space",
        title: "a search in any case, padded, or with `+` for a space finds the same members; blank finds all; `%` and `_` are plain",
        people: &[MASTER],
        run: q_any_case,
    },
    Check {
        id: "filters.invalid-values",
        area: AREA,
        clause: "GET /members: invalid parameters 422 /problems/validation, every one listed in `errors`; `group_id` from 1",
        title: "an unknown role, status or sort, a required that is not a boolean, a group_id under 1 and a too long q are refused with 422 naming each",
        people: &[MASTER],
        run: invalid_values,
    },
    Check {
        id: "filters.unknown-group",
        area: AREA,
        clause: "GET /members 404: \"`group_id` names no group the caller may see\"",
        title: "a group_id that names no group, or a group the group administrator may not see, answers 404",
        people: &[MASTER, ADMIN],
        run: unknown_group,
    },
    Check {
        id: "filters.group-admin-scope",
        area: AREA,
        clause: "PRODUCT §1: an administrator manages the technician groups assigned to them and their subgroups; GET /members lists \"the members the caller may see\"",
        title: "the group administrator's list is exactly the members of the groups they see",
        people: &[MASTER, ADMIN],
        run: group_admin_scope,
    },
    Check {
        id: "filters.export-format",
        area: AREA,
        clause: "CSV exports: text/csv, a byte order mark, RFC 4180 with every field quoted and CRLF line ends; `page`/`per_page` ignored (still checked); the documented columns",
        title: "the CSV export is members.csv with the byte order mark, the documented header, every field quoted, CRLF, and every member whatever the page",
        people: &[MASTER],
        run: export_format,
    },
    Check {
        id: "filters.export-matches-list",
        area: AREA,
        clause: "GET /members/export: \"Every member the caller may see that matches the filters, in the order asked for\"",
        title: "for a filter and a sort, the export holds the list's members in the list's order, with their values",
        people: &[MASTER, ADMIN],
        run: export_matches_list,
    },
];

/// One filter of `GET /members`.
#[derive(Clone, Debug)]
enum Filter {
    Role(Role),
    Required(bool),
    Status(EnrollmentStatus),
    /// A group and the ids of it and its subgroups.
    Group(i64, BTreeSet<i64>),
    Q(String),
}

impl Filter {
    fn pair(&self) -> String {
        match self {
            Filter::Role(role) => format!("role={}", role.wire_name()),
            Filter::Required(required) => format!("required={required}"),
            Filter::Status(status) => format!("status={}", status.wire_name()),
            Filter::Group(id, _) => format!("group_id={id}"),
            Filter::Q(text) => format!("q={}", encode_component(text)),
        }
    }

    /// Whether `member` satisfies the filter. A search matches ASCII letters in any case and
    /// other letters (accents included) only as written.
    fn matches(&self, member: &Member) -> bool {
        match self {
            Filter::Role(role) => holds(member, *role),
            Filter::Required(required) => member.required == *required,
            Filter::Status(status) => member.status == *status,
            Filter::Group(_, ids) => member.group.as_ref().is_some_and(|g| ids.contains(&g.id)),
            Filter::Q(text) => {
                let fold = |s: &str| s.to_ascii_lowercase();
                let text = fold(text.trim());
                fold(&member.name).contains(&text) || fold(&member.email).contains(&text)
            }
        }
    }
}

/// A query: filters together.
fn query(filters: &[Filter]) -> String {
    filters.iter().map(Filter::pair).collect::<Vec<_>>().join("&")
}

/// Every filter value alone, and combinations of them, for the groups `groups` and the members
/// `members` (whose names give the searches).
fn filter_sets(groups: &[TechnicianGroup], members: &[Member]) -> Vec<Vec<Filter>> {
    let mut sets: Vec<Vec<Filter>> = Vec::new();
    for &role in Role::ALL {
        sets.push(vec![Filter::Role(role)]);
    }
    for required in [true, false] {
        sets.push(vec![Filter::Required(required)]);
    }
    for &status in EnrollmentStatus::ALL {
        sets.push(vec![Filter::Status(status)]);
    }
    for group in groups {
        sets.push(vec![Filter::Group(group.id, subtree(groups, group.id))]);
    }
    let mut searches: Vec<String> =
        ["a", "A", "%", "_", "@", ".example", "zzz-nobody"].map(String::from).to_vec();
    if let Some(member) = members.iter().find(|m| m.name.contains(' ')) {
        let surname = member.name.rsplit(' ').next().unwrap_or_default();
        searches.push(surname.to_uppercase());
        searches.push(member.email.split('@').next().unwrap_or_default().to_string());
    }
    if let Some(accented) = members.iter().find(|m| !m.name.is_ascii()) {
        // As written it matches; with its accented letters in another case it does not.
        searches.push(accented.name.to_ascii_lowercase());
        searches.push(accented.name.to_uppercase());
    }
    sets.extend(searches.into_iter().map(|q| vec![Filter::Q(q)]));
    let first_group = groups.first().map(|g| Filter::Group(g.id, subtree(groups, g.id)));
    sets.push(vec![Filter::Role(Role::Technician), Filter::Status(EnrollmentStatus::NotEnrolled)]);
    sets.push(vec![Filter::Required(true), Filter::Status(EnrollmentStatus::NotEnrolled)]);
    sets.push(vec![Filter::Required(false), Filter::Role(Role::Administrator)]);
    sets.push(vec![Filter::Role(Role::MasterAdministrator), Filter::Role(Role::Technician)]);
    if let Some(group) = first_group {
        sets.push(vec![
            group.clone(),
            Filter::Status(EnrollmentStatus::Enrolled),
            Filter::Q("a".into()),
        ]);
        sets.push(vec![group, Filter::Required(false), Filter::Role(Role::Technician)]);
    }
    // A role given twice is a repeated parameter; keep one per name.
    sets.retain(|set| {
        let names: BTreeSet<String> = set
            .iter()
            .map(|f| f.pair().split('=').next().unwrap_or_default().to_string())
            .collect();
        names.len() == set.len()
    });
    sets
}

fn describe(member: &Member) -> String {
    format!(
        "member {} {} <{}> (roles {:?}, group {:?}, required {}, {:?})",
        member.id,
        member.name,
        member.email,
        member.roles.iter().map(|r| r.wire_name()).collect::<Vec<_>>(),
        member.group.as_ref().map(|g| (g.id, &g.name)),
        member.required,
        member.status.wire_name()
    )
}

/// The people in whose views the filters are checked: the master administrator sees every
/// member, the group administrator those of their groups.
fn viewers(ctx: &Ctx) -> Vec<&Actor> {
    vec![&ctx.master, &ctx.admin]
}

fn items_match(ctx: &Ctx) -> Verdict {
    for actor in viewers(ctx) {
        let groups = fixture::groups(ctx, actor)?;
        let everyone = fixture::members(ctx, actor, "")?;
        for set in filter_sets(&groups, &everyone) {
            let query = query(&set);
            for member in fixture::members(ctx, actor, &query)? {
                if let Some(filter) = set.iter().find(|f| !f.matches(&member)) {
                    fail!(
                        "GET /members?{query} as the {}: {} does not satisfy `{}`",
                        actor.label,
                        describe(&member),
                        filter.pair()
                    );
                }
            }
        }
    }
    Ok(())
}

fn nothing_missing(ctx: &Ctx) -> Verdict {
    for actor in viewers(ctx) {
        let groups = fixture::groups(ctx, actor)?;
        let everyone = fixture::members(ctx, actor, "")?;
        for set in filter_sets(&groups, &everyone) {
            let query = query(&set);
            let (items, total) = walk(actor, &format!("/members?{query}&"), 200)?;
            let listed: BTreeSet<i64> = fixture::ids(&items.into()).into_iter().collect();
            if let Some(missing) = everyone
                .iter()
                .find(|m| set.iter().all(|f| f.matches(m)) && !listed.contains(&m.id))
            {
                fail!(
                    "GET /members?{query} as the {}: {} satisfies it and is in the whole list, but is not listed",
                    actor.label,
                    describe(missing)
                );
            }
            ensure!(
                total == listed.len() as u64,
                "GET /members?{query} as the {}: `total` {total}, but the pages hold {} members",
                actor.label,
                listed.len()
            );
        }
    }
    Ok(())
}

fn group_includes_subgroups(ctx: &Ctx) -> Verdict {
    let groups = fixture::groups(ctx, &ctx.master)?;
    let everyone = fixture::members(ctx, &ctx.master, "")?;
    let mut tried = false;
    for parent in &groups {
        let below = subtree(&groups, parent.id);
        let Some(member) = everyone
            .iter()
            .find(|m| m.group.as_ref().is_some_and(|g| g.id != parent.id && below.contains(&g.id)))
        else {
            continue;
        };
        tried = true;
        let listed = fixture::members(ctx, &ctx.master, &format!("group_id={}", parent.id))?;
        ensure!(
            listed.iter().any(|m| m.id == member.id),
            "GET /members?group_id={} ({}): {} works in its subgroup and is not listed",
            parent.id,
            parent.name,
            describe(member)
        );
    }
    if !tried {
        crate::skip!("the test organization has no subgroup with members");
    }
    Ok(())
}

fn q_any_case(ctx: &Ctx) -> Verdict {
    let everyone = fixture::members(ctx, &ctx.master, "")?;
    let Some(member) = everyone.iter().find(|m| m.name.is_ascii() && m.name.contains(' ')) else {
        crate::skip!("no member has an ASCII name of two words");
    };
    let surname = member.name.rsplit(' ').next().unwrap_or_default();
    let lower = surname.to_ascii_lowercase();
    let mixed: String = lower
        .chars()
        .enumerate()
        .map(|(i, c)| if i % 2 == 0 { c.to_ascii_uppercase() } else { c })
        .collect();
    let find = |q: &str| -> Result<BTreeSet<i64>, Finding> {
        let found = fixture::members(ctx, &ctx.master, &format!("q={}", encode_component(q)))?;
        Ok(found.iter().map(|m| m.id).collect())
    };
    let expected = find(&lower)?;
    ensure!(
        expected.contains(&member.id),
        "GET /members?q={lower}: {} is not found by their own surname",
        describe(member)
    );
    for q in [surname.to_ascii_uppercase(), mixed] {
        let got = find(&q)?;
        ensure!(
            got == expected,
            "GET /members?q={q} finds members {got:?}, but q={lower} finds {expected:?}"
        );
    }
    let padded = format!("  {lower} ");
    ensure!(
        find(&padded)? == expected,
        "GET /members?q={}: the text is trimmed, so it must find what q={lower} finds",
        encode_component(&padded)
    );
    let everyone: BTreeSet<i64> = everyone.iter().map(|m| m.id).collect();
    ensure!(
        find("   ")? == everyone,
        "GET /members?q=%20%20%20: white space only is no filter, so it must list every member"
    );
    // In a query string `+` is a space.
    let (first, _) = member.name.split_once(' ').unwrap_or_default();
    let plus = fixture::members(ctx, &ctx.master, &format!("q={first}+{surname}"))?;
    let spaced: BTreeSet<i64> = find(&format!("{first} {surname}"))?;
    let plus: BTreeSet<i64> = plus.iter().map(|m| m.id).collect();
    ensure!(
        plus == spaced && plus.contains(&member.id),
        "GET /members?q={first}+{surname} finds {plus:?}, but `+` is a space: q={} finds {spaced:?}",
        encode_component(&format!("{first} {surname}"))
    );
    for wildcard in ["%", "_", "%a%"] {
        let got = fixture::members(ctx, &ctx.master, &format!("q={}", encode_component(wildcard)))?;
        if let Some(wrong) =
            got.iter().find(|m| !m.name.contains(wildcard) && !m.email.contains(wildcard))
        {
            fail!(
                "GET /members?q={}: {} does not contain `{wildcard}`; a search is plain text, not a pattern",
                encode_component(wildcard),
                describe(wrong)
            );
        }
    }
    Ok(())
}

fn invalid_values(ctx: &Ctx) -> Verdict {
    let long = "a".repeat(MAX_SEARCH_CHARS + 1);
    let cases: [(&str, &str); 12] = [
        ("q=%FF", "q"),
        ("group_id=1.5", "group_id"),
        ("role=boss", "role"),
        ("role=Technician", "role"),
        ("required=yes", "required"),
        ("status=maybe", "status"),
        ("sort=age", "sort"),
        ("sort=--name", "sort"),
        ("group_id=0", "group_id"),
        ("group_id=-3", "group_id"),
        ("group_id=abc", "group_id"),
        ("q=", "q"),
    ];
    for (pair, field) in cases {
        let pair = if pair == "q=" { format!("q={long}") } else { pair.to_string() };
        expect_invalid(&ctx.master, &format!("/members?{pair}"), field)?;
        expect_invalid(&ctx.master, &format!("/members/export?{pair}"), field)?;
    }
    let path = "/members?role=boss&status=maybe&group_id=0";
    let reply = ctx.master.get(path)?;
    let fields = fixture::invalid_fields(&reply, &format!("GET {path}"))?;
    for field in ["role", "status", "group_id"] {
        ensure!(
            fields.iter().any(|f| f == field),
            "GET {path}: the 422 must list every wrong parameter; `{field}` is not among {fields:?}"
        );
    }
    Ok(())
}

fn unknown_group(ctx: &Ctx) -> Verdict {
    let all = fixture::groups(ctx, &ctx.master)?;
    let largest = all.iter().map(|g| g.id).max().unwrap_or(0);
    let expect_404 = |actor: &Actor, path: &str| -> Verdict {
        let reply = actor.get(path)?;
        ensure!(
            reply.status == 404,
            "GET {path} as the {}: expected 404, got {}: {}",
            actor.label,
            reply.status,
            reply.excerpt()
        );
        reply.problem_shape().map(|_| ())
    };
    let unknown = largest + 1_000_000;
    expect_404(&ctx.master, &format!("/members?group_id={unknown}"))?;
    expect_404(&ctx.master, &format!("/members/export?group_id={unknown}"))?;
    let seen: BTreeSet<i64> = fixture::groups(ctx, &ctx.admin)?.iter().map(|g| g.id).collect();
    if let Some(hidden) = all.iter().find(|g| !seen.contains(&g.id)) {
        expect_404(&ctx.admin, &format!("/members?group_id={}", hidden.id))?;
    }
    Ok(())
}

fn group_admin_scope(ctx: &Ctx) -> Verdict {
    let seen: BTreeSet<i64> = fixture::groups(ctx, &ctx.admin)?.iter().map(|g| g.id).collect();
    let everyone = fixture::members(ctx, &ctx.master, "")?;
    let expected: BTreeSet<i64> = everyone
        .iter()
        .filter(|m| m.group.as_ref().is_some_and(|g| seen.contains(&g.id)))
        .map(|m| m.id)
        .collect();
    let listed = fixture::members(ctx, &ctx.admin, "")?;
    let got: BTreeSet<i64> = listed.iter().map(|m| m.id).collect();
    if let Some(extra) = listed.iter().find(|m| !expected.contains(&m.id)) {
        fail!(
            "GET /members as the group administrator (groups {seen:?}) lists {}, who works in none of their groups",
            describe(extra)
        );
    }
    if let Some(missing) =
        everyone.iter().find(|m| expected.contains(&m.id) && !got.contains(&m.id))
    {
        fail!(
            "GET /members as the group administrator (groups {seen:?}) does not list {}",
            describe(missing)
        );
    }
    Ok(())
}

/// `GET path` as `actor`, read as the members export.
fn export(actor: &Actor, path: &str) -> Result<Csv, Finding> {
    fixture::csv_file(actor, path, "members.csv", &labels::MEMBER_EXPORT_COLUMNS)
}

fn export_format(ctx: &Ctx) -> Verdict {
    let path = "/members/export";
    let csv = export(&ctx.master, path)?;
    ensure!(csv.all_quoted, "GET {path}: every field must be quoted, some are not");
    if let Some(short) =
        csv.rows.iter().find(|row| row.len() != labels::MEMBER_EXPORT_COLUMNS.len())
    {
        fail!(
            "GET {path}: a row of {} fields, expected {}: {short:?}",
            short.len(),
            labels::MEMBER_EXPORT_COLUMNS.len()
        );
    }
    let reply = ctx.master.get(path)?;
    let lines = reply.body.split(|b| *b == b'\n').count() - 1;
    let crlf = reply.body.windows(2).filter(|w| w == b"\r\n").count();
    ensure!(lines == crlf, "GET {path}: lines must end with CRLF; {crlf} of {lines} do");
    let paged = export(&ctx.master, "/members/export?page=2&per_page=1")?;
    ensure!(
        paged.rows == csv.rows,
        "GET /members/export?page=2&per_page=1: an export ignores page and per_page, yet it \
         holds {} rows where GET {path} holds {}",
        paged.rows.len(),
        csv.rows.len()
    );
    expect_invalid(&ctx.master, "/members/export?page=0", "page")?;
    let total = ctx.all_members(&ctx.master, "")?.len();
    ensure!(
        csv.rows.len() - 1 == total,
        "GET {path}: {} rows, but GET /members has {total} members",
        csv.rows.len() - 1
    );
    Ok(())
}

/// The export row the contract gives `member`.
fn expected_row(member: &Member) -> Vec<String> {
    let group = member.group.as_ref().map(|g| g.name.as_str());
    let join = |values: Vec<String>| values.join("; ");
    [
        member.name.clone(),
        member.email.clone(),
        join(member.roles.iter().map(|r| labels::role(*r).to_string()).collect()),
        group.unwrap_or_default().to_string(),
        labels::yes_no(member.required).to_string(),
        join(member.reasons.iter().map(|r| labels::reason(*r, group)).collect()),
        labels::yes_no(member.status == EnrollmentStatus::Enrolled).to_string(),
        member.method.map(labels::method).unwrap_or_default().to_string(),
        member.enrolled_at.clone().unwrap_or_default(),
        member.console_version.clone().unwrap_or_default(),
    ]
    .iter()
    .map(|v| guarded(v))
    .collect()
}

fn export_matches_list(ctx: &Ctx) -> Verdict {
    let groups = fixture::groups(ctx, &ctx.master)?;
    let group = groups.first().map(|g| format!("&group_id={}", g.id)).unwrap_or_default();
    let queries = [
        "role=technician&status=not_enrolled&sort=-name".to_string(),
        format!("required=false&sort=group{group}"),
        "q=a&sort=-enrolled_at".to_string(),
    ];
    for (actor, query) in
        [(&ctx.master, &queries[0]), (&ctx.master, &queries[1]), (&ctx.admin, &queries[2])]
    {
        let listed = fixture::members(ctx, actor, query)?;
        let path = format!("/members/export?{query}");
        let csv = export(actor, &path)?;
        let rows = &csv.rows[1..];
        ensure!(
            rows.len() == listed.len(),
            "GET {path} as the {}: {} rows, but GET /members?{query} lists {} members",
            actor.label,
            rows.len(),
            listed.len()
        );
        for (i, (row, member)) in rows.iter().zip(&listed).enumerate() {
            let expected = expected_row(member);
            if *row != expected {
                let differs: Vec<String> = labels::MEMBER_EXPORT_COLUMNS
                    .iter()
                    .zip(row.iter().zip(&expected))
                    .filter(|(_, (got, want))| got != want)
                    .map(|(column, (got, want))| format!("{column}: {got:?}, expected {want:?}"))
                    .collect();
                fail!(
                    "GET {path} as the {}: row {} is not the list's member {} {} (the list's order is the export's): {}",
                    actor.label,
                    i + 1,
                    member.id,
                    member.name,
                    if differs.is_empty() { format!("{row:?}") } else { differs.join("; ") }
                );
            }
        }
    }
    Ok(())
}
