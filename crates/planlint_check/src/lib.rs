//! A check in memory: the one entry point the command line, the reviewer's desk and an
//! editor call.
//!
//! A caller hands over texts, never paths: a [`Setup`] (the catalog, the compiled rules and
//! which run, from the repository's [`Config`]), a [`Repository`] (every plan file of the
//! repository, parsed once and kept) and a [`Request`] naming what to check — plan files or
//! documents, by name and bytes, which win over a repository file of the same name. The
//! [`Outcome`] holds the plans, every finding, the problems loading each input (a
//! document's at its own places) and where the time went.
//!
//! **Invariant:** no I/O: files are found, read and written by the caller, so every check
//! is tested with strings, and an upload is checked without touching the disk.
//! **Invariant:** the same request gives the same outcome whatever `jobs` is.

mod codes;
mod config;
mod header;
mod repository;
mod setup;

pub use codes::{could_not_check, known_codes};
pub use config::{Config, FILE_NAME as CONFIG_FILE};
pub use header::{needed as needed_by_headers, scan_header, scan_header_start, Header};
pub use repository::{candidates, Repository};
pub use setup::{bundled_rules, load_catalog, RanRule, Setup, BUNDLED_CATALOG};

use planlint_align::World;
use planlint_diagnostics::{sort, Diagnostic, Lang};
use planlint_import::Imported;
use planlint_model::{load_plan, Plan, PlanSet};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The suffix of plan files.
pub const PLAN_SUFFIX: &str = ".plan.yaml";

/// A file's name as shown to the user, and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }
}

/// Something to check.
#[derive(Clone, Debug)]
pub enum Input {
    /// A plan file's text.
    Plan(SourceFile),
    /// A plan document's bytes (.docx, or text in a common encoding), imported for the
    /// check; its findings are placed in the document.
    Document { name: String, bytes: Vec<u8> },
    /// A plan document already read ([`planlint_import::read`]), by a caller that had to
    /// look at it first.
    Read {
        name: String,
        document: planlint_import::Document,
    },
}

impl Input {
    /// The name the input is known by.
    pub fn name(&self) -> &str {
        match self {
            Input::Plan(file) => &file.name,
            Input::Document { name, .. } | Input::Read { name, .. } => name,
        }
    }
}

/// What to check, and how.
pub struct Request<'a> {
    pub inputs: Vec<Input>,
    /// The parent of the documents checked, a plan id; proposed from a document's basis
    /// among the repository's plans when absent.
    pub parent: Option<String>,
    /// Threads to check on (at least one).
    pub jobs: usize,
    /// Whether to run the rules (`planlint show` only reads).
    pub run_rules: bool,
    /// The language of an imported plan file's header comment.
    pub lang: Lang,
    /// Called after each plan is checked, from any thread.
    pub progress: Option<&'a (dyn Fn() + Sync)>,
    /// Whether the setup's own problems (its configuration's, its catalogs', its rules'
    /// that did not compile) are among the outcome's: a check taken in parts says them
    /// once.
    pub setup_problems: bool,
}

impl Request<'_> {
    /// A request to check `inputs` with the rules, on `jobs` threads.
    pub fn new(inputs: Vec<Input>, jobs: usize) -> Request<'static> {
        Request {
            inputs,
            parent: None,
            jobs,
            run_rules: true,
            lang: Lang::Zh,
            progress: None,
            setup_problems: true,
        }
    }
}

/// A document imported for a check.
#[derive(Debug)]
pub struct ImportedDocument {
    /// The document as the user named it.
    pub name: String,
    /// The name of the plan file made from it, which diagnostics pointed into until they
    /// were moved to the document.
    pub yaml_name: String,
    pub imported: Imported,
}

/// Everything a check found, ready to render.
pub struct Outcome {
    /// Every file a diagnostic may point at: the inputs, the repository's plan files and
    /// each document as text.
    pub files: Vec<SourceFile>,
    /// How many inputs were checked (documents included), and the plans they hold (as
    /// indexes into the world's plans).
    pub checked_files: usize,
    pub checked: Vec<usize>,
    /// The plans of the inputs that are reference copies of higher plans: read, not
    /// checked (their reports say so).
    pub references: Vec<usize>,
    pub world: Arc<World>,
    /// Problems loading the inputs, the documents' import problems, and the setup's.
    pub load_problems: Vec<Diagnostic>,
    /// What the rules found, and rules that failed (to compile or to run).
    pub findings: Vec<Diagnostic>,
    /// The documents imported, with their plan files.
    pub documents: Vec<ImportedDocument>,
    /// The rules that ran, sorted by id.
    pub ran: Vec<RanRule>,
    pub catalog_hash: String,
    /// Where the time went, for `--timings`. Never part of an output.
    pub timings: Timings,
    /// The threads the check ran on.
    pub jobs: usize,
}

impl Outcome {
    /// Every diagnostic, sorted, moved out of the outcome (which then holds none: ask
    /// [`Outcome::incomplete`] first).
    pub fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        let mut all = std::mem::take(&mut self.load_problems);
        all.append(&mut self.findings);
        sort(&mut all);
        all
    }

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

    /// Whether something could not be checked: an input could not be read or is not a
    /// valid plan, a rule failed, or nothing was checked at all (exit status 2).
    pub fn incomplete(&self) -> bool {
        self.load_problems
            .iter()
            .any(|d| d.severity == planlint_diagnostics::Severity::Error)
            || self
                .findings
                .iter()
                .any(|d| d.code == planlint_engine::engine_codes::RULE_FAILED)
            || self.checked_files == 0
    }
}

/// A plan file's bytes as text: UTF-8, a leading byte-order mark dropped. UTF-16 and bytes
/// that are not UTF-8 are refused with an `io-error` that says how to save the file.
pub fn plan_text(name: &str, bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    use planlint_diagnostics::{Location, Text};
    use planlint_model::codes;
    let save = || Text::new("请将文件另存为 UTF-8 编码", "save the file as UTF-8");
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Box::new(
            Diagnostic::error(
                codes::IO_ERROR,
                Text::new(
                    "文件是 UTF-16 编码，planlint 只读取 UTF-8",
                    "the file is UTF-16; planlint reads UTF-8 only",
                ),
                Location::file(name),
            )
            .with_help(save()),
        ));
    }
    // A byte-order mark is dropped; otherwise the bytes become the text, uncopied.
    let mut bytes = bytes;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        Box::new(
            Diagnostic::error(
                codes::IO_ERROR,
                Text::new(
                    format!("文件不是 UTF-8 文本（第 {offset} 字节处无效）"),
                    format!("the file is not UTF-8 text (invalid at byte {offset})"),
                ),
                Location::file(name),
            )
            .with_help(save()),
        )
    })
}

/// Wall time per phase of a check and time per rule.
#[derive(Debug, Default)]
pub struct Timings {
    pub phases: Vec<(Phase, Duration)>,
    pub rules: Vec<(String, Duration)>,
}

impl Timings {
    /// Adds the time since `clock` to `phase`, and starts `clock` again for the next.
    pub fn lap(&mut self, phase: Phase, clock: &mut Instant) {
        self.add(phase, clock.elapsed());
        *clock = Instant::now();
    }

    /// Adds the phases of `other` (a part of the same check) to these.
    pub fn add_phases(&mut self, other: &Timings) {
        for &(phase, spent) in &other.phases {
            self.add(phase, spent);
        }
    }

    /// Adds `spent` to `phase` (a phase may be timed in several pieces).
    pub fn add(&mut self, phase: Phase, spent: Duration) {
        match self.phases.iter_mut().find(|(p, _)| *p == phase) {
            Some((_, total)) => *total += spent,
            None => self.phases.push((phase, spent)),
        }
    }
}

/// A phase of a check, named for `--timings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Configure,
    Compile,
    ReadParse,
    Import,
    World,
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
            Phase::Compile => ("编译规则", "compiling rules"),
            Phase::ReadParse => ("读取并解析规划文件", "reading and parsing plan files"),
            Phase::Import => ("导入文档", "importing documents"),
            Phase::World => (
                "层级、指标匹配、目标解读",
                "hierarchy, catalog matching, targets",
            ),
            Phase::Rules => ("运行规则", "running rules"),
            Phase::Render => ("生成输出", "rendering outputs"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Checks the inputs of `request` against the plans of `repository`, with `setup`.
///
/// The repository's plans are the inputs' ancestors and nothing more: only the inputs are
/// checked, only their problems are reported, and of the repository only what they need
/// is taken — their ancestors, and any plan that claims one of their ids (so that the
/// clash is reported). An input wins over a repository file of the same name, and a
/// document's plan over a repository plan with the same id (an earlier version of the same
/// draft, imported before). One bad input never stops the others.
pub fn check(setup: &Setup, repository: &Repository, request: Request) -> Outcome {
    let mut timings = Timings::default();
    let mut clock = Instant::now();
    let jobs = request.jobs.max(1);
    let (plan_inputs, documents): (Vec<Input>, Vec<Input>) = request
        .inputs
        .into_iter()
        .partition(|i| matches!(i, Input::Plan(_)));
    let input_names: BTreeSet<String> = plan_inputs
        .iter()
        .chain(&documents)
        .map(|i| i.name().to_string())
        .collect();

    // The inputs, read on every thread and taken in order.
    let plan_files: Vec<SourceFile> = plan_inputs
        .into_iter()
        .filter_map(|i| match i {
            Input::Plan(file) => Some(file),
            Input::Document { .. } | Input::Read { .. } => None,
        })
        .collect();
    let loaded =
        planlint_align::parallel_map(&plan_files, jobs, |file| load_plan(&file.name, &file.text));
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut plans: Vec<Plan> = Vec::new();
    let mut checked_files: BTreeSet<String> = BTreeSet::new();
    for (file, (plan, found)) in plan_files.iter().zip(loaded) {
        problems.extend(found);
        checked_files.insert(file.name.clone());
        plans.extend(plan);
    }
    let mut files = plan_files;
    timings.lap(Phase::ReadParse, &mut clock);

    let imported = import_documents(
        documents,
        request.parent,
        request.lang,
        &plans,
        repository,
        &mut files,
        &mut problems,
    );
    if !imported.is_empty() {
        timings.lap(Phase::Import, &mut clock);
    }
    for (doc, _) in &imported {
        checked_files.insert(doc.yaml_name.clone());
    }
    let (imported, document_plans): (Vec<ImportedDocument>, Vec<Option<Plan>>) =
        imported.into_iter().unzip();
    let document_plans: Vec<Plan> = document_plans.into_iter().flatten().collect();
    // A document's plan replaces a repository plan with its id: an earlier version.
    let replaced: BTreeSet<&str> = document_plans.iter().map(|p| p.id()).collect();
    let wanted = repository.needed(plans.iter().chain(&document_plans), &input_names, &replaced);
    for (file, plan) in wanted {
        plans.push(plan.clone());
        files.push(file.clone());
    }
    plans.extend(document_plans);

    let (plans, found) = PlanSet::new(plans);
    // Hierarchy problems of plans outside the inputs are theirs, not ours.
    problems.extend(
        found
            .into_iter()
            .filter(|d| checked_files.contains(&d.primary.location.file)),
    );
    // A reference copy of a higher plan is read (and its file's problems reported) but not
    // checked: it is there as a parent, not as a submission.
    let (references, checked): (Vec<usize>, Vec<usize>) = (0..plans.plans().len())
        .filter(|&i| checked_files.contains(&plans.get(i).file))
        .partition(|&i| plans.get(i).is_reference());
    let world = Arc::new(World::new_on(plans, setup.catalog.clone(), jobs));
    timings.lap(Phase::World, &mut clock);

    let mut findings = Vec::new();
    if request.setup_problems {
        problems.extend(setup.problems.iter().cloned());
        findings.extend(setup.compile_problems.iter().cloned());
    }
    let mut ran = Vec::new();
    if request.run_rules {
        ran = setup.ran();
        let nothing = || {};
        let progress = request.progress.unwrap_or(&nothing);
        findings.extend(setup.rules.check_parallel(
            &world,
            &checked,
            &setup.selection,
            jobs,
            progress,
        ));
        timings.lap(Phase::Rules, &mut clock);
        timings.rules = setup.rule_times();
    }
    for doc in &imported {
        for d in problems.iter_mut().chain(findings.iter_mut()) {
            doc.imported.relocate(d, &doc.yaml_name, &doc.name);
        }
    }
    sort(&mut problems);
    sort(&mut findings);
    Outcome {
        files,
        checked_files: checked_files.len(),
        checked,
        references,
        world,
        load_problems: problems,
        findings,
        documents: imported,
        ran,
        catalog_hash: setup.catalog_hash.clone(),
        timings,
        jobs,
    }
}

/// Imports each document into a plan, its parent proposed among `inputs` and `ancestors`
/// (or `parent`). An unreadable document is a problem; the others are still imported.
fn import_documents(
    documents: Vec<Input>,
    parent: Option<String>,
    lang: Lang,
    inputs: &[Plan],
    repository: &Repository,
    files: &mut Vec<SourceFile>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(ImportedDocument, Option<Plan>)> {
    if documents.is_empty() {
        return Vec::new();
    }
    let candidates = candidates(inputs.iter().chain(repository.plans()));
    let mut out = Vec::new();
    for input in documents {
        let (name, document) = match input {
            Input::Plan(_) => continue,
            Input::Read { name, document } => (name, document),
            Input::Document { name, bytes } => match planlint_import::read(&name, &bytes) {
                Ok(document) => (name, document),
                Err(problem) => {
                    problems.push(*problem);
                    continue;
                }
            },
        };
        let options = planlint_import::Options {
            id: None,
            parent: parent.clone(),
            candidates: candidates.clone(),
            lang,
        };
        let imported = planlint_import::import(&name, &document, &options);
        let yaml_name = format!("{name}{PLAN_SUFFIX}");
        let (plan, found) = load_plan(&yaml_name, &imported.yaml);
        problems.extend(found);
        problems.extend(imported.problems.iter().cloned());
        files.push(SourceFile::new(&name, imported.rendering.text.clone()));
        out.push((
            ImportedDocument {
                name,
                yaml_name,
                imported,
            },
            plan,
        ));
    }
    out
}
