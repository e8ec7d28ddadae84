//! The fastest path: plan files in the layouts people and tools write, read straight from
//! the text.
//!
//! Plan files use a modest part of YAML, whoever writes them: planlint's own generator,
//! PyYAML (`yaml.dump`, `yaml.safe_dump`, with or without `default_flow_style=None`), or a
//! person with an editor. This reader takes that part, line by line, and builds the
//! [`Node`] tree with the positions the YAML parser would give (line, character column,
//! byte offset and length of each node's first event). It is several times faster than the
//! event parser, which keeps every rule of YAML in view. What it takes:
//!
//! - block mappings and sequences, a sequence also at its key's indentation (`key:` then
//!   `- item` below it, as PyYAML writes), flow mappings and sequences (also broken over
//!   lines after a comma), comments and blank lines anywhere, a `---` first and `...` last;
//! - plain scalars, also folded over lines (in a flow collection too, as PyYAML folds a
//!   long value in a row); single- and double-quoted scalars, also over
//!   lines, with every escape of YAML (PyYAML's `"\u5A74\u513F…\` folding included);
//!   literal and folded block scalars (`|`, `|-`, `|+`, `>`, `>-`, `>+`);
//! - anchors and aliases (`&binding 约束性`, `*binding`), within limits far below
//!   serde-saphyr's budget, so that every text the budget refuses is left to it (and
//!   refused there): no anchor inside an anchored node, no alias inside one, and bounds on
//!   aliases, anchors, and the events and bytes they copy.
//!
//! **Invariant:** like [`super::events`], it returns exactly serde-saphyr's tree or `None`,
//! and `None` for anything outside the forms above: tabs, carriage returns, a byte-order
//! mark, directives, several documents, tags, complex keys, a flow collection broken
//! elsewhere than between its entries or inside a plain scalar, block scalars with an indentation indicator or leading blank lines, empty
//! sequence entries, plain scalars whose type [`super::events::scalar`] leaves open, and
//! texts near any limit of the budget (depth, nodes, scalar bytes, key length). The
//! differential test and the `yaml_differential` fuzz target hold it to this.

use super::events::scalar;
use super::{narrow, small_text, Node, NodeKind, Pos, SmallText};
use granit_parser::ScalarStyle;

/// Deeper than this, the slower readers decide.
const MAX_DEPTH: usize = 28;
/// The limits this reader stays under: each at most half of serde-saphyr's budget
/// (`super::options`, checked by a test), so that a text near a limit is left to the budget.
pub(super) mod limits {
    /// Nodes written in the text (the largest real plan has a few thousand).
    pub const NODES: usize = 100_000;
    /// Bytes of scalar values, those copied by aliases included.
    pub const SCALAR_BYTES: usize = 8 << 20;
    /// Bytes of a key, which the parser must look ahead over to find its colon.
    pub const KEY_BYTES: usize = 400;
    pub const ALIASES: usize = 500;
    pub const ANCHORS: usize = 500;
    /// Events of anchored nodes (which the parser records to replay them).
    pub const RECORDED_EVENTS: usize = 10_000;
    /// Events copied by aliases.
    pub const REPLAYED_EVENTS: usize = 10_000;
}

/// A line with content (not blank, not only a comment).
struct Line<'t> {
    /// 1-based line number.
    number: u32,
    /// Byte offset of the line in the text.
    start: usize,
    /// The line without its line break.
    text: &'t str,
    /// Leading spaces.
    indent: usize,
    /// Whether a line holding only a comment comes between the previous content line and
    /// this one (a plain scalar cannot go on over it).
    comment_before: bool,
    /// The last column asked for: a byte in the line and its 0-based column. Positions
    /// are asked for left to right, so a column is counted on from the last one, and a
    /// long flow line is not counted from its start for every value in it.
    counted: std::cell::Cell<(usize, usize)>,
}

/// The node tree of `text`, or `None` where a slower reader must decide.
pub(super) fn parse(text: &str) -> Option<Node> {
    if !printable(text) {
        return None;
    }
    // About as many lines as plan files have for their size (a guess: it saves growing).
    let mut lines = Vec::with_capacity(text.len() / 48 + 8);
    let mut start = 0;
    let mut comment_before = false;
    let (mut opened, mut closed) = (false, false);
    for (i, raw) in lines_of(text).enumerate() {
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let trimmed = line.trim_start_matches(' ');
        if trimmed.starts_with('#') {
            comment_before = true;
        } else if !trimmed.is_empty() {
            // `---` may open the document and `...` close it, each on a line of its own
            // (a comment may follow); other markers and directives are the parser's.
            if line.starts_with("---") || line.starts_with("...") || line.starts_with('%') {
                if marker(line, "---") && !opened && lines.is_empty() {
                    opened = true;
                } else if marker(line, "...") && !closed && !lines.is_empty() {
                    closed = true;
                } else {
                    return None;
                }
            } else if closed {
                return None;
            } else {
                lines.push(Line {
                    number: u32::try_from(i + 1).ok()?,
                    start,
                    text: line,
                    indent: line.len() - trimmed.len(),
                    comment_before,
                    counted: std::cell::Cell::new((0, 0)),
                });
            }
            comment_before = false;
        }
        start += raw.len();
    }
    let first = lines.first()?;
    if first.indent != 0 {
        return None;
    }
    let mut reader = Reader {
        source: text,
        lines,
        next: 0,
        state: State::default(),
    };
    let node = reader.block(0, 0)?;
    (reader.next == reader.lines.len()).then_some(node)
}

/// The lines of `text`, each with its line break (the last one may have none), as
/// `split_inclusive('\n')` gives them.
pub fn lines_of(text: &str) -> impl Iterator<Item = &str> {
    let last = (!text.is_empty() && !text.ends_with('\n')).then_some(text.len());
    let ends = memchr::memchr_iter(b'\n', text.as_bytes())
        .map(|i| i + 1)
        .chain(last);
    let mut start = 0;
    ends.map(move |end| {
        let line = &text[start..end];
        start = end;
        line
    })
}

/// Whether `text` holds only YAML's printable characters, comments included, and no tabs,
/// carriage returns or byte-order marks (whose rules this reader leaves to the parser).
/// Byte by byte, as the text is valid UTF-8: the characters refused are the ASCII controls
/// other than the line break and DEL; the C1 controls other than NEL (U+0080 to U+009F,
/// `C2 80` to `C2 9F`); and U+FEFF, U+FFFE and U+FFFF (`EF BB BF`, `EF BF BE`, `EF BF BF`).
fn printable(text: &str) -> bool {
    let bytes = text.as_bytes();
    // 64 bytes at a time, each byte with the one after it, a test the compiler turns into
    // vector instructions: it flags every refused character, and a few others (NEL, and
    // `EF BB` or `EF BF` before other bytes), which the exact test below then lets pass.
    let mut start = 0;
    while start + 1 < bytes.len() {
        let end = (start + 64).min(bytes.len() - 1);
        let flagged =
            bytes[start..end]
                .iter()
                .zip(&bytes[start + 1..=end])
                .fold(false, |flag, (&c, &d)| {
                    flag | ((c < 0x20) & (c != b'\n'))
                        | (c == 0x7f)
                        | ((c == 0xc2) & (d < 0xa0))
                        | ((c == 0xef) & ((d == 0xbb) | (d == 0xbf)))
                });
        if flagged && !printable_exactly(&bytes[start..], end - start) {
            return false;
        }
        start = end;
    }
    // The last byte (a whole character: the text is valid UTF-8).
    bytes
        .last()
        .is_none_or(|&c| c >= 0x20 && c != 0x7f || c == b'\n')
}

/// The exact test of [`printable`] on the first `len` bytes of `bytes` (looking past them
/// for the rest of a character).
fn printable_exactly(bytes: &[u8], len: usize) -> bool {
    for i in 0..len {
        match bytes[i] {
            b'\n' | b' '..=b'~' => {}
            0..=0x7f => return false,
            0xc2 => {
                if matches!(bytes.get(i + 1), Some(0x80..=0x84 | 0x86..=0x9f)) {
                    return false;
                }
            }
            0xef => {
                if matches!(
                    (bytes.get(i + 1), bytes.get(i + 2)),
                    (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
                ) {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

/// Where a comment starts in `text`: the space before the first `#` that follows a space.
fn comment_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = bytes[from..].iter().position(|&b| b == b'#') {
        let i = from + i;
        if i > 0 && bytes[i - 1] == b' ' {
            return Some(i - 1);
        }
        from = i + 1;
    }
    None
}

/// Whether `text` holds `: ` (a colon that would start a mapping value).
fn has_colon_space(text: &str) -> bool {
    text.as_bytes().windows(2).any(|w| w == b": ")
}

/// Whether `line` is the document marker `marker`, alone or followed by a comment.
fn marker(line: &str, marker: &str) -> bool {
    match line.strip_prefix(marker) {
        Some(rest) => {
            let after = rest.trim_start_matches(' ');
            after.is_empty() || (after.starts_with('#') && after.len() < rest.len())
        }
        None => false,
    }
}

/// What the reader counts against [`limits`], and the anchors defined so far.
#[derive(Default)]
struct State<'t> {
    nodes: usize,
    bytes: usize,
    aliases: usize,
    recorded: usize,
    replayed: usize,
    anchors: Vec<Anchor<'t>>,
    /// The items and entries of the collections being read, innermost last: each
    /// collection's are moved into a vector of their own, of the right size, when it ends
    /// (instead of each collection growing its own vector entry by entry).
    items: Vec<Node>,
    entries: Vec<(Node, Node)>,
    /// Whether an anchored node is being read (anchors and aliases inside one are left to
    /// the parser, whose accounting of them this reader does not repeat).
    anchoring: bool,
}

struct Anchor<'t> {
    name: &'t str,
    node: Node,
    /// The events the node is made of, how deep it nests, and its scalars' bytes.
    events: usize,
    height: usize,
    bytes: usize,
}

impl<'t> State<'t> {
    /// Counts a node read from the text, with `bytes` of scalar value.
    fn count(&mut self, bytes: usize) -> Option<()> {
        self.nodes += 1;
        self.bytes += bytes;
        (self.nodes <= limits::NODES && self.bytes <= limits::SCALAR_BYTES).then_some(())
    }

    fn begin_anchor(&mut self) -> Option<()> {
        if self.anchoring || self.anchors.len() >= limits::ANCHORS {
            return None;
        }
        self.anchoring = true;
        Some(())
    }

    /// Defines anchor `name` for `node`; a name defined twice is left to the parser.
    fn end_anchor(&mut self, name: &'t str, node: &Node) -> Option<()> {
        self.anchoring = false;
        if self.anchors.iter().any(|a| a.name == name) {
            return None;
        }
        let (events, height, bytes) = measure(node);
        self.recorded += events;
        if self.recorded > limits::RECORDED_EVENTS {
            return None;
        }
        self.anchors.push(Anchor {
            name,
            node: node.clone(),
            events,
            height,
            bytes,
        });
        Some(())
    }

    /// The node alias `name` stands for, at `pos`, `depth` collections deep: a copy of the
    /// anchored node in which every node has the alias's position, as serde-saphyr gives it.
    fn alias(&mut self, name: &str, pos: Pos, depth: usize) -> Option<Node> {
        if self.anchoring {
            return None;
        }
        let anchor = self.anchors.iter().find(|a| a.name == name)?;
        self.aliases += 1;
        self.replayed += anchor.events;
        self.bytes += anchor.bytes;
        let within = self.aliases <= limits::ALIASES
            && self.replayed <= limits::REPLAYED_EVENTS
            && self.bytes <= limits::SCALAR_BYTES
            && depth + anchor.height < MAX_DEPTH;
        within.then(|| relocated(&anchor.node, pos))
    }
}

/// The events a node is made of, the collections it nests, and the bytes of its scalars.
fn measure(node: &Node) -> (usize, usize, usize) {
    match &node.kind {
        NodeKind::Seq(items) => items
            .iter()
            .map(measure)
            .fold((2, 1, 0), |a, m| (a.0 + m.0, a.1.max(m.1 + 1), a.2 + m.2)),
        NodeKind::Map(entries) => entries.iter().fold((2, 1, 0), |a, (k, v)| {
            let (k, v) = (measure(k), measure(v));
            (
                a.0 + k.0 + v.0,
                a.1.max(k.1 + 1).max(v.1 + 1),
                a.2 + k.2 + v.2,
            )
        }),
        NodeKind::Str(s) => (1, 0, s.len()),
        _ => (1, 0, 0),
    }
}

/// `node` with every position replaced by `pos`.
fn relocated(node: &Node, pos: Pos) -> Node {
    let kind = match &node.kind {
        NodeKind::Seq(items) => NodeKind::Seq(items.iter().map(|n| relocated(n, pos)).collect()),
        NodeKind::Map(entries) => NodeKind::Map(
            entries
                .iter()
                .map(|(k, v)| (relocated(k, pos), relocated(v, pos)))
                .collect(),
        ),
        other => other.clone(),
    };
    Node { kind, pos }
}

struct Reader<'t> {
    source: &'t str,
    lines: Vec<Line<'t>>,
    /// The next line to read.
    next: usize,
    state: State<'t>,
}

impl<'t> Reader<'t> {
    /// The block node starting at the next line, which is indented by `indent`.
    fn block(&mut self, indent: usize, depth: usize) -> Option<Node> {
        let line = self.lines.get(self.next)?;
        if line.indent != indent {
            return None;
        }
        let rest = &line.text[indent..];
        if rest == "-" || rest.starts_with("- ") {
            self.sequence(indent, depth, false)
        } else {
            self.mapping(indent, depth)
        }
    }

    /// A block sequence whose dashes are indented by `indent`; `indentless` when it is
    /// the value of a key at that same indentation.
    fn sequence(&mut self, indent: usize, depth: usize, indentless: bool) -> Option<Node> {
        if depth >= MAX_DEPTH {
            return None;
        }
        let mut pos = None;
        let base = self.state.items.len();
        while let Some(line) = self.lines.get(self.next) {
            if line.indent < indent {
                break;
            }
            let rest = &line.text[line.indent..];
            if line.indent > indent || !rest.starts_with("- ") {
                if line.indent == indent && !rest.starts_with('-') {
                    break;
                }
                return None;
            }
            // The item's content, after the dash and its spaces.
            let content = indent + 1 + rest[1..].len() - rest[1..].trim_start_matches(' ').len();
            let item = &line.text[content..];
            if item.starts_with('-') || item.starts_with('#') || item.is_empty() {
                return None;
            }
            // A sequence starts at its first dash; one at its key's indentation, at the
            // first item's content (where the parser's first token after the dash is).
            pos.get_or_insert_with(|| at(line, if indentless { content } else { indent }, 0));
            let item = if key_end(item).is_some() {
                // A mapping that starts on the dash's line: its keys line up with this one.
                self.mapping(content, depth + 1)?
            } else {
                let (item, next) = self.inline(self.next, content, indent, depth + 1)?;
                self.next = next;
                self.no_continuation(indent)?;
                item
            };
            self.state.items.push(item);
        }
        self.state.count(0)?;
        Some(Node {
            kind: NodeKind::Seq(self.state.items.drain(base..).collect()),
            pos: pos?,
        })
    }

    /// A block mapping whose keys are indented by `indent`; its first key may sit on a
    /// sequence entry's line (`- key: value`).
    fn mapping(&mut self, indent: usize, depth: usize) -> Option<Node> {
        if depth >= MAX_DEPTH {
            return None;
        }
        let first = self.next;
        let pos = at(&self.lines[first], indent, 0);
        let base = self.state.entries.len();
        while let Some(line) = self.lines.get(self.next) {
            let on_dash_line = self.next == first && indent != line.indent;
            if !on_dash_line {
                if line.indent < indent {
                    break;
                }
                if line.indent != indent {
                    return None;
                }
            }
            let number = self.next;
            let body = &line.text[indent..];
            let colon = key_end(body)?;
            let key = key_node(line, indent, colon, &mut self.state)?;
            // What follows the colon on this line.
            let after = &body[colon + 1..];
            let value_start =
                indent + colon + 1 + after.len() - after.trim_start_matches(' ').len();
            let value_text = &line.text[value_start..];
            // `key_end` saw a space or the line's end after the colon, so a comment here
            // follows a space.
            let anchor =
                anchored(value_text).filter(|(_, rest)| rest.is_empty() || rest.starts_with('#'));
            let value = if value_text.is_empty() || value_text.starts_with('#') {
                let null = at(line, indent + colon, 0);
                self.next += 1;
                match self.nested(indent, depth)? {
                    Some(node) => node,
                    None => {
                        self.state.count(0)?;
                        Node {
                            kind: NodeKind::Null,
                            pos: null,
                        }
                    }
                }
            } else if let Some((name, _)) = anchor {
                // `key: &name` and a block collection below it.
                self.next += 1;
                self.state.begin_anchor()?;
                let node = self.nested(indent, depth)??;
                self.state.end_anchor(name, &node)?;
                node
            } else {
                let (value, next) = self.inline(number, value_start, indent, depth + 1)?;
                self.next = next;
                self.no_continuation(indent)?;
                value
            };
            self.state.entries.push((key, value));
        }
        self.state.count(0)?;
        Some(Node {
            kind: NodeKind::Map(self.state.entries.drain(base..).collect()),
            pos,
        })
    }

    /// The block collection below a key indented by `indent` whose value is not on its
    /// line: deeper lines, or a sequence at the key's indentation; `Some(None)` when there
    /// is none (the value is null).
    fn nested(&mut self, indent: usize, depth: usize) -> Option<Option<Node>> {
        match self.lines.get(self.next) {
            Some(next) if next.indent > indent => self.block(next.indent, depth + 1).map(Some),
            Some(next) if next.indent == indent && next.text[indent..].starts_with('-') => {
                self.sequence(indent, depth + 1, true).map(Some)
            }
            _ => Some(None),
        }
    }

    /// After a value: the next line must not continue it (be indented deeper).
    fn no_continuation(&self, indent: usize) -> Option<()> {
        match self.lines.get(self.next) {
            Some(next) if next.indent > indent => None,
            _ => Some(()),
        }
    }

    /// The value that starts at byte `from` of line `number`, followed only by spaces
    /// and a comment, and the next line after it: a flow collection or a quoted scalar may
    /// go on over lines indented deeper than `owner` (the indentation of the key or dash
    /// it belongs to), a plain scalar may be folded over them, and a block scalar's lines
    /// follow its header.
    fn inline(
        &mut self,
        number: usize,
        from: usize,
        owner: usize,
        depth: usize,
    ) -> Option<(Node, usize)> {
        let text: &'t str = self.lines[number].text;
        let rest = &text[from..];
        match rest.as_bytes()[0] {
            b'&' => {
                let (name, after) = anchored(rest)?;
                if after.is_empty() || after.starts_with('#') {
                    return None;
                }
                let value_from = from + rest.len() - after.len();
                self.state.begin_anchor()?;
                let (node, next) = self.inline(number, value_from, owner, depth)?;
                self.state.end_anchor(name, &node)?;
                Some((node, next))
            }
            b'*' => {
                let name = anchor_name(&rest[1..])?;
                let pos = at(&self.lines[number], from, 1 + name.len());
                let node = self.state.alias(name, pos, depth)?;
                let mut cursor = self.cursor(number, from + 1 + name.len(), owner, depth);
                cursor.end_of_line()?;
                Some((node, number + 1))
            }
            b'|' | b'>' => self.block_scalar(number, from, owner),
            b'{' | b'[' | b'"' | b'\'' => {
                let mut cursor = self.cursor(number, from, owner, depth);
                let node = if rest.starts_with(['{', '[']) {
                    cursor.flow()?
                } else {
                    cursor.quoted()?
                };
                cursor.end_of_line()?;
                Some((node, cursor.line + 1))
            }
            _ => {
                let end = comment_start(rest);
                let value = rest[..end.unwrap_or(rest.len())].trim_end_matches(' ');
                if !plain_start(value) || has_colon_space(value) || value.ends_with(':') {
                    return None;
                }
                if end.is_none() {
                    if let Some(folded) = self.folded_plain(number, from, value, owner) {
                        return folded;
                    }
                }
                self.state.count(value.len())?;
                let node = plain(&self.lines[number], from, value)?;
                let mut cursor = self.cursor(number, from + value.len(), owner, depth);
                cursor.end_of_line()?;
                Some((node, number + 1))
            }
        }
    }

    fn cursor<'r>(
        &'r mut self,
        line: usize,
        at: usize,
        owner: usize,
        depth: usize,
    ) -> Cursor<'r, 't> {
        Cursor {
            source: self.source,
            lines: &self.lines,
            state: &mut self.state,
            line,
            at,
            depth,
            owner,
        }
    }

    /// A plain scalar `value` at byte `from` of line `number` that goes on over the lines
    /// below it (indented deeper than `owner`), folded into one: `None` when it does not go
    /// on (the caller reads it as one line), `Some(None)` when the lines below are not
    /// what this reader takes, or the scalar and the next line.
    #[allow(clippy::option_option)]
    fn folded_plain(
        &mut self,
        number: usize,
        from: usize,
        value: &str,
        owner: usize,
    ) -> Option<Option<(Node, usize)>> {
        let mut last = number;
        let mut text = String::new();
        while let Some(line) = self.lines.get(last + 1) {
            if line.indent <= owner {
                break;
            }
            let part = line.text[line.indent..].trim_end_matches(' ');
            let continues = !line.comment_before
                && comment_start(part).is_none()
                && !has_colon_space(part)
                && !part.ends_with(':')
                && plain_start(part)
                && !part.starts_with('-');
            if !continues {
                return Some(None);
            }
            if text.is_empty() {
                text.push_str(value);
            }
            let blank = line.number - self.lines[last].number - 1;
            if blank == 0 {
                text.push(' ');
            } else {
                (0..blank).for_each(|_| text.push('\n'));
            }
            text.push_str(part);
            last += 1;
        }
        if last == number {
            return None;
        }
        let first = &self.lines[number];
        let end = self.lines[last].start + self.lines[last].indent;
        let end = end
            + self.lines[last].text[self.lines[last].indent..]
                .trim_end_matches(' ')
                .len();
        let Some(()) = self.state.count(text.len()) else {
            return Some(None);
        };
        let Some(kind) = scalar(&text, ScalarStyle::Plain) else {
            return Some(None);
        };
        let node = Node {
            kind,
            pos: at(first, from, end - (first.start + from)),
        };
        Some(Some((node, last + 1)))
    }

    /// A literal or folded block scalar whose header (`|`, `>-`, …) is at byte `from` of
    /// line `number`, and the next line after it. Its content is the lines below indented
    /// deeper than `owner`, read from the text itself: a line in it that looks like a
    /// comment or a key is content.
    fn block_scalar(&mut self, number: usize, from: usize, owner: usize) -> Option<(Node, usize)> {
        let line = &self.lines[number];
        let header = &line.text[from..];
        let literal = header.starts_with('|');
        let chomp = header.as_bytes().get(1).copied();
        let after = match chomp {
            Some(b'-' | b'+') => &header[2..],
            _ => &header[1..],
        };
        let trailing = after.trim_start_matches(' ');
        if !(trailing.is_empty() || (trailing.starts_with('#') && trailing.len() < after.len())) {
            // An indentation indicator, or anything else after the header.
            return None;
        }
        let source = self.source;
        let mut at_byte = line.start + line.text.len() + 1;
        if at_byte > source.len() {
            return None;
        }
        let mut indent: Option<usize> = None;
        let mut value = String::new();
        let mut blank = 0usize;
        let mut first_start = None;
        let mut last_has_break = false;
        let end = loop {
            if at_byte >= source.len() {
                break source.len();
            }
            let break_at = source[at_byte..].find('\n').map(|i| at_byte + i);
            let raw = &source[at_byte..break_at.unwrap_or(source.len())];
            let content = raw.trim_start_matches(' ');
            let spaces = raw.len() - content.len();
            if content.is_empty() {
                // A blank line: content, unless the scalar has not started (leading blank
                // lines), its spaces go beyond the scalar's indentation, or it is the
                // text's last line, without a line break.
                match indent {
                    Some(m) if spaces <= m && break_at.is_some() => blank += 1,
                    _ => return None,
                }
            } else {
                let m = match indent {
                    Some(m) => m,
                    // The first line sets the indentation; one not below the owner's
                    // leaves the scalar empty.
                    None if spaces > owner => *indent.insert(spaces),
                    None => return None,
                };
                if spaces < m {
                    // The line that ends the scalar, which must be back at or above the
                    // owner's level; the scalar's span ends where its first token starts.
                    if spaces > owner {
                        return None;
                    }
                    break at_byte + spaces;
                }
                let text = &raw[m..];
                if !literal && text.starts_with(' ') {
                    // More indented lines of a folded scalar keep their breaks.
                    return None;
                }
                if first_start.is_none() {
                    first_start = Some(at_byte);
                } else if literal {
                    (0..=blank).for_each(|_| value.push('\n'));
                } else if blank == 0 {
                    value.push(' ');
                } else {
                    (0..blank).for_each(|_| value.push('\n'));
                }
                value.push_str(text);
                blank = 0;
                last_has_break = break_at.is_some();
            }
            match break_at {
                Some(b) => at_byte = b + 1,
                None => break source.len(),
            }
        };
        let (m, first_start) = (indent?, first_start?);
        if !last_has_break {
            // The text ends on the scalar's last line: the parser's rules for its final
            // line break there are its own.
            return None;
        }
        match chomp {
            Some(b'-') => {}
            Some(b'+') => {
                if last_has_break {
                    value.push('\n');
                }
                (0..blank).for_each(|_| value.push('\n'));
            }
            _ => {
                if last_has_break {
                    value.push('\n');
                }
            }
        }
        self.state.count(value.len())?;
        let offset = first_start + m;
        // Reading goes on at the line that ended the scalar (where its first token is).
        let next = self.lines.partition_point(|l| l.start + l.indent < end);
        // The first content line is the one after the header (no blank lines lead).
        let pos = Pos {
            line: line.number + 1,
            column: u32::try_from(m + 1).ok()?,
            offset: narrow(offset),
            len: narrow(end - offset),
        };
        Some((
            Node {
                kind: NodeKind::Str(value.into()),
                pos,
            },
            next,
        ))
    }
}

/// An anchor `&name` at the start of `text`: the name, and what follows it and its spaces.
/// `None` unless at least one space or the end of the text follows the name.
fn anchored(text: &str) -> Option<(&str, &str)> {
    let name = anchor_name(text.strip_prefix('&')?)?;
    let after = &text[1 + name.len()..];
    let rest = after.trim_start_matches(' ');
    (after.is_empty() || rest.len() < after.len()).then_some((name, rest))
}

/// The anchor or alias name `text` starts with: ASCII letters, digits, `_` and `-` (the
/// names people write; others are left to the parser, which knows where they end).
fn anchor_name(text: &str) -> Option<&str> {
    let len = text
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
        .count();
    (len > 0).then(|| &text[..len])
}

/// Where the colon that ends a block mapping key is, in `body` (which starts with the
/// key); `None` when `body` is not `key:` followed by a space or the line's end.
fn key_end(body: &str) -> Option<usize> {
    let first = body.as_bytes().first()?;
    if *first == b'"' || *first == b'\'' {
        let (close, _) = quoted_len(body)?;
        return (body[close..].starts_with(": ") || &body[close..] == ":").then_some(close);
    }
    if !plain_start(body) {
        return None;
    }
    // One pass over the key: the first colon followed by a space or the line's end ends
    // it; a comment before it, or a flow indicator in it, leaves the line to the parser.
    let bytes = body.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b':' if matches!(bytes.get(i + 1), None | Some(b' ')) => {
                // `a: b: c`, or a key ending in spaces: the parser decides.
                return (i > 0 && bytes[i - 1] != b' ').then_some(i);
            }
            b'#' if i > 0 && bytes[i - 1] == b' ' => return None,
            b'{' | b'[' | b']' | b'}' | b',' => return None,
            _ => {}
        }
    }
    None
}

/// The key of a block mapping entry, `colon` bytes after its start at `from`.
fn key_node<'t>(line: &Line<'t>, from: usize, colon: usize, state: &mut State<'t>) -> Option<Node> {
    if colon > limits::KEY_BYTES {
        return None;
    }
    let text = &line.text[from..from + colon];
    let node = if text.starts_with(['"', '\'']) {
        let mut cursor = Cursor {
            source: "",
            lines: std::slice::from_ref(line),
            state,
            line: 0,
            at: from,
            depth: 0,
            owner: 0,
        };
        let node = cursor.quoted()?;
        (cursor.at == from + colon).then_some(node)?
    } else {
        state.count(text.len())?;
        plain(line, from, text)?
    };
    // `<<` is a merge key to serde-saphyr.
    if matches!(&node.kind, NodeKind::Str(s) if s == "<<") {
        return None;
    }
    Some(node)
}

/// Whether a plain scalar may start this way (and this reader takes it).
fn plain_start(text: &str) -> bool {
    let bytes = text.as_bytes();
    match bytes.first() {
        None => false,
        Some(b'-') => bytes.get(1).is_some_and(|&c| c != b' ' && c != b'-'),
        Some(c) => !matches!(
            c,
            b'?' | b':'
                | b','
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'#'
                | b'&'
                | b'*'
                | b'!'
                | b'|'
                | b'>'
                | b'\''
                | b'"'
                | b'%'
                | b'@'
                | b'`'
        ),
    }
}

/// A plain scalar `value` at byte `from` of `line`.
fn plain(line: &Line, from: usize, value: &str) -> Option<Node> {
    Some(Node {
        kind: scalar(value, ScalarStyle::Plain)?,
        pos: at(line, from, value.len()),
    })
}

/// The length in bytes of the quoted scalar `text` starts with, quotes included, where it
/// closes on this line, and whether it holds an escape (`\` in double quotes, `''` in
/// single quotes).
fn quoted_len(text: &str) -> Option<(usize, bool)> {
    let bytes = text.as_bytes();
    let quote = bytes[0];
    let mut escaped = false;
    let mut i = 1;
    loop {
        // The next byte that ends or escapes (a quote, or in double quotes a backslash),
        // found a vector at a time: the text between is most of a plan's bytes.
        let rest = bytes.get(i..)?;
        let at = i + match quote {
            b'"' => memchr::memchr2(b'"', b'\\', rest),
            _ => memchr::memchr(quote, rest),
        }?;
        if bytes[at] == b'\\' || bytes.get(at + 1) == Some(&quote) && quote == b'\'' {
            escaped = true;
            i = at + 2;
        } else {
            return Some((at + 1, escaped));
        }
    }
}

/// The position of `len` bytes at byte `from` of `line`.
fn at(line: &Line, from: usize, len: usize) -> Pos {
    let (byte, column) = match line.counted.get() {
        (byte, column) if byte <= from => (byte, column),
        _ => (0, 0),
    };
    // Characters counted as the bytes that start one (a line is valid UTF-8): a loop the
    // compiler vectorises, where counting `chars()` of a short piece goes byte by byte.
    let column = column
        + line.text.as_bytes()[byte..from]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count();
    line.counted.set((from, column));
    Pos {
        line: line.number,
        column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        offset: narrow(line.start + from),
        len: narrow(len),
    }
}

/// Reading a value: within a line, and over lines in a flow collection or a quoted scalar.
struct Cursor<'r, 't> {
    /// The whole text (a quoted scalar over lines is read from it, blank lines included).
    source: &'t str,
    lines: &'r [Line<'t>],
    state: &'r mut State<'t>,
    /// The line read, and the byte in it.
    line: usize,
    at: usize,
    depth: usize,
    /// Lines a flow collection goes on over are indented deeper than this.
    owner: usize,
}

impl<'t> Cursor<'_, 't> {
    fn current(&self) -> &Line<'t> {
        &self.lines[self.line]
    }

    fn rest(&self) -> &'t str {
        let text: &'t str = self.lines[self.line].text;
        &text[self.at..]
    }

    /// Spaces, and where a flow collection may break its line, a comment and the line
    /// break: up to the next token.
    fn gap(&mut self) -> Option<()> {
        loop {
            let before = self.at;
            self.spaces();
            let rest = self.rest();
            if !(rest.is_empty() || (rest.starts_with('#') && self.at > before)) {
                return Some(());
            }
            let next = self.lines.get(self.line + 1)?;
            if next.indent <= self.owner {
                return None;
            }
            self.line += 1;
            self.at = next.indent;
        }
    }

    fn spaces(&mut self) {
        self.at += self.rest().bytes().take_while(|&b| b == b' ').count();
    }

    /// Only spaces and a comment (after a space) may follow.
    fn end_of_line(&mut self) -> Option<()> {
        let before = self.at;
        self.spaces();
        let rest = self.rest();
        (rest.is_empty() || (rest.starts_with('#') && self.at > before)).then_some(())
    }

    /// A flow mapping or sequence.
    fn flow(&mut self) -> Option<Node> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        let open = self.rest().as_bytes()[0];
        let pos = at(self.current(), self.at, 1);
        let close = if open == b'{' { b'}' } else { b']' };
        self.at += 1;
        self.depth += 1;
        let (items, entries) = (self.state.items.len(), self.state.entries.len());
        self.gap()?;
        if self.rest().as_bytes().first() == Some(&close) {
            self.at += 1;
        } else {
            loop {
                if open == b'{' {
                    let line = self.line;
                    let key = self.flow_scalar(true)?;
                    // A key on one line, not too long for the parser to look ahead over.
                    if self.line != line || key.pos.len as usize > limits::KEY_BYTES {
                        return None;
                    }
                    if matches!(&key.kind, NodeKind::Str(s) if s == "<<") {
                        return None;
                    }
                    if !self.rest().starts_with(": ") {
                        return None;
                    }
                    self.at += 1;
                    self.spaces();
                    let value = self.flow_value()?;
                    self.state.entries.push((key, value));
                } else {
                    let item = self.flow_value()?;
                    self.state.items.push(item);
                }
                self.gap()?;
                match self.rest().as_bytes().first() {
                    Some(b',') => {
                        self.at += 1;
                        self.gap()?;
                        // A trailing comma, or an empty entry: the parser decides.
                        if matches!(
                            self.rest().as_bytes().first(),
                            None | Some(b',' | b'}' | b']')
                        ) {
                            return None;
                        }
                    }
                    Some(&b) if b == close => {
                        self.at += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.depth -= 1;
        self.state.count(0)?;
        let kind = if open == b'{' {
            NodeKind::Map(self.state.entries.drain(entries..).collect())
        } else {
            NodeKind::Seq(self.state.items.drain(items..).collect())
        };
        Some(Node { kind, pos })
    }

    fn flow_value(&mut self) -> Option<Node> {
        match self.rest().as_bytes().first()? {
            b'&' => {
                let name = anchor_name(&self.rest()[1..])?;
                self.at += 1 + name.len();
                let before = self.at;
                self.spaces();
                if self.at == before || self.rest().starts_with(['&', '*', ',', ']', '}', '#']) {
                    return None;
                }
                self.state.begin_anchor()?;
                let node = match self.rest().as_bytes().first()? {
                    b'{' | b'[' => self.flow()?,
                    _ => self.flow_scalar(false)?,
                };
                self.state.end_anchor(name, &node)?;
                Some(node)
            }
            b'*' => {
                let name = anchor_name(&self.rest()[1..])?;
                let pos = at(self.current(), self.at, 1 + name.len());
                self.at += 1 + name.len();
                if !matches!(
                    self.rest().as_bytes().first(),
                    None | Some(b' ' | b',' | b']' | b'}')
                ) {
                    return None;
                }
                self.state.alias(name, pos, self.depth)
            }
            b'{' | b'[' => self.flow(),
            _ => self.flow_scalar(false),
        }
    }

    /// A quoted or plain scalar in a flow collection; a key ends before `: `.
    fn flow_scalar(&mut self, key: bool) -> Option<Node> {
        if self.rest().starts_with(['"', '\'']) {
            return self.quoted();
        }
        let rest = self.rest();
        let end = rest
            .bytes()
            .position(|b| matches!(b, b',' | b'[' | b']' | b'{' | b'}' | b':' | b'#'))
            .unwrap_or(rest.len());
        let value = rest[..end].trim_end_matches(' ');
        // A plain scalar in a flow collection that holds `:` or `#`, or meets a bracket,
        // is the parser's to read.
        match rest.as_bytes().get(end) {
            Some(b':') if key && value.len() == end => {}
            Some(b',' | b']' | b'}') if !key => {}
            None if !key => return self.flow_plain_lines(value),
            _ => return None,
        }
        if !plain_start(value) {
            return None;
        }
        self.state.count(value.len())?;
        let node = plain(self.current(), self.at, value)?;
        self.at += value.len();
        Some(node)
    }

    /// A plain scalar in a flow collection that starts with `first`, the rest of its line,
    /// and goes on over the lines below (as PyYAML folds a long one), up to the `,`, `]` or
    /// `}` after it: its lines folded into one, blank lines into line breaks.
    fn flow_plain_lines(&mut self, first: &'t str) -> Option<Node> {
        if !plain_start(first) {
            return None;
        }
        let (start_line, start_at) = (self.line, self.at);
        let mut text = String::from(first);
        let mut last = self.line;
        let last_len = loop {
            let line = self.lines.get(last + 1)?;
            if line.indent <= self.owner || line.comment_before {
                return None;
            }
            let body = &line.text[line.indent..];
            let stop = body
                .bytes()
                .position(|b| matches!(b, b',' | b'[' | b']' | b'{' | b'}' | b':' | b'#'))
                .unwrap_or(body.len());
            let part = body[..stop].trim_end_matches(' ');
            if !plain_start(part) || part.starts_with('-') {
                return None;
            }
            let blank = line.number - self.lines[last].number - 1;
            if blank == 0 {
                text.push(' ');
            } else {
                (0..blank).for_each(|_| text.push('\n'));
            }
            text.push_str(part);
            last += 1;
            match body.as_bytes().get(stop) {
                None => {}
                Some(b',' | b']' | b'}') => break part.len(),
                _ => return None,
            }
        };
        self.state.count(text.len())?;
        let kind = scalar(&text, ScalarStyle::Plain)?;
        let (first_line, end_line) = (&self.lines[start_line], &self.lines[last]);
        let end = end_line.start + end_line.indent + last_len;
        let pos = at(first_line, start_at, end - (first_line.start + start_at));
        self.line = last;
        self.at = end_line.indent + last_len;
        Some(Node { kind, pos })
    }

    /// A single- or double-quoted scalar.
    fn quoted(&mut self) -> Option<Node> {
        let rest = self.rest();
        let Some((len, escaped)) = quoted_len(rest) else {
            return self.quoted_lines();
        };
        let inner = &rest[1..len - 1];
        let value: SmallText = match (escaped, rest.starts_with('\'')) {
            (false, _) => small_text(inner),
            (true, true) => inner.replace("''", "'").into(),
            (true, false) => unescape(inner)?,
        };
        self.state.count(value.len())?;
        let node = Node {
            kind: NodeKind::Str(value),
            pos: at(self.current(), self.at, len),
        };
        self.at += len;
        Some(node)
    }

    /// A quoted scalar that goes on over lines, read from the text: each line break is
    /// folded into a space, blank lines into line breaks, and in double quotes an escaped
    /// line break (`\` last on the line) into nothing. Its lines must be indented deeper
    /// than the owner's.
    fn quoted_lines(&mut self) -> Option<Node> {
        let bytes = self.source.as_bytes();
        let open = self.current().start + self.at;
        let quote = *bytes.get(open)?;
        let mut value = String::new();
        // Spaces before a line break are dropped, but not those an escape wrote.
        let mut kept = 0;
        let mut i = open + 1;
        let close = loop {
            match *bytes.get(i)? {
                b'"' if quote == b'"' => break i,
                b'\'' if quote == b'\'' => {
                    if bytes.get(i + 1) != Some(&b'\'') {
                        break i;
                    }
                    value.push('\'');
                    i += 2;
                    kept = value.len();
                }
                b'\\' if quote == b'"' && bytes.get(i + 1) == Some(&b'\n') => {
                    // An escaped line break: the next line's indentation is dropped too.
                    i = self.next_line(i + 2, false)?.0;
                    kept = value.len();
                }
                b'\\' if quote == b'"' => {
                    let (c, len) = escape(&self.source[i + 1..])?;
                    value.push(c);
                    i += 1 + len;
                    kept = value.len();
                }
                b'\n' => {
                    let trimmed = value[kept..].trim_end_matches(' ').len();
                    value.truncate(kept + trimmed);
                    let (next, blank) = self.next_line(i + 1, true)?;
                    if blank == 0 {
                        value.push(' ');
                    } else {
                        (0..blank).for_each(|_| value.push('\n'));
                    }
                    kept = value.len();
                    i = next;
                }
                _ => {
                    let c = self.source[i..].chars().next()?;
                    value.push(c);
                    i += c.len_utf8();
                }
            }
        };
        // Go on reading after the closing quote, on the line it is on.
        let line = self
            .lines
            .partition_point(|l| l.start <= close)
            .checked_sub(1)?;
        let on = &self.lines[line];
        if close >= on.start + on.text.len() || line <= self.line {
            return None;
        }
        self.state.count(value.len())?;
        let node = Node {
            kind: NodeKind::Str(value.into()),
            pos: at(self.current(), self.at, close + 1 - open),
        };
        self.line = line;
        self.at = close + 1 - on.start;
        Some(node)
    }

    /// In a quoted scalar, the line starting at byte `start`: the byte its content starts
    /// at, past its indentation (and, where `blank_lines`, past blank lines before it),
    /// and how many blank lines were passed. Its indentation must be deeper than the
    /// owner's.
    fn next_line(&self, mut start: usize, blank_lines: bool) -> Option<(usize, usize)> {
        let mut blank = 0;
        loop {
            let rest = self.source.get(start..)?;
            let content = rest.trim_start_matches(' ');
            let spaces = rest.len() - content.len();
            if content.starts_with('\n') {
                if !blank_lines {
                    return None;
                }
                blank += 1;
                start += spaces + 1;
                continue;
            }
            return (spaces > self.owner && !content.is_empty()).then_some((start + spaces, blank));
        }
    }
}

/// A double-quoted scalar's text with its escapes undone.
fn unescape(inner: &str) -> Option<SmallText> {
    let mut out = String::with_capacity(inner.len());
    let mut rest = inner;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let (c, len) = escape(&rest[i + 1..])?;
        out.push(c);
        rest = &rest[i + 1 + len..];
    }
    out.push_str(rest);
    Some(out.into())
}

/// The character a double-quoted scalar's escape stands for, `text` being what follows the
/// backslash, and the escape's length after the backslash. `None` for what YAML does not
/// allow (the parser then reports it).
fn escape(text: &str) -> Option<(char, usize)> {
    let c = text.chars().next()?;
    let simple = match c {
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        't' => '\t',
        'n' => '\n',
        'v' => '\u{b}',
        'f' => '\u{c}',
        'r' => '\r',
        'e' => '\u{1b}',
        ' ' => ' ',
        '"' => '"',
        '/' => '/',
        '\\' => '\\',
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        'x' | 'u' | 'U' => {
            let digits = match c {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            let hex = text.as_bytes().get(1..1 + digits)?;
            let mut code = 0u32;
            for &b in hex {
                code = code * 16 + char::from(b).to_digit(16)?;
            }
            return Some((char::from_u32(code)?, 1 + digits));
        }
        _ => return None,
    };
    Some((simple, 1))
}

#[cfg(test)]
mod tests {
    use super::printable;

    /// The character-by-character definition the byte test implements.
    fn printable_char(c: char) -> bool {
        matches!(c, '\n' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
            && c != '\u{feff}'
    }

    /// `quoted_len` byte by byte, as it was written before it searched with memchr.
    fn quoted_len_bytewise(text: &str) -> Option<(usize, bool)> {
        let bytes = text.as_bytes();
        let quote = bytes[0];
        let mut escaped = false;
        let mut i = 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' if quote == b'"' => {
                    escaped = true;
                    i += 2;
                }
                b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => {
                    escaped = true;
                    i += 2;
                }
                b if b == quote => return Some((i + 1, escaped)),
                _ => i += 1,
            }
        }
        None
    }

    #[test]
    fn quoted_scalars_end_where_the_bytewise_reading_ends_them() {
        let pieces = [
            "", "a", "规划", "\"", "'", "\\", "''", "\\\"", "\\\\", " ", ":", "#",
        ];
        let mut texts = Vec::new();
        for open in ["\"", "'"] {
            for a in pieces {
                for b in pieces {
                    for c in pieces {
                        texts.push(format!("{open}{a}{b}{c}"));
                    }
                }
            }
        }
        for text in &texts {
            assert_eq!(
                super::quoted_len(text),
                quoted_len_bytewise(text),
                "{text:?}"
            );
        }
        assert!(texts.len() > 3000);
    }

    #[test]
    fn lines_are_split_as_split_inclusive_splits_them() {
        for text in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\nb",
            "a\nb\n",
            "\na\n\nb",
            "规划\n目标\r\n",
        ] {
            let ours: Vec<&str> = super::lines_of(text).collect();
            let std: Vec<&str> = text.split_inclusive('\n').collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn printable_is_yaml_printable_without_tabs_returns_or_marks() {
        let chars = (0..0x300u32)
            .chain(0x2000..0x2100)
            .chain(0xd7f0..0xd800)
            .chain(0xe000..0xe010)
            .chain(0xfe00..0x10010)
            .chain([0x10ffff, 0x1f600])
            .filter_map(char::from_u32);
        for c in chars {
            // Alone, between others, and at every place of a 64-byte chunk.
            for text in [
                c.to_string(),
                format!("a{c}b"),
                format!("规{c}"),
                format!("{}{c}", "x".repeat(62)),
                format!("{}{c}", "x".repeat(63)),
                format!("{}{c}yy", "x".repeat(61)),
            ] {
                assert_eq!(
                    printable(&text),
                    text.chars().all(printable_char),
                    "{:x} in {text:?}",
                    u32::from(c)
                );
            }
        }
        assert!(printable(""));
        assert!(printable("婴儿死亡率（‰）：＜6.3\n"));
    }
}
