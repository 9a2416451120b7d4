//! Part 1, a sign-in flood: 200 connections send sign-ins of unknown emails back to back from
//! 127.0.0.1 for 10 seconds, while a real member signs in from 127.0.0.2 and a signed-in
//! administrator reads the member list; the server's resident memory is sampled throughout.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::json;
use twostep_e2e::{ApiSession, DEMO_PASSWORD, TestServer, demo};

use crate::client::{Http, Reply, block_on, once};
use crate::measure::{RssSampler, anonymous, available_memory, rss, server_pid};
use crate::report::{Table, bytes, count, counts, duration, elapsed, memory, spread, tally};
use crate::sleep_until;

/// Connections that flood.
const CONNECTIONS: usize = 200;
/// How long they flood.
const FLOOD: Duration = Duration::from_secs(10);
/// When memory is read again after the flood's last answer.
const AFTER: Duration = Duration::from_secs(5);
/// The longest one flooding sign-in may take.
const ATTEMPT_LIMIT: Duration = Duration::from_secs(15);
/// When the real member signs in, after the flood began.
const MEMBER_SIGNS_IN_AT: Duration = Duration::from_secs(2);
/// The longest the real member's sign-in may take.
const MEMBER_LIMIT: Duration = Duration::from_secs(30);
/// When the administrator starts reading the member list, and how often.
const LIST_FROM: Duration = Duration::from_secs(1);
const LIST_EVERY: Duration = Duration::from_millis(500);
const LIST_LIMIT: Duration = Duration::from_secs(10);
/// Calls of the member list before the flood, for comparison.
const LIST_CALLS_BEFORE: usize = 5;
/// The most memory the flood may make the server take, whatever the machine has available.
const MEMORY_CAP: u64 = 12 << 30;

const SESSION: &str = "/api/v1/session";
const MEMBERS: &str = "/api/v1/members";

/// Where the real member and the administrator connect from: not the flooding address.
pub const OTHER_ADDRESS: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));

/// Runs the flood and reports it.
pub fn run() -> Table {
    let server = crate::start_server(TestServer::start);
    let pid = server_pid();
    let base = server.base_url().to_owned();
    let admin = ApiSession::sign_in(&server, demo::MAYA, DEMO_PASSWORD);
    let admin_headers = [
        ("cookie".to_owned(), admin.cookie().to_owned()),
        ("accept".to_owned(), "application/json".to_owned()),
    ];
    let member_sign_in = json!({"email": demo::SAM, "password": DEMO_PASSWORD}).to_string();

    let list_before = read_members(&base, &admin_headers, LIST_CALLS_BEFORE);
    let member_before = once(
        &base,
        Some(OTHER_ADDRESS),
        "POST",
        SESSION,
        &[],
        Some(member_sign_in.clone()),
        MEMBER_LIMIT,
    );
    let memory_before = rss(pid);

    // A flood that takes more than half of what the machine has left stops there: the run
    // must not bring down the machine it shares.
    let cap = (available_memory() / 2).min(MEMORY_CAP);
    let over = Arc::new(AtomicBool::new(false));
    let sampler = RssSampler::start(pid, Some((cap, Arc::clone(&over))));
    let began = sampler.began();
    let until = began + FLOOD;
    let answers = Arc::new(Mutex::new(BTreeMap::new()));

    let flood = {
        let (base, over, answers) = (base.clone(), Arc::clone(&over), Arc::clone(&answers));
        thread::spawn(move || flood(&base, until, &over, &answers))
    };
    let member = {
        let base = base.clone();
        thread::spawn(move || {
            sleep_until(began + MEMBER_SIGNS_IN_AT);
            let sent = began.elapsed();
            let body = Some(member_sign_in);
            (sent, once(&base, Some(OTHER_ADDRESS), "POST", SESSION, &[], body, MEMBER_LIMIT))
        })
    };
    let flooding = Arc::new(AtomicBool::new(true));
    let list = {
        let (base, flooding) = (base.clone(), Arc::clone(&flooding));
        thread::spawn(move || {
            sleep_until(began + LIST_FROM);
            read_members_while(&base, &admin_headers, &flooding)
        })
    };
    let unfinished = flood.join().expect("the flood's thread panicked");
    let flood_ended = began.elapsed();
    flooding.store(false, Ordering::Relaxed);
    let (member_sent, member_during) = member.join().expect("the member's thread panicked");
    let list_during = list.join().expect("the administrator's thread panicked");
    let memory_at_end = rss(pid);
    sleep_until(began + flood_ended + AFTER);
    let memory_after = rss(pid);
    let heap_after = anonymous(pid);
    let samples = sampler.stop();

    let answers = answers.lock().expect("no thread panicked holding the counts").clone();
    let attempts: u64 = answers.values().sum();
    let mut table = Table::new(&format!(
        "1. Sign-in flood: {CONNECTIONS} connections of unknown-email sign-ins from 127.0.0.1 for {} s",
        FLOOD.as_secs()
    ));
    table.row("server memory (VmRSS) before", memory(memory_before));
    if over.load(Ordering::Relaxed) {
        table.row("flood stopped early", format!("server memory passed {}", bytes(cap)));
    }
    let answered: u64 =
        answers.iter().filter(|(label, _)| label.parse::<u16>().is_ok()).map(|(_, n)| n).sum();
    table.row(
        "sign-in attempts",
        format!(
            "{} sent, {} answered ({} a second)",
            count(attempts),
            count(answered),
            count(answered * 1000 / u64::try_from(flood_ended.as_millis()).unwrap_or(1).max(1))
        ),
    );
    table.row("answers by status", counts(&answers));
    if unfinished > 0 {
        table.row("connections cut off unanswered at the end", count(unfinished as u64));
    }
    table.row("last answer of the flood", format!("{} after it began", duration(flood_ended)));
    table.row(
        "peak server memory",
        samples.peak().map_or("not sampled".to_owned(), |(at, peak)| {
            format!("{} (at {})", bytes(peak), duration(at))
        }),
    );
    table.row("server memory at the last answer", memory(memory_at_end));
    table.row(format!("server memory {} s later", AFTER.as_secs()), memory(memory_after));
    table.row("  of which its own (RssAnon)", memory(heap_after));
    table.row(
        format!("real member ({}) signs in from 127.0.0.2, before", demo::SAM),
        member_before.describe(),
    );
    table.row(
        format!("real member signs in from 127.0.0.2, {} into the flood", duration(member_sent)),
        member_during.describe(),
    );
    table.row("GET /members as administrator, before", spread(&elapsed(&list_before)));
    table.row("GET /members as administrator, during the flood", spread(&elapsed(&list_during)));
    table.row("GET /members during: answers by status", counts(&tally(&list_during)));
    drop(server);
    table
}

/// Sends sign-ins of unknown emails on [`CONNECTIONS`] connections back to back until `until`
/// (or until `stop`), counting the answers by status into `answers`; the number of attempts
/// still unanswered when the last moment to wait for them had passed.
fn flood(
    base: &str,
    until: Instant,
    stop: &Arc<AtomicBool>,
    answers: &Arc<Mutex<BTreeMap<String, u64>>>,
) -> usize {
    block_on(async {
        let http = Arc::new(Http::new(base, None));
        let mut tasks = Vec::new();
        for connection in 0..CONNECTIONS {
            let (http, stop, answers) = (Arc::clone(&http), Arc::clone(stop), Arc::clone(answers));
            tasks.push(tokio::spawn(async move {
                let mut attempt = 0u64;
                while Instant::now() < until && !stop.load(Ordering::Relaxed) {
                    let email = format!("flood-{connection}-{attempt}@unknown.example");
                    let body = json!({"email": email, "password": "not-the-password-1"});
                    let reply = http
                        .send("POST", SESSION, &[], Some(body.to_string()), ATTEMPT_LIMIT)
                        .await;
                    let failed = reply.outcome.is_err();
                    *answers.lock().expect("no task panicked").entry(reply.label()).or_default() +=
                        1;
                    if failed {
                        // A refused connection fails at once: do not spin on it.
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                    attempt += 1;
                }
            }));
        }
        let deadline =
            tokio::time::Instant::from_std(until + ATTEMPT_LIMIT + Duration::from_secs(1));
        let mut unfinished = 0;
        for task in tasks {
            let abort = task.abort_handle();
            if tokio::time::timeout_at(deadline, task).await.is_err() {
                abort.abort();
                unfinished += 1;
            }
        }
        unfinished
    })
}

/// `calls` calls of `GET /members` from [`OTHER_ADDRESS`] with `headers` (one connection, kept
/// alive as a browser keeps it).
fn read_members(base: &str, headers: &[(String, String)], calls: usize) -> Vec<Reply> {
    block_on(async {
        let http = Http::new(base, Some(OTHER_ADDRESS));
        let headers: Vec<(&str, &str)> =
            headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let mut replies = Vec::new();
        for _ in 0..calls {
            replies.push(http.send("GET", MEMBERS, &headers, None, LIST_LIMIT).await);
        }
        replies
    })
}

/// `GET /members` every [`LIST_EVERY`] while `flooding`, as [`read_members`].
fn read_members_while(
    base: &str,
    headers: &[(String, String)],
    flooding: &AtomicBool,
) -> Vec<Reply> {
    block_on(async {
        let http = Http::new(base, Some(OTHER_ADDRESS));
        let headers: Vec<(&str, &str)> =
            headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let mut replies = Vec::new();
        while flooding.load(Ordering::Relaxed) {
            let next = Instant::now() + LIST_EVERY;
            replies.push(http.send("GET", MEMBERS, &headers, None, LIST_LIMIT).await);
            tokio::time::sleep_until(tokio::time::Instant::from_std(next)).await;
        }
        replies
    })
}
