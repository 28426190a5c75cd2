//! `cargo xtask`: LineKeeper's build, run and test driver.
//!
//! - `cargo xtask run`   build, then open the demo account page with the extension loaded
//! - `cargo xtask test`  every check (what `.ci/run` calls)
//! - `cargo xtask dist`  build `dist/chrome`, `dist/firefox` and their archives
//! - `cargo xtask bench` measure speed and size against references in the same run
//!
//! Each command installs what it needs when it is missing, and stops at the first failed
//! step with that step's error.

mod deadata;
mod dist;
mod minify;
mod panics;
mod reorder;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The error of a failed step: one line for the user.
pub type Result<T = ()> = std::result::Result<T, String>;

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Runs one named step with inherited output; a failure names the step.
pub fn step(name: &str, command: &mut Command) -> Result {
    println!("==> {name}");
    let status = command
        .current_dir(root())
        .status()
        .map_err(|e| format!("{name}: could not start {:?}: {e}", command.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{name} failed ({status})"))
    }
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

const HELP: &str = "usage: cargo xtask <run|test|dist|bench>
  run    build, serve the demo account page and open it with the extension loaded
         (headless without a display: prints the stored record, saves screenshots)
  test   rustfmt, clippy (native + wasm32), native tests, wasm tests in headless
         Chromium, browser E2E tests against dist/chrome, a smoke test of dist/firefox in
         headless Firefox ESR, web-ext lint of dist/firefox
         (test --quick skips the browser steps)
  dist   build the wasm and assemble dist/chrome, dist/firefox and their archives
  bench  speed and size figures, each beside its reference measured in the same run";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    let result = match args.first().map(String::as_str) {
        Some("dist") => dist::dist().map(|_| ()),
        Some("run") => run(rest),
        Some("test") => test(rest),
        Some("bench") => bench(),
        Some("-h" | "--help" | "help") | None => {
            println!("{HELP}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other:?}\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}

fn node_script(script: &str, dist: &Path) -> Command {
    let mut command = Command::new("node");
    command
        .arg(script)
        .env("LINEKEEPER_DIST", dist.join("chrome"));
    command.env("LINEKEEPER_CHROMIUM", tools::CHROMIUM);
    command
}

fn run(args: &[String]) -> Result {
    tools::ensure_browser_tools()?;
    let dist = dist::dist()?;
    let mut command = node_script("tests/e2e/demo.mjs", &dist);
    command.env("LINEKEEPER_DEMO_OUT", root().join("target/demo"));
    if args.iter().any(|a| a == "--headless") {
        command.env("LINEKEEPER_HEADLESS", "1");
    }
    step(
        "demo: open the demo account page with the extension",
        &mut command,
    )
}

fn test(args: &[String]) -> Result {
    let quick = args.iter().any(|a| a == "--quick");
    tools::ensure_rust_tools()?;
    step("rustfmt", cargo().args(["fmt", "--all", "--check"]))?;
    step(
        "clippy (native)",
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    step(
        "clippy (wasm32)",
        cargo().args([
            "clippy",
            "-p",
            "linekeeper-wasm",
            "-p",
            "linekeeper-tools",
            "-p",
            "linekeeper-ui",
            "-p",
            "linekeeper-web",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    step(
        "native tests",
        cargo().args(["test", "--workspace"]).args([
            "--exclude",
            "linekeeper-wasm",
            "--exclude",
            "linekeeper-tools",
            "--exclude",
            "linekeeper-ui",
            "--exclude",
            "linekeeper-web",
        ]),
    )?;
    if quick {
        return Ok(());
    }
    tools::ensure_browser_tools()?;
    for (dir, _, _) in dist::MODULES {
        step(
            &format!("wasm tests of {dir} (headless Chromium)"),
            cargo()
                .args(["test", "--target", "wasm32-unknown-unknown", "-p"])
                .arg(dir.trim_start_matches("crates/"))
                .env("CHROMEDRIVER", tools::CHROMEDRIVER)
                .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
        )?;
    }
    let dist = dist::dist()?;
    step(
        "build the native scanner (for browser/native comparison)",
        cargo().args(["build", "--quiet", "--bin", "linekeeper"]),
    )?;
    let mut e2e = Command::new("node");
    e2e.args(["--test", "--test-concurrency=1", "tests/e2e/"])
        .env("LINEKEEPER_DIST", dist.join("chrome"))
        .env("LINEKEEPER_CHROMIUM", tools::CHROMIUM)
        .env("LINEKEEPER_BIN", root().join("target/debug/linekeeper"));
    step("browser E2E tests (Playwright, dist/chrome)", &mut e2e)?;
    let mut firefox = Command::new("node");
    firefox
        .args(["--test", "--test-concurrency=1", "tests/firefox/"])
        .env("LINEKEEPER_DIST_FIREFOX", dist.join("firefox"))
        .env("LINEKEEPER_FIREFOX", tools::FIREFOX);
    step(
        "Firefox E2E (headless Firefox ESR over WebDriver BiDi, dist/firefox)",
        &mut firefox,
    )?;
    step(
        "web-ext lint (dist/firefox)",
        Command::new(tools::node_bin("web-ext")).args([
            "lint",
            "--source-dir",
            &dist.join("firefox").to_string_lossy(),
            "--output",
            "text",
        ]),
    )?;
    println!("xtask: all checks passed");
    Ok(())
}

fn bench() -> Result {
    tools::ensure_browser_tools()?;
    let dist = dist::dist()?;
    println!("{:<44} {:>12} {:>12}", "figure", "measured", "reference");
    let mut total = 0;
    for (_, stem, who) in dist::MODULES {
        let size = dist::gzip_size(&dist.join(format!("chrome/wasm/{stem}_bg.wasm")))?;
        total += size;
        println!(
            "{:<44} {:>9.1} KB {:>12}",
            format!("wasm size (gzip -9), {who}"),
            size as f64 / 1024.0,
            if stem == &"linekeeper_wasm" {
                "120.0 KB"
            } else {
                ""
            }
        );
    }
    println!(
        "{:<44} {:>9.1} KB",
        "wasm size (gzip -9), all modules",
        total as f64 / 1024.0
    );
    // The native scanner: each bench page's browser result is compared with it.
    step(
        "build the native scanner",
        cargo().args(["build", "--quiet", "--bin", "linekeeper"]),
    )?;
    step(
        "bench: whole scan vs bare text pass",
        node_script("tests/bench/bench.mjs", &dist)
            .env("LINEKEEPER_BIN", root().join("target/debug/linekeeper")),
    )?;
    step(
        "bench: badge long tasks and latency",
        &mut node_script("tests/bench/badge.mjs", &dist),
    )?;
    step(
        "bench: popup first render and render time",
        &mut node_script("tests/bench/popup.mjs", &dist),
    )
}
