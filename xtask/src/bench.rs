//! `cargo xtask bench`: how the console and the reference server cope with a large
//! organization: the organization tree in headless Chromium (`e2e/benches/tree.rs`), then the
//! server's answers to the member list (`e2e/benches/members.rs`).

use std::fs;
use std::path::{Path, PathBuf};

use crate::process::{command, run};
use crate::{Failure, Outcome, install, root, spa, target_dir};

/// The data set: technician groups and members of the generated organization.
const GROUPS: u32 = 5_000;
const MEMBERS: u32 = 100_000;
/// The password of every generated account (a local benchmark database, nothing to protect).
const PASSWORD: &str = "bench-Twostep-5000";

/// Installs and builds what is needed, generates the data set once, and runs the benchmarks.
pub fn bench(args: &[String]) -> Outcome {
    if let Some(unknown) = args.first() {
        return Err(Failure(format!("`bench` takes no arguments, got `{unknown}`")));
    }
    install::bench_tools()?;
    spa::build()?;
    run(
        command("cargo").args(["build", "--package", "twostep-server", "--profile", "server"]),
        "building the server",
    )?;
    let server = target_dir().join("server/twostep-server");
    let database = generate(&server)?;
    // The benchmarks' own code only drives the browser and the server: a dev build (shared
    // with the end-to-end tests) measures the same and builds in a fraction of a release's time.
    for (bench, what) in
        [("tree", "the organization tree benchmark"), ("members", "the member list benchmark")]
    {
        run(
            command("cargo")
                .args(["bench", "--package", "twostep-e2e", "--bench", bench, "--profile", "dev"])
                .env("TWOSTEP_SERVER_BIN", &server)
                .env("TWOSTEP_DIST_DIR", root().join("dist"))
                .env("TWOSTEP_AXE_JS", root().join("tools/node_modules/axe-core/axe.min.js"))
                .env("TWOSTEP_BENCH_DATABASE", &database)
                .env("TWOSTEP_BENCH_PASSWORD", PASSWORD),
            what,
        )?;
    }
    Ok(())
}

/// Makes `target/bench/groups-5000-members-100000.db` with `twostep-server generate` unless a
/// complete one is there already, and returns its path.
fn generate(server: &Path) -> Result<PathBuf, Failure> {
    let database = target_dir().join("bench").join(format!("groups-{GROUPS}-members-{MEMBERS}.db"));
    // `keys=sealed`: the setups hold real authenticator keys sealed with the data set's own key
    // file, so that the benchmark's administrator can take the second step; older data sets
    // cannot, and are made again.
    let recipe = format!("groups={GROUPS} members={MEMBERS} password={PASSWORD} keys=sealed\n");
    generated(server, &database, (GROUPS, MEMBERS, PASSWORD), &recipe, "the benchmark's data set")
}

/// Makes `database` with `<server> generate` and `(groups, members, password)` unless a
/// complete one is there already: a marker file beside it, written after success, holds
/// `recipe`, which names how it was made. Answers its path. `what` names it in messages.
pub fn generated(
    server: &Path,
    database: &Path,
    (groups, members, password): (u32, u32, &str),
    recipe: &str,
    what: &str,
) -> Result<PathBuf, Failure> {
    let marker = sibling(database, ".complete");
    if fs::read_to_string(&marker).ok().as_deref() == Some(recipe) && database.is_file() {
        println!("The data set {} is there already.", database.display());
        return Ok(database.to_owned());
    }
    if let Some(directory) = database.parent() {
        fs::create_dir_all(directory)
            .map_err(|e| format!("creating {}: {e}", directory.display()))?;
    }
    // A run that stopped half-way leaves a database `generate` refuses: start afresh.
    for path in
        [marker.clone(), database.to_owned(), sibling(database, "-wal"), sibling(database, "-shm")]
    {
        if path.exists() {
            fs::remove_file(&path).map_err(|e| format!("removing {}: {e}", path.display()))?;
        }
    }
    run(
        command(server)
            .arg("generate")
            .arg("--database-url")
            .arg(format!("sqlite://{}", database.display()))
            .args(["--groups", &groups.to_string(), "--members", &members.to_string()])
            .args(["--demo-password", password]),
        &format!("generating {what}"),
    )?;
    fs::write(&marker, recipe).map_err(|e| format!("writing {}: {e}", marker.display()))?;
    Ok(database.to_owned())
}

/// `path` with `suffix` appended to its file name, like SQLite's `x.db-wal` next to `x.db`.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}
