//! `planlint import`: plan documents (.txt in UTF-8, UTF-16 or GB18030, and .docx) read into
//! plan files.
//!
//! Reading happens in two steps. First the bytes become a [`Document`]: paragraphs and
//! tables with their origins ([`encoding`] for text, [`docx`] for Word files). Then the
//! document is interpreted into a [`Draft`] — headings, the indicator tables, metadata, the
//! basis and the targets in the text — with a remark, at its place, for everything
//! guessed or skipped, and written as a plan file ([`emit`]) that remembers, line by line,
//! where in the document each value came from, so that `planlint check doc.txt` can point
//! at the document itself.

pub mod clean;
pub mod document;
pub mod docx;
pub mod emit;
pub mod encoding;
pub mod fuzzing;
pub mod headings;
pub mod interpret;
pub mod kind;
pub mod layout;
pub mod meta;
mod numbering;
pub mod table;

pub use document::{Block, Cell, Document, Origin, Para, Rendering, Table};
pub use interpret::{interpret, Draft};
pub use kind::{Kind, Office};

use planlint_diagnostics::{Diagnostic, Location, Severity, Text};
use planlint_model::names::{normalise, similarity, simplify};

fn at(file: &str, line: u32, column: u32, offset: usize, len: usize) -> Location {
    Location {
        file: file.to_string(),
        line,
        column,
        offset,
        len,
    }
}

/// The problem codes of importing, each with what it means in a few words (for summaries
/// such as the review report's).
pub const CODES: [(&str, &str, &str); 8] = [
    (
        "import-unreadable",
        "文件无法作为规划文档读取",
        "the file cannot be read as a plan document",
    ),
    (
        "import-skipped",
        "导入时略去的内容（网页导航、拼音注音、重复的正文等）",
        "content skipped on import (site navigation, pinyin readings, a repeated body…)",
    ),
    (
        "import-row",
        "指标表中靠猜测读取或无法归位的单元格",
        "indicator table cells read by a guess or not placed",
    ),
    (
        "import-toc",
        "目录与正文标题不一致",
        "the table of contents differs from the body",
    ),
    (
        "import-numbering",
        "标题编号有跳号",
        "a heading number is skipped",
    ),
    (
        "import-no-headings",
        "文档中没有找到章节标题",
        "no heading was found in the document",
    ),
    (
        "import-no-parent",
        "没有可对照的上级规划",
        "no parent plan to compare with",
    ),
    (
        "import-guessed",
        "导入时推测的信息（级别、上级规划），请核对",
        "what the import guessed (level, parent); to confirm",
    ),
];

/// A .docx has no lines a person can go to: a label names the paragraph or the cell.
fn place_words(origin: Option<Origin>) -> Option<Text> {
    match origin {
        Some(o @ (Origin::Paragraph { .. } | Origin::Cell { .. })) => {
            let (zh, en) = o.describe();
            Some(Text::new(zh, en))
        }
        _ => None,
    }
}

/// How to give a document its parent: `--parent`, with the repository's plans a level above
/// the document's (the nearest level first, at most five) as candidates.
fn parent_help(file: &str, level: Option<&str>, candidates: &[Candidate]) -> Text {
    let rank = |l: &str| match l {
        "national" => 0,
        "province" => 1,
        "prefecture" => 2,
        _ => 3,
    };
    let own = level.map_or(4, rank);
    let mut above: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.level.as_deref().is_some_and(|l| rank(l) < own))
        .collect();
    // Nearest level first; among those, the nearest folder (most folders in common).
    let folders = |f: &str| -> Vec<String> {
        let mut parts: Vec<String> = f.split(['/', '\\']).map(str::to_string).collect();
        parts.pop();
        parts
    };
    let own_folders = folders(file);
    let shared = |c: &Candidate| {
        own_folders
            .iter()
            .zip(folders(&c.file))
            .take_while(|(a, b)| *a == b)
            .count()
    };
    above.sort_by_key(|c| {
        (
            own - c.level.as_deref().map_or(0, rank),
            std::cmp::Reverse(shared(c)),
            c.id.clone(),
        )
    });
    if above.is_empty() {
        return Text::new(
            "用 --parent 指定上级规划（规划 id 或规划文件），或在规划仓库中运行",
            "name the parent with --parent (a plan id or a plan file), or run inside the plan repository",
        );
    }
    let shown: Vec<&Candidate> = above.iter().take(5).copied().collect();
    let zh: Vec<String> = shown
        .iter()
        .map(|c| format!("《{}》（{}）", c.title, c.id))
        .collect();
    let en: Vec<String> = shown
        .iter()
        .map(|c| format!("{} ({})", c.title, c.id))
        .collect();
    let more = above.len() - shown.len();
    Text::new(
        format!(
            "用 --parent 指定上级规划，如 --parent {}；仓库中可作上级的规划：{}{}",
            shown[0].id,
            zh.join("、"),
            if more > 0 { format!("等 {} 个", above.len()) } else { String::new() }
        ),
        format!(
            "name the parent with --parent, e.g. --parent {}; plans of the repository that could be its parent: {}{}",
            shown[0].id,
            en.join(", "),
            if more > 0 { format!(" and {more} more") } else { String::new() }
        ),
    )
}

/// A plan level in words: 国家级, 省级, 市级, 县级.
fn level_words(level: &str) -> &'static str {
    match level {
        "national" => "国家级",
        "province" => "省级",
        "prefecture" => "市级",
        _ => "县级",
    }
}

/// Whether a path names a document planlint imports, by its name ([`Kind::of_name`]).
pub fn is_document(path: &std::path::Path) -> bool {
    path.to_str()
        .and_then(Kind::of_name)
        .is_some_and(Kind::is_document)
}

/// A plan a document may implement: the candidates for its parent.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub id: String,
    pub title: String,
    pub level: Option<String>,
    /// Its file, as the repository names it: a candidate in the document's own folder is
    /// named first.
    pub file: String,
}

/// How to import.
#[derive(Clone, Debug)]
pub struct Options {
    /// The plan id to write; derived from the file name when absent.
    pub id: Option<String>,
    /// The parent's id; proposed from the basis and `candidates` when absent.
    pub parent: Option<String>,
    /// Plans of the repository, for proposing the parent.
    pub candidates: Vec<Candidate>,
    /// The language of the plan file's header comment.
    pub lang: planlint_diagnostics::Lang,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            id: None,
            parent: None,
            candidates: Vec::new(),
            lang: planlint_diagnostics::Lang::Zh,
        }
    }
}

/// A document imported into a plan file.
#[derive(Debug)]
pub struct Imported {
    /// The plan file's text.
    pub yaml: String,
    /// For each line of `yaml` (0-based), the document place its value came from.
    pub origins: Vec<Option<Origin>>,
    /// The document as text, for showing places in it.
    pub rendering: Rendering,
    /// Everything skipped or guessed, as warnings located in the document.
    pub problems: Vec<Diagnostic>,
    pub draft: Draft,
    pub parent: Option<String>,
}

/// Reads a document's bytes: a .docx by its zip signature or its extension, text in any
/// common encoding otherwise. A file that is neither is an `import-unreadable` error that
/// says what the file seems to be.
pub fn read(file: &str, bytes: &[u8]) -> Result<Document, Box<Diagnostic>> {
    let kind = match Kind::of(file, bytes) {
        Kind::Docx => Kind::Docx,
        _ => Kind::Text,
    };
    read_as(file, kind, bytes)
}

/// Reads a document's bytes as `kind` says: [`Kind::Docx`] as Word, anything else as text
/// in a common encoding (a converter's output is read here, whatever the original's name).
pub fn read_as(file: &str, kind: Kind, bytes: &[u8]) -> Result<Document, Box<Diagnostic>> {
    let result = if kind == Kind::Docx {
        docx::read_docx(bytes).map_err(|e| e.message())
    } else {
        encoding::read_text(bytes).map_err(|e| e.message())
    };
    result.map_err(|(zh, en)| {
        Box::new(Diagnostic::error(
            "import-unreadable",
            Text::new(zh, en),
            Location::file(file),
        ))
    })
}

/// A plan id from a file name: lower-case ASCII letters, digits and dashes.
pub fn id_from_file(file: &str) -> String {
    let stem = std::path::Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    let stem = stem.strip_suffix(".plan").unwrap_or(stem);
    let mut id = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_matches('-').to_string();
    if id.is_empty() {
        "imported-plan".to_string()
    } else {
        id
    }
}

fn fold_title(title: &str) -> String {
    let s = simplify(&clean::compact(title));
    // "X人民政府办公厅关于印发Y的通知" names Y.
    let s = match s.find("关于印发") {
        Some(at) => s[at..].to_string(),
        None => s,
    };
    let s = s
        .replace(['“', '”', '"', '《', '》', '<', '>', '〈', '〉'], "")
        .replace("关于印发", "")
        .replace("的通知", "");
    normalise(&s)
}

const LEVEL_RANK: [&str; 4] = ["national", "province", "prefecture", "county"];

fn rank(level: Option<&str>) -> Option<usize> {
    LEVEL_RANK.iter().position(|l| Some(*l) == level)
}

/// Proposes the parent: the candidate of a higher level whose title a basis entry names.
pub fn propose_parent<'d>(
    draft: &'d Draft,
    candidates: &[Candidate],
) -> Option<(String, &'d meta::Found<String>)> {
    let own = rank(draft.level);
    // The candidates that can be parents (a higher level), with their titles folded once.
    let above: Vec<(&Candidate, String)> = candidates
        .iter()
        .filter(|c| match (own, rank(c.level.as_deref())) {
            (Some(own), Some(theirs)) => theirs < own,
            _ => true,
        })
        .map(|c| (c, fold_title(&c.title)))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let mut best: Option<(f64, &Candidate, &meta::Found<String>)> = None;
    for basis in &draft.basis {
        let b = fold_title(&basis.value);
        for (c, t) in &above {
            let (c, t) = (*c, t.as_str());
            let score = if b == t {
                1.0
            } else if b.contains(t) || t.contains(b.as_str()) {
                0.95
            } else {
                similarity(&b, t)
            };
            if score >= 0.8 && best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, c, basis));
            }
        }
    }
    best.map(|(_, c, basis)| (c.id.clone(), basis))
}

/// Imports a document that was read from `file`.
pub fn import(file: &str, doc: &Document, options: &Options) -> Imported {
    let draft = interpret(doc);
    let rendering = doc.render();
    let mut review: Vec<Text> = Vec::new();
    let id = options.id.clone().unwrap_or_else(|| {
        let id = id_from_file(file);
        review.push(Text::new(
            format!("规划编号“{id}”由文件名生成，请改为仓库中使用的编号"),
            format!("id `{id}` was made from the file name; choose the repository's id"),
        ));
        id
    });
    let mut proposed_from: Option<Origin> = None;
    let parent = match &options.parent {
        Some(p) => Some(p.clone()),
        None => match propose_parent(&draft, &options.candidates) {
            Some((p, basis)) => {
                let shown = &basis.value;
                let (zh, en) = basis.origin.describe();
                review.push(Text::new(
                    format!("上级规划 “{p}” 是根据依据《{shown}》（{zh}）推荐的，请确认"),
                    format!("parent `{p}` proposed from the basis 《{shown}》 ({en}); confirm it"),
                ));
                proposed_from = Some(basis.origin);
                Some(p)
            }
            None => {
                review.push(Text::new(
                    "没有找到上级规划：仓库中没有与所依据文件相符的规划，请补填上级规划",
                    "no parent: none of the repository's plans matches the basis; set `parent`",
                ));
                None
            }
        },
    };
    match (&draft.level, &draft.region) {
        (Some(level), Some(region)) => {
            // Where the region was read: the title, as printed.
            let (zh, en) = draft
                .title
                .as_ref()
                .map_or((String::new(), String::new()), |t| {
                    let (zh, en) = t.origin.describe();
                    (format!("（{zh}）"), format!(" ({en})"))
                });
            review.push(Text::new(
                format!(
                    "规划级别（{}）是根据地名“{region}”推测的{zh}",
                    level_words(level)
                ),
                format!("level `{level}` guessed from the region name {region}{en}"),
            ))
        }
        _ => review.push(Text::new(
            "没有找到地区和规划级别，请补填",
            "region and level not found; set them",
        )),
    }
    if draft.title.is_none() {
        review.push(Text::new(
            "没有找到标题，请补填规划标题",
            "no title found; set `title`",
        ));
    }
    if draft.period.is_none() {
        review.push(Text::new(
            "没有找到规划期，请补填规划期和基期年份",
            "no period found; set `period` and `baseline_year`",
        ));
    }
    // What the plan format has no place for, kept in the header.
    if let Some(status) = &draft.status {
        let (zh, en) = status.origin.describe();
        review.push(Text::new(
            format!("这是{}，不是正式印发的文本（{zh}）", status.value),
            format!("this is a draft: {} ({en})", status.value),
        ));
    }
    if let Some(number) = &draft.doc_number {
        let (zh, en) = number.origin.describe();
        review.push(Text::new(
            format!("文号：{}（{zh}）", number.value),
            format!("document number: {} ({en})", number.value),
        ));
    }
    if draft.current_rows().count() == 0 {
        review.push(Text::new("没有找到指标表", "no indicator table found"));
    }
    let remarks = draft.remarks.len();
    if remarks > 0 {
        review.push(Text::new(
            format!("文档中有 {remarks} 处被跳过或靠猜测读取："),
            format!("{remarks} place(s) in the document were skipped or guessed:"),
        ));
        for r in &draft.remarks {
            let (zh, en) = r.origin.describe();
            review.push(Text::new(
                format!("  {zh}：{}", r.zh),
                format!("  {en}: {}", r.en),
            ));
        }
    }
    let review: Vec<String> = review
        .iter()
        .map(|t| t.get(options.lang).to_string())
        .collect();
    let who = emit::Identity {
        id,
        parent: parent.clone(),
        source: std::path::Path::new(file)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(file)
            .to_string(),
        review,
        words: match options.lang {
            planlint_diagnostics::Lang::Zh => [
                "由 planlint 从 {source} 导入，使用前请核对。",
                "需要人工核对：",
                "指标表：",
            ],
            planlint_diagnostics::Lang::En => [
                "Imported by planlint from {source}; review before use.",
                "Needs a person's eye:",
                "Table: ",
            ],
        },
        english: options.lang == planlint_diagnostics::Lang::En,
    };
    let yaml = emit::plan_file(&draft, &who);
    let mut problems: Vec<Diagnostic> = draft
        .remarks
        .iter()
        .map(|r| {
            let (line, column, offset, len) = rendering.locate(r.origin);
            let severity = if r.code == "import-guessed" {
                Severity::Info
            } else {
                Severity::Warning
            };
            let mut d = Diagnostic::new(
                r.code,
                severity,
                Text::new(r.zh.clone(), r.en.clone()),
                at(file, line, column, offset, len),
            );
            d.primary.text = place_words(Some(r.origin));
            d
        })
        .collect();
    // Guesses a person should confirm, each a note at the place it was made from.
    let mut guessed = |origin: Option<Origin>, zh: String, en: String| {
        let (line, column, offset, len) = origin.map_or((0, 0, 0, 0), |o| rendering.locate(o));
        let mut d = Diagnostic::new(
            "import-guessed",
            Severity::Info,
            Text::new(zh, en),
            at(file, line, column, offset, len),
        );
        d.primary.text = place_words(origin);
        problems.push(d);
    };
    let title_at = draft.title.as_ref().map(|t| t.origin);
    if let (Some(level), Some(region)) = (draft.level, &draft.region) {
        let level_zh = level_words(level);
        guessed(
            title_at,
            format!("规划级别按地名“{region}”推测为{level_zh}，请核对"),
            format!("the level `{level}` was guessed from the region name {region}; confirm it"),
        );
    }
    if let (Some(p), Some(origin)) = (&parent, proposed_from) {
        guessed(
            Some(origin),
            format!("上级规划按此处的依据推荐为 {p}，请核对（如不对，另行指定上级规划）"),
            format!("the parent `{p}` was proposed from the basis here; confirm it (or name it with --parent)"),
        );
    }
    if parent.is_none() {
        // Without a parent nothing is compared: say so where the basis is (or the title).
        let origin = draft
            .basis
            .first()
            .map(|b| b.origin)
            .or(draft.title.as_ref().map(|t| t.origin));
        let (line, column, offset, len) = origin.map_or((0, 0, 0, 0), |o| rendering.locate(o));
        let cited: Vec<String> = draft
            .basis
            .iter()
            .map(|b| format!("《{}》", b.value))
            .collect();
        let (zh, en) = if cited.is_empty() {
            (
                "文档没有写明依据的上级规划，也没有另行指定上级规划：本规划不会与任何上级规划比较".to_string(),
                "the document names no plan it is based on and no --parent was given: it is compared with no parent".to_string(),
            )
        } else {
            (
                format!("仓库中没有文档所依据的{}，也没有另行指定上级规划：本规划不会与任何上级规划比较", cited.join("、")),
                format!("the repository has no plan matching {} and no --parent was given: it is compared with no parent", cited.join(", ")),
            )
        };
        let mut d = Diagnostic::warning(
            "import-no-parent",
            Text::new(zh, en),
            at(file, line, column, offset, len),
        )
        .with_help(parent_help(file, draft.level, &options.candidates));
        d.primary.text = place_words(origin);
        problems.push(d);
    }
    planlint_diagnostics::sort(&mut problems);
    Imported {
        yaml: yaml.text,
        origins: yaml.origins,
        rendering,
        problems,
        draft,
        parent,
    }
}

impl Imported {
    /// Moves a diagnostic that points into the imported plan file (named `yaml_file`) to the
    /// document (`file`) place its line came from. Other files are left alone.
    pub fn relocate(&self, d: &mut Diagnostic, yaml_file: &str, file: &str) {
        let relocate = |label: &mut planlint_diagnostics::Label| {
            if label.location.file != yaml_file {
                return;
            }
            // A whole-file problem stays one.
            if label.location.line == 0 {
                label.location = Location::file(file);
                return;
            }
            let index = (label.location.line as usize).saturating_sub(1);
            // The line's own origin, or the nearest line above that has one.
            let origin = self.origins[..(index + 1).min(self.origins.len())]
                .iter()
                .rev()
                .find_map(|o| *o);
            let (line, column, offset, len) =
                origin.map_or((1, 1, 0, 0), |o| self.rendering.locate(o));
            label.location = at(file, line, column, offset, len);
            if label.text.is_none() {
                label.text = place_words(origin);
            }
        };
        relocate(&mut d.primary);
        for r in &mut d.related {
            relocate(&mut r.label);
        }
    }
}
