//! A national-scale plan repository for benchmarking planlint: one national plan, its
//! provinces, prefectures and counties, each a valid `*.plan.yaml` with 20–40 indicator
//! rows drawn from `rules/catalog.yaml` and a heading tree of 40–120 sections, and a known
//! set of injected defects (the truth list). Everything not in the truth list is meant to
//! be clean: every child's target is at least as strict as every ancestor's, natures are
//! kept, units are right, and no target is already met by its own baseline. Like real
//! plans, each also states 5–10 targets in its text (most restating a table row in other
//! words), half carry the previous period's completion table, and a few acknowledge one of
//! their defects in `exemptions` (the truth list says which).
//!
//! Plans are written as different people write them: each has its own habits of naming (its
//! jurisdiction in front of a name, another spelling of a population stem, 城乡), some
//! provinces ask for binding rows only and their children leave out rows they need not
//! carry, and baselines are stated in the text as well as, or instead of, in the table. The
//! plans whose names the checker matches through a qualifier, and so notes once, are listed
//! with the truth (`Generated::notes`).
//!
//! Deterministic: the same seed and sizes give the same bytes (a splitmix64 generator,
//! no hashing, no clock).

use std::fmt::Write as _;
use std::sync::OnceLock;

/// The bundled catalog, for matching finding names back to catalog ids.
pub const CATALOG: &str = include_str!("../../../rules/catalog.yaml");

/// splitmix64: small, fast, and good enough for test data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x005E_ED0F_91A7_11E7)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The kinds of injected defect, as rule ids.
pub const DEFECT_KINDS: [&str; 8] = [
    "weaker-target",
    "missing-indicator",
    "binding-downgrade",
    "unit-mismatch",
    "slack-target",
    "regressing-target",
    "duplicate-row",
    "text-table-mismatch",
];

/// One injected defect: the finding the checker should report.
#[derive(Clone, Debug, PartialEq)]
pub struct Defect {
    pub plan: String,
    pub rule: &'static str,
    /// The indicator's name as printed (in the plan, or for a missing row in the parent).
    pub indicator: String,
    /// The indicator's catalog id.
    pub indicator_id: &'static str,
    /// The plan acknowledges the defect in its `exemptions`: the checker should report
    /// the finding as exempted.
    pub exempted: bool,
    /// How the defect is written, where a kind has several ways: `voluntary` (weaker-target
    /// on a row the plan need not carry), `text-baseline` (regressing-target against a
    /// baseline stated only in the text); empty otherwise.
    pub variant: &'static str,
}

/// A generated repository.
#[derive(Debug)]
pub struct Generated {
    /// (relative path, YAML text), plans in generation order (every parent before its
    /// children).
    pub files: Vec<(String, String)>,
    pub truth: Vec<Defect>,
    /// The plans the checker should note once for names it matched by folding a scope
    /// qualifier or a population stem (`indicator-name-variant`), by id.
    pub notes: Vec<String>,
}

impl Generated {
    /// The truth list as JSON (hand-written: no extra dependency).
    pub fn truth_json(&self) -> String {
        let mut out = String::from("[\n");
        for (i, d) in self.truth.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {{\"plan\": {}, \"rule\": {}, \"indicator\": {}, \"indicator_id\": {}, \"exempted\": {}, \"variant\": {}}}{}",
                json_str(&d.plan),
                json_str(d.rule),
                json_str(&d.indicator),
                json_str(d.indicator_id),
                d.exempted,
                json_str(d.variant),
                if i + 1 < self.truth.len() { "," } else { "" }
            );
        }
        out.push_str("]\n");
        out
    }
}

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// How a row's target is written across the tree (decided once, in the national plan).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Class {
    /// A number in one of the numeric forms (each plan picks its own form).
    Numeric,
    /// A direction only, at every level.
    Direction,
    /// Empty in the national plan, numbers below it.
    EmptyAtTop,
    /// Two parts (城镇 / 居民), the same text at every level.
    Parts,
}

/// An indicator of the pool: a catalog entry with realistic values.
struct Ind {
    id: &'static str,
    names: &'static [&'static str],
    unit: &'static str,
    higher: bool,
    lo: f64,
    hi: f64,
    dec: usize,
    step: f64,
    binding: bool,
    parts: bool,
}

#[allow(clippy::too_many_arguments)] // A table row of the generator's indicator list, one field per column.
const fn ind(
    id: &'static str,
    names: &'static [&'static str],
    unit: &'static str,
    higher: bool,
    (lo, hi): (f64, f64),
    dec: usize,
    step: f64,
    binding: bool,
) -> Ind {
    Ind {
        id,
        names,
        unit,
        higher,
        lo,
        hi,
        dec,
        step,
        binding,
        parts: false,
    }
}

const H: bool = true;
const L: bool = false;

/// Indicators from rules/catalog.yaml (no composite rows and no parts of one, so that a
/// row never stands for another), with their catalog names, canonical unit, direction, a
/// believable national baseline range, the printed decimals and a typical step.
static POOL: &[Ind] = &[
    ind(
        "life-expectancy",
        &["人均预期寿命", "居民人均预期寿命", "城乡居民人均预期寿命"],
        "岁",
        H,
        (76.5, 78.5),
        1,
        0.3,
        true,
    ),
    ind(
        "healthy-life-expectancy",
        &["人均健康预期寿命", "健康预期寿命"],
        "岁",
        H,
        (68.0, 70.0),
        1,
        0.3,
        false,
    ),
    ind(
        "maternal-mortality",
        &["孕产妇死亡率"],
        "/10万",
        L,
        (14.0, 18.0),
        1,
        0.5,
        true,
    ),
    ind(
        "infant-mortality",
        &["婴儿死亡率"],
        "‰",
        L,
        (5.0, 7.5),
        1,
        0.2,
        true,
    ),
    ind(
        "under5-mortality",
        &["5岁以下儿童死亡率", "五岁以下儿童死亡率"],
        "‰",
        L,
        (7.0, 9.5),
        1,
        0.2,
        true,
    ),
    ind(
        "premature-mortality-major-ncd",
        &["重大慢性病过早死亡率", "重大慢性疾病过早死亡率"],
        "%",
        L,
        (15.0, 18.0),
        1,
        0.3,
        false,
    ),
    ind(
        "cardiovascular-mortality",
        &["心脑血管疾病死亡率"],
        "/10万",
        L,
        (250.0, 300.0),
        0,
        5.0,
        false,
    ),
    ind(
        "cancer-5-year-survival",
        &["总体癌症5年生存率", "癌症5年生存率"],
        "%",
        H,
        (40.0, 45.0),
        1,
        0.5,
        false,
    ),
    ind(
        "hiv-prevalence",
        &["艾滋病全人群感染率"],
        "%",
        L,
        (0.15, 0.2),
        2,
        0.01,
        false,
    ),
    ind(
        "notifiable-infectious-disease-incidence",
        &["传染病总发病率"],
        "/10万",
        L,
        (180.0, 220.0),
        0,
        5.0,
        false,
    ),
    ind(
        "new-smear-positive-tb-cure-rate",
        &["新涂阳肺结核患者治愈率"],
        "%",
        H,
        (85.0, 88.0),
        1,
        0.5,
        false,
    ),
    ind(
        "child-vaccination-rate",
        &[
            "适龄儿童免疫规划疫苗接种率",
            "以乡(镇、街道)为单位适龄儿童免疫规划疫苗接种率",
        ],
        "%",
        H,
        (90.0, 92.0),
        1,
        0.3,
        true,
    ),
    ind(
        "severe-mental-disorder-management",
        &["严重精神障碍管理率", "严重精神障碍患者管理率"],
        "%",
        H,
        (85.0, 88.0),
        1,
        0.5,
        false,
    ),
    ind(
        "health-literacy",
        &["居民健康素养水平", "城乡居民健康素养水平"],
        "%",
        H,
        (20.0, 25.0),
        1,
        1.0,
        false,
    ),
    ind(
        "mental-health-literacy",
        &["居民心理健康素养水平"],
        "%",
        H,
        (15.0, 20.0),
        1,
        1.0,
        false,
    ),
    ind(
        "environmental-health-literacy",
        &["居民环境与健康素养水平"],
        "%",
        H,
        (20.0, 25.0),
        1,
        1.0,
        false,
    ),
    ind(
        "nutrition-knowledge-awareness",
        &["居民营养健康知识知晓率"],
        "%",
        H,
        (30.0, 40.0),
        1,
        1.0,
        false,
    ),
    ind(
        "smoking-rate-15plus",
        &["15岁以上人群吸烟率"],
        "%",
        L,
        (24.0, 26.0),
        1,
        0.3,
        false,
    ),
    ind(
        "regular-exercise-share",
        &["经常参加体育锻炼人数比例"],
        "%",
        H,
        (36.0, 38.0),
        1,
        0.5,
        false,
    ),
    ind(
        "social-sports-instructors-per-1000",
        &["每千人拥有社会体育指导员", "每千人口社会体育指导员数"],
        "人",
        H,
        (2.0, 2.3),
        1,
        0.1,
        false,
    ),
    ind(
        "student-physical-fitness-good-rate",
        &["国家学生体质健康标准达标优良率"],
        "%",
        H,
        (50.0, 55.0),
        1,
        1.0,
        false,
    ),
    ind(
        "child-under7-health-management-rate",
        &["7岁以下儿童保健管理率"],
        "%",
        H,
        (88.0, 90.0),
        1,
        0.3,
        false,
    ),
    ind(
        "hospital-delivery-rate",
        &["孕产妇住院分娩率"],
        "%",
        H,
        (96.0, 97.0),
        1,
        0.2,
        false,
    ),
    ind(
        "childcare-places-per-1000",
        &[
            "每千人口拥有3岁以下婴幼儿托位数",
            "每千人3岁以下婴幼儿托位数",
        ],
        "个",
        H,
        (1.8, 2.5),
        1,
        0.2,
        false,
    ),
    ind(
        "childhood-myopia",
        &["儿童青少年总体近视率"],
        "%",
        L,
        (50.0, 54.0),
        1,
        0.5,
        false,
    ),
    ind(
        "dental-caries-12",
        &["12岁儿童龋患率"],
        "%",
        L,
        (30.0, 34.0),
        1,
        0.5,
        false,
    ),
    ind(
        "elderly-health-management",
        &[
            "65岁及以上老年人城乡社区规范健康管理服务率",
            "65岁以上老年人健康管理率",
        ],
        "%",
        H,
        (65.0, 70.0),
        1,
        1.0,
        false,
    ),
    ind(
        "geriatrics-department-share",
        &["二级及以上综合性医院设老年医学科比例"],
        "%",
        H,
        (60.0, 70.0),
        1,
        1.0,
        false,
    ),
    ind(
        "disabled-basic-rehabilitation-rate",
        &["残疾人基本康复服务率"],
        "%",
        H,
        (80.0, 84.0),
        1,
        0.5,
        false,
    ),
    ind(
        "electronic-health-record-rate",
        &["居民电子健康档案管理率"],
        "%",
        H,
        (75.0, 80.0),
        1,
        1.0,
        false,
    ),
    ind(
        "primary-care-visit-share",
        &["基层医疗卫生机构就诊率"],
        "%",
        H,
        (55.0, 60.0),
        1,
        1.0,
        false,
    ),
    ind(
        "tertiary-general-hospital-alos",
        &["三级综合医院平均住院日"],
        "天",
        L,
        (8.0, 9.0),
        1,
        0.2,
        false,
    ),
    ind(
        "emergency-call-response-rate",
        &["急救呼叫满足率"],
        "%",
        H,
        (90.0, 92.0),
        1,
        0.5,
        false,
    ),
    ind(
        "primary-tcm-service-share",
        &["基层中医药服务量占比"],
        "%",
        H,
        (30.0, 35.0),
        1,
        1.0,
        false,
    ),
    ind(
        "beds-per-1000",
        &["每千人口医疗卫生机构床位数", "每千常住人口医疗机构床位数"],
        "张",
        H,
        (6.0, 6.8),
        2,
        0.1,
        true,
    ),
    ind(
        "physicians-per-1000",
        &["每千人口执业(助理)医师数", "每千常住人口执业(助理)医师数"],
        "人",
        H,
        (2.8, 3.2),
        2,
        0.05,
        true,
    ),
    ind(
        "nurses-per-1000",
        &["每千人口注册护士数", "每千常住人口注册护士数"],
        "人",
        H,
        (3.2, 3.6),
        2,
        0.05,
        false,
    ),
    ind(
        "pharmacists-per-1000",
        &["每千人口药师(士)数", "每千常住人口药师(士)数"],
        "人",
        H,
        (0.32, 0.4),
        2,
        0.02,
        false,
    ),
    ind(
        "gps-per-10k",
        &["每万人口全科医生数", "每万常住人口全科医生数"],
        "人",
        H,
        (2.8, 3.2),
        1,
        0.2,
        true,
    ),
    ind(
        "public-health-staff-per-10k",
        &["每万人口公共卫生人员数", "每万常住人口公共卫生人员数"],
        "人",
        H,
        (6.5, 7.5),
        1,
        0.2,
        false,
    ),
    ind(
        "air-quality-good-days",
        &["地级及以上城市空气质量优良天数比率"],
        "%",
        H,
        (85.0, 87.0),
        1,
        0.5,
        true,
    ),
    ind(
        "drinking-water-supervision-coverage",
        &["生活饮用水卫生监督覆盖率"],
        "%",
        H,
        (85.0, 90.0),
        1,
        0.5,
        false,
    ),
    ind(
        "out-of-pocket-share",
        &[
            "个人卫生支出占卫生总费用的比重",
            "个人卫生支出占卫生总费用比例",
        ],
        "%",
        L,
        (27.0, 29.0),
        1,
        0.3,
        true,
    ),
    ind(
        "government-health-spending-share",
        &["政府卫生支出占卫生总费用的比重"],
        "%",
        H,
        (28.0, 30.0),
        1,
        0.3,
        false,
    ),
    Ind {
        id: "inpatient-reimbursement-ratio",
        names: &["职工和城乡居民医保政策范围内住院费用支付比例"],
        unit: "%",
        higher: H,
        lo: 0.0,
        hi: 0.0,
        dec: 0,
        step: 0.0,
        binding: false,
        parts: true,
    },
];

/// Catalog id of pool entry `i`.
pub fn pool_ids() -> Vec<&'static str> {
    POOL.iter().map(|i| i.id).collect()
}

/// How a target resolves to a value.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Req {
    /// A floor (higher is better) or ceiling (lower is better).
    Abs(f64),
    /// A change of this many percent of the baseline, the good way.
    Rel(f64),
    /// This many points a year, the good way, over 5 years (2020 → 2025).
    PerYear(f64),
    /// A direction, or parts, or nothing: no number.
    NoNumber,
}

const YEARS: f64 = 5.0;

#[derive(Clone, Debug)]
struct Row {
    ind: usize,
    class: Class,
    name: String,
    /// The matcher folds a scope or a population stem to match the name.
    noted: bool,
    /// The baseline as the text states it (`baselines_in_text`); the table prints one only
    /// where `baseline` is set too.
    stated: Option<f64>,
    unit: String,
    baseline: Option<f64>,
    target: String,
    req: Req,
    binding: bool,
    /// The row number as printed.
    no: usize,
}

fn resolve(req: Req, baseline: Option<f64>, higher: bool) -> Option<f64> {
    let s = if higher { 1.0 } else { -1.0 };
    match req {
        Req::Abs(v) => Some(v),
        Req::Rel(x) => baseline.map(|b| b * (1.0 + s * x / 100.0)),
        Req::PerYear(d) => baseline.map(|b| b + s * d * YEARS),
        Req::NoNumber => None,
    }
}

fn stricter(a: f64, b: f64, higher: bool) -> f64 {
    if higher {
        a.max(b)
    } else {
        a.min(b)
    }
}

fn fmt(v: f64, dec: usize) -> String {
    format!("{v:.dec$}")
}

fn round_to(v: f64, dec: usize) -> f64 {
    let k = 10f64.powi(dec as i32);
    (v * k).round() / k
}

/// The smallest printed value strictly stricter than `v`.
fn beyond(v: f64, dec: usize, higher: bool) -> f64 {
    let k = 10f64.powi(dec as i32);
    let x = (v * k * 1e6).round() / 1e6; // kill float noise before floor/ceil
    if higher {
        (x.floor() + 1.0) / k
    } else {
        (x.ceil() - 1.0) / k
    }
}

fn trim(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Where a plan is: the scope words its names may carry in front of a measure (the plan's
/// own jurisdiction, 全县 in a county, 全区 in an autonomous region or a district), and the
/// ones in front of 空气质量优良天数比率 (the set of cities or the town a figure covers:
/// 地级及以上城市 and 设区城市 in a province, 城市 in a prefecture, 县城 in a county).
#[derive(Clone, Copy, Debug)]
struct Place {
    level: Level,
    scopes: &'static [&'static str],
    air: &'static [&'static str],
    /// The plan's habits, per row: a scope in front of a name, another spelling of a
    /// population stem, 城乡 in front of 居民.
    scope_rate: f64,
    stem_rate: f64,
    rural_rate: f64,
}

impl Place {
    fn of(level: Level, region: &str) -> Place {
        let scopes: &'static [&'static str] = match level {
            Level::National => &["全国"],
            Level::Province if region.ends_with("自治区") => &["全区", "全自治区", "我区"],
            Level::Province if region.ends_with('市') => &["全市", "本市"],
            Level::Province => &["全省", "本省", "我省"],
            Level::Prefecture if region.ends_with('州') => &["全州", "本州"],
            Level::Prefecture if region.ends_with('盟') => &["全盟", "本盟"],
            Level::Prefecture => &["全市", "本市", "我市"],
            Level::County if region.ends_with('旗') => &["全旗", "我旗"],
            Level::County if region.ends_with('区') => &["全区", "本区"],
            Level::County if region.ends_with('市') => &["全市", "本市"],
            Level::County => &["全县", "本县", "我县"],
        };
        let air: &'static [&'static str] = match level {
            Level::National => &["地级及以上城市"],
            Level::Province => &["地级及以上城市", "设区城市", "设区市"],
            Level::Prefecture => &["城市", "市区"],
            Level::County => &["县城", "城区"],
        };
        Place {
            level,
            scopes,
            air,
            scope_rate: 0.12,
            stem_rate: 0.5,
            rural_rate: 0.3,
        }
    }

    /// The place with one plan's habits: some plans put their jurisdiction in front of
    /// names, some spell the population stems their own way, most do neither.
    fn styled(mut self, rng: &mut Rng) -> Place {
        self.scope_rate = if rng.chance(0.3) { 0.2 } else { 0.0 };
        self.stem_rate = if rng.chance(0.3) { 0.6 } else { 0.0 };
        self.rural_rate = if rng.chance(0.2) { 0.5 } else { 0.0 };
        self
    }
}

/// Population stems a reviewer reads as one (docs/plan-format.md, the indicator key): the
/// plain spellings, and those the matcher folds and notes (每千常住人口, 千人).
const STEMS_1000: [&str; 4] = ["每千人", "每千人口", "每千常住人口", "千人"];
const STEMS_10K: [&str; 3] = ["每万人", "每万人口", "每万常住人口"];
/// The stems above that `normalise` does not already make one with 每千人口.
const NOTED_STEMS: [&str; 3] = ["每千常住人口", "千人", "每万常住人口"];

/// The catalog's names of each entry, normalised: a variant equal to one of them is matched
/// by name, with nothing to note.
fn catalog_names(id: &str) -> Vec<String> {
    static NAMES: OnceLock<planlint_model::Catalog> = OnceLock::new();
    let catalog = NAMES.get_or_init(|| planlint_model::Catalog::load("catalog.yaml", CATALOG).0);
    catalog.by_id(id).map_or_else(Vec::new, |e| {
        catalog
            .entry(e)
            .names
            .iter()
            .map(|n| planlint_model::names::normalise(&n.value))
            .collect()
    })
}

/// A name as a plan at `place` might print it: a catalog name, sometimes in front of it the
/// plan's jurisdiction (全县孕产妇死亡率) or 城乡 (城乡居民心理健康素养水平), the population stem
/// spelt another way (每千常住人口…, 千人…), 空气质量优良天数比率 with the set of cities or the
/// town it covers, and full-width brackets or digits. Only what the matcher is meant to
/// read as the same indicator (docs/plan-format.md, the indicator key): nothing that names
/// who or what is counted is changed. Also says whether the matcher folds a qualifier to
/// match it, which the checker notes once per plan (`indicator-name-variant`).
fn name_variant(rng: &mut Rng, ind: &Ind, place: Place) -> (String, bool) {
    let mut name = rng.pick(ind.names).to_string();
    let mut qualified = false;
    if ind.id == "air-quality-good-days" {
        if place.level != Level::National && rng.chance(0.1 + 2.0 * place.scope_rate) {
            let body = if rng.chance(0.8) {
                "空气质量优良天数比率"
            } else {
                "环境空气质量优良天数比率"
            };
            let scope = match rng.below(5) {
                0 | 1 => *rng.pick(place.air),
                2 | 3 => *rng.pick(place.scopes),
                _ => "",
            };
            name = format!("{scope}{body}");
            qualified = true;
        }
    } else {
        let stems: &[&str] = if name.starts_with("每千") {
            &STEMS_1000
        } else if name.starts_with("每万") {
            &STEMS_10K
        } else {
            &[]
        };
        if !stems.is_empty() && rng.chance(place.stem_rate) {
            // The stem as printed, longest first: 每千人口 before 每千人.
            let mut old: Vec<&str> = stems
                .iter()
                .copied()
                .filter(|s| s.starts_with('每'))
                .collect();
            old.sort_by_key(|s| std::cmp::Reverse(s.len()));
            if let Some(old) = old.iter().find(|s| name.starts_with(**s)) {
                let stem = *rng.pick(stems);
                name = format!("{stem}{}", &name[old.len()..]);
                // A stem the matcher folds, printed or replaced (the catalog's 每千常住人口
                // spelling printed as 每千人口), is noted.
                qualified |=
                    stem != *old && (NOTED_STEMS.contains(&stem) || NOTED_STEMS.contains(old));
            }
        }
        if name.starts_with("居民") && rng.chance(place.rural_rate) {
            name = format!("城乡{name}");
            qualified = true;
        }
        if rng.chance(place.scope_rate) {
            name = format!("{}{name}", rng.pick(place.scopes));
            qualified = true;
        }
    }
    if name.contains('(') && rng.chance(0.4) {
        name = name.replace('(', "（").replace(')', "）");
    }
    if name.chars().any(|c| c.is_ascii_digit()) && rng.chance(0.15) {
        name = name
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap()
                } else {
                    c
                }
            })
            .collect();
    }
    let noted =
        qualified && !catalog_names(ind.id).contains(&planlint_model::names::normalise(&name));
    (name, noted)
}

/// Writes a target that resolves to exactly `v` (or stricter) in an absolute form.
fn abs_text(rng: &mut Rng, v: f64, ind: &Ind) -> String {
    let n = fmt(v, ind.dec);
    let pct = if ind.unit == "%" { "%" } else { "" };
    if ind.higher {
        match rng.below(8) {
            0 | 1 => n,
            2 => format!("≥{n}"),
            3 => format!("＞{n}"),
            4 => format!(">{n}"),
            5 => format!("{n}{pct}以上"),
            6 => format!("不低于{n}"),
            _ => format!("达到{n}{pct}以上"),
        }
    } else {
        match rng.below(8) {
            0 | 1 => n,
            2 => format!("≤{n}"),
            3 => format!("＜{n}"),
            4 => format!("<{n}"),
            5 => format!("{n}{pct}以下"),
            6 => format!("低于{n}"),
            _ => format!("控制在{n}{pct}以下"),
        }
    }
}

/// The ancestors' rows for one indicator: (clean row, printed row), nearest first.
type Chain<'a> = Vec<(Option<&'a Row>, Option<&'a Row>)>;

struct PlanOut {
    id: String,
    title: String,
    /// Clean rows, by pool index (what the children are generated against).
    clean: Vec<Option<Row>>,
    /// Rows as printed, by pool index.
    printed: Vec<Option<Row>>,
    /// The plan asks its children for its binding rows only (`requirements.indicators:
    /// binding`).
    binding_only: bool,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Level {
    National,
    Province,
    Prefecture,
    County,
}

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Province => "province",
            Level::Prefecture => "prefecture",
            Level::County => "county",
        }
    }
}

const PROVINCES: [&str; 31] = [
    "北京市",
    "天津市",
    "河北省",
    "山西省",
    "内蒙古自治区",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "上海市",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "广西壮族自治区",
    "海南省",
    "重庆市",
    "四川省",
    "贵州省",
    "云南省",
    "西藏自治区",
    "陕西省",
    "甘肃省",
    "青海省",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
];

const SYLLABLES: [&str; 40] = [
    "安", "宁", "平", "兴", "华", "阳", "山", "河", "东", "西", "南", "北", "泉", "德", "昌", "庆",
    "林", "川", "江", "湖", "丰", "源", "定", "远", "康", "乐", "明", "新", "长", "清", "永", "和",
    "嘉", "富", "通", "海", "云", "台", "城", "溪",
];

fn place_name(rng: &mut Rng, suffixes: &[&str]) -> String {
    format!(
        "{}{}{}",
        rng.pick(&SYLLABLES),
        rng.pick(&SYLLABLES),
        rng.pick(suffixes)
    )
}

const CN_NUM: [&str; 21] = [
    "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三",
    "十四", "十五", "十六", "十七", "十八", "十九", "二十",
];

const CHAPTERS: [&str; 16] = [
    "发展基础与形势",
    "总体要求",
    "全面推进健康促进",
    "提升公共卫生服务能力",
    "全方位干预健康问题和影响因素",
    "全周期保障重点人群健康",
    "提供优质高效医疗服务",
    "促进中医药传承创新发展",
    "做优做强健康产业",
    "深化医药卫生体制改革",
    "强化卫生健康人才队伍建设",
    "加快推动数字卫生健康",
    "推进卫生健康法治建设",
    "深入开展爱国卫生运动",
    "强化要素支撑保障",
    "规划实施保障",
];

const SUBSECTIONS: [&str; 30] = [
    "发展基础",
    "面临形势",
    "指导思想",
    "基本原则",
    "构建强大公共卫生体系",
    "完善疾病预防控制体系",
    "加强慢性病综合防控",
    "做好重大传染病防控",
    "提高老年健康服务能力",
    "提供高水平妇幼健康服务",
    "加快发展托育服务",
    "强化职业健康保护",
    "推进公立医院高质量发展",
    "提升县域医疗卫生服务能力",
    "持续改善医疗服务",
    "健全中医药服务体系",
    "发展健康服务新业态",
    "深化药品供应保障制度改革",
    "健全全民医疗保障制度",
    "加强人才培养",
    "推进全民健康信息化",
    "健全综合监管制度",
    "加强组织领导",
    "强化投入保障",
    "做好监测评估",
    "加强宣传引导",
    "改善城乡人居环境",
    "推进健康城市建设",
    "普及健康生活方式",
    "提升应急处置能力",
];

const ITEMS: [&str; 12] = [
    "加强能力建设",
    "完善工作机制",
    "推进信息共享",
    "强化队伍建设",
    "健全服务网络",
    "提升服务质量",
    "加强监督管理",
    "推进示范创建",
    "强化科技支撑",
    "完善政策措施",
    "加强区域协作",
    "推进项目建设",
];

fn yaml_str(s: &str) -> String {
    json_str(s) // a JSON string is a YAML double-quoted scalar
}

/// The heading tree: 40–120 headings, with 发展目标 under the second chapter. Returns the
/// titles of its chapters and sections, where the text may state targets.
fn sections(rng: &mut Rng, out: &mut String) -> Vec<&'static str> {
    loop {
        let mut text = String::from("sections:\n");
        let mut titles = Vec::new();
        let mut count = 0;
        let chapters = rng.range(7, 14);
        let use_zhang = rng.chance(0.5);
        for c in 0..chapters {
            let number = if use_zhang {
                format!("第{}章", CN_NUM[c + 1])
            } else {
                format!("{}、", CN_NUM[c + 1])
            };
            let title = if c == 0 {
                CHAPTERS[0]
            } else if c == 1 {
                CHAPTERS[1]
            } else {
                CHAPTERS[2 + (c - 2 + rng.below(3)) % (CHAPTERS.len() - 2)]
            };
            let _ = writeln!(
                text,
                "  - number: {}\n    title: {}",
                yaml_str(&number),
                yaml_str(title)
            );
            count += 1;
            titles.push(title);
            let subs = rng.range(3, 7);
            let _ = writeln!(text, "    sections:");
            for s in 0..subs {
                let sub_number = if use_zhang {
                    format!("第{}节", CN_NUM[s + 1])
                } else {
                    format!("（{}）", CN_NUM[s + 1])
                };
                let sub = if c == 1 && s == 2 {
                    *rng.pick(&["发展目标", "主要目标", "规划目标"])
                } else {
                    *rng.pick(&SUBSECTIONS)
                };
                count += 1;
                titles.push(sub);
                if rng.chance(0.3) {
                    let items = rng.range(2, 4);
                    let _ = writeln!(
                        text,
                        "      - number: {}\n        title: {}\n        sections:",
                        yaml_str(&sub_number),
                        yaml_str(sub)
                    );
                    for i in 0..items {
                        let item_number = if use_zhang {
                            format!("{}、", CN_NUM[i + 1])
                        } else {
                            format!("{}.", i + 1)
                        };
                        let _ = writeln!(
                            text,
                            "          - {{number: {}, title: {}}}",
                            yaml_str(&item_number),
                            yaml_str(ITEMS[rng.below(ITEMS.len())])
                        );
                        count += 1;
                    }
                } else {
                    let _ = writeln!(
                        text,
                        "      - {{number: {}, title: {}}}",
                        yaml_str(&sub_number),
                        yaml_str(sub)
                    );
                }
            }
        }
        if (40..=120).contains(&count) {
            out.push_str(&text);
            return titles;
        }
    }
}

struct Gen {
    rng: Rng,
    files: Vec<(String, String)>,
    truth: Vec<Defect>,
    /// National class of each pool row.
    class: Vec<Class>,
    /// Where the plan being generated is.
    place: Place,
    /// The plans whose table prints a name the matcher folds a qualifier for.
    notes: Vec<String>,
}

/// The pool's indicators the catalog marks as caps (`cap:`), held under rather than driven
/// down; a test holds the list to the catalog.
const CAPPED: [&str; 3] = [
    "maternal-mortality",
    "hiv-prevalence",
    "out-of-pocket-share",
];

/// The pool's indicators the catalog measures down to a level only (`lowest_level`), with
/// that level as a number of ancestors (1: province); a test holds the list to the catalog.
const LOWEST: [(&str, usize); 2] = [("healthy-life-expectancy", 1), ("air-quality-good-days", 1)];

/// Whether a plan with `depth` ancestors must carry pool indicator `i` (see [`LOWEST`]).
fn required_at(i: usize, depth: usize) -> bool {
    LOWEST
        .iter()
        .all(|&(id, lowest)| id != POOL[i].id || depth <= lowest)
}

/// Whether a plan below `ancestors` (nearest first) must carry pool indicator `i`, as the
/// checker decides (`World::waived`): the nearest ancestor that prints the row asks for it
/// (it asks for every row, or for binding ones and this one is binding there), and the
/// catalog measures the indicator at the plan's level. A row the plan prints all the same
/// is carried of its own accord, and compared like any other.
fn required(i: usize, ancestors: &[&PlanOut]) -> bool {
    let Some(a) = ancestors.iter().find(|a| a.printed[i].is_some()) else {
        return false;
    };
    let binding = a.printed[i].as_ref().is_some_and(|r| r.binding);
    (binding || !a.binding_only) && required_at(i, ancestors.len())
}

/// Per-plan chance that a province asks its children for its binding rows only.
const BINDING_ONLY_RATE: f64 = 0.3;

/// Per-row chance that a plan leaves out a row it need not carry.
const DROP_WAIVED_RATE: f64 = 0.3;

/// Per-plan chance of each defect kind (independently) below the national level.
const DEFECT_RATE: f64 = 0.05;

impl Gen {
    /// A clean row for pool index `i` of a plan below `chain`.
    fn clean_row(&mut self, i: usize, chain: &Chain, national: bool) -> Row {
        let ind = &POOL[i];
        let class = self.class[i];
        let (name, noted) = name_variant(&mut self.rng, ind, self.place);
        let binding = ind.binding;
        let mk = |baseline, target: String, req| Row {
            ind: i,
            class,
            name: name.clone(),
            noted,
            stated: None,
            unit: ind.unit.to_string(),
            baseline,
            target,
            req,
            binding,
            no: 0,
        };
        if class == Class::Parts {
            return mk(
                None,
                "城镇稳定在80左右, 居民稳定在70以上".into(),
                Req::NoNumber,
            );
        }
        // The baseline: national from the range, below it near the parent's.
        let parent_base = chain.iter().find_map(|(c, _)| c.and_then(|r| r.baseline));
        let b = match parent_base {
            Some(pb) if !national => pb + (self.rng.unit() * 3.0 - 1.5) * ind.step,
            _ => ind.lo + self.rng.unit() * (ind.hi - ind.lo),
        };
        let b = round_to(b.max(ind.step), ind.dec);
        if class == Class::Direction {
            let text = if ind.higher {
                *self.rng.pick(&["持续提升", "稳步提高", "逐步提高"])
            } else {
                *self.rng.pick(&["持续下降", "逐步降低", "稳步下降"])
            };
            return mk(Some(b), text.into(), Req::NoNumber);
        }
        if class == Class::EmptyAtTop && national {
            return mk(
                Some(b),
                self.rng.pick(&["——", "—", ""]).to_string(),
                Req::NoNumber,
            );
        }
        // What the row must reach: one step better than its own baseline, and at least
        // every ancestor's requirement, resolved both with that ancestor's baseline and
        // with this plan's.
        let s = if ind.higher { 1.0 } else { -1.0 };
        let mut need = b + s
            * ind.step
            * if national {
                self.rng.range(2, 4) as f64
            } else {
                1.0
            };
        for (clean, printed) in chain {
            for r in [clean, printed].into_iter().flatten() {
                for base in [r.baseline, Some(b)] {
                    if let Some(v) = resolve(r.req, base, ind.higher) {
                        need = stricter(need, v, ind.higher);
                    }
                }
            }
        }
        if self.rng.chance(0.5) {
            need += s * ind.step;
        }
        let v = beyond(need, ind.dec, ind.higher);
        let pct = ind.unit == "%";
        let form = self.rng.below(10);
        if form < 2 && !pct && b > 0.0 {
            // change from the baseline, in percent of it
            let x = ((v / b - 1.0) * s * 100.0 - 1e-9).ceil().max(1.0);
            let text = match (ind.higher, self.rng.below(3)) {
                (true, 0) => format!("比基期增长{x}%"),
                (true, 1) => format!("在2020年基础上提高{x}%"),
                (true, _) => format!("比2020年增长{x}%"),
                (false, 0) => format!("比基期降低{x}%"),
                (false, 1) => format!("在2020年基础上下降{x}%"),
                (false, _) => format!("比2020年降低{x}%"),
            };
            return mk(Some(b), text, Req::Rel(x));
        }
        if form < 2 && pct {
            // points per year
            let d = (((v - b) * s / YEARS) * 100.0 - 1e-9).ceil() / 100.0;
            let d = d.max(0.01);
            let ds = trim(format!("{d:.2}"));
            let text = if ind.higher {
                format!("每年提高{ds}个百分点")
            } else {
                format!("每年降低{ds}个百分点")
            };
            return mk(Some(b), text, Req::PerYear(d));
        }
        let text = abs_text(&mut self.rng, v, ind);
        mk(Some(b), text, Req::Abs(v))
    }

    #[allow(clippy::too_many_arguments)]
    fn plan(
        &mut self,
        level: Level,
        id: &str,
        region: &str,
        path: &str,
        ancestors: &[&PlanOut],
    ) -> PlanOut {
        let national = level == Level::National;
        self.place = Place::of(level, region).styled(&mut self.rng);
        let binding_only = level == Level::Province && self.rng.chance(BINDING_ONLY_RATE);
        let title = format!("{region}“十四五”卫生健康发展规划");
        // Which indicators: the parent's clean set, less up to three rows this plan need
        // not carry (see `required`), plus a few of its own.
        let mut have: Vec<bool> = match ancestors.first() {
            Some(p) => p.clean.iter().map(Option::is_some).collect(),
            None => vec![false; POOL.len()],
        };
        let mut dropped = 0;
        for (i, h) in have.iter_mut().enumerate() {
            if *h
                && !national
                && dropped < 3
                && !required(i, ancestors)
                && self.rng.chance(DROP_WAIVED_RATE)
            {
                *h = false;
                dropped += 1;
            }
        }
        if national {
            for (i, ind) in POOL.iter().enumerate() {
                if ind.binding || ind.parts {
                    have[i] = true;
                }
            }
            let want = self.rng.range(22, 28);
            while have.iter().filter(|h| **h).count() < want {
                let i = self.rng.below(POOL.len());
                have[i] = true;
            }
        } else {
            let extra = self.rng.range(0, 3);
            for _ in 0..extra {
                if have.iter().filter(|h| **h).count() >= 40 {
                    break;
                }
                let i = self.rng.below(POOL.len());
                have[i] = true;
            }
        }
        let mut clean: Vec<Option<Row>> = vec![None; POOL.len()];
        for i in 0..POOL.len() {
            if !have[i] {
                continue;
            }
            let chain: Chain = ancestors
                .iter()
                .map(|a| (a.clean[i].as_ref(), a.printed[i].as_ref()))
                .collect();
            clean[i] = Some(self.clean_row(i, &chain, national));
        }
        let mut printed = clean.clone();
        let mut truth = Vec::new();
        if !national {
            self.inject(id, ancestors, &mut printed, &mut truth);
        }
        // Row numbers, with a duplicate-row defect if one was drawn.
        let order: Vec<usize> = (0..POOL.len()).filter(|i| printed[*i].is_some()).collect();
        for (k, i) in order.iter().enumerate() {
            printed[*i].as_mut().unwrap().no = k + 1;
        }
        if !national && self.rng.chance(DEFECT_RATE) && order.len() > 4 {
            // not the second row: a table whose numbering starts again at 1 is a new table
            let k = self.rng.range(3, order.len() - 1);
            let prev = printed[order[k - 1]].as_ref().unwrap().no;
            let row = printed[order[k]].as_mut().unwrap();
            row.no = prev;
            truth.push(Defect {
                plan: id.to_string(),
                rule: "duplicate-row",
                indicator: row.name.clone(),
                indicator_id: POOL[row.ind].id,
                exempted: false,
                variant: "",
            });
        }
        // The file.
        let parent = ancestors.first();
        let mut y = String::with_capacity(12_000);
        let _ = writeln!(
            y,
            "# Generated by planlint-bench: a synthetic plan, not a real document."
        );
        let _ = writeln!(
            y,
            "planlint: 1\nid: {id}\ntitle: {}\nregion: {}",
            yaml_str(&title),
            yaml_str(region)
        );
        let _ = writeln!(
            y,
            "level: {}\nperiod: {{start: 2021, end: 2025}}\nbaseline_year: 2020",
            level.as_str()
        );
        if let Some(p) = parent {
            let _ = writeln!(y, "parent: {}", p.id);
        }
        if national {
            // As a province's repository keeps it: a copy of the plan above, not checked.
            let _ = writeln!(y, "reference: true");
        }
        let _ = writeln!(
            y,
            "issuer: {}",
            yaml_str(&format!(
                "{}人民政府办公厅",
                region.trim_end_matches("“十四五”")
            ))
        );
        let _ = writeln!(
            y,
            "issued: 2022-0{}-1{}",
            self.rng.range(1, 9),
            self.rng.range(0, 9)
        );
        let _ = writeln!(y, "source: synthetic");
        y.push_str("basis:\n");
        let _ = writeln!(y, "  - {}", yaml_str("健康中国行动（2019—2030年）"));
        if let Some(p) = parent {
            let _ = writeln!(y, "  - {}", yaml_str(&p.title));
        }
        let titles = sections(&mut self.rng, &mut y);
        y.push_str("indicators:\n");
        for i in &order {
            let r = printed[*i].as_ref().unwrap();
            let _ = write!(
                y,
                "  - {{\"no\": {}, name: {}, unit: {}",
                r.no,
                yaml_str(&r.name),
                yaml_str(&r.unit)
            );
            if let Some(b) = r.baseline {
                let _ = write!(y, ", baseline: {}", yaml_str(&fmt(b, POOL[r.ind].dec)));
            }
            let _ = write!(y, ", target: {}", yaml_str(&r.target));
            let nature = if r.binding {
                *self.rng.pick(&["约束性", "约束性", "约束", "binding"])
            } else {
                *self.rng.pick(&["预期性", "预期性", "预期", "expected", ""])
            };
            if !nature.is_empty() {
                let _ = write!(y, ", nature: {nature}");
            }
            y.push_str("}\n");
        }
        let texts = self.texts(id, national, &printed, &clean, &titles, &mut truth);
        write_texts(&mut y, &texts, &titles);
        self.write_baselines(&printed, &order, &titles, &mut y);
        if self.rng.chance(PREVIOUS_RATE) {
            self.previous_period(&printed, &order, &mut y);
        }
        if national {
            y.push_str("requirements:\n  sections:\n    - {topic: 发展目标, any_of: [发展目标, 规划目标, 主要目标]}\n  indicators: all\n");
        }
        if binding_only {
            y.push_str("requirements:\n  indicators: binding\n");
        }
        if !national && printed.iter().flatten().any(|r| r.noted) {
            self.notes.push(id.to_string());
        }
        if !truth.is_empty() && self.rng.chance(EXEMPT_RATE) {
            self.exempt_one(&mut truth, &mut y);
        }
        self.truth.extend(truth);
        self.files.push((path.to_string(), y));
        PlanOut {
            id: id.to_string(),
            title,
            clean,
            printed,
            binding_only,
        }
    }

    /// Draws this plan's defects (except duplicate-row, drawn when numbering).
    fn inject(
        &mut self,
        id: &str,
        ancestors: &[&PlanOut],
        printed: &mut [Option<Row>],
        truth: &mut Vec<Defect>,
    ) {
        let mut used = vec![false; POOL.len()];
        let nearest_printed = |i: usize| ancestors.iter().find_map(|a| a.printed[i].as_ref());
        // Every ancestor's row for i (clean and printed) is absolute: the comparison does
        // not depend on which baseline a relative target is resolved with.
        let all_abs = |i: usize| {
            ancestors.iter().all(|a| {
                [&a.clean[i], &a.printed[i]]
                    .into_iter()
                    .flatten()
                    .all(|r| matches!(r.req, Req::Abs(_)))
            })
        };
        let numeric_abs = |i: usize, r: &Row| {
            r.class != Class::Parts
                && r.class != Class::Direction
                && all_abs(i)
                && nearest_printed(i).is_some()
        };

        // weaker-target: two steps weaker than the nearest printed ancestor, still better
        // than the plan's own baseline; once on any row, and once on a row the plan need not
        // carry (an expected row of a province that asks for binding ones only, 空气质量 in a
        // county), which is compared all the same.
        for voluntary in [false, true] {
            if !self.rng.chance(DEFECT_RATE) {
                continue;
            }
            let Some(i) = draw(
                &mut self.rng,
                printed,
                &|i, r| {
                    numeric_abs(i, r)
                        && !unit_changed(nearest_printed(i))
                        && (!voluntary || !required(i, ancestors))
                },
                &mut used,
            ) else {
                continue;
            };
            let ind = &POOL[i];
            let Req::Abs(pv) = nearest_printed(i).unwrap().req else {
                unreachable!()
            };
            let s = if ind.higher { 1.0 } else { -1.0 };
            let t = round_to(pv - s * 2.0 * ind.step, ind.dec);
            let b = round_to(pv - s * 4.0 * ind.step, ind.dec);
            let r = printed[i].as_mut().unwrap();
            r.baseline = Some(b);
            r.target = abs_text(&mut self.rng, t, ind);
            r.req = Req::Abs(t);
            truth.push(Defect {
                plan: id.into(),
                rule: "weaker-target",
                indicator: r.name.clone(),
                indicator_id: ind.id,
                exempted: false,
                variant: if voluntary { "voluntary" } else { "" },
            });
        }
        // A row whose target a reviewer judges against its own baseline: numeric, absolute,
        // not a cap the catalog marks (孕产妇死亡率: holding under it is the aim), and not at
        // its best (a percentage of 99 or more, a rate of 0), where holding is the aim too.
        let judged = |i: usize, r: &Row| {
            let Req::Abs(v) = r.req else { return false };
            let ind = &POOL[i];
            numeric_abs(i, r)
                && !CAPPED.contains(&ind.id)
                && !(ind.unit == "%" && ind.higher && v >= 98.0)
                && (ind.higher || v > ind.step)
        };
        // slack-target: a target stricter than the ancestors' that only names the baseline
        // (达到 the value the plan starts from).
        if self.rng.chance(DEFECT_RATE) {
            if let Some(i) = draw(&mut self.rng, printed, &judged, &mut used) {
                let ind = &POOL[i];
                let r = printed[i].as_mut().unwrap();
                let Req::Abs(v) = r.req else { unreachable!() };
                let n = fmt(v, ind.dec);
                r.baseline = Some(v);
                r.target = match (ind.higher, self.rng.below(3)) {
                    (_, 0) => n,
                    (true, 1) => format!("≥{n}"),
                    (true, _) => format!("不低于{n}"),
                    (false, 1) => format!("≤{n}"),
                    (false, _) => format!("不高于{n}"),
                };
                truth.push(Defect {
                    plan: id.into(),
                    rule: "slack-target",
                    indicator: r.name.clone(),
                    indicator_id: ind.id,
                    exempted: false,
                    variant: "",
                });
            }
        }
        // regressing-target: a target stricter than the ancestors' that lies behind the
        // plan's own baseline (the baseline two steps better). Half the time the table
        // prints no baseline and the text states it (2020年全县…为…).
        if self.rng.chance(DEFECT_RATE) {
            if let Some(i) = draw(&mut self.rng, printed, &judged, &mut used) {
                let ind = &POOL[i];
                let s = if ind.higher { 1.0 } else { -1.0 };
                let in_text = self.rng.chance(0.5);
                let r = printed[i].as_mut().unwrap();
                let Req::Abs(v) = r.req else { unreachable!() };
                let b = round_to(v + s * 2.0 * ind.step, ind.dec);
                if in_text {
                    r.baseline = None;
                    r.stated = Some(b);
                } else {
                    r.baseline = Some(b);
                }
                truth.push(Defect {
                    plan: id.into(),
                    rule: "regressing-target",
                    indicator: r.name.clone(),
                    indicator_id: ind.id,
                    exempted: false,
                    variant: if in_text { "text-baseline" } else { "" },
                });
            }
        }
        // binding-downgrade: binding in the nearest ancestor that prints it, expected here.
        if self.rng.chance(DEFECT_RATE) {
            if let Some(i) = draw(
                &mut self.rng,
                printed,
                &|i, r| r.binding && nearest_printed(i).is_some_and(|p| p.binding),
                &mut used,
            ) {
                let r = printed[i].as_mut().unwrap();
                r.binding = false;
                truth.push(Defect {
                    plan: id.into(),
                    rule: "binding-downgrade",
                    indicator: r.name.clone(),
                    indicator_id: POOL[i].id,
                    exempted: false,
                    variant: "",
                });
            }
        }
        // unit-mismatch: a per-mille mortality rate labelled %.
        if self.rng.chance(DEFECT_RATE) {
            if let Some(i) = draw(
                &mut self.rng,
                printed,
                &|_, r| r.unit == "‰" && matches!(r.req, Req::Abs(_)),
                &mut used,
            ) {
                let r = printed[i].as_mut().unwrap();
                r.unit = "%".into();
                truth.push(Defect {
                    plan: id.into(),
                    rule: "unit-mismatch",
                    indicator: r.name.clone(),
                    indicator_id: POOL[i].id,
                    exempted: false,
                    variant: "",
                });
            }
        }
        // missing-indicator: a carried row left out (one the plan must carry at its level).
        if self.rng.chance(DEFECT_RATE) {
            if let Some(i) = draw(
                &mut self.rng,
                printed,
                &|i, _| nearest_printed(i).is_some() && required(i, ancestors),
                &mut used,
            ) {
                let name = nearest_printed(i).unwrap().name.clone();
                printed[i] = None;
                truth.push(Defect {
                    plan: id.into(),
                    rule: "missing-indicator",
                    indicator: name,
                    indicator_id: POOL[i].id,
                    exempted: false,
                    variant: "",
                });
            }
        }
        // Baselines the text states for rows with no defect: the table's own figure said
        // again, or (now and then) said only in the text, the table's column left empty.
        for (i, row) in printed.iter_mut().enumerate() {
            let Some(r) = row.as_mut() else { continue };
            if used[i] || !matches!(r.req, Req::Abs(_)) || r.unit != POOL[i].unit {
                continue;
            }
            let Some(b) = r.baseline else { continue };
            let roll = self.rng.unit();
            if roll < 0.06 {
                r.stated = Some(b);
            } else if roll < 0.1 {
                r.stated = Some(b);
                r.baseline = None;
            }
        }
    }
}

/// Per-plan chance of a completion table of the previous period (十三五).
const PREVIOUS_RATE: f64 = 0.5;

/// Per-plan chance, where the plan has injected defects, that it acknowledges one of them
/// in its `exemptions`.
const EXEMPT_RATE: f64 = 0.1;

/// Targets the text states for indicators a health plan's table does not carry: names
/// outside the generator's pool (each checked, by a test, to match no pool indicator), a
/// unit, and the wordings a plan uses for them.
const TEXT_ONLY: &[(&str, &str, &[&str])] = &[
    (
        "每万名常住人口卫生监督员",
        "名",
        &["达到1.5名", "不低于1名"],
    ),
    (
        "专业公共卫生机构人员在岗率",
        "%",
        &["不低于90%", "达到90%以上"],
    ),
    (
        "可用于疫情应急救治的病床",
        "张",
        &["不低于200张", "不少于100张"],
    ),
    (
        "全面无烟法规保护的人口比例",
        "%",
        &["达到30%以上", "达到50%以上"],
    ),
    ("每千分娩量产科床位", "张", &["达到17张"]),
    ("每千儿童床位", "张", &["达到2.2张", "达到2.5张"]),
    ("5岁以下儿童生长迟缓率", "%", &["低于6%", "控制在5%以下"]),
    ("孕产妇系统管理率", "%", &["达到90%以上"]),
    (
        "3岁以下儿童系统管理率",
        "%",
        &["达到90%以上", "保持在90%以上"],
    ),
    ("县域内就诊率", "%", &["达到90%以上"]),
    ("农村卫生厕所普及率", "%", &["达到85%以上"]),
    ("乡镇卫生院达到服务能力基本标准比例", "%", &["达到85%以上"]),
    ("重点人群家庭医生签约服务覆盖率", "%", &["达到75%以上"]),
];

/// The plan's own reasons for acknowledging a defect, by rule.
fn exemption_reasons(rule: &str) -> &'static [&'static str] {
    match rule {
        "weaker-target" => &[
            "受本地人口结构和医疗资源条件限制，目标值经专家论证后确定",
            "本地基期水平较低，按实际可达水平确定目标",
        ],
        "missing-indicator" => &[
            "本地无此项统计口径，该指标由上级统一监测",
            "该指标不适用于本地，经上级卫生健康部门同意不列入",
        ],
        "binding-downgrade" => &["该指标由上级部门统一考核，本规划作为预期性指标管理"],
        "unit-mismatch" => &["原文印刷如此，以正式印发文件为准"],
        "slack-target" => &["本地基期水平已优于上级目标，规划期内以巩固现有水平为主"],
        "regressing-target" => &["基期值受疫情影响偏高，目标按近五年平均水平确定"],
        "duplicate-row" => &["原文指标表序号如此，照录"],
        _ => &["正文所述目标以指标表为准，待规划中期评估时统一修订"],
    }
}

/// A target stated in the body text (`targets_in_text`).
struct TextTarget {
    name: String,
    target: String,
    /// As the text gives it; empty for none.
    unit: &'static str,
    /// A year the text names: the end of the period, or a milestone before it.
    year: Option<u32>,
    /// Index into the plan's section titles.
    section: Option<usize>,
}

/// The unit a text prints after a number, for a row in `unit`.
fn text_unit(rng: &mut Rng, unit: &'static str) -> &'static str {
    match unit {
        "人" => ["人", "名"][rng.below(2)],
        u => u,
    }
}

/// A target at `v` as the text words it: the same floor or ceiling as the table's `v`,
/// whichever sign or words the table uses (`<` against `≤` is the same target). A level is
/// "kept" (保持在…以上) only where the row's `baseline` has reached it: keeping a level not yet
/// reached is a finding of its own (text-table-mismatch).
fn text_abs(rng: &mut Rng, v: f64, baseline: Option<f64>, ind: &Ind) -> (String, &'static str) {
    let n = fmt(v, ind.dec);
    let u = text_unit(rng, ind.unit);
    let text = if ind.higher {
        match rng.below(7) {
            0 => format!("达到{n}{u}以上"),
            1 => format!("{n}{u}以上"),
            2 => format!("≥{n}"),
            3 => format!("提高到{n}{u}"),
            4 => format!("不低于{n}{u}"),
            5 => format!("达到{n}{u}"),
            _ if baseline.is_some_and(|b| b < v) => format!("达到{n}{u}以上"),
            _ => format!("保持在{n}{u}以上"),
        }
    } else {
        match rng.below(7) {
            0 => format!("控制在{n}{u}以下"),
            1 => format!("{n}{u}以下"),
            2 => format!("≤{n}"),
            3 => format!("下降到{n}{u}"),
            4 => format!("不高于{n}{u}"),
            5 => format!("低于{n}{u}"),
            _ => format!("降至{n}{u}"),
        }
    };
    (text, u)
}

/// A change of `x` percent from `year` (`None`: the base period, in one of its wordings).
fn text_change(rng: &mut Rng, x: f64, higher: bool, year: Option<u32>) -> String {
    let (verb, verb2) = if higher {
        ("增长", "提高")
    } else {
        ("降低", "下降")
    };
    match year {
        Some(y) => match rng.below(2) {
            0 => format!("比{y}年{verb}{x}%"),
            _ => format!("在{y}年基础上{verb2}{x}%"),
        },
        None => match rng.below(4) {
            0 => format!("比2020年{verb}{x}%"),
            1 => format!("在2020年基础上{verb2}{x}%"),
            2 => format!("比基期{verb}{x}%"),
            _ => format!("{verb}{x}%"),
        },
    }
}

fn write_texts(y: &mut String, texts: &[TextTarget], titles: &[&str]) {
    if texts.is_empty() {
        return;
    }
    y.push_str("targets_in_text:\n");
    for t in texts {
        let _ = write!(
            y,
            "  - {{name: {}, target: {}",
            yaml_str(&t.name),
            yaml_str(&t.target)
        );
        if !t.unit.is_empty() {
            let _ = write!(y, ", unit: {}", yaml_str(t.unit));
        }
        if let Some(year) = t.year {
            let _ = write!(y, ", year: {year}");
        }
        if let Some(s) = t.section {
            let _ = write!(y, ", section: {}", yaml_str(titles[s]));
        }
        y.push_str("}\n");
    }
}

impl Gen {
    /// The plan's targets in the text: most restate a table row in other words (the same
    /// target, or a milestone for an earlier year), the rest are for indicators the table
    /// does not carry. Below the national level, one may disagree with its row
    /// (`text-table-mismatch`), with a truth entry.
    fn texts(
        &mut self,
        id: &str,
        national: bool,
        printed: &[Option<Row>],
        clean: &[Option<Row>],
        titles: &[&'static str],
        truth: &mut Vec<Defect>,
    ) -> Vec<TextTarget> {
        let mut out = Vec::new();
        let section = |rng: &mut Rng| rng.chance(0.85).then(|| rng.below(titles.len()));
        // Rows the text can restate: every row with a number or a direction.
        let mut restatable: Vec<usize> = (0..POOL.len())
            .filter(|i| {
                printed[*i]
                    .as_ref()
                    .is_some_and(|r| r.req != Req::NoNumber || r.class == Class::Direction)
            })
            .collect();
        // Indicators of the pool this plan has no row for (a dropped row, the
        // missing-indicator defect, is left alone: the finding would name the text).
        let mut absent: Vec<usize> = (0..POOL.len())
            .filter(|i| printed[*i].is_none() && clean[*i].is_none() && !POOL[*i].parts)
            .collect();
        // Each indicator is stated once: two different targets for one indicator in the
        // text are a finding of their own (conflicting-text-targets).
        let mut restated: Vec<usize> = Vec::new();
        let mut text_only: Vec<usize> = (0..TEXT_ONLY.len()).collect();
        let n = self.rng.range(5, 10);
        for _ in 0..n {
            if !restatable.is_empty() && self.rng.chance(0.75) {
                let i = restatable.remove(self.rng.below(restatable.len()));
                restated.push(i);
                let r = printed[i].as_ref().unwrap();
                let ind = &POOL[i];
                let (name, _) = name_variant(&mut self.rng, ind, self.place);
                let mut year = None;
                let (target, unit) = match r.req {
                    Req::Abs(v) => match r.baseline {
                        // A milestone on the way: not the table's end-of-period target.
                        Some(b) if self.rng.chance(0.12) => {
                            year = Some(*self.rng.pick(&[2022, 2023]));
                            text_abs(
                                &mut self.rng,
                                round_to((b + v) / 2.0, ind.dec),
                                Some(b),
                                ind,
                            )
                        }
                        _ => text_abs(&mut self.rng, v, r.baseline.or(r.stated), ind),
                    },
                    Req::Rel(x) => (text_change(&mut self.rng, x, ind.higher, None), ""),
                    Req::PerYear(d) => {
                        let ds = trim(format!("{d:.2}"));
                        let verb = if ind.higher { "提高" } else { "降低" };
                        (format!("每年{verb}{ds}个百分点"), "%")
                    }
                    Req::NoNumber => {
                        let words: &[&str] = if ind.higher {
                            &["持续提升", "稳步提高", "逐步提高"]
                        } else {
                            &["持续下降", "逐步降低", "稳步下降"]
                        };
                        (self.rng.pick(words).to_string(), "")
                    }
                };
                if year.is_none() && self.rng.chance(0.1) {
                    year = Some(2025);
                }
                let section = section(&mut self.rng);
                out.push(TextTarget {
                    name,
                    target,
                    unit,
                    year,
                    section,
                });
            } else if !absent.is_empty() && self.rng.chance(0.5) {
                let i = absent.remove(self.rng.below(absent.len()));
                let ind = &POOL[i];
                let k = self.rng.range(1, 4) as f64 * ind.step;
                let v = if ind.higher { ind.hi + k } else { ind.lo - k };
                let v = round_to(v.max(ind.step), ind.dec);
                let (name, _) = name_variant(&mut self.rng, ind, self.place);
                let (target, unit) = text_abs(&mut self.rng, v, None, ind);
                let section = section(&mut self.rng);
                out.push(TextTarget {
                    name,
                    target,
                    unit,
                    year: None,
                    section,
                });
            } else if !text_only.is_empty() {
                let k = text_only.remove(self.rng.below(text_only.len()));
                let (name, unit, targets) = TEXT_ONLY[k];
                let target = self.rng.pick(targets).to_string();
                let section = section(&mut self.rng);
                out.push(TextTarget {
                    name: name.to_string(),
                    target,
                    unit,
                    year: None,
                    section,
                });
            }
        }
        if !national && self.rng.chance(DEFECT_RATE) {
            // A row whose target the text can contradict: an absolute target in the
            // row's right unit (a mislabelled unit is left to unit-mismatch), or a change
            // the text counts from another year.
            let cands: Vec<usize> = (0..POOL.len())
                .filter(|i| !restated.contains(i))
                .filter(|i| {
                    printed[*i].as_ref().is_some_and(|r| match r.req {
                        Req::Abs(_) => r.unit == POOL[*i].unit,
                        Req::Rel(_) => true,
                        _ => false,
                    })
                })
                .collect();
            if !cands.is_empty() {
                let i = *self.rng.pick(&cands);
                let r = printed[i].as_ref().unwrap();
                let ind = &POOL[i];
                let (name, _) = name_variant(&mut self.rng, ind, self.place);
                let (target, unit) = match r.req {
                    Req::Rel(x) => {
                        let year = *self.rng.pick(&[2015, 2018, 2019]);
                        (text_change(&mut self.rng, x, ind.higher, Some(year)), "")
                    }
                    Req::Abs(v) => {
                        // Two steps looser or stricter than the table, within the
                        // indicator's range.
                        let s = if ind.higher { 1.0 } else { -1.0 };
                        let ok = |w: f64| w > 0.0 && (ind.unit != "%" || w <= 100.0);
                        let stricter = round_to(v + s * 2.0 * ind.step, ind.dec);
                        let looser = round_to(v - s * 2.0 * ind.step, ind.dec);
                        let w = if (self.rng.chance(0.5) || !ok(looser)) && ok(stricter) {
                            stricter
                        } else {
                            looser
                        };
                        text_abs(&mut self.rng, w, r.baseline.or(r.stated), ind)
                    }
                    _ => unreachable!(),
                };
                let section = section(&mut self.rng);
                let at = self.rng.below(out.len() + 1);
                truth.push(Defect {
                    plan: id.into(),
                    rule: "text-table-mismatch",
                    indicator: name.clone(),
                    indicator_id: ind.id,
                    exempted: false,
                    variant: "",
                });
                out.insert(
                    at,
                    TextTarget {
                        name,
                        target,
                        unit,
                        year: None,
                        section,
                    },
                );
            }
        }
        // In document order: by the section the text says it in (those without one first).
        out.sort_by_key(|t| t.section.map_or(0, |s| s + 1));
        out
    }

    /// The baselines the text states (`baselines_in_text`): for the rows that say theirs
    /// there (a few restating the table's figure, a few whose table leaves it out), in table
    /// order, each under the chapter on where the plan starts or under none.
    fn write_baselines(
        &mut self,
        printed: &[Option<Row>],
        order: &[usize],
        titles: &[&str],
        y: &mut String,
    ) {
        let mut first = true;
        for i in order {
            let Some(r) = printed[*i].as_ref() else {
                continue;
            };
            let Some(b) = r.stated else { continue };
            if first {
                y.push_str("baselines_in_text:\n");
                first = false;
            }
            let ind = &POOL[*i];
            let name = if self.rng.chance(0.5) {
                name_variant(&mut self.rng, ind, self.place).0
            } else {
                r.name.clone()
            };
            let _ = write!(
                y,
                "  - {{name: {}, value: {}",
                yaml_str(&name),
                yaml_str(&fmt(b, ind.dec))
            );
            if self.rng.chance(0.7) {
                let _ = write!(y, ", unit: {}", yaml_str(ind.unit));
            }
            if self.rng.chance(0.5) {
                y.push_str(", year: 2020");
            }
            if self.rng.chance(0.7) {
                let _ = write!(y, ", section: {}", yaml_str(titles[0]));
            }
            y.push_str("}\n");
        }
    }

    /// The completion table of the previous period: a share of the plan's rows with their
    /// 十三五 target and the 2020 actual (the baseline of this plan's table), mostly met.
    fn previous_period(&mut self, printed: &[Option<Row>], order: &[usize], y: &mut String) {
        y.push_str("previous_period:\n  period: {start: 2016, end: 2020}\n  indicators:\n");
        let mut no = 0;
        for i in order {
            let Some(r) = printed[*i].as_ref() else {
                continue;
            };
            let Some(b) = r.baseline else { continue };
            if no > 0 && !self.rng.chance(0.25) {
                continue;
            }
            no += 1;
            let ind = &POOL[*i];
            let s = if ind.higher { 1.0 } else { -1.0 };
            // k steps below the actual (k = -1: not met).
            let k = if self.rng.chance(0.15) {
                -1.0
            } else {
                self.rng.range(0, 3) as f64
            };
            let mut t = round_to(b - s * k * ind.step, ind.dec);
            if t <= 0.0 {
                t = b;
            }
            // A target not met then and now given up for a lower one (a row that only
            // holds its baseline) would be a second defect, looser-than-previous: not met
            // only where the new target asks for at least as much.
            if let Req::Abs(v) = r.req {
                if (t - v) * s > 1e-9 {
                    t = b;
                }
            }
            if ind.unit == "%" && t > 100.0 {
                t = 100.0;
            }
            let n = fmt(t, ind.dec);
            let u = text_unit(&mut self.rng, ind.unit);
            let target = if ind.higher {
                match self.rng.below(4) {
                    0 => format!("≥{n}"),
                    1 => n,
                    2 => format!("{n}{u}以上"),
                    _ => format!("达到或接近{n}{u}"),
                }
            } else {
                match self.rng.below(4) {
                    0 => format!("≤{n}"),
                    1 => format!("<{n}"),
                    2 => format!("{n}{u}以下"),
                    _ => format!("控制在{n}{u}以下"),
                }
            };
            let mut actual = fmt(b, ind.dec);
            if ind.unit == "%" && self.rng.chance(0.1) {
                actual.push('%');
            }
            let name = if self.rng.chance(0.3) {
                name_variant(&mut self.rng, ind, self.place).0
            } else {
                r.name.clone()
            };
            let nature = if ind.binding {
                "约束性"
            } else {
                "预期性"
            };
            let _ = writeln!(
                y,
                "    - {{\"no\": {no}, name: {}, unit: {}, target: {}, actual: {}, nature: {nature}}}",
                yaml_str(&name),
                yaml_str(ind.unit),
                yaml_str(&target),
                yaml_str(&actual)
            );
        }
    }

    /// Acknowledges one of the plan's defects in its `exemptions`, with the plan's reason,
    /// and marks it exempted in the truth list.
    fn exempt_one(&mut self, truth: &mut [Defect], y: &mut String) {
        let d = &mut truth[self.rng.below(truth.len())];
        d.exempted = true;
        let reason = *self.rng.pick(exemption_reasons(d.rule));
        // The indicator by its printed name (for a missing row, the ancestor's), or now
        // and then by its catalog id; a finding about a missing row names the ancestor's
        // row, so the exemption covers it either way.
        let indicator = if self.rng.chance(0.25) {
            d.indicator_id
        } else {
            d.indicator.as_str()
        };
        let _ = writeln!(
            y,
            "exemptions:\n  - {{rule: {}, indicator: {}, reason: {}}}",
            d.rule,
            yaml_str(indicator),
            yaml_str(reason)
        );
    }
}

fn draw(
    rng: &mut Rng,
    printed: &[Option<Row>],
    ok: &dyn Fn(usize, &Row) -> bool,
    used: &mut [bool],
) -> Option<usize> {
    let cands: Vec<usize> = (0..POOL.len())
        .filter(|i| !used[*i] && printed[*i].as_ref().is_some_and(|r| ok(*i, r)))
        .collect();
    if cands.is_empty() {
        return None;
    }
    let i = *rng.pick(&cands);
    used[i] = true;
    Some(i)
}

fn unit_changed(r: Option<&Row>) -> bool {
    r.is_some_and(|r| r.unit != POOL[r.ind].unit)
}

/// Generates a repository: 1 national plan, `provinces` provinces, `prefectures`
/// prefectures spread over them and `counties` counties spread over the prefectures.
pub fn generate(seed: u64, provinces: usize, prefectures: usize, counties: usize) -> Generated {
    let provinces = provinces.max(1);
    let prefectures = prefectures.max(1);
    let mut rng = Rng::new(seed);
    let class = POOL
        .iter()
        .map(|ind| {
            if ind.parts {
                Class::Parts
            } else if ind.binding {
                Class::Numeric
            } else {
                match rng.below(20) {
                    0 => Class::Direction,
                    1 => Class::EmptyAtTop,
                    _ => Class::Numeric,
                }
            }
        })
        .collect();
    let mut g = Gen {
        rng,
        files: Vec::new(),
        truth: Vec::new(),
        class,
        place: Place::of(Level::National, "全国"),
        notes: Vec::new(),
    };
    let nat = g.plan(
        Level::National,
        "cn-health-14",
        "全国",
        "national/cn-health-14.plan.yaml",
        &[],
    );
    for p in 0..provinces {
        let pid = format!("p{:02}-health-14", p + 1);
        let pname = PROVINCES[p % PROVINCES.len()];
        let pdir = format!("p{:02}", p + 1);
        let prov = g.plan(
            Level::Province,
            &pid,
            pname,
            &format!("{pdir}/{pid}.plan.yaml"),
            &[&nat],
        );
        for f in (p..prefectures).step_by(provinces) {
            let fid = format!("p{:02}-f{:03}-health-14", p + 1, f + 1);
            let fname = place_name(&mut g.rng, &["市", "市", "市", "州", "盟"]);
            let fdir = format!("{pdir}/f{:03}", f + 1);
            let pref = g.plan(
                Level::Prefecture,
                &fid,
                &fname,
                &format!("{fdir}/{fid}.plan.yaml"),
                &[&prov, &nat],
            );
            for c in (f..counties).step_by(prefectures) {
                let cid = format!("p{:02}-f{:03}-c{:04}-health-14", p + 1, f + 1, c + 1);
                let cname = place_name(&mut g.rng, &["县", "县", "区", "旗", "市"]);
                let _ = g.plan(
                    Level::County,
                    &cid,
                    &cname,
                    &format!("{fdir}/{cid}.plan.yaml"),
                    &[&pref, &prov, &nat],
                );
            }
        }
    }
    Generated {
        files: g.files,
        truth: g.truth,
        notes: g.notes,
    }
}

/// The sizes the benchmark runs: (provinces, prefectures, counties).
pub fn scale(name: &str) -> Option<(usize, usize, usize)> {
    match name {
        "100" => Some((3, 10, 86)),
        "1000" => Some((10, 104, 885)),
        "full" => Some((31, 333, 2844)),
        _ => None,
    }
}

/// What the truth list and the findings are compared by: rule, plan, catalog id.
pub type Key = (String, String, String);

/// The bundled rules of the project's `rules/` folder, sorted by id.
pub fn rule_sources() -> Vec<planlint_engine::RuleSource> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let mut dirs: Vec<std::path::PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("rule.yaml").is_file())
        .collect();
    dirs.sort();
    dirs.iter()
        .map(|d| planlint_engine::RuleSource {
            id: d.file_name().unwrap().to_string_lossy().into_owned(),
            meta_file: d.join("rule.yaml").display().to_string(),
            meta_text: std::fs::read_to_string(d.join("rule.yaml")).unwrap(),
            script_file: d.join("check.rhai").display().to_string(),
            script_text: std::fs::read_to_string(d.join("check.rhai")).unwrap(),
        })
        .collect()
}

impl Generated {
    /// Each injected defect's key, with whether the plan acknowledges it (exempts it).
    pub fn truth_keys(&self) -> std::collections::BTreeMap<Key, bool> {
        self.truth
            .iter()
            .map(|d| {
                let key = (
                    d.rule.to_string(),
                    d.plan.clone(),
                    d.indicator_id.to_string(),
                );
                (key, d.exempted)
            })
            .collect()
    }
}

/// The rule that notes, once per plan, the names matched by folding a scope qualifier or a
/// population stem: expected on the plans of [`Generated::notes`], and nowhere else.
pub const NOTE_RULE: &str = "indicator-name-variant";

/// How many [`NOTE_RULE`] findings each plan got.
pub fn noted_plans(
    findings: &[planlint_diagnostics::Diagnostic],
) -> std::collections::BTreeMap<String, usize> {
    let mut out = std::collections::BTreeMap::new();
    for d in findings.iter().filter(|d| d.code == NOTE_RULE) {
        *out.entry(d.plan.clone().unwrap_or_default()).or_default() += 1;
    }
    out
}

/// The findings of the injected kinds by key, with whether the checker reported them as
/// exempted. The indicator is the finding's own, or (missing-indicator reports at the
/// table) the first “…” of its message, matched to the catalog.
pub fn found_keys(
    catalog: &planlint_model::Catalog,
    findings: &[planlint_diagnostics::Diagnostic],
) -> std::collections::BTreeMap<Key, bool> {
    let mut found = std::collections::BTreeMap::new();
    for d in findings
        .iter()
        .filter(|d| DEFECT_KINDS.contains(&d.code.as_str()))
    {
        let name = d.subject.indicator.clone().or_else(|| {
            let zh = &d.message.zh;
            let start = zh.find('“')? + '“'.len_utf8();
            let end = start + zh[start..].find('”')?;
            Some(zh[start..end].to_string())
        });
        let id = name.map_or_else(String::new, |name| {
            catalog.lookup(&name, None).map_or(format!("~{name}"), |m| {
                catalog.entry(m.entry).id.value.clone()
            })
        });
        let key = (d.code.clone(), d.plan.clone().unwrap_or_default(), id);
        let exempted = d.exemption.is_some();
        *found.entry(key).or_insert(exempted) &= exempted;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use planlint_model::MatchKind;

    #[test]
    fn deterministic_and_loads_cleanly() {
        let a = generate(7, 2, 4, 12);
        let b = generate(7, 2, 4, 12);
        assert_eq!(a.files, b.files);
        assert_eq!(a.truth, b.truth);
        assert_eq!(a.files.len(), 1 + 2 + 4 + 12);
        assert_ne!(generate(8, 2, 4, 12).files, a.files);
        for (path, text) in &a.files {
            let (plan, problems) = planlint_model::load_plan(path, text);
            assert!(plan.is_some(), "{path} did not load");
            assert!(problems.is_empty(), "{path}: {problems:#?}\n{text}");
            let rows = text
                .lines()
                .filter(|l| l.starts_with("  - {\"no\":"))
                .count();
            assert!((19..=40).contains(&rows), "{path}: {rows} rows");
        }
    }

    #[test]
    fn name_variants_are_matched_as_the_generator_says() {
        // Every name the generator can print at each kind of place is matched to its own
        // indicator, never by similarity, and noted exactly where the generator expects
        // the checker to note it (a folded scope or population stem).
        let (catalog, _) = planlint_model::Catalog::load("catalog.yaml", CATALOG);
        let places = [
            (Level::National, "全国"),
            (Level::Province, "河北省"),
            (Level::Province, "北京市"),
            (Level::Province, "内蒙古自治区"),
            (Level::Prefecture, "安宁市"),
            (Level::Prefecture, "安宁州"),
            (Level::Prefecture, "安宁盟"),
            (Level::County, "安宁县"),
            (Level::County, "安宁区"),
            (Level::County, "安宁旗"),
            (Level::County, "安宁市"),
        ];
        let mut rng = Rng::new(5);
        let (mut noted, mut scoped, mut stems) = (0, 0, 0);
        for (level, region) in places {
            let place = Place::of(level, region);
            for ind in POOL {
                for _ in 0..60 {
                    let (name, note) = name_variant(&mut rng, ind, place);
                    let m = catalog
                        .lookup(&name, None)
                        .unwrap_or_else(|| panic!("{name}"));
                    assert_eq!(catalog.entry(m.entry).id.value, ind.id, "{name}");
                    assert!(!matches!(m.kind, MatchKind::Similar { .. }), "{name}");
                    assert_eq!(m.kind.folded_qualifier(), note, "{name}: {:?}", m.kind);
                    noted += usize::from(note);
                    scoped += usize::from(place.scopes.iter().any(|q| name.starts_with(q)));
                    stems += usize::from(name.contains("常住") || name.starts_with("千人"));
                }
            }
        }
        assert!(
            noted > 0 && scoped > 0 && stems > 0,
            "{noted} {scoped} {stems}"
        );
    }

    #[test]
    fn pool_is_in_catalog() {
        let (catalog, problems) = planlint_model::Catalog::load("catalog.yaml", CATALOG);
        assert!(problems.is_empty());
        for ind in POOL {
            assert!(catalog.by_id(ind.id).is_some(), "{}", ind.id);
            for name in ind.names {
                let m = catalog.lookup(name, None).unwrap();
                assert_eq!(catalog.entry(m.entry).id.value, ind.id, "{name}");
            }
        }
    }

    #[test]
    fn capped_and_lowest_levels_are_the_catalogs() {
        let (catalog, _) = planlint_model::Catalog::load("catalog.yaml", CATALOG);
        let capped: Vec<&str> = POOL
            .iter()
            .filter(|ind| {
                catalog
                    .by_id(ind.id)
                    .is_some_and(|e| catalog.entry(e).cap.is_some())
            })
            .map(|ind| ind.id)
            .collect();
        assert_eq!(capped, CAPPED);
        let levels = [
            Level::National,
            Level::Province,
            Level::Prefecture,
            Level::County,
        ];
        let lowest: Vec<(&str, usize)> = POOL
            .iter()
            .filter_map(|ind| {
                let e = catalog.entry(catalog.by_id(ind.id)?);
                let level = e.lowest_level.as_ref()?.value.as_str();
                Some((ind.id, levels.iter().position(|l| l.as_str() == level)?))
            })
            .collect();
        assert_eq!(lowest, LOWEST);
    }

    #[test]
    fn text_only_names_match_no_pool_indicator() {
        // The text's find_row goes by catalog id: a name the catalog matched (by
        // similarity, say) to a pool indicator would be compared with that row.
        let (catalog, _) = planlint_model::Catalog::load("catalog.yaml", CATALOG);
        let pool = pool_ids();
        for (name, _, targets) in TEXT_ONLY {
            if let Some(m) = catalog.lookup(name, None) {
                let id = &catalog.entry(m.entry).id.value;
                assert!(!pool.contains(&id.as_str()), "{name} matches {id}");
            }
            for target in *targets {
                let t = planlint_model::reading::parse_printed(target);
                assert!(
                    !matches!(t.form, planlint_target::Form::Unreadable { .. }),
                    "{target}"
                );
            }
        }
    }
}
