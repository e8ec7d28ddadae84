//! What a row says of itself, by name: the properties the query helpers choose rows by
//! (`plan.indicators_where`, `carried_where`, `plan.repeated`), `plan.column` reads, and the
//! Row's field getters give ([`ROW_PROPERTIES`]), so that a property reads the same whichever
//! way a script asks; and the row helpers that answer for them.

use crate::records::unit_status;
use crate::sandbox::err;
use crate::views::{PlanView, RowView, TextView};
use planlint_align::{Standing, World};
use planlint_model::Nature;
use planlint_target::{against_baseline, sign_conflict, BaselineCheck, Better, Form};
use rhai::{Array, Dynamic, EvalAltResult};

/// A bound printed as a sign and a number (">90", "≥ 90", "＜10"): whether it is a floor
/// (`>`, `≥`, `＞`) or a ceiling (`<`, `≤`, `＜`), and the number. Nothing else: no unit, no
/// words.
pub(crate) fn bound(text: &str) -> Option<(bool, f64)> {
    let mut chars = text.chars();
    let floor = match chars.next()? {
        '>' | '≥' | '＞' => true,
        '<' | '≤' | '＜' => false,
        _ => return None,
    };
    chars
        .as_str()
        .trim()
        .parse()
        .ok()
        .map(|value| (floor, value))
}

/// The target forms, by the names the `form` getters give.
pub(crate) const FORMS: [&str; 14] = [
    "empty",
    "value",
    "range",
    "change",
    "per-year",
    "direction",
    "history",
    "parts",
    "unreadable",
    "share",
    "all",
    "per-unit",
    "grade",
    "at-baseline",
];

/// A target's form, by the name scripts use ([`FORMS`]).
pub(crate) fn form(form: &Form) -> &'static str {
    FORMS[match form {
        Form::Empty => 0,
        Form::Value { .. } => 1,
        Form::Range { .. } => 2,
        Form::Change { .. } => 3,
        Form::PerYear { .. } => 4,
        Form::Direction(_) => 5,
        Form::History { .. } => 6,
        Form::Parts(_) => 7,
        Form::Unreadable { .. } => 8,
        Form::Share { .. } => 9,
        Form::All { .. } => 10,
        Form::PerUnit { .. } => 11,
        Form::Grade { .. } => 12,
        Form::AtBaseline { .. } => 13,
    }]
}

/// A value given as one or as an array of several.
pub(crate) fn one_or_many(value: Dynamic) -> Array {
    if value.is_array() {
        value.cast::<Array>()
    } else {
        vec![value]
    }
}

/// `baseline_check(row)`: `"already-met"`, `"regresses"` or `""`.
pub(crate) fn baseline_check(r: &RowView) -> &'static str {
    let reading = r.reading();
    reading
        .better
        .and_then(|better| against_baseline(&reading.target, &reading.context, better))
        .map_or("", |check| check_name(&check))
}

/// A baseline check's name, as scripts read it.
pub(crate) fn check_name(check: &BaselineCheck) -> &'static str {
    match check {
        BaselineCheck::AlreadyMet { .. } => "already-met",
        BaselineCheck::Regresses { .. } => "regresses",
    }
}

/// How `row`'s target compares with the target of the same indicator in plan `p`'s
/// previous-period table; `None` where that table has no target for it, or the row's unit
/// label does not fit its values (unit-mismatch's: the previous target would be converted
/// into a unit the row does not mean).
pub(crate) fn previous_comparison(
    w: &World,
    p: usize,
    row: &RowView,
) -> Option<planlint_target::Comparison> {
    if !w.unit_label_fits(row.p, row.r) {
        return None;
    }
    let reading = row.reading();
    let theirs = w.previous_target(p, row.key())?;
    Some(planlint_target::compare(
        &reading.target,
        &reading.context,
        theirs,
        &reading.context,
        reading.better,
    ))
}

/// `sign_conflict(row)`: whether a bound's sign fights the indicator's direction.
pub(crate) fn conflicts(r: &RowView) -> bool {
    let reading = r.reading();
    reading
        .better
        .is_some_and(|better| sign_conflict(&reading.target, better))
}

/// `direction(row)`: `"higher"`, `"lower"` or `""`.
pub(crate) fn direction(r: &RowView) -> &'static str {
    match r.reading().better {
        Some(Better::Higher) => "higher",
        Some(Better::Lower) => "lower",
        None => "",
    }
}

/// A property of a row that the query helpers select by and `plan.column` reads: one of
/// the Row's own fields (its getter is this) or what a row helper says of the row.
#[derive(Clone, Copy)]
pub(crate) enum RowProperty {
    Name,
    Unit,
    Domain,
    No,
    Baseline,
    Target,
    Nature,
    NatureGiven,
    Binding,
    Indicator,
    MatchedBy,
    Form,
    BaselineCheck,
    SignConflict,
    Direction,
    UnitStatus,
    BaselineBound,
    BaselineVerdict,
    BaselineDisputed,
    Slipped,
    BaselineBorrowed,
    PreviousNature,
    PreviousVerdict,
}

/// The row properties by the names scripts use, the Row's fields first.
pub(crate) const ROW_PROPERTIES: [(&str, RowProperty); 23] = [
    ("name", RowProperty::Name),
    ("unit", RowProperty::Unit),
    ("domain", RowProperty::Domain),
    ("no", RowProperty::No),
    ("baseline", RowProperty::Baseline),
    ("target", RowProperty::Target),
    ("nature", RowProperty::Nature),
    ("nature_given", RowProperty::NatureGiven),
    ("binding", RowProperty::Binding),
    ("indicator", RowProperty::Indicator),
    ("matched_by", RowProperty::MatchedBy),
    ("form", RowProperty::Form),
    ("baseline_check", RowProperty::BaselineCheck),
    ("sign_conflict", RowProperty::SignConflict),
    ("direction", RowProperty::Direction),
    ("unit_status", RowProperty::UnitStatus),
    ("baseline_bound", RowProperty::BaselineBound),
    ("baseline_verdict", RowProperty::BaselineVerdict),
    ("baseline_disputed", RowProperty::BaselineDisputed),
    ("slipped", RowProperty::Slipped),
    ("baseline_borrowed", RowProperty::BaselineBorrowed),
    ("previous_nature", RowProperty::PreviousNature),
    ("previous_verdict", RowProperty::PreviousVerdict),
];

/// A row's or a text target's property as the query helpers read it.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Property<'a> {
    Text(&'a str),
    Flag(bool),
}

impl Property<'_> {
    pub(crate) fn into_dynamic(self) -> Dynamic {
        match self {
            Property::Flag(flag) => Dynamic::from(flag),
            Property::Text(text) => crate::views::text(text),
        }
    }
}

/// The properties a view is chosen by (`indicators_where`, `targets_where`), by the names
/// scripts use: a row's ([`RowProperty`]) or a text target's ([`TextProperty`]).
pub(crate) trait Named: Copy + Send + Sync + 'static {
    /// Every property, by name.
    const ALL: &'static [(&'static str, Self)];

    /// Whether the property is true or false (else it is a text).
    fn flag(self) -> bool;

    /// Whether the property is one of the view's own fields, which its getter of the same
    /// name gives (rather than a helper's answer).
    fn is_field(self) -> bool;

    /// The texts the property can be, where they are a closed set (`None`: any text), so
    /// that a rule asking for one it can never be (`"looser"`) is told rather than given
    /// nothing.
    fn closed(self) -> Option<&'static [&'static str]>;

    /// The property named `name`; where there is none, an error saying what `query()`
    /// takes (`what` it does with a property: "reads", "selects by").
    fn named(name: &str, query: &str, what: &str) -> Result<Self, Box<EvalAltResult>> {
        Self::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, property)| property)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|(n, _)| *n).collect();
                err(format!(
                    "{query}() {what} {}, not `{name}`",
                    names.join(", ")
                ))
            })
    }
}

/// A view that says its properties by name: a row, or a text target.
pub(crate) trait Described: Clone + Send + Sync + 'static {
    type Property: Named;

    fn property(&self, property: Self::Property) -> Property<'_>;
}

impl Named for RowProperty {
    const ALL: &'static [(&'static str, Self)] = &ROW_PROPERTIES;

    fn is_field(self) -> bool {
        !matches!(
            self,
            RowProperty::BaselineCheck
                | RowProperty::SignConflict
                | RowProperty::Direction
                | RowProperty::UnitStatus
                | RowProperty::BaselineBound
                | RowProperty::BaselineVerdict
                | RowProperty::BaselineDisputed
                | RowProperty::Slipped
                | RowProperty::BaselineBorrowed
                | RowProperty::PreviousNature
                | RowProperty::PreviousVerdict
        )
    }

    fn flag(self) -> bool {
        use RowProperty as P;
        matches!(
            self,
            P::NatureGiven
                | P::Binding
                | P::SignConflict
                | P::BaselineDisputed
                | P::Slipped
                | P::BaselineBorrowed
        )
    }

    fn closed(self) -> Option<&'static [&'static str]> {
        use RowProperty as P;
        Some(match self {
            P::Nature => &["binding", "expected"],
            P::MatchedBy => &["id", "name", "normalised", "folded", "similar", ""],
            P::Form => &FORMS,
            P::BaselineCheck | P::BaselineVerdict => &["already-met", "regresses", ""],
            P::Direction => &["higher", "lower", ""],
            P::UnitStatus => &["ok", "mislabelled", "incompatible", "implausible", ""],
            P::BaselineBound => &["floor", "ceiling", ""],
            P::PreviousNature => &["binding", "expected", ""],
            P::PreviousVerdict => &["stricter", "equal", "weaker", "uncomparable", ""],
            _ => return None,
        })
    }
}

impl Described for RowView {
    type Property = RowProperty;

    fn property(&self, property: RowProperty) -> Property<'_> {
        property_of(self, property)
    }
}

/// A property of a text target that `targets_where` selects by: one of the TextTarget's
/// own fields (its getter is this) or what a helper says of it.
#[derive(Clone, Copy)]
pub(crate) enum TextProperty {
    Name,
    Target,
    Unit,
    Section,
    Scope,
    Indicator,
    Form,
    YearGiven,
    Hold,
    ScopeLevel,
    Slipped,
}

/// The text target properties by the names scripts use, the TextTarget's fields first.
pub(crate) const TEXT_PROPERTIES: [(&str, TextProperty); 11] = [
    ("name", TextProperty::Name),
    ("target", TextProperty::Target),
    ("unit", TextProperty::Unit),
    ("section", TextProperty::Section),
    ("scope", TextProperty::Scope),
    ("indicator", TextProperty::Indicator),
    ("form", TextProperty::Form),
    ("year_given", TextProperty::YearGiven),
    ("hold", TextProperty::Hold),
    ("scope_level", TextProperty::ScopeLevel),
    ("slipped", TextProperty::Slipped),
];

impl Named for TextProperty {
    const ALL: &'static [(&'static str, Self)] = &TEXT_PROPERTIES;

    fn is_field(self) -> bool {
        !matches!(self, TextProperty::ScopeLevel | TextProperty::Slipped)
    }

    fn flag(self) -> bool {
        matches!(
            self,
            TextProperty::YearGiven | TextProperty::Hold | TextProperty::Slipped
        )
    }

    fn closed(self) -> Option<&'static [&'static str]> {
        match self {
            TextProperty::Form => Some(&FORMS),
            TextProperty::ScopeLevel => Some(&SCOPE_LEVELS),
            _ => None,
        }
    }
}

impl Described for TextView {
    type Property = TextProperty;

    fn property(&self, property: TextProperty) -> Property<'_> {
        use TextProperty as P;
        let target = self.target();
        Property::Text(match property {
            P::YearGiven => return Property::Flag(target.year.is_some()),
            P::Hold => return Property::Flag(self.reading().target.hold),
            P::Slipped => return Property::Flag(!self.reading().target.slips.is_empty()),
            P::Name => target.name.value.as_str(),
            P::Target => target.target.value.as_str(),
            P::Unit => opt(&target.unit),
            P::Section => opt(&target.section),
            P::Scope => opt(&target.scope),
            P::Indicator => self.w.text_key(self.p, self.t),
            P::Form => form(&self.reading().target.form),
            P::ScopeLevel => scope_level(opt(&target.scope)),
        })
    }
}

/// The levels `scope_level` names, and `""` for none.
pub(crate) const SCOPE_LEVELS: [&str; 4] = ["province", "prefecture", "county", ""];

/// `scope_level(text)`: the level of jurisdiction a scope word names — `"province"` (全省,
/// 全自治区, 各盟市), `"prefecture"` (全市, 全盟, 全州, 各旗市区, 各县市区), `"county"`
/// (全县, 全旗, 各乡镇) — or `""` where it names none of them (全区 is a district or a region:
/// not judged).
pub(crate) fn scope_level(text: &str) -> &'static str {
    let text = text.trim();
    const PROVINCE: [&str; 6] = ["全省", "全自治区", "全疆", "各盟市", "各地州市", "各市州"];
    const PREFECTURE: [&str; 9] = [
        "全市",
        "全盟",
        "全州",
        "各旗市区",
        "各县市区",
        "各旗县区",
        "各县区",
        "各旗县",
        "全地区",
    ];
    const COUNTY: [&str; 6] = ["全县", "全旗", "各乡镇", "各苏木乡镇", "各镇", "全县区"];
    if PROVINCE.iter().any(|w| text.starts_with(w)) {
        SCOPE_LEVELS[0]
    } else if PREFECTURE.iter().any(|w| text.starts_with(w)) {
        SCOPE_LEVELS[1]
    } else if COUNTY.iter().any(|w| text.starts_with(w)) {
        SCOPE_LEVELS[2]
    } else {
        SCOPE_LEVELS[3]
    }
}

/// A text the plan may leave out, as scripts see it: `""` where it does.
pub(crate) fn opt<T: AsRef<str>>(s: &Option<planlint_model::Spanned<T>>) -> &str {
    s.as_ref().map_or("", |s| s.value.as_ref())
}

/// Property `property` of a row: what its getter or helper gives.
pub(crate) fn property_of(view: &RowView, property: RowProperty) -> Property<'_> {
    use RowProperty as P;
    let row = view.row();
    Property::Text(match property {
        P::NatureGiven => return Property::Flag(row.nature.is_some()),
        P::Binding => return Property::Flag(row.nature() == Nature::Binding),
        P::SignConflict => return Property::Flag(conflicts(view)),
        P::BaselineDisputed => {
            return Property::Flag(!view.w.baseline_conflicts(view.p, view.r).is_empty())
        }
        P::Slipped => return Property::Flag(!view.reading().target.slips.is_empty()),
        P::BaselineBorrowed => {
            return Property::Flag(
                row.baseline_from
                    .as_ref()
                    .is_some_and(|b| !b.value.is_empty()),
            )
        }
        P::Name => row.name.value.as_str(),
        P::Unit => opt(&row.unit),
        P::Domain => opt(&row.domain),
        P::No => opt(&row.no),
        P::Baseline => opt(&row.baseline),
        P::Target => opt(&row.target),
        P::Nature => row.nature().as_str(),
        P::Indicator => view.key(),
        P::MatchedBy => view.matched_by(),
        P::Form => form(&view.reading().target.form),
        P::BaselineCheck => baseline_check(view),
        P::Direction => direction(view),
        P::BaselineBound => match bound(opt(&row.baseline)) {
            Some((true, _)) => "floor",
            Some((false, _)) => "ceiling",
            None => "",
        },
        P::UnitStatus => unit_status(view.w.unit_label(view.p, view.r).2.as_ref()),
        P::BaselineVerdict => view
            .w
            .baseline_verdict(view.p, view.r)
            .map_or("", |v| check_name(&v.check)),
        P::PreviousNature => view
            .w
            .previous_row(view.p, view.key())
            .map_or("", |old| old.nature().as_str()),
        P::PreviousVerdict => previous_comparison(&view.w, view.p, view)
            .map_or("", |c| Standing::of(&c.verdict).name()),
    })
}

/// `plan.column(property)`: `property` of every row of the plan, in order.
pub(crate) fn column(p: &mut PlanView, property: &str) -> Result<Array, Box<EvalAltResult>> {
    let property = RowProperty::named(property, "column", "reads")?;
    Ok((0..p.plan().indicators.len())
        .map(|r| property_of(&p.row_of(p.p, r), property).into_dynamic())
        .collect())
}

/// `plan.repeated(property)`: the values of `property` that two or more rows of the plan
/// share (`""` among them, where two rows have none), in the order they first appear.
pub(crate) fn repeated(p: &mut PlanView, property: &str) -> Result<Array, Box<EvalAltResult>> {
    let property = RowProperty::named(property, "repeated", "reads")?;
    let rows: Vec<RowView> = (0..p.plan().indicators.len())
        .map(|r| p.row_of(p.p, r))
        .collect();
    let values: Vec<Property> = rows.iter().map(|v| property_of(v, property)).collect();
    // The rows sorted by value (then by place): a run of two or more is a repeated value,
    // whose first row is the run's first. No pair of rows is compared, however long the
    // table, and nothing is hashed for the few rows most plans have.
    let mut by_value: Vec<usize> = (0..values.len()).collect();
    by_value.sort_by(|&a, &b| values[a].cmp(&values[b]).then(a.cmp(&b)));
    let mut firsts: Vec<usize> = by_value
        .chunk_by(|&a, &b| values[a] == values[b])
        .filter(|run| run.len() >= 2)
        .map(|run| run[0])
        .collect();
    firsts.sort_unstable();
    Ok(firsts
        .into_iter()
        .map(|i| values[i].clone().into_dynamic())
        .collect())
}

/// The views (rows, or text targets) whose `property` ([`ROW_PROPERTIES`],
/// [`TEXT_PROPERTIES`]) is one of `values` (a string or a boolean, or an array of them), for
/// the query helper `query`.
pub(crate) fn select<V: Described>(
    query: &str,
    views: impl Iterator<Item = V>,
    property: &str,
    values: Dynamic,
) -> Result<Array, Box<EvalAltResult>> {
    let name = property;
    let property = V::Property::named(name, query, "selects by")?;
    let mut texts: Vec<String> = Vec::new();
    let mut flags: Vec<bool> = Vec::new();
    for value in one_or_many(values) {
        if property.flag() {
            flags.push(value.as_bool().map_err(|_| {
                err(format!(
                    "{query}() selects by {name} with true or false, not {value} ({})",
                    value.type_name()
                ))
            })?);
        } else if value.is_string() {
            let text = value.into_string().unwrap_or_default();
            if let Some(can_be) = property
                .closed()
                .filter(|can| !can.contains(&text.as_str()))
            {
                let quoted: Vec<String> = can_be.iter().map(|t| format!("\"{t}\"")).collect();
                return Err(err(format!(
                    "{query}() selects by {name} with {}, not \"{text}\"",
                    quoted.join(", ")
                )));
            }
            texts.push(text);
        } else {
            return Err(err(format!(
                "{query}() selects by {name} with strings, not {}",
                value.type_name()
            )));
        }
    }
    let mut chosen = Array::new();
    for view in views {
        let keep = match view.property(property) {
            Property::Flag(flag) => flags.contains(&flag),
            Property::Text(text) => texts.iter().any(|t| t == text),
        };
        if keep {
            chosen.push(Dynamic::from(view));
        }
    }
    Ok(chosen)
}
