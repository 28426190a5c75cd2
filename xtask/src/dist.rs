//! `cargo xtask dist`: the wasm build and the per-browser packages.

use crate::{root, step, tools, Result};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Files copied into every package: (source under the repo, path in the package).
const FILES: &[(&str, &str)] = &[
    ("extension/background.js", "background.js"),
    ("extension/content.js", "content.js"),
    ("extension/teach.js", "teach.js"),
    ("extension/pick.js", "pick.js"),
    (
        "extension/_locales/en/messages.json",
        "_locales/en/messages.json",
    ),
    (
        "extension/_locales/zh_CN/messages.json",
        "_locales/zh_CN/messages.json",
    ),
    ("extension/icons/icon-16.png", "icons/icon-16.png"),
    ("extension/icons/icon-32.png", "icons/icon-32.png"),
    ("extension/icons/icon-48.png", "icons/icon-48.png"),
    ("extension/icons/icon-128.png", "icons/icon-128.png"),
    ("www/popup.html", "popup.html"),
    ("www/popup.js", "popup.js"),
    ("www/popup.css", "popup.css"),
    ("www/options.html", "options.html"),
    ("www/options.js", "options.js"),
    ("www/options.css", "options.css"),
    ("www/locale.js", "locale.js"),
    (
        "target/wasm-pkg/linekeeper_wasm.js",
        "wasm/linekeeper_wasm.js",
    ),
    (
        "target/wasm-pkg/linekeeper_wasm_bg.wasm",
        "wasm/linekeeper_wasm_bg.wasm",
    ),
    (
        "target/wasm-pkg/linekeeper_tools.js",
        "wasm/linekeeper_tools.js",
    ),
    (
        "target/wasm-pkg/linekeeper_tools_bg.wasm",
        "wasm/linekeeper_tools_bg.wasm",
    ),
    ("target/wasm-pkg/linekeeper_ui.js", "wasm/linekeeper_ui.js"),
    (
        "target/wasm-pkg/linekeeper_ui_bg.wasm",
        "wasm/linekeeper_ui_bg.wasm",
    ),
];

/// The wasm modules: (crate directory, file stem in `wasm/`, who loads it). The service
/// worker instantiates the engine on every start, and the tools module (settings, import,
/// teaching, old or unreadable stored data) only on the first message that needs it; the
/// popup and options pages load the UI module, which does not link the extraction engine
/// or the carrier profiles.
pub const MODULES: &[(&str, &str, &str)] = &[
    (
        "crates/linekeeper-wasm",
        "linekeeper_wasm",
        "engine (service worker)",
    ),
    (
        "crates/linekeeper-tools",
        "linekeeper_tools",
        "tools (worker, lazily)",
    ),
    (
        "crates/linekeeper-ui",
        "linekeeper_ui",
        "UI (popup, options)",
    ),
];

const BROWSERS: &[(&str, &str)] = &[
    ("chrome", "linekeeper-chrome.zip"),
    ("firefox", "linekeeper-firefox.xpi"),
];

/// Builds everything; returns the `dist` directory.
pub fn dist() -> Result<PathBuf> {
    tools::ensure_rust_tools()?;
    tools::ensure_npm()?;
    build_wasm()?;
    let dist = root().join("dist");
    println!("==> assemble dist/chrome, dist/firefox");
    for (browser, archive) in BROWSERS {
        let dir = dist.join(browser);
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
        }
        for (from, to) in FILES {
            let target = dir.join(to);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            if *to == "content.js" {
                let text = std::fs::read_to_string(root().join(from))
                    .map_err(|e| format!("read {from}: {e}"))?;
                std::fs::write(&target, with_scan_words(&text)?)
                    .map_err(|e| format!("write {to}: {e}"))?;
            } else {
                std::fs::copy(root().join(from), &target)
                    .map_err(|e| format!("copy {from}: {e}"))?;
            }
        }
        std::fs::write(dir.join(PROFILES_FILE), profiles_seq()?)
            .map_err(|e| format!("write {PROFILES_FILE}: {e}"))?;
        let manifest = manifest(browser)?;
        let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())? + "\n";
        std::fs::write(dir.join("manifest.json"), text)
            .map_err(|e| format!("write manifest: {e}"))?;
        write_archive(&dir, &dist.join(archive))?;
        println!("    dist/{browser}/  dist/{archive}");
    }
    Ok(dist)
}

/// The carrier profiles, shipped once as data: the engine and tools modules are built
/// without them (`shipped-profiles`) and the worker installs this file's text at start.
pub const PROFILES_FILE: &str = "profiles.json-seq";

/// `profiles/*.json` as a JSON text sequence (RFC 7464), generic first, each compact.
fn profiles_seq() -> Result<String> {
    // (Empty when a build of the whole workspace turned the wasm crates' `shipped-profiles`
    // on for xtask's core too: an empty file would leave the extension reading nothing.)
    if linekeeper::profile::BUILTIN_SOURCES.is_empty() {
        return Err("the core was built with shipped-profiles: no profiles to ship".into());
    }
    let mut out = String::new();
    for (id, text) in linekeeper::profile::BUILTIN_SOURCES {
        let value: Value =
            serde_json::from_str(text).map_err(|e| format!("profiles/{id}.json: {e}"))?;
        out.push(linekeeper::profile::SEQ_SEPARATOR);
        out.push_str(&serde_json::to_string(&value).map_err(|e| e.to_string())?);
        out.push('\n');
    }
    Ok(out)
}

fn build_wasm() -> Result {
    // For size work: `LINEKEEPER_ONLY_WASM=linekeeper_wasm` builds that module alone.
    let only = std::env::var("LINEKEEPER_ONLY_WASM").ok();
    for (dir, stem, _) in MODULES {
        if only.as_deref().is_some_and(|o| o != *stem) {
            continue;
        }
        build_module(dir, stem)?;
    }
    Ok(())
}

fn build_module(dir: &str, stem: &str) -> Result {
    let out = root().join("target/wasm-pkg");
    step(
        &format!("wasm-pack build {dir} (release)"),
        Command::new("wasm-pack")
            .args(["build", dir, "--release", "--target", "web"])
            .args(["--mode", "no-install", "--out-name", stem])
            .args(["--no-typescript", "--no-pack", "--out-dir"])
            .arg(&out)
            // Every crate in the wasm (core, std's generics) optimised for size, not
            // only the bindings: about a tenth smaller. Native release builds keep "s".
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "z")
            // The standard library rebuilt with the module (rust-src, `tools.rs`), at
            // opt-level z, with its `optimize_for_size` algorithms and the immediate-abort
            // panic strategy: every panic an inline trap, no panic machinery, message
            // formatting or locations linked. Unstable flags, so `RUSTC_BOOTSTRAP=1` for this
            // build only: the pinned stable toolchain (no nightly). Measured against the
            // precompiled standard library with its panic entry points trapped after linking
            // (`gzip -9`): engine 134958 -> 133648 bytes, tools 72539 -> 70825, UI 69565 ->
            // 67562 (`optimize_for_size` alone: -26 on the engine). The cost is the standard
            // library's build, once per target directory and shared by the three modules:
            // the engine built from a cold target directory took 101 s of CPU instead of 58
            // (`-Zlocation-detail=none` measured no smaller: nothing reads a location now).
            .env("RUSTC_BOOTSTRAP", "1")
            .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
            .env("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size")
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                "-Zunstable-options -Cpanic=immediate-abort",
            ),
    )?;
    let wasm = out.join(format!("{stem}_bg.wasm"));
    let bytes = std::fs::read(&wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    // The standard library rebuilt with `panic=immediate-abort` (above) has no panic entry
    // point left: every panic is an inline trap. One found by name means the rebuild did not
    // take effect (and the panic messages' formatting is back in the module).
    let entry_points = crate::panics::panic_entry_points(&bytes)?;
    if !entry_points.is_empty() {
        return Err(format!(
            "{stem}_bg.wasm: panic entry points left ({}): the standard library was not \
             rebuilt with panic=immediate-abort",
            entry_points.join(", ")
        ));
    }
    // What only JavaScript could reach reduced to traps (`panics.rs`: wasm-bindgen's closure
    // shims), while the name section is there.
    let (bytes, stubbed) = crate::panics::stub(&bytes)?;
    println!("    {stubbed} functions of {stem}_bg.wasm reduced to a trap");
    std::fs::write(&wasm, bytes).map_err(|e| format!("{}: {e}", wasm.display()))?;
    // For size work: `LINEKEEPER_NAMED_WASM=1 cargo xtask dist` also keeps each module as
    // wasm-opt gets it, names included, in target/wasm-named/ (for `twiggy`, or wasm-opt
    // with `-g` and the flags below).
    if std::env::var_os("LINEKEEPER_NAMED_WASM").is_some() {
        let named = root().join("target/wasm-named");
        std::fs::create_dir_all(&named).map_err(|e| format!("{}: {e}", named.display()))?;
        std::fs::copy(&wasm, named.join(format!("{stem}.wasm")))
            .map_err(|e| format!("copy {stem}.wasm: {e}"))?;
    }
    // binaryen from npm (pinned in package-lock.json): Debian's wasm-opt 108 mangles the
    // reference-types table that wasm-bindgen emits (the module then fails to start).
    // `--converge` repeats -Oz while it still shrinks the module; `--low-memory-unused`
    // lets it fold constant offsets into loads and stores, since Rust's wasm layout puts
    // the shadow stack's far end at the bottom of memory (only a near stack overflow
    // reaches the first kilobyte). Together about 1.4 KB gzip off the engine.
    // Inlining limited to functions of at most 20 bytes when they have one caller (binaryen
    // inlines any size by default) and of at most 4 bytes always (default 2): the module is a
    // little larger or smaller before gzip but, measured, about 2.2 KB smaller after it
    // (engine; tools 1.5 KB, UI 0.9 KB). Other limits measured worse (0, 10, 50, 100, 400).
    // The control flow first flattened and rebuilt by the Relooper (`--flatten --rereloop`,
    // then -Oz twice): 0.6 KB off the engine, 0.4 KB off tools, 0.1 KB off UI; the engine's
    // `ingest` of a 20k-node page measured as fast as before (within the machine's noise).
    step(
        &format!("wasm-opt -Oz {stem}_bg.wasm (binaryen from package-lock.json)"),
        Command::new(tools::node_bin("wasm-opt"))
            .args([
                "--flatten",
                "--rereloop",
                "-Oz",
                "-Oz",
                "--converge",
                "--low-memory-unused",
                "--one-caller-inline-max-function-size=20",
                "--always-inline-max-function-size=4",
            ])
            .args(WASM_OPT_OUTPUT)
            .arg(&wasm)
            .arg("-o")
            .arg(&wasm),
    )?;
    remove_dead_data(stem, &wasm)?;
    reorder_functions(stem, &wasm)?;
    short_names(stem, &wasm)?;
    join_segments(stem, &wasm)
}

/// Data segments a few bytes apart joined into one (`deadata::merge_segments`), with the
/// largest gap of those tried that gives the smallest module after gzip -9 (the gaps
/// become zeros in the file: more bytes, fewer after gzip). Measured (gzip -9): engine
/// 125813 -> 125620 bytes, tools 73225 -> 73039, UI 70608 -> 70340.
fn join_segments(stem: &str, wasm: &Path) -> Result {
    let module = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let before = gzip_len(&module)?;
    let mut best = (before, None);
    for gap in [16, 32, 64, 128, 256, 512, 1024, u32::MAX] {
        let joined = crate::deadata::merge_segments(&module, gap)?;
        let after = gzip_len(&joined)?;
        if after < best.0 {
            best = (after, Some(joined));
        }
    }
    match best {
        (after, Some(joined)) => {
            std::fs::write(wasm, joined).map_err(|e| format!("{}: {e}", wasm.display()))?;
            println!("    {stem}_bg.wasm: data segments joined, {before} -> {after} bytes gzip -9");
        }
        (_, None) => println!("    {stem}_bg.wasm: data segments kept ({before} bytes gzip -9)"),
    }
    Ok(())
}

/// The imports' and exports' names made short in the finished module and in its glue
/// (`minify.rs`), both rewritten together; both kept as they are when the glue names one in
/// an unexpected way.
fn short_names(stem: &str, wasm: &Path) -> Result {
    let glue = root().join(format!("target/wasm-pkg/{stem}.js"));
    let module = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let js = std::fs::read_to_string(&glue).map_err(|e| format!("{}: {e}", glue.display()))?;
    match crate::minify::short_names(&module, &js) {
        Ok((module, js, renamed)) => {
            let before = gzip_size(wasm)?;
            std::fs::write(wasm, module).map_err(|e| format!("{}: {e}", wasm.display()))?;
            std::fs::write(&glue, js).map_err(|e| format!("{}: {e}", glue.display()))?;
            let after = gzip_size(wasm)?;
            println!(
                "    {stem}_bg.wasm: {renamed} import and export names made short, {before} -> {after} bytes gzip -9"
            );
        }
        Err(why) => println!("    {stem}_bg.wasm: names kept: {why}"),
    }
    Ok(())
}

/// The features the modules use and what wasm-opt leaves out of the file it writes.
const WASM_OPT_OUTPUT: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
    "--strip-debug",
    "--strip-producers",
    "--strip-target-features",
];

/// The finished module's functions in an order that compresses better (`reorder.rs`),
/// kept when the module is then smaller after gzip -9.
fn reorder_functions(stem: &str, wasm: &Path) -> Result {
    let bytes = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let before = gzip_size(wasm)?;
    let mut best: Option<(usize, Vec<u8>, crate::reorder::Order)> = None;
    // Orders tried (`reorder.rs`): by the last function placed, and by those placed in the
    // last few kilobytes with the last one; the smallest after gzip -9 is kept.
    for how in [
        crate::reorder::Order::Last,
        crate::reorder::Order::Window(2048),
        crate::reorder::Order::Window(4096),
        crate::reorder::Order::Window(8192),
    ] {
        let ordered = reordered(stem, wasm, &bytes, how)?;
        let after = gzip_len(&ordered)?;
        println!("    {stem}_bg.wasm: reordered ({how:?}): {after} bytes gzip -9");
        if best.as_ref().is_none_or(|(size, _, _)| after < *size) {
            best = Some((after, ordered, how));
        }
    }
    match best {
        Some((after, ordered, how)) if after < before => {
            println!("    {stem}_bg.wasm: functions reordered ({how:?}), {before} -> {after} bytes gzip -9");
            std::fs::write(wasm, ordered).map_err(|e| format!("{}: {e}", wasm.display()))
        }
        _ => {
            println!("    {stem}_bg.wasm: order kept ({before} bytes gzip -9)");
            Ok(())
        }
    }
}

/// The module with its functions in the order `how` (wasm-opt writes it).
fn reordered(stem: &str, wasm: &Path, bytes: &[u8], how: crate::reorder::Order) -> Result<Vec<u8>> {
    let named = crate::reorder::named_in_order(bytes, how)?;
    let pkg = wasm.parent().unwrap_or(wasm);
    let input = pkg.join(format!("{stem}_bg.order.wasm"));
    let output = pkg.join(format!("{stem}_bg.ordered.wasm"));
    std::fs::write(&input, named).map_err(|e| format!("{}: {e}", input.display()))?;
    // `-ol 2 -s 2`: the levels the module was optimised with, so that writing it again
    // changes nothing but the order (no pass runs but the reordering).
    step(
        &format!("wasm-opt --reorder-functions-by-name {stem}_bg.wasm ({how:?})"),
        Command::new(tools::node_bin("wasm-opt"))
            .args(["-ol", "2", "-s", "2", "--reorder-functions-by-name"])
            .args(WASM_OPT_OUTPUT)
            .arg(&input)
            .arg("-o")
            .arg(&output),
    )?;
    let ordered = std::fs::read(&output).map_err(|e| format!("{}: {e}", output.display()))?;
    std::fs::remove_file(&input).map_err(|e| format!("{}: {e}", input.display()))?;
    std::fs::remove_file(&output).map_err(|e| format!("{}: {e}", output.display()))?;
    Ok(ordered)
}

/// Whether a linker map was written by a link in `release` (its object files are there):
/// a target directory copied from another checkout keeps the build scripts' output, whose
/// `--Map` path (`crates/wasm-map.rs`) names the other checkout, and the map found here
/// then describes another build (measured: its addresses made the engine module 886 bytes
/// larger after gzip, and could name the wrong bytes).
fn written_here(map: &str, release: &Path) -> bool {
    let deps = release.join("deps");
    map.contains(&*deps.to_string_lossy())
}

/// The standard library's tables only trapped functions read, removed from the finished
/// module when nothing in it can point into them (`deadata.rs`: the linker's map, written
/// by each wasm crate's `build.rs`, gives their addresses).
fn remove_dead_data(stem: &str, wasm: &Path) -> Result {
    let release = root().join("target/wasm32-unknown-unknown/release");
    let read = |path: PathBuf| std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()));
    let map = read(release.join(format!("{stem}.map")))?;
    let linked = read(release.join(format!("{stem}.wasm")))?;
    let js = read(root().join(format!("target/wasm-pkg/{stem}.js")))?;
    let module = read(wasm.to_path_buf())?;
    let map = String::from_utf8_lossy(&map);
    if !written_here(&map, &release) {
        return Err(format!(
            "{stem}.map was not written by this checkout's link (its objects are not in {}): \
             a target directory copied from another checkout keeps the build scripts' \
             `--Map` path into that checkout, so each link writes the other's map and this \
             one is stale. `touch crates/wasm-map.rs` makes the build scripts run again",
            release.display()
        ));
    }
    let mut symbols = crate::deadata::map_symbols(&map, crate::deadata::CANDIDATES);
    let read_only_by_panics = crate::deadata::read_only_by(&linked, crate::panics::DIVERGING)?;
    let (locations, files) = crate::deadata::locations(&map, &linked)?;
    for symbol in read_only_by_panics.into_iter().chain(locations) {
        if !symbols.iter().any(|s| s.start == symbol.start) {
            symbols.push(symbol);
        }
    }
    if symbols.is_empty() {
        println!("    {stem}_bg.wasm: no dead data symbol in the linker's map");
        return Ok(());
    }
    // The words of the data the linker relocated: the only ones that can hold an address.
    let pointers = crate::deadata::data_pointers(&linked)?;
    match crate::deadata::remove_unreferenced(
        &linked,
        &module,
        &String::from_utf8_lossy(&js),
        &symbols,
        pointers.as_deref(),
    ) {
        Ok((bytes, report)) => {
            for line in report {
                println!("    {stem}_bg.wasm: {line}");
            }
            // Then the file names of the locations gone (the module with them removed is
            // its own reference: its memory is the linker's, with the removed bytes zero).
            // (The same words: a relocated word of the data removed now reads zero.)
            let bytes = match crate::deadata::remove_unreferenced(
                &bytes,
                &bytes,
                &String::from_utf8_lossy(&js),
                &files,
                pointers.as_deref(),
            ) {
                Ok((again, report)) => {
                    for line in report {
                        println!("    {stem}_bg.wasm: {line}");
                    }
                    again
                }
                Err(why) => {
                    println!("    {stem}_bg.wasm: file names kept: {why}");
                    bytes
                }
            };
            std::fs::write(wasm, bytes).map_err(|e| format!("{}: {e}", wasm.display()))
        }
        Err(why) => {
            println!("    {stem}_bg.wasm: dead data kept: {why}");
            Ok(())
        }
    }
}

fn read_json(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Overlay wins; objects merge key by key, anything else is replaced.
fn merge(base: &mut Value, overlay: Value) {
    match (base, overlay) {
        (Value::Object(base), Value::Object(overlay)) => {
            for (key, value) in overlay {
                merge(base.entry(key).or_insert(Value::Null), value);
            }
        }
        (base, overlay) => *base = overlay,
    }
}

/// The manifest for one browser: the one source plus that browser's overlay.
pub fn manifest(browser: &str) -> Result<Value> {
    let mut manifest = read_json(&root().join("extension/manifest.json"))?;
    merge(
        &mut manifest,
        read_json(&root().join(format!("extension/manifest.{browser}.json")))?,
    );
    manifest["version"] = Value::String(env!("CARGO_PKG_VERSION").to_string());
    expand_hosts(&mut manifest, &carrier_match_patterns());
    Ok(manifest)
}

/// Match patterns for the built-in carrier profiles' hosts: the profiles are the one
/// source of which sites LineKeeper reads (`*.t-mobile.com` → `https://*.t-mobile.com/*`).
pub fn carrier_match_patterns() -> Vec<String> {
    let mut patterns: Vec<String> = linekeeper::profile::builtin()
        .iter()
        .flat_map(|p| p.hosts.iter())
        .map(|host| format!("https://{host}/*"))
        .collect();
    patterns.sort();
    patterns.dedup();
    // Drop a pattern another one already covers (`*.hk.chinamobile.com` by `*.chinamobile.com`).
    let covered = |p: &str, q: &str| {
        let host = |s: &str| {
            s.trim_start_matches("https://")
                .trim_end_matches("/*")
                .to_string()
        };
        let (p, q) = (host(p), host(q));
        let Some(base) = q.strip_prefix("*.") else {
            return false;
        };
        let bare = p.trim_start_matches("*.");
        p != q && (bare == base || bare.ends_with(&format!(".{base}")))
    };
    patterns
        .iter()
        .filter(|p| !patterns.iter().any(|q| covered(p, q)))
        .cloned()
        .collect()
}

/// The content script with its `"$SCAN_WORDS"` placeholder replaced by the built-in
/// profiles' scan vocabulary and the phone masks (`linekeeper::vocabulary`), as JSON.
pub fn with_scan_words(content: &str) -> Result<String> {
    const PLACEHOLDER: &str = "\"$SCAN_WORDS\"";
    if content.matches(PLACEHOLDER).count() != 1 {
        return Err("content.js must hold the \"$SCAN_WORDS\" placeholder once".into());
    }
    Ok(content.replace(
        PLACEHOLDER,
        &linekeeper::vocabulary::builtin_vocabulary_json(),
    ))
}

/// Replaces every `"$CARRIER_HOSTS"` array element with the carrier match patterns.
fn expand_hosts(value: &mut Value, patterns: &[String]) {
    match value {
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for mut item in std::mem::take(items) {
                if item.as_str() == Some("$CARRIER_HOSTS") {
                    out.extend(patterns.iter().cloned().map(Value::String));
                } else {
                    expand_hosts(&mut item, patterns);
                    out.push(item);
                }
            }
            *items = out;
        }
        Value::Object(map) => map.values_mut().for_each(|v| expand_hosts(v, patterns)),
        _ => {}
    }
}

/// A zip with sorted entries, fixed dates and modes: the same bytes for the same files.
fn write_archive(dir: &Path, archive: &Path) -> Result {
    let mut files = Vec::new();
    collect(dir, dir, &mut files)?;
    files.sort();
    let file = std::fs::File::create(archive).map_err(|e| format!("{}: {e}", archive.display()))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for name in files {
        let bytes = std::fs::read(dir.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        zip.start_file(name.as_str(), options)
            .map_err(|e| format!("{name}: {e}"))?;
        zip.write_all(&bytes).map_err(|e| format!("{name}: {e}"))?;
    }
    zip.finish()
        .map_err(|e| format!("{}: {e}", archive.display()))?;
    Ok(())
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<String>) -> Result {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect(base, &path, out)?;
        } else if let Ok(relative) = path.strip_prefix(base) {
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// Size of a file after gzip -9.
pub fn gzip_size(path: &Path) -> Result<usize> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    gzip_len(&bytes)
}

/// The size of `bytes` after gzip -9 (flate2's).
fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    Ok(encoder.finish().map_err(|e| e.to_string())?.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_is_this_checkouts_only_when_its_objects_are_in_its_release_directory() {
        let release = Path::new("/work/a/target/wasm32-unknown-unknown/release");
        let line = |root: &str| {
            format!(
                "       -    558a6      38a         {root}/target/wasm32-unknown-unknown/release/\
                 deps/linekeeper_wasm.linekeeper_wasm.d87a-cgu.0.rcgu.o:(_ZN4zmij6Buffer)\n"
            )
        };
        assert!(written_here(&line("/work/a"), release));
        assert!(!written_here(&line("/work/main"), release));
        assert!(!written_here("", release));
    }

    fn strings(value: &Value) -> Vec<String> {
        value
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The documented permission set (README, "For store reviewers"): nothing more.
    #[test]
    fn manifests_ask_only_for_the_documented_permissions() {
        for browser in ["chrome", "firefox"] {
            let m = manifest(browser).unwrap();
            assert_eq!(
                strings(&m["permissions"]),
                [
                    "storage",
                    "alarms",
                    "notifications",
                    "activeTab",
                    "scripting"
                ],
                "{browser}"
            );
            // Sites the user teaches (issue 8): asked for at runtime, one site at a time,
            // only after "Teach this page"; https only.
            assert_eq!(
                strings(&m["optional_host_permissions"]),
                ["https://*/*"],
                "{browser}"
            );
            assert!(m.get("optional_permissions").is_none(), "{browser}");
            assert!(
                m.get("web_accessible_resources").is_none(),
                "{browser}: no web-accessible resources"
            );
            assert!(
                m.get("externally_connectable").is_none(),
                "{browser}: pages cannot message the extension"
            );
            assert_eq!(
                m["content_security_policy"]["extension_pages"],
                "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"
            );
            let hosts = strings(&m["host_permissions"]);
            assert_eq!(
                hosts,
                carrier_match_patterns(),
                "{browser}: host permissions are the carrier profiles' hosts"
            );
            assert_eq!(strings(&m["content_scripts"][0]["matches"]), hosts);
            assert!(
                hosts
                    .iter()
                    .all(|h| h.starts_with("https://") && !h.contains("://*/")),
                "{hosts:?}"
            );
        }
    }

    #[test]
    fn per_browser_background() {
        let chrome = manifest("chrome").unwrap();
        assert_eq!(chrome["background"]["service_worker"], "background.js");
        assert_eq!(chrome["background"]["type"], "module");
        let firefox = manifest("firefox").unwrap();
        assert_eq!(
            strings(&firefox["background"]["scripts"]),
            ["background.js"]
        );
        let gecko = &firefox["browser_specific_settings"]["gecko"];
        assert!(gecko["id"].is_string() && gecko["strict_min_version"].is_string());
        assert_eq!(
            strings(&gecko["data_collection_permissions"]["required"]),
            ["none"]
        );
    }

    /// The content script is built with the profiles' scan vocabulary, once.
    #[test]
    fn content_script_gets_the_scan_vocabulary() {
        let source = std::fs::read_to_string(root().join("extension/content.js")).unwrap();
        let built = with_scan_words(&source).unwrap();
        assert!(!built.contains("\"$SCAN_WORDS\""));
        let start = built.find("const SCAN_WORDS = ").unwrap() + "const SCAN_WORDS = ".len();
        let line = &built[start..start + built[start..].find(";\n").unwrap()];
        let value: Value = serde_json::from_str(line).unwrap();
        assert_eq!(
            strings(&value["words"]),
            linekeeper::vocabulary::builtin_words()
        );
        assert_eq!(value["masks"], linekeeper::vocabulary::PHONE_MASKS);
        assert!(with_scan_words("no placeholder").is_err());
    }

    #[test]
    fn every_carrier_host_is_covered_and_nothing_else() {
        let patterns = carrier_match_patterns();
        assert!(patterns.contains(&"https://*.t-mobile.com/*".to_string()));
        assert!(
            !patterns.contains(&"https://*.hk.chinamobile.com/*".to_string()),
            "covered by *.chinamobile.com"
        );
        for profile in linekeeper::profile::builtin() {
            for host in &profile.hosts {
                let bare = host.trim_start_matches("*.");
                assert!(
                    patterns.iter().any(|p| {
                        let p = p.trim_start_matches("https://").trim_end_matches("/*");
                        p == host
                            || p.strip_prefix("*.")
                                .is_some_and(|b| bare == b || bare.ends_with(&format!(".{b}")))
                    }),
                    "{host} not covered"
                );
            }
        }
    }

    /// The same files give the same archive bytes, whatever their times, the order the
    /// directory lists them in, or the build's working directory.
    #[test]
    fn archives_are_byte_identical_for_the_same_files() {
        let base = std::env::temp_dir().join(format!("lk-archive-{}", std::process::id()));
        let (a, b) = (base.join("a"), base.join("b"));
        let write = |dir: &Path, order: &[&str]| {
            std::fs::create_dir_all(dir.join("wasm")).unwrap();
            for name in order {
                std::fs::write(dir.join(name), format!("content of {name}")).unwrap();
            }
        };
        write(&a, &["manifest.json", "background.js", "wasm/x.wasm"]);
        std::thread::sleep(std::time::Duration::from_millis(1100));
        write(&b, &["wasm/x.wasm", "background.js", "manifest.json"]);
        write_archive(&a, &base.join("a.zip")).unwrap();
        write_archive(&b, &base.join("b.zip")).unwrap();
        let bytes = |p: &str| std::fs::read(base.join(p)).unwrap();
        assert_eq!(bytes("a.zip"), bytes("b.zip"));
        std::fs::write(b.join("background.js"), "changed").unwrap();
        write_archive(&b, &base.join("b.zip")).unwrap();
        assert_ne!(bytes("a.zip"), bytes("b.zip"), "the test can fail");
        std::fs::remove_dir_all(&base).unwrap();
    }
}
