//! What the checks of members, groups, the rule and the audit log share: every page of a list
//! read into the contract's types, the groups as a tree, a policy or a group's "Force two-step
//! verification" changed for the length of a check and put back, the reading of 422s, and the
//! CSV exports read as a spreadsheet would.

use std::collections::BTreeSet;

use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use twostep_contract::{Member, PolicySettings, Role, TechnicianGroup, problem_types};

use crate::context::{Ctx, settings_of};
use crate::http::{Actor, Reply};
use crate::report::{Finding, Verdict};
use crate::{ensure, fail};

/// Reads `value` as the contract's `T`, naming `what` when it is not one.
pub(super) fn typed<T: DeserializeOwned>(value: &Value, what: &str) -> Result<T, Finding> {
    serde_json::from_value(value.clone()).map_err(|e| {
        Finding::Failed(format!("{what} does not have the contract's shape ({e}): {value}"))
    })
}

/// Every member `actor` sees that matches `query` (`role=technician`, or empty), in the
/// contract's type, read a page of 200 at a time.
pub(super) fn members(ctx: &Ctx, actor: &Actor, query: &str) -> Result<Vec<Member>, Finding> {
    ctx.all_members(actor, query)?
        .iter()
        .map(|m| typed(m, &format!("a member of GET /members?{query}")))
        .collect()
}

/// The technician groups `actor` sees, in the contract's type.
pub(super) fn groups(ctx: &Ctx, actor: &Actor) -> Result<Vec<TechnicianGroup>, Finding> {
    ctx.groups(actor)?.iter().map(|g| typed(g, "a group of GET /technician-groups")).collect()
}

/// `id` and every group below it.
pub(super) fn subtree(groups: &[TechnicianGroup], id: i64) -> BTreeSet<i64> {
    let mut found = BTreeSet::from([id]);
    loop {
        let before = found.len();
        for group in groups {
            if group.parent_id.is_some_and(|parent| found.contains(&parent)) {
                found.insert(group.id);
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

/// Whether `member` holds `role`.
pub(super) fn holds(member: &Member, role: Role) -> bool {
    member.roles.contains(&role)
}

/// The policy's settings, read by the master administrator, in the contract's type.
pub(super) fn settings(ctx: &Ctx) -> Result<PolicySettings, Finding> {
    typed(&settings_of(&ctx.policy()?.0), "GET /two-step-verification/policy")
}

/// Saves `settings` (with the current `If-Match`) as the master administrator, expecting 200.
/// The primary method must be the one in force: changing it would reset every member.
pub(super) fn save_policy(ctx: &Ctx, settings: &Value) -> Result<Reply, Finding> {
    let (policy, etag) = ctx.policy()?;
    if policy["primary_method"] != settings["primary_method"] {
        return Err(Finding::Failed(format!(
            "the suite would change the primary method ({} → {}), which resets everyone",
            policy["primary_method"], settings["primary_method"]
        )));
    }
    let reply = ctx.put_policy(&ctx.master, settings, Some(&etag))?;
    reply.expect_status(200)?;
    Ok(reply)
}

/// Runs `check` with the policy's `administrators` and `technicians` set as given (the primary
/// method kept), then puts the settings back as they were, whatever `check` found.
pub(super) fn with_policy(
    ctx: &Ctx,
    administrators: &str,
    technicians: &str,
    check: impl FnOnce() -> Verdict,
) -> Verdict {
    let before = settings_of(&ctx.policy()?.0);
    let mut wanted = before.clone();
    wanted["administrators"] = json!(administrators);
    wanted["technicians"] = json!(technicians);
    let verdict = save_policy(ctx, &wanted).and_then(|_| check());
    let restored = restore_policy(ctx, &before);
    verdict.and(restored)
}

/// Puts the policy's settings back to `before` unless they already are.
pub(super) fn restore_policy(ctx: &Ctx, before: &Value) -> Verdict {
    if settings_of(&ctx.policy()?.0) == *before {
        return Ok(());
    }
    save_policy(ctx, before).map(|_| ()).inspect_err(|_| {
        ctx.left_changed(format!("the policy's settings (they were {before})"));
    })
}

/// `GET /technician-groups/{id}` as `actor`: the group and its ETag.
pub(super) fn group(actor: &Actor, id: i64) -> Result<(TechnicianGroup, String), Finding> {
    let reply = actor.get(&format!("/technician-groups/{id}"))?;
    let group = typed(&reply.json_with(200)?, &reply.what)?;
    let etag = reply.header("etag").unwrap_or_default().to_string();
    Ok((group, etag))
}

/// `PATCH /technician-groups/{id}` `{force_two_step}` as `actor`, with the group's current ETag.
pub(super) fn patch_force(actor: &Actor, id: i64, force: bool) -> Result<Reply, Finding> {
    let (_, etag) = group(actor, id)?;
    let path = format!("/technician-groups/{id}");
    actor.send(
        &actor.request("PATCH", &path).json(&json!({"force_two_step": force})).if_match(&etag),
    )
}

/// Sets group `id`'s "Force two-step verification" as `actor`, expecting 200.
pub(super) fn set_force(actor: &Actor, id: i64, force: bool) -> Result<TechnicianGroup, Finding> {
    let reply = patch_force(actor, id, force)?;
    typed(&reply.json_with(200)?, &reply.what)
}

/// Runs `check` with group `id`'s "Force two-step verification" set to `force` by `actor`, then
/// puts it back as it was, whatever `check` found.
pub(super) fn with_force(
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    force: bool,
    check: impl FnOnce() -> Verdict,
) -> Verdict {
    let (before, _) = group(&ctx.master, id)?;
    let verdict = set_force(actor, id, force).and_then(|_| check());
    let restored = if group(&ctx.master, id)?.0.force_two_step == before.force_two_step {
        Ok(())
    } else {
        set_force(&ctx.master, id, before.force_two_step).map(|_| ()).inspect_err(|_| {
            ctx.left_changed(format!(
                "technician group {id}: \"force_two_step\" (it was {})",
                before.force_two_step
            ));
        })
    };
    verdict.and(restored)
}

/// The fields a 422 `/problems/validation` answer names in `errors`; fails on any other answer.
pub(super) fn invalid_fields(reply: &Reply, sent: &str) -> Result<Vec<String>, Finding> {
    if reply.status != 422 {
        return Err(Finding::Failed(format!(
            "{sent}: expected 422 {}, got {}: {}",
            problem_types::VALIDATION,
            reply.status,
            reply.excerpt()
        )));
    }
    let problem = reply.problem(422, problem_types::VALIDATION)?;
    Ok(problem["errors"]
        .as_array()
        .map(|errors| {
            errors.iter().filter_map(|e| e["field"].as_str().map(str::to_string)).collect()
        })
        .unwrap_or_default())
}

/// Fails unless `GET path` as `actor` answers 422 `/problems/validation` naming `field`.
pub(super) fn expect_invalid(actor: &Actor, path: &str, field: &str) -> Verdict {
    let reply = actor.get(path)?;
    let fields = invalid_fields(&reply, &format!("GET {path}"))?;
    if !fields.iter().any(|f| f == field) {
        return Err(Finding::Failed(format!(
            "GET {path}: the 422's `errors` must name `{field}`, they name {fields:?}: {}",
            reply.excerpt()
        )));
    }
    Ok(())
}

/// The ids of `items` (members or events), in order.
pub(super) fn ids(items: &Value) -> Vec<i64> {
    items
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["id"].as_i64()).collect())
        .unwrap_or_default()
}

/// A CSV file read: its rows of fields, and whether every field was quoted.
pub(super) struct Csv {
    /// The rows, the header first.
    pub(super) rows: Vec<Vec<String>>,
    /// Whether every field was quoted.
    pub(super) all_quoted: bool,
}

/// Reads RFC 4180 CSV (quoted fields with doubled quotes, CRLF or LF line ends).
pub(super) fn parse_csv(text: &str) -> Csv {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut all_quoted = true;
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut started = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if !started => {
                quoted = true;
                started = true;
            }
            ',' => {
                all_quoted &= started;
                row.push(std::mem::take(&mut field));
                started = false;
            }
            '\r' => {}
            '\n' => {
                all_quoted &= started;
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                started = false;
            }
            _ => {
                started = true;
                field.push(c);
            }
        }
    }
    if started || !row.is_empty() {
        all_quoted &= started;
        row.push(field);
        rows.push(row);
    }
    Csv { rows, all_quoted }
}

/// `GET path` as `actor`, read as a CSV export named `filename` with the columns `header`.
pub(super) fn csv_file(
    actor: &Actor,
    path: &str,
    filename: &str,
    header: &[&str],
) -> Result<Csv, Finding> {
    let reply = actor.get(path)?;
    reply.expect_status(200)?;
    let content_type = reply.header("content-type").unwrap_or_default();
    ensure!(
        content_type.starts_with("text/csv"),
        "GET {path}: expected Content-Type text/csv; charset=utf-8, got `{content_type}`"
    );
    let disposition = reply.header("content-disposition").unwrap_or_default();
    ensure!(
        disposition.starts_with("attachment") && disposition.contains(filename),
        "GET {path}: expected Content-Disposition attachment; filename=\"{filename}\", got `{disposition}`"
    );
    let Some(text) = reply.body.strip_prefix("\u{feff}".as_bytes()) else {
        fail!(
            "GET {path}: the file does not start with the UTF-8 byte order mark: {}",
            reply.excerpt()
        );
    };
    let text = String::from_utf8(text.to_vec())
        .map_err(|e| Finding::Failed(format!("GET {path}: the file is not UTF-8: {e}")))?;
    let csv = parse_csv(&text);
    let got = csv.rows.first().cloned().unwrap_or_default();
    ensure!(got == header, "GET {path}: the header is {got:?}, expected {header:?}");
    Ok(csv)
}

/// A spreadsheet would run a field starting with one of these as a formula.
pub(super) fn guarded(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.into()
    }
}
