//! How fast the reference server answers the member list of a large organization:
//! `cargo xtask bench` generates the data set (100,000 members in 5,000 technician groups),
//! builds the server and runs this after the organization tree benchmark, with
//!
//! - `TWOSTEP_BENCH_DATABASE`: the SQLite database made by `twostep-server generate` (copied
//!   before the server starts, so runs do not change it);
//! - `TWOSTEP_BENCH_PASSWORD`: the password of its accounts (`admin@globex.example` signs in);
//! - `TWOSTEP_SERVER_BIN`, `TWOSTEP_DIST_DIR`: the server and the built console, as for the
//!   end-to-end tests;
//! - `TWOSTEP_BENCH_RUNS` (optional, at least 15, the default): calls of each request.
//!
//! It times, from this process (a local HTTP request, answer read in full), `GET
//! /api/v1/members` for pages with the filters and orders people use, and `GET
//! /api/v1/members/export` for the members who are required but have not set up two-step
//! verification. One call of each request first warms the server up, unmeasured. It prints
//! median, minimum and maximum; it asserts nothing about time.

#![warn(missing_docs)]

use std::time::Instant;

use twostep_contract::MemberPage;
use twostep_e2e::{ApiSession, BenchSettings, TestServer, Timings};

const ADMIN: &str = "admin@globex.example";
const MEMBERS: &str = "/api/v1/members";
const EXPORT: &str = "/api/v1/members/export";

fn main() {
    let BenchSettings { database, password, runs } = BenchSettings::from_env(15, 15);

    let server = TestServer::start_on_copy_of(&database, &password);
    let api = ApiSession::sign_in(&server, ADMIN, &password);
    let groups = api.technician_groups();
    let region = groups
        .iter()
        .filter(|group| group.parent_id.is_none())
        .min_by_key(|group| group.id)
        .expect("the generated organization has top-level groups");
    let members = page(&api, MEMBERS).total;
    println!(
        "\nMember list benchmark: {members} members in {} technician groups ({}), {runs} calls \
         each, times in milliseconds",
        groups.len(),
        database.display()
    );

    let region_id = region.id;
    let requests = [
        ("page 1, no filter".to_owned(), String::new()),
        ("page 1000 (members 49,951–50,000)".to_owned(), "page=1000".to_owned()),
        ("search q=chen".to_owned(), "q=chen".to_owned()),
        ("search q=4242 (few matches)".to_owned(), "q=4242".to_owned()),
        ("role=technician".to_owned(), "role=technician".to_owned()),
        (
            format!("group_id of {} (with its subgroups)", region.name),
            format!("group_id={region_id}"),
        ),
        (
            "required=true&status=not_enrolled".to_owned(),
            "required=true&status=not_enrolled".to_owned(),
        ),
        ("sort=-enrolled_at".to_owned(), "sort=-enrolled_at".to_owned()),
        ("sort=group".to_owned(), "sort=group".to_owned()),
        (
            format!(
                "{} + technicians + required, not set up + q=an + sort=-enrolled_at",
                region.name
            ),
            format!(
                "group_id={region_id}&role=technician&required=true&status=not_enrolled&q=an&sort=-enrolled_at"
            ),
        ),
    ];
    let mut table = Timings::default();
    for (what, query) in &requests {
        let path = if query.is_empty() { MEMBERS.to_owned() } else { format!("{MEMBERS}?{query}") };
        let matching = page(&api, &path).total;
        let times = time(&api, &path, runs);
        table.row(&format!("GET /members: {what} ({matching} matching)"), &times);
    }
    let export = format!("{EXPORT}?required=true&status=not_enrolled");
    let answer = api.get(&export);
    assert_eq!(answer.status, 200, "GET {export}: {answer:?}");
    let rows = answer.body.lines().count().saturating_sub(1);
    let times = time(&api, &export, runs);
    table.row(
        &format!(
            "GET /members/export: required, not set up ({rows} rows, {} KiB)",
            answer.body.len() / 1024
        ),
        &times,
    );
    table.print("request");
}

/// The page at `path`.
fn page(api: &ApiSession, path: &str) -> MemberPage {
    let answer = api.get(path);
    assert_eq!(answer.status, 200, "GET {path}: {answer:?}");
    serde_json::from_str(&answer.body).unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

/// `runs` timings of `GET path` in milliseconds, after one unmeasured call.
fn time(api: &ApiSession, path: &str, runs: usize) -> Vec<f64> {
    let _ = api.get(path);
    (0..runs)
        .map(|_| {
            let began = Instant::now();
            let answer = api.get(path);
            let elapsed = began.elapsed().as_secs_f64() * 1000.0;
            assert_eq!(answer.status, 200, "GET {path}: {answer:?}");
            elapsed
        })
        .collect()
}
