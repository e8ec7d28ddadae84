//! The real plans in `seeds/`: they load without a problem, form the hierarchy the parent
//! facts describe, every table row names a catalog indicator, and — where the raw source
//! documents are at hand — every figure in a seed is printed in its source document.

use planlint_model::{load_plan, Catalog, MatchKind, Plan, PlanSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walk(&root().join("seeds"));
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.to_string_lossy().ends_with(".plan.yaml") {
            out.push(path);
        }
    }
    out
}

fn load_all() -> Vec<Plan> {
    seed_files()
        .iter()
        .map(|path| {
            let name = path
                .strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .to_string();
            let text = std::fs::read_to_string(path).unwrap();
            let (plan, problems) = load_plan(&name, &text);
            assert!(problems.is_empty(), "{name}: {problems:#?}");
            plan.unwrap()
        })
        .collect()
}

fn catalog() -> Catalog {
    let text = std::fs::read_to_string(root().join("rules/catalog.yaml")).unwrap();
    let (catalog, problems) = Catalog::load("rules/catalog.yaml", &text);
    assert!(problems.is_empty(), "{problems:#?}");
    catalog
}

#[test]
fn seeds_load_and_form_the_known_hierarchy() {
    let (set, problems) = PlanSet::new(load_all());
    assert!(problems.is_empty(), "{problems:#?}");
    let chain = |id: &str| -> Vec<&str> {
        let i = set.index_of(id).unwrap();
        set.ancestors(i).iter().map(|&a| set.get(a).id()).collect()
    };
    assert_eq!(chain("nm-alxa-health-14"), ["nm-health-14", "cn-health-14"]);
    assert_eq!(
        chain("nm-wuhai-health-14"),
        ["nm-health-14", "cn-health-14"]
    );
    assert_eq!(
        chain("nm-ewenki-health-14"),
        ["nm-hulunbuir-health-14", "nm-health-14", "cn-health-14"]
    );
    assert_eq!(
        chain("sc-panzhihua-health-14"),
        ["sc-health-14", "cn-health-14"]
    );
    assert_eq!(
        chain("xj-changji-health-system-2024"),
        ["xj-health-system", "cn-health-system-2023"]
    );
}

#[test]
fn every_table_row_names_a_catalog_indicator() {
    let catalog = catalog();
    let mut unmatched = Vec::new();
    let mut similar = Vec::new();
    for plan in load_all() {
        let previous = plan.previous_period.iter().flat_map(|p| &p.indicators);
        for row in plan.indicators.iter().chain(previous) {
            let id = row.id.as_ref().map(|s| s.value.as_str());
            match catalog.lookup(&row.name.value, id) {
                None => unmatched.push(format!("{}: {}", plan.id(), row.name.value)),
                Some(m) if matches!(m.kind, MatchKind::Similar { .. }) => similar.push(format!(
                    "{}: {} ~ {}",
                    plan.id(),
                    row.name.value,
                    catalog.entry(m.entry).id.value
                )),
                Some(_) => {}
            }
        }
    }
    assert!(
        unmatched.is_empty(),
        "rows with no catalog entry: {unmatched:#?}"
    );
    assert!(
        similar.is_empty(),
        "rows matched only by similarity: {similar:#?}"
    );
}

/// Text as the raw documents print it, folded so that a cell's value can be found in it:
/// no whitespace, and no pinyin after characters (`發(fā)布` → `發布`).
fn fold(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '(' {
            // Drop a bracket that holds only lowercase pinyin letters.
            let rest: String = chars.clone().take_while(|&c| c != ')').collect();
            if !rest.is_empty()
                && rest.len() < 12
                && rest
                    .chars()
                    .all(|c| c.is_lowercase() && !c.is_ascii_digit())
                && chars.clone().nth(rest.chars().count()) == Some(')')
            {
                for _ in 0..=rest.chars().count() {
                    chars.next();
                }
                continue;
            }
        }
        if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

#[test]
fn every_seed_figure_is_printed_in_its_source_document() {
    let documents = root().join("../shared/seeds");
    if !documents.is_dir() {
        eprintln!(
            "skipped: the raw seed documents are not at {} (a fresh clone has no shared/ folder)",
            documents.display()
        );
        return;
    }
    let mut missing = Vec::new();
    let mut checked = 0;
    for plan in load_all() {
        let Some(source) = &plan.source else { continue };
        let path = documents.join(&source.value);
        if !path.is_file() {
            continue;
        }
        let raw = fold(&std::fs::read_to_string(&path).unwrap());
        let previous = plan.previous_period.iter().flat_map(|p| &p.indicators);
        for row in plan.indicators.iter().chain(previous) {
            let cells = [&row.baseline, &row.target, &row.actual];
            for cell in cells.into_iter().flatten() {
                checked += 1;
                if !raw.contains(&fold(&cell.value)) {
                    missing.push(format!(
                        "{} row {}: {:?}",
                        plan.id(),
                        row.name.value,
                        cell.value
                    ));
                }
            }
        }
        // A target in the text is often one clause of a longer sentence (分别不低于90%、80%
        // 和60%), so its figures, not its exact wording, must be in the source.
        for t in &plan.targets_in_text {
            checked += 1;
            let figures = t
                .target
                .value
                .split(|c: char| !(c.is_ascii_digit() || c == '.'))
                .filter(|f| !f.is_empty());
            if !figures.into_iter().all(|f| raw.contains(f)) {
                missing.push(format!(
                    "{} text {}: {:?}",
                    plan.id(),
                    t.name.value,
                    t.target.value
                ));
            }
        }
    }
    assert!(checked > 300, "only {checked} figures checked");
    assert!(
        missing.is_empty(),
        "figures not found in their source: {missing:#?}"
    );
}
