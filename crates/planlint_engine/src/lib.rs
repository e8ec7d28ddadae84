//! The rule engine: Rhai rule plugins run over each plan, its parent and its ancestors.
//!
//! A rule is a directory: `rule.yaml` (its metadata and documentation, [`RuleMeta`]) and
//! `check.rhai` (the script). The directory name is the rule id, which is public API.
//! [`RuleSet::compile`] compiles every script once; [`RuleSet::check`] runs each rule on
//! each plan in a sandbox ([`api`]) and turns what the script reported into diagnostics
//! with spans, applying the plan's exemptions.
//!
//! This crate does no I/O: callers hand it the rules' texts ([`RuleSource`]).
//!
//! **Invariant:** a rule that fails to compile, errors, or hits a limit becomes one
//! `rule-failed` diagnostic naming the rule and the script line; the other rules, and the
//! same rule on other plans, still run.
//! **Invariant:** the output is sorted (file, line, column, code), whatever order rules
//! ran in.

mod meta;
mod properties;
mod queries;
mod records;
mod report;
mod run;
mod sandbox;
pub mod testing;
mod views;

pub use meta::{RuleMeta, DOC_SECTIONS};
pub use planlint_align::{parallel_map, parallel_map_with, World};
pub use planlint_diagnostics::content_hash;
pub use sandbox::{engine, Limits};
pub use views::{About, At};

use planlint_diagnostics::{sort, Diagnostic, Label, Location, Severity, Text};
use planlint_model::decode::{codes, location};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Codes the engine itself reports. Public API, like the rule ids.
pub mod engine_codes {
    /// A rule failed to compile, raised an error, or hit a limit.
    pub const RULE_FAILED: &str = "rule-failed";
    /// An exemption in a plan covers no finding.
    pub const STALE_EXEMPTION: &str = planlint_align::STALE_EXEMPTION;
}

/// A rule's files, as read by the caller.
#[derive(Clone, Debug)]
pub struct RuleSource {
    /// The directory name: the rule id.
    pub id: String,
    pub meta_file: String,
    pub meta_text: String,
    pub script_file: String,
    pub script_text: String,
}

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    pub meta: RuleMeta,
    pub script_file: String,
    /// SHA-256 of the rule's `rule.yaml` and `check.rhai`, in hex: which version of the
    /// rule judged a plan, recorded in machine outputs.
    pub hash: String,
    /// The script, to place a runtime failure in it.
    script_text: String,
    ast: rhai::AST,
}

/// Which rules run, and at what severity.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// Only these rules, when set.
    pub select: Option<Vec<String>>,
    /// Never these rules.
    pub ignore: Vec<String>,
    /// A severity that replaces the rule's own.
    pub severity: BTreeMap<String, Severity>,
    /// Whether a plan's own explanation of a row counts like an exemption for the findings
    /// about that row (the repository's policy: `rules: {explanations: exempt}`); by default
    /// it is only shown.
    pub explanations_exempt: bool,
}

impl Selection {
    pub fn runs(&self, id: &str) -> bool {
        self.select
            .as_ref()
            .is_none_or(|s| s.iter().any(|x| x == id))
            && !self.ignore.iter().any(|x| x == id)
    }
}

/// The compiled rules and the sandbox they run in.
pub struct RuleSet {
    rules: Vec<Rule>,
    engine: rhai::Engine,
    limits: Limits,
    /// Per rule, the time its runs took, in nanoseconds, summed over threads.
    spent: Vec<std::sync::atomic::AtomicU64>,
}

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleSet")
            .field("rules", &self.rules)
            .finish()
    }
}

impl RuleSet {
    /// Compiles rules. A rule whose metadata or script is broken is left out and reported;
    /// a later rule with an id already taken is reported as `duplicate-id` and left out.
    pub fn compile(sources: Vec<RuleSource>, limits: Limits) -> (RuleSet, Vec<Diagnostic>) {
        let engine = sandbox::engine(&limits);
        let mut rules: Vec<Rule> = Vec::new();
        let mut diagnostics = Vec::new();
        for source in sources {
            let (meta, problems) = RuleMeta::load(&source.meta_file, &source.meta_text);
            diagnostics.extend(problems);
            // A rule that cannot be read does not run: the check is incomplete, which is
            // a `rule-failed`, whatever the problems with its rule.yaml were.
            let Some(meta) = meta else {
                diagnostics.push(unreadable_meta(&source));
                continue;
            };
            if meta.id != source.id {
                diagnostics.push(Diagnostic::error(
                    codes::INVALID_VALUE,
                    Text::new(
                        format!("规则 id `{}` 与目录名 `{}` 不一致", meta.id, source.id),
                        format!(
                            "rule id `{}` differs from its directory name `{}`",
                            meta.id, source.id
                        ),
                    ),
                    Location::file(&source.meta_file),
                ));
                diagnostics.push(unreadable_meta(&source));
                continue;
            }
            if let Some(first) = rules.iter().find(|r| r.meta.id == meta.id) {
                diagnostics.push(
                    Diagnostic::error(
                        codes::DUPLICATE_ID,
                        Text::new(
                            format!("规则 `{}` 重复定义，仅使用第一个", meta.id),
                            format!("rule `{}` is defined twice; the first is used", meta.id),
                        ),
                        Location::file(&source.meta_file),
                    )
                    .with_related(
                        Text::new("首次定义于此", "first defined here"),
                        Label::new(Location::file(&first.script_file)),
                    ),
                );
                continue;
            }
            match engine.compile(&source.script_text) {
                Ok(ast) => rules.push(Rule {
                    meta,
                    hash: content_hash([source.meta_text.as_str(), source.script_text.as_str()]),
                    script_file: source.script_file,
                    script_text: source.script_text,
                    ast,
                }),
                Err(e) => diagnostics.push(rule_failed(
                    &meta.id,
                    &source.script_file,
                    &source.script_text,
                    e.1,
                    &Text::new(e.0.to_string(), e.0.to_string()),
                    None,
                )),
            }
        }
        let spent = rules.iter().map(|_| Default::default()).collect();
        (
            RuleSet {
                rules,
                engine,
                limits,
                spent,
            },
            diagnostics,
        )
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.meta.id == id)
    }

    /// How long each rule's runs have taken so far, summed over threads, in the rules'
    /// order. For `--timings`; never part of an output.
    pub fn time_spent(&self) -> Vec<(&str, std::time::Duration)> {
        self.rules
            .iter()
            .zip(&self.spent)
            .map(|(rule, nanos)| {
                let nanos = nanos.load(std::sync::atomic::Ordering::Relaxed);
                (
                    rule.meta.id.as_str(),
                    std::time::Duration::from_nanos(nanos),
                )
            })
            .collect()
    }

    /// Runs the selected rules on the plans `which` of `world`, on one thread.
    pub fn check(
        &self,
        world: &Arc<World>,
        which: &[usize],
        selection: &Selection,
    ) -> Vec<Diagnostic> {
        self.check_parallel(world, which, selection, 1, &|| {})
    }

    /// Runs the selected rules on the plans `which` of `world`, on up to `jobs` threads,
    /// calling `progress` after each plan.
    ///
    /// Plans are handed out one at a time from a shared counter, so a slow plan does not
    /// hold up a whole share of the work. Each plan's findings are kept apart by plan and
    /// joined in plan order before sorting, so the result is the same whatever the thread
    /// count (tested at 1 and 8 threads).
    ///
    /// Rules run on threads of this call's own, with the stack the limits need
    /// ([`Limits::stack_bytes`]), even for one job: so the caller's thread (a small
    /// blocking-pool thread of a server, an editor's worker) never runs a script, and no
    /// script can overflow a stack whoever calls.
    ///
    /// A rule that hits a limit (time, operations, sizes, depth) on [`DISABLED_AFTER`]
    /// plans is not run on the plans after the last of them, in the order of `which`, and
    /// one `rule-failed` says so. Which plans those are does not depend on the threads:
    /// a thread skips a rule on a plan only when it already knows of that many failures on
    /// plans before it, and what the rule did on plans after the cut is dropped whether it
    /// ran there or not.
    pub fn check_parallel(
        &self,
        world: &Arc<World>,
        which: &[usize],
        selection: &Selection,
        jobs: usize,
        progress: &(dyn Fn() + Sync),
    ) -> Vec<Diagnostic> {
        let selected: Vec<usize> = (0..self.rules.len())
            .filter(|&r| selection.runs(&self.rules[r].meta.id))
            .collect();
        // Per rule, the positions in `which` of the plans where it hit a limit, as far as
        // the threads know yet.
        let limited: Vec<std::sync::Mutex<Vec<usize>>> =
            self.rules.iter().map(|_| Default::default()).collect();
        let known_failures = |r: usize, before: usize| {
            limited[r]
                .lock()
                .map_or(0, |l| l.iter().filter(|&&i| i < before).count())
        };
        let one = |i: usize| -> Vec<Ran> {
            let p = which[i];
            let mut ran = Vec::with_capacity(selected.len());
            // The plan's variables are made once for all its rules. They are constants, which
            // no script can change (rhai refuses assignments and mutating calls on them), and
            // what a rule declares is dropped before the next rule runs.
            let mut scope = views::scope(world, p);
            for &r in &selected {
                if known_failures(r, i) >= DISABLED_AFTER {
                    ran.push(Ran::Skipped);
                    continue;
                }
                let started = std::time::Instant::now();
                let (found, limit) = self.run(&self.rules[r], world, p, &mut scope, selection);
                let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
                self.spent[r].fetch_add(nanos, std::sync::atomic::Ordering::Relaxed);
                if limit {
                    if let Ok(mut l) = limited[r].lock() {
                        l.push(i);
                    }
                }
                ran.push(Ran::Done { found, limit });
            }
            progress();
            ran
        };
        let mut per_plan: Vec<Vec<Ran>> =
            on_threads(which.len(), jobs, self.limits.stack_bytes(), &one);

        // The cut, per rule, decided in plan order.
        let mut diagnostics = Vec::new();
        for (k, &r) in selected.iter().enumerate() {
            let failed: Vec<usize> = per_plan
                .iter()
                .enumerate()
                .filter(|(_, ran)| matches!(ran[k], Ran::Done { limit: true, .. }))
                .map(|(i, _)| i)
                .take(DISABLED_AFTER)
                .collect();
            let Some(&cut) = failed.get(DISABLED_AFTER - 1) else {
                continue;
            };
            let after = per_plan.len() - cut - 1;
            if after == 0 {
                continue;
            }
            for ran in &mut per_plan[cut + 1..] {
                ran[k] = Ran::Skipped;
            }
            let plans: Vec<&str> = failed.iter().map(|&i| world.plan(which[i]).id()).collect();
            diagnostics.push(disabled(&self.rules[r], &plans, after));
        }

        // Exemptions, plan by plan, once the findings are final. Stale exemptions go with
        // the rules they name (`--select weaker-target` reports weaker-target's), unless they
        // are ignored by name, and only for a rule that ran on the plan to the end: where it
        // failed or was not run, its findings there are unknown.
        let stale_reported = !selection
            .ignore
            .iter()
            .any(|x| x == planlint_align::STALE_EXEMPTION);
        let plans: Vec<(usize, Vec<Ran>)> = which.iter().copied().zip(per_plan).collect();
        let exempted = parallel_map(&plans, jobs, |(p, ran)| {
            let mut found = Vec::new();
            let mut finished: Vec<&str> = Vec::new();
            for (k, ran) in ran.iter().enumerate() {
                if let Ran::Done { found: f, .. } = ran {
                    if !f.iter().any(|d| d.code == engine_codes::RULE_FAILED) {
                        finished.push(self.rules[selected[k]].meta.id.as_str());
                    }
                    found.extend(f.iter().cloned());
                }
            }
            let mut found = planlint_align::exempt(world, *p, found, |rule| {
                stale_reported && finished.contains(&rule)
            });
            if selection.explanations_exempt {
                for d in found.iter_mut().filter(|d| d.exemption.is_none()) {
                    d.exemption = d.explanation.clone();
                }
            }
            found
        });
        diagnostics.extend(exempted.into_iter().flatten());
        sort(&mut diagnostics);
        diagnostics
    }

    /// Runs one rule on one plan, whose variables are in `scope` ([`views::scope`]): its
    /// findings, and whether it failed on a limit. The scope is left as it was given.
    fn run(
        &self,
        rule: &Rule,
        world: &Arc<World>,
        p: usize,
        scope: &mut rhai::Scope<'static>,
        selection: &Selection,
    ) -> (Vec<Diagnostic>, bool) {
        run::begin(&self.limits);
        let given = scope.len();
        let result = self.engine.run_ast_with_scope(scope, &rule.ast);
        scope.rewind(given);
        let (reports, recorded) = run::end();
        let plan = world.plan(p);
        // A failure recorded by the sandbox wins: rhai may have dropped its error, or
        // raised it as a mere termination.
        let failed = match (&result, recorded) {
            (_, Some(recorded)) => {
                let position = match &result {
                    Err(e) => failure(e).0,
                    Ok(_) => recorded.at,
                };
                Some((position, recorded.message, true))
            }
            (Err(e), None) => {
                let (position, message) = failure(e);
                Some((position, message, hit_limit(e)))
            }
            (Ok(_), None) => None,
        };
        if let Some((position, message, limit)) = failed {
            return (
                vec![rule_failed(
                    &rule.meta.id,
                    &rule.script_file,
                    &rule.script_text,
                    position,
                    &message,
                    Some(plan.id()),
                )],
                limit,
            );
        }
        let severity_override = selection.severity.get(&rule.meta.id).copied();
        let found = reports
            .into_iter()
            .map(|r| {
                let at_plan = world.plan(r.at.plan);
                let severity = severity_override
                    .or(r.severity)
                    .unwrap_or(rule.meta.severity);
                let about = subject(world, &r);
                // The plan's own explanation of the row the finding is about.
                let explanation = match r.about() {
                    views::About::Row(rp, rr) => world
                        .row(rp, rr)
                        .explanation
                        .as_ref()
                        .map(|e| e.value.clone()),
                    _ => None,
                };
                let mut d = Diagnostic::new(
                    rule.meta.id.clone(),
                    severity,
                    r.message,
                    location(&at_plan.file, r.at.pos),
                )
                .with_plan(at_plan.id());
                d.subject = about;
                d.explanation = explanation;
                d.help = r.help;
                if let Some((related, label)) = r.related {
                    let related_plan = world.plan(related.plan);
                    let message = label.unwrap_or_else(|| {
                        Text::new(
                            format!("{}（{}）", related_plan.title(), related_plan.id()),
                            format!("{} ({})", related_plan.title(), related_plan.id()),
                        )
                    });
                    d = d.with_related(
                        message,
                        Label::new(location(&related_plan.file, related.pos)),
                    );
                }
                d
            })
            .collect();
        (found, false)
    }
}

/// How many plans a rule may hit a limit on before it is not run on the plans after them.
pub const DISABLED_AFTER: usize = 3;

/// What one rule did on one plan.
enum Ran {
    Done {
        found: Vec<Diagnostic>,
        limit: bool,
    },
    /// Not run: it had hit a limit on [`DISABLED_AFTER`] plans before this one.
    Skipped,
}

/// `work(i)` for every `i` below `n`, on up to `jobs` threads spawned here with `stack`
/// bytes of stack each, the results in order.
///
/// Indices are handed out one at a time from a shared counter. A thread that cannot be
/// spawned (the address space is full) is done without; when none can be, the work runs on
/// the caller's thread, which is what every caller did before.
fn on_threads<R: Send>(
    n: usize,
    jobs: usize,
    stack: usize,
    work: &(dyn Fn(usize) -> R + Sync),
) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let jobs = jobs.clamp(1, n.max(1));
    let next = AtomicUsize::new(0);
    let take = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= n {
                break;
            }
            done.push((i, work(i)));
        }
        done
    };
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .filter_map(|k| {
                std::thread::Builder::new()
                    .name(format!("planlint-rules-{k}"))
                    .stack_size(stack)
                    .spawn_scoped(scope, take)
                    .ok()
            })
            .collect();
        let mut results: Vec<(usize, R)> = if workers.is_empty() {
            take()
        } else {
            Vec::new()
        };
        for worker in workers {
            results.extend(
                worker
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
        results
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Whether a script error is one of the limits (not a mistake of the script).
fn hit_limit(e: &rhai::EvalAltResult) -> bool {
    use rhai::EvalAltResult as E;
    let mut inner = e;
    while let E::ErrorInFunctionCall(_, _, next, _) = inner {
        inner = next;
    }
    matches!(
        inner,
        E::ErrorTooManyOperations(_)
            | E::ErrorTerminated(..)
            | E::ErrorStackOverflow(_)
            | E::ErrorDataTooLarge(..)
            | E::ErrorTooManyVariables(_)
    )
}

/// The `rule-failed` of a rule whose `rule.yaml` cannot be read: it did not run.
fn unreadable_meta(source: &RuleSource) -> Diagnostic {
    let id = &source.id;
    Diagnostic::error(
        engine_codes::RULE_FAILED,
        Text::new(
            format!("规则 `{id}` 未运行：其 rule.yaml 有误（见上文）"),
            format!("rule `{id}` did not run: its rule.yaml is broken (see the problems with it)"),
        ),
        Location::file(&source.meta_file),
    )
    .with_help(Text::new(
        "修正 rule.yaml 后该规则才会运行；其写法见 docs/writing-rules.md",
        "the rule runs once its rule.yaml is fixed; docs/writing-rules.md shows what it holds",
    ))
}

/// The `rule-failed` that says a rule was not run on the plans after those it failed on.
fn disabled(rule: &Rule, plans: &[&str], after: usize) -> Diagnostic {
    let id = &rule.meta.id;
    let (zh_plans, en_plans) = (plans.join("、"), plans.join(", "));
    Diagnostic::error(
        engine_codes::RULE_FAILED,
        Text::new(
            format!(
                "规则 `{id}` 在 {} 个规划（{zh_plans}）上超出运行限制，本次检查未对其后的 {after} 个规划运行该规则",
                plans.len()
            ),
            format!(
                "rule `{id}` hit its limits on {} plans ({en_plans}) and was not run on the {after} plans after them",
                plans.len()
            ),
        ),
        Location::file(&rule.script_file),
    )
    .with_help(Text::new(
        "该规则在这些规划上没有结果；请修改规则，使其在限制内运行",
        "this rule has no findings on those plans; change the rule so that it runs within its limits",
    ))
}

/// Where a run failed and why. rhai wraps an error inside a function once per call; the
/// place is the innermost one, and the calls it happened in are named after the reason.
fn failure(e: &rhai::EvalAltResult) -> (rhai::Position, Text) {
    use rhai::EvalAltResult as E;
    let mut calls = Vec::new();
    let mut at_call = rhai::Position::NONE;
    let mut inner = e;
    while let E::ErrorInFunctionCall(name, _, next, pos) = inner {
        calls.push(name.as_str());
        if !pos.is_none() {
            at_call = *pos;
        }
        inner = next;
    }
    let position = if inner.position().is_none() {
        at_call
    } else {
        inner.position()
    };
    let reason = describe(inner);
    let closure = calls.iter().any(|c| c.starts_with("anon$"));
    let named: Vec<String> = calls
        .iter()
        .filter(|c| !c.starts_with("anon$"))
        .map(|c| format!("`{c}`"))
        .collect();
    let (mut zh, mut en) = (reason.clone(), reason);
    if !named.is_empty() {
        zh += &format!("（在函数 {} 中）", named.join(" → "));
        en += &format!(" (in {})", named.join(" → "));
    }
    if closure && matches!(inner, E::ErrorVariableNotFound(..)) {
        zh += "。规则中的匿名函数不能引用外部变量（沙箱未启用闭包）：改用 for 循环";
        en += ". An anonymous function in a rule cannot use variables from outside it \
               (closures are off in the sandbox): use a `for` loop instead";
    }
    (position, Text::new(zh, en))
}

/// An error from a script, in one line.
fn describe(e: &rhai::EvalAltResult) -> String {
    use rhai::EvalAltResult as E;
    match e {
        E::ErrorTooManyOperations(_) => "it ran out of operations (an endless loop?)".to_string(),
        E::ErrorTerminated(_, _) => "it ran out of time".to_string(),
        E::ErrorStackOverflow(_) => "its calls nested too deep".to_string(),
        E::ErrorDataTooLarge(what, _) => format!("it built data that is too large ({what})"),
        E::ErrorRuntime(value, _) => sandbox::shown(value),
        E::ErrorIndexNotFound(value, _) => format!("index not found: {}", sandbox::shown(value)),
        other => {
            let text = other.to_string();
            // rhai appends the position; we show it as the label instead.
            match text.rfind(" (line ") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

fn rule_failed(
    id: &str,
    script_file: &str,
    script_text: &str,
    position: rhai::Position,
    message: &Text,
    plan: Option<&str>,
) -> Diagnostic {
    let line = position.line().unwrap_or(0) as u32;
    let column = position.position().unwrap_or(1) as u32;
    let offset = if script_text.is_empty() || line == 0 {
        0
    } else {
        planlint_model::yaml::offset_of(script_text, line, column)
    };
    let at = Location {
        file: script_file.to_string(),
        line,
        column: if line == 0 { 0 } else { column },
        offset,
        len: 0,
    };
    let on = plan.map_or(String::new(), |p| format!(" ({p})"));
    let mut d = Diagnostic::error(
        engine_codes::RULE_FAILED,
        Text::new(
            format!("规则 `{id}` 运行失败{on}：{}", message.zh),
            format!("rule `{id}` failed{on}: {}", message.en),
        ),
        at,
    )
    .with_help(Text::new(
        "该规则的其他结果不可信；其余规则照常运行",
        "this rule's findings are incomplete; the other rules ran as usual",
    ));
    if let Some(p) = plan {
        d = d.with_plan(p);
    }
    d
}

/// What a finding is about, as data: the place's row or text target (or the related
/// place's), its indicator as printed and its catalog id; the indicator or section the
/// script named.
fn subject(world: &World, report: &report::Report) -> planlint_diagnostics::Subject {
    let mut subject = report.about().subject(world);
    if let Some(indicator) = &report.indicator {
        subject.indicator_id = world
            .catalog
            .lookup(indicator, None)
            .map(|m| world.catalog.entry(m.entry).id.value.clone());
        subject.indicator = Some(indicator.clone());
    }
    if report.section.is_some() {
        subject.section = report.section.clone();
    }
    subject
}
