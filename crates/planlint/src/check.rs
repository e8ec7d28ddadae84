//! `planlint check`: load the configuration, the catalog, the plans and the rules, resolve
//! the hierarchy, and run every selected rule on every plan.

use crate::config;
use crate::discover::{self, SourceFile};
use crate::rules;
use planlint_diagnostics::{sort, Diagnostic, Lang, Severity};
use planlint_engine::{content_hash, Limits, RuleMeta, RuleSet, Selection, World};
use planlint_model::{load_plan, Catalog, PlanSet};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn canonical(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

/// The indicator catalog built into the binary, so that planlint works anywhere.
pub const BUNDLED_CATALOG: &str = include_str!("../../../rules/catalog.yaml");

/// What to check and how.
#[derive(Debug, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub catalogs: Vec<PathBuf>,
    pub rule_dirs: Vec<PathBuf>,
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    /// Load and resolve only; run no rules (`planlint show`).
    pub no_rules: bool,
    /// Threads to run rules on; 0 means one per core.
    pub jobs: usize,
    /// The parent of imported documents: a plan id, or a plan file (whose repository is
    /// then read too). Without it the parent is proposed from the document's basis.
    pub parent: Option<String>,
    /// Where to look for `planlint.yaml` (walking up), instead of the first path: for a
    /// file that lies outside the repository it is checked in, such as an upload that
    /// `planlint serve` keeps in a temporary folder.
    pub repo: Option<PathBuf>,
}

/// Everything a check found, ready to render.
pub struct Outcome {
    /// Plan files read; in a repository this includes ancestors outside the checked paths.
    pub files: Vec<SourceFile>,
    /// How many of them were checked, and how many plans they hold.
    pub checked_files: usize,
    pub checked_plans: usize,
    /// The checked plans, as indexes into the world's plans.
    pub checked: Vec<usize>,
    /// The rules that ran, sorted by id, with their content hashes and the severity
    /// they ran at.
    pub ran: Vec<(RuleMeta, String, Severity)>,
    /// The content hash of the catalog files, in order.
    pub catalog_hash: String,
    /// Other files diagnostics can point at: catalogs, rule scripts, the configuration.
    pub other_files: Vec<SourceFile>,
    pub world: Arc<World>,
    /// Problems loading files: a plan with one could not be checked as written.
    pub load_problems: Vec<Diagnostic>,
    /// What the rules found, and rules that failed.
    pub findings: Vec<Diagnostic>,
    /// Where the time went, for `--timings`: wall time per phase, and per rule the time
    /// its runs took summed over threads. Never part of an output.
    pub timings: Timings,
    /// The threads the check ran on (`--jobs`, or one per core).
    pub jobs: usize,
}

/// Wall time per phase of a check and time per rule.
#[derive(Debug, Default)]
pub struct Timings {
    pub phases: Vec<(Phase, Duration)>,
    pub rules: Vec<(String, Duration)>,
}

impl Timings {
    /// The table `--timings` prints for a check on `jobs` threads: each phase's wall time
    /// and share of `total`, then each rule's time summed over the threads, slowest first.
    pub fn render(&self, lang: Lang, total: Duration, jobs: usize) -> String {
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
        let share = |d: Duration, of: Duration| {
            if of.is_zero() {
                0.0
            } else {
                100.0 * d.as_secs_f64() / of.as_secs_f64()
            }
        };
        let zh = lang == Lang::Zh;
        let mut out = String::new();
        let head = match (zh, jobs) {
            (true, jobs) => format!("planlint 用时（墙钟时间，{jobs} 个线程）：\n"),
            (false, 1) => "planlint timings (wall time, 1 thread):\n".to_string(),
            (false, jobs) => format!("planlint timings (wall time, {jobs} threads):\n"),
        };
        out.push_str(&head);
        for (phase, spent) in &self.phases {
            out.push_str(&format!(
                "  {} {:>11} {:>5.1}%\n",
                pad(phase.name(lang), 36),
                ms(*spent),
                share(*spent, total)
            ));
        }
        let total_name = if zh { "合计" } else { "total" };
        out.push_str(&format!("  {} {:>11}\n", pad(total_name, 36), ms(total)));
        if !self.rules.is_empty() {
            let mut rules: Vec<&(String, Duration)> = self.rules.iter().collect();
            rules.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let sum: Duration = rules.iter().map(|r| r.1).sum();
            out.push_str(if zh {
                "各规则用时（各线程合计）：\n"
            } else {
                "time per rule (summed over threads):\n"
            });
            for (id, spent) in rules {
                out.push_str(&format!(
                    "  {} {:>11} {:>5.1}%\n",
                    pad(id, 36),
                    ms(*spent),
                    share(*spent, sum)
                ));
            }
        }
        out
    }
}

/// `text` padded with spaces to `width` terminal columns; Chinese characters take two.
fn pad(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// A phase of a check, named for `--timings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Configure,
    ReadParse,
    Import,
    World,
    Compile,
    Rules,
    Render,
}

impl Phase {
    pub fn name(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Phase::Configure => (
                "读取配置、目录和文件清单",
                "configuration, catalog, file list",
            ),
            Phase::ReadParse => ("读取并解析规划文件", "reading and parsing plan files"),
            Phase::Import => ("导入文档", "importing documents"),
            Phase::World => (
                "层级、指标匹配、目标解读",
                "hierarchy, catalog matching, targets",
            ),
            Phase::Compile => ("编译规则", "compiling rules"),
            Phase::Rules => ("运行规则", "running rules"),
            Phase::Render => ("生成输出", "rendering outputs"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

impl Outcome {
    /// Every diagnostic, sorted.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .load_problems
            .iter()
            .chain(&self.findings)
            .cloned()
            .collect();
        sort(&mut all);
        all
    }
}

/// A progress bar on standard error for long runs, and only where a person watches: never
/// in a pipe, a redirect or a CI log (`CI` set), and never for a handful of plans.
fn progress_bar(plans: usize) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    let watched = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !watched || plans < 200 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(plans as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}") {
        bar.set_style(style);
    }
    Some(bar)
}

/// The bundled catalog extended by `files` (in order), the files read, and the content
/// hash of every catalog text used.
pub fn load_catalog<'a>(
    files: impl IntoIterator<Item = &'a PathBuf>,
    problems: &mut Vec<Diagnostic>,
) -> (Catalog, Vec<SourceFile>, String) {
    let (mut catalog, found) = Catalog::load("rules/catalog.yaml", BUNDLED_CATALOG);
    problems.extend(found);
    let mut read = Vec::new();
    for path in files {
        match discover::read(path) {
            Ok(file) => {
                problems.extend(catalog.extend(&file.name, &file.text));
                read.push(file);
            }
            Err(problem) => problems.push(*problem),
        }
    }
    let hash =
        content_hash(std::iter::once(BUNDLED_CATALOG).chain(read.iter().map(|f| f.text.as_str())));
    (catalog, read, hash)
}

/// A document imported for a check.
struct ImportedDocument {
    /// The document as the user named it.
    name: String,
    /// The name of the plan file made from it, which diagnostics point into until they
    /// are moved to the document.
    yaml_name: String,
    imported: planlint_import::Imported,
}

/// Imports each document into a plan (the repository's plans are the candidates for its
/// parent). An unreadable document is a problem; the others are still imported.
fn import_documents(
    documents: &[PathBuf],
    parent: Option<String>,
    plans: &mut Vec<planlint_model::Plan>,
    files: &mut Vec<SourceFile>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<ImportedDocument> {
    let candidates: Vec<planlint_import::Candidate> = plans
        .iter()
        .map(|p| planlint_import::Candidate {
            id: p.id().to_string(),
            title: p.title().to_string(),
            level: p.level().map(|l| l.as_str().to_string()),
        })
        .collect();
    let mut out = Vec::new();
    for path in documents {
        let name = discover::display(path);
        let document = match read_document(path, &name) {
            Ok(document) => document,
            Err(problem) => {
                problems.push(*problem);
                continue;
            }
        };
        let options = planlint_import::Options {
            id: None,
            parent: parent.clone(),
            candidates: candidates.clone(),
            ..planlint_import::Options::default()
        };
        let imported = planlint_import::import(&name, &document, &options);
        let yaml_name = format!("{name}{}", discover::PLAN_SUFFIX);
        let (plan, found) = load_plan(&yaml_name, &imported.yaml);
        problems.extend(found);
        problems.extend(imported.problems.iter().cloned());
        plans.extend(plan);
        files.push(SourceFile {
            name: name.clone(),
            text: imported.rendering.text.clone(),
        });
        out.push(ImportedDocument {
            name,
            yaml_name,
            imported,
        });
    }
    out
}

/// Reads a plan document (.txt in any common encoding, .docx).
pub fn read_document(
    path: &Path,
    name: &str,
) -> Result<planlint_import::Document, Box<Diagnostic>> {
    discover::refuse_large(path, name, discover::MAX_DOCUMENT_BYTES)?;
    let bytes =
        std::fs::read(path).map_err(|e| Box::new(discover::io_error(name, &e.to_string())))?;
    planlint_import::read(name, &bytes)
}

/// Runs a check. One bad file never stops the others.
pub fn run(options: &Options) -> Outcome {
    let mut timings = Timings::default();
    let mut clock = Instant::now();
    let mut lap = |phase: Phase, timings: &mut Timings| {
        timings.phases.push((phase, clock.elapsed()));
        clock = Instant::now();
    };
    let mut problems = Vec::new();
    let mut start = options
        .repo
        .clone()
        .or_else(|| options.paths.first().cloned())
        .unwrap_or_default();
    // A document from outside any repository (a submission in the downloads folder) is
    // checked in the repository we are in.
    if options.repo.is_none()
        && planlint_import::is_document(&start)
        && config::find(&start).is_none()
    {
        start = PathBuf::from(".");
    }
    let config = config::load(&start, &mut problems);
    let mut other_files = Vec::new();

    let (catalog, catalog_files, catalog_hash) = load_catalog(
        config.catalogs.iter().chain(&options.catalogs),
        &mut problems,
    );
    other_files.extend(catalog_files);

    // The plans named on the command line are the ones checked. In a repository (where
    // `planlint.yaml` sits), every other plan is read too, so that a plan checked on its
    // own, or one province's folder, is still checked against its real ancestors.
    // Documents (.txt, .docx) named on the command line are imported on the fly.
    let (documents, mut scope): (Vec<PathBuf>, Vec<PathBuf>) =
        discover::discover(&options.paths, &mut problems)
            .into_iter()
            .partition(|p| planlint_import::is_document(p));
    let named = scope.len();
    let mut in_scope: BTreeSet<PathBuf> = scope.iter().filter_map(|p| canonical(p)).collect();
    // A parent given as a file brings its repository along.
    let parent_file = options
        .parent
        .as_ref()
        .map(PathBuf::from)
        .filter(|p| p.is_file());
    let mut roots: Vec<PathBuf> = config.root.iter().cloned().collect();
    if let Some(file) = &parent_file {
        if canonical(file).is_some_and(|c| in_scope.insert(c)) {
            scope.push(file.clone());
        }
        if let Some(found) = config::find(file).and_then(|f| f.parent().map(Path::to_path_buf)) {
            roots.push(found);
        }
    }
    for root in &roots {
        let mut ignored = Vec::new();
        for path in discover::discover(std::slice::from_ref(root), &mut ignored) {
            if canonical(&path).is_some_and(|c| in_scope.insert(c)) {
                scope.push(discover::relative_to_cwd(&path));
            }
        }
    }
    let mut files = Vec::new();
    let mut plans = Vec::new();
    let mut checked_files = BTreeSet::new();
    let jobs = if options.jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        options.jobs
    };
    lap(Phase::Configure, &mut timings);
    // Reading and parsing is most of a large run's time: it runs on every thread, and the
    // results are taken in file order, so the output does not depend on the threads.
    let loaded = planlint_engine::parallel_map(&scope, jobs, |path| {
        discover::read(path).map(|file| {
            let (plan, found) = load_plan(&file.name, &file.text);
            (file, plan, found)
        })
    });
    for (i, result) in loaded.into_iter().enumerate() {
        let checked = i < named;
        match result {
            Ok((file, plan, found)) => {
                if checked {
                    problems.extend(found);
                    checked_files.insert(file.name.clone());
                }
                plans.extend(plan);
                files.push(file);
            }
            Err(problem) => {
                if checked {
                    problems.push(*problem);
                }
            }
        }
    }
    let parent = match (&parent_file, &options.parent) {
        (Some(file), _) => {
            let (name, wanted) = (discover::display(file), canonical(file));
            plans
                .iter()
                .find(|p| p.file == name || canonical(Path::new(&p.file)) == wanted)
                .map(|p| p.id().to_string())
        }
        (None, parent) => parent.clone(),
    };
    lap(Phase::ReadParse, &mut timings);
    let imported = import_documents(&documents, parent, &mut plans, &mut files, &mut problems);
    if !imported.is_empty() {
        lap(Phase::Import, &mut timings);
    }
    for doc in &imported {
        checked_files.insert(doc.yaml_name.clone());
    }
    let (plans, found) = PlanSet::new(plans);
    // Hierarchy problems of plans outside the checked paths are theirs, not ours.
    problems.extend(
        found
            .into_iter()
            .filter(|d| checked_files.contains(&d.primary.location.file)),
    );
    let checked: Vec<usize> = (0..plans.plans().len())
        .filter(|&i| checked_files.contains(&plans.get(i).file))
        .collect();
    let world = Arc::new(World::new_on(plans, catalog, jobs));
    lap(Phase::World, &mut timings);

    let sources = rules::sources(
        config.rule_dirs.iter().chain(&options.rule_dirs),
        &mut problems,
    );
    for s in &sources {
        other_files.push(SourceFile {
            name: s.script_file.clone(),
            text: s.script_text.clone(),
        });
        other_files.push(SourceFile {
            name: s.meta_file.clone(),
            text: s.meta_text.clone(),
        });
    }
    let (rules, compile_problems) = RuleSet::compile(sources, Limits::default());
    lap(Phase::Compile, &mut timings);
    let mut findings = compile_problems;
    let selection = Selection {
        select: options.select.clone().or(config.select),
        ignore: options
            .ignore
            .iter()
            .chain(&config.ignore)
            .cloned()
            .collect(),
        severity: config.severity,
    };
    let mut ran: Vec<(RuleMeta, String, Severity)> = Vec::new();
    if !options.no_rules {
        for rule in rules.rules().iter().filter(|r| selection.runs(&r.meta.id)) {
            let severity = selection
                .severity
                .get(&rule.meta.id)
                .copied()
                .unwrap_or(rule.meta.severity);
            ran.push((rule.meta.clone(), rule.hash.clone(), severity));
        }
        ran.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        let bar = progress_bar(checked.len());
        let tick = || {
            if let Some(bar) = &bar {
                bar.inc(1);
            }
        };
        findings.extend(rules.check_parallel(&world, &checked, &selection, jobs, &tick));
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        lap(Phase::Rules, &mut timings);
        timings.rules = rules
            .time_spent()
            .into_iter()
            .filter(|(id, _)| selection.runs(id))
            .map(|(id, spent)| (id.to_string(), spent))
            .collect();
    }
    for doc in &imported {
        for d in problems.iter_mut().chain(findings.iter_mut()) {
            doc.imported.relocate(d, &doc.yaml_name, &doc.name);
        }
    }
    sort(&mut problems);
    sort(&mut findings);
    Outcome {
        checked_files: checked_files.len(),
        checked_plans: checked.len(),
        checked: checked.clone(),
        ran,
        catalog_hash,
        files,
        other_files,
        world,
        load_problems: problems,
        findings,
        timings,
        jobs,
    }
}
