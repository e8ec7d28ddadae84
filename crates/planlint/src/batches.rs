//! `planlint check` of a large repository, a part at a time.
//!
//! Each plan is checked against its ancestors only, and a national repository is thousands
//! of county plans that are no one's parent. So a check of many plan files checks them in
//! batches, each batch with the ancestors it needs (found from every file's header, as a
//! check of one plan finds them). A batch is plans of the same lineage, parents just before
//! their children, so that most ancestors it needs are among its own plans.
//! Batches are checked side by side, each on its own thread from reading to letting go of
//! its plans, world and texts: no thread waits for another between the steps of a batch.
//! What is kept of each: the findings, the texts of the files they point at, and each
//! plan's gaps, put together in the batches' order.
//!
//! **Invariant:** the outputs are byte for byte those of one check of everything (tested on
//! generated repositories at several batch sizes and thread counts). Where that could not
//! be promised the check is made in one piece: a document among the paths, a parent given
//! on the command line, an id held by two files, a cycle of parents, or a rule that failed
//! (a rule is disabled by its failures across all plans). So is a chain of parents deeper
//! than any hierarchy, which every batch would read again.

use crate::discover;
use crate::repo::{self, Checked, Options, Prepared};
use planlint_check::{Header, Input, Phase, RanRule, Repository, Request, SourceFile, Timings};
use planlint_diagnostics::{sort, Diagnostic};
use planlint_engine::engine_codes;
use planlint_report::Gap;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Plans checked at once (in one batch, or in batches checked side by side): enough that
/// the ancestors a batch reads besides its own plans are few, few enough that they are a
/// small part of memory.
const IN_FLIGHT: usize = 320;

/// The deepest chain of parents checked in batches (real ones are four or five plans deep).
const DEEPEST_BATCHED: usize = 12;

/// The most batches checked side by side, each on its own thread.
const MOST_WORKERS: usize = 4;

/// Overrides [`IN_FLIGHT`] (for tests, which compare batches of every size with one check).
pub const BATCH_VAR: &str = "PLANLINT_CHECK_BATCH";

/// A checked plan that could not be judged without something it lacks.
#[derive(Clone, Debug)]
pub struct PlanGaps {
    pub id: String,
    pub title: String,
    pub gaps: Vec<Gap>,
}

/// What `planlint check` reports, from one check or from batches.
pub struct CheckRun {
    /// Every diagnostic, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The texts of the files diagnostics point at, by name.
    pub sources: BTreeMap<String, String>,
    pub checked_files: usize,
    pub plans: usize,
    pub ran: Vec<RanRule>,
    pub catalog_hash: String,
    /// Something could not be checked (see [`planlint_check::Outcome::incomplete`]).
    pub incomplete: bool,
    /// The checked plans with gaps, in the order they were named.
    pub gaps: Vec<PlanGaps>,
    pub timings: Timings,
    pub jobs: usize,
    /// How many batches the check was taken in (1: in one piece).
    pub batches: usize,
    /// How many batches were checked at once; where more than one, the phases' times are
    /// summed over them.
    pub side_by_side: usize,
}

impl CheckRun {
    /// The report of one check; without the texts of its files where `no_sources`.
    fn of(checked: Checked, no_sources: bool) -> CheckRun {
        let Checked { setup, mut outcome } = checked;
        let world = &outcome.world;
        let gaps = outcome
            .checked
            .iter()
            .filter_map(|&p| {
                let gaps = Gap::of(world, p, false);
                (!gaps.is_empty()).then(|| PlanGaps {
                    id: world.plan(p).id().to_string(),
                    title: world.plan(p).title().to_string(),
                    gaps,
                })
            })
            .collect();
        let incomplete = outcome.incomplete();
        let diagnostics = outcome.take_diagnostics();
        // The process ends soon after: freeing thousands of plans would only cost time.
        std::mem::forget(outcome.world);
        let sources = match no_sources {
            true => BTreeMap::new(),
            false => outcome
                .files
                .into_iter()
                .chain(setup.files)
                .map(|f| (f.name, f.text))
                .collect(),
        };
        CheckRun {
            diagnostics,
            sources,
            checked_files: outcome.checked_files,
            plans: outcome.checked.len(),
            ran: outcome.ran,
            catalog_hash: outcome.catalog_hash,
            incomplete,
            gaps,
            timings: outcome.timings,
            jobs: outcome.jobs,
            batches: 1,
            side_by_side: 1,
        }
    }
}

/// Checks `options.paths` as [`repo::run`] does, in batches where it can.
pub fn check(options: &Options) -> CheckRun {
    let prepared = repo::prepare(options);
    let run =
        plan_batches(options, &prepared).and_then(|plan| in_batches(options, &prepared, &plan));
    run.unwrap_or_else(|| CheckRun::of(repo::finish(options, prepared), options.no_sources))
}

/// How a check is taken apart: every file's header, and the batches of named files.
struct Batches {
    /// The headers of the named files, then of the others; `None` for a file that holds
    /// no plan (it cannot be read, or is not a plan file), which is no one's ancestor.
    headers: Vec<Option<Header>>,
    /// Indexes into the named files: those that hold no plan first, then the plans a batch
    /// at a time.
    batches: Vec<Vec<usize>>,
    /// Batches checked side by side, and the threads each is checked on.
    workers: usize,
    jobs_each: usize,
}

impl Batches {
    /// The path of file `i` of [`Batches::headers`].
    fn path<'p>(&self, prepared: &'p Prepared, i: usize) -> &'p Path {
        match i.checked_sub(prepared.named.len()) {
            None => &prepared.named[i],
            Some(other) => &prepared.others[other],
        }
    }
}

/// The batches for `prepared`, or `None` where the check is better made in one piece.
fn plan_batches(options: &Options, prepared: &Prepared) -> Option<Batches> {
    // A thread checking a batch on its own is kept busy where a batch shared by threads
    // is not (each waits for the other at every step, and the batch is let go on one),
    // so batches are checked side by side, as many as there are threads, up to a few.
    let workers = prepared.jobs.clamp(1, MOST_WORKERS);
    let jobs_each = (prepared.jobs / workers).max(1);
    let size = std::env::var(BATCH_VAR)
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(IN_FLIGHT / workers);
    let named = &prepared.named;
    if options.parent.is_some()
        || options.no_rules
        || prepared.parent_file.is_some()
        || named.len() <= size
        || named.iter().any(|p| {
            planlint_import::is_document(p)
                || !discover::display(p).ends_with(planlint_check::PLAN_SUFFIX)
        })
    {
        return None;
    }
    let all: Vec<PathBuf> = named.iter().chain(&prepared.others).cloned().collect();
    // Each file's header: scanned from its first lines, or from the whole text, or where a
    // scan cannot be sure, from the plan parsed.
    let headers: Vec<Option<Header>> =
        planlint_align::parallel_map(&all, prepared.jobs, |path| match repo::scan_file(path)? {
            Ok(header) => Some(header),
            Err(file) => Header::parsed(&file.name, &file.text),
        });
    // One file per id. A plan without one (or an empty file, or a list) is no one's parent
    // and is linked to none: it is checked as any other, in a batch.
    let mut ids = BTreeSet::new();
    for id in headers.iter().flatten().filter_map(|h| h.id.as_deref()) {
        if !ids.insert(id) {
            return None;
        }
    }
    // Each plan's parent among the files, by index.
    let index: HashMap<&str, usize> = headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| Some((h.as_ref()?.id.as_deref()?, i)))
        .collect();
    let parent_of = |i: usize| -> Option<usize> {
        let parent = headers[i].as_ref()?.parent.as_deref()?;
        index.get(parent).copied()
    };
    // A cycle of parents is cut where the plans' order says: one piece. Each file is walked
    // up from once: a walk stops at a file another walk has cleared.
    const UNSEEN: u8 = 0;
    const ON_THE_WAY: u8 = 1;
    const CLEAR: u8 = 2;
    let mut state = vec![UNSEEN; headers.len()];
    for start in 0..headers.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at.filter(|&i| state[i] != CLEAR) {
            if state[i] == ON_THE_WAY {
                return None;
            }
            state[i] = ON_THE_WAY;
            path.push(i);
            at = parent_of(i);
        }
        path.into_iter().for_each(|i| state[i] = CLEAR);
    }
    // The named files that hold no plan first (their problems are said once); the plans
    // in batches, in the order of a walk down the tree of parents: plans with the same
    // ancestors go in the same batch, however the files are named, and a parent just
    // before its children, so that a batch holds most of the ancestors its plans need.
    let named_count = named.len();
    let first: Vec<usize> = (0..named_count).filter(|&i| headers[i].is_none()).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); headers.len()];
    let mut roots = Vec::new();
    for i in (0..headers.len()).filter(|&i| headers[i].is_some()) {
        match parent_of(i) {
            Some(parent) => children[parent].push(i),
            None => roots.push(i),
        }
    }
    let mut plans = Vec::with_capacity(named_count);
    let mut stack: Vec<(usize, usize)> = roots.into_iter().rev().map(|i| (i, 1)).collect();
    while let Some((i, depth)) = stack.pop() {
        // A chain of parents far deeper than any real hierarchy (national, province,
        // prefecture, county) would have every batch read most of it again: one piece.
        if depth > DEEPEST_BATCHED {
            return None;
        }
        if i < named_count {
            plans.push(i);
        }
        stack.extend(children[i].iter().rev().map(|&c| (c, depth + 1)));
    }
    let mut batches = vec![first];
    batches.extend(plans.chunks(size).map(<[usize]>::to_vec));
    batches.retain(|b| !b.is_empty());
    Some(Batches {
        headers,
        batches,
        workers,
        jobs_each,
    })
}

/// A checked plan's gaps, taken in a batch: which of two it has is known at the end, when
/// every plan's parent has been read.
struct Judged {
    /// Where the plan was named.
    at: usize,
    /// Its gaps were it the parent of no plan of the check.
    gaps: PlanGaps,
    /// Its gaps were it the parent of one, where they differ: only a plan naming no parent
    /// is the top of the repository when it has children.
    as_parent: Option<Vec<Gap>>,
}

/// The check taken batch by batch, or `None` where a batch showed it must be one piece.
fn in_batches(options: &Options, prepared: &Prepared, plan: &Batches) -> Option<CheckRun> {
    // One bar for the whole check, as one check draws it, cleared however the batches end.
    let bar = repo::progress_bar(prepared.named.len());
    let tick = || {
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    };
    let run = each_batch(options, prepared, plan, &tick);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    run
}

/// [`in_batches`], calling `tick` after each plan: the batches are shared out to
/// [`Batches::workers`] threads, each checking its batch on its own and keeping only what
/// the outputs need of it; what they keep is put together in the batches' order.
fn each_batch(
    options: &Options,
    prepared: &Prepared,
    plan: &Batches,
    tick: &(dyn Fn() + Sync),
) -> Option<CheckRun> {
    use std::sync::atomic::{AtomicBool, Ordering};
    // Set when a batch shows that the check must be made in one piece: the others stop.
    let whole = AtomicBool::new(false);
    let all: Vec<usize> = (0..plan.batches.len()).collect();
    let kept = planlint_align::parallel_map(&all, plan.workers, |&k| {
        if whole.load(Ordering::Relaxed) {
            return None;
        }
        let batch = one_batch(options, prepared, plan, k, tick);
        if batch.is_none() {
            whole.store(true, Ordering::Relaxed);
        }
        batch
    });
    let kept: Option<Vec<Kept>> = kept.into_iter().collect();
    Some(gather(prepared, kept?, plan))
}

/// Batch `k` checked on this thread, and what the outputs need of it; `None` where it
/// showed that the check must be made in one piece.
fn one_batch(
    options: &Options,
    prepared: &Prepared,
    plan: &Batches,
    k: usize,
    tick: &(dyn Fn() + Sync),
) -> Option<Kept> {
    let clock = Instant::now();
    let BatchRead {
        inputs,
        repository,
        problems,
    } = read_batch(options, prepared, plan, &plan.batches[k])?;
    let read = clock.elapsed();
    let order: BTreeMap<String, usize> = inputs
        .iter()
        .map(|(i, input)| (input.name().to_string(), *i))
        .collect();
    let request = Request {
        inputs: inputs.into_iter().map(|(_, input)| input).collect(),
        parent: None,
        jobs: plan.jobs_each,
        run_rules: true,
        lang: options.lang.unwrap_or(planlint_diagnostics::Lang::Zh),
        progress: Some(tick),
        setup_problems: k == 0,
    };
    let mut outcome = planlint_check::check(&prepared.setup, &repository, request);
    // A rule failed: its disabling counts failures across all plans, in their order.
    let compile_failures = match k {
        0 => prepared
            .setup
            .compile_problems
            .iter()
            .filter(|d| d.code == engine_codes::RULE_FAILED)
            .count(),
        _ => 0,
    };
    let failed = outcome
        .findings
        .iter()
        .filter(|d| d.code == engine_codes::RULE_FAILED)
        .count();
    if failed > compile_failures {
        return None;
    }
    outcome.timings.add(Phase::ReadParse, read);
    Some(Kept::of(outcome, &order, problems, options.no_sources))
}

/// A batch as read.
struct BatchRead {
    /// Its plan files, each with where it was named.
    inputs: Vec<(usize, Input)>,
    /// The ancestors they need, read as the one check reads them.
    repository: Repository,
    /// Its named files that could not be read.
    problems: Vec<Diagnostic>,
}

/// Reads a batch; `None` where a named file turned out to be a document.
fn read_batch(
    options: &Options,
    prepared: &Prepared,
    plan: &Batches,
    batch: &[usize],
) -> Option<BatchRead> {
    let (jobs, named) = (plan.jobs_each, &prepared.named);
    let read = planlint_align::parallel_map(batch, jobs, |&i| {
        crate::documents::read_input(&named[i], &repo::name_of(options, &named[i]))
    });
    let mut inputs = Vec::with_capacity(batch.len());
    let mut problems = Vec::new();
    for (&i, result) in batch.iter().zip(read) {
        match result {
            Ok(input @ Input::Plan(_)) => inputs.push((i, input)),
            Ok(_) => return None,
            Err(problem) => problems.push(*problem),
        }
    }
    // Its ancestors, among every file but its own and those that hold no plan.
    let inside: BTreeSet<usize> = batch.iter().copied().collect();
    let wanted: Vec<Header> = batch
        .iter()
        .filter_map(|&i| plan.headers[i].clone())
        .collect();
    let needed: Vec<usize> = planlint_check::needed_by_headers(&plan.headers, &wanted)
        .into_iter()
        .filter(|i| !inside.contains(i) && plan.headers[*i].is_some())
        .collect();
    let files: Vec<SourceFile> = planlint_align::parallel_map(&needed, jobs, |&i| {
        let path = plan.path(prepared, i);
        let mut file = discover::read(path).ok()?;
        if i < named.len() {
            file.name = repo::name_of(options, path);
        }
        Some(file)
    })
    .into_iter()
    .flatten()
    .collect();
    Some(BatchRead {
        inputs,
        repository: Repository::load(files, jobs),
        problems,
    })
}

/// What the outputs need of one batch, taken from its check on the thread that made it
/// (so that its plans and world are let go there, beside the other batches' work).
struct Kept {
    diagnostics: Vec<Diagnostic>,
    /// The batch's files that diagnostics point at.
    pointed: Vec<SourceFile>,
    gaps: Vec<Judged>,
    /// The ids of the plans another plan of the batch is linked to as its parent.
    parents: BTreeSet<String>,
    checked_files: usize,
    plans: usize,
    incomplete: bool,
    ran: Vec<RanRule>,
    catalog_hash: String,
    timings: Timings,
}

impl Kept {
    /// What is kept of `outcome`, whose inputs were named at `order`, and of the named
    /// files of its batch that could not be read (`problems`); no texts where
    /// `no_sources`.
    fn of(
        mut outcome: planlint_check::Outcome,
        order: &BTreeMap<String, usize>,
        problems: Vec<Diagnostic>,
        no_sources: bool,
    ) -> Kept {
        let world = &outcome.world;
        let mut gaps = Vec::with_capacity(outcome.checked.len());
        for &p in &outcome.checked {
            let plan = world.plan(p);
            let with = |children: bool| Gap::knowing_children(world, p, false, children);
            gaps.push(Judged {
                at: order.get(&plan.file).copied().unwrap_or(usize::MAX),
                gaps: PlanGaps {
                    id: plan.id().to_string(),
                    title: plan.title().to_string(),
                    gaps: with(false),
                },
                as_parent: plan.parent.is_none().then(|| with(true)),
            });
        }
        let parents = (0..world.plans.plans().len())
            .filter_map(|q| world.plans.parent(q))
            .map(|parent| world.plan(parent).id().to_string())
            .collect();
        // A named file that could not be read leaves the check incomplete, as one check says.
        let incomplete = outcome.incomplete()
            || problems
                .iter()
                .any(|d| d.severity == planlint_diagnostics::Severity::Error);
        let mut diagnostics = problems;
        diagnostics.extend(outcome.take_diagnostics());
        let pointed_at: BTreeSet<&str> = diagnostics
            .iter()
            .flat_map(|d| {
                std::iter::once(d.primary.location.file.as_str())
                    .chain(d.related.iter().map(|r| r.label.location.file.as_str()))
            })
            .collect();
        let pointed = std::mem::take(&mut outcome.files)
            .into_iter()
            .filter(|file| !no_sources && pointed_at.contains(file.name.as_str()))
            .collect();
        Kept {
            diagnostics,
            pointed,
            gaps,
            parents,
            checked_files: outcome.checked_files,
            plans: outcome.checked.len(),
            incomplete,
            ran: std::mem::take(&mut outcome.ran),
            catalog_hash: std::mem::take(&mut outcome.catalog_hash),
            timings: std::mem::take(&mut outcome.timings),
        }
    }
}

/// The report of the whole check from what was kept of each batch, in the batches' order
/// (the first batch's says which rules ran).
fn gather(prepared: &Prepared, kept: Vec<Kept>, plan: &Batches) -> CheckRun {
    let mut timings = Timings::default();
    timings.add_phases(&prepared.timings);
    let mut run = CheckRun {
        diagnostics: prepared.problems.clone(),
        sources: prepared
            .setup
            .files
            .iter()
            .map(|f| (f.name.clone(), f.text.clone()))
            .collect(),
        checked_files: 0,
        plans: 0,
        ran: Vec::new(),
        catalog_hash: String::new(),
        incomplete: prepared
            .problems
            .iter()
            .any(|d| d.severity == planlint_diagnostics::Severity::Error),
        gaps: Vec::new(),
        timings,
        jobs: prepared.jobs,
        batches: plan.batches.len(),
        side_by_side: plan.workers.min(plan.batches.len()),
    };
    let mut judged = Vec::new();
    // Every plan read that another plan read is linked to as its parent (the link the
    // hierarchy accepted, not only the `parent` it names).
    let mut parents = BTreeSet::new();
    for (k, batch) in kept.into_iter().enumerate() {
        judged.extend(batch.gaps);
        parents.extend(batch.parents);
        run.incomplete |= batch.incomplete;
        for file in batch.pointed {
            run.sources.entry(file.name).or_insert(file.text);
        }
        run.diagnostics.extend(batch.diagnostics);
        run.checked_files += batch.checked_files;
        run.plans += batch.plans;
        run.timings.add_phases(&batch.timings);
        if k == 0 {
            run.ran = batch.ran;
            run.catalog_hash = batch.catalog_hash;
        }
    }
    run.timings.rules = prepared.setup.rule_times();
    sort(&mut run.diagnostics);
    judged.sort_by_key(|g| g.at);
    run.gaps = judged
        .into_iter()
        .map(|g| match g.as_parent {
            Some(gaps) if parents.contains(&g.gaps.id) => PlanGaps { gaps, ..g.gaps },
            _ => g.gaps,
        })
        .filter(|g| !g.gaps.is_empty())
        .collect();
    run
}
