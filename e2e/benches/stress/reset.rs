//! Part 3, the global reset: on a generated organization, the policy save that changes the
//! primary method (and so resets every member's two-step verification) is timed, while group
//! saves and other sessions' sign-outs are sent during it (and group saves for a few seconds
//! after): how long they wait is how long the database's write lock is held.

use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::json;
use twostep_contract::{
    MemberPage, PolicySettings, PolicyUpdate, PolicyUpdated, PrimaryMethod, TechnicianGroup,
};
use twostep_e2e::{ApiSession, TestServer};

use crate::client::{Http, Reply, block_on, once};
use crate::report::{Table, count, counts, duration, tally};
use crate::sleep_until;

/// The generated organization's master administrator.
pub const ADMIN: &str = "admin@globex.example";
const POLICY: &str = "/api/v1/two-step-verification/policy";
const SESSION: &str = "/api/v1/session";
/// A member the policy does not require and who has not set up: signs in with the password.
const FREE_MEMBER: &str = "/api/v1/members?required=false&status=not_enrolled&per_page=1";

/// The longest the reset may take.
const RESET_LIMIT: Duration = Duration::from_secs(120);
/// The longest one write sent during it may take.
const WRITE_LIMIT: Duration = Duration::from_secs(60);
/// When other sessions are signed out, after the reset was sent: at once, and later in case
/// the reset takes the write lock only after reading.
const SIGN_OUTS_AT: [Duration; 3] =
    [Duration::from_millis(1), Duration::from_millis(100), Duration::from_secs(1)];
/// How long group saves go on after the reset has ended (a server may still be deleting the
/// void setups).
const SAVES_AFTER: Duration = Duration::from_secs(5);
/// The pause between group saves, and at most how many.
const SAVES_EVERY: Duration = Duration::from_millis(50);
const MAX_SAVES: usize = 400;

/// Starts a server on a copy of `database` (`members` members, accounts signing in with
/// `password`), resets everyone through the policy, and reports it.
pub fn run(members: u64, database: &Path, password: &str) -> Table {
    let server = crate::start_server(|| TestServer::start_on_copy_of(database, password));
    let base = server.base_url().to_owned();
    let admin = ApiSession::sign_in(&server, ADMIN, password);
    let free = admin.get(FREE_MEMBER);
    let free: MemberPage = serde_json::from_str(&free.body)
        .unwrap_or_else(|error| panic!("GET {FREE_MEMBER}: {error}: {free:?}"));
    let free = &free.items.first().expect("a member who need not use two-step verification").email;
    let others: Vec<ApiSession> =
        SIGN_OUTS_AT.iter().map(|_| ApiSession::sign_in(&server, free, password)).collect();
    let group = admin
        .technician_groups()
        .into_iter()
        .filter(|group| group.parent_id.is_none())
        .min_by_key(|group| group.id)
        .expect("the generated organization has top-level groups");
    let (_, group_etag) = admin.technician_group(group.id);
    let (policy, policy_etag) = admin.policy();
    let from = policy.settings.primary_method;
    let to = if from == PrimaryMethod::Sms {
        PrimaryMethod::AuthenticatorApp
    } else {
        PrimaryMethod::Sms
    };
    let update = PolicyUpdate {
        settings: PolicySettings { primary_method: to, ..policy.settings },
        confirm_reset: Some(true),
    };
    let update = serde_json::to_string(&update).expect("a policy update serializes");
    let admin_headers = [
        ("cookie".to_owned(), admin.cookie().to_owned()),
        ("x-csrf-token".to_owned(), admin.csrf_token().to_owned()),
        ("accept".to_owned(), "application/json".to_owned()),
    ];

    let ended = Arc::new(OnceLock::new());
    let began = Instant::now();
    let reset = {
        let (base, ended) = (base.clone(), Arc::clone(&ended));
        let mut headers = admin_headers.to_vec();
        headers.push(("if-match".to_owned(), policy_etag));
        thread::spawn(move || {
            let reply =
                once(&base, None, "PUT", POLICY, &pairs(&headers), Some(update), RESET_LIMIT);
            let _ = ended.set(Instant::now());
            reply
        })
    };
    let saves = {
        let (base, ended) = (base.clone(), Arc::clone(&ended));
        let start = (group.id, group.force_two_step, group_etag);
        thread::spawn(move || save_groups(&base, &admin_headers, start, &ended, began))
    };
    let sign_outs: Vec<_> = SIGN_OUTS_AT
        .iter()
        .zip(&others)
        .map(|(at, other)| {
            let (base, at) = (base.clone(), *at);
            let headers = [
                ("cookie".to_owned(), other.cookie().to_owned()),
                ("x-csrf-token".to_owned(), other.csrf_token().to_owned()),
            ];
            thread::spawn(move || {
                sleep_until(began + at);
                let sent = began.elapsed();
                (sent, once(&base, None, "DELETE", SESSION, &pairs(&headers), None, WRITE_LIMIT))
            })
        })
        .collect();
    let reset = reset.join().expect("the reset's thread panicked");
    let reset_ended = ended.get().map_or(began.elapsed(), |end| *end - began);
    let saves = saves.join().expect("the group saves' thread panicked");
    let sign_outs: Vec<(Duration, Reply)> = sign_outs
        .into_iter()
        .map(|sign_out| sign_out.join().expect("a sign-out's thread panicked"))
        .collect();

    let mut table = Table::new(&format!("3. Global reset at {} members", count(members)));
    let reset_count = serde_json::from_slice::<PolicyUpdated>(&reset.body)
        .map_or(String::new(), |updated| {
            format!(", {} setups reset", count(updated.enrollments_reset))
        });
    table.row(
        format!("PUT /policy, primary method {from:?} → {to:?}, confirm_reset"),
        format!("{}{reset_count}", reset.describe()),
    );
    let (during, after): (Vec<&Save>, Vec<&Save>) =
        saves.iter().partition(|(sent, _)| *sent < reset_ended);
    table.row(
        "group saves (PATCH /technician-groups/{id}) while the reset ran",
        saves_summary(&during),
    );
    table.row(
        format!(
            "group saves in the {} s after it (void setups being deleted, if any)",
            SAVES_AFTER.as_secs()
        ),
        saves_summary(&after),
    );
    for ((sent, sign_out), other) in sign_outs.iter().zip(&others) {
        let overlapped =
            if *sent < reset_ended { "while the reset ran" } else { "after the reset had ended" };
        let afterwards = once(
            &base,
            None,
            "GET",
            SESSION,
            &[("cookie", other.cookie()), ("accept", "application/json")],
            None,
            WRITE_LIMIT,
        );
        let session = match afterwards.outcome {
            Ok(401) => "the session ended".to_owned(),
            Ok(200) => "the session is STILL SIGNED IN".to_owned(),
            _ => format!("GET /session then: {}", afterwards.describe()),
        };
        table.row(
            format!("sign-out of another session, sent {} into the reset", duration(*sent)),
            format!("{} ({overlapped}); {session}", sign_out.describe()),
        );
    }
    drop(server);
    table
}

/// A group save: when it was sent (since the reset was), and its reply.
type Save = (Duration, Reply);

/// `3 sent: 200 × 3; longest 200 in 29 ms (sent 20 ms into the reset)`.
fn saves_summary(saves: &[&Save]) -> String {
    let replies: Vec<Reply> = saves.iter().map(|(_, reply)| reply.clone()).collect();
    match saves.iter().max_by_key(|(_, reply)| reply.elapsed) {
        None => "none sent".to_owned(),
        Some((sent, slowest)) => format!(
            "{} sent: {}; longest {} (sent {} into the reset)",
            saves.len(),
            counts(&tally(&replies)),
            slowest.describe(),
            duration(*sent)
        ),
    }
}

/// Saves the group `(id, force_two_step, etag)` again and again, flipping "Force two-step
/// verification", until [`SAVES_AFTER`] after the reset `ended`: each save's moment (since
/// `began`) and reply.
fn save_groups(
    base: &str,
    headers: &[(String, String)],
    (id, mut force, mut etag): (i64, bool, String),
    ended: &OnceLock<Instant>,
    began: Instant,
) -> Vec<Save> {
    let path = format!("/api/v1/technician-groups/{id}");
    let headers = pairs(headers);
    block_on(async {
        let http = Http::new(base, None);
        let mut saves = Vec::new();
        while ended.get().is_none_or(|end| end.elapsed() < SAVES_AFTER) && saves.len() < MAX_SAVES {
            let mut conditional = headers.clone();
            conditional.push(("if-match", &etag));
            let body = json!({"force_two_step": !force}).to_string();
            let sent = began.elapsed();
            let reply = http.send("PATCH", &path, &conditional, Some(body), WRITE_LIMIT).await;
            // After anything but a save, whether it was saved is unknown: read the group again.
            let saved = if reply.outcome == Ok(200) {
                reply.clone()
            } else {
                http.send("GET", &path, &headers, None, WRITE_LIMIT).await
            };
            saves.push((sent, reply));
            let group: Option<TechnicianGroup> = serde_json::from_slice(&saved.body).ok();
            if let (Some(group), Some(next)) = (group, saved.header("etag")) {
                force = group.force_two_step;
                etag = next.to_owned();
            }
            // Saves a person might make, not a flood of writes that would slow the reset.
            tokio::time::sleep(SAVES_EVERY).await;
        }
        saves
    })
}

/// Borrowed `(name, value)` pairs of owned headers.
fn pairs(headers: &[(String, String)]) -> Vec<(&str, &str)> {
    headers.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect()
}
