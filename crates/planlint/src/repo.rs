//! The repository on disk: the configuration found by walking up from a path, the catalogs
//! and rule directories it names, and the plan files — read into the texts a check takes
//! ([`planlint_check`]), which does the rest in memory.
//!
//! In a repository (where `planlint.yaml` sits), every plan under the root is read, so that
//! a plan checked on its own, or one province's folder, is still checked against its real
//! ancestors; only the paths named are checked.

use crate::discover;
use crate::rules;
use planlint_check::{
    Config, Header, Input, Outcome, Phase, Repository, Request, Setup, SourceFile, Timings,
};
use planlint_diagnostics::{Diagnostic, Lang};
use planlint_engine::Selection;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

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
    /// Threads to check on; 0 means one per core.
    pub jobs: usize,
    /// The parent of the documents checked: a plan id, or a plan file (whose repository is
    /// then read too). Without it the parent is proposed from the document's basis.
    pub parent: Option<String>,
    /// The language of an imported plan file's header comment.
    pub lang: Option<Lang>,
    /// Files under this folder are named from it (the desk names its repository's plans
    /// from the root, so that nothing it hands out carries a path of the machine).
    pub name_from: Option<PathBuf>,
    /// No output draws the plans' lines (none is for people): `check` keeps none of the
    /// texts its findings point at.
    pub no_sources: bool,
}

/// A check and what it was made with: the setup's files are among the places its
/// diagnostics point at.
pub struct Checked {
    pub setup: Setup,
    pub outcome: Outcome,
}

/// The root of the repository that holds `near` (walking up to `planlint.yaml`).
pub fn root_of(near: &Path) -> Option<PathBuf> {
    find_config(near).and_then(|f| f.parent().map(Path::to_path_buf))
}

/// Walks up from `start` to the first folder with a `planlint.yaml`.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    let mut dir = if start.is_dir() {
        start.as_path()
    } else {
        start.parent()?
    };
    loop {
        let candidate = dir.join(planlint_check::CONFIG_FILE);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = dir.parent()?;
    }
}

/// The setup of the repository that holds `start` (none: the bundled catalog and rules),
/// with `catalogs`, `rule_dirs`, `select` and `ignore` given on top; and the repository's
/// root.
pub fn setup(
    start: &Path,
    catalogs: &[PathBuf],
    rule_dirs: &[PathBuf],
    extra: Selection,
) -> (Setup, Option<PathBuf>) {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    let config_file = find_config(start);
    let root = config_file
        .as_ref()
        .and_then(|f| f.parent().map(Path::to_path_buf));
    let config = match &config_file {
        None => Config::default(),
        Some(path) => match discover::read(path) {
            Ok(file) => {
                let (config, found) = Config::parse(&file.name, &file.text);
                problems.extend(found);
                files.push(file);
                config
            }
            Err(d) => {
                problems.push(*d);
                Config::default()
            }
        },
    };
    let base = root.clone().unwrap_or_default();
    let catalog_paths: Vec<PathBuf> = config
        .catalogs
        .iter()
        .map(|c| base.join(c))
        .chain(catalogs.iter().cloned())
        .collect();
    let mut catalog_files = Vec::new();
    for path in &catalog_paths {
        match discover::read(path) {
            Ok(file) => catalog_files.push(file),
            Err(d) => problems.push(*d),
        }
    }
    let dirs: Vec<PathBuf> = config
        .rule_dirs
        .iter()
        .map(|d| base.join(d))
        .chain(rule_dirs.iter().cloned())
        .collect();
    let mut sources = Vec::new();
    for dir in &dirs {
        sources.extend(rules::from_dir(dir, &mut problems));
    }
    let mut setup = Setup::new(&config, catalog_files, sources, extra, problems);
    setup.files.extend(files);
    (setup, root)
}

/// Runs a check of `options.paths`. One bad file never stops the others.
pub fn run(options: &Options) -> Checked {
    finish(options, prepare(options))
}

/// A check's setup and the files it reads, found: [`run`] before it reads a plan.
pub(crate) struct Prepared {
    pub setup: Setup,
    pub jobs: usize,
    /// The paths named, which are checked.
    pub named: Vec<PathBuf>,
    /// The repositories' other plan files, among which the named plans' ancestors are.
    pub others: Vec<PathBuf>,
    /// Paths named that could not be walked or read.
    pub problems: Vec<Diagnostic>,
    /// The parent given as a file.
    pub parent_file: Option<PathBuf>,
    pub timings: Timings,
}

/// The setup and the files of a check of `options.paths`.
pub(crate) fn prepare(options: &Options) -> Prepared {
    let mut timings = Timings::default();
    let mut clock = Instant::now();
    let jobs = threads(options.jobs);
    let mut start = options.paths.first().cloned().unwrap_or_default();
    // A document from outside any repository (a submission in the downloads folder) is
    // checked in the repository we are in.
    if planlint_import::is_document(&start) && find_config(&start).is_none() {
        start = PathBuf::from(".");
    }
    let extra = Selection {
        select: options.select.clone(),
        ignore: options.ignore.clone(),
        ..Selection::default()
    };
    let (setup, root) = setup(&start, &options.catalogs, &options.rule_dirs, extra);
    timings.lap(Phase::Compile, &mut clock);

    // The paths named are checked; documents among them are imported for the check.
    let mut problems = Vec::new();
    let named = discover::discover(&options.paths, &mut problems);
    // A parent given as a file brings its repository along.
    let parent_file = options
        .parent
        .as_ref()
        .map(PathBuf::from)
        .filter(|p| p.is_file());
    let mut roots: Vec<PathBuf> = root.into_iter().collect();
    roots.extend(parent_file.as_deref().and_then(root_of));
    // A root named as a folder (`check .` at the top of a repository) has been walked
    // already: every plan in it is named.
    let walked: BTreeSet<PathBuf> = options
        .paths
        .iter()
        .filter(|p| p.is_dir())
        .filter_map(|p| canonical(p))
        .collect();
    roots.retain(|root| !walked.contains(root));
    let mut seen: HashSet<PathBuf> = match (roots.is_empty(), &parent_file) {
        (true, None) => HashSet::new(),
        _ => canonical_all(&named),
    };
    let mut others: Vec<PathBuf> = Vec::new();
    if let Some(file) = &parent_file {
        if canonical(file).is_some_and(|c| seen.insert(c)) {
            others.push(file.clone());
        }
    }
    // A root is canonical (found by walking up a canonical path), and so is every file
    // walked under it (links are not followed): no system call per file is needed to
    // compare them with the paths named or to show them relative to the current folder.
    let cwd = std::env::current_dir().ok().and_then(|d| canonical(&d));
    for root in &roots {
        let mut ignored = Vec::new();
        for path in discover::discover(std::slice::from_ref(root), &mut ignored) {
            if seen.insert(path.clone()) {
                let shown = cwd.as_ref().and_then(|cwd| path.strip_prefix(cwd).ok());
                others.push(
                    shown.map_or_else(|| discover::relative_to_cwd(&path), Path::to_path_buf),
                );
            }
        }
    }
    timings.lap(Phase::Configure, &mut clock);
    Prepared {
        setup,
        jobs,
        named,
        others,
        problems,
        parent_file,
        timings,
    }
}

/// The name a file is known by in a check: from `options.name_from` where it is under it.
pub(crate) fn name_of(options: &Options, path: &Path) -> String {
    match options
        .name_from
        .as_ref()
        .and_then(|base| path.strip_prefix(base).ok())
    {
        Some(inside) => discover::display(inside),
        None => discover::display(path),
    }
}

/// The rest of [`run`]: reads the plans `prepared` found and checks them.
pub(crate) fn finish(options: &Options, prepared: Prepared) -> Checked {
    let Prepared {
        setup,
        jobs,
        named,
        others,
        mut problems,
        parent_file,
        mut timings,
    } = prepared;
    let mut clock = Instant::now();
    // Reading is most of a large run's time after parsing: both run on every thread, and
    // the results are taken in file order, so the output does not depend on the threads.
    let named_read = planlint_align::parallel_map(&named, jobs, |path| {
        read_input(path, &name_of(options, path))
    });
    let mut inputs = Vec::new();
    for result in named_read {
        match result {
            Ok(input) => inputs.push(input),
            Err(problem) => problems.push(*problem),
        }
    }
    // Files that are not checked and cannot be read are not this check's problem. Plan
    // files are checked against their ancestors only, so of the others only their headers
    // are read, and then the files a check of the inputs needs; a document's parent is
    // proposed among all plans, so all are read for one.
    let lazy = parent_file.is_none() && inputs.iter().all(|i| matches!(i, Input::Plan(_)));
    let repository = if lazy {
        Repository::load(needed_files(&others, &inputs, jobs), jobs)
    } else {
        let others_read = planlint_align::parallel_map(&others, jobs, |path| discover::read(path));
        Repository::load(others_read.into_iter().flatten().collect(), jobs)
    };
    let parent = match (&parent_file, &options.parent) {
        (Some(file), _) => {
            let (name, wanted) = (discover::display(file), canonical(file));
            repository
                .plans()
                .find(|p| p.file == name || canonical(Path::new(&p.file)) == wanted)
                .map(|p| p.id().to_string())
        }
        (None, parent) => parent.clone(),
    };
    timings.lap(Phase::ReadParse, &mut clock);

    let bar = progress_bar(inputs.len());
    let tick = || {
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    };
    let request = Request {
        inputs,
        parent,
        jobs,
        run_rules: !options.no_rules,
        lang: options.lang.unwrap_or(Lang::Zh),
        progress: Some(&tick),
        setup_problems: true,
    };
    let mut outcome = planlint_check::check(&setup, &repository, request);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    // What could not be read at all is a load problem of the check.
    outcome.load_problems.extend(problems);
    planlint_diagnostics::sort(&mut outcome.load_problems);
    timings.add_phases(&outcome.timings);
    timings.rules = std::mem::take(&mut outcome.timings.rules);
    outcome.timings = timings;
    Checked { setup, outcome }
}

/// The files among `others` a check of `inputs` (plan files) needs: each file's header is
/// scanned ([`scan_file`]) and its text dropped, then the inputs' ancestors and the files
/// clashing with their ids are read whole. A file whose header a scan cannot be sure of is
/// parsed for it (then kept whole if needed); a file that holds no plan is kept whole and
/// left to the check to say so.
fn needed_files(others: &[PathBuf], inputs: &[Input], jobs: usize) -> Vec<SourceFile> {
    // Each readable file with its header, or with its text where the header is unknown.
    let scanned: Vec<(usize, Result<Header, SourceFile>)> =
        planlint_align::parallel_map(others, jobs, |path| scan_file(path))
            .into_iter()
            .enumerate()
            .filter_map(|(i, scanned)| Some((i, scanned?)))
            .collect();
    // Parsed, as the batches read it: its own parent is followed like any other's.
    let headers: Vec<Option<Header>> = scanned
        .iter()
        .map(|(_, scanned)| match scanned {
            Ok(header) => Some(header.clone()),
            Err(file) => Header::parsed(&file.name, &file.text),
        })
        .collect();
    let wanted: Vec<Header> = inputs
        .iter()
        .filter_map(|input| match input {
            Input::Plan(file) => Some(Header::read(&file.name, &file.text).unwrap_or_default()),
            Input::Document { .. } | Input::Read { .. } => None,
        })
        .collect();
    let needed = planlint_check::needed_by_headers(&headers, &wanted);
    let read = planlint_align::parallel_map(&needed, jobs, |&i| match &scanned[i] {
        (_, Err(file)) => Some(file.clone()),
        (at, Ok(_)) => discover::read(&others[*at]).ok(),
    });
    read.into_iter().flatten().collect()
}

/// A plan file's header, scanned from its first lines where they hold it (`id` and
/// `parent` come first in almost every plan), else from its whole text; the whole text
/// where a scan cannot be sure of it; `None` for a file that cannot be read. A file shorter
/// than the first lines read is read once.
pub(crate) fn scan_file(path: &Path) -> Option<Result<Header, SourceFile>> {
    const START: usize = 8192;
    let start = discover::read_start(path, START).ok()?;
    let file = if start.len() < START {
        let name = discover::display(path);
        let text = planlint_check::plan_text(&name, start).ok()?;
        SourceFile { name, text }
    } else {
        // Whole lines only, as text: of the first half kilobyte, where a header usually
        // is, then of more (a tool that sorts the keys writes `parent` after the
        // indicators). Each is checked as UTF-8 when it is read as text, which is slow
        // for Chinese: most of the 8 KB are headings, needed only for such a file.
        let lines = |len: usize| {
            let end = start[..len].iter().rposition(|&b| b == b'\n')?;
            std::str::from_utf8(&start[..=end]).ok()
        };
        let header = [512, 2048, START]
            .into_iter()
            .find_map(|len| lines(len).and_then(planlint_check::scan_header_start));
        if let Some(header) = header {
            return Some(Ok(header));
        }
        discover::read(path).ok()?
    };
    Some(planlint_check::scan_header(&file.text).ok_or(file))
}

/// A named path read as an input: a plan file's text, or a document read (converted
/// first where it must be), as [`crate::documents`] decides for every command.
fn read_input(path: &Path, name: &str) -> Result<Input, Box<Diagnostic>> {
    crate::documents::read_input(path, name)
}

fn canonical(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

/// The canonical paths of `files`, the same as [`canonical`] of each: a file that is not a
/// link is its folder's canonical path and its name, each folder resolved once for all its
/// files (thousands of files in hundreds of folders).
fn canonical_all(files: &[PathBuf]) -> HashSet<PathBuf> {
    let mut folders = discover::Folders::default();
    files
        .iter()
        .filter_map(|file| {
            let plain = std::fs::symlink_metadata(file).is_ok_and(|m| !m.file_type().is_symlink());
            match plain {
                true => folders.resolve(file),
                false => canonical(file),
            }
        })
        .collect()
}

/// A progress bar on standard error for long runs, and only where a person watches: never
/// in a pipe, a redirect or a CI log (`CI` set), and never for a handful of plans.
pub(crate) fn progress_bar(plans: usize) -> Option<indicatif::ProgressBar> {
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

/// Every readable plan file under `root`, parsed (a file that cannot be read is left out:
/// it cannot be anyone's parent).
pub fn repository(root: &Path, jobs: usize) -> Repository {
    let jobs = threads(jobs);
    let mut ignored = Vec::new();
    let paths = discover::discover(&[root.to_path_buf()], &mut ignored);
    let files = planlint_align::parallel_map(&paths, jobs, |path| discover::read(path));
    Repository::load(files.into_iter().flatten().collect(), jobs)
}

/// The threads to work on: `jobs`, or one per core for 0.
pub fn threads(jobs: usize) -> usize {
    if jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        jobs
    }
}

/// Reads a plan document (.docx, text in any common encoding, and what LibreOffice or
/// pdftotext convert) as the importer reads it.
pub fn read_document(
    path: &Path,
    name: &str,
) -> Result<planlint_import::Document, Box<Diagnostic>> {
    crate::documents::read_document_file(path, name)
}
