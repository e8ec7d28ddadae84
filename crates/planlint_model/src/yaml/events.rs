//! The fast path: a node tree built straight from the YAML parser's events.
//!
//! serde-saphyr reads a plan by driving serde over granit-parser's events, and its spanned
//! layer costs more than the parsing itself (BENCHMARKS.md: of ≈2.8 s for 3,209 generated
//! plans, ≈1.2 s is the event parser). Plans use a small part of YAML — block and flow
//! mappings and sequences, plain and quoted scalars, comments — so this module builds the
//! same [`Node`] tree from the same parser's events, with the same positions, and leaves
//! everything else to serde-saphyr.
//!
//! **Invariant:** [`parse`] returns either exactly what the serde-saphyr path returns
//! (kinds, values and positions) or `None`, and then the caller takes the serde-saphyr path.
//! It says `None` for whatever it does not reproduce with certainty: a syntax error (so the
//! message stays serde-saphyr's), anchors, aliases, tags, merge keys, several documents,
//! nesting near the depth limit, texts near the budget's limits on nodes and scalar bytes
//! (those of the line reader, [`super::scan::limits`]), and plain scalars whose type it
//! does not decide below. The
//! differential test (`tests/yaml_differential.rs`) and the `yaml_differential` fuzz target
//! hold it to this.

use super::scan::limits;
use super::{small_text, Node, NodeKind, Pos};
use granit_parser::{Event, Parser, ScalarStyle, Span};

/// Deeper than this, serde-saphyr's depth budget decides (and reports).
const MAX_DEPTH: usize = 28;
/// More events than this, serde-saphyr's event budget decides; more nodes or scalar bytes
/// than the line reader takes, its node and scalar budgets.
const MAX_EVENTS: usize = 2 * limits::NODES + 8;

enum Frame {
    Seq(Pos, Vec<Node>),
    Map(Pos, Vec<(Node, Node)>, Option<Node>),
}

/// The node tree of `text`, or `None` where serde-saphyr must decide.
pub(super) fn parse(text: &str) -> Option<Node> {
    let budget = super::options().budget.unwrap_or_default();
    let options = granit_parser::options! {
        simple_key_max_lookahead: budget.simple_key_max_lookahead,
        flow_nesting_limit: budget.flow_nesting_limit,
        block_nesting_limit: granit_parser::Options::default()
            .block_nesting_limit
            .max(budget.max_depth.saturating_add(1)),
        // Whatever features another crate turns on: no comment events.
        emit_comments: false,
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    let (mut nodes, mut bytes) = (0, 0);
    for (count, event) in Parser::new_from_str_with_options(text, options).enumerate() {
        if count > MAX_EVENTS || nodes > limits::NODES || bytes > limits::SCALAR_BYTES {
            return None;
        }
        let (event, span) = event.ok()?;
        match event {
            Event::StreamStart | Event::DocumentEnd => {}
            Event::StreamEnd => break,
            Event::DocumentStart(_, version) => {
                documents += 1;
                if documents > 1 || version.is_some() {
                    return None;
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                nodes += 1;
                bytes += value.len();
                let kind = scalar(&value, style)?;
                let node = Node {
                    kind,
                    pos: pos(&span)?,
                };
                attach(&mut stack, &mut root, node)?;
            }
            Event::SequenceStart(_, anchor, tag) => {
                if anchor != 0 || tag.is_some() || stack.len() >= MAX_DEPTH {
                    return None;
                }
                nodes += 1;
                stack.push(Frame::Seq(pos(&span)?, Vec::new()));
            }
            Event::MappingStart(_, anchor, tag) => {
                if anchor != 0 || tag.is_some() || stack.len() >= MAX_DEPTH {
                    return None;
                }
                nodes += 1;
                stack.push(Frame::Map(pos(&span)?, Vec::new(), None));
            }
            Event::SequenceEnd => {
                let Some(Frame::Seq(pos, items)) = stack.pop() else {
                    return None;
                };
                let node = Node {
                    kind: NodeKind::Seq(items),
                    pos,
                };
                attach(&mut stack, &mut root, node)?;
            }
            Event::MappingEnd => {
                let Some(Frame::Map(pos, entries, None)) = stack.pop() else {
                    return None;
                };
                let node = Node {
                    kind: NodeKind::Map(entries),
                    pos,
                };
                attach(&mut stack, &mut root, node)?;
            }
            // Aliases, anchors, and whatever a later parser version adds.
            _ => return None,
        }
    }
    if !stack.is_empty() {
        return None;
    }
    root
}

/// Puts a finished node into its parent, or makes it the root.
fn attach(stack: &mut [Frame], root: &mut Option<Node>, node: Node) -> Option<()> {
    match stack.last_mut() {
        None if root.is_none() => *root = Some(node),
        None => return None,
        Some(Frame::Seq(_, items)) => items.push(node),
        Some(Frame::Map(_, entries, pending)) => match pending.take() {
            Some(key) => entries.push((key, node)),
            None => {
                // `<<` is a merge key to serde-saphyr.
                if matches!(&node.kind, NodeKind::Str(s) if s == "<<") {
                    return None;
                }
                *pending = Some(node);
            }
        },
    }
    Some(())
}

/// The position serde-saphyr gives a node starting with this event: line and 1-based
/// character column of its start, byte offset and byte length of its span.
fn pos(span: &Span) -> Option<Pos> {
    let start = span.start.byte_offset()?;
    let end = span.end.byte_offset()?;
    Some(Pos {
        line: u32::try_from(span.start.line()).ok()?,
        column: u32::try_from(span.start.col() + 1).ok()?,
        offset: u32::try_from(start).ok()?,
        len: super::narrow(end.saturating_sub(start)),
    })
}

/// What serde-saphyr's untyped deserialisation makes of a scalar under our options
/// (strict booleans, non-finite floats as text), or `None` where it is not certain.
pub(super) fn scalar(value: &str, style: ScalarStyle) -> Option<NodeKind> {
    if style != ScalarStyle::Plain {
        return Some(NodeKind::Str(small_text(value)));
    }
    // (Only a scalar that starts as a null can be one: most are keys, compared with none.)
    if value
        .bytes()
        .next()
        .is_none_or(|b| matches!(b, b'~' | b'n' | b'N'))
        && matches!(value, "" | "~" | "null" | "Null" | "NULL")
    {
        return Some(NodeKind::Null);
    }
    // Most plain scalars are keys and texts, told from a boolean or a numeral (or a null
    // written with spaces around it) by their first byte.
    if let Some(first) = value.bytes().next() {
        if !first.is_ascii_digit()
            && !matches!(
                first,
                b'+' | b'-' | b'.' | b't' | b'T' | b'f' | b'F' | b' ' | b'\t' | b'\r' | b'\n'
            )
        {
            return Some(NodeKind::Str(small_text(value)));
        }
    }
    // Trimmed of YAML's white space, byte by byte (ASCII, so the cuts are characters').
    let white = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let bytes = value.as_bytes();
    let start = bytes.iter().position(|b| !white(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !white(b))
        .map_or(start, |i| i + 1);
    let t = &value[start..end];
    match t {
        "true" | "True" | "TRUE" => return Some(NodeKind::Bool(true)),
        "false" | "False" | "FALSE" => return Some(NodeKind::Bool(false)),
        _ => {}
    }
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    let numeral_start = unsigned
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'.');
    // Integers and floats are spelled in ASCII letters, digits, signs, `.` and `_`; a
    // scalar with any other character, or not starting like a numeral, is text.
    if !numeral_start
        || !t
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.' | b'_'))
    {
        return Some(NodeKind::Str(small_text(value)));
    }
    // Digits with at most one point, after an optional minus (`2025`, `77.6`, `-0.5`): the
    // numerals plans print, which the tests below would all let through.
    let b = t.as_bytes();
    let decimal = unsigned.len() + usize::from(t.starts_with('-')) == t.len()
        && unsigned.bytes().all(|c| c.is_ascii_digit() || c == b'.')
        && unsigned.bytes().filter(|&c| c == b'.').count() <= 1;
    if !decimal {
        // `.inf`, `-.Inf`, `.nan` become canonical texts in serde-saphyr: its call.
        let lower = t.to_ascii_lowercase();
        if lower.contains("inf") || lower.contains("nan") {
            return None;
        }
        let radix = ["0x", "0o", "0b"].iter().any(|p| lower.starts_with(p))
            || ["0x", "0o", "0b"]
                .iter()
                .any(|p| lower[1..].starts_with(p) && t.starts_with(['+', '-']));
        let text = (!radix
            && b.iter().any(|c| c.is_ascii_alphabetic() && !matches!(c, b'e' | b'E')))
            // A sign anywhere but first or after an exponent's `e` fits neither an integer
            // nor a float: dates (`2022-02-10`) and year ranges (`2021-2025`) are text.
            || (1..b.len())
                .any(|i| matches!(b[i], b'+' | b'-') && !matches!(b[i - 1], b'e' | b'E'))
            // Floats have one point and no underscores; integers have no point.
            || b.iter().filter(|&&c| c == b'.').count() > 1
            || (b.contains(&b'.') && b.contains(&b'_'));
        if text {
            return Some(NodeKind::Str(small_text(value)));
        }
    }
    // Plain decimal integers and decimal fractions; everything else (exponents, radix
    // prefixes, leading zeros, underscores, `.inf`, dates) is left to serde-saphyr.
    let negative = t.starts_with('-');
    let digits = t.strip_prefix('-').unwrap_or(t);
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let plain_whole = whole == "0"
        || (whole.len() <= 18
            && whole.starts_with(|c: char| ('1'..='9').contains(&c))
            && whole.bytes().all(|b| b.is_ascii_digit()));
    if !plain_whole {
        return None;
    }
    match fraction {
        None => {
            let v: i64 = whole.parse().ok()?;
            Some(NodeKind::Int(if negative { -v } else { v }))
        }
        Some(f) if !f.is_empty() && f.len() <= 18 && f.bytes().all(|b| b.is_ascii_digit()) => {
            t.parse::<f64>().ok().map(NodeKind::Float)
        }
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars() {
        let plain = |s| scalar(s, ScalarStyle::Plain);
        assert_eq!(plain("2025"), Some(NodeKind::Int(2025)));
        assert_eq!(plain("-3"), Some(NodeKind::Int(-3)));
        assert_eq!(plain("0"), Some(NodeKind::Int(0)));
        assert_eq!(plain("77.6"), Some(NodeKind::Float(77.6)));
        assert_eq!(plain("-0.5"), Some(NodeKind::Float(-0.5)));
        assert_eq!(plain("≥80%"), Some(NodeKind::Str("≥80%".into())));
        assert_eq!(plain("no"), Some(NodeKind::Str("no".into())));
        assert_eq!(
            plain("2022-02-10"),
            Some(NodeKind::Str("2022-02-10".into()))
        );
        assert_eq!(plain("1e-5"), None);
        assert_eq!(plain("007"), None);
        assert_eq!(plain("1e5"), None);
        assert_eq!(plain(".inf"), None);
        assert_eq!(plain("+5"), None);
        assert_eq!(plain("~"), Some(NodeKind::Null));
        assert_eq!(plain("True"), Some(NodeKind::Bool(true)));
        assert_eq!(
            scalar("12", ScalarStyle::DoubleQuoted),
            Some(NodeKind::Str("12".into()))
        );
    }
}
