//! `planlint check --watch`: check, then keep the repository in memory and check again
//! whenever a plan file is saved, printing only what changed — the findings that are new
//! (`+`) and those that are gone (`-`) — and the counts after it.
//!
//! Saves are found by polling the files' stamps (modification time and size) a few times
//! a second: no dependency, and the same on every system and file system (network folders
//! included), at the cost of a directory walk per round, a few milliseconds for a national
//! repository. A changed stamp with the same content changes nothing. A change re-checks
//! the plans it affects ([`crate::workspace::Workspace::affected`]): the file itself, the
//! plans below it, and those sharing its id.
//!
//! A finding is the same finding across runs when its file, code, subject and message are:
//! a finding that only moved down a line (a row added above it) is neither new nor gone.

use crate::cli::{lang, CheckArgs};
use crate::discover;
use crate::workspace::Workspace;
use planlint_diagnostics::{Counts, Diagnostic, Lang};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::Duration;

/// How often the files' stamps are looked at.
const POLL: Duration = Duration::from_millis(250);

/// What identifies a finding across runs, and the line that shows it.
type Key = (String, String, Option<String>, Option<String>, String);

/// The current folder, made canonical once.
fn cwd() -> &'static Option<PathBuf> {
    static CWD: OnceLock<Option<PathBuf>> = OnceLock::new();
    CWD.get_or_init(|| {
        std::env::current_dir()
            .ok()
            .and_then(|d| std::fs::canonicalize(d).ok())
    })
}

/// A path as `check` shows it: relative to the current folder where it lies below it.
/// Paths walked from the (canonical) root need no system call.
fn shown(path: &Path) -> String {
    match cwd() {
        Some(cwd) => match path.strip_prefix(cwd) {
            Ok(rest) => discover::display(rest),
            Err(_) => discover::display(path),
        },
        None => discover::display(path),
    }
}

/// Runs `planlint check --watch`: until interrupted.
pub fn run(args: CheckArgs) -> ExitCode {
    let lang = lang(args.common.lang);
    let start = args.paths.first().cloned().unwrap_or_default();
    let extra = planlint_engine::Selection {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        ..planlint_engine::Selection::default()
    };
    let (setup, root) =
        crate::repo::setup(&start, &args.common.catalogs, &args.common.rule_dirs, extra);
    let mut workspace = Workspace::new(setup, root.clone(), shown, args.jobs);
    let named: Vec<PathBuf> = args
        .paths
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .collect();
    if root.is_none() {
        for path in &named {
            workspace.track(path);
        }
    }
    let inputs = |workspace: &Workspace| -> Vec<String> {
        let mut ignored = Vec::new();
        discover::discover(&named, &mut ignored)
            .iter()
            .filter(|p| p.is_file())
            .map(|p| workspace.name(p))
            .collect()
    };
    let mut watched = inputs(&workspace);
    let mut seen: BTreeMap<Key, (String, Diagnostic)> = BTreeMap::new();
    let outcome = workspace.check(&watched);
    let mut first: Vec<String> = Vec::new();
    for d in outcome.diagnostics() {
        let (key, line) = entry(&d, lang);
        first.push(format!("  {line}"));
        seen.insert(key, (line, d));
    }
    print_round(lang, &first, &[], &seen, true);
    loop {
        std::thread::sleep(POLL);
        let changes = workspace.refresh();
        let now = inputs(&workspace);
        if changes.is_empty() && now == watched {
            continue;
        }
        let added: Vec<String> = now
            .iter()
            .filter(|n| !watched.contains(n))
            .cloned()
            .collect();
        let mut affected = workspace.affected(&changes, &now);
        affected.extend(added);
        affected.sort();
        affected.dedup();
        let removed: BTreeSet<String> = watched
            .iter()
            .filter(|n| !now.contains(n))
            .cloned()
            .collect();
        watched = now;
        let rechecked: BTreeSet<&str> = affected
            .iter()
            .chain(&removed)
            .map(String::as_str)
            .collect();
        let outcome = workspace.check(&affected);
        let mut found: BTreeMap<Key, (String, Diagnostic)> = BTreeMap::new();
        for d in outcome.diagnostics() {
            if rechecked.contains(d.primary.location.file.as_str()) {
                let (key, line) = entry(&d, lang);
                found.insert(key, (line, d));
            }
        }
        let mut gone = Vec::new();
        seen.retain(|key, (line, _)| {
            let keep = !rechecked.contains(key.0.as_str()) || found.contains_key(key);
            if !keep {
                gone.push(format!("- {line}"));
            }
            keep
        });
        let mut new = Vec::new();
        for (key, (line, d)) in found {
            match seen.get_mut(&key) {
                // The same finding, perhaps moved: keep its new place.
                Some(old) => *old = (line, d),
                None => {
                    new.push(format!("+ {line}"));
                    seen.insert(key, (line, d));
                }
            }
        }
        if !new.is_empty() || !gone.is_empty() {
            print_round(lang, &new, &gone, &seen, false);
        }
    }
}

/// A finding's key across runs, and its line.
fn entry(d: &Diagnostic, lang: Lang) -> (Key, String) {
    let key = (
        d.primary.location.file.clone(),
        d.code.clone(),
        d.subject.indicator.clone(),
        d.subject.section.clone(),
        d.message.en.clone(),
    );
    let severity = match lang {
        Lang::Zh => d.severity.zh(),
        Lang::En => d.severity.as_str(),
    };
    let exempted = match (&d.exemption, lang) {
        (None, _) => "",
        (Some(_), Lang::Zh) => "（已豁免）",
        (Some(_), Lang::En) => " (exempted)",
    };
    (
        key,
        format!(
            "{} {severity}[{}]{exempted} {}",
            d.primary.location,
            d.code,
            d.message.get(lang)
        ),
    )
}

/// Prints one round: the new findings, the gone ones, and the counts now.
fn print_round(
    lang: Lang,
    new: &[String],
    gone: &[String],
    seen: &BTreeMap<Key, (String, Diagnostic)>,
    first: bool,
) {
    let counts = Counts::of(seen.values().map(|(_, d)| d));
    let mut out = String::new();
    for line in new.iter().chain(gone) {
        out.push_str(line);
        out.push('\n');
    }
    let time = clock();
    out.push_str(&match (lang, first) {
        (Lang::Zh, true) => format!(
            "[{time}] 共 {} 个错误，{} 个警告，{} 个提示；监视中，保存规划文件后重新检查（Ctrl-C 停止）\n",
            counts.error, counts.warning, counts.info
        ),
        (Lang::En, true) => format!(
            "[{time}] {} errors, {} warnings, {} notes; watching, checking again when a plan file is saved (Ctrl-C to stop)\n",
            counts.error, counts.warning, counts.info
        ),
        (Lang::Zh, false) => format!(
            "[{time}] 新增 {} 项，消失 {} 项；现共 {} 个错误，{} 个警告，{} 个提示\n",
            new.len(), gone.len(), counts.error, counts.warning, counts.info
        ),
        (Lang::En, false) => format!(
            "[{time}] {} new, {} gone; now {} errors, {} warnings, {} notes\n",
            new.len(), gone.len(), counts.error, counts.warning, counts.info
        ),
    });
    if crate::write::write_stdout(&planlint_diagnostics::terminal_safe(&out)).is_err() {
        std::process::exit(2);
    }
}

/// The time of day (UTC) as hours, minutes and seconds, to tell rounds apart.
fn clock() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60
    )
}
