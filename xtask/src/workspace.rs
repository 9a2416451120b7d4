//! Where the project is: its root folder, found at run time from the folder the command runs
//! in, and the folder cargo builds into.
//!
//! Not from `CARGO_MANIFEST_DIR` at compile time: with a `CARGO_TARGET_DIR` shared between
//! clones, cargo may run an `xtask` built in another clone, or in one deleted since, and every
//! command would then start in that other folder.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::Failure;

static ROOT: OnceLock<PathBuf> = OnceLock::new();

const RUN_INSIDE: &str = "Run `cargo xtask` from inside a checkout of Twostep Admin.";

/// Finds the workspace root from the current folder (once; later calls answer the same) so
/// that [`root`] can tell it.
///
/// # Errors
/// When the current folder cannot be read (deleted, say) or is not inside a checkout.
pub fn locate() -> Result<&'static Path, Failure> {
    if let Some(root) = ROOT.get() {
        return Ok(root);
    }
    let here = std::env::current_dir().map_err(|error| {
        Failure(format!("cannot read the current folder ({error}); was it deleted? {RUN_INSIDE}"))
    })?;
    let found = find_root(&here)?;
    Ok(ROOT.get_or_init(|| found))
}

/// The workspace root: the folder holding the root `Cargo.toml`, as [`locate`] found it.
///
/// # Panics
/// If [`locate`] has not succeeded yet: `main` calls it before any command that needs it.
pub fn root() -> &'static Path {
    ROOT.get().expect("main locates the workspace before running a command")
}

/// Where cargo puts build output: `CARGO_TARGET_DIR` (a relative one taken from the current
/// folder, as cargo takes it), or `target/` in the workspace.
pub fn target_dir() -> PathBuf {
    let here = std::env::current_dir().unwrap_or_else(|_| root().to_path_buf());
    target_dir_from(std::env::var_os("CARGO_TARGET_DIR").as_deref(), &here, root())
}

/// The nearest folder at or above `start` whose `Cargo.toml` declares a `[workspace]` and
/// which holds `xtask/Cargo.toml`: the root of a checkout of this project. Cargo searches for a
/// workspace upwards the same way.
///
/// # Errors
/// When there is none, with what to do about it.
pub fn find_root(start: &Path) -> Result<PathBuf, Failure> {
    start
        .ancestors()
        .find(|folder| {
            declares_workspace(&folder.join("Cargo.toml"))
                && folder.join("xtask/Cargo.toml").is_file()
        })
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            Failure(format!(
                "cannot find the project: neither {} nor any folder above it holds a Cargo.toml \
                 with [workspace] next to xtask/Cargo.toml. {RUN_INSIDE}",
                start.display()
            ))
        })
}

fn declares_workspace(manifest: &Path) -> bool {
    std::fs::read_to_string(manifest)
        .is_ok_and(|text| text.lines().any(|line| line.trim_start().starts_with("[workspace")))
}

fn target_dir_from(variable: Option<&OsStr>, here: &Path, root: &Path) -> PathBuf {
    match variable.filter(|value| !value.is_empty()) {
        Some(dir) => here.join(dir),
        None => root.join("target"),
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;
    use std::fs;
    use std::path::Path;

    use super::{find_root, target_dir_from};

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().expect("a file in a folder")).expect("create folders");
        fs::write(path, text).expect("write a file");
    }

    /// A checkout in miniature: the root manifest, the xtask's, and a member with its own.
    fn checkout() -> tempfile::TempDir {
        let tree = tempfile::tempdir().expect("a temporary folder");
        write(&tree.path().join("Cargo.toml"), "[package]\nname = \"a\"\n\n[workspace]\n");
        write(&tree.path().join("xtask/Cargo.toml"), "[package]\nname = \"xtask\"\n");
        write(&tree.path().join("server/Cargo.toml"), "[package]\nname = \"server\"\n");
        fs::create_dir_all(tree.path().join("server/src/auth")).expect("create folders");
        tree
    }

    #[test]
    fn finds_the_root_from_the_root_and_from_a_nested_folder() {
        let tree = checkout();
        assert_eq!(find_root(tree.path()).expect("found"), tree.path());
        // Past the member's own Cargo.toml, which declares no workspace.
        assert_eq!(find_root(&tree.path().join("server/src/auth")).expect("found"), tree.path());
    }

    #[test]
    fn a_workspace_without_the_xtask_is_another_project() {
        let tree = tempfile::tempdir().expect("a temporary folder");
        write(&tree.path().join("Cargo.toml"), "[workspace]\nmembers = [\"b\"]\n");
        fs::create_dir_all(tree.path().join("b")).expect("create folders");
        let error = find_root(&tree.path().join("b")).expect_err("not this project");
        assert!(error.0.contains("Run `cargo xtask` from inside a checkout"), "{}", error.0);
    }

    #[test]
    fn outside_any_checkout_it_says_where_it_looked_and_what_to_do() {
        let tree = tempfile::tempdir().expect("a temporary folder");
        let error = find_root(tree.path()).expect_err("no checkout");
        assert!(error.0.contains(&tree.path().display().to_string()), "{}", error.0);
        assert!(error.0.contains("Run `cargo xtask` from inside a checkout"), "{}", error.0);
    }

    #[test]
    fn the_target_folder_follows_cargo_target_dir_else_the_root() {
        let (here, root) = (Path::new("/home/a/clone/src"), Path::new("/home/a/clone"));
        assert_eq!(target_dir_from(None, here, root), root.join("target"));
        assert_eq!(target_dir_from(Some(OsStr::new("")), here, root), root.join("target"));
        assert_eq!(target_dir_from(Some(OsStr::new("/t")), here, root), Path::new("/t"));
        assert_eq!(target_dir_from(Some(OsStr::new("out")), here, root), here.join("out"));
    }
}
