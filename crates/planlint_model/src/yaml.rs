//! YAML text to a tree of nodes that each know where they came from.
//!
//! serde-saphyr does the parsing: it is panic-free, keeps line, column and byte offset for
//! every node (`Spanned<T>`), enforces a budget (depth, node count, alias expansion) that
//! stops alias bombs and deep nesting, and can hand repeated keys to us instead of failing
//! the whole document. We deserialize into our own [`Node`] tree rather than straight into
//! the plan types, because loading must never fail as a whole: the typed decoding in
//! `load.rs` walks this tree and reports every problem it finds — each unknown key, each
//! duplicate, each wrong type — while keeping everything it could read.
//!
//! Most plans never reach serde-saphyr's deserializer: [`scan`] reads the layouts plan
//! files are written in — the generator's, PyYAML's (block style, rows as flow mappings,
//! non-ASCII escaped), and a person's (comments, blank lines, `---`, block scalars,
//! anchors and aliases) — straight from the text; [`events`] builds the same tree from the
//! YAML parser's events (about twice as fast as serde-saphyr); each hands anything it is
//! not certain to reproduce exactly (errors, tags, unusual numerals, texts near a limit of
//! the budget, and for `scan` everything outside its forms) to the next, and serde-saphyr
//! reads the rest. On the generated national repository, written again by
//! `crates/planlint_bench/redump.py` in five layouts, the line reader takes every plan of
//! every layout, and `load_plan` costs about the same in each (within 16 %, the escaped
//! layout being the largest text).

mod events;
mod scan;

pub use scan::lines_of;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{
    options::{DuplicateKeyPolicy, NonFiniteFloatPolicy},
    Budget, Options, Spanned,
};
use std::fmt;

/// A position in the source text. Lines and columns are 1-based and count characters;
/// `offset` and `len` are bytes, held in 32 bits as the line and column are: every value
/// read carries a position, and a national repository reads millions (a text beyond 4 GiB
/// is held at the limit, never wrapped; plan files are refused far below it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
    pub offset: u32,
    pub len: u32,
}

impl Pos {
    /// The byte offset where the place starts.
    pub fn start(&self) -> usize {
        self.offset as usize
    }

    /// The byte offset where the place ends.
    pub fn end(&self) -> usize {
        self.start() + self.len as usize
    }
}

/// A byte offset or length as a [`Pos`] holds it.
pub fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One YAML node with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub pos: Pos,
}

/// A text of the tree: most are short (keys, numbers, units) and need no allocation.
pub type SmallText = smartstring::alias::String;

/// `text` as a [`SmallText`], with one allocation where it is too long to keep inline:
/// smartstring's `From<&str>` makes a `String` first and then copies it into its own.
pub fn small_text(text: &str) -> SmallText {
    if text.len() <= smartstring::MAX_INLINE {
        return SmallText::from(text);
    }
    let mut small = SmallText::new();
    small.push_str(text);
    small
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// Text; up to 23 bytes are kept inline, without an allocation (keys, numbers, units).
    Str(SmallText),
    Seq(Vec<Node>),
    /// Entries in document order; repeated keys are kept, so the decoder can report them.
    Map(Vec<(Node, Node)>),
}

impl NodeKind {
    /// What a reader would call this kind of value, for "expected …, found …" messages.
    pub fn describe(&self) -> (&'static str, &'static str) {
        match self {
            NodeKind::Null => ("空值", "nothing"),
            NodeKind::Bool(_) => ("布尔值", "a boolean"),
            NodeKind::Int(_) => ("整数", "an integer"),
            NodeKind::Float(_) => ("数字", "a number"),
            NodeKind::Str(_) => ("文本", "text"),
            NodeKind::Seq(_) => ("列表", "a list"),
            NodeKind::Map(_) => ("映射", "a mapping"),
        }
    }
}

/// Why a text could not be read as YAML at all.
#[derive(Clone, Debug, PartialEq)]
pub struct YamlError {
    pub message: String,
    pub pos: Pos,
    /// True when the parser refused the text for exceeding a safety limit (alias
    /// expansion, depth, size) rather than for its syntax.
    pub limit: bool,
}

/// The limits a plan file is parsed under. Plans are small, hand-written files: these are
/// generous for them and tight for an attack. The largest real plan has a few thousand
/// nodes; a plan file is at most 16 MB (the binary refuses larger files before reading).
///
/// Alias bombs (an anchor of ten aliases of an anchor of ten aliases …, or one wide list
/// or one long text aliased many times) are bounded four ways: by the aliases replayed
/// (`max_total_replayed_events`), by the events kept for anchors
/// (`max_recorded_anchor_events`), by the scalar bytes read, replays included, and by the
/// aliases written. Each bomb of `tests/alias_bombs.rs` is refused under a memory cap, its
/// peak measured: at serde-saphyr's defaults (a million events replayed or recorded, 64 MiB
/// of scalars) a billion-laughs text peaked at 258 MB before it was refused.
pub(crate) fn options() -> Options {
    let mut budget = Budget::default();
    // A plan's deepest structure is sections in sections, about ten levels for a plan
    // with four heading levels. 32 is far more than any real plan needs, and keeps the
    // recursion of the deserializer shallow enough for a 2 MiB thread stack even in a
    // debug build (64 levels overflowed one; tested below).
    budget.max_depth = 32;
    budget.flow_nesting_limit = 32;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_nodes = 250_000;
    budget.max_events = 1_000_000;
    budget.max_total_scalar_bytes = 16 << 20;
    budget.max_recorded_anchor_events = 20_000;
    budget.max_recorded_anchor_bytes = 4 << 20;
    // The heuristic refuses a text with ten times more aliases than anchors, once it has a
    // hundred: a plan that writes `nature: *binding` on each of 120 rows. The limits on
    // replayed and recorded events bound what aliases cost, so the heuristic is not needed.
    budget.enforce_alias_anchor_ratio = false;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 20_000;
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    options.with_snippet = false;
    // YAML 1.1 read `no`, `yes`, `on` and `off` as booleans; a plan's `no:` (row number)
    // key must stay the text `no`.
    options.strict_booleans = true;
    // `.nan` and `.inf` arrive as the text they are; a plan's value is then read (and
    // reported) like any other text, instead of failing the whole file.
    options.non_finite_float_policy = NonFiniteFloatPolicy::AsString;
    options
}

/// Parses a YAML text into a node tree. An empty document is a `Null` node.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    if text.trim().is_empty() {
        return Ok(empty());
    }
    scan::parse(text)
        .or_else(|| events::parse(text))
        .map_or_else(|| parse_with_serde_saphyr(text), Ok)
}

/// What [`parse`]'s fast paths make of `text`: the line reader's tree and the event
/// reader's, each `None` where it leaves the text to the next (for tests and benchmarks).
#[doc(hidden)]
pub fn fast_paths(text: &str) -> (Option<Node>, Option<Node>) {
    (scan::parse(text), events::parse(text))
}

/// [`parse`] by serde-saphyr alone: the reference the fast path is held to.
#[doc(hidden)]
pub fn parse_with_serde_saphyr(text: &str) -> Result<Node, YamlError> {
    if text.trim().is_empty() {
        return Ok(empty());
    }
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options()) {
        Ok(raw) => Ok(lower(raw)),
        Err(err) => Err(to_error(&err, text)),
    }
}

fn empty() -> Node {
    Node {
        kind: NodeKind::Null,
        pos: Pos {
            line: 1,
            column: 1,
            offset: 0,
            len: 0,
        },
    }
}

/// The byte offset of a 1-based line and character column, clamped to the text.
pub fn offset_of(text: &str, line: u32, column: u32) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line as usize {
            let in_line = l
                .char_indices()
                .nth(column.saturating_sub(1) as usize)
                .map_or(l.trim_end_matches('\n').len(), |(b, _)| b);
            return offset + in_line;
        }
        offset += l.len();
    }
    text.len()
}

fn to_error(err: &serde_saphyr::Error, text: &str) -> YamlError {
    let mut pos = err.location().map(pos_of).unwrap_or(Pos {
        line: 1,
        column: 1,
        offset: 0,
        len: 0,
    });
    // Errors do not always carry a byte offset; derive it from the line and column so the
    // label lands where the message says.
    if pos.offset == 0 && (pos.line > 1 || pos.column > 1) {
        pos.offset = narrow(offset_of(text, pos.line, pos.column));
    }
    let message = first_line(&err.to_string());
    let lower = message.to_ascii_lowercase();
    let limit = ["budget", "limit", "exceed", "depth", "alias", "too many"]
        .iter()
        .any(|w| lower.contains(w));
    YamlError {
        message,
        pos,
        limit,
    }
}

/// serde-saphyr's message without a trailing location sentence or snippet; we show the
/// position ourselves.
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message).trim();
    match line.find(" at line ") {
        Some(i) => line[..i].to_string(),
        None => line.to_string(),
    }
}

fn pos_of(location: serde_saphyr::Location) -> Pos {
    let span = location.span();
    Pos {
        line: u32::try_from(location.line()).unwrap_or(u32::MAX),
        column: u32::try_from(location.column()).unwrap_or(u32::MAX),
        offset: span
            .byte_offset()
            .and_then(|o| u32::try_from(o).ok())
            .unwrap_or(0),
        len: span
            .byte_len()
            .and_then(|o| u32::try_from(o).ok())
            .unwrap_or(0),
    }
}

fn lower(raw: Spanned<Raw>) -> Node {
    let pos = pos_of(raw.referenced);
    let kind = match raw.value.0 {
        RawKind::Null => NodeKind::Null,
        RawKind::Bool(b) => NodeKind::Bool(b),
        RawKind::Int(i) => NodeKind::Int(i),
        RawKind::Float(f) => NodeKind::Float(f),
        RawKind::Str(s) => NodeKind::Str(s.into()),
        RawKind::Seq(items) => NodeKind::Seq(items.into_iter().map(lower).collect()),
        RawKind::Map(entries) => NodeKind::Map(
            entries
                .into_iter()
                .map(|(k, v)| (lower(k), lower(v)))
                .collect(),
        ),
    };
    Node { kind, pos }
}

/// The shape serde-saphyr fills; children are spanned so every node keeps its position.
struct Raw(RawKind);

enum RawKind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw(RawKind::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw(RawKind::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw(RawKind::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw(RawKind::Int(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw(match i64::try_from(v) {
            Ok(i) => RawKind::Int(i),
            Err(_) => RawKind::Float(v as f64),
        }))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Raw, E> {
        Ok(Raw(match i64::try_from(v) {
            Ok(i) => RawKind::Int(i),
            Err(_) => RawKind::Float(v as f64),
        }))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Raw, E> {
        Ok(Raw(match i64::try_from(v) {
            Ok(i) => RawKind::Int(i),
            Err(_) => RawKind::Float(v as f64),
        }))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw(RawKind::Float(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw(RawKind::Str(v.to_string())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Raw, E> {
        Ok(Raw(RawKind::Str(v)))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Raw, E> {
        Ok(Raw(RawKind::Str(String::from_utf8_lossy(v).into_owned())))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Raw>>()? {
            items.push(item);
        }
        Ok(Raw(RawKind::Seq(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Raw>>()? {
            let value = map.next_value::<Spanned<Raw>>()?;
            entries.push((key, value));
        }
        Ok(Raw(RawKind::Map(entries)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(node: &Node) -> Vec<(String, u32, u32)> {
        match &node.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .map(|(k, _)| match &k.kind {
                    NodeKind::Str(s) => (s.to_string(), k.pos.line, k.pos.column),
                    other => (format!("{other:?}"), k.pos.line, k.pos.column),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn keeps_positions_and_repeated_keys() {
        let text = "a: 1\nb: 规划\na: x\n";
        let node = parse(text).unwrap();
        assert_eq!(
            keys(&node),
            vec![("a".into(), 1, 1), ("b".into(), 2, 1), ("a".into(), 3, 1)]
        );
        let NodeKind::Map(entries) = &node.kind else {
            panic!()
        };
        let value = &entries[1].1;
        assert_eq!(value.kind, NodeKind::Str("规划".into()));
        assert_eq!(&text[value.pos.start()..value.pos.end()], "规划");
    }

    #[test]
    fn scalars_keep_their_types() {
        let node = parse("[1, 77.6, \"77.6\", 约束性, true, ~, 2022-02-10]").unwrap();
        let NodeKind::Seq(items) = node.kind else {
            panic!()
        };
        let kinds: Vec<_> = items.into_iter().map(|n| n.kind).collect();
        assert_eq!(
            kinds,
            vec![
                NodeKind::Int(1),
                NodeKind::Float(77.6),
                NodeKind::Str("77.6".into()),
                NodeKind::Str("约束性".into()),
                NodeKind::Bool(true),
                NodeKind::Null,
                NodeKind::Str("2022-02-10".into()),
            ]
        );
    }

    #[test]
    fn syntax_error_has_a_position() {
        let err = parse("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert!(err.pos.line >= 2, "{err:?}");
        assert!(!err.limit);
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let err = parse(&text).unwrap_err();
        assert!(err.limit, "{err:?}");
        assert!(err.pos.line >= 1);
    }

    /// The fast readers stay well inside the budget, so that a text near any of its
    /// limits is left to serde-saphyr, which refuses it with the limit's message.
    #[test]
    fn the_fast_readers_stay_within_half_the_budget() {
        use scan::limits;
        let options = options();
        let budget = options.budget.unwrap();
        assert!(2 * limits::NODES <= budget.max_nodes);
        assert!(2 * limits::SCALAR_BYTES <= budget.max_total_scalar_bytes);
        assert!(2 * limits::KEY_BYTES <= budget.simple_key_max_lookahead);
        assert!(2 * limits::ALIASES <= budget.max_aliases);
        assert!(2 * limits::ANCHORS <= budget.max_anchors);
        assert!(2 * limits::RECORDED_EVENTS <= budget.max_recorded_anchor_events);
        assert!(2 * limits::REPLAYED_EVENTS <= options.alias_limits.max_total_replayed_events);
        // Events: two for each collection, one for each scalar.
        assert!(4 * limits::NODES + 16 <= budget.max_events);
    }

    #[test]
    fn a_text_of_more_nodes_than_the_budget_is_refused_by_every_reader() {
        // Three hundred thousand nodes, in the line reader's layout and (with a carriage
        // return) in the event reader's.
        for end in ["\n", "\r\n"] {
            let text = format!("a: [{}]{end}", vec!["1"; 300_000].join(", "));
            assert_eq!(fast_paths(&text), (None, None));
            let err = parse(&text).unwrap_err();
            assert!(err.limit, "{err:?}");
        }
    }

    #[test]
    fn yes_and_no_are_text() {
        let node = parse("no: 1\nyes: on\n").unwrap();
        assert_eq!(keys(&node)[0].0, "no");
        assert_eq!(keys(&node)[1].0, "yes");
    }

    #[test]
    fn nesting_up_to_the_limit_fits_a_small_stack() {
        let text = format!("{}1{}", "[".repeat(31), "]".repeat(31));
        let handle = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || parse(&text).is_ok())
            .unwrap();
        assert!(handle.join().unwrap());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        let err = parse(&text).unwrap_err();
        assert_eq!(err.pos.line, 1, "{err:?}");
        let block: String = (0..200)
            .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
            .collect();
        let err = parse(&block).unwrap_err();
        assert!(err.pos.line > 1, "{err:?}");
    }
}
