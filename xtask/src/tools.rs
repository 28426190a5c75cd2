//! Finding and installing the tools the build needs. Each check is quick when the tool is
//! there; a missing tool is installed when that is possible here, or named in one line.

use crate::{root, step, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// wasm-bindgen CLI version: must equal the `wasm-bindgen = "=…"` pin of the wasm crate.
pub const WASM_BINDGEN: &str = "0.2.130";
/// wasm-pack version installed when missing.
pub const WASM_PACK: &str = "0.15.1";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Firefox ESR (Debian `firefox-esr`), driven by puppeteer-core over WebDriver BiDi.
pub const FIREFOX: &str = "/usr/bin/firefox-esr";

/// Finds an executable on PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// An executable installed by npm under `node_modules/.bin`.
pub fn node_bin(name: &str) -> PathBuf {
    root().join("node_modules/.bin").join(name)
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn is_root() -> bool {
    output("id", &["-u"]).is_some_and(|s| s.trim() == "0")
}

/// Rust side: the wasm32 target, the standard library's source, wasm-bindgen CLI of the pinned version, wasm-pack.
pub fn ensure_rust_tools() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"])
        .ok_or("rustup not found: install it from your distribution or rustup.rs, then rerun")?;
    if !installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        step(
            "install the wasm32 target",
            Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
        )?;
    }
    // The standard library's source: `dist.rs` rebuilds it with each wasm module
    // (`-Zbuild-std`, panic=immediate-abort).
    let components = output("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    if !components
        .lines()
        .any(|l| l.trim() == "rust-src" || l.trim().starts_with("rust-src-"))
    {
        step(
            "install the standard library's source (rust-src)",
            Command::new("rustup").args(["component", "add", "rust-src"]),
        )?;
    }
    check_pin()?;
    let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if !have.contains(WASM_BINDGEN) {
        cargo_install("wasm-bindgen-cli", WASM_BINDGEN)?;
    }
    if which("wasm-pack").is_none() {
        cargo_install("wasm-pack", WASM_PACK)?;
    }
    Ok(())
}

/// The CLI pin here must match every wasm module's crate pin, or wasm-bindgen refuses the
/// build.
fn check_pin() -> Result {
    let pin = format!("wasm-bindgen = \"={WASM_BINDGEN}\"");
    for (dir, _, _) in crate::dist::MODULES {
        let manifest = root().join(dir).join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest)
            .map_err(|e| format!("{}: {e}", manifest.display()))?;
        if !text.contains(&pin) {
            return Err(format!(
                "{} must pin `{pin}` (xtask installs wasm-bindgen-cli {WASM_BINDGEN})",
                manifest.display()
            ));
        }
    }
    Ok(())
}

fn cargo_install(krate: &str, version: &str) -> Result {
    let name = format!("install {krate} {version} (a few minutes, once)");
    let locked = step(
        &name,
        Command::new("cargo").args(["install", krate, "--version", version, "--locked"]),
    );
    if locked.is_ok() {
        return Ok(());
    }
    step(
        &format!("{name}, without --locked"),
        Command::new("cargo").args(["install", krate, "--version", version]),
    )
}

/// Debian packages, installed with apt-get when running as root.
fn ensure_debian(packages: &[(&str, &str)]) -> Result {
    let missing: Vec<&str> = packages
        .iter()
        .filter(|(_, path)| !Path::new(path).exists())
        .map(|(p, _)| *p)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let list = missing.join(" ");
    if !is_root() || which("apt-get").is_none() {
        return Err(format!(
            "missing {list}: run `sudo apt-get install -y {list}`, then rerun"
        ));
    }
    step(
        "apt-get update",
        Command::new("apt-get").args(["update", "-q"]),
    )?;
    let mut install = Command::new("apt-get");
    install
        .args(["install", "-y", "-q", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive");
    step(&format!("install {list}"), &mut install)
}

/// Browser side: Chromium + ChromeDriver, Firefox ESR, Node.js, and the npm packages of
/// package-lock.json.
pub fn ensure_browser_tools() -> Result {
    ensure_rust_tools()?;
    ensure_debian(&[
        ("chromium", CHROMIUM),
        ("chromium-driver", CHROMEDRIVER),
        ("firefox-esr", FIREFOX),
        // CJK glyphs, so 简体中文 screens render as text, not boxes, in headless screenshots.
        (
            "fonts-wqy-zenhei",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        ),
        ("nodejs", "/usr/bin/node"),
        ("npm", "/usr/bin/npm"),
    ])?;
    ensure_npm()
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// `npm ci` when node_modules is missing or older than package-lock.json.
pub fn ensure_npm() -> Result {
    ensure_debian(&[("nodejs", "/usr/bin/node"), ("npm", "/usr/bin/npm")])?;
    let lock = root().join("package-lock.json");
    let installed = root().join("node_modules/.package-lock.json");
    let fresh = match (modified(&lock), modified(&installed)) {
        (Some(lock), Some(installed)) => installed >= lock,
        _ => false,
    };
    let installed = ["web-ext", "puppeteer-core", "playwright-core"]
        .iter()
        .all(|p| root().join("node_modules").join(p).exists());
    if fresh && installed {
        return Ok(());
    }
    step(
        "npm ci",
        Command::new("npm").args(["ci", "--no-audit", "--no-fund"]),
    )
}
