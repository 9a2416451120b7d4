//! `cargo xtask test`: every check of the project, layer by layer, stopping at the first failure.

use std::time::Instant;

use crate::process::{command, run};
use crate::{Failure, Outcome, conformance, install, root, schemathesis, spa, target_dir};

/// The layers, in the order they run: cheapest and most basic first.
const LAYERS: [(&str, &str); 8] = [
    ("fmt", "formatting (cargo fmt --check)"),
    ("clippy", "lints (clippy, native and wasm32)"),
    ("unit", "unit and integration tests (contract, server, xtask, the console's pure logic)"),
    ("contract", "the reference server against the contract (the conformance suite, schemathesis)"),
    ("component", "browser component tests of the console (headless Chromium)"),
    ("spa", "release build of the console"),
    ("budget", "shipped size budget"),
    ("e2e", "end-to-end tests in Chromium, Firefox and WebKitGTK"),
];

/// The flags of the Chromium that runs the component tests; see `webdriver.json`.
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Runs the named layers, or all of them, after installing what they need (and only that).
pub fn test(only: &[String]) -> Outcome {
    for name in only {
        if !LAYERS.iter().any(|(layer, _)| layer == name) {
            let names: Vec<&str> = LAYERS.iter().map(|(layer, _)| *layer).collect();
            return Err(Failure(format!(
                "unknown layer `{name}`; the layers are {}",
                names.join(", ")
            )));
        }
    }
    let chosen: Vec<&str> = LAYERS
        .iter()
        .map(|(layer, _)| *layer)
        .filter(|layer| only.is_empty() || only.iter().any(|name| name == layer))
        .collect();
    for layer in &chosen {
        install::for_layer(layer)?;
    }
    let started = Instant::now();
    let mut report = Vec::new();
    for (layer, what) in LAYERS.into_iter().filter(|(layer, _)| chosen.contains(layer)) {
        println!("\n==== {what}");
        let began = Instant::now();
        run_layer(layer).map_err(|Failure(message)| {
            Failure(format!("the `{layer}` layer ({what}) failed: {message}"))
        })?;
        report.push(format!("  {layer:<10} ok  {:>6.1} s", began.elapsed().as_secs_f64()));
    }
    println!(
        "\nEvery check passed in {:.0} s:\n{}",
        started.elapsed().as_secs_f64(),
        report.join("\n")
    );
    Ok(())
}

fn run_layer(layer: &str) -> Outcome {
    match layer {
        "fmt" => run(command("cargo").args(["fmt", "--all", "--", "--check"]), "cargo fmt --check"),
        "clippy" => {
            run(
                command("cargo").args([
                    "clippy",
                    "--workspace",
                    "--exclude",
                    "twostep-admin",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ]),
                "clippy (native crates)",
            )?;
            run(
                command("cargo").args([
                    "clippy",
                    "--package",
                    "twostep-admin",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ]),
                "clippy (the console, native)",
            )?;
            run(
                command("cargo").args([
                    "clippy",
                    "--package",
                    "twostep-admin",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ]),
                "clippy (the console, wasm32)",
            )
        }
        // The console in a run of its own, as in the clippy layer: cargo unifies dependency
        // features across the packages of one build, so building it with the server could
        // rebuild their shared dependencies for each of them alone.
        "unit" => {
            run(
                command("cargo").args([
                    "test",
                    "--workspace",
                    "--exclude",
                    "twostep-admin",
                    "--exclude",
                    "twostep-e2e",
                ]),
                "native tests",
            )?;
            run(
                command("cargo").args(["test", "--package", "twostep-admin"]),
                "native tests (the console's pure logic)",
            )
        }
        "contract" => {
            conformance::against_reference(&[])?;
            schemathesis::run()
        }
        "component" => run(
            command("cargo")
                // Only the browser tests in tests/: the library's own tests are native.
                .args([
                    "test",
                    "--package",
                    "twostep-admin",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--test",
                    "*",
                ])
                .env("CHROMEDRIVER", CHROMEDRIVER)
                .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
            "component tests",
        ),
        "spa" => spa::build(),
        "budget" => spa::check_budget(),
        "e2e" => {
            run(
                command("cargo").args(["build", "--package", "twostep-server"]),
                "building the server",
            )?;
            run(
                command("cargo")
                    .args(["test", "--package", "twostep-e2e", "--", "--test-threads=1"])
                    .env("TWOSTEP_SERVER_BIN", target_dir().join("debug/twostep-server"))
                    .env("TWOSTEP_DIST_DIR", root().join("dist"))
                    .env("TWOSTEP_AXE_JS", root().join("tools/node_modules/axe-core/axe.min.js")),
                "end-to-end tests",
            )
        }
        _ => Err(Failure(format!("no such layer `{layer}`"))),
    }
}

/// Rewrites the committed OpenAPI document from what the server's code describes.
pub fn update_openapi() -> Outcome {
    run(
        command("cargo")
            .args(["test", "--package", "twostep-server", "--test", "openapi"])
            .env("UPDATE_OPENAPI", "1"),
        "regenerating contract/openapi.json",
    )
}
