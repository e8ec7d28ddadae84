//! Matching rows named the way other people name them: a prefecture's and a county's plan
//! written with their own jurisdiction in front of the names, other population stems,
//! traditional characters and full-width brackets must meet the national indicators; rows
//! of other populations that read alike must not; and how the seed plans' rows match, by
//! kind, is pinned.

use planlint_model::{load_plan, Catalog, MatchKind};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn catalog() -> Catalog {
    let text = std::fs::read_to_string(root().join("rules/catalog.yaml")).unwrap();
    let (catalog, problems) = Catalog::load("rules/catalog.yaml", &text);
    assert!(problems.is_empty(), "{problems:#?}");
    catalog
}

/// The catalog id a name matches and how, as `id by` (`-` where it matches nothing).
fn matched(catalog: &Catalog, name: &str) -> String {
    match catalog.lookup(name, None) {
        None => "-".to_string(),
        Some(m) => {
            let by = match m.kind {
                MatchKind::Id => "id".to_string(),
                MatchKind::Name => "name".to_string(),
                MatchKind::Normalised => "normalised".to_string(),
                MatchKind::Folded { scope, stem } => {
                    format!("folded[{}|{}]", scope.unwrap_or(""), stem.unwrap_or(""))
                }
                MatchKind::Similar { .. } => "similar".to_string(),
            };
            format!("{} {by}", catalog.entry(m.entry).id.value)
        }
    }
}

/// Rows of a prefecture's and a county's plans as their own tables name them.
const OTHER_NAMING: &[(&str, &str)] = &[
    ("全市人均预期寿命（岁）", "life-expectancy folded[全市|]"),
    ("全县居民人均期望寿命", "life-expectancy folded[全县|]"),
    ("人均预期寿命【全县】", "life-expectancy folded[全县|]"),
    ("本地区婴儿死亡率（‰）", "infant-mortality folded[本地区|]"),
    ("全區5歲以下兒童死亡率", "under5-mortality folded[全区|]"),
    (
        "全州孕產婦死亡率(1/10萬)",
        "maternal-mortality folded[全州|]",
    ),
    ("我旗居民健康素养水平(%)", "health-literacy folded[我旗|]"),
    ("全市城乡居民健康素养水平", "health-literacy folded[全市|]"),
    (
        "全盟重大慢性病過早死亡率",
        "premature-mortality-major-ncd folded[全盟|]",
    ),
    (
        "全市15岁及以上人群吸烟率",
        "smoking-rate-15plus folded[全市|]",
    ),
    (
        "经常参加体育锻炼的人数比例",
        "regular-exercise-share folded[|]",
    ),
    (
        "设区市空气质量优良天数比率",
        "air-quality-good-days folded[设区市|]",
    ),
    (
        "城市空气质量优良天数比率",
        "air-quality-good-days folded[城市|]",
    ),
    (
        "全县地表水达到或好于Ⅲ类水体比例",
        "surface-water-class-iii-share folded[全县|]",
    ),
    (
        "每千常住人口医疗卫生机构床位数（张）",
        "beds-per-1000 folded[|每千常住人口]",
    ),
    ("全县千人口床位数", "beds-per-1000 folded[全县|千人口]"),
    (
        "全市平均每千人拥有医疗卫生机构床位数",
        "beds-per-1000 folded[全市|]",
    ),
    (
        "每千名常住人口執業（助理）醫師數",
        "physicians-per-1000 folded[|每千名常住人口]",
    ),
    ("每千常住人口注册护士数（人）", "nurses-per-1000 normalised"),
    ("每万名居民拥有全科医生数", "gps-per-10k folded[|]"),
    (
        "每万常住居民全科医生人数",
        "gps-per-10k folded[|每万常住居民]",
    ),
    (
        "全旗每万常住人口公共卫生人员数",
        "public-health-staff-per-10k folded[全旗|]",
    ),
    (
        "每千人口拥有3岁以下婴幼儿托位数（个）",
        "childcare-places-per-1000 normalised",
    ),
    (
        "全县以乡（镇、街道）为单位适龄儿童免疫规划疫苗接种率",
        "child-vaccination-rate folded[全县|]",
    ),
    (
        "全市65岁及以上老年人城乡社区规范健康管理服务率",
        "elderly-health-management folded[全市|]",
    ),
    (
        "全旗3岁以下儿童系统管理率",
        "child-under3-system-management-rate folded[全旗|]",
    ),
    (
        "全市高血压患者规范化管理率",
        "hypertension-management-rate folded[全市|]",
    ),
    (
        "严重精神障碍患者规范管理率",
        "severe-mental-disorder-management similar",
    ),
    (
        "个人卫生支出占卫生总费用比重",
        "out-of-pocket-share folded[|]",
    ),
    (
        "二级及以上综合医院设置老年医学科的比例",
        "geriatrics-department-share folded[|]",
    ),
    (
        "高血压和Ⅱ型糖尿病病人规范化管理服务率",
        "hypertension-and-diabetes-management folded[|]",
    ),
];

#[test]
fn rows_named_another_way_meet_their_indicator() {
    let catalog = catalog();
    let mut wrong = Vec::new();
    for (name, want) in OTHER_NAMING {
        let got = matched(&catalog, name);
        if got != *want {
            wrong.push(format!("{name}: {got}, expected {want}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Rows that count another population or another thing, however like a catalog name they
/// read, with what they must match instead (`-`: nothing).
const OTHER_INDICATORS: &[(&str, &str)] = &[
    ("农村孕产妇住院分娩率", "-"),
    ("农村孕产妇死亡率", "-"),
    ("城镇居民健康素养水平", "-"),
    ("农村居民健康素养水平", "-"),
    ("城市居民人均预期寿命", "-"),
    ("三级公立医院平均住院日", "-"),
    ("医院平均住院日", "-"),
    ("0-6岁儿童系统管理率", "-"),
    ("老年人健康管理率", "-"),
    ("新生儿死亡率", "-"),
    ("每千名老年人养老床位数", "-"),
    ("每千户籍人口医疗卫生机构床位数", "-"),
    ("每万人口注册公共卫生医师数", "-"),
    ("社会卫生支出占卫生总费用的比重", "-"),
    ("每千人口执业医师数", "licensed-physicians-per-1000 name"),
    ("经常参加体育锻炼人数", "regular-exercise-population name"),
    ("人均健康预期寿命", "healthy-life-expectancy name"),
    ("居民心理健康素养水平", "mental-health-literacy name"),
    (
        "65岁以上老年人中医药健康管理率",
        "elderly-tcm-health-management name",
    ),
];

#[test]
fn rows_of_other_populations_do_not_meet_it() {
    let catalog = catalog();
    let mut wrong = Vec::new();
    for (name, want) in OTHER_INDICATORS {
        let got = matched(&catalog, name);
        if got != *want {
            wrong.push(format!("{name}: {got}, expected {want}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

fn seed_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            seed_files(&path, out);
        } else if path.to_string_lossy().ends_with(".plan.yaml") {
            out.push(path);
        }
    }
}

#[test]
fn how_the_seed_plans_rows_match() {
    // Table rows, the previous period's rows and targets in the text, by how they matched.
    // Before names were folded: table 103 name + 4 normalised, previous 26 + 1, text 85 +
    // 10, and 99 text targets unmatched (counts of facilities and projects, which the
    // catalog leaves out on purpose). The two rows that print their plan's jurisdiction
    // (全市儿童青少年总体近视率, 全旗老年人和儿童中医药健康管理率) now match through it, and
    // say so.
    let catalog = catalog();
    let mut files = Vec::new();
    seed_files(&root().join("seeds"), &mut files);
    files.sort();
    let mut counts = std::collections::BTreeMap::new();
    let mut folded = Vec::new();
    for file in files {
        let (plan, _) = load_plan("seed", &std::fs::read_to_string(&file).unwrap());
        let plan = plan.unwrap();
        let previous = plan.previous_period.iter().flat_map(|p| &p.indicators);
        let rows = plan
            .indicators
            .iter()
            .map(|r| ("table", &r.name.value))
            .chain(previous.map(|r| ("previous", &r.name.value)))
            .chain(plan.targets_in_text.iter().map(|t| ("text", &t.name.value)));
        for (part, name) in rows {
            let got = matched(&catalog, name);
            let by = got.split(' ').nth(1).unwrap_or("-");
            let by = by.split('[').next().unwrap_or(by).to_string();
            if by == "folded" {
                folded.push(format!("{} | {name} | {got}", plan.id()));
            }
            *counts.entry(format!("{part} {by}")).or_insert(0) += 1;
        }
    }
    let counts: Vec<String> = counts.iter().map(|(k, n)| format!("{k}: {n}")).collect();
    insta::assert_snapshot!(counts.join("\n"), @r"
    previous name: 26
    previous normalised: 1
    table folded: 1
    table name: 102
    table normalised: 4
    text -: 99
    text folded: 1
    text name: 84
    text normalised: 10
    ");
    insta::assert_snapshot!(folded.join("\n"), @r"
    nm-ewenki-health-14 | 全旗老年人和儿童中医药健康管理率 | tcm-health-management folded[全旗|]
    sc-panzhihua-health-14 | 全市儿童青少年总体近视率 | childhood-myopia folded[全市|]
    ");
}
