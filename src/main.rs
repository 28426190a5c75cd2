//! `linekeeper`: the command-line tool.
//!
//! `linekeeper scan PAGE.html --url URL [--today YYYY-MM-DD] [--rules FILE] [--compact]`
//! prints the Snapshot of a saved account page as one JSON object.

use linekeeper::extract::{explain, extract_with};
use linekeeper::html::page_from_html;
use linekeeper::profile::Profile;
use linekeeper::{Date, ScanOptions};
use std::process::ExitCode;

const HELP: &str = "\
linekeeper — reads data left, money and renewal dates from a saved carrier account page

USAGE:
    linekeeper scan PAGE.html --url URL [--today YYYY-MM-DD] [--rules FILE] [--compact]
    linekeeper --help | --version

scan prints one JSON object: the Snapshot (schema 1, see docs/snapshot.md). It exits 0
for any page (the snapshot's status says what was found: ok, no_data or logged_out) and
non-zero with a one-line error for an unreadable file or bad arguments.

OPTIONS:
    --url URL          the page's address (picks the carrier profile; required)
    --today DATE       the local date for year-less and relative dates (YYYY-MM-DD);
                       default: today's date in UTC (the system clock; no time zone
                       database is read, so near midnight pass --today)
    --rules FILE       a JSON profile (same format as profiles/*.json) added to the
                       built-in profiles, e.g. user-taught labels for a carrier
    --compact          print the JSON on one line (default: pretty)
    --explain          also print how the page was read (rows, labels, hints) to stderr
    -h, --help         this help
    -V, --version      the version
";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(out) => {
            use std::io::Write;
            // A closed pipe (`linekeeper scan … | head`) is the reader's choice, not an
            // error worth a panic: the output just stops.
            match writeln!(std::io::stdout().lock(), "{out}") {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("linekeeper: cannot write the output: {e}");
                    ExitCode::from(2)
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Err(e) => {
            eprintln!("linekeeper: {e}");
            ExitCode::from(2)
        }
    }
}

struct ScanArgs {
    page: String,
    url: String,
    today: Option<String>,
    rules: Option<String>,
    compact: bool,
    explain: bool,
}

fn run(args: Vec<String>) -> Result<String, String> {
    let mut it = args.into_iter();
    let Some(command) = it.next() else {
        return Err("no command (try `linekeeper --help`)".into());
    };
    match command.as_str() {
        "-h" | "--help" | "help" => return Ok(HELP.trim_end().to_string()),
        "-V" | "--version" => return Ok(format!("linekeeper {}", env!("CARGO_PKG_VERSION"))),
        "scan" => {}
        other => {
            return Err(format!(
                "unknown command {other:?} (try `linekeeper --help`)"
            ))
        }
    }
    let mut page = None;
    let mut url = None;
    let mut today = None;
    let mut rules = None;
    let mut compact = false;
    let mut explain = false;
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--url" => url = Some(value("--url")?),
            "--today" => today = Some(value("--today")?),
            "--rules" => rules = Some(value("--rules")?),
            "--compact" => compact = true,
            "--explain" => explain = true,
            "-h" | "--help" => return Ok(HELP.trim_end().to_string()),
            s if s.starts_with("--") => {
                if let Some((k, v)) = s.split_once('=') {
                    match k {
                        "--url" => url = Some(v.to_string()),
                        "--today" => today = Some(v.to_string()),
                        "--rules" => rules = Some(v.to_string()),
                        _ => return Err(format!("unknown option {k:?}")),
                    }
                } else {
                    return Err(format!("unknown option {s:?}"));
                }
            }
            _ if page.is_none() => page = Some(arg),
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    let args = ScanArgs {
        page: page.ok_or("scan needs a PAGE.html")?,
        url: url.ok_or("scan needs --url URL")?,
        today,
        rules,
        compact,
        explain,
    };
    scan(&args)
}

fn scan(args: &ScanArgs) -> Result<String, String> {
    let today = match &args.today {
        Some(t) => {
            Date::parse_iso(t).ok_or_else(|| format!("--today {t:?} is not a date (YYYY-MM-DD)"))?
        }
        None => today_utc()?,
    };
    let mut rules = Vec::new();
    if let Some(path) = &args.rules {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read rules {path}: {e}"))?;
        let profile = Profile::from_json(&text).map_err(|e| format!("rules {path}: {e}"))?;
        rules.push(profile);
    }
    let bytes = std::fs::read(&args.page).map_err(|e| format!("cannot read {}: {e}", args.page))?;
    let html = String::from_utf8_lossy(&bytes);
    let page = page_from_html(&html, &args.url);
    if args.explain {
        eprint!("{}", explain(&page, &ScanOptions { today }, &rules));
    }
    let snapshot = extract_with(&page, &ScanOptions { today }, &rules);
    Ok(if args.compact {
        linekeeper::json::to_string(&snapshot)
    } else {
        linekeeper::json::to_string_pretty(&snapshot)
    })
}

fn today_utc() -> Result<Date, String> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| "the system clock is before 1970; pass --today".to_string())?;
    Date::from_unix_millis(now.as_millis() as f64, 0)
        .ok_or_else(|| "the system clock is out of range; pass --today".into())
}
