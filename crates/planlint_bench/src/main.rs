//! planlint-bench: writes a generated national repository, or benchmarks planlint on it.
//!
//!   planlint-bench generate --out DIR [--seed N] [--scale full|1000|100]
//!   planlint-bench run [--seed N]
//!   planlint-bench accuracy [--seed N] [--scale full|1000|100]
//!   planlint-bench load --out DIR [--runs N]
//!
//! `load` times `load_plan` alone, on one thread, over every plan file of a folder (read
//! into memory first): the reading of plans as each layout of YAML costs it. `redump.py`
//! beside this crate writes a repository again in the layouts other tools write.

use planlint_bench::{
    found_keys, generate, noted_plans, rule_sources, scale, Generated, Key, CATALOG, DEFECT_KINDS,
    NOTE_RULE,
};
use planlint_diagnostics::Diagnostic;
use planlint_engine::{Limits, RuleSet, RuleSource, Selection, World};
use planlint_model::{load_plan, yaml, Catalog, PlanSet};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn usage() -> ! {
    eprintln!("usage: planlint-bench generate --out DIR [--seed N] [--scale full|1000|100]\n       planlint-bench run [--seed N]\n       planlint-bench accuracy [--seed N] [--scale full|1000|100]\n       planlint-bench load --out DIR [--runs N]");
    std::process::exit(2);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut seed = 1u64;
    let mut out = None;
    let mut size = "full".to_string();
    let mut runs = 5usize;
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--seed" => {
                seed = args
                    .get(i + 1)
                    .and_then(|s| s.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "--out" => out = Some(PathBuf::from(args.get(i + 1).unwrap_or_else(|| usage()))),
            "--scale" => size = args.get(i + 1).cloned().unwrap_or_else(|| usage()),
            "--runs" => {
                runs = args
                    .get(i + 1)
                    .and_then(|s| s.parse().ok())
                    .filter(|&n| n > 0)
                    .unwrap_or_else(|| usage())
            }
            _ => usage(),
        }
        i += 2;
    }
    match args.first().map(String::as_str) {
        Some("generate") => {
            let out = out.unwrap_or_else(|| usage());
            let (p, f, c) = scale(&size).unwrap_or_else(|| usage());
            let g = generate(seed, p, f, c);
            write_repo(&out, &g);
            println!(
                "{} plans, {} injected defects written to {}",
                g.files.len(),
                g.truth.len(),
                out.display()
            );
        }
        Some("run") => run(seed),
        Some("accuracy") => accuracy_only(seed, &size),
        Some("load") => load(&out.unwrap_or_else(|| usage()), runs),
        _ => usage(),
    }
}

fn write_repo(out: &Path, g: &Generated) {
    std::fs::create_dir_all(out).unwrap();
    std::fs::write(
        out.join("planlint.yaml"),
        "# A generated plan repository (planlint-bench).\nplanlint: 1\n",
    )
    .unwrap();
    for (path, text) in &g.files {
        let p = out.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    std::fs::write(out.join("truth.json"), g.truth_json()).unwrap();
}

/// Every `*.plan.yaml` under `dir`, sorted by path, with its text.
fn plan_files(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            plan_files(&path, out);
        } else if path.to_string_lossy().ends_with(".plan.yaml") {
            if let Ok(text) = std::fs::read_to_string(&path) {
                out.push((path.to_string_lossy().into_owned(), text));
            }
        }
    }
}

/// Times `load_plan` over the plans of `dir`, one thread, `runs` times, and says which
/// YAML reader took how many files.
fn load(dir: &Path, runs: usize) {
    let mut files = Vec::new();
    plan_files(dir, &mut files);
    if files.is_empty() {
        eprintln!("no *.plan.yaml under {}", dir.display());
        std::process::exit(2);
    }
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let mut times = Vec::with_capacity(runs);
    let mut problems = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        problems = 0;
        for (file, text) in &files {
            let (plan, found) = load_plan(file, text);
            problems += found.len();
            std::hint::black_box(plan);
        }
        times.push(t0.elapsed());
    }
    let (mut scanned, mut evented) = (0, 0);
    for (_, text) in &files {
        match yaml::fast_paths(text) {
            (Some(_), _) => scanned += 1,
            (None, Some(_)) => evented += 1,
            (None, None) => {}
        }
    }
    let best = times.iter().min().copied().unwrap_or_default();
    println!(
        "{}: {} plans, {:.1} MB; load_plan median {:.0} ms, best {:.0} ms of {runs}; {problems} problems; line reader {scanned}, event reader {evented}, serde-saphyr {}",
        dir.display(),
        files.len(),
        bytes as f64 / 1e6,
        ms(median(times)),
        ms(best),
        files.len() - scanned - evented
    );
}

/// The process's peak resident memory since its start or the last [`reset_peak`], in MB.
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Starts the peak over from the present resident memory (Linux: `5` to `clear_refs`), so
/// that a size's peak is not an earlier size's. Where that is refused the peak is the
/// process's since its start.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

struct Outcome {
    plans: usize,
    total: Duration,
    read: Duration,
    /// of which load_plan (YAML parse + decode)
    load: Duration,
    compile: Duration,
    rules: Duration,
    peak: f64,
    findings: Vec<Diagnostic>,
    load_problems: usize,
}

fn one_size(g: &Generated, sources: &[RuleSource], jobs: usize) -> Outcome {
    let (mut read, mut load, mut compile, mut rules_t, mut total) =
        (vec![], vec![], vec![], vec![], vec![]);
    let mut findings = Vec::new();
    let mut load_problems = 0;
    reset_peak();
    for _ in 0..3 {
        let t0 = Instant::now();
        // As the binary does: plans parsed on every thread, taken in file order.
        let loaded = planlint_engine::parallel_map(&g.files, jobs, |(f, t)| load_plan(f, t));
        let mut plans = Vec::with_capacity(g.files.len());
        let mut problems = 0;
        for (plan, found) in loaded {
            problems += found.len();
            plans.extend(plan);
        }
        let tl = Instant::now();
        let (catalog, _) = Catalog::load("rules/catalog.yaml", CATALOG);
        let (set, found) = PlanSet::new(plans);
        problems += found.len();
        let count = set.plans().len();
        let world = Arc::new(World::new_on(set, catalog, jobs));
        let t1 = Instant::now();
        let (rules, _) = RuleSet::compile(sources.to_vec(), Limits::default());
        let t2 = Instant::now();
        // Reference copies of higher plans are parents, not submissions: not checked.
        let all: Vec<usize> = (0..count)
            .filter(|&i| !world.plans.get(i).is_reference())
            .collect();
        findings = rules.check_parallel(&world, &all, &Selection::default(), jobs, &|| {});
        let t3 = Instant::now();
        read.push(t1 - t0);
        load.push(tl - t0);
        compile.push(t2 - t1);
        rules_t.push(t3 - t2);
        total.push(t3 - t0);
        load_problems = problems;
    }
    Outcome {
        plans: g.files.len(),
        total: median(total),
        read: median(read),
        load: median(load),
        compile: median(compile),
        rules: median(rules_t),
        peak: peak_mb(),
        findings,
        load_problems,
    }
}

/// Per defect kind: injected, reported, matched, and of them exempted: injected, reported.
type KindCounts = BTreeMap<&'static str, (usize, usize, usize, usize, usize)>;

/// How a repository's findings score against its truth list.
struct Score {
    per: KindCounts,
    /// Per way of writing a kind (`weaker-target`, `voluntary`): injected, matched.
    variants: BTreeMap<(&'static str, &'static str), (usize, usize)>,
    /// The plans to be noted for names matched through a qualifier: expected, noted (once
    /// each), both.
    notes: (usize, usize, usize),
    misses: Vec<String>,
    /// Findings of rules that nothing injected (every one a false positive on clean data).
    other: BTreeMap<String, usize>,
}

fn score(g: &Generated, findings: &[Diagnostic]) -> Score {
    let (catalog, _) = Catalog::load("rules/catalog.yaml", CATALOG);
    // Each key with whether it is exempted (in the truth: the plan acknowledges the defect;
    // found: the checker reports it as exempted).
    let truth = g.truth_keys();
    let found = found_keys(&catalog, findings);
    let mut other: BTreeMap<String, usize> = BTreeMap::new();
    let mut misses = Vec::new();
    for d in findings
        .iter()
        .filter(|d| !DEFECT_KINDS.contains(&d.code.as_str()) && d.code != NOTE_RULE)
    {
        *other.entry(d.code.clone()).or_default() += 1;
        misses.push(format!(
            "other   {} {}: {}",
            d.code,
            d.plan.clone().unwrap_or_default(),
            d.message.en
        ));
    }
    let mut per = BTreeMap::new();
    for kind in DEFECT_KINDS {
        let t: BTreeMap<&Key, bool> = truth
            .iter()
            .filter(|(k, _)| k.0 == kind)
            .map(|(k, e)| (k, *e))
            .collect();
        let f: BTreeMap<&Key, bool> = found
            .iter()
            .filter(|(k, _)| k.0 == kind)
            .map(|(k, e)| (k, *e))
            .collect();
        // An exempted defect matches only a finding reported as exempted, and the reverse.
        let tp = t.iter().filter(|(k, e)| f.get(*k) == Some(*e)).count();
        let exempted = |m: &BTreeMap<&Key, bool>| m.values().filter(|e| **e).count();
        per.insert(kind, (t.len(), f.len(), tp, exempted(&t), exempted(&f)));
        for (k, e) in &t {
            match f.get(k) {
                None => misses.push(format!("missed  {} {} {}", k.0, k.1, k.2)),
                Some(fe) if fe != e => misses.push(format!(
                    "exempt  {} {} {}: exempted in the truth {e}, in the finding {fe}",
                    k.0, k.1, k.2
                )),
                Some(_) => {}
            }
        }
        for k in f.keys().filter(|k| !t.contains_key(*k)) {
            misses.push(format!("extra   {} {} {}", k.0, k.1, k.2));
        }
    }
    let mut variants: BTreeMap<(&'static str, &'static str), (usize, usize)> = BTreeMap::new();
    for d in g.truth.iter().filter(|d| !d.variant.is_empty()) {
        let key = (
            d.rule.to_string(),
            d.plan.clone(),
            d.indicator_id.to_string(),
        );
        let v = variants.entry((d.rule, d.variant)).or_default();
        v.0 += 1;
        v.1 += usize::from(found.get(&key) == Some(&d.exempted));
    }
    let noted = noted_plans(findings);
    let both = g.notes.iter().filter(|p| noted.get(*p) == Some(&1)).count();
    for p in &g.notes {
        if noted.get(p) != Some(&1) {
            misses.push(format!("note    {p}: noted {:?} times", noted.get(p)));
        }
    }
    for p in noted.keys().filter(|p| !g.notes.contains(p)) {
        misses.push(format!("note    {p}: noted, not expected"));
    }
    Score {
        per,
        variants,
        notes: (g.notes.len(), noted.len(), both),
        misses,
        other,
    }
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "—".to_string()
    } else {
        format!("{:.1}%", 100.0 * a as f64 / b as f64)
    }
}

/// Prints a repository's scores: per kind, per way of writing one, the notes, the other
/// rules' findings and the misses.
fn print_score(layout: &str, g: &Generated, s: &Score, load_problems: usize) {
    println!();
    println!(
        "{layout}: {} plans, {} injected defects, {load_problems} load problems",
        g.files.len(),
        g.truth.len()
    );
    println!("| defect kind | injected | reported | matched | exempted (injected / reported) | recall | precision |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (kind, (t, f, tp, te, fe)) in &s.per {
        println!(
            "| {kind} | {t} | {f} | {tp} | {te} / {fe} | {} | {} |",
            pct(*tp, *t),
            pct(*tp, *f)
        );
    }
    for ((kind, variant), (t, tp)) in &s.variants {
        println!(
            "| … of which {kind} ({variant}) | {t} | | {tp} | | {} | |",
            pct(*tp, *t)
        );
    }
    let (want, have, both) = s.notes;
    println!(
        "{NOTE_RULE} (one note per plan naming an indicator through a scope or a stem): expected {want}, noted {have}, both {both}"
    );
    println!(
        "findings of other rules (not injected; every one is a false positive on clean data): {}",
        if s.other.is_empty() { "none" } else { "" }
    );
    for (code, n) in &s.other {
        println!("  {code}: {n}");
    }
    println!("misses ({}; first 40):", s.misses.len());
    for m in s.misses.iter().take(40) {
        println!("  {m}");
    }
}

/// Checks a repository's files once, on `jobs` threads: the findings and the number of
/// load problems.
fn check_once(
    files: &[(String, String)],
    sources: &[RuleSource],
    jobs: usize,
) -> (Vec<Diagnostic>, usize) {
    let loaded = planlint_engine::parallel_map(files, jobs, |(f, t)| load_plan(f, t));
    let mut plans = Vec::with_capacity(files.len());
    let mut problems = 0;
    for (plan, found) in loaded {
        problems += found.len();
        plans.extend(plan);
    }
    let (catalog, _) = Catalog::load("rules/catalog.yaml", CATALOG);
    let (set, found) = PlanSet::new(plans);
    problems += found.len();
    let count = set.plans().len();
    let world = Arc::new(World::new_on(set, catalog, jobs));
    let (rules, _) = RuleSet::compile(sources.to_vec(), Limits::default());
    let all: Vec<usize> = (0..count)
        .filter(|&i| !world.plans.get(i).is_reference())
        .collect();
    let findings = rules.check_parallel(&world, &all, &Selection::default(), jobs, &|| {});
    (findings, problems)
}

/// A layout's name and the repository's files in it (relative path, text).
type Layout = (String, Vec<(String, String)>);

/// The repository written again by `redump.py` in every layout it writes (PyYAML's block,
/// flow and ASCII layouts, a hand-written one, one with anchors), each read back as the
/// generator's files are: by the same relative paths, in the same order. `Err` says why
/// they could not be written (no Python, no PyYAML).
fn layouts(g: &Generated) -> Result<Vec<Layout>, String> {
    let python = std::env::var("PLANLINT_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    let probe = std::process::Command::new(&python)
        .args(["-c", "import yaml"])
        .output()
        .map_err(|e| format!("{python} could not be run ({e})"))?;
    if !probe.status.success() {
        return Err(format!(
            "PyYAML is not installed for {python} (pip install pyyaml, or set PLANLINT_BENCH_PYTHON)"
        ));
    }
    let root = std::env::temp_dir().join(format!("planlint-bench-layouts-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let generated = root.join("generated");
    let out = root.join("layouts");
    write_repo(&generated, g);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("redump.py");
    let status = std::process::Command::new(&python)
        .arg(&script)
        .arg(&generated)
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("redump.py could not be run ({e})"))?;
    if !status.success() {
        let _ = std::fs::remove_dir_all(&root);
        return Err(format!("redump.py failed ({status})"));
    }
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut result = Vec::new();
    for name in names {
        let dir = out.join(&name);
        let files = g
            .files
            .iter()
            .map(|(path, _)| {
                let text = std::fs::read_to_string(dir.join(path))
                    .map_err(|e| format!("{name}/{path}: {e}"))?;
                Ok((path.clone(), text))
            })
            .collect::<Result<Vec<_>, String>>()?;
        result.push((name, files));
    }
    let _ = std::fs::remove_dir_all(&root);
    Ok(result)
}

/// Recall and precision on the generated repository (checked already: `findings`) and on
/// each layout `redump.py` writes of it.
fn accuracy(
    g: &Generated,
    findings: &[Diagnostic],
    problems: usize,
    sources: &[RuleSource],
    jobs: usize,
) {
    print_score(
        "generated (planlint-bench's layout)",
        g,
        &score(g, findings),
        problems,
    );
    match layouts(g) {
        Ok(layouts) => {
            for (name, files) in layouts {
                let (findings, problems) = check_once(&files, sources, jobs);
                print_score(
                    &format!("redump.py {name}"),
                    g,
                    &score(g, &findings),
                    problems,
                );
            }
        }
        Err(why) => {
            println!();
            println!("the layouts of redump.py are skipped: {why}");
        }
    }
}

/// `planlint-bench accuracy`: recall and precision only, without the timings.
fn accuracy_only(seed: u64, size: &str) {
    let sources = rule_sources();
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (p, f, c) = scale(size).unwrap_or_else(|| usage());
    let g = generate(seed, p, f, c);
    println!(
        "planlint-bench accuracy --seed {seed} --scale {size}: {} rules, {jobs} threads",
        sources.len()
    );
    let (findings, problems) = check_once(&g.files, &sources, jobs);
    accuracy(&g, &findings, problems, &sources, jobs);
}

fn run(seed: u64) {
    let sources = rule_sources();
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "planlint-bench run --seed {seed}: {} rules, {jobs} threads, median of 3 runs per size",
        sources.len()
    );
    println!();
    println!("| plans | wall ms | plans/s | read+parse+hierarchy+world ms | of which YAML parse+decode ms | compile rules ms | run rules ms | peak RSS MB | load problems | findings |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut points = Vec::new();
    let mut last = None;
    for size in ["100", "1000", "full"] {
        let (p, f, c) = scale(size).unwrap();
        drop(last.take()); // the previous size's repository is not held while this one runs
        let g = generate(seed, p, f, c);
        let o = one_size(&g, &sources, jobs);
        println!(
            "| {} | {:.0} | {:.0} | {:.0} ({:.0}%) | {:.0} | {:.1} | {:.0} ({:.0}%) | {:.0} | {} | {} |",
            o.plans,
            ms(o.total),
            o.plans as f64 / o.total.as_secs_f64(),
            ms(o.read),
            100.0 * o.read.as_secs_f64() / o.total.as_secs_f64(),
            ms(o.load),
            ms(o.compile),
            ms(o.rules),
            100.0 * o.rules.as_secs_f64() / o.total.as_secs_f64(),
            o.peak,
            o.load_problems,
            o.findings.len()
        );
        points.push(((o.plans as f64).ln(), o.total.as_secs_f64().ln()));
        last = Some((g, o));
    }
    // least-squares slope of ln(time) on ln(plans)
    let n = points.len() as f64;
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let slope = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum::<f64>()
        / points.iter().map(|p| (p.0 - mx).powi(2)).sum::<f64>();
    println!();
    println!("fitted exponent (log-log slope of wall time on plans): {slope:.2}");
    let (g, o) = last.unwrap();
    accuracy(&g, &o.findings, o.load_problems, &sources, jobs);
    let misses = score(&g, &o.findings).misses;
    if let Ok(path) = std::env::var("PLANLINT_BENCH_DUMP") {
        let mut text = String::new();
        for m in &misses {
            text.push_str(m);
            text.push('\n');
        }
        for d in &o.findings {
            text.push_str(&format!(
                "{} {} {:?} {}\n",
                d.code,
                d.plan.clone().unwrap_or_default(),
                d.subject.indicator,
                d.message.en
            ));
        }
        std::fs::write(path, text).unwrap();
    }
}
