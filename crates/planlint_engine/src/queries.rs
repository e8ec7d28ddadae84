//! The helpers rule scripts call: matching and comparing rows, choosing rows and pairs,
//! and small text helpers. Every judgement comes from the alignment ([`World`]); this file
//! only makes it callable from a script.
//!
//! The query helpers (`compared`, `text_compared`, `not_carried`, `text_groups`,
//! `section_coverage`, and through [`crate::properties`] `indicators_where`, `carried_where`,
//! `column`, `repeated`) choose rows here rather than in a script loop over every row: most
//! plans have nothing for a rule to find, and a script's step costs far more than the same
//! test made here.

use crate::properties::{
    baseline_check, bound, check_name, column, conflicts, direction, form, one_or_many,
    previous_comparison, repeated, scope_level, select, FORMS,
};
use crate::records::{Compared, Labelled};
use crate::sandbox::err;
use crate::views::{text, PlanView, RowView, SectionView, TextView};
use planlint_align::{Standing, World};
use planlint_model::names::normalise;
use planlint_model::Nature;
use planlint_target::BaselineCheck;
use rhai::{Array, Dynamic, Engine, EvalAltResult, ImmutableString, Map, NativeCallContext};
use std::cell::RefCell;

thread_local! {
    /// `normalise` results on this thread, for texts scripts fold again and again, with
    /// the bytes they hold.
    static FOLDED: RefCell<(Folded, usize)> = RefCell::new((Folded::default(), 0));
}

type Folded = std::collections::HashMap<ImmutableString, ImmutableString, ahash::RandomState>;

/// Registers the helpers.
pub(crate) fn register(engine: &mut Engine) {
    register_matching(engine);
    register_queries(engine);
    register_row_helpers(engine);
    register_text_helpers(engine);
}

/// Matching rows across plans and comparing them.
fn register_matching(engine: &mut Engine) {
    engine.register_fn("carried", |p: &mut PlanView| -> Array {
        p.w.carried(p.p)
            .iter()
            .map(|&(a, r)| Dynamic::from(p.row_of(a, r)))
            .collect()
    });
    engine.register_fn("find_row", |p: &mut PlanView, row: RowView| -> Dynamic {
        match p.w.find_row(p.p, row.p, row.r) {
            Some(r) => Dynamic::from(p.row_of(p.p, r)),
            None => Dynamic::UNIT,
        }
    });
    engine.register_fn("find_row", |p: &mut PlanView, t: TextView| -> Dynamic {
        match p.w.row_by_key(p.p, t.w.text_key(t.p, t.t)) {
            Some(r) => Dynamic::from(p.row_of(p.p, r)),
            None => Dynamic::UNIT,
        }
    });
    engine.register_fn("compare", |child: &mut RowView, parent: RowView| {
        Compared::with_baseline(
            child.w.compare((child.p, child.r), (parent.p, parent.r)),
            child.w.readings[child.p][child.r].baseline,
        )
    });
    engine.register_fn("compare", |t: &mut TextView, row: RowView| {
        Compared::new(t.w.compare_text(t.p, t.t, (row.p, row.r)))
    });
    engine.register_fn("compare", |t: &mut TextView, other: TextView| {
        Compared::new(t.w.compare_texts((t.p, t.t), (other.p, other.t)))
    });
    engine.register_fn("stand_in", stand_in);
    engine.register_fn("compare_previous", compare_previous);
    engine.register_fn("previous_row", previous_row);
    engine.register_fn("required", |p: &mut PlanView, row: RowView| -> bool {
        p.w.required(p.p, (row.p, row.r))
    });
    engine.register_fn("cites", |p: &mut PlanView, other: PlanView| -> bool {
        p.w.cites(p.p, other.p)
    });
    engine.register_fn("unit_label", |row: &mut RowView| {
        let (printed, canonical, verdict) = row.w.unit_label(row.p, row.r);
        Labelled {
            printed: printed.cloned(),
            canonical: canonical.cloned(),
            verdict,
        }
    });
    engine.register_fn("units_convert", |a: &mut RowView, b: RowView| -> bool {
        a.w.units_convert((a.p, a.r), (b.p, b.r))
    });
    engine.register_fn(
        "find_section",
        |p: &mut PlanView, titles: Array| -> Dynamic {
            let titles: Vec<String> = titles
                .iter()
                .filter_map(|t| t.clone().into_string().ok())
                .collect();
            match p.w.find_section(p.p, &titles) {
                Some(s) => Dynamic::from(SectionView {
                    w: p.w.clone(),
                    p: p.p,
                    s,
                }),
                None => Dynamic::UNIT,
            }
        },
    );
}

/// The query helpers: rows and pairs chosen in Rust.
fn register_queries(engine: &mut Engine) {
    engine.register_fn(
        "compared",
        |p: &mut PlanView, filter: Dynamic| -> Result<Array, Box<EvalAltResult>> {
            let filter = PairFilter::read(filter, "compared", ["row", "wanted"])?;
            Ok(compared(p, &filter))
        },
    );
    engine.register_fn("compared", |p: &mut PlanView| {
        compared(p, &PairFilter::default())
    });
    engine.register_fn(
        "text_compared",
        |p: &mut PlanView, filter: Dynamic| -> Result<Array, Box<EvalAltResult>> {
            let filter = PairFilter::read(filter, "text_compared", ["target", "row"])?;
            Ok(text_compared(p, &filter))
        },
    );
    engine.register_fn("text_compared", |p: &mut PlanView| {
        text_compared(p, &PairFilter::default())
    });
    engine.register_fn("not_carried", |p: &mut PlanView| -> Array {
        p.w.pairs(p.p)
            .iter()
            .filter(|m| m.row().is_none() && m.required)
            .map(|m| {
                let (a, r) = m.wanted();
                Dynamic::from(p.row_of(a, r))
            })
            .collect()
    });
    engine.register_fn(
        "indicators_where",
        |p: &mut PlanView, property: ImmutableString, values: Dynamic| {
            let rows = (0..p.plan().indicators.len()).map(|r| p.row_of(p.p, r));
            select("indicators_where", rows, &property, values)
        },
    );
    engine.register_fn(
        "targets_where",
        |p: &mut PlanView, property: ImmutableString, values: Dynamic| {
            let targets = (0..p.plan().targets_in_text.len()).map(|t| p.text_of(t));
            select("targets_where", targets, &property, values)
        },
    );
    engine.register_fn(
        "carried_where",
        |p: &mut PlanView, property: ImmutableString, values: Dynamic| {
            let rows = p.w.carried(p.p).iter().map(|&(a, r)| p.row_of(a, r));
            select("carried_where", rows, &property, values)
        },
    );
    engine.register_fn("column", |p: &mut PlanView, property: ImmutableString| {
        column(p, &property)
    });
    engine.register_fn("repeated", |p: &mut PlanView, property: ImmutableString| {
        repeated(p, &property)
    });
    engine.register_fn("text_groups", text_groups);
    engine.register_fn("section_coverage", section_coverage);
}

/// What a single row says of itself.
fn register_row_helpers(engine: &mut Engine) {
    engine.register_fn("baseline_check", |r: &mut RowView| {
        baseline_check(r).to_string()
    });
    engine.register_fn("baseline_verdict", baseline_verdict);
    engine.register_fn("baseline_of", baseline_of);
    engine.register_fn("slips", |r: &mut RowView| slips(&r.reading().target));
    engine.register_fn("slips", |t: &mut TextView| slips(&t.reading().target));
    engine.register_fn("baseline_conflicts", |r: &mut RowView| -> Array {
        r.w.baseline_conflicts(r.p, r.r)
            .into_iter()
            .map(|stated| Dynamic::from(stated_map(r, stated)))
            .collect()
    });
    engine.register_fn("sign_conflict", |r: &mut RowView| conflicts(r));
    engine.register_fn("hold_unmet", hold_unmet);
    engine.register_fn("direction", |r: &mut RowView| direction(r).to_string());
}

/// Helpers on texts and values.
fn register_text_helpers(engine: &mut Engine) {
    engine.register_fn("bound", |text: ImmutableString| -> Dynamic {
        bound(&text).map_or(Dynamic::UNIT, |(floor, value)| {
            let mut m = Map::new();
            m.insert("floor".into(), Dynamic::from(floor));
            m.insert("value".into(), Dynamic::from(value));
            Dynamic::from(m)
        })
    });
    engine.register_fn("normalise", |s: ImmutableString| folded(&s));
    engine.register_fn("scope_level", |s: ImmutableString| text(scope_level(&s)));
    engine.register_fn("distinct", distinct);
    engine.register_fn("join", join);
    engine.register_fn("years_in", |text: ImmutableString| -> Array {
        years_in(&text).into_iter().map(Dynamic::from).collect()
    });
}

/// `years_in(text)`: the years a text prints as four ASCII digits right before 年
/// ("比2015年降低10%" → 2015), in order.
pub(crate) fn years_in(text: &str) -> Vec<i64> {
    let chars: Vec<char> = text.chars().collect();
    (4..chars.len())
        .filter(|&i| chars[i] == '年')
        .filter_map(|i| {
            let digits = &chars[i - 4..i];
            digits.iter().all(char::is_ascii_digit).then(|| {
                digits
                    .iter()
                    .fold(0, |y, d| y * 10 + i64::from(*d as u8 - b'0'))
            })
        })
        .collect()
}

/// `join(parts, separator)`: the texts `parts` one after another, `separator` between
/// them. Refused where the text would pass the string limit, before it is made, with the
/// error rhai gives a script that builds such a text itself (and with the limit it counts
/// against: a rule that joined its parts in script failed the same way).
fn join(
    ctx: NativeCallContext,
    parts: Array,
    separator: ImmutableString,
) -> Result<ImmutableString, Box<EvalAltResult>> {
    let mut texts = Vec::with_capacity(parts.len());
    for part in parts {
        texts.push(part.into_immutable_string().map_err(|found| {
            err(format!(
                "join() takes an array of strings, not one holding {found}"
            ))
        })?);
    }
    let len = texts.iter().map(|t| t.len()).sum::<usize>()
        + separator.len() * texts.len().saturating_sub(1);
    let most = ctx.engine().max_string_size();
    if most > 0 && len > most {
        return Err(Box::new(EvalAltResult::ErrorDataTooLarge(
            "Length of string".into(),
            ctx.call_position(),
        )));
    }
    let mut out = String::with_capacity(len);
    for (i, text) in texts.iter().enumerate() {
        if i > 0 {
            out.push_str(&separator);
        }
        out.push_str(text);
    }
    Ok(out.into())
}

/// `distinct(values)`: the values (strings, numbers, booleans) without repeats, in the
/// order they first appear. rhai's own `dedup` calls `==` through the script engine for
/// each pair, which costs a rule checking every plan's columns more than its loops.
fn distinct(values: Array) -> Result<Array, Box<EvalAltResult>> {
    #[derive(PartialEq, Eq, Hash)]
    enum Key {
        Text(ImmutableString),
        Int(i64),
        Flag(bool),
    }
    let mut seen = std::collections::HashSet::<Key, ahash::RandomState>::default();
    let mut out = Array::new();
    for value in values {
        let key = if let Ok(flag) = value.as_bool() {
            Key::Flag(flag)
        } else if let Ok(int) = value.as_int() {
            Key::Int(int)
        } else if value.is_string() {
            Key::Text(value.clone().into_immutable_string().unwrap_or_default())
        } else {
            return Err(err(format!(
                "distinct() takes strings, integers and booleans, not {}",
                value.type_name()
            )));
        };
        if seen.insert(key) {
            out.push(value);
        }
    }
    Ok(out)
}

/// `normalise(text)`, remembered on this thread: rules fold the same titles and headings
/// (a parent's title, 指导思想, 主要目标) for thousands of plans. The memory is bounded by
/// entries and by bytes (a script can fold long texts it made itself): when either is
/// full it starts over.
fn folded(text: &str) -> ImmutableString {
    const ENTRIES: usize = 20_000;
    const BYTES: usize = 4 << 20;
    FOLDED.with(|memo| {
        if let Some(folded) = memo.borrow().0.get(text) {
            return folded.clone();
        }
        let folded: ImmutableString = normalise(text).into();
        let size = text.len() + folded.len();
        if size > BYTES / 16 {
            return folded;
        }
        let mut memo = memo.borrow_mut();
        if memo.0.len() >= ENTRIES || memo.1 + size > BYTES {
            memo.0.clear();
            memo.1 = 0;
        }
        memo.0.insert(text.into(), folded.clone());
        memo.1 += size;
        folded
    })
}

/// `stand_in(plan, source)`: why the plan is compared with `source` (the ancestor a row
/// comes from) and not with its parent: `#{zh, en, stand_in}` — nothing where `source` is the
/// parent; the parent's table not transcribed, so `source` stands in (`stand_in` true: a
/// comparison at a lower severity); or the parent not listing the indicator.
fn stand_in(p: &mut PlanView, source: PlanView) -> Map {
    let w: &World = &p.w;
    let (mut zh, mut en, mut standing_in) = (String::new(), String::new(), false);
    if let Some(parent) = w.plans.parent(p.p).filter(|&q| q != source.p) {
        let parent_title = w.plan(parent).title();
        let source_title = w.plan(source.p).title();
        let unknown = std::iter::once(parent)
            .chain(w.plans.ancestors(parent))
            .take_while(|&a| a != source.p)
            .any(|a| w.plan(a).indicators_unknown.is_some());
        if unknown {
            standing_in = true;
            zh = format!("；上级《{parent_title}》指标表未录入，暂以《{source_title}》为对照");
            en = format!(
                "; the indicator table of the parent, {parent_title}, was not transcribed, so {source_title} stands in for it"
            );
        } else {
            zh = format!("；上级《{parent_title}》未列该指标，故按《{source_title}》承接");
            en = format!(
                "; the parent, {parent_title}, does not list the indicator, so it is carried from {source_title}"
            );
        }
    }
    let mut m = Map::new();
    m.insert("zh".into(), Dynamic::from(zh));
    m.insert("en".into(), Dynamic::from(en));
    m.insert("stand_in".into(), Dynamic::from(standing_in));
    m
}

/// `compare_previous(plan, row)`: the row's target against the plan's own previous-period
/// target for the indicator, both read with the row's baseline and years: a Comparison
/// record, or `()` where the previous period has no such row or target.
fn compare_previous(p: &mut PlanView, row: RowView) -> Dynamic {
    previous_comparison(&p.w, p.p, &row).map_or(Dynamic::UNIT, |c| Dynamic::from(Compared::new(c)))
}

/// `previous_row(plan, row)`: the row of the plan's previous-period table for the
/// indicator of `row`: `#{name, no, unit, target, actual, nature, binding}`, or `()`.
fn previous_row(p: &mut PlanView, row: RowView) -> Dynamic {
    let w: &World = &p.w;
    if let Some(old) = w.previous_row(p.p, row.key()) {
        let text = |s| crate::views::text(crate::properties::opt(s));
        let mut m = Map::new();
        m.insert("name".into(), Dynamic::from(old.name.value.clone()));
        m.insert("no".into(), text(&old.no));
        m.insert("unit".into(), text(&old.unit));
        m.insert("target".into(), text(&old.target));
        m.insert(
            "actual".into(),
            crate::views::text(old.actual.as_ref().map_or("", |s| s.value.as_str())),
        );
        m.insert(
            "nature".into(),
            Dynamic::from(old.nature().as_str().to_string()),
        );
        m.insert(
            "binding".into(),
            Dynamic::from(old.nature() == Nature::Binding),
        );
        return Dynamic::from(m);
    }
    Dynamic::UNIT
}

/// `baseline_of(row)`: the baseline the row is read with and where it is stated:
/// `#{value, source, where}` (`source` is `table`, `previous` or `text`), or `()`.
fn baseline_of(r: &mut RowView) -> Dynamic {
    use planlint_align::Origin;
    let reading = r.reading();
    let Some(value) = reading.baseline else {
        return Dynamic::UNIT;
    };
    let origin = r.w.baselines(r.p, r.r).adopted.unwrap_or(Origin::Table);
    let shown = match origin {
        Origin::Table => r.row().baseline.as_ref().map_or_else(
            || planlint_target::show_number(value),
            |b| b.value.to_string(),
        ),
        _ => planlint_target::show_number(value),
    };
    let mut m = Map::new();
    m.insert("value".into(), Dynamic::from(shown));
    m.insert("source".into(), Dynamic::from(origin.name().to_string()));
    m.insert("where".into(), Dynamic::from(origin_where(r, origin)));
    Dynamic::from(m)
}

/// The printing slips a target was read through, `#{zh, en}` each.
fn slips(target: &planlint_target::Target) -> Array {
    target
        .slips
        .iter()
        .map(|slip| {
            let mut m = Map::new();
            m.insert("zh".into(), Dynamic::from(slip.zh()));
            m.insert("en".into(), Dynamic::from(slip.to_string()));
            Dynamic::from(m)
        })
        .collect()
}

/// `baseline_verdict(row)`: how the row's target stands against the plan's own baseline,
/// `#{verdict, allows_only, quiet, baseline, baseline_source, baseline_where}`, or `()`.
fn baseline_verdict(r: &mut RowView) -> Dynamic {
    use planlint_align::Origin;
    let Some(v) = r.w.baseline_verdict(r.p, r.r) else {
        return Dynamic::UNIT;
    };
    let (allows_only, baseline) = match &v.check {
        BaselineCheck::Regresses {
            allows_only,
            baseline,
            ..
        } => (*allows_only, *baseline),
        BaselineCheck::AlreadyMet { baseline, .. } => (false, Some(*baseline)),
    };
    let mut m = Map::new();
    m.insert(
        "verdict".into(),
        Dynamic::from(check_name(&v.check).to_string()),
    );
    m.insert("allows_only".into(), Dynamic::from(allows_only));
    m.insert(
        "quiet".into(),
        Dynamic::from(v.quiet.map_or("", |q| q.name()).to_string()),
    );
    let shown = match v.origin {
        Origin::Table => r.row().baseline.as_ref().map(|b| b.value.to_string()),
        _ => baseline.map(planlint_target::show_number),
    };
    m.insert("baseline".into(), Dynamic::from(shown.unwrap_or_default()));
    m.insert(
        "baseline_source".into(),
        Dynamic::from(v.origin.name().to_string()),
    );
    m.insert(
        "baseline_where".into(),
        Dynamic::from(origin_where(r, v.origin)),
    );
    Dynamic::from(m)
}

/// `hold_unmet(t, row)`: where the text target `t` is to hold a level (保持在95%以上) that the
/// table row's own baseline does not reach (90): `#{baseline, level, ceiling}` as printed,
/// as the level reads, and whether the level is a ceiling (维持在28%以下); `()` otherwise,
/// and where the baseline is not a plain number in the row's unit or the target is
/// approximate.
fn hold_unmet(t: &mut TextView, row: RowView) -> Dynamic {
    use planlint_target::Requirement;
    let target = &t.reading().target;
    if !target.hold {
        return Dynamic::UNIT;
    }
    let reading = row.reading();
    // The table's own baseline, as it prints it (one stated in the text alone is not the
    // table's to contradict).
    let printed = row
        .row()
        .baseline
        .as_ref()
        .map(|b| b.value.trim().to_string());
    let (Some(baseline), Some(printed), true, false) = (
        reading.baseline,
        printed,
        reading.context.baseline_unit.is_none(),
        target.approx,
    ) else {
        return Dynamic::UNIT;
    };
    if printed.parse::<f64>().ok() != Some(baseline) {
        return Dynamic::UNIT;
    }
    let in_row_unit =
        |unit: &Option<planlint_target::Unit>| unit.is_none() || *unit == reading.context.unit;
    let level = match planlint_target::resolve(target, &reading.context, reading.better) {
        Requirement::Floor {
            value,
            strict,
            unit,
        } if in_row_unit(&unit) => {
            (baseline < value || (strict && baseline == value)).then_some((value, false))
        }
        Requirement::Ceiling {
            value,
            strict,
            unit,
        } if in_row_unit(&unit) => {
            (baseline > value || (strict && baseline == value)).then_some((value, true))
        }
        _ => None,
    };
    let Some((level, ceiling)) = level else {
        return Dynamic::UNIT;
    };
    let mut m = Map::new();
    m.insert("baseline".into(), Dynamic::from(printed));
    m.insert(
        "level".into(),
        Dynamic::from(planlint_target::show_number(level)),
    );
    m.insert("ceiling".into(), Dynamic::from(ceiling));
    Dynamic::from(m)
}

/// A stated baseline as scripts see it: `#{value, source, where}`.
fn stated_map(r: &RowView, stated: &planlint_align::Stated) -> Map {
    let mut m = Map::new();
    m.insert("value".into(), crate::views::text(&stated.printed));
    m.insert(
        "source".into(),
        Dynamic::from(stated.origin.name().to_string()),
    );
    m.insert(
        "where".into(),
        Dynamic::from(origin_where(r, stated.origin)),
    );
    m
}

/// Where a baseline is stated, in words a reviewer reads: `""` for the table, the previous
/// period's table, or the section of the text.
fn origin_where(r: &RowView, origin: planlint_align::Origin) -> String {
    use planlint_align::Origin;
    let plan = r.w.plan(r.p);
    match origin {
        Origin::Table => String::new(),
        Origin::Previous(_) => String::new(),
        Origin::Text(i) => plan.baselines_in_text[i]
            .section
            .as_ref()
            .map_or(String::new(), |s| s.value.clone()),
    }
}

/// `text_groups(plan)`: the plan's text targets that name the same indicator as another,
/// grouped: for each indicator two or more of them name, the array of those targets in
/// order; the groups in the order of their first targets. Targets naming no indicator are
/// in no group.
fn text_groups(p: &mut PlanView) -> Array {
    // The targets of each indicator, in one pass; the groups in the order of their first.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of = std::collections::HashMap::<&str, usize, ahash::RandomState>::default();
    for t in 0..p.plan().targets_in_text.len() {
        let key = p.w.text_key(p.p, t);
        if key.is_empty() {
            continue;
        }
        let g = *group_of.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(t);
    }
    groups
        .into_iter()
        .filter(|g| g.len() >= 2)
        .map(|g| {
            let group: Array = g.into_iter().map(|t| Dynamic::from(p.text_of(t))).collect();
            Dynamic::from(group)
        })
        .collect()
}

/// What `compared(plan, filter)` and `text_compared(plan, filter)` keep: the standings (one
/// name or an array of names: `stricter`, `equal`, `weaker`, `uncomparable`, `unit-label`,
/// `units-differ`), or a map of the pairs' properties: `verdict` (names as before), the
/// forms of the pair's two sides (`row_form` and `wanted_form` for `compared`,
/// `target_form` and `row_form` for `text_compared`; a form or an array of forms),
/// `units_convert` (`compared` only) and `target_year` (`text_compared` only: the year or
/// years the text target is for, 0 where it gives none).
#[derive(Default)]
struct PairFilter {
    standings: Option<Vec<Standing>>,
    /// The forms each side may have, the pair's first side first.
    forms: [Option<Vec<String>>; 2],
    units_convert: Option<bool>,
    /// The years a text target may be for (0: none given), `text_compared` only.
    target_years: Option<Vec<i64>>,
    /// Whether each table row side must be binding (`row_binding`, `wanted_binding`).
    binding: [Option<bool>; 2],
    /// Whether the text target must keep a level (`target_hold`, `text_compared` only).
    hold: Option<bool>,
}

impl PairFilter {
    /// Reads the filter of `query`, whose pairs' sides are named `sides`.
    fn read(
        filter: Dynamic,
        query: &str,
        sides: [&str; 2],
    ) -> Result<PairFilter, Box<EvalAltResult>> {
        if !filter.is_map() {
            return Ok(PairFilter {
                standings: Some(standing_names(query, filter)?),
                ..PairFilter::default()
            });
        }
        // A side's forms are asked for as `<side>_form`, and whether a table row side is
        // binding as `<side>_binding`: a text target (`target`) has no nature.
        let has_nature = |side: &str| side != "target";
        let side_of = |key: &str, property: &str| {
            let side = key.strip_suffix(property)?;
            sides
                .iter()
                .position(|s| *s == side)
                .filter(|_| property == "_form" || has_nature(side))
        };
        let flag = |key: &str, value: Dynamic| {
            value.as_bool().map_err(|found| {
                err(format!(
                    "{query}() needs true or false for {key}, not {found}"
                ))
            })
        };
        let mut out = PairFilter::default();
        for (key, value) in filter.cast::<Map>() {
            if key == "verdict" {
                out.standings = Some(standing_names(query, value)?);
            } else if key == "units_convert" && query == "compared" {
                out.units_convert = Some(flag(&key, value)?);
            } else if key == "target_year" && query == "text_compared" {
                let years = one_or_many(value)
                    .into_iter()
                    .map(|y| {
                        y.as_int().map_err(|found| {
                            err(format!("{query}() needs years as integers, not {found}"))
                        })
                    })
                    .collect::<Result<Vec<i64>, _>>()?;
                out.target_years = Some(years);
            } else if key == "target_hold" && query == "text_compared" {
                out.hold = Some(flag(&key, value)?);
            } else if let Some(side) = side_of(&key, "_binding") {
                out.binding[side] = Some(flag(&key, value)?);
            } else if let Some(side) = side_of(&key, "_form") {
                let forms = one_or_many(value)
                    .into_iter()
                    .map(|f| {
                        f.into_string()
                            .ok()
                            .filter(|f| FORMS.contains(&f.as_str()))
                            .ok_or_else(|| {
                                err(format!("{query}() takes the forms {}", FORMS.join(", ")))
                            })
                    })
                    .collect::<Result<Vec<String>, _>>()?;
                out.forms[side] = Some(forms);
            } else {
                let last = if query == "compared" {
                    "units_convert"
                } else {
                    "target_year, target_hold"
                };
                let bindings = sides
                    .iter()
                    .filter(|s| has_nature(s))
                    .map(|s| format!("{s}_binding"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let keys = format!(
                    "verdict, {}_form, {}_form, {bindings}, {last}",
                    sides[0], sides[1]
                );
                return Err(err(format!("{query}() filters by {keys}, not `{key}`")));
            }
        }
        Ok(out)
    }

    /// Whether a pair is kept: its standing, its sides' forms, whether they are binding
    /// (`None` for a text target) and whether their units convert.
    fn keeps(
        &self,
        standing: Standing,
        forms: [&str; 2],
        binding: [Option<bool>; 2],
        units_convert: bool,
    ) -> bool {
        self.units_convert.is_none_or(|u| u == units_convert)
            && self
                .binding
                .iter()
                .zip(binding)
                .all(|(wanted, is)| wanted.is_none_or(|w| Some(w) == is))
            && self
                .forms
                .iter()
                .zip(forms)
                .all(|(wanted, form)| wanted.as_ref().is_none_or(|w| w.iter().any(|f| f == form)))
            && self
                .standings
                .as_ref()
                .is_none_or(|v| v.contains(&standing))
    }
}

/// The standings a pair query asks for: one name or an array of names. `missing` is not
/// one: a pair query gives pairs the plan has a row for (`not_carried` gives the others).
fn standing_names(query: &str, names: Dynamic) -> Result<Vec<Standing>, Box<EvalAltResult>> {
    one_or_many(names)
        .into_iter()
        .map(|name| {
            let name = name.into_string().unwrap_or_default();
            Standing::named(&name)
                .filter(|s| *s != Standing::Missing)
                .ok_or_else(|| {
                    let names: Vec<&str> = Standing::ALL
                        .iter()
                        .filter(|s| **s != Standing::Missing)
                        .map(|s| s.name())
                        .collect();
                    err(format!(
                        "{query}() takes the verdicts {}, not `{name}`",
                        names.join(", ")
                    ))
                })
        })
        .collect()
}

/// `compared(plan, …)`: for each row the plan must carry and has, nearest ancestor first,
/// `#{row, wanted, comparison}`, for the pairs `filter` keeps. The standings are made once
/// per plan and shared by the rules and the report; the records only for the rows kept.
fn compared(p: &PlanView, filter: &PairFilter) -> Array {
    let w: &World = &p.w;
    let form_of = |(q, r): (usize, usize)| form(&w.readings[q][r].target.form);
    let binding_of = |(q, r): (usize, usize)| w.row(q, r).nature() == Nature::Binding;
    w.pairs(p.p)
        .iter()
        .filter_map(|m| Some((m.row()?, m)))
        .filter(|(r, m)| {
            filter.keeps(
                m.standing(),
                [form_of((p.p, *r)), form_of(m.wanted())],
                [Some(binding_of((p.p, *r))), Some(binding_of(m.wanted()))],
                m.units_convert,
            )
        })
        .map(|(r, m)| {
            let (a, ar) = m.wanted();
            let comparison = w.compare((p.p, r), (a, ar));
            let baseline = w.readings[p.p][r].baseline;
            pair_record(
                ("row", Dynamic::from(p.row_of(p.p, r))),
                ("wanted", Dynamic::from(p.row_of(a, ar))),
                Compared::of_pair(comparison, m.standing(), baseline),
            )
        })
        .collect()
}

/// What the pair queries give a script for a pair: `#{<first>, <second>, comparison}`.
fn pair_record(
    (first, a): (&str, Dynamic),
    (second, b): (&str, Dynamic),
    comparison: Compared,
) -> Dynamic {
    let mut pair = Map::new();
    pair.insert(first.into(), a);
    pair.insert(second.into(), b);
    pair.insert("comparison".into(), Dynamic::from(comparison));
    Dynamic::from(pair)
}

/// `text_compared(plan, filter)`: for each target in the plan's text that the table has a
/// row for, in order, `#{target, row, comparison}`, for the pairs `filter` keeps.
fn text_compared(p: &PlanView, filter: &PairFilter) -> Array {
    let w: &World = &p.w;
    let mut pairs = Array::new();
    for t in 0..p.plan().targets_in_text.len() {
        let target = &p.plan().targets_in_text[t];
        let year = target.year.as_ref().map_or(0, |y| i64::from(y.value));
        if filter
            .target_years
            .as_ref()
            .is_some_and(|y| !y.contains(&year))
        {
            continue;
        }
        if filter
            .hold
            .is_some_and(|hold| hold != w.text_readings[p.p][t].target.hold)
        {
            continue;
        }
        let Some(r) = w.text_row(p.p, t) else {
            continue;
        };
        let forms = [
            form(&w.text_readings[p.p][t].target.form),
            form(&w.readings[p.p][r].target.form),
        ];
        let standing = w.text_standing(p.p, t, r);
        let binding = w.row(p.p, r).nature() == Nature::Binding;
        if !filter.keeps(standing, forms, [None, Some(binding)], true) {
            continue;
        }
        pairs.push(pair_record(
            ("target", Dynamic::from(p.text_of(t))),
            ("row", Dynamic::from(p.row_of(p.p, r))),
            Compared::of_pair(
                w.compare_text(p.p, t, (p.p, r)),
                standing,
                w.readings[p.p][r].baseline,
            ),
        ));
    }
    pairs
}

/// `section_coverage(plan)`: the section topics the plan's ancestors require, nearest
/// ancestor first, each once: `#{topic, accepted, source, covered, heading}` (`heading` is
/// the covering heading, or `()`).
fn section_coverage(p: &mut PlanView) -> Array {
    p.w.coverage(p.p)
        .iter()
        .map(|topic| {
            let mut m = Map::new();
            m.insert("topic".into(), Dynamic::from(topic.topic.clone()));
            let accepted: Array = topic
                .accepted
                .iter()
                .map(|t| Dynamic::from(t.clone()))
                .collect();
            m.insert("accepted".into(), Dynamic::from(accepted));
            m.insert("source".into(), Dynamic::from(p.other(topic.source)));
            m.insert("covered".into(), Dynamic::from(topic.covered_by.is_some()));
            let heading = topic.covered_by.map_or(Dynamic::UNIT, |s| {
                Dynamic::from(SectionView {
                    w: p.w.clone(),
                    p: p.p,
                    s,
                })
            });
            m.insert("heading".into(), heading);
            Dynamic::from(m)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{bound, years_in};

    #[test]
    fn years() {
        assert_eq!(years_in("比2015年降低10%"), [2015]);
        assert_eq!(years_in("2020年至2025年"), [2020, 2025]);
        assert_eq!(years_in("年2020年"), [2020]);
        for text in [
            "",
            "年",
            "15年",
            "２０１５年",
            "20a5年",
            "比基期降低10%",
            "2015",
        ] {
            assert!(years_in(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn bounds() {
        assert_eq!(bound(">90"), Some((true, 90.0)));
        assert_eq!(bound("≥ 90.5"), Some((true, 90.5)));
        assert_eq!(bound("＞7.6"), Some((true, 7.6)));
        assert_eq!(bound("<10"), Some((false, 10.0)));
        assert_eq!(bound("≤5"), Some((false, 5.0)));
        assert_eq!(bound("＜10"), Some((false, 10.0)));
        for text in ["", ">", "90", "≥90%", "≥九十", "=5", "約90", ">>5"] {
            assert_eq!(bound(text), None, "{text}");
        }
    }
}
