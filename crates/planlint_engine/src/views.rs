//! What scripts see of the world: read-only views of a plan, a row, a heading and a target
//! stated in the text, with getters only, and [`At`], a place to report at.
//!
//! A view points into the shared [`World`] by index; it has getters only, so a rule cannot
//! change what another rule sees. The variables of a run (`plan`, `parent`, `ancestors`)
//! are made by [`scope`].

use crate::properties::{Described, Named};
use crate::sandbox::err;
use planlint_align::World;
use planlint_diagnostics::Subject;
use planlint_model::yaml::Pos;
use planlint_model::{Indicator, MatchKind, Plan, Reading, Section};
use planlint_target::Form;
use rhai::{Array, Dynamic, Engine, EvalAltResult, ImmutableString, Map};
use std::sync::Arc;

/// A place a rule can report at: a position in a plan's file, and what is there.
#[derive(Clone, Debug)]
pub struct At {
    pub plan: usize,
    pub pos: Pos,
    /// What the place is about: a row, a target in the text, or nothing in particular.
    pub about: About,
}

/// What a place is about, for the finding's [`Subject`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum About {
    /// The plan as a whole, a heading, or a key of the plan.
    Plan,
    /// Row `r` of plan `p`.
    Row(usize, usize),
    /// Target `t` stated in plan `p`'s text.
    Text(usize, usize),
}

impl About {
    /// What a finding about this is about: the indicator as printed, its catalog id, and
    /// the heading a text target stands under.
    pub fn subject(self, world: &World) -> Subject {
        match self {
            About::Plan => Subject::default(),
            About::Row(p, r) => Subject {
                indicator: Some(world.row(p, r).name.value.clone()),
                indicator_id: world.catalog_id(p, r).map(str::to_string),
                ..Subject::default()
            },
            About::Text(p, t) => {
                let target = &world.plan(p).targets_in_text[t];
                Subject {
                    indicator: Some(target.name.value.clone()),
                    indicator_id: world.text_readings[p][t]
                        .matched
                        .map(|m| world.catalog.entry(m.entry).id.value.clone()),
                    text_section: target.section.as_ref().map(|s| s.value.clone()),
                    ..Subject::default()
                }
            }
        }
    }
}

/// How views reach the world: through a handle made for each run, so that the many views
/// a script makes and drops count references on their own thread's handle, not all on the
/// world's one counter (which threads would fight over).
pub type WorldRef = Arc<Arc<World>>;

/// A read-only view of a plan.
#[derive(Clone, Debug)]
pub struct PlanView {
    pub w: WorldRef,
    pub p: usize,
}

/// A read-only view of a table row.
#[derive(Clone, Debug)]
pub struct RowView {
    pub w: WorldRef,
    pub p: usize,
    pub r: usize,
}

/// A read-only view of a heading.
#[derive(Clone, Debug)]
pub struct SectionView {
    pub w: WorldRef,
    pub p: usize,
    /// Index in the plan's sections, depth first.
    pub s: usize,
}

/// A read-only view of a target stated in the text.
#[derive(Clone, Debug)]
pub struct TextView {
    pub w: WorldRef,
    pub p: usize,
    pub t: usize,
}

impl PlanView {
    pub fn plan(&self) -> &Plan {
        self.w.plan(self.p)
    }

    /// A view of another plan of the same world.
    pub fn other(&self, p: usize) -> PlanView {
        PlanView {
            w: self.w.clone(),
            p,
        }
    }

    /// A view of target `t` stated in this plan's text.
    pub fn text_of(&self, t: usize) -> TextView {
        TextView {
            w: self.w.clone(),
            p: self.p,
            t,
        }
    }

    /// A view of row `r` of plan `p`.
    pub fn row_of(&self, p: usize, r: usize) -> RowView {
        RowView {
            w: self.w.clone(),
            p,
            r,
        }
    }

    /// The place of one of the plan's keys; the plan itself when the key is absent.
    pub fn at(&self, key: &str) -> At {
        At {
            plan: self.p,
            pos: self.plan().key_pos(key),
            about: About::Plan,
        }
    }
}

impl RowView {
    pub fn row(&self) -> &Indicator {
        self.w.row(self.p, self.r)
    }

    pub fn reading(&self) -> &Reading {
        &self.w.readings[self.p][self.r]
    }

    /// The row's indicator key: its catalog id, or `~` and its normalised name.
    pub fn key(&self) -> &str {
        &self.w.keys[self.p][self.r]
    }

    /// The place of one of the row's fields; the row itself when the field is absent.
    pub fn at(&self, field: &str) -> At {
        let row = self.row();
        let pos = match field {
            "name" => Some(row.name.pos),
            "unit" => row.unit.as_ref().map(|s| s.pos),
            "domain" => row.domain.as_ref().map(|s| s.pos),
            "no" => row.no.as_ref().map(|s| s.pos),
            "baseline" => row.baseline.as_ref().map(|s| s.pos),
            "target" => row.target.as_ref().map(|s| s.pos),
            "nature" => row.nature.as_ref().map(|s| s.pos),
            "id" => row.id.as_ref().map(|s| s.pos),
            _ => None,
        };
        At {
            plan: self.p,
            pos: pos.unwrap_or(row.pos),
            about: About::Row(self.p, self.r),
        }
    }

    /// How the row's name matched the catalog: `id`, `name`, `normalised`, `similar`, or
    /// `""` when it did not.
    pub fn matched_by(&self) -> &'static str {
        match self.reading().matched.map(|m| m.kind) {
            Some(MatchKind::Id) => "id",
            Some(MatchKind::Name) => "name",
            Some(MatchKind::Normalised) => "normalised",
            Some(MatchKind::Folded { .. }) => "folded",
            Some(MatchKind::Similar { .. }) => "similar",
            None => "",
        }
    }
}

impl SectionView {
    /// The section and its depth (1 for a top-level heading).
    pub fn section(&self) -> (&Section, usize) {
        self.w.section(self.p, self.s)
    }
}

impl TextView {
    pub fn target(&self) -> &planlint_model::TextTarget {
        &self.w.plan(self.p).targets_in_text[self.t]
    }

    pub fn reading(&self) -> &Reading {
        &self.w.text_readings[self.p][self.t]
    }

    /// The place of one of the target's fields: `name`, `section`, or the target itself.
    pub fn at(&self, field: &str) -> At {
        let target = self.target();
        let pos = match field {
            "name" => target.name.pos,
            "section" => target.section.as_ref().map_or(target.pos, |s| s.pos),
            _ => target.target.pos,
        };
        At {
            plan: self.p,
            pos,
            about: About::Text(self.p, self.t),
        }
    }
}

/// `""` for `None`, as scripts see an absent text.
fn opt_str(value: Option<&str>) -> Dynamic {
    text(value.unwrap_or(""))
}

/// A text for a script, made straight from `text` rather than through a `String` (each
/// row's name, unit and target are read thousands of times); the empty text is shared.
pub(crate) fn text(text: &str) -> Dynamic {
    thread_local! {
        static EMPTY: ImmutableString = ImmutableString::new();
    }
    if text.is_empty() {
        return EMPTY.with(|empty| Dynamic::from(empty.clone()));
    }
    Dynamic::from(ImmutableString::from(text))
}

/// Why a target could not be read, in Chinese or English; `""` for a readable one.
fn unreadable(reading: &Reading, zh: bool) -> String {
    match &reading.target.form {
        Form::Unreadable { reason } if zh => reason.zh(),
        Form::Unreadable { reason } => reason.to_string(),
        _ => String::new(),
    }
}

/// Registers the view types and their getters.
pub(crate) fn register(engine: &mut Engine) {
    engine.register_type_with_name::<PlanView>("Plan");
    engine.register_type_with_name::<RowView>("Row");
    engine.register_type_with_name::<SectionView>("Section");
    engine.register_type_with_name::<TextView>("TextTarget");
    engine.register_type_with_name::<At>("Place");
    register_plan(engine);
    register_row(engine);
    register_section(engine);
    register_text(engine);
}

fn register_plan(engine: &mut Engine) {
    engine.register_get("id", |p: &mut PlanView| text(p.plan().id()));
    engine.register_get("title", |p: &mut PlanView| text(p.plan().title()));
    engine.register_get("file", |p: &mut PlanView| text(&p.plan().file));
    engine.register_get("level", |p: &mut PlanView| {
        text(p.plan().level().map_or("", |l| l.as_str()))
    });
    engine.register_get("previous_count", |p: &mut PlanView| {
        p.plan()
            .previous_period
            .as_ref()
            .map_or(0, |x| x.indicators.len() as i64)
    });
    engine.register_get("period_start", |p: &mut PlanView| {
        p.plan()
            .period
            .as_ref()
            .map_or(0, |x| i64::from(x.value.start))
    });
    engine.register_get("period_end", |p: &mut PlanView| {
        p.plan()
            .period
            .as_ref()
            .map_or(0, |x| i64::from(x.value.end))
    });
    engine.register_get("basis", |p: &mut PlanView| -> Array {
        p.plan()
            .basis
            .iter()
            .map(|b| Dynamic::from(b.value.clone()))
            .collect()
    });
    engine.register_get("indicators", |p: &mut PlanView| -> Array {
        (0..p.plan().indicators.len())
            .map(|r| Dynamic::from(p.row_of(p.p, r)))
            .collect()
    });
    engine.register_get("indicator_count", |p: &mut PlanView| {
        p.plan().indicators.len() as i64
    });
    engine.register_get("indicators_known", |p: &mut PlanView| {
        p.plan().indicators_unknown.is_none()
    });
    engine.register_get("sections_known", |p: &mut PlanView| {
        p.plan().sections_unknown.is_none()
    });
    engine.register_get("reference", |p: &mut PlanView| p.plan().is_reference());
    engine.register_get("issuer", |p: &mut PlanView| {
        opt_str(p.plan().issuer.as_ref().map(|s| s.value.as_str()))
    });
    engine.register_get("issued", |p: &mut PlanView| {
        opt_str(p.plan().issued.as_ref().map(|s| s.value.as_str()))
    });
    engine.register_get("section_count", |p: &mut PlanView| {
        p.w.section_count(p.p) as i64
    });
    engine.register_get("sections", |p: &mut PlanView| -> Array {
        (0..p.w.section_count(p.p))
            .map(|s| {
                Dynamic::from(SectionView {
                    w: p.w.clone(),
                    p: p.p,
                    s,
                })
            })
            .collect()
    });
    engine.register_get("targets_in_text", |p: &mut PlanView| -> Array {
        (0..p.plan().targets_in_text.len())
            .map(|t| Dynamic::from(p.text_of(t)))
            .collect()
    });
    engine.register_get("required_sections", |p: &mut PlanView| -> Array {
        let Some(req) = &p.plan().requirements else {
            return Array::new();
        };
        req.sections
            .iter()
            .map(|s| {
                let mut m = Map::new();
                m.insert("topic".into(), Dynamic::from(s.topic.value.clone()));
                let any_of: Array = s
                    .any_of
                    .iter()
                    .map(|t| Dynamic::from(t.value.clone()))
                    .collect();
                m.insert("any_of".into(), Dynamic::from(any_of));
                Dynamic::from(m)
            })
            .collect()
    });
    engine.register_fn("at", |p: &mut PlanView, key: ImmutableString| p.at(&key));
    engine.register_get("region", |p: &mut PlanView| {
        opt_str(p.plan().region.as_ref().map(|s| s.value.as_str()))
    });
    engine.register_get("baseline_year", |p: &mut PlanView| {
        p.plan().baseline_year().map_or(0, i64::from)
    });
}

/// The getters of a view's own fields, read as the query helpers read them
/// (`indicators_where`, `targets_where`), from the one table of its properties.
fn register_fields<V: Described>(engine: &mut Engine) {
    for &(name, property) in V::Property::ALL {
        if property.is_field() {
            engine.register_get(name, move |v: &mut V| v.property(property).into_dynamic());
        }
    }
}

fn register_row(engine: &mut Engine) {
    register_fields::<RowView>(engine);
    engine.register_get("explanation", |r: &mut RowView| {
        opt_str(r.row().explanation.as_ref().map(|s| s.value.as_str()))
    });
    engine.register_get("baseline_from", |r: &mut RowView| {
        opt_str(r.row().baseline_from.as_ref().map(|s| s.value.as_str()))
    });
    engine.register_get("qualifier", |r: &mut RowView| {
        match r.reading().matched.map(|m| m.kind) {
            Some(MatchKind::Folded {
                scope: Some(scope),
                stem: Some(stem),
            }) => text(&format!("{scope}、{stem}")),
            Some(MatchKind::Folded { scope, stem }) => text(scope.or(stem).unwrap_or("")),
            _ => text(""),
        }
    });
    engine.register_get("matched_name", |r: &mut RowView| {
        let w = &r.w;
        text(
            r.reading()
                .matched
                .map_or("", |m| w.catalog.matched_name(m)),
        )
    });
    engine.register_get("indicator_name", |r: &mut RowView| {
        let w = &r.w;
        text(
            r.reading()
                .matched
                .map_or("", |m| w.catalog.entry(m.entry).name()),
        )
    });
    engine.register_get("plan", |r: &mut RowView| PlanView {
        w: r.w.clone(),
        p: r.p,
    });
    engine.register_get("unreadable_zh", |r: &mut RowView| {
        unreadable(r.reading(), true)
    });
    engine.register_get("unreadable_en", |r: &mut RowView| {
        unreadable(r.reading(), false)
    });
    engine.register_fn("at", |r: &mut RowView, field: ImmutableString| r.at(&field));
}

fn register_section(engine: &mut Engine) {
    engine.register_get("title", |s: &mut SectionView| {
        text(&s.section().0.title.value)
    });
    engine.register_get("number", |s: &mut SectionView| {
        opt_str(s.section().0.number.as_ref().map(|n| n.value.as_str()))
    });
    engine.register_get("depth", |s: &mut SectionView| s.section().1 as i64);
}

fn register_text(engine: &mut Engine) {
    register_fields::<TextView>(engine);
    engine.register_get("year", |t: &mut TextView| {
        t.target().year.as_ref().map_or(0, |y| i64::from(y.value))
    });
    engine.register_get("unit", |t: &mut TextView| {
        opt_str(t.target().unit.as_ref().map(|s| s.value.as_str()))
    });
    engine.register_get("unreadable_zh", |t: &mut TextView| {
        unreadable(t.reading(), true)
    });
    engine.register_get("unreadable_en", |t: &mut TextView| {
        unreadable(t.reading(), false)
    });
    engine.register_get("plan", |t: &mut TextView| PlanView {
        w: t.w.clone(),
        p: t.p,
    });
    engine.register_fn("at", |t: &mut TextView, field: ImmutableString| {
        t.at(&field)
    });
}

/// A place from whatever a script passes to `report()`: a place, or a plan, row, heading
/// or text target (at its name, title or target).
pub(crate) fn place(value: Dynamic) -> Result<At, Box<EvalAltResult>> {
    if value.is::<At>() {
        return Ok(value.cast::<At>());
    }
    if value.is::<RowView>() {
        return Ok(value.cast::<RowView>().at("name"));
    }
    if value.is::<PlanView>() {
        return Ok(value.cast::<PlanView>().at("title"));
    }
    if value.is::<SectionView>() {
        let s = value.cast::<SectionView>();
        return Ok(At {
            plan: s.p,
            pos: s.section().0.title.pos,
            about: About::Plan,
        });
    }
    if value.is::<TextView>() {
        return Ok(value.cast::<TextView>().at("target"));
    }
    Err(err(format!(
        "report() needs a plan, row, section, text target or place, not {}",
        value.type_name()
    )))
}

/// The world and the plan a run is about, as the script's variables: `plan`, `parent`
/// (or `()`) and `ancestors` (parent first).
pub(crate) fn scope(world: &Arc<World>, p: usize) -> rhai::Scope<'static> {
    let mut scope = rhai::Scope::new();
    let world: WorldRef = Arc::new(Arc::clone(world));
    let view = |p| PlanView {
        w: world.clone(),
        p,
    };
    scope.push_constant("plan", view(p));
    match world.plans.parent(p) {
        Some(parent) => scope.push_constant("parent", view(parent)),
        None => scope.push_constant("parent", ()),
    };
    let ancestors: Array = world
        .plans
        .ancestors(p)
        .into_iter()
        .map(|a| Dynamic::from(view(a)))
        .collect();
    scope.push_constant("ancestors", ancestors);
    scope
}
