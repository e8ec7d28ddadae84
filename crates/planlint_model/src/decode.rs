//! Strict, forgiving decoding of a node tree: every problem is reported, nothing stops.
//!
//! [`Reader`] turns nodes into typed values and collects coded problems as it goes. A
//! mapping is read with [`Reader::fields`], which reports duplicate keys (the first one
//! wins) and unknown keys (with the nearest known key as a suggestion) and then hands back
//! the known ones; a value of the wrong type is reported and left out. The plan and the
//! catalog decoders are both written on top of it.

use crate::plan::{Printed, Spanned};
use crate::yaml::{Node, NodeKind, Pos};
use planlint_diagnostics::{Diagnostic, Location, Text};

/// The load problem codes. They are public API: exit codes, JSON and SARIF name them.
pub mod codes {
    pub const IO_ERROR: &str = "io-error";
    pub const YAML_SYNTAX: &str = "yaml-syntax";
    pub const UNKNOWN_FIELD: &str = "unknown-field";
    pub const DUPLICATE_KEY: &str = "duplicate-key";
    pub const INVALID_VALUE: &str = "invalid-value";
    pub const MISSING_PARENT: &str = "missing-parent";
    pub const HIERARCHY_CYCLE: &str = "hierarchy-cycle";
    pub const HIERARCHY_LEVEL: &str = "hierarchy-level";
    pub const DUPLICATE_ID: &str = "duplicate-id";

    /// Every load problem code, for documentation and tests.
    pub const ALL: [&str; 9] = [
        IO_ERROR,
        YAML_SYNTAX,
        UNKNOWN_FIELD,
        DUPLICATE_KEY,
        INVALID_VALUE,
        MISSING_PARENT,
        HIERARCHY_CYCLE,
        HIERARCHY_LEVEL,
        DUPLICATE_ID,
    ];
}

/// The longest text value a plan may hold, in characters. Real titles, names and targets
/// are under a few hundred; notes under a few thousand.
pub const MAX_VALUE_CHARS: usize = 10_000;

/// Converts a position in `file` to a diagnostic location.
pub fn location(file: &str, pos: Pos) -> Location {
    Location {
        file: file.to_string(),
        line: pos.line,
        column: pos.column,
        offset: pos.start(),
        len: pos.len as usize,
    }
}

/// Decodes nodes of one file and collects the problems found.
pub struct Reader<'f> {
    pub file: &'f str,
    pub diagnostics: Vec<Diagnostic>,
    /// The text [`Reader::parse`] read, so that a number is kept as it was written
    /// (`77.0`, not `77`), and a numeral YAML reads in its own way (`0x1F`, `1e-400`,
    /// `1_000`) is found and reported instead of being passed on rewritten.
    source: &'f str,
}

/// The known keys of one mapping, in document order, first occurrence only.
pub struct Fields<'n> {
    pub node: &'n Node,
    entries: Entries<'n>,
}

/// A mapping's known keys: where every key is known and given once (almost every mapping
/// of a plan), the mapping's own entries, with nothing copied.
enum Entries<'n> {
    Whole(&'n [(Node, Node)]),
    Chosen(Vec<(&'n str, Pos, &'n Node)>),
}

/// A key's text, where it is text.
fn key_text(key: &Node) -> Option<&str> {
    match &key.kind {
        NodeKind::Str(name) => Some(name.as_str()),
        _ => None,
    }
}

/// Whether two keys are the same: asked of the length and the first byte before the
/// rest (keys of one length mostly differ there: `name` and `unit`, `target` and `nature`),
/// as every field of every row is looked up among its mapping's keys.
fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// Whether `key` is the text of the key node `node`.
fn is_key(node: &Node, key: &str) -> bool {
    key_text(node).is_some_and(|name| same_key(name, key))
}

impl<'n> Fields<'n> {
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        match &self.entries {
            Entries::Whole(entries) => entries.iter().find(|(k, _)| is_key(k, key)).map(|(_, v)| v),
            Entries::Chosen(entries) => entries
                .iter()
                .find(|(k, _, _)| same_key(k, key))
                .map(|(_, _, v)| *v),
        }
    }

    /// The known keys with the positions they were written at.
    pub fn keys(&self) -> Box<dyn Iterator<Item = (&'n str, Pos)> + '_> {
        match &self.entries {
            Entries::Whole(entries) => Box::new(
                entries
                    .iter()
                    .filter_map(|(k, _)| Some((key_text(k)?, k.pos))),
            ),
            Entries::Chosen(entries) => Box::new(entries.iter().map(|(k, p, _)| (*k, *p))),
        }
    }
}

/// Problems of one kind in one mapping: how many, and where the first not listed one by
/// one ([`KEY_PROBLEMS`]) is.
#[derive(Default)]
struct Tally {
    count: usize,
    first_unlisted: Option<Pos>,
}

impl Tally {
    /// Counts a problem at `pos`: whether it is still to be listed one by one.
    fn listed(&mut self, pos: Pos) -> bool {
        self.count += 1;
        if self.count == KEY_PROBLEMS + 1 {
            self.first_unlisted = Some(pos);
        }
        self.count <= KEY_PROBLEMS
    }

    /// Where the problems not listed start, and how many they are.
    fn unlisted(&self) -> Option<(Pos, usize)> {
        Some((self.first_unlisted?, self.count - KEY_PROBLEMS))
    }
}

/// The help that lists a mapping's keys.
fn expected_keys(known: &[&str]) -> Text {
    Text::new(
        format!("可用字段：{}", known.join("、")),
        format!("expected one of: {}", known.join(", ")),
    )
}

/// Unknown keys, and repeated keys, of one mapping reported one by one, at most; the rest
/// are counted in one more problem (a file of a hundred thousand made-up keys is said in
/// a few lines, not a hundred thousand).
pub const KEY_PROBLEMS: usize = 20;

impl<'f> Reader<'f> {
    pub fn new(file: &'f str) -> Self {
        Reader {
            file,
            diagnostics: Vec::new(),
            source: "",
        }
    }

    /// Parses a YAML text. A text that is not YAML, or that exceeds a safety limit (alias
    /// expansion, depth, size), is reported as `yaml-syntax` and gives `None`. The reader
    /// keeps the text, to read numbers as they were written.
    pub fn parse(&mut self, text: &'f str) -> Option<Node> {
        self.source = text;
        match crate::yaml::parse(text) {
            Ok(node) => Some(node),
            Err(err) => {
                let message = if err.limit {
                    Text::new(
                        format!("YAML 超出安全限制，未读取：{}", err.message),
                        format!(
                            "YAML exceeds a safety limit and was not read: {}",
                            err.message
                        ),
                    )
                } else {
                    Text::new(
                        format!("YAML 语法错误：{}", err.message),
                        format!("YAML syntax error: {}", err.message),
                    )
                };
                self.error(codes::YAML_SYNTAX, err.pos, message);
                None
            }
        }
    }

    pub fn error(&mut self, code: &str, pos: Pos, message: Text) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::error(code, message, location(self.file, pos)));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    fn wrong_type(&mut self, node: &Node, what: &str, zh_expected: &str, en_expected: &str) {
        let (zh_found, en_found) = node.kind.describe();
        self.error(
            codes::INVALID_VALUE,
            node.pos,
            Text::new(
                format!("`{what}` 应为{zh_expected}，实为{zh_found}"),
                format!("`{what}` must be {en_expected}, found {en_found}"),
            ),
        );
    }

    /// Reads a mapping whose keys must be among `known`. `what` names the mapping in
    /// messages (`indicators[3]`, `plan`).
    pub fn fields<'n>(&mut self, node: &'n Node, what: &str, known: &[&str]) -> Option<Fields<'n>> {
        let NodeKind::Map(entries) = &node.kind else {
            self.wrong_type(node, what, "映射（键: 值）", "a mapping (key: value)");
            return None;
        };
        // Every key known and given once: no more entries than known keys, so comparing
        // each with those before it stays cheap.
        let clean = entries.len() <= known.len()
            && entries.iter().enumerate().all(|(k, (key, _))| {
                key_text(key).is_some_and(|name| {
                    known.iter().any(|known| same_key(known, name))
                        && !entries[..k].iter().any(|(o, _)| is_key(o, name))
                })
            });
        if clean {
            return Some(Fields {
                node,
                entries: Entries::Whole(entries),
            });
        }
        let mut chosen = Vec::with_capacity(entries.len().min(known.len()));
        // Each key's first line, to find a repeated key however long the mapping.
        let mut first_lines: std::collections::HashMap<&str, u32> =
            std::collections::HashMap::new();
        let (mut unknown, mut repeated, mut not_text) =
            (Tally::default(), Tally::default(), Tally::default());
        for (key, value) in entries {
            let Some(name) = key_text(key) else {
                if not_text.listed(key.pos) {
                    self.error(
                        codes::INVALID_VALUE,
                        key.pos,
                        Text::new(
                            format!("`{what}` 的键应为文本"),
                            format!("keys of `{what}` must be text"),
                        ),
                    );
                }
                continue;
            };
            if let Some(&first_line) = first_lines.get(name) {
                if repeated.listed(key.pos) {
                    self.error(
                        codes::DUPLICATE_KEY,
                        key.pos,
                        Text::new(
                            format!("`{what}` 中的键 `{name}` 重复（第 {first_line} 行已有），以第一个为准"),
                            format!(
                                "duplicate key `{name}` in `{what}` (first at line {first_line}); the first one is used"
                            ),
                        ),
                    )
                    .help = Some(Text::new("删除其中一个", "remove one of them"));
                }
                continue;
            }
            first_lines.insert(name, key.pos.line);
            if known.contains(&name) {
                chosen.push((name, key.pos, value));
            } else if unknown.listed(key.pos) {
                let help = match suggest(name, known) {
                    Some(s) => {
                        Text::new(format!("是否想写 `{s}`？"), format!("did you mean `{s}`?"))
                    }
                    None => expected_keys(known),
                };
                self.error(
                    codes::UNKNOWN_FIELD,
                    key.pos,
                    Text::new(
                        format!("`{what}` 中有未知字段 `{name}`"),
                        format!("unknown field `{name}` in `{what}`"),
                    ),
                )
                .help = Some(help);
            }
        }
        // The keys not listed one by one, each kind counted in one more problem.
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        if let Some((at, more)) = unknown.unlisted() {
            self.error(
                codes::UNKNOWN_FIELD,
                at,
                Text::new(
                    format!("`{what}` 中另有 {more} 个未知字段，自此处起不再逐一列出"),
                    format!("{more} more unknown field{} in `{what}`, from here on, not listed one by one", plural(more)),
                ),
            )
            .help = Some(expected_keys(known));
        }
        if let Some((at, more)) = repeated.unlisted() {
            self.error(
                codes::DUPLICATE_KEY,
                at,
                Text::new(
                    format!("`{what}` 中另有 {more} 个重复的键，自此处起不再逐一列出，均以第一个为准"),
                    format!("{more} more repeated key{} in `{what}`, from here on, not listed one by one; the first of each is used", plural(more)),
                ),
            )
            .help = Some(Text::new("删除重复的键", "remove the repeated keys"));
        }
        if let Some((at, more)) = not_text.unlisted() {
            self.error(
                codes::INVALID_VALUE,
                at,
                Text::new(
                    format!("`{what}` 中另有 {more} 个不是文本的键，自此处起不再逐一列出"),
                    format!("{more} more key{} of `{what}` that {} not text, from here on, not listed one by one", plural(more), if more == 1 { "is" } else { "are" }),
                ),
            );
        }
        Some(Fields {
            node,
            entries: Entries::Chosen(chosen),
        })
    }

    /// Reports a required key that is absent.
    pub fn missing(&mut self, fields: &Fields, what: &str, key: &str) {
        self.error(
            codes::INVALID_VALUE,
            fields.node.pos,
            Text::new(
                format!("`{what}` 缺少必填字段 `{key}`"),
                format!("`{what}` is missing the required field `{key}`"),
            ),
        );
    }

    /// Refuses a value too long to be anything a plan prints (a title, a name, a target):
    /// such a value is an attack or an accident, and no rule should have to handle it.
    fn short(&mut self, text: &str, node: &Node, what: &str) -> bool {
        if text.len() <= MAX_VALUE_CHARS {
            return true; // no more characters than bytes
        }
        let chars = text.chars().count();
        if chars <= MAX_VALUE_CHARS {
            return true;
        }
        self.error(
            codes::INVALID_VALUE,
            node.pos,
            Text::new(
                format!("`{what}` 过长（{chars} 个字符，最多 {MAX_VALUE_CHARS} 个），未读取"),
                format!("`{what}` is too long ({chars} characters, at most {MAX_VALUE_CHARS}); it was not read"),
            ),
        );
        false
    }

    /// A text value. Numbers are refused: a title or a name is never a number.
    pub fn text(&mut self, node: &Node, what: &str) -> Option<Spanned<String>> {
        match &node.kind {
            NodeKind::Str(s) if !self.short(s, node, what) => None,
            NodeKind::Str(s) => Some(Spanned::new(String::from(s.as_str()), node.pos)),
            _ => {
                self.wrong_type(node, what, "文本", "text");
                None
            }
        }
    }

    /// A value as printed: text or a number, kept as text exactly as it was written
    /// (`77.0` → `"77.0"`, `012` → `"012"`, `-.nan` → `"-.nan"`, never YAML's `.nan`). A
    /// number written in a notation only YAML reads (`1e-400`, `1e400`, `0x1F`, `0o17`,
    /// `1_000`) is refused with the reason: no plan prints a value that way, YAML would
    /// have rewritten it (to 0, infinity, 31, 15 or 1000), and as text it would read as a
    /// number followed by a unit (`1e3` as 1 of unit `e3`).
    pub fn printed(&mut self, node: &Node, what: &str) -> Option<Spanned<Printed>> {
        let text = match &node.kind {
            NodeKind::Str(s) if !self.short(s, node, what) => return None,
            // YAML reads `.inf`, `-.Inf`, `.nan` and overflowing numerals (`1e400`) as
            // non-finite numbers, which arrive as canonical text (`.inf`); written with
            // quotes, they are the text they say.
            NodeKind::Str(s) if is_non_finite(s) => match self.written(node) {
                Some(written) if is_plain_token(written) => {
                    self.numeral(node, what, written)?;
                    Printed::from(written)
                }
                _ => s.clone(),
            },
            NodeKind::Str(s) => s.clone(),
            NodeKind::Int(_) | NodeKind::Float(_) => match self.written(node) {
                Some(written) if is_plain_token(written) => {
                    self.numeral(node, what, written)?;
                    Printed::from(written)
                }
                Some(written) if written.starts_with('*') => {
                    self.through_alias(node, what, written);
                    return None;
                }
                // A node this reader did not read from a text: the number as Rust prints it.
                _ => match &node.kind {
                    NodeKind::Int(i) => i.to_string().into(),
                    NodeKind::Float(f) => format!("{f}").into(),
                    _ => return None,
                },
            },
            NodeKind::Null => return None,
            _ => {
                self.wrong_type(node, what, "文本或数字", "text or a number");
                return None;
            }
        };
        Some(Spanned::new(text, node.pos))
    }

    /// `true` or `false`.
    pub fn flag(&mut self, node: &Node, what: &str) -> Option<Spanned<bool>> {
        match &node.kind {
            NodeKind::Bool(b) => Some(Spanned::new(*b, node.pos)),
            _ => {
                self.wrong_type(node, what, "true 或 false", "true or false");
                None
            }
        }
    }

    /// The text `node` was read from, where this reader parsed it.
    fn written(&self, node: &Node) -> Option<&'f str> {
        let source: &'f str = self.source;
        source
            .get(node.pos.start()..node.pos.end())
            .filter(|w| !w.is_empty())
    }

    /// Refuses a numeral `written` in a notation no plan prints, saying which; `Some(())`
    /// for a decimal numeral (`12`, `-0.5`, `+12`, `012`, `77.0`).
    fn numeral(&mut self, node: &Node, what: &str, written: &str) -> Option<()> {
        let Some((zh, en, read_as)) = yaml_notation(written) else {
            return Some(());
        };
        self.error(
            codes::INVALID_VALUE,
            node.pos,
            Text::new(
                format!("`{what}` 的值 `{written}` 是 YAML 的{zh}，会被读成 {read_as} 而非原文，未读取"),
                format!("`{what}` is written `{written}`, {en} YAML reads as {read_as} rather than as printed; it was not read"),
            ),
        )
        .help = Some(Text::new(
            "按原文照录；如原文确实如此印刷，请加引号（如 \"1e-5\"）",
            "write the value as the plan prints it; if the plan really prints it so, quote it (\"1e-5\")",
        ));
        None
    }

    /// Refuses a number reached through an alias as a printed value: the alias gives the
    /// number, not the way it was written.
    fn through_alias(&mut self, node: &Node, what: &str, written: &str) {
        self.error(
            codes::INVALID_VALUE,
            node.pos,
            Text::new(
                format!("`{what}` 通过别名 `{written}` 引用一个数字，无法保留其原文写法，未读取"),
                format!("`{what}` refers to a number through the alias `{written}`, which cannot keep the way it was printed; it was not read"),
            ),
        )
        .help = Some(Text::new(
            "直接写出该值，或为锚点处的值加引号",
            "write the value out, or quote it where the anchor is",
        ));
    }

    /// An integer written as a plain decimal numeral. Other notations YAML reads as
    /// numbers (`0x7E5`, `0o3745`, `2_021`, `+2021`, `2021.0`, and `02021`, which YAML 1.1
    /// reads as octal) are refused with the way to write it.
    pub fn int(&mut self, node: &Node, what: &str) -> Option<Spanned<i64>> {
        let written = self.written(node).filter(|w| is_plain_token(w));
        let example = match (&node.kind, written) {
            (NodeKind::Int(i), Some(w)) if !is_decimal_integer(w) => Some(*i),
            (NodeKind::Int(i), _) => return Some(Spanned::new(*i, node.pos)),
            (NodeKind::Float(f), Some(_)) if f.fract() == 0.0 && f.abs() < 1e15 => Some(*f as i64),
            (NodeKind::Float(_), Some(_)) => None,
            (NodeKind::Str(s), Some(_)) if is_non_finite(s) => None,
            _ => {
                self.wrong_type(node, what, "整数", "an integer");
                return None;
            }
        };
        let written = written.unwrap_or_default();
        let (zh, en) = match example {
            Some(i) => (format!("（如 {i}）"), format!(" (such as {i})")),
            None => (String::new(), String::new()),
        };
        self.error(
            codes::INVALID_VALUE,
            node.pos,
            Text::new(
                format!("`{what}` 写作 `{written}`，应写成只含数字的十进制整数{zh}，未读取"),
                format!("`{what}` is written `{written}`; write it as a plain decimal integer, digits only{en}; it was not read"),
            ),
        );
        None
    }

    /// A year between 1949 and 2100.
    pub fn year(&mut self, node: &Node, what: &str) -> Option<Spanned<i32>> {
        let value = self.int(node, what)?;
        match i32::try_from(value.value) {
            Ok(y) if (1949..=2100).contains(&y) => Some(Spanned::new(y, value.pos)),
            _ => {
                self.error(
                    codes::INVALID_VALUE,
                    node.pos,
                    Text::new(
                        format!(
                            "`{what}` 应为 1949 至 2100 之间的年份，实为 {}",
                            value.value
                        ),
                        format!(
                            "`{what}` must be a year from 1949 to 2100, found {}",
                            value.value
                        ),
                    ),
                );
                None
            }
        }
    }

    /// A list; `null` is an empty list. Items that fail to decode are left out.
    pub fn list<T>(
        &mut self,
        node: &Node,
        what: &str,
        mut item: impl FnMut(&mut Self, &Node, &str) -> Option<T>,
    ) -> Vec<T> {
        match &node.kind {
            NodeKind::Seq(items) => {
                // Each item's path (`sections[3]`) is written over the one before: a list of
                // a hundred headings costs one allocation, not a hundred.
                let mut path = String::with_capacity(what.len() + 8);
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, n)| {
                        path.clear();
                        path.push_str(what);
                        path.push('[');
                        push_decimal(&mut path, i);
                        path.push(']');
                        item(self, n, &path)
                    })
                    .collect()
            }
            NodeKind::Null => Vec::new(),
            _ => {
                self.wrong_type(node, what, "列表", "a list");
                Vec::new()
            }
        }
    }

    /// One of a fixed set of words.
    pub fn choice<T: Copy>(
        &mut self,
        node: &Node,
        what: &str,
        choices: &[(&str, T)],
    ) -> Option<Spanned<T>> {
        let text = self.text(node, what)?;
        match choices.iter().find(|(k, _)| *k == text.value) {
            Some((_, v)) => Some(Spanned::new(*v, node.pos)),
            None => {
                let names: Vec<&str> = choices.iter().map(|(k, _)| *k).collect();
                self.error(
                    codes::INVALID_VALUE,
                    node.pos,
                    Text::new(
                        format!("`{what}` 的值 `{}` 无效", text.value),
                        format!("`{what}` has an invalid value `{}`", text.value),
                    ),
                )
                .help = Some(Text::new(
                    format!("可用的值：{}", names.join("、")),
                    format!("expected one of: {}", names.join(", ")),
                ));
                None
            }
        }
    }
}

/// Whether `written` is one plain scalar on one line: not quoted, not an alias, not a
/// block scalar, nothing around it.
fn is_plain_token(written: &str) -> bool {
    !written.starts_with(['"', '\'', '*', '&', '!', '|', '>'])
        && !written.contains(['\n', ' ', '\t', '\r'])
}

/// The canonical texts serde-saphyr gives non-finite numbers under our options.
fn is_non_finite(text: &str) -> bool {
    matches!(
        text,
        ".inf" | "-.inf" | "+.inf" | ".nan" | "-.nan" | "+.nan"
    )
}

/// `-?(0|[1-9][0-9]*)`: an integer as every reader of YAML and every person reads it.
fn is_decimal_integer(written: &str) -> bool {
    let digits = written.strip_prefix('-').unwrap_or(written);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
}

/// Which notation of YAML's own a plain numeral is written in, where it is not the decimal
/// way plans print numbers: its name, and what YAML reads it as. `None` for a decimal
/// numeral, with or without a sign, leading zeros or a fraction (`+12`, `012`, `77.0`),
/// and for YAML's words for infinity and not-a-number (`.inf`, `-.nan`): kept as the text
/// they are, no reader takes them for a number.
fn yaml_notation(written: &str) -> Option<(&'static str, &'static str, String)> {
    // Digits, points and signs only (almost every numeral): no prefix, grouping or exponent.
    if written
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'+' | b'-'))
    {
        return None;
    }
    let lower = written.to_ascii_lowercase();
    let negative = lower.starts_with('-');
    let unsigned = lower.trim_start_matches(['+', '-']);
    let read_as = |value: f64| match value {
        v if v.is_nan() => "NaN".to_string(),
        v if v.is_infinite() && v > 0.0 => "+∞".to_string(),
        v if v.is_infinite() => "-∞".to_string(),
        v => format!("{v}"),
    };
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(digits) = unsigned.strip_prefix(prefix) {
            let value = i64::from_str_radix(&digits.replace('_', ""), radix).map_or_else(
                |_| "?".to_string(),
                |v| if negative { -v } else { v }.to_string(),
            );
            return Some((
                "进制前缀写法（0x、0o、0b）",
                "a radix notation (0x, 0o, 0b), which",
                value,
            ));
        }
    }
    if unsigned.contains('_') {
        return Some((
            "下划线分组写法",
            "a numeral with underscores, which",
            written.replace('_', ""),
        ));
    }
    if unsigned.contains('e') {
        let value = written
            .parse::<f64>()
            .map_or_else(|_| "?".to_string(), read_as);
        return Some(("科学计数法", "scientific notation, which", value));
    }
    None
}

/// `n` in decimal, appended to `out` without the formatting machinery.
fn push_decimal(out: &mut String, n: usize) {
    if n >= 10 {
        push_decimal(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// The known key closest to a misspelt one, if it is close enough to be a typo.
pub fn suggest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(name, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_keys_only() {
        let known = ["title", "target", "baseline", "indicators"];
        assert_eq!(suggest("titel", &known), Some("title"));
        assert_eq!(suggest("indicator", &known), Some("indicators"));
        assert_eq!(suggest("baseine", &known), Some("baseline"));
        assert_eq!(suggest("zzz", &known), None);
    }
}
