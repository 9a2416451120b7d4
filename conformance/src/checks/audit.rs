//! The audit log: an event with before → after for every change, by whom and when; the log's
//! order, its filters and its export; who may read it.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use twostep_contract::{AuditKind, PolicySettings, Vocabulary, labels, problem_types};

use super::fixture::{self, expect_invalid, guarded};
use super::paging::{collate, walk};
use super::{ADMIN, Check, MASTER, TECHNICIAN};
use crate::context::{Ctx, settings_of};
use crate::http::Reply;
use crate::report::{Finding, Verdict};
use crate::{ensure, fail, skip};

const AREA: &str = "Audit log";

/// The checks of this area.
pub const CHECKS: &[Check] = &[
    Check {
        id: "audit.event-per-change",
        area: AREA,
        clause: "GET /audit-events: one AuditEvent per change, with `actor`, `at` (RFC 3339, UTC) and the values before and after (policy_updated, group_force_two_step_changed)",
        title: "a policy change, a group change and putting each back each add an event by the master administrator with the right before and after, at the time of the change",
        people: &[MASTER],
        run: event_per_change,
    },
    Check {
        id: "audit.group-admin-event",
        area: AREA,
        clause: "AuditEvent.actor: \"Who made the change\"",
        title: "a group change by the group administrator is recorded with them as its actor",
        people: &[MASTER, ADMIN],
        run: group_admin_event,
    },
    Check {
        id: "audit.unchanged-no-event",
        area: AREA,
        clause: "PATCH /technician-groups/{id}, PUT policy: \"The value already saved answers 200 without a new revision or audit event\"",
        title: "saving the values already saved answers 200 with the same revision and records nothing",
        people: &[MASTER],
        run: unchanged_no_event,
    },
    Check {
        id: "audit.order",
        area: AREA,
        clause: "AuditPage: items \"newest first\", AuditEvent.id \"later events have larger ids\", `actors` \"Everyone who made a change recorded in the organization's log, by name\"",
        title: "events come newest first with falling ids and times in RFC 3339 UTC; `actors` is every actor of the log once, by name then id, whatever the filters",
        people: &[MASTER],
        run: order,
    },
    Check {
        id: "audit.filters",
        area: AREA,
        clause: "GET /audit-events `kind`, `actor_id`; invalid parameters 422 /problems/validation",
        title: "each kind and an actor filter list exactly the matching events of the whole log; a wrong kind or actor_id is refused with 422",
        people: &[MASTER],
        run: filters,
    },
    Check {
        id: "audit.read-forbidden",
        area: AREA,
        clause: "GET /audit-events, GET /audit-events/export 403: \"Only master administrators can read the audit log\"",
        title: "the group administrator and the technician get 403 for the log and its export",
        people: &[ADMIN, TECHNICIAN],
        run: read_forbidden,
    },
    Check {
        id: "audit.export",
        area: AREA,
        clause: "CSV exports, audit log: When, Who (\"A former member\"), Who email, Change, Before, After with the documented texts; every matching event, newest first",
        title: "the export is audit-log.csv with the documented header, and each row is the log's event in the log's order with the documented texts",
        people: &[MASTER],
        run: export,
    },
];

/// Seconds since 1970 of a civil date and time (UTC).
fn unix_seconds(year: i64, month: i64, day: i64, hour: i64, minute: i64, second: i64) -> i64 {
    // Days from civil, after Howard Hinnant's algorithm.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + hour * 3_600 + minute * 60 + second
}

/// The whole seconds of an RFC 3339 time in UTC (`2026-12-03T10:24:03Z`, fractions allowed);
/// `None` when it is not one.
pub(super) fn rfc3339_utc(text: &str) -> Option<i64> {
    let rest = text.strip_suffix('Z').or_else(|| text.strip_suffix("+00:00"))?;
    let (date, time) = rest.split_once('T')?;
    let date: Vec<i64> = date.split('-').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let time = time.split_once('.').map_or(time, |(whole, fraction)| {
        if fraction.chars().all(|c| c.is_ascii_digit()) { whole } else { "x" }
    });
    let time: Vec<i64> = time.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    match (date.as_slice(), time.as_slice()) {
        ([y, mo, d], [h, mi, s]) if (1..=12).contains(mo) && (1..=31).contains(d) => {
            Some(unix_seconds(*y, *mo, *d, *h, *mi, *s))
        }
        _ => None,
    }
}

/// The seconds of an HTTP date (`Thu, 03 Dec 2026 10:24:03 GMT`).
fn http_date(text: &str) -> Option<i64> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else { return None };
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.iter().position(|m| m == month)? as i64 + 1;
    let time: Vec<i64> = time.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let [h, mi, s] = time.as_slice() else { return None };
    Some(unix_seconds(year.parse().ok()?, month, day.parse().ok()?, *h, *mi, *s))
}

/// The backend's clock: the `Date` of a fresh answer (so that the suite's own clock does not
/// matter), and the newest event's id.
struct Mark {
    seconds: Option<i64>,
    newest: i64,
}

fn mark(ctx: &Ctx) -> Result<Mark, Finding> {
    let reply = ctx.master.get("/audit-events?per_page=1")?;
    let page = reply.json_with(200)?;
    Ok(Mark {
        seconds: reply.header("date").and_then(http_date),
        newest: fixture::ids(&page["items"]).first().copied().unwrap_or(0),
    })
}

/// Every event newer than `since`, newest first.
fn events_since(ctx: &Ctx, since: &Mark) -> Result<Vec<Value>, Finding> {
    let page = ctx.master.get_json("/audit-events?per_page=200")?;
    Ok(page["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["id"].as_i64().unwrap_or(0) > since.newest)
        .cloned()
        .collect())
}

/// One change a check made, as an event should record it.
struct Change {
    what: String,
    by: i64,
    fields: Value,
}

/// Fails unless each change has its own event among `events` (newer than `start`, by the
/// changer, with these fields, at a time between `start` and `end`), each later change's event
/// with a larger id.
fn ensure_recorded(events: &[Value], changes: &[Change], start: &Mark, end: &Mark) -> Verdict {
    let mut used: Vec<i64> = Vec::new();
    for change in changes {
        let fields = change.fields.as_object().cloned().unwrap_or_default();
        let found = events.iter().find(|e| {
            e["actor"]["id"] == change.by
                && fields.iter().all(|(k, v)| e[k] == *v)
                && !used.contains(&e["id"].as_i64().unwrap_or(0))
        });
        let Some(event) = found else {
            fail!(
                "{}: no new event by member {} with {}; the events since the change are {}",
                change.what,
                change.by,
                change.fields,
                Value::from(events.to_vec())
            );
        };
        ensure!(
            event["actor"]["name"].is_string() && event["actor"]["email"].is_string(),
            "{}: the event's `actor` needs `name` and `email`: {event}",
            change.what
        );
        let at = event["at"].as_str().unwrap_or_default();
        let Some(seconds) = rfc3339_utc(at) else {
            fail!(
                "{}: the event's `at` {:?} is not an RFC 3339 time in UTC",
                change.what,
                event["at"]
            );
        };
        if let (Some(from), Some(to)) = (start.seconds, end.seconds) {
            ensure!(
                from <= seconds && seconds <= to + 1,
                "{}: the event's `at` is {at}, but the change was made between the backend's \
                 Date headers {from} and {to} (seconds since 1970)",
                change.what
            );
        }
        let id = event["id"].as_i64().unwrap_or(0);
        if let Some(previous) = used.last() {
            ensure!(
                id > *previous,
                "{}: its event (id {id}) has a smaller id than the event of the change made \
                 before it (id {previous}); later events have larger ids",
                change.what
            );
        }
        used.push(id);
    }
    Ok(())
}

fn event_per_change(ctx: &Ctx) -> Verdict {
    let me = ctx.master.id();
    let start = mark(ctx)?;
    let before = settings_of(&ctx.policy()?.0);
    let mut flipped = before.clone();
    flipped["administrators"] =
        json!(if before["administrators"] == "all" { "none" } else { "all" });
    let mut changes = Vec::new();
    let saved = fixture::save_policy(ctx, &flipped);
    let restored = fixture::restore_policy(ctx, &before);
    saved?;
    restored?;
    for (from, to) in [(&before, &flipped), (&flipped, &before)] {
        changes.push(Change {
            what: format!("PUT /two-step-verification/policy from {from} to {to}"),
            by: me,
            fields: json!({"kind": "policy_updated", "before": from, "after": to, "enrollments_reset": 0}),
        });
    }
    let groups = fixture::groups(ctx, &ctx.master)?;
    let Some(group) = groups.first() else {
        skip!("the test organization has no technician group")
    };
    let (id, was) = (group.id, group.force_two_step);
    fixture::with_force(ctx, &ctx.master, id, !was, || Ok(()))?;
    for (from, to) in [(was, !was), (!was, was)] {
        changes.push(Change {
            what: format!("PATCH /technician-groups/{id} force_two_step {from} → {to}"),
            by: me,
            fields: json!({
                "kind": "group_force_two_step_changed",
                "group_id": id,
                "group_name": group.name,
                "before": from,
                "after": to,
            }),
        });
    }
    let end = mark(ctx)?;
    let events = events_since(ctx, &start)?;
    ensure_recorded(&events, &changes, &start, &end)
}

fn group_admin_event(ctx: &Ctx) -> Verdict {
    let groups = fixture::groups(ctx, &ctx.admin)?;
    let Some(group) = groups.first() else { skip!("the group administrator sees no group") };
    let (id, was) = (group.id, group.force_two_step);
    let start = mark(ctx)?;
    fixture::with_force(ctx, &ctx.admin, id, !was, || {
        fixture::set_force(&ctx.admin, id, was).map(|_| ())
    })?;
    let end = mark(ctx)?;
    let events = events_since(ctx, &start)?;
    let changes: Vec<Change> = [(was, !was), (!was, was)]
        .into_iter()
        .map(|(from, to)| Change {
            what: format!(
                "PATCH /technician-groups/{id} force_two_step {from} → {to} as the group administrator"
            ),
            by: ctx.admin.id(),
            fields: json!({"kind": "group_force_two_step_changed", "group_id": id, "before": from, "after": to}),
        })
        .collect();
    ensure_recorded(&events, &changes, &start, &end)?;
    let audit = ctx.master.get_json("/audit-events?per_page=1")?;
    let actors = audit["actors"].as_array().cloned().unwrap_or_default();
    ensure!(
        actors.iter().any(|a| a["id"] == ctx.admin.id()),
        "GET /audit-events: `actors` does not hold the group administrator (member {}), who just \
         made a recorded change: {}",
        ctx.admin.id(),
        Value::from(actors)
    );
    Ok(())
}

fn unchanged_no_event(ctx: &Ctx) -> Verdict {
    let start = mark(ctx)?;
    let groups = fixture::groups(ctx, &ctx.master)?;
    let Some(group) = groups.first() else {
        skip!("the test organization has no technician group")
    };
    let reply = fixture::patch_force(&ctx.master, group.id, group.force_two_step)?;
    let saved: twostep_contract::TechnicianGroup =
        fixture::typed(&reply.json_with(200)?, &reply.what)?;
    ensure!(
        saved.revision == group.revision,
        "PATCH /technician-groups/{} with the value already saved ({}) changed the revision {} → {}",
        group.id,
        group.force_two_step,
        group.revision,
        saved.revision
    );
    let (policy, _) = ctx.policy()?;
    let reply: Reply = fixture::save_policy(ctx, &settings_of(&policy))?;
    let answer = reply.json()?;
    ensure!(
        answer["policy"]["revision"] == policy["revision"],
        "PUT /two-step-verification/policy with the settings already saved changed the revision {} → {}",
        policy["revision"],
        answer["policy"]["revision"]
    );
    let events = events_since(ctx, &start)?;
    ensure!(
        events.is_empty(),
        "saving the values already saved (group {} and the policy) recorded events: {}",
        group.id,
        Value::from(events)
    );
    Ok(())
}

/// The whole log, newest first, and its `actors`.
fn whole_log(ctx: &Ctx) -> Result<(Vec<Value>, Vec<Value>), Finding> {
    let (events, _) = walk(&ctx.master, "/audit-events?", 200)?;
    let page = ctx.master.get_json("/audit-events?per_page=1")?;
    Ok((events, page["actors"].as_array().cloned().unwrap_or_default()))
}

fn order(ctx: &Ctx) -> Verdict {
    let (events, actors) = whole_log(ctx)?;
    for event in &events {
        let at = event["at"].as_str().unwrap_or_default();
        ensure!(
            rfc3339_utc(at).is_some(),
            "GET /audit-events: event {} has `at` {:?}, not an RFC 3339 time in UTC",
            event["id"],
            event["at"]
        );
    }
    for pair in events.windows(2) {
        let (newer, older) = (&pair[0], &pair[1]);
        let time = |e: &Value| rfc3339_utc(e["at"].as_str().unwrap_or_default());
        ensure!(
            newer["id"].as_i64() > older["id"].as_i64() && time(newer) >= time(older),
            "GET /audit-events: event {} (at {}) comes before event {} (at {}); newest first, \
             and later events have larger ids",
            newer["id"],
            newer["at"],
            older["id"],
            older["at"]
        );
    }
    let filtered = ctx.master.get_json("/audit-events?kind=password_changed&per_page=1")?;
    ensure!(
        filtered["actors"] == Value::from(actors.clone()),
        "GET /audit-events?kind=password_changed: `actors` is {}, but without the filter it is \
         {}; it lists every actor whatever the filters",
        filtered["actors"],
        Value::from(actors.clone())
    );
    let in_log: BTreeSet<i64> = events.iter().filter_map(|e| e["actor"]["id"].as_i64()).collect();
    let listed: Vec<i64> = actors.iter().filter_map(|a| a["id"].as_i64()).collect();
    let listed_set: BTreeSet<i64> = listed.iter().copied().collect();
    ensure!(
        listed.len() == listed_set.len() && listed_set == in_log,
        "GET /audit-events: `actors` holds {listed:?}, but the log's events were made by {in_log:?} \
         (each once)"
    );
    for pair in actors.windows(2) {
        let name = |a: &Value| a["name"].as_str().unwrap_or_default().to_string();
        let order = collate(&name(&pair[0]), &name(&pair[1]))
            .then(pair[0]["id"].as_i64().cmp(&pair[1]["id"].as_i64()));
        ensure!(
            order.is_lt(),
            "GET /audit-events: in `actors`, {} comes before {}; they are ordered by name (its \
             UTF-8 bytes), then id",
            pair[0],
            pair[1]
        );
    }
    Ok(())
}

fn filters(ctx: &Ctx) -> Verdict {
    let (events, _) = whole_log(ctx)?;
    for kind in AuditKind::ALL.iter().map(|k| k.wire_name()) {
        let (listed, total) = walk(&ctx.master, &format!("/audit-events?kind={kind}&"), 200)?;
        if let Some(wrong) = listed.iter().find(|e| e["kind"] != kind) {
            fail!("GET /audit-events?kind={kind} lists an event of another kind: {wrong}");
        }
        let expected: Vec<i64> =
            fixture::ids(&events.iter().filter(|e| e["kind"] == kind).cloned().collect());
        let got = fixture::ids(&listed.into());
        ensure!(
            got == expected && total == expected.len() as u64,
            "GET /audit-events?kind={kind}: events {got:?} (total {total}), but the whole log has \
             {expected:?} of that kind"
        );
    }
    let me = ctx.master.id();
    let (listed, total) = walk(&ctx.master, &format!("/audit-events?actor_id={me}&"), 200)?;
    if let Some(wrong) = listed.iter().find(|e| e["actor"]["id"] != me) {
        fail!("GET /audit-events?actor_id={me} lists an event by someone else: {wrong}");
    }
    let expected: Vec<i64> =
        fixture::ids(&events.iter().filter(|e| e["actor"]["id"] == me).cloned().collect());
    let got = fixture::ids(&listed.into());
    ensure!(
        got == expected && total == expected.len() as u64,
        "GET /audit-events?actor_id={me}: events {got:?} (total {total}), but the whole log has \
         {expected:?} by that member"
    );
    let nobody = ctx.master.id() + 1_000_000_000;
    let page = ctx.master.get_json(&format!("/audit-events?actor_id={nobody}"))?;
    ensure!(
        page["total"] == 0 && page["items"].as_array().is_some_and(Vec::is_empty),
        "GET /audit-events?actor_id={nobody}: an id that made no change answers no items: {page}"
    );
    expect_invalid(&ctx.master, "/audit-events?actor_id=0", "actor_id")?;
    expect_invalid(&ctx.master, "/audit-events?actor_id=-1", "actor_id")?;
    expect_invalid(&ctx.master, "/audit-events?kind=boss", "kind")?;
    expect_invalid(&ctx.master, "/audit-events?actor_id=abc", "actor_id")?;
    expect_invalid(&ctx.master, "/audit-events?kind=boss&page=0", "page")
}

fn read_forbidden(ctx: &Ctx) -> Verdict {
    for actor in [&ctx.admin, &ctx.technician] {
        for path in ["/audit-events", "/audit-events/export"] {
            let reply = actor.get(path)?;
            ensure!(
                reply.status == 403,
                "GET {path} as the {}: expected 403 {}, got {}: {}",
                actor.label,
                problem_types::FORBIDDEN,
                reply.status,
                reply.excerpt()
            );
            reply.problem(403, problem_types::FORBIDDEN)?;
        }
    }
    Ok(())
}

fn export(ctx: &Ctx) -> Verdict {
    let (events, _) = whole_log(ctx)?;
    let path = "/audit-events/export";
    let csv = fixture::csv_file(&ctx.master, path, "audit-log.csv", &labels::AUDIT_EXPORT_COLUMNS)?;
    ensure!(csv.all_quoted, "GET {path}: every field must be quoted, some are not");
    let rows = &csv.rows[1..];
    ensure!(
        rows.len() == events.len(),
        "GET {path}: {} rows, but GET /audit-events lists {} events",
        rows.len(),
        events.len()
    );
    for (i, (row, event)) in rows.iter().zip(&events).enumerate() {
        let expected = expected_row(event);
        let known = expected.iter().filter(|v| v.is_some()).count();
        let differs: Vec<String> = labels::AUDIT_EXPORT_COLUMNS
            .iter()
            .zip(&expected)
            .zip(row)
            .filter_map(|((column, want), got)| {
                want.as_ref()
                    .filter(|want| *want != got)
                    .map(|w| format!("{column}: {got:?}, expected {w:?}"))
            })
            .collect();
        ensure!(
            row.len() == labels::AUDIT_EXPORT_COLUMNS.len() && known > 0 && differs.is_empty(),
            "GET {path}: row {} is not event {} of the log (in the log's order): {}",
            i + 1,
            event["id"],
            if differs.is_empty() { format!("{row:?}") } else { differs.join("; ") }
        );
    }
    Ok(())
}

/// The export row of `event` as far as the contract writes it: `None` for a field it leaves to
/// the backend's words (the Change, Before and After of kinds other than a policy or group
/// change).
fn expected_row(event: &Value) -> [Option<String>; 6] {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let (who, email) = if event["actor"].is_null() {
        ("A former member".to_string(), String::new())
    } else {
        (text(&event["actor"]["name"]), text(&event["actor"]["email"]))
    };
    let policy = |v: &Value| {
        serde_json::from_value::<PolicySettings>(v.clone()).ok().map(|s| labels::policy(&s))
    };
    let (change, before, after) = match event["kind"].as_str() {
        Some("policy_updated") => {
            let reset = event["enrollments_reset"].as_u64().unwrap_or(0);
            let suffix = match reset {
                0 => String::new(),
                1 => " (1 setup reset)".into(),
                n => format!(" ({n} setups reset)"),
            };
            (
                Some(format!("Two-step verification policy{suffix}")),
                policy(&event["before"]),
                policy(&event["after"]),
            )
        }
        Some("group_force_two_step_changed") => (
            Some(format!("Force two-step verification: {}", text(&event["group_name"]))),
            event["before"].as_bool().map(|b| labels::on_off(b).to_string()),
            event["after"].as_bool().map(|b| labels::on_off(b).to_string()),
        ),
        _ => (None, None, None),
    };
    [Some(text(&event["at"])), Some(who), Some(email), change, before, after]
        .map(|field| field.map(|f| guarded(&f)))
}
