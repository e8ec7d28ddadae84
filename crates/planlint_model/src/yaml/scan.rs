//! The fastest path: plan files in the plain style planlint and its generator write, read
//! straight from the text.
//!
//! Most plan files use a handful of YAML forms: block mappings and sequences, flow
//! mappings and sequences (`{no: 1, name: 婴儿死亡率}`, also broken over lines after a
//! comma), plain, single- and double-quoted scalars on one line, and comments. This reader takes exactly those, line
//! by line, and builds the [`Node`] tree with the positions the YAML parser would give
//! (line, character column, byte offset and length of each node's first event). It is
//! several times faster than the event parser, which keeps every rule of YAML in view.
//!
//! **Invariant:** like [`super::events`], it returns exactly serde-saphyr's tree or `None`,
//! and `None` for anything outside the forms above: tabs, carriage returns, a byte-order
//! mark, document markers and directives, anchors, aliases, tags, block scalars, complex
//! keys, scalars over several lines, a flow collection broken elsewhere than between its
//! entries, escapes other than the common
//! ones, a sequence at its key's indentation, empty sequence entries, and plain scalars
//! whose type [`super::events::scalar`] leaves open. The differential test and the
//! `yaml_differential` fuzz target hold it to this.

use super::events::scalar;
use super::{Node, NodeKind, Pos, SmallText};
use granit_parser::ScalarStyle;

/// Deeper than this, the slower readers decide.
const MAX_DEPTH: usize = 28;

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
    /// The last column asked for: a byte in the line and its 0-based column. Positions
    /// are asked for left to right, so a column is counted on from the last one, and a
    /// long flow line is not counted from its start for every value in it.
    counted: std::cell::Cell<(usize, usize)>,
}

/// The node tree of `text`, or `None` where a slower reader must decide.
pub(super) fn parse(text: &str) -> Option<Node> {
    // Only YAML's printable characters, comments included, and no tabs or carriage
    // returns (whose rules this reader leaves to the parser).
    let printable = |c: char| {
        matches!(c, '\n' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
            && c != '\u{feff}'
    };
    if !text.chars().all(printable) {
        return None;
    }
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let trimmed = line.trim_start_matches(' ');
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            if line.starts_with("---") || line.starts_with("...") || line.starts_with('%') {
                return None;
            }
            lines.push(Line {
                number: u32::try_from(i + 1).ok()?,
                start,
                text: line,
                indent: line.len() - trimmed.len(),
                counted: std::cell::Cell::new((0, 0)),
            });
        }
        start += raw.len();
    }
    let first = lines.first()?;
    if first.indent != 0 {
        return None;
    }
    let mut reader = Reader { lines, next: 0 };
    let node = reader.block(0, 0)?;
    (reader.next == reader.lines.len()).then_some(node)
}

struct Reader<'t> {
    lines: Vec<Line<'t>>,
    /// The next line to read.
    next: usize,
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
            self.sequence(indent, depth)
        } else {
            self.mapping(indent, depth)
        }
    }

    /// A block sequence whose dashes are indented by `indent`.
    fn sequence(&mut self, indent: usize, depth: usize) -> Option<Node> {
        if depth >= MAX_DEPTH {
            return None;
        }
        let line = &self.lines[self.next];
        let pos = at(line, indent, 0);
        let mut items = Vec::new();
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
            if key_end(item).is_some() {
                // A mapping that starts on the dash's line: its keys line up with this one.
                items.push(self.mapping(content, depth + 1)?);
            } else {
                let (item, last) = self.inline(self.next, content, indent, depth + 1)?;
                items.push(item);
                self.next = last + 1;
                self.no_continuation(indent)?;
            }
        }
        Some(Node {
            kind: NodeKind::Seq(items),
            pos,
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
        let mut entries = Vec::new();
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
            let key = key_node(line, indent, colon)?;
            // What follows the colon on this line.
            let after = &body[colon + 1..];
            let value_start =
                indent + colon + 1 + after.len() - after.trim_start_matches(' ').len();
            let value_text = &line.text[value_start..];
            // `key_end` saw a space or the line's end after the colon, so a comment here
            // follows a space.
            let value = if value_text.is_empty() || value_text.starts_with('#') {
                self.next += 1;
                match self.lines.get(self.next) {
                    Some(next) if next.indent > indent => self.block(next.indent, depth + 1)?,
                    Some(next) if next.indent == indent && next.text[indent..].starts_with('-') => {
                        return None
                    }
                    _ => Node {
                        kind: NodeKind::Null,
                        pos: at(line, indent + colon, 0),
                    },
                }
            } else {
                let (value, last) = self.inline(number, value_start, indent, depth + 1)?;
                self.next = last + 1;
                self.no_continuation(indent)?;
                value
            };
            entries.push((key, value));
        }
        Some(Node {
            kind: NodeKind::Map(entries),
            pos,
        })
    }

    /// After a one-line value: the next line must not continue it (be indented deeper).
    fn no_continuation(&self, indent: usize) -> Option<()> {
        match self.lines.get(self.next) {
            Some(next) if next.indent > indent => None,
            _ => Some(()),
        }
    }

    /// The value that starts at byte `from` of line `number`, followed only by spaces
    /// and a comment, and the line it ends on: a flow collection may go on over lines
    /// indented deeper than `owner` (the indentation of the key or dash it belongs to).
    fn inline(
        &self,
        number: usize,
        from: usize,
        owner: usize,
        depth: usize,
    ) -> Option<(Node, usize)> {
        let mut cursor = Cursor {
            lines: &self.lines,
            line: number,
            at: from,
            depth,
            owner,
        };
        let line = &self.lines[number];
        let node = match line.text.as_bytes()[from] {
            b'{' | b'[' => cursor.flow()?,
            b'"' | b'\'' => cursor.quoted()?,
            _ => {
                let text = &line.text[from..];
                let end = text.find(" #").unwrap_or(text.len());
                let value = text[..end].trim_end_matches(' ');
                if !plain_start(value) || value.contains(": ") || value.ends_with(':') {
                    return None;
                }
                cursor.at = from + value.len();
                plain(line, from, value)?
            }
        };
        cursor.end_of_line()?;
        Some((node, cursor.line))
    }
}

/// Where the colon that ends a block mapping key is, in `body` (which starts with the
/// key); `None` when `body` is not `key:` followed by a space or the line's end.
fn key_end(body: &str) -> Option<usize> {
    let first = body.as_bytes().first()?;
    if *first == b'"' || *first == b'\'' {
        let close = quoted_len(body)?;
        return (body[close..].starts_with(": ") || &body[close..] == ":").then_some(close);
    }
    if !plain_start(body) {
        return None;
    }
    let end = body.find(" #").unwrap_or(body.len());
    let colon = body[..end]
        .match_indices(':')
        .map(|(i, _)| i)
        .find(|&i| matches!(body.as_bytes().get(i + 1), None | Some(b' ')))?;
    // `a: b: c`, a flow indicator in a key, or a key ending in spaces: the parser decides.
    let key = &body[..colon];
    if key.ends_with(' ') || key.contains(['{', '[', ']', '}', ',']) {
        return None;
    }
    Some(colon)
}

/// The key of a block mapping entry, `colon` bytes after its start at `from`.
fn key_node(line: &Line, from: usize, colon: usize) -> Option<Node> {
    let text = &line.text[from..from + colon];
    let node = if text.starts_with(['"', '\'']) {
        let mut cursor = Cursor {
            lines: std::slice::from_ref(line),
            line: 0,
            at: from,
            depth: 0,
            owner: 0,
        };
        let node = cursor.quoted()?;
        (cursor.at == from + colon).then_some(node)?
    } else {
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
    let mut chars = text.chars();
    match chars.next() {
        None => false,
        Some('-') => chars.next().is_some_and(|c| c != ' ' && c != '-'),
        Some(c) => !"?:,[]{}#&*!|>'\"%@`".contains(c),
    }
}

/// A plain scalar `value` at byte `from` of `line`.
fn plain(line: &Line, from: usize, value: &str) -> Option<Node> {
    Some(Node {
        kind: scalar(value, ScalarStyle::Plain)?,
        pos: at(line, from, value.len()),
    })
}

/// The length in bytes of the quoted scalar `text` starts with, quotes included.
fn quoted_len(text: &str) -> Option<usize> {
    let quote = text.as_bytes()[0];
    let bytes = text.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The position of `len` bytes at byte `from` of `line`.
fn at(line: &Line, from: usize, len: usize) -> Pos {
    let (byte, column) = match line.counted.get() {
        (byte, column) if byte <= from => (byte, column),
        _ => (0, 0),
    };
    let column = column + line.text[byte..from].chars().count();
    line.counted.set((from, column));
    Pos {
        line: line.number,
        column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        offset: line.start + from,
        len,
    }
}

/// Reading a value: within a line, and over lines in a flow collection.
struct Cursor<'l, 't> {
    lines: &'l [Line<'t>],
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

    fn rest(&self) -> &str {
        &self.current().text[self.at..]
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
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start_matches(' ').len();
    }

    /// Only spaces and a comment (after a space) may follow.
    fn end_of_line(&mut self) -> Option<()> {
        let before = self.at;
        self.spaces();
        let rest = self.rest();
        (rest.is_empty() || (rest.starts_with('#') && self.at > before)).then_some(())
    }

    /// A flow mapping or sequence that closes on this line.
    fn flow(&mut self) -> Option<Node> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        let open = self.rest().as_bytes()[0];
        let pos = at(self.current(), self.at, 1);
        let close = if open == b'{' { b'}' } else { b']' };
        self.at += 1;
        self.depth += 1;
        let mut items = Vec::new();
        let mut entries = Vec::new();
        self.gap()?;
        if self.rest().as_bytes().first() == Some(&close) {
            self.at += 1;
        } else {
            loop {
                if open == b'{' {
                    let key = self.flow_scalar(true)?;
                    if matches!(&key.kind, NodeKind::Str(s) if s == "<<") {
                        return None;
                    }
                    if !self.rest().starts_with(": ") {
                        return None;
                    }
                    self.at += 1;
                    self.spaces();
                    let value = self.flow_value()?;
                    entries.push((key, value));
                } else {
                    items.push(self.flow_value()?);
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
        let kind = if open == b'{' {
            NodeKind::Map(entries)
        } else {
            NodeKind::Seq(items)
        };
        Some(Node { kind, pos })
    }

    fn flow_value(&mut self) -> Option<Node> {
        match self.rest().as_bytes().first()? {
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
            .find([',', '[', ']', '{', '}', ':', '#'])
            .unwrap_or(rest.len());
        let value = rest[..end].trim_end_matches(' ');
        // A plain scalar in a flow collection that holds `:` or `#`, or meets a bracket,
        // is the parser's to read.
        match rest.as_bytes().get(end) {
            Some(b':') if key && value.len() == end => {}
            Some(b',' | b']' | b'}') if !key => {}
            _ => return None,
        }
        if !plain_start(value) {
            return None;
        }
        let node = plain(self.current(), self.at, value)?;
        self.at += value.len();
        Some(node)
    }

    /// A single- or double-quoted scalar that closes on this line.
    fn quoted(&mut self) -> Option<Node> {
        let rest = self.rest();
        let len = quoted_len(rest)?;
        let inner = &rest[1..len - 1];
        let value: SmallText = if rest.starts_with('\'') {
            if inner.contains("''") {
                inner.replace("''", "'").into()
            } else {
                inner.into()
            }
        } else {
            unescape(inner)?
        };
        let node = Node {
            kind: NodeKind::Str(value),
            pos: at(self.current(), self.at, len),
        };
        self.at += len;
        Some(node)
    }
}

/// A double-quoted scalar's text with its common escapes undone; `None` for others.
fn unescape(inner: &str) -> Option<SmallText> {
    if !inner.contains('\\') {
        return Some(inner.into());
    }
    let mut out = SmallText::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            '/' => out.push('/'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                if hex.len() != 4 {
                    return None;
                }
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}
