//! How the reference server holds up against hostile load, on loopback: `cargo xtask stress`
//! builds the server (or takes `TWOSTEP_SERVER_BIN`), generates the organizations once, and
//! runs this, which prints one table per part:
//!
//! 1. a sign-in flood: 200 connections of unknown-email sign-ins for 10 s, the server's peak
//!    memory and its memory after, a real member's sign-in from another address and an
//!    administrator's member list meanwhile ([`flood`]);
//! 2. 1,100 slow clients: how many are still open after the server's timeouts, and whether a
//!    new client gets in meanwhile ([`slow_clients`]);
//! 3. the global reset at 100,000 and 500,000 members, and how long writes sent during it
//!    wait ([`reset`]);
//! 4. ten concurrent exports of 100,000 members, and the server's peak memory ([`exports`]).
//!
//! It records what it observes and fails on no status: the same run measures the server before
//! and after a change. Its settings, from the environment:
//!
//! - `TWOSTEP_SERVER_BIN`, `TWOSTEP_DIST_DIR`: the server and a console folder (any
//!   `index.html`), as for the end-to-end tests;
//! - `TWOSTEP_STRESS_DATABASE_100K`, `TWOSTEP_STRESS_DATABASE_500K`: organizations made by
//!   `twostep-server generate` (the server runs on copies); parts 3 and 4 are skipped without;
//! - `TWOSTEP_BENCH_PASSWORD`: the password of their accounts;
//! - `TWOSTEP_STRESS_PARTS` (optional): the parts to run, like `flood,slow` (of `flood`,
//!   `slow`, `reset`, `exports`); all by default.
//!
//! Servers start with a soft limit of 1,024 open files, the usual default (a server may raise
//! its own); this process raises its own to the hard limit to hold the slow clients.

#![warn(missing_docs)]

mod client;
mod exports;
mod flood;
mod measure;
mod report;
mod reset;
mod slow_clients;

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::PathBuf;
use std::thread;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use twostep_e2e::TestServer;

use measure::{CpuTimes, load, open_file_limits, set_open_file_limit};
use report::{Table, duration};

/// The soft open-file limit every server starts with: the usual default of a login shell or
/// a systemd service.
const SERVER_OPEN_FILES: u64 = 1_024;

/// Other processes' share of the CPU time above which the report says the timings are noisy.
const BUSY_SHARE: f64 = 0.15;

fn main() {
    let settings = Settings::from_env();
    let (_, hard) = open_file_limits();
    set_open_file_limit(hard);
    let (load_at_start, cpus) = load();
    let started = Instant::now();
    let started_at = utc_now();

    let mut parts: Vec<Part> = Vec::new();
    parts.push(("flood", "1. Sign-in flood", Box::new(flood::run)));
    parts.push(("slow", "2. Slow clients", Box::new(slow_clients::run)));
    for (members, database) in &settings.databases {
        let (members, database, password) = (*members, database.clone(), settings.password.clone());
        let title = "3. Global reset";
        parts.push(("reset", title, Box::new(move || reset::run(members, &database, &password))));
    }
    if let Some((members, database)) = settings.databases.first() {
        let (members, database, password) = (*members, database.clone(), settings.password.clone());
        parts.push((
            "exports",
            "4. Exports",
            Box::new(move || exports::run(members, &database, &password)),
        ));
    }

    let mut tables = Vec::new();
    let mut busiest = 0.0f64;
    for (name, title, part) in parts {
        if !settings.parts.iter().any(|chosen| chosen == name) {
            continue;
        }
        eprintln!("\nstress: {title} ...");
        let before = CpuTimes::now();
        let outcome = catch_unwind(AssertUnwindSafe(part));
        busiest = busiest.max(CpuTimes::now().others_since(&before));
        let text = match outcome {
            Ok(table) => table.render(),
            Err(panic) => format!("{title}\n  did not finish: {}\n", message(&*panic)),
        };
        eprintln!("{text}");
        tables.push(text);
    }
    if settings.databases.is_empty() {
        tables.push(
            "3. Global reset, 4. Exports\n  skipped: no TWOSTEP_STRESS_DATABASE_100K or _500K \
             (run `cargo xtask stress`, which generates them)\n"
                .to_owned(),
        );
    }

    println!("Twostep Admin stress run of {}", settings.server.display());
    println!(
        "Started {started_at}, {} in all, {cpus} CPUs; servers start with a soft limit of \
         {SERVER_OPEN_FILES} open files; everything on loopback.",
        duration(started.elapsed())
    );
    if busiest > BUSY_SHARE {
        println!(
            "Note: other processes were using the machine (up to {:.0}% of its CPU time during a \
             part; load average {load_at_start:.1} at the start): the timings are noisy.",
            busiest * 100.0
        );
    }
    for table in tables {
        println!("\n{table}");
    }
}

/// A part of the run: its name in `TWOSTEP_STRESS_PARTS`, its title, and what runs it.
type Part = (&'static str, &'static str, Box<dyn FnOnce() -> Table>);

/// Starts a server with the soft open-file limit of [`SERVER_OPEN_FILES`], then gives this
/// process its hard limit back.
pub fn start_server(start: impl FnOnce() -> TestServer) -> TestServer {
    set_open_file_limit(SERVER_OPEN_FILES);
    let server = catch_unwind(AssertUnwindSafe(start));
    set_open_file_limit(u64::MAX);
    server.unwrap_or_else(|panic| resume_unwind(panic))
}

/// Sleeps until `moment` (returns at once when it has passed).
pub fn sleep_until(moment: Instant) {
    thread::sleep(moment.saturating_duration_since(Instant::now()));
}

/// What the run was told through the environment.
#[derive(Debug)]
struct Settings {
    server: PathBuf,
    databases: Vec<(u64, PathBuf)>,
    password: String,
    parts: Vec<String>,
}

impl Settings {
    fn from_env() -> Self {
        let server = std::env::var_os("TWOSTEP_SERVER_BIN").map(PathBuf::from).unwrap_or_else(|| {
            eprintln!(
                "TWOSTEP_SERVER_BIN is not set: run `cargo xtask stress`, which builds the server \
                 and generates the organizations, or name a server binary"
            );
            std::process::exit(2);
        });
        let databases =
            [(100_000, "TWOSTEP_STRESS_DATABASE_100K"), (500_000, "TWOSTEP_STRESS_DATABASE_500K")]
                .into_iter()
                .filter_map(|(members, name)| {
                    Some((members, PathBuf::from(std::env::var_os(name)?)))
                })
                .collect();
        let password = std::env::var("TWOSTEP_BENCH_PASSWORD").unwrap_or_default();
        let parts = std::env::var("TWOSTEP_STRESS_PARTS")
            .unwrap_or_else(|_| "flood,slow,reset,exports".to_owned())
            .split(',')
            .map(|part| part.trim().to_owned())
            .collect();
        Self { server, databases, password, parts }
    }
}

/// The text of a panic's payload.
fn message(panic: &(dyn Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|text| (*text).to_owned()))
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// Now, as `2026-12-03 08:45 UTC`.
fn utc_now() -> String {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, of_day) = (seconds / 86_400, seconds % 86_400);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year}-{month:02}-{day:02} {:02}:{:02} UTC", of_day / 3_600, of_day % 3_600 / 60)
}
