//! Installs the tools the commands need when they are missing, at the versions the project pins.
//!
//! Every step checks first and does nothing when the right version is already there, so a second
//! run costs a few version checks.

use std::fs;

use crate::process::{cargo_bin, command, output, run};
use crate::{Failure, Outcome, root};

/// Trunk builds the console; 0.22 needs a newer rustc than the project's toolchain.
const TRUNK: &str = "0.21.14";
/// Must equal the `wasm-bindgen` version pinned in Cargo.toml (and so in Cargo.lock).
const WASM_BINDGEN: &str = "0.2.130";
/// Firefox's WebDriver server.
const GECKODRIVER: &str = "0.37.1";
/// npm packages installed into `tools/`: wasm-opt (Debian's binaryen 108 emits broken modules)
/// and axe-core, injected into pages by the end-to-end suite.
const NPM_TOOLS: [(&str, &str); 2] = [("binaryen", "132.0.0"), ("axe-core", "4.14.1")];
/// Debian packages for the browser tests.
const BROWSER_PACKAGES: [&str; 5] =
    ["chromium", "chromium-driver", "firefox-esr", "webkit2gtk-driver", "xvfb"];

/// What `cargo xtask run` needs: everything to build the console.
pub fn build_tools() -> Outcome {
    wasm_target()?;
    cargo_tool("trunk", "trunk", TRUNK, true)?;
    cargo_tool("wasm-bindgen", "wasm-bindgen-cli", WASM_BINDGEN, false)?;
    npm_tools()
}

/// What `cargo xtask bench` needs on top of [`build_tools`]: Chromium and its driver.
pub fn bench_tools() -> Outcome {
    build_tools()?;
    debian_packages(&["chromium", "chromium-driver"])
}

/// What `cargo xtask schemathesis` needs: a Python 3 that can make a virtual environment with
/// pip in it (Debian's own python3 needs its `python3-venv` package for that).
pub fn python_venv() -> Outcome {
    if output(command("python3").args(["-c", "import ensurepip, venv"])).is_some() {
        return Ok(());
    }
    debian_packages(&["python3-venv"])
}

/// What the layer `layer` of `cargo xtask test` needs, so that running a few layers installs
/// only what they use: `fmt`, `unit` and `budget` need the Rust toolchain alone.
pub fn for_layer(layer: &str) -> Outcome {
    match layer {
        "clippy" => wasm_target(),
        "component" => {
            wasm_target()?;
            cargo_tool("wasm-bindgen", "wasm-bindgen-cli", WASM_BINDGEN, false)?;
            debian_packages(&["chromium", "chromium-driver"])
        }
        "spa" => build_tools(),
        "e2e" => test_tools(),
        _ => Ok(()),
    }
}

/// What the end-to-end tests need on top of [`build_tools`]: the browsers, their drivers, and a
/// display server.
fn test_tools() -> Outcome {
    build_tools()?;
    debian_packages(&BROWSER_PACKAGES)?;
    cargo_tool("geckodriver", "geckodriver", GECKODRIVER, true)
}

fn wasm_target() -> Outcome {
    let installed = output(command("rustup").args(["target", "list", "--installed"]));
    if installed.is_some_and(|list| list.lines().any(|l| l.trim() == "wasm32-unknown-unknown")) {
        return Ok(());
    }
    run(
        command("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
        "adding the wasm32 target",
    )
}

/// Installs `krate` at `version` with `cargo install` unless `binary --version` already says so.
fn cargo_tool(binary: &str, krate: &str, version: &str, locked: bool) -> Outcome {
    let path = cargo_bin().join(binary);
    let current = output(command(&path).arg("--version")).unwrap_or_default();
    if current.split_whitespace().any(|word| word == version || word == format!("v{version}")) {
        return Ok(());
    }
    println!("{binary} {version} is missing; installing it (this takes a few minutes, once)");
    let mut cmd = command("cargo");
    cmd.args(["install", krate, "--version", &format!("={version}")]);
    if locked {
        cmd.arg("--locked");
    }
    // Built apart from the workspace, so the project's profiles and target folder stay out of it.
    cmd.current_dir(std::env::temp_dir()).env_remove("CARGO_TARGET_DIR");
    run(&mut cmd, &format!("installing {krate} {version}"))
}

fn npm_tools() -> Outcome {
    let tools = root().join("tools");
    let wanted = |(name, version): &(&str, &str)| {
        let manifest = tools.join("node_modules").join(name).join("package.json");
        let text = fs::read_to_string(manifest).unwrap_or_default();
        !text.contains(&format!("\"version\": \"{version}\""))
    };
    if !NPM_TOOLS.iter().any(wanted) {
        return Ok(());
    }
    if output(command("npm").arg("--version")).is_none() {
        debian_packages(&["nodejs", "npm"])?;
    }
    fs::create_dir_all(&tools).map_err(|e| format!("creating {}: {e}", tools.display()))?;
    let deps: Vec<String> =
        NPM_TOOLS.iter().map(|(name, version)| format!("    \"{name}\": \"{version}\"")).collect();
    let manifest = format!(
        "{{\n  \"name\": \"twostep-admin-tools\",\n  \"private\": true,\n  \"dependencies\": {{\n{}\n  }}\n}}\n",
        deps.join(",\n")
    );
    fs::write(tools.join("package.json"), manifest)
        .map_err(|e| format!("writing tools/package.json: {e}"))?;
    run(
        command("npm").args(["install", "--no-audit", "--no-fund", "--prefix"]).arg(&tools),
        "installing wasm-opt and axe-core from npm into tools/",
    )
}

fn debian_packages(packages: &[&str]) -> Outcome {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|package| {
            let status = output(command("dpkg-query").args(["-W", "-f=${Status}", package]));
            !status.is_some_and(|s| s.contains("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let list = missing.join(" ");
    println!("Debian packages missing: {list}; installing them");
    let as_root = output(command("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    let apt = |args: &[&str]| {
        let mut cmd = if as_root { command("apt-get") } else { command("sudo") };
        if !as_root {
            cmd.arg("apt-get");
        }
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    let hint =
        |e: Failure| Failure(format!("{}; install these Debian packages by hand: {list}", e.0));
    run(&mut apt(&["update", "-qq"]), "apt-get update").map_err(hint)?;
    let mut install = apt(&["install", "-y", "-qq"]);
    install.args(&missing);
    run(&mut install, "apt-get install").map_err(hint)
}
