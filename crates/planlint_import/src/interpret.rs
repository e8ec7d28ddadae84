//! From a [`Document`] to a [`Draft`]: the plan as the importer understood it, with every
//! value's origin and a remark for everything skipped or guessed.

use crate::clean::{self, compact, tidy, Line};
use crate::document::{Block, Document, Origin};
use crate::headings::{self, Outline};
use crate::meta::{self, Found};
use crate::table::{self, GridCell, ReadTable, Remark, Token};
use planlint_model::names::simplify;

/// A heading of the draft's tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub number: String,
    pub title: String,
    pub origin: Origin,
    pub children: Vec<Heading>,
}

/// A target stated in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextTarget {
    pub name: String,
    pub target: String,
    pub year: Option<i32>,
    pub section: Option<String>,
    pub origin: Origin,
}

/// Everything the importer read from a document.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    pub title: Option<Found<String>>,
    pub region: Option<String>,
    pub level: Option<&'static str>,
    pub period: Option<(i32, i32)>,
    pub issuer: Option<Found<String>>,
    pub issued: Option<Found<String>>,
    /// A draft's status printed with its title (征求意见稿, 送审稿, 草案 …): the plan
    /// format has no place for it, so it goes to the plan file's header comment.
    pub status: Option<Found<String>>,
    /// The notice's document number (文号), for the header comment likewise.
    pub doc_number: Option<Found<String>>,
    pub basis: Vec<Found<String>>,
    pub headings: Vec<Heading>,
    pub tables: Vec<ReadTable>,
    pub targets_in_text: Vec<TextTarget>,
    pub remarks: Vec<Remark>,
    /// Guesses a person should confirm, for the header comment of the plan file.
    pub guesses: Vec<String>,
}

impl Draft {
    fn remark(
        &mut self,
        code: &'static str,
        origin: Origin,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) {
        self.remarks.push(Remark {
            code,
            origin,
            zh: zh.into(),
            en: en.into(),
        });
    }

    /// The main indicator table's rows (every table that is not a previous period's).
    pub fn current_rows(&self) -> impl Iterator<Item = &table::Row> {
        self.tables
            .iter()
            .filter(|t| !t.previous)
            .flat_map(|t| &t.rows)
    }

    /// The previous period's rows.
    pub fn previous_rows(&self) -> impl Iterator<Item = &table::Row> {
        self.tables
            .iter()
            .filter(|t| t.previous)
            .flat_map(|t| &t.rows)
    }
}

/// The longest title a heading may have, in characters.
const MAX_TITLE: usize = 40;

/// Cleans the paragraphs of a document into lines; .docx tables are read on the way.
fn clean_lines(doc: &Document, draft: &mut Draft) -> (Vec<Line>, Vec<(usize, ReadTable)>) {
    let paras: Vec<(&str, Origin, Option<u8>)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some((p.text.as_str(), p.origin, p.outline)),
            Block::Table(_) => None,
        })
        .collect();
    // Pinyin readings are removed only where the document is full of them: one "(ā)" in a
    // plan is more likely a list marker than a converter's artifact.
    // Each paragraph without its readings, computed once.
    let mut without: std::collections::VecDeque<(String, usize)> = paras
        .iter()
        .map(|(t, _, _)| clean::strip_pinyin(t))
        .collect();
    let readings: usize = without.iter().map(|(_, n)| n).sum();
    let strip_readings = readings >= 3;
    let mut lines = Vec::new();
    let mut grids = Vec::new();
    let mut first_reading: Option<Origin> = None;
    let mut bookmarks = 0;
    let mut chrome: Vec<Origin> = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Para(p) => {
                let (stripped, n) = without.pop_front().unwrap_or_default();
                let source = if strip_readings {
                    stripped.as_str()
                } else {
                    p.text.as_str()
                };
                if strip_readings && n > 0 && first_reading.is_none() {
                    first_reading = Some(p.origin);
                }
                let (mut text, found) = clean::strip_bookmarks(source);
                bookmarks += found;
                if lines.len() < 40 && clean::is_site_chrome(&text) {
                    chrome.push(p.origin);
                    text.clear();
                }
                split_glued(&text, p.origin, p.outline, &mut lines);
            }
            Block::Table(t) => {
                let rows: Vec<Vec<GridCell>> = t
                    .rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .enumerate()
                            .map(|(k, c)| {
                                let text = if strip_readings {
                                    clean::strip_pinyin(&c.text).0
                                } else {
                                    c.text.clone()
                                };
                                GridCell {
                                    text: tidy(&text.replace('\n', "")),
                                    origin: c.origin,
                                    // A .docx cell knows its grid column; a table
                                    // found in laid-out text is a full grid already.
                                    column: match c.origin {
                                        Origin::Cell { column, .. } => column,
                                        _ => u32::try_from(k + 1).unwrap_or(u32::MAX),
                                    },
                                    copy: c.span_from.is_some(),
                                    merged: c.merged_from.is_some(),
                                    marks: c.marks.clone(),
                                    notes: c.notes.clone(),
                                }
                            })
                            .collect()
                    })
                    .collect();
                read_docx_table(&rows, t.origin, &lines, &mut grids, draft);
            }
        }
    }
    if let Some(origin) = first_reading {
        draft.remark(
            "import-skipped",
            origin,
            format!("删除了网页转换留下的 {readings} 处拼音注音，如“發(fā)”"),
            format!("removed {readings} pinyin readings left by a web converter, such as “發(fā)”"),
        );
    }
    if bookmarks > 0 {
        if let Some(first) = paras.iter().find(|(t, _, _)| t.contains("[bookmark:")) {
            draft.remark(
                "import-skipped",
                first.1,
                format!("删除了 {bookmarks} 个 Word 书签标记（[bookmark: …]）"),
                format!("removed {bookmarks} Word bookmark markers ([bookmark: …])"),
            );
        }
    }
    if let Some(first) = chrome.first() {
        draft.remark(
            "import-skipped",
            *first,
            format!("跳过了 {} 行网站导航文字", chrome.len()),
            format!("skipped {} lines of web-site navigation", chrome.len()),
        );
    }
    (lines, grids)
}

/// Whether a line only says that the table goes on ("续表", "续表1", "表1（续）",
/// "（续上表）"), as a table broken over pages is printed.
fn continues_table(text: &str) -> bool {
    let c = simplify(&compact(text));
    let c = c.trim_matches(|ch: char| "()（）【】[]".contains(ch));
    c.chars().count() <= 24
        && (c.starts_with("续表")
            || c.starts_with("续上表")
            || c.ends_with("（续）")
            || c.ends_with("(续)")
            || c.ends_with("续表"))
}

/// Reads one .docx table: the rest of the indicator table before it when only blank lines
/// or a 续表 line lie between them, else a table of its own.
fn read_docx_table(
    rows: &[Vec<GridCell>],
    origin: Origin,
    lines: &[Line],
    grids: &mut Vec<(usize, ReadTable)>,
    draft: &mut Draft,
) {
    let (place_zh, place_en) = table::table_place(origin);
    let continued = grids.last_mut().filter(|(at, _)| {
        lines[(*at).min(lines.len())..]
            .iter()
            .all(|l| l.is_blank() || continues_table(&l.text))
    });
    let mut mismatch = None;
    if let Some((at, previous)) = continued {
        match previous.continue_grid(rows) {
            Ok(()) => {
                *at = lines.len();
                return;
            }
            Err(widths) => mismatch = Some((widths, previous.origin)),
        }
    }
    let title = lines
        .iter()
        .rev()
        .find(|l: &&Line| !l.is_blank())
        .filter(|l| compact(&l.text).chars().count() <= 40 && !continues_table(&l.text))
        .map(|l| Token {
            text: tidy(&l.text),
            origin: l.origin,
        });
    match table::read_grid_table(rows, origin, title) {
        table::GridRead::Table(read) => grids.push((lines.len(), *read)),
        table::GridRead::NoHeader => match mismatch {
            Some(((before, now), Some(first))) if before > 0 => {
                let (first_zh, first_en) = table::table_place(first);
                draft.remark(
                    "import-skipped",
                    origin,
                    format!("{place_zh}紧接在{first_zh}（指标表）之后，像是它的续表，但列数不同（{now} 列，原表 {before} 列），未能读取；请核对这部分指标"),
                    format!("{place_en} follows {first_en} (an indicator table) like its continuation, but has {now} columns where it has {before}; not read, please check these rows"),
                );
            }
            _ => draft.remark(
                "import-skipped",
                origin,
                format!("{place_zh}没有可识别的指标表头（主要指标、指标性质等），未作为指标表读取"),
                format!("{place_en} has no indicator header (主要指标, 指标性质, …) and was not read as an indicator table"),
            ),
        },
    }
}

/// The notes printed under a table: the line after it that starts with 注, and the
/// numbered lines that follow it.
fn notes_after(lines: &[Line], at: usize, end: usize) -> Vec<(usize, Token)> {
    let mut out = Vec::new();
    let mut i = at;
    while i < end.min(lines.len()) && lines[i].is_blank() {
        i += 1;
    }
    let Some(first) = lines.get(i).filter(|_| i < end) else {
        return out;
    };
    let c = simplify(&compact(&first.text));
    if !(c.starts_with("注") || c.starts_with("备注") || c.starts_with("说明：")) {
        return out;
    }
    out.push((
        i,
        Token {
            text: tidy(&first.text),
            origin: first.origin,
        },
    ));
    for (k, line) in lines
        .iter()
        .enumerate()
        .take(end.min(lines.len()))
        .skip(i + 1)
        .take(8)
    {
        let t = compact(&line.text);
        let marked = t.starts_with(|c: char| c.is_ascii_digit() || "①②③④⑤⑥⑦⑧⑨⑩*＊(（".contains(c));
        if line.is_blank()
            || !marked
            || headings::numbered(&line.text).is_some_and(|n| n.rest.chars().count() <= 20)
        {
            break;
        }
        out.push((
            k,
            Token {
                text: tidy(&line.text),
                origin: line.origin,
            },
        ));
    }
    out
}

/// The domain a table's title names, for a plan that prints one table per domain:
/// "表2 健康服务主要指标" → 健康服务.
fn domain_of_title(title: &str) -> Option<String> {
    let mut t = simplify(&compact(title));
    if let Some(rest) = t.strip_prefix('表') {
        let rest = rest.trim_start_matches(|c: char| {
            c.is_ascii_digit() || "一二三四五六七八九十-—.．、:：".contains(c)
        });
        t = rest.to_string();
    }
    let mut t = match headings::numbered(&t) {
        Some(n) => compact(&n.rest),
        None => t,
    };
    for tail in [
        "主要指标表",
        "指标体系",
        "主要指标",
        "发展指标",
        "规划指标",
        "指标表",
        "指标",
        "类",
    ] {
        if let Some(rest) = t.strip_suffix(tail) {
            t = rest.to_string();
        }
    }
    let n = t.chars().count();
    let plain = !["十四五", "规划", "主要", "发展目标", "续"]
        .iter()
        .any(|w| t.contains(w));
    ((2..=12).contains(&n) && plain).then_some(t)
}

/// Splits a paragraph where the next numbered item was glued onto it after a run of
/// spaces ("…智力保证。    40.强化医疗卫生人才培养。…"), as text copied from a web page
/// often is.
fn split_glued(text: &str, origin: Origin, outline: Option<u8>, out: &mut Vec<Line>) {
    let mut start = 0;
    let mut cuts = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(at) = text[i..].find('。') {
        let after = i + at + '。'.len_utf8();
        let spaces = text[after..]
            .chars()
            .take_while(|&c| c == ' ' || c == '\u{3000}' || c == '\u{a0}')
            .count();
        let skip: usize = text[after..].chars().take(spaces).map(char::len_utf8).sum();
        if spaces >= 2
            && after + skip < bytes.len()
            && headings::numbered(&text[after + skip..]).is_some()
        {
            cuts.push((after, after + skip));
        }
        i = after;
    }
    for (end, next) in cuts {
        push_piece(text, start, end, origin, outline, out);
        start = next;
    }
    push_piece(text, start, text.len(), origin, outline, out);
}

fn push_piece(
    text: &str,
    start: usize,
    end: usize,
    origin: Origin,
    outline: Option<u8>,
    out: &mut Vec<Line>,
) {
    let origin = match origin {
        Origin::Line { line, column } => Origin::Line {
            line,
            column: column + text[..start].chars().count() as u32,
        },
        other => other,
    };
    out.push(Line {
        text: text[start..end].to_string(),
        origin,
        outline,
    });
}

/// Blanks a second copy of the body, if the document prints it twice.
fn drop_repeat(lines: &mut [Line], draft: &mut Draft) {
    let Some((start, original, run)) = clean::find_repeat(lines, 20) else {
        return;
    };
    // The copy runs from `start` over `run` non-blank lines; blank through the last one.
    let mut seen = 0;
    let mut end = start;
    while end < lines.len() && seen < run {
        if !lines[end].is_blank() {
            seen += 1;
        }
        end += 1;
    }
    let (from, to) = (lines[start].origin, lines[end - 1].origin);
    let first = lines[original].origin;
    for line in &mut lines[start..end] {
        line.text.clear();
    }
    let ((f, f_en), (t, t_en), (o, o_en)) = (from.describe(), to.describe(), first.describe());
    draft.remark(
        "import-skipped",
        from,
        format!("正文从{f}到{t}重复了从{o}开始的内容（网页把正文印了两遍），只读第一份"),
        format!("the text from {f_en} to {t_en} repeats the text from {o_en} (the web page prints the body twice); only the first copy was read"),
    );
}

/// A table of contents: the lines it takes, and its entries with their line indexes.
type Contents = (std::ops::Range<usize>, Vec<(usize, headings::Numbered)>);

/// The table of contents: the numbered lines after a 目录 line, up to where its first entry
/// is printed again as the body's heading. Returns (its range, its headings).
fn table_of_contents(lines: &[Line]) -> Option<Contents> {
    let at = lines.iter().position(|l| {
        // Short lines only: "目   录" with its spaces, nothing longer.
        l.text.len() <= 24 && matches!(simplify(&l.compact()).as_str(), "目录" | "目次")
    })?;
    let mut entries: Vec<(usize, headings::Numbered)> = Vec::new();
    let mut end = lines.len();
    for (i, line) in lines.iter().enumerate().skip(at + 1) {
        let Some(n) = headings::numbered(&line.text) else {
            continue;
        };
        if let Some((_, first)) = entries.first() {
            if first.style == n.style && first.value == n.value {
                end = i;
                break;
            }
        }
        entries.push((i, n));
    }
    (!entries.is_empty() && end < lines.len()).then_some((at..end, entries))
}

/// Reads a document into a draft.
pub fn interpret(doc: &Document) -> Draft {
    let mut draft = Draft::default();
    let (mut lines, grids) = clean_lines(doc, &mut draft);
    drop_repeat(&mut lines, &mut draft);

    let mut skip = vec![false; lines.len()];
    let toc = table_of_contents(&lines);
    if let Some((range, _)) = &toc {
        for s in &mut skip[range.clone()] {
            *s = true;
        }
    }

    // Tables in the text.
    let mut i = 0;
    while i < lines.len() {
        if !skip[i] && table::header_starts(&lines, i) {
            let title = lines[..i]
                .iter()
                .rev()
                .find(|l| !l.is_blank())
                .filter(|l| compact(&l.text).chars().count() <= 40 && !l.text.contains('。'))
                .map(|l| Token {
                    text: tidy(&l.text),
                    origin: l.origin,
                });
            let read = table::read_text_table(&lines, i, title);
            let range = read.lines.clone();
            for s in &mut skip[range.clone()] {
                *s = true;
            }
            if read.rows.is_empty() {
                draft.remark(
                    "import-row",
                    lines[i].origin,
                    "这里像是指标表的表头，但其后没有读出任何指标行",
                    "this looks like an indicator table's header, but no row could be read after it",
                );
            } else {
                draft.tables.push(read);
            }
            i = range.end.max(i + 1);
            continue;
        }
        i += 1;
    }
    let ends: Vec<usize> = grids
        .iter()
        .skip(1)
        .map(|(at, _)| *at)
        .chain([lines.len()])
        .collect();
    for ((at, mut grid), end) in grids.into_iter().zip(ends) {
        for (i, note) in notes_after(&lines, at, end) {
            skip[i] = true;
            grid.notes.push(note);
        }
        draft.tables.push(grid);
    }
    // A plan that prints one table per domain names the domain in each table's title.
    let current = draft.tables.iter().filter(|t| !t.previous).count();
    for t in draft.tables.iter_mut().filter(|t| !t.previous) {
        t.resolve_notes();
        let no_domain = t.rows.iter().all(|r| r.domain.is_none());
        let (Some(title), true, true) = (t.title.clone(), no_domain, current > 1) else {
            continue;
        };
        let Some(domain) = domain_of_title(&title.text) else {
            continue;
        };
        for r in &mut t.rows {
            r.domain = Some(Token {
                text: domain.clone(),
                origin: title.origin,
            });
        }
        t.domain_from_title = Some(domain.clone());
        let (zh, en) = t
            .origin
            .map_or((String::new(), String::new()), table::table_place);
        t.remarks.push(Remark {
            code: "import-guessed",
            origin: title.origin,
            zh: format!("{zh}没有领域一列，各行的领域按表题“{}”读作“{domain}”，请核对", title.text),
            en: format!("{en} has no domain column; every row's domain was read from its title “{}” as “{domain}”; please check", title.text),
        });
    }
    for t in &mut draft.tables {
        draft.remarks.append(&mut t.remarks);
    }

    // Headings of the body.
    let mut outline = Outline::default();
    for (i, line) in lines.iter().enumerate() {
        if skip[i] || line.is_blank() {
            continue;
        }
        if let Some(n) = headings::numbered(&line.text) {
            outline.offer(&n, i, MAX_TITLE);
        } else if let Some(level) = line.outline {
            // An unnumbered paragraph in a heading style.
            let title = tidy(&line.text);
            if title.chars().count() <= MAX_TITLE {
                outline.found.push(headings::Found {
                    depth: usize::from(level.saturating_sub(1)),
                    number: String::new(),
                    title,
                    style: headings::Style::Chapter,
                    value: 0,
                    line: i,
                    run_in: false,
                });
            }
        }
    }
    for &(at, missing) in &outline.gaps {
        let f = &outline.found[at];
        let shown = headings::show_value(f.style, missing);
        draft.remark(
            "import-numbering",
            lines[f.line].origin,
            format!(
                "标题编号跳过了{shown}：“{}{}”前没有{shown}",
                f.number, f.title
            ),
            format!(
                "heading numbering skips {shown}: there is no {shown} before “{}{}”",
                f.number, f.title
            ),
        );
    }
    let body_start = outline.found.first().map_or(lines.len(), |f| f.line);
    if outline.found.is_empty() {
        if let Some(first) = lines.iter().find(|l| !l.is_blank()) {
            draft.remark(
                "import-no-headings",
                first.origin,
                "文档中没有找到任何章节标题（如“第一章”“一、”“（一）”，或 Word 的标题样式），章节结构未读取；如标题是图片、在文本框外的图形中或被设成正文，请在规划文件中补填章节",
                "no heading was found in the document (such as 第一章, 一、, （一）, or Word's heading styles), so no section was read; if the headings are pictures or styled as body text, add the sections to the plan file by hand",
            );
        }
    }
    draft.headings = tree(&with_lead_ins(&outline.found, &lines, &skip), &lines);
    if let Some((_, entries)) = &toc {
        compare_toc(entries, &outline.found, &lines, &mut draft);
    }

    // Metadata.
    draft.title = meta::title(&lines, body_start);
    let title_line = draft
        .title
        .as_ref()
        .and_then(|t| lines.iter().position(|l| l.origin == t.origin));
    if let Some(title) = &draft.title {
        draft.region = meta::region(&title.value, &lines);
        draft.period = meta::period_of(&title.value);
    }
    // The status and the period may be printed with the title or on the lines under it.
    draft.status = title_status(&lines, body_start, draft.title.as_ref());
    draft.doc_number = meta::doc_number(&lines, body_start);
    if let (None, Some(at)) = (draft.period, title_line) {
        for line in lines.iter().skip(at + 1).take(3) {
            let t = compact(&line.text);
            if t.is_empty() || t.chars().count() > 16 {
                continue;
            }
            if let Some((start, end)) = meta::years_in(&t) {
                draft.period = Some((start, end));
                draft.remark(
                    "import-guessed",
                    line.origin,
                    format!("标题中未找到规划期，已按标题下一行的“{}”读作{start}—{end}年", tidy(&line.text)),
                    format!("the title names no period; read as {start}–{end} from the line under it, “{}”", tidy(&line.text)),
                );
                break;
            }
        }
    }
    draft.level = draft.region.as_deref().and_then(meta::level_of);
    let (issued, issuer) = meta::issued(&lines, body_start);
    draft.issued = issued;
    draft.issuer = issuer;
    if draft.period.is_none() {
        let start = draft
            .issued
            .as_ref()
            .and_then(|d| d.value.get(..4))
            .and_then(|y| y.parse::<i32>().ok());
        if let (Some(start), Some(end)) = (start, meta::target_year(&lines)) {
            if end >= start {
                draft.period = Some((start, end));
                let origin = draft
                    .title
                    .as_ref()
                    .map(|t| t.origin)
                    .or(draft.issued.as_ref().map(|d| d.origin));
                if let Some(origin) = origin {
                    draft.remark(
                        "import-guessed",
                        origin,
                        format!("标题中未找到规划期，已按发文年份和正文中多数目标所指的年份推断为{start}—{end}年，请核对"),
                        format!("the title names no period; {start}–{end} was inferred from the year of issue and the year most targets name; please check"),
                    );
                }
            }
        }
    }
    if draft.period.is_none() {
        // Neither the title nor the year of issue says: the five-year period the text names
        // most, or the one the targets' year ends, or else the current one — a guess the
        // reader is told of, never a missing period that leaves the plan unreadable.
        let (start, end, how_zh, how_en) = meta::period_in_text(&lines)
            .or_else(|| {
                meta::target_year(&lines)
                    .filter(|y| (y - 2020) % 5 == 0 && (2000..=2100).contains(y))
                    .map(|y| {
                        (
                            y - 4,
                            y,
                            "正文中多数目标所指的年份",
                            "the year most targets name",
                        )
                    })
            })
            .unwrap_or((2021, 2025, "当前规划期", "the current planning period"));
        draft.period = Some((start, end));
        if let Some(origin) = draft.title.as_ref().map(|t| t.origin) {
            draft.remark(
                "import-guessed",
                origin,
                format!("标题中未找到规划期，已按{how_zh}推断为（{start}—{end}年），请核对"),
                format!(
                    "the title names no period; read as {start}–{end} from {how_en}; please check"
                ),
            );
        }
    }
    draft.basis = meta::basis(
        &lines,
        0,
        body_start,
        draft.title.as_ref().map(|t| t.value.as_str()),
    );
    draft.targets_in_text = text_targets(&lines, &skip, &outline.found, draft.period.map(|p| p.0));
    draft
}

/// A draft's status: in brackets after the title, else on a short line of its own near
/// it.
fn title_status(
    lines: &[Line],
    body_start: usize,
    title: Option<&Found<String>>,
) -> Option<Found<String>> {
    let at = title.and_then(|t| lines.iter().position(|l| l.origin == t.origin));
    if let Some(at) = at {
        let line = &lines[at];
        // The title as printed on its line, or on its line and the next.
        let printed = [
            tidy(&line.text),
            tidy(&format!(
                "{}{}",
                line.text,
                lines.get(at + 1).map_or("", |l| l.text.as_str())
            )),
        ];
        for text in printed {
            if let Some(status) = quoted_or_plain_status(&text) {
                return Some(Found {
                    value: status,
                    origin: line.origin,
                });
            }
        }
    }
    let from = at.map_or(0, |a| a.saturating_sub(3));
    let to = at.map_or(body_start.min(40), |a| a + 4);
    meta::status_line(lines, from, to)
}

/// The status after a title printed whole, or after the 《…》 title of a notice.
fn quoted_or_plain_status(text: &str) -> Option<String> {
    if let Some(s) = meta::split_status(text).1 {
        return Some(s);
    }
    meta::quoted_titles(text)
        .into_iter()
        .find_map(|(_, t)| meta::split_status(&t).1)
}

/// The headings with, under each heading that has no numbered heading below it, the
/// unnumbered headings plans print inside it: 专栏 boxes (`专栏十七 中（蒙）医药服务`) and
/// run-in lead-ins, a paragraph opening with a short title and a full stop
/// (`加强中蒙医药服务能力建设。坚持……`). A lead-in is taken only where at least two follow
/// the same pattern under one heading, so a stray short sentence does not become a heading.
fn with_lead_ins(found: &[headings::Found], lines: &[Line], skip: &[bool]) -> Vec<headings::Found> {
    let mut out = Vec::with_capacity(found.len());
    for (k, f) in found.iter().enumerate() {
        out.push(f.clone());
        let end = found.get(k + 1).map_or(lines.len(), |next| next.line);
        let deepest = found.get(k + 1).is_none_or(|next| next.depth <= f.depth);
        if !deepest || f.number.is_empty() {
            continue;
        }
        let mut inner = Vec::new();
        let mut lead_ins = 0;
        for i in f.line + 1..end {
            if skip[i] || lines[i].is_blank() {
                continue;
            }
            let text = tidy(&lines[i].text);
            let (number, title) = if let Some(b) = box_heading(&text) {
                b
            } else if let Some(title) = lead_in(&text) {
                lead_ins += 1;
                (String::new(), title)
            } else {
                continue;
            };
            inner.push(headings::Found {
                depth: f.depth + 1,
                number,
                title,
                style: headings::Style::Chapter,
                value: 0,
                line: i,
                run_in: true,
            });
        }
        if lead_ins < 2 {
            inner.retain(|h| !h.number.is_empty());
        }
        out.extend(inner);
    }
    out
}

/// `专栏十七 中（蒙）医药服务` → (`专栏十七`, `中（蒙）医药服务`); `专栏3：……` too.
fn box_heading(text: &str) -> Option<(String, String)> {
    let rest = text.strip_prefix("专栏")?;
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || "〇一二三四五六七八九十".contains(*c))
        .collect();
    if digits.is_empty() {
        return None;
    }
    let title =
        rest[digits.len()..].trim_start_matches([' ', '\u{3000}', '：', ':', '、', '.', '．']);
    let title = title.trim();
    let n = title.chars().count();
    (1..=MAX_TITLE)
        .contains(&n)
        .then(|| (format!("专栏{digits}"), title.to_string()))
}

/// The title a paragraph opens with, run in before its text: 4 to 24 characters up to the
/// first full stop, with no digit and no clause punctuation (a sentence, not a title, has
/// them: `2020年，全市……。`).
fn lead_in(text: &str) -> Option<String> {
    let (title, _) = text.split_once('。')?;
    let n = title.chars().count();
    let sentence_like = title.chars().any(|c| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || "，,；;：:、？！?!".contains(c)
    });
    ((4..=24).contains(&n) && !sentence_like).then(|| title.to_string())
}

/// Builds the nested tree from the flat list.
fn tree(found: &[headings::Found], lines: &[Line]) -> Vec<Heading> {
    fn build(
        found: &[headings::Found],
        at: &mut usize,
        depth: usize,
        lines: &[Line],
    ) -> Vec<Heading> {
        let mut out = Vec::new();
        while *at < found.len() && found[*at].depth >= depth {
            let f = &found[*at];
            if f.depth > depth {
                // A level skipped: hang it under the last heading.
                let children = build(found, at, f.depth, lines);
                match out.last_mut() {
                    Some(last) => {
                        let last: &mut Heading = last;
                        last.children.extend(children);
                    }
                    None => out.extend(children),
                }
                continue;
            }
            *at += 1;
            let children = build(found, at, depth + 1, lines);
            out.push(Heading {
                number: f.number.clone(),
                title: f.title.clone(),
                origin: lines[f.line].origin,
                children,
            });
        }
        out
    }
    let mut at = 0;
    build(found, &mut at, 0, lines)
}

/// Reports where the table of contents and the body disagree.
fn compare_toc(
    entries: &[(usize, headings::Numbered)],
    body: &[headings::Found],
    lines: &[Line],
    draft: &mut Draft,
) {
    let mut k = 0;
    for (i, entry) in entries {
        let Some((title, _)) = headings::title_of(&entry.rest, 80) else {
            continue;
        };
        let (title, page) = headings::strip_page_number(&title);
        let origin = lines[*i].origin;
        let shown = format!("{}{title}", compact(&entry.number));
        if let Some(page) = page {
            draft.remark(
                "import-toc",
                origin,
                format!("目录中“{shown}”的标题后粘着页码 {page}"),
                format!("the table of contents glues page number {page} to “{shown}”"),
            );
        }
        // The body heading with the same number, in order.
        let Some(pos) = body[k..]
            .iter()
            .position(|f| f.style == entry.style && f.value == entry.value)
        else {
            draft.remark(
                "import-toc",
                origin,
                format!("目录中的“{shown}”在正文中没有对应的标题"),
                format!("“{shown}” in the table of contents has no heading in the body"),
            );
            continue;
        };
        let found = &body[k + pos];
        k += pos + 1;
        let norm = |s: &str| compact(&s.replace(['"', '“', '”'], "\""));
        if norm(&found.title) != norm(&title) {
            let (at, _) = lines[found.line].origin.describe();
            draft.remark(
                "import-toc",
                origin,
                format!("目录写作“{title}”，正文（{at}）写作“{}”", found.title),
                format!(
                    "the table of contents says “{title}”, the body ({}) says “{}”",
                    lines[found.line].origin.describe().1,
                    found.title
                ),
            );
        }
    }
}

/// Words that set a target, in the order they are tried.
const TARGET_VERBS: &[&str] = &[
    "分别达到",
    "分别不低于",
    "至少",
    "实现",
    "达到",
    "達到",
    "不低于",
    "不低於",
    "不高于",
    "不高於",
    "保持在",
    "控制在",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "降低到",
    "降至",
    "下降到",
    "下降至",
    "低于",
    "低於",
    "超过",
    "超過",
];

/// Words of a section that looks back (发展基础, 规划背景): what it says was reached, not
/// what is aimed at.
const LOOKING_BACK: &[&str] = &[
    "基础", "现状", "背景", "回顾", "成就", "成效", "现狀", "基礎", "背景",
];

/// Targets stated in the text: a clause that names something, a target verb and a number
/// ("每万人口全科医生达到8名以上"), in a sentence that sets a year to come (到2025年) or
/// with a verb that sets a bound (不低于, 控制在…), outside the sections that look back.
fn text_targets(
    lines: &[Line],
    skip: &[bool],
    headings: &[headings::Found],
    first_year: Option<i32>,
) -> Vec<TextTarget> {
    let mut out = Vec::new();
    // The open headings, outermost first: depth, title, and whether it looks back.
    let mut open: Vec<(usize, String, bool)> = Vec::new();
    let mut next_heading = 0;
    for (i, line) in lines.iter().enumerate() {
        while next_heading < headings.len() && headings[next_heading].line <= i {
            let h = &headings[next_heading];
            open.retain(|(d, _, _)| *d < h.depth);
            let simple = simplify(&h.title);
            let back = LOOKING_BACK.iter().any(|w| simple.contains(w));
            open.push((h.depth, h.title.clone(), back));
            next_heading += 1;
        }
        let Some((_, section, _)) = open.last() else {
            continue;
        };
        let looking_back = open.iter().any(|(_, _, back)| *back);
        if skip[i] || line.is_blank() || looking_back {
            continue;
        }
        // A target has a number: most lines have none and are passed over at once.
        if !line.text.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        for sentence in line.text.split(['。', '；', ';']) {
            if !sentence.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            let year = sentence_year(sentence);
            // A year named must be one to come; a sentence without one, in a section that
            // does not look back, sets targets too (the 专栏 boxes name none).
            let ahead = year.is_none_or(|y| first_year.is_none_or(|first| y >= first));
            let history = ["截至", "截止", "由20", "从20", "已达", "已经"]
                .iter()
                .any(|w| sentence.contains(w));
            if !ahead || history {
                continue;
            }
            for clause in sentence.split(['，', ',']) {
                if !clause.bytes().any(|b| b.is_ascii_digit()) {
                    continue;
                }
                let Some((verb_at, verb)) = find_target(clause) else {
                    continue;
                };
                let value = tidy(&clause[verb_at..]);
                let after = &value[verb.len()..];
                // The figure follows the verb closely: "达到95%", "至少有1所", "100%达标".
                let figure_at = after.find(|c: char| c.is_ascii_digit());
                let close = figure_at.is_some_and(|at| after[..at].chars().count() <= 3);
                if !close || after.chars().count() > 20 {
                    continue;
                }
                let mut name = tidy(&clause[..verb_at]);
                let mut value = value;
                // "各旗至少建立1个服务中心": the thing counted follows the figure and its
                // measure word; it belongs to the name, the count to the target.
                if verb == "至少" {
                    let digits_end = value
                        .char_indices()
                        .skip_while(|(_, c)| !c.is_ascii_digit())
                        .find(|(_, c)| !c.is_ascii_digit() && *c != '.')
                        .map(|(i, c)| i + c.len_utf8());
                    if let Some(end) = digits_end.filter(|&e| e < value.len()) {
                        name.push_str(&value[end..]);
                        value.truncate(end);
                    }
                }
                name = name.trim_start_matches("其中").to_string();
                for lead in [
                    "到2025年",
                    "到2030年",
                    "2025年",
                    "到2022年",
                    "到2023年",
                    "到2024年",
                    "力争",
                    "将",
                    "全市",
                    "全盟",
                    "全旗",
                    "全州",
                    "全县",
                    "全区",
                ] {
                    if let Some(rest) = name.strip_prefix(lead) {
                        name = rest.to_string();
                    }
                }
                for tail in ["有望", "预期", "预计", "要", "均", "分别"] {
                    if let Some(rest) = name.strip_suffix(tail) {
                        name = rest.to_string();
                    }
                }
                let n = name.chars().count();
                if !(2..=40).contains(&n) {
                    continue;
                }
                out.push(TextTarget {
                    name,
                    target: value,
                    year,
                    section: Some(section.clone()),
                    origin: line.origin,
                });
            }
        }
    }
    out
}

/// The first target verb in a clause, and where it is: one pass over the clause, looking
/// closer only at characters a verb can start with. A clause ending in "100%达标" has its
/// target in the figure ("" stands for the verb).
fn find_target(clause: &str) -> Option<(usize, &'static str)> {
    for (at, c) in clause.char_indices() {
        if !"达達不保控提降下低超分至实".contains(c) {
            continue;
        }
        let rest = &clause[at..];
        if let Some(verb) = TARGET_VERBS.iter().find(|v| rest.starts_with(**v)) {
            return Some((at, verb));
        }
    }
    let trimmed = clause.trim_end_matches(clean::is_space);
    if trimmed.ends_with("%达标") || trimmed.ends_with("％达标") {
        let digits_end = trimmed.rfind(['%', '％'])?;
        let start = trimmed[..digits_end]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
            .last()
            .map(|(i, _)| i)?;
        return Some((start, ""));
    }
    None
}

fn sentence_year(sentence: &str) -> Option<i32> {
    let at = sentence.find('到')?;
    let after = &sentence[at + '到'.len_utf8()..];
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    (digits.len() == 4 && after[4..].starts_with('年'))
        .then(|| digits.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_are_read_with_their_number() {
        assert_eq!(
            box_heading("专栏十七 中（蒙）医药服务"),
            Some(("专栏十七".to_string(), "中（蒙）医药服务".to_string()))
        );
        assert_eq!(
            box_heading("专栏3：健康促进项目"),
            Some(("专栏3".to_string(), "健康促进项目".to_string()))
        );
        // Words about boxes are not boxes.
        assert_eq!(box_heading("专栏中列出的项目按年度实施。"), None);
        assert_eq!(box_heading("专栏一"), None);
    }

    #[test]
    fn a_lead_in_is_a_short_title_before_a_full_stop() {
        assert_eq!(
            lead_in("加强中蒙医药服务能力建设。坚持“保持本色、突出特色”的基本思路。").as_deref(),
            Some("加强中蒙医药服务能力建设")
        );
        assert_eq!(
            lead_in("实施基层卫生“筑巢引凤”工程。完善投入机制。").as_deref(),
            Some("实施基层卫生“筑巢引凤”工程")
        );
        // Sentences: a year, a comma, too short or too long.
        assert_eq!(lead_in("2020年全市人均预期寿命达到76.79岁。"), None);
        assert_eq!(lead_in("截至年底，全市医疗机构总数增加。"), None);
        assert_eq!(lead_in("如下。其他内容"), None);
        assert_eq!(
            lead_in(
                "坚持以人民为中心的发展思想全面推进健康城市和健康村镇建设不断提高居民健康水平。"
            ),
            None
        );
        assert_eq!(lead_in("没有句号的一段文字"), None);
    }

    fn line(text: &str) -> Line {
        Line {
            text: text.to_string(),
            origin: Origin::Line { line: 1, column: 1 },
            outline: None,
        }
    }

    fn found(depth: usize, number: &str, title: &str, at: usize) -> headings::Found {
        headings::Found {
            depth,
            number: number.to_string(),
            title: title.to_string(),
            style: headings::Style::CnParen,
            value: 1,
            line: at,
            run_in: false,
        }
    }

    #[test]
    fn lead_ins_need_a_pattern_and_boxes_do_not() {
        let lines: Vec<Line> = [
            "（一）发展重点",
            "强化公共卫生体系建设。全面提升能力。",
            "专栏一 公卫机构标准建设",
            "完善重大疫情救治体系。明确职责。",
            "（二）保障措施",
            "加强组织领导。各地要落实责任。",
            "2021年起，每年开展评估。",
        ]
        .iter()
        .map(|t| line(t))
        .collect();
        let skip = vec![false; lines.len()];
        let top = [
            found(0, "（一）", "发展重点", 0),
            found(0, "（二）", "保障措施", 4),
        ];
        let all = with_lead_ins(&top, &lines, &skip);
        let titles: Vec<(usize, &str, &str)> = all
            .iter()
            .map(|f| (f.depth, f.number.as_str(), f.title.as_str()))
            .collect();
        assert_eq!(
            titles,
            [
                (0, "（一）", "发展重点"),
                (1, "", "强化公共卫生体系建设"),
                (1, "专栏一", "公卫机构标准建设"),
                (1, "", "完善重大疫情救治体系"),
                // One lead-in alone under （二） is a sentence, not a heading.
                (0, "（二）", "保障措施"),
            ]
        );
    }
}
