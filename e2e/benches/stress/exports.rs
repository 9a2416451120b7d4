//! Part 4, exports: ten administrators export every member of a generated organization at
//! once, while the server's resident memory is sampled.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use twostep_e2e::{ApiSession, TestServer};

use crate::client::{Http, Reply, block_on};
use crate::measure::{RssSampler, anonymous, rss, server_pid};
use crate::report::{Table, bytes, count, counts, duration, elapsed, memory, spread, tally};
use crate::reset::ADMIN;
use crate::sleep_until;

/// Exports at once.
const EXPORTS: usize = 10;
const EXPORT: &str = "/api/v1/members/export";
/// The longest one export may take.
const EXPORT_LIMIT: Duration = Duration::from_secs(180);
/// When memory is read again after the last export.
const AFTER: Duration = Duration::from_secs(5);

/// Starts a server on a copy of `database` (`members` members, accounts signing in with
/// `password`), runs the exports, and reports them.
pub fn run(members: u64, database: &Path, password: &str) -> Table {
    let server = crate::start_server(|| TestServer::start_on_copy_of(database, password));
    let pid = server_pid();
    let admin = ApiSession::sign_in(&server, ADMIN, password);
    let memory_before = rss(pid);

    let sampler = RssSampler::start(pid, None);
    let began = sampler.began();
    let replies: Vec<Reply> = block_on(async {
        let http = Arc::new(Http::new(server.base_url(), None));
        let cookie = admin.cookie().to_owned();
        let tasks: Vec<_> = (0..EXPORTS)
            .map(|_| {
                let (http, cookie) = (Arc::clone(&http), cookie.clone());
                tokio::spawn(async move {
                    let headers = [("cookie", cookie.as_str()), ("accept", "text/csv")];
                    http.send("GET", EXPORT, &headers, None, EXPORT_LIMIT).await
                })
            })
            .collect();
        let mut replies = Vec::new();
        for task in tasks {
            replies.push(task.await.expect("an export task panicked"));
        }
        replies
    });
    let ended = began.elapsed();
    sleep_until(began + ended + AFTER);
    let memory_after = rss(pid);
    let heap_after = anonymous(pid);
    let samples = sampler.stop();

    let mut table = Table::new(&format!(
        "4. Exports: {EXPORTS} concurrent GET {EXPORT} at {} members",
        count(members)
    ));
    table.row("server memory before", memory(memory_before));
    table.row("answers by status", counts(&tally(&replies)));
    let complete: Vec<&Reply> = replies.iter().filter(|reply| reply.outcome == Ok(200)).collect();
    if let Some(largest) = complete.iter().map(|reply| reply.body.len()).max() {
        let rows = complete.iter().max_by_key(|reply| reply.body.len()).map_or(0, |reply| {
            reply.body.iter().filter(|b| **b == b'\n').count().saturating_sub(1)
        });
        table.row("one export", format!("{} rows, {}", count(rows as u64), bytes(largest as u64)));
    }
    table.row("time of each export", spread(&elapsed(&replies)));
    table.row("all done after", duration(ended));
    table.row(
        "peak server memory",
        samples.peak().map_or("not sampled".to_owned(), |(at, peak)| {
            format!("{} (at {})", bytes(peak), duration(at))
        }),
    );
    table.row(format!("server memory {} s after the last", AFTER.as_secs()), memory(memory_after));
    table.row(
        "  of which its own (RssAnon; the rest is the mapped database file)",
        memory(heap_after),
    );
    drop(server);
    table
}
