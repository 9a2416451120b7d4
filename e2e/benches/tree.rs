//! How the organization tree copes with a large organization, measured inside headless
//! Chromium against the reference server: `cargo xtask bench` generates the data set (5,000
//! technician groups), builds what is needed and runs this with
//!
//! - `TWOSTEP_BENCH_DATABASE`: the SQLite database made by `twostep-server generate` (copied
//!   before the server starts, so runs do not change it);
//! - `TWOSTEP_BENCH_PASSWORD`: the password of its accounts (`admin@globex.example` signs in);
//! - `TWOSTEP_SERVER_BIN`, `TWOSTEP_DIST_DIR`: the server and the built console, as for the
//!   end-to-end tests;
//! - `TWOSTEP_BENCH_RUNS` (optional, at least 7, default 9): runs of each browser measurement.
//!
//! It measures, in the page with `performance.now()`: the time from the start of a navigation
//! to the Admin Center until the tree's items are in the DOM (and stay for a frame); the time
//! from the `input` event of the search box until the tree's DOM has settled, for a query that
//! matches many groups and one that matches few, and for clearing it; the time from a Down
//! arrow key press in the tree until the DOM has settled. And on the server, the time of
//! `GET /api/v1/technician-groups`. It prints median, minimum and maximum; it asserts nothing
//! about time.

#![warn(missing_docs)]

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use twostep_e2e::{ApiSession, BenchSettings, Browser, BrowserKind, Key, TestServer, Timings};

const ADMIN: &str = "admin@globex.example";
const ORGANIZATION: &str = "/organization";
const SEARCH: &str = "Search groups";
const BROAD: &str = "1";
const NARROW: &str = "0451";
const SERVER_CALLS: usize = 20;
const KEY_PRESSES_PER_LOAD: usize = 3;

/// Waits (in the page) until the tree items noted by `tree.js` are ready; answers
/// `{ready, rows, fetchStart, fetchEnd}` in milliseconds since the navigation started.
const WAIT_FOR_TREE: &str = "
    const done = arguments[arguments.length - 1];
    const started = performance.now();
    const poll = () => {
      const state = window.__twostepTreeReady;
      if (state && state.readyAt !== null) {
        const fetches = performance.getEntriesByType('resource')
          .filter((entry) => entry.name.endsWith('/api/v1/technician-groups'));
        const fetch = fetches[fetches.length - 1];
        done({
          ready: state.readyAt,
          rows: state.readyCount,
          fetchStart: fetch ? fetch.startTime : null,
          fetchEnd: fetch ? fetch.responseEnd : null,
        });
      } else if (!state) {
        done({ error: 'the start-of-document script did not run' });
      } else if (performance.now() - started > 30000) {
        done({ error: 'no tree items within 30 s' });
      } else {
        setTimeout(poll, 10);
      }
    };
    poll();";

/// Defines `window.__twostepSettle(root, start, done)`: watches `root` for changes from now
/// on and, once two animation frames have passed without any, calls `done` with
/// `{last, frame, mutations}` (`last`: when the last change was seen; `frame`: the first
/// animation frame after it; both null if nothing changed within ten seconds).
const SETTLE: &str = "
    window.__twostepSettle = (root, done) => {
      let last = null;
      let mutations = 0;
      const observer = new MutationObserver((records) => {
        last = performance.now();
        mutations += records.length;
      });
      observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
      const onFocus = () => { last = performance.now(); };
      document.addEventListener('focusin', onFocus, true);
      const began = performance.now();
      let seen = null;
      let frameAfter = null;
      let quiet = 0;
      const frame = (now) => {
        const at = performance.now();
        if (last !== seen) {
          seen = last;
          quiet = 0;
          frameAfter = null;
        } else if (last !== null) {
          if (frameAfter === null) frameAfter = at;
          quiet += 1;
        }
        if (quiet >= 2 || at - began > 10000) {
          observer.disconnect();
          document.removeEventListener('focusin', onFocus, true);
          done({ last, frame: quiet >= 2 ? frameAfter : null, mutations });
          return;
        }
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    };";

/// Types a query the way the console sees it (value set, `input` dispatched) and answers
/// `{start, last, frame, rows, matching}` once the tree's DOM has settled.
const SEARCH_AND_SETTLE: &str = "
    const [box, query, done] = arguments;
    box.focus();
    const nav = box.closest('nav') || document.body;
    const start = performance.now();
    window.__twostepSettle(nav, (settled) => {
      const rows = [...nav.querySelectorAll('[role=\"treeitem\"]')];
      done({
        start,
        last: settled.last,
        frame: settled.frame,
        rows: rows.length,
        matching: query ? rows.filter((row) => row.textContent.includes(query)).length : rows.length,
      });
    });
    box.value = query;
    box.dispatchEvent(new Event('input', { bubbles: true }));";

/// Arms the measurement of the next Down arrow key press in the tree: its `keydown` time and
/// the settling of the tree's DOM after it, collected by [`KEY_RESULT`].
const ARM_KEY: &str = "
    const tree = document.querySelector('[role=\"tree\"]');
    const state = { keydown: null, settled: null };
    window.__twostepKey = state;
    const onKey = (event) => {
      if (event.key !== 'ArrowDown') return;
      document.removeEventListener('keydown', onKey, true);
      state.keydown = event.timeStamp;
      window.__twostepSettle(tree, (settled) => { state.settled = settled; });
    };
    document.addEventListener('keydown', onKey, true);";

/// Waits for the armed key press to settle; answers `{keydown, last, frame}`.
const KEY_RESULT: &str = "
    const done = arguments[arguments.length - 1];
    const started = performance.now();
    const poll = () => {
      const state = window.__twostepKey;
      if (state.settled) {
        done({
          keydown: state.keydown,
          last: state.settled.last,
          frame: state.settled.frame,
        });
      } else if (performance.now() - started > 20000) {
        done({ error: state.keydown === null ? 'no keydown seen' : 'the tree did not settle' });
      } else {
        setTimeout(poll, 10);
      }
    };
    poll();";

fn main() {
    let BenchSettings { database, password, runs } = BenchSettings::from_env(9, 7);

    let server = TestServer::start_on_copy_of(&database, &password);
    let api = ApiSession::sign_in(&server, ADMIN, &password);
    let groups = api.technician_groups().len();
    let (policy, _) = api.policy();
    let members = api.preview_policy(policy.settings).members_total;
    println!(
        "\nOrganization tree benchmark: {groups} technician groups, {members} members \
         ({}), headless Chromium, {runs} runs each",
        database.display()
    );

    let browser = Browser::launch(BrowserKind::Chromium);
    browser.set_query_timeout(Duration::from_secs(60));
    browser.run_in_every_new_document(include_str!("tree.js"));
    browser.goto(&server.url("/sign-in"));
    browser.sign_in_with_keyboard(&server, ADMIN, &password);
    browser.wait_for_path("/organization/global-settings");

    let mut table = Timings::default();
    let mut clear = Vec::new();
    let mut render = Vec::new();
    let mut fetched = Vec::new();
    let mut rows_shown = 0;
    let mut keys = Vec::new();
    for _ in 0..runs {
        browser.goto(&server.url(ORGANIZATION));
        let ready = checked(browser.execute_async(WAIT_FOR_TREE, Vec::new()), "tree items");
        render.push(number(&ready["ready"]));
        if let Some(end) = ready["fetchEnd"].as_f64() {
            fetched.push(end);
        }
        rows_shown = ready["rows"].as_u64().unwrap_or_default();
        // The Down arrow, from the tree's tab stop, a few times per page load.
        browser.execute(SETTLE, Vec::new());
        browser
            .execute("document.querySelector('[role=\"tree\"] [tabindex=\"0\"]').focus();", vec![]);
        for _ in 0..KEY_PRESSES_PER_LOAD {
            browser.execute(ARM_KEY, Vec::new());
            browser.press(Key::Down);
            let key = checked(browser.execute_async(KEY_RESULT, Vec::new()), "Down arrow");
            keys.push(number(&key["last"]) - number(&key["keydown"]));
        }
    }
    table.row(
        &format!("navigation start → tree items in the DOM ({rows_shown} rows rendered)"),
        &render,
    );
    if fetched.len() == render.len() {
        table.row("  of which: GET /technician-groups answered", &fetched);
    }
    table.row(&format!("Down arrow in the tree ({} presses)", keys.len()), &keys);

    browser.execute(SETTLE, Vec::new());
    let mut search = |query: &str, what: &str, table: &mut Timings| -> (u64, u64) {
        let box_ = browser.by_role("searchbox", SEARCH);
        let mut last = Vec::new();
        let mut frame = Vec::new();
        let mut rows = 0;
        let mut matching = 0;
        for _ in 0..runs {
            let answer = checked(
                browser.execute_async(SEARCH_AND_SETTLE, vec![box_.reference(), json!(query)]),
                what,
            );
            last.push(number(&answer["last"]) - number(&answer["start"]));
            frame.push(number(&answer["frame"]) - number(&answer["start"]));
            rows = answer["rows"].as_u64().unwrap_or_default();
            matching = answer["matching"].as_u64().unwrap_or_default();
            // Back to the whole tree for the next run (measured as its own row).
            let cleared = checked(
                browser.execute_async(SEARCH_AND_SETTLE, vec![box_.reference(), json!("")]),
                "clearing the search",
            );
            clear.push(number(&cleared["last"]) - number(&cleared["start"]));
        }
        table.row(what, &last);
        table.row("  … to the next animation frame", &frame);
        (rows, matching)
    };
    let broad_rows =
        search(BROAD, &format!("search {BROAD:?} (broad): input → DOM settled"), &mut table);
    let narrow_rows =
        search(NARROW, &format!("search {NARROW:?} (narrow): input → DOM settled"), &mut table);
    table.row("clearing the search: input → DOM settled", &clear);
    if narrow_rows.1 == 0 {
        println!("warning: no tree row contains {NARROW:?} after searching for it");
    }

    let mut server_times = Vec::new();
    let mut bytes = 0;
    for _ in 0..SERVER_CALLS {
        let began = Instant::now();
        let answer = api.get("/api/v1/technician-groups");
        server_times.push(began.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(answer.status, 200, "GET /api/v1/technician-groups: {answer:?}");
        bytes = answer.body.len();
    }
    table.row(
        &format!(
            "server: GET /api/v1/technician-groups ({SERVER_CALLS} calls, {} KiB)",
            bytes / 1024
        ),
        &server_times,
    );
    table.print("measure");
    println!(
        "Tree rows in the DOM after a search: {} for {BROAD:?} ({} of them containing it), {} \
         for {NARROW:?} ({} containing it). Times in milliseconds since the navigation start, \
         the input event or the keydown.",
        broad_rows.0, broad_rows.1, narrow_rows.0, narrow_rows.1
    );
}

/// `answer`, unless the page reported an error.
fn checked(answer: Value, what: &str) -> Value {
    if let Some(error) = answer.get("error") {
        panic!("measuring {what}: {error}");
    }
    answer
}

fn number(value: &Value) -> f64 {
    value.as_f64().unwrap_or(f64::NAN)
}
