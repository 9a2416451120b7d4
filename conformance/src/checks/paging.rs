//! Pagination: `total`, `page` and `per_page`; pages that cover every item exactly once in a
//! stable order, for every documented `sort`; the bounds and the invalid, empty and repeated
//! values of `page` and `per_page`.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use serde_json::Value;
use twostep_contract::{MAX_PER_PAGE, Member, Vocabulary};

use super::fixture::{self, expect_invalid, ids};
use super::{Check, MASTER};
use crate::context::Ctx;
use crate::http::Actor;
use crate::report::{Finding, Verdict};
use crate::{ensure, fail};

const AREA: &str = "Pagination";

/// Every documented value of `sort` on `GET /members`, the default (none) first.
const SORTS: [&str; 11] = [
    "",
    "name",
    "-name",
    "email",
    "-email",
    "group",
    "-group",
    "status",
    "-status",
    "enrolled_at",
    "-enrolled_at",
];

/// The checks of this area.
pub const CHECKS: &[Check] = &[
    Check {
        id: "paging.defaults",
        area: AREA,
        clause: "GET /members: `page` from 1 (default 1), `per_page` 1 to 200 (default 50); MemberPage {items, total, page, per_page}",
        title: "without parameters a member page is page 1 of 50 with the real total",
        people: &[MASTER],
        run: defaults,
    },
    Check {
        id: "paging.echo",
        area: AREA,
        clause: "GET /members: MemberPage echoes `page` and `per_page`; `total` counts every page",
        title: "page 2 of 7 echoes its page and size, holds items 8 to 14 and the same total",
        people: &[MASTER],
        run: echo,
    },
    Check {
        id: "paging.cover-once",
        area: AREA,
        clause: "GET /members: pages of `per_page` cover every member that matches, `total` over all pages",
        title: "pages of 7 and of 200 hold every member exactly once, as many as `total`, the same twice",
        people: &[MASTER],
        run: cover_once,
    },
    Check {
        id: "paging.sorts-cover-once",
        area: AREA,
        clause: "GET /members `sort`: `name` (default), `email`, `group`, `status`, `enrolled_at`, `-` for descending",
        title: "for every documented sort, pages of 7 put together are the one page of 200, the same twice",
        people: &[MASTER],
        run: sorts_cover_once,
    },
    Check {
        id: "paging.sort-order",
        area: AREA,
        clause: "Names, order and dates: names and emails by their UTF-8 bytes, ties by id, `-name`/`-email` reverse both; group, status, enrolled_at: without a value last, ties by name then id",
        title: "each documented sort really orders the members as documented",
        people: &[MASTER],
        run: sort_order,
    },
    Check {
        id: "paging.past-the-end",
        area: AREA,
        clause: "GET /members: \"A page past the last one answers no items with the real total.\"",
        title: "a page past the last one answers no items, its page number and the real total",
        people: &[MASTER],
        run: past_the_end,
    },
    Check {
        id: "paging.per-page-bounds",
        area: AREA,
        clause: "GET /members `per_page`: \"1 to 200\"; out of bounds 422 /problems/validation naming `per_page`",
        title: "per_page 1 and 200 are served; 0 and 201 are refused with 422 naming per_page, for members and the audit log",
        people: &[MASTER],
        run: per_page_bounds,
    },
    Check {
        id: "paging.invalid-values",
        area: AREA,
        clause: "GET /members, GET /audit-events: invalid parameters 422 /problems/validation, every one listed in `errors`",
        title: "page 0, negative, not a number or a fraction, and such a per_page, are refused with 422 naming the field",
        people: &[MASTER],
        run: invalid_values,
    },
    Check {
        id: "paging.empty-and-trailing",
        area: AREA,
        clause: "Query strings: an empty value (`page=`) is the parameter absent; a trailing `&` or an empty pair is ignored",
        title: "`page=`, `per_page=`, a trailing `&` and an empty pair change nothing",
        people: &[MASTER],
        run: empty_and_trailing,
    },
    Check {
        id: "paging.repeated-parameter",
        area: AREA,
        clause: "GET /members: repeated parameters 422 /problems/validation, every one listed in `errors`",
        title: "`page` given twice is refused with 422 naming page",
        people: &[MASTER],
        run: repeated_parameter,
    },
    Check {
        id: "paging.unknown-parameter",
        area: AREA,
        clause: "Query strings: \"Unknown parameters are ignored.\"",
        title: "an unknown parameter, with or without a value, changes nothing on the member list and the audit log",
        people: &[MASTER],
        run: unknown_parameter,
    },
    Check {
        id: "paging.audit-cover-once",
        area: AREA,
        clause: "GET /audit-events: AuditPage {items, total, page, per_page}, pages from 1, 1 to 200 per page",
        title: "audit pages of 2, 7 and 200 hold every event exactly once, echo their page, and end empty",
        people: &[MASTER],
        run: audit_cover_once,
    },
];

/// `GET path` as `actor`: the page, checked for `items`, `total`, `page` and `per_page`.
pub(super) fn read_page(actor: &Actor, path: &str) -> Result<Value, Finding> {
    let page = actor.get_json(path)?;
    ensure!(
        page["items"].is_array()
            && page["total"].is_u64()
            && page["page"].is_u64()
            && page["per_page"].is_u64(),
        "GET {path}: a page needs `items` (a list) and `total`, `page`, `per_page` (whole numbers): {page}"
    );
    Ok(page)
}

/// Fails unless `page` echoes `number` and `size`.
fn ensure_echo(path: &str, page: &Value, number: u64, size: u64) -> Verdict {
    ensure!(
        page["page"] == number && page["per_page"] == size,
        "GET {path}: expected `page` {number} and `per_page` {size}, got {} and {}",
        page["page"],
        page["per_page"]
    );
    Ok(())
}

/// Every item of `GET {base}page=N&per_page={size}` for N from 1 until the pages hold `total`
/// items, each page checked for its echo, its size and an unchanged total; the items in order
/// and the total.
pub(super) fn walk(actor: &Actor, base: &str, size: u64) -> Result<(Vec<Value>, u64), Finding> {
    let mut items = Vec::new();
    let mut total = None;
    for number in 1u64.. {
        let path = format!("{base}page={number}&per_page={size}");
        let page = read_page(actor, &path)?;
        ensure_echo(&path, &page, number, size)?;
        let this_total = page["total"].as_u64().unwrap_or_default();
        if let Some(first) = total
            && first != this_total
        {
            fail!(
                "GET {path}: `total` is {this_total}, page 1 said {first} (nothing changed between)"
            );
        }
        total = Some(this_total);
        let found = page["items"].as_array().cloned().unwrap_or_default();
        let expected = this_total.saturating_sub((number - 1) * size).min(size);
        ensure!(
            found.len() as u64 == expected,
            "GET {path}: {} items, expected {expected} of a total of {this_total}",
            found.len()
        );
        items.extend(found);
        if number * size >= this_total || number > 10_000 {
            break;
        }
    }
    Ok((items, total.unwrap_or_default()))
}

/// Fails unless `ids` holds each id once, and exactly the ids of `expected`.
fn ensure_once(what: &str, ids: &[i64], expected: &BTreeSet<i64>) -> Verdict {
    let mut seen = BTreeSet::new();
    let twice: Vec<i64> = ids.iter().filter(|id| !seen.insert(**id)).copied().collect();
    ensure!(twice.is_empty(), "{what}: ids {twice:?} come more than once");
    let missing: Vec<&i64> = expected.difference(&seen).collect();
    let extra: Vec<&i64> = seen.difference(expected).collect();
    ensure!(
        missing.is_empty() && extra.is_empty(),
        "{what}: ids {missing:?} are missing and ids {extra:?} were not in the one page of every member"
    );
    Ok(())
}

fn defaults(ctx: &Ctx) -> Verdict {
    let all = ctx.all_members(&ctx.master, "")?.len() as u64;
    let page = read_page(&ctx.master, "/members")?;
    ensure_echo("/members", &page, 1, 50)?;
    ensure!(
        page["total"] == all,
        "GET /members: `total` {}, but {all} members over all pages",
        page["total"]
    );
    let items = page["items"].as_array().map_or(0, Vec::len) as u64;
    ensure!(items == all.min(50), "GET /members: {items} items, expected {}", all.min(50));
    Ok(())
}

fn echo(ctx: &Ctx) -> Verdict {
    let all = ids(&Value::from(ctx.all_members(&ctx.master, "")?));
    let path = "/members?page=2&per_page=7";
    let page = read_page(&ctx.master, path)?;
    ensure_echo(path, &page, 2, 7)?;
    ensure!(
        page["total"] == all.len(),
        "GET {path}: `total` {}, expected {}",
        page["total"],
        all.len()
    );
    let expected: Vec<i64> = all.iter().skip(7).take(7).copied().collect();
    let got = ids(&page["items"]);
    ensure!(
        got == expected,
        "GET {path}: ids {got:?}, expected members 8 to 14 of the one page of 200: {expected:?}"
    );
    Ok(())
}

fn cover_once(ctx: &Ctx) -> Verdict {
    let every: BTreeSet<i64> =
        ids(&Value::from(ctx.all_members(&ctx.master, "")?)).into_iter().collect();
    for size in [7, u64::from(MAX_PER_PAGE)] {
        let (items, total) = walk(&ctx.master, "/members?", size)?;
        let got = ids(&Value::from(items));
        ensure_once(&format!("GET /members in pages of {size}"), &got, &every)?;
        ensure!(
            total == every.len() as u64,
            "GET /members: `total` {total}, but {} members",
            every.len()
        );
        let (again, _) = walk(&ctx.master, "/members?", size)?;
        let again = ids(&Value::from(again));
        ensure!(
            got == again,
            "GET /members in pages of {size}, twice with nothing changed between: the order differs\n first:  {got:?}\n second: {again:?}"
        );
    }
    Ok(())
}

fn sort_base(sort: &str) -> String {
    if sort.is_empty() { "/members?".into() } else { format!("/members?sort={sort}&") }
}

fn sorts_cover_once(ctx: &Ctx) -> Verdict {
    for sort in SORTS {
        let base = sort_base(sort);
        let (whole, _) = walk(&ctx.master, &base, u64::from(MAX_PER_PAGE))?;
        let whole = ids(&Value::from(whole));
        let expected: BTreeSet<i64> = whole.iter().copied().collect();
        let (paged, _) = walk(&ctx.master, &base, 7)?;
        let paged = ids(&Value::from(paged));
        ensure_once(&format!("GET {base}… in pages of 7"), &paged, &expected)?;
        ensure!(
            paged == whole,
            "GET {base}…: pages of 7 put together are not in the order of one page of 200\n pages of 7: {paged:?}\n one page:   {whole:?}"
        );
        let (again, _) = walk(&ctx.master, &base, 7)?;
        ensure!(
            ids(&Value::from(again)) == paged,
            "GET {base}… in pages of 7, twice with nothing changed between: the order differs"
        );
    }
    Ok(())
}

/// How two names (or emails) compare in the documented order: by their UTF-8 bytes.
pub(super) fn collate(a: &str, b: &str) -> Ordering {
    a.cmp(b)
}

/// How two members compare under `sort`, when the order between them is documented; `None`
/// when any order is right (two members of different setup states under `status`, whose blocks
/// [`sort_order`] checks on their own).
fn documented(sort: &str, a: &Member, b: &Member) -> Option<Ordering> {
    let (key, descending) = match sort.strip_prefix('-') {
        Some(key) => (key, true),
        None => (if sort.is_empty() { "name" } else { sort }, false),
    };
    let directed = |o: Ordering| if descending { o.reverse() } else { o };
    // Ties by name, then id.
    let by_name = collate(&a.name, &b.name).then(a.id.cmp(&b.id));
    // Without a value last in both directions, then the key in its direction, ties by name.
    let last_then = |x: Option<&str>, y: Option<&str>| match (x, y) {
        (None, None) => by_name,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(x), Some(y)) => directed(collate(x, y)).then(by_name),
    };
    let order = match key {
        // `-name` and `-email` reverse the tie by id too.
        "name" => directed(by_name),
        "email" => directed(collate(&a.email, &b.email).then(a.id.cmp(&b.id))),
        "group" => last_then(
            a.group.as_ref().map(|g| g.name.as_str()),
            b.group.as_ref().map(|g| g.name.as_str()),
        ),
        "status" if a.status == b.status => by_name,
        // Members without a setup first; `-status` puts those with one first.
        "status" => {
            let set_up = |m: &Member| m.status.wire_name() == "enrolled";
            directed(set_up(a).cmp(&set_up(b)))
        }
        "enrolled_at" => last_then(a.enrolled_at.as_deref(), b.enrolled_at.as_deref()),
        _ => return None,
    };
    Some(order)
}

fn show(m: &Member) -> String {
    format!(
        "{} {} <{}> (group {:?}, {}, set up {:?})",
        m.id,
        m.name,
        m.email,
        m.group.as_ref().map(|g| &g.name),
        m.status.wire_name(),
        m.enrolled_at
    )
}

fn sort_order(ctx: &Ctx) -> Verdict {
    // The setup state of the first block under `status` and `-status`.
    let mut first_blocks = Vec::new();
    for sort in SORTS {
        let base = sort_base(sort);
        let (whole, _) = walk(&ctx.master, &base, u64::from(MAX_PER_PAGE))?;
        let members: Vec<Member> = whole
            .iter()
            .map(|m| fixture::typed(m, &format!("a member of GET {base}")))
            .collect::<Result<_, _>>()?;
        for pair in members.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if documented(sort, a, b) == Some(Ordering::Greater) {
                fail!(
                    "GET {base}per_page=200: {} comes before {}, against the documented order \
                     of sort=`{}` (names and emails by their UTF-8 bytes, ties by id)",
                    show(a),
                    show(b),
                    if sort.is_empty() { "name (default)" } else { sort }
                );
            }
        }
        if sort.trim_start_matches('-') == "status" {
            let changes = members.windows(2).filter(|p| p[0].status != p[1].status).count();
            ensure!(
                changes <= 1,
                "GET {base}per_page=200: the members of each setup state must come together, \
                 one state after the other; the state changes {changes} times down the list"
            );
            if changes == 1 {
                first_blocks.push(members[0].status);
            }
        }
    }
    if let [ascending, descending] = first_blocks.as_slice() {
        ensure!(
            ascending != descending,
            "GET /members?sort=status and sort=-status both list the {} members first; \
             descending must reverse the order",
            ascending.wire_name()
        );
    }
    Ok(())
}

fn past_the_end(ctx: &Ctx) -> Verdict {
    let total = ctx.all_members(&ctx.master, "")?.len() as u64;
    let last = total.div_ceil(7).max(1);
    for number in [last + 1, 1_000_000] {
        let path = format!("/members?page={number}&per_page=7");
        let page = read_page(&ctx.master, &path)?;
        ensure_echo(&path, &page, number, 7)?;
        ensure!(
            page["items"].as_array().is_some_and(Vec::is_empty) && page["total"] == total,
            "GET {path}: expected no items and `total` {total}, got {} items and `total` {}",
            page["items"].as_array().map_or(0, Vec::len),
            page["total"]
        );
    }
    Ok(())
}

fn per_page_bounds(ctx: &Ctx) -> Verdict {
    for size in [1, MAX_PER_PAGE] {
        let path = format!("/members?per_page={size}");
        let page = read_page(&ctx.master, &path)?;
        ensure_echo(&path, &page, 1, u64::from(size))?;
        let total = page["total"].as_u64().unwrap_or_default();
        let items = page["items"].as_array().map_or(0, Vec::len) as u64;
        ensure!(
            items == total.min(u64::from(size)),
            "GET {path}: {items} items of a total of {total}"
        );
    }
    for size in ["0", "201", "1000000"] {
        expect_invalid(&ctx.master, &format!("/members?per_page={size}"), "per_page")?;
        expect_invalid(&ctx.master, &format!("/audit-events?per_page={size}"), "per_page")?;
    }
    Ok(())
}

fn invalid_values(ctx: &Ctx) -> Verdict {
    for path in ["/members", "/audit-events"] {
        for value in ["0", "-1", "abc", "1.5", "1e3", "1000001", "99999999999999999999"] {
            expect_invalid(&ctx.master, &format!("{path}?page={value}"), "page")?;
        }
        for value in ["-5", "abc", "2.5"] {
            expect_invalid(&ctx.master, &format!("{path}?per_page={value}"), "per_page")?;
        }
        let both = format!("{path}?page=0&per_page=abc");
        let reply = ctx.master.get(&both)?;
        let fields = fixture::invalid_fields(&reply, &format!("GET {both}"))?;
        ensure!(
            fields.iter().any(|f| f == "page") && fields.iter().any(|f| f == "per_page"),
            "GET {both}: the 422 must list every wrong parameter, `page` and `per_page`; it lists {fields:?}"
        );
    }
    Ok(())
}

fn empty_and_trailing(ctx: &Ctx) -> Verdict {
    let same = |path: &str, like: &str| same_page(ctx, path, like);
    same("/members?page=", "/members")?;
    same("/members?per_page=", "/members")?;
    same("/members?page=&per_page=", "/members")?;
    same("/members?page=2&per_page=7&", "/members?page=2&per_page=7")?;
    same("/members?&page=2&&per_page=7", "/members?page=2&per_page=7")?;
    same("/members?page=2&per_page=7&sort=&q=", "/members?page=2&per_page=7")?;
    same("/audit-events?page=&per_page=2&", "/audit-events?per_page=2")?;
    same("/audit-events?&&kind=&per_page=2", "/audit-events?per_page=2")
}

/// Fails unless `GET path` answers what `GET like` answers: the same page and the same items.
fn same_page(ctx: &Ctx, path: &str, like: &str) -> Verdict {
    let got = read_page(&ctx.master, path)?;
    let expected = read_page(&ctx.master, like)?;
    for field in ["page", "per_page", "total"] {
        ensure!(
            got[field] == expected[field],
            "GET {path}: `{field}` {}, but GET {like} answers {}",
            got[field],
            expected[field]
        );
    }
    ensure!(
        ids(&got["items"]) == ids(&expected["items"]),
        "GET {path} answers other items than GET {like}: {:?} and {:?}",
        ids(&got["items"]),
        ids(&expected["items"])
    );
    Ok(())
}

fn unknown_parameter(ctx: &Ctx) -> Verdict {
    same_page(ctx, "/members?colour=red&page=2&per_page=7", "/members?page=2&per_page=7")?;
    same_page(ctx, "/members?page=2&per_page=7&flag", "/members?page=2&per_page=7")?;
    same_page(ctx, "/members?Page=5&per_page=7", "/members?per_page=7")?;
    same_page(ctx, "/audit-events?colour=red&per_page=2", "/audit-events?per_page=2")
}

fn repeated_parameter(ctx: &Ctx) -> Verdict {
    expect_invalid(&ctx.master, "/members?page=1&page=2", "page")?;
    expect_invalid(&ctx.master, "/members?per_page=5&per_page=5", "per_page")?;
    expect_invalid(&ctx.master, "/audit-events?page=1&page=2", "page")
}

fn audit_cover_once(ctx: &Ctx) -> Verdict {
    let first = read_page(&ctx.master, "/audit-events?per_page=200")?;
    if first["total"].as_u64().unwrap_or_default() < 3 {
        // Too few events to page: two reversible changes make two more.
        let groups = fixture::groups(ctx, &ctx.master)?;
        let Some(group) = groups.first() else {
            crate::skip!(
                "the audit log has fewer than 3 events and the organization no group to change"
            );
        };
        fixture::with_force(ctx, &ctx.master, group.id, !group.force_two_step, || Ok(()))?;
    }
    let (whole, total) = walk(&ctx.master, "/audit-events?", u64::from(MAX_PER_PAGE))?;
    let every = ids(&Value::from(whole));
    let expected: BTreeSet<i64> = every.iter().copied().collect();
    ensure!(
        expected.len() == every.len(),
        "GET /audit-events?per_page=200: an event comes twice: {every:?}"
    );
    for size in [2, 7] {
        let (items, this_total) = walk(&ctx.master, "/audit-events?", size)?;
        ensure!(
            this_total == total,
            "GET /audit-events in pages of {size}: `total` {this_total}, expected {total}"
        );
        let got = ids(&Value::from(items));
        ensure_once(&format!("GET /audit-events in pages of {size}"), &got, &expected)?;
        ensure!(
            got == every,
            "GET /audit-events: pages of {size} put together are not in the order of one page of 200"
        );
    }
    let past = total.div_ceil(2) + 1;
    let path = format!("/audit-events?page={past}&per_page=2");
    let page = read_page(&ctx.master, &path)?;
    ensure_echo(&path, &page, past, 2)?;
    ensure!(
        page["items"].as_array().is_some_and(Vec::is_empty) && page["total"] == total,
        "GET {path}: past the last page expected no items and `total` {total}: {page}"
    );
    let default = read_page(&ctx.master, "/audit-events")?;
    ensure_echo("/audit-events", &default, 1, 50)?;
    Ok(())
}
