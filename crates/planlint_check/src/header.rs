//! A plan file's header read without parsing it: its `id` and `parent`, from the lines that
//! start in the first column.
//!
//! Checking one plan of a national repository needs its ancestors and the plans that clash
//! with its id, nothing else; but which files those are is only known from every file's
//! `id` and `parent`. [`scan_header`] finds them by looking at the start of each line, so
//! a repository's headers cost a read of its files and no parse; [`needed`] follows them.
//!
//! **Invariant:** the scan never disagrees with [`planlint_model::load_plan`]: where it
//! gives an id and a parent, a full parse that yields a plan gives the same ones. Where it
//! cannot be sure (a key quoted, a value that is not a plain id, a flow or
//! multi-document file, a multi-line value at the top level), it says so with `None`, and
//! the caller parses the file.
//!
//! Why the first column is enough: in YAML a line that starts in the first column can only
//! be a key of the top-level mapping, an entry of a sequence written flush with its key
//! (`- `), a comment, or a document marker. Block scalars, plain scalars, quoted scalars
//! and flow collections nested in the top-level mapping continue on indented lines only.

use std::collections::{BTreeMap, BTreeSet};

/// A plan file's `id` and `parent`, each `None` where the file has no such key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    pub id: Option<String>,
    pub parent: Option<String>,
}

impl Header {
    /// The header of a parsed plan.
    pub fn of(plan: &planlint_model::Plan) -> Header {
        Header {
            id: plan.id.as_ref().map(|s| s.value.clone()),
            parent: plan.parent.as_ref().map(|s| s.value.clone()),
        }
    }

    /// The header of a plan file's text, scanned, or parsed where a scan cannot be sure;
    /// `None` where the text holds no plan.
    pub fn read(name: &str, text: &str) -> Option<Header> {
        scan_header(text).or_else(|| Header::parsed(name, text))
    }

    /// The header of a plan file's text, parsed (where a scan was not sure of it); `None`
    /// where the text holds no plan.
    pub fn parsed(name: &str, text: &str) -> Option<Header> {
        planlint_model::load_plan(name, text)
            .0
            .map(|p| Header::of(&p))
    }
}

/// The `id` and `parent` of a plan file's text, or `None` where a scan cannot be sure of
/// them (then parse the file).
pub fn scan_header(text: &str) -> Option<Header> {
    scan(text, true)
}

/// The header from the first lines of a file (whole lines), where they hold both `id` and
/// `parent`; `None` where the rest must be read (a root plan has no `parent`, and only the
/// whole file says so) or where a scan cannot be sure.
pub fn scan_header_start(text: &str) -> Option<Header> {
    scan(text, false)
}

/// The scan: the first `id` and `parent` at the top level (the decoder uses the first of a
/// repeated key too), stopping once both are found; at the end of a `whole` text, what was
/// found.
fn scan(text: &str, whole: bool) -> Option<Header> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A carriage return alone breaks a line for YAML (`id: x # c\rparent: p` holds a
    // parent); lines here are split at `\n` only, so such a text is left to the parser.
    let bytes = text.as_bytes();
    if text
        .match_indices('\r')
        .any(|(i, _)| bytes.get(i + 1) != Some(&b'\n'))
    {
        return None;
    }
    let mut header = Header::default();
    let mut first = true;
    for line in planlint_model::yaml::lines_of(text) {
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let Some(&byte) = line.as_bytes().first() else {
            continue;
        };
        let was_first = std::mem::replace(&mut first, false);
        match byte {
            // Indented lines belong to a top-level key's value; comments are nothing.
            b' ' | b'\t' | b'#' => continue,
            // An entry of a sequence written flush with its key.
            b'-' if line == "-" || line.starts_with("- ") => continue,
            // A document start is allowed once, before everything else.
            b'-' if was_first && line.trim_end() == "---" => continue,
            _ => {}
        }
        let (key, value) = top_level_key(line)?;
        let slot = match key {
            "id" => &mut header.id,
            "parent" => &mut header.parent,
            _ => {
                // Another key's value must end on its line, or be a block.
                closes_on_its_line(value)?;
                continue;
            }
        };
        match slot {
            // Repeated: the decoder reports it and uses the first.
            Some(_) => closes_on_its_line(value)?,
            None => *slot = Some(id_value(value)?),
        }
        if header.id.is_some() && header.parent.is_some() {
            return Some(header);
        }
    }
    whole.then_some(header)
}

/// A top-level `key: value` line's key and the rest after the colon; `None` for anything
/// else (a quoted or complex key, a flow mapping, a directive).
fn top_level_key(line: &str) -> Option<(&str, &str)> {
    let colon = line.find(':')?;
    let key = &line[..colon];
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && key.as_bytes()[0].is_ascii_alphabetic();
    let rest = &line[colon + 1..];
    if !plain || !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    Some((key, rest))
}

/// The value of `id:` or `parent:` where it is an id written plainly or in quotes, with an
/// optional comment after it; `None` for anything else (empty, null, a number, an anchor,
/// a tag, escapes, characters an id cannot hold).
fn id_value(rest: &str) -> Option<String> {
    let rest = rest.trim_start_matches([' ', '\t']);
    let (value, after) = match rest.as_bytes().first() {
        Some(&quote @ (b'"' | b'\'')) => {
            let end = rest[1..].find(char::from(quote))? + 1;
            let value = &rest[1..end];
            if !id_like(value) {
                return None;
            }
            (value, &rest[end + 1..])
        }
        _ => {
            let end = rest.find([' ', '\t']).unwrap_or(rest.len());
            let value = &rest[..end];
            if !id_like(value) || yaml_non_string(value) {
                return None;
            }
            (value, &rest[end..])
        }
    };
    let after = after.trim_start_matches([' ', '\t']);
    (after.is_empty() || after.starts_with('#')).then(|| value.to_string())
}

/// Whether `value` is a valid plan id: lowercase letters, digits and `-`, not empty, and
/// not longer than the decoder reads a value.
fn id_like(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= planlint_model::decode::MAX_VALUE_CHARS
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether a plain scalar made of id characters reads in YAML 1.2 as something other than
/// text: null, a boolean, or a number (`12`, `-3`, `1e5`, `0x1f`, `0o17`).
fn yaml_non_string(value: &str) -> bool {
    if matches!(value, "null" | "true" | "false") {
        return true;
    }
    // Signed or not, a number in another base is a number (`-0x1f` too).
    let unsigned = value.strip_prefix('-').unwrap_or(value);
    // A binary number (YAML 1.1), and what could be read as a date (2021-06-01).
    if let Some(bin) = unsigned.strip_prefix("0b") {
        if !bin.is_empty() && bin.bytes().all(|b| b == b'0' || b == b'1') {
            return true;
        }
    }
    let parts: Vec<&str> = value.split('-').collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return true;
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits(unsigned) {
        return true;
    }
    if let Some(hex) = unsigned.strip_prefix("0x") {
        return !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    if let Some(oct) = unsigned.strip_prefix("0o") {
        return !oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b));
    }
    match unsigned.split_once('e') {
        Some((mantissa, exponent)) => {
            digits(mantissa) && digits(exponent.strip_prefix('-').unwrap_or(exponent))
        }
        None => false,
    }
}

/// `Some` where a top-level value cannot run onto the next lines in a way that hides a
/// key: a quoted scalar closed on its line, a flow collection closed on its line, a plain
/// scalar, or a block (nothing, `|`, `>`) whose lines are indented.
fn closes_on_its_line(rest: &str) -> Option<()> {
    let rest = rest.trim_start_matches([' ', '\t']);
    match rest.as_bytes().first() {
        None | Some(b'#') => Some(()),
        Some(b'"' | b'\'' | b'[' | b'{') => balanced(rest).then_some(()),
        // An anchor names the value after it (`period: &period {start: 2021, end: 2025}`,
        // as a person writes to reuse it): that value must close on its line, and be no
        // second anchor, alias or tag.
        Some(b'&') => {
            let value = after_name(rest)?.trim_start_matches([' ', '\t']);
            match value.as_bytes().first() {
                Some(b'&' | b'*' | b'!') => None,
                _ => closes_on_its_line(value),
            }
        }
        // An alias (`nature: *binding`) is a whole value, ended by the line.
        Some(b'*') => {
            let after = after_name(rest)?.trim_start_matches([' ', '\t']);
            (after.is_empty() || after.starts_with('#')).then_some(())
        }
        // Tags change what a value is, and are rare in plans.
        Some(b'!') => None,
        Some(_) => Some(()),
    }
}

/// What follows the anchor or alias `text` starts with (`&name` or `*name`): nothing, or
/// a space and the rest; `None` where the name is empty or holds a flow indicator, which
/// parsers read differently.
fn after_name(text: &str) -> Option<&str> {
    let end = text.find([' ', '\t']).unwrap_or(text.len());
    let name = &text[1..end];
    let plain = !name.is_empty() && !name.contains(['[', ']', '{', '}', ',']);
    plain.then_some(&text[end..])
}

/// Whether a value starting with a quote or a bracket ends on this line: quotes closed
/// (`''` inside single quotes, `\"` inside double ones), brackets balanced.
fn balanced(text: &str) -> bool {
    let mut depth = 0i32;
    let mut quote: Option<u8> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(b'"') if b == b'\\' => i += 1,
            Some(b'\'') if b == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            Some(q) if b == q => {
                quote = None;
                if depth == 0 {
                    return true;
                }
            }
            Some(_) => {}
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'[' | b'{' => depth += 1,
                b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return true;
                    }
                }
                b'#' if depth == 0 => return false,
                _ => {}
            },
        }
        i += 1;
    }
    false
}

/// Which of `files` a check of plans with `inputs` headers needs, as indexes into `files`
/// in their order: every ancestor of the inputs (following `parent` by id, every file
/// holding that id), every file holding one of their ids (a clash the check reports), and
/// every file whose header is unknown (it must be parsed to know). The same closure as the
/// check's own choice among parsed plans, so that reading these files and no others gives
/// the same outcome as reading them all.
pub fn needed(files: &[Option<Header>], inputs: &[Header]) -> Vec<usize> {
    let mut by_id: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut out: BTreeSet<usize> = BTreeSet::new();
    for (i, header) in files.iter().enumerate() {
        match header {
            Some(h) => by_id
                .entry(h.id.as_deref().unwrap_or(""))
                .or_default()
                .push(i),
            None => {
                out.insert(i);
            }
        }
    }
    let mut wanted: Vec<&str> = Vec::new();
    for input in inputs {
        wanted.push(input.id.as_deref().unwrap_or(""));
        wanted.extend(input.parent.as_deref());
    }
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    while let Some(id) = wanted.pop() {
        if !seen.insert(id) {
            continue;
        }
        for &i in by_id.get(id).into_iter().flatten() {
            out.insert(i);
            if let Some(Some(parent)) = files[i].as_ref().map(|h| h.parent.as_deref()) {
                wanted.push(parent);
            }
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use planlint_model::load_plan;

    const BODY: &str =
        "title: 某规划\nregion: 某地\nlevel: county\nperiod: {start: 2021, end: 2025}\n";

    fn header(id: &str, parent: Option<&str>) -> Option<Header> {
        Some(Header {
            id: Some(id.to_string()),
            parent: parent.map(str::to_string),
        })
    }

    /// The scan agrees with a full parse wherever it answers.
    fn agrees(text: &str) {
        let Some(scanned) = scan_header(text) else {
            return;
        };
        if let (Some(plan), _) = load_plan("a.plan.yaml", text) {
            assert_eq!(scanned, Header::of(&plan), "{text}");
        }
    }

    #[test]
    fn plain_quoted_and_commented_ids_are_read() {
        let cases = [
            (
                "planlint: 1\nid: xa-1\nparent: xb\n",
                header("xa-1", Some("xb")),
            ),
            (
                "planlint: 1\nid: \"xa\"\nparent: 'xb' # the province\n",
                header("xa", Some("xb")),
            ),
            (
                "\u{feff}---\nplanlint: 1\nid: xa  # a comment\n",
                header("xa", None),
            ),
            (
                "planlint: 1\r\nid: xa\r\nparent: xb\r\n",
                header("xa", Some("xb")),
            ),
            (
                "# id: no\nplanlint: 1\nsections:\n- title: x\n  id: nested\nid: xa\n",
                header("xa", None),
            ),
            (
                "planlint: 1\ntitle: |\n  id: inside a block\nid: xa\n",
                header("xa", None),
            ),
            (
                "planlint: 1\nbasis: [\"a, b\", 'c''d']\nid: xa\n",
                header("xa", None),
            ),
            ("planlint: 1\nid: 2021-plan\n", header("2021-plan", None)),
            (
                "planlint: 1\nid: xa\nid: xb\nparent: p\nparent: q\n",
                header("xa", Some("p")),
            ),
            // Anchors and aliases on other keys' values, as a person reuses a value.
            (
                "planlint: 1\nid: xa\nperiod: &period {start: 2021, end: 2025}\nparent: xb\n",
                header("xa", Some("xb")),
            ),
            (
                "planlint: 1\nbasis: &basis\n  - 某规划\nissuer: &who 某县政府 # c\nid: xa\n",
                header("xa", None),
            ),
            (
                "planlint: 1\nregion: &r 某县\nissuer: *r\nid: xa\nparent: xb\n",
                header("xa", Some("xb")),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(scan_header(text), want, "{text:?}");
            agrees(&format!("{text}{BODY}"));
        }
    }

    #[test]
    fn what_a_scan_cannot_be_sure_of_is_left_to_the_parser() {
        let unsure = [
            "{planlint: 1, id: xa}\n",
            "planlint: 1\n\"id\": xa\n",
            "planlint: 1\nid: 12\n",
            "planlint: 1\nid: 1e5\n",
            "planlint: 1\nid: 0x1f\n",
            "planlint: 1\nparent: null\n",
            "planlint: 1\nparent:\n",
            "planlint: 1\nid: &a xa\n",
            // An anchored value that goes on over lines, or an anchor the parser may read
            // otherwise.
            "planlint: 1\nperiod: &p {start: 2021,\n  id: x}\nid: xa\n",
            "planlint: 1\ntitle: &t \"two\nid: lines\"\nid: xa\n",
            "planlint: 1\ntitle: &t{a: b}\nid: xa\n",
            "planlint: 1\ntitle: &t *u\nid: xa\n",
            "planlint: 1\ntitle: &t !!str x\nid: xa\n",
            "planlint: 1\ntitle: & x\nid: xa\n",
            "planlint: 1\ntitle: *t rest\nid: xa\n",
            "planlint: 1\nid: !!str xa\n",
            "planlint: 1\nid: \"x\\u0061\"\n",
            "planlint: 1\nid: Upper\n",
            "planlint: 1\ntitle: \"two\nid: lines\"\n",
            "planlint: 1\nbasis: [a,\nid: b]\n",
            "planlint: 1\n---\nid: xa\n",
            "%YAML 1.2\n---\nid: xa\n",
            "planlint: 1\n? id\n: xa\n",
            "planlint: 1\nid: xa\nthe rest\n",
            // A carriage return alone ends the comment and the line, for YAML.
            "planlint: 1\nid: xa # 县\rparent: p\n",
            "planlint: 1\nid: xa\ntitle: t # c\rparent: p\n",
            "planlint: 1\nid: xa\n# x\rparent: p\n",
            // Numbers in bases YAML reads.
            "planlint: 1\nid: xa\nparent: 0b101\n",
            "planlint: 1\nid: 0o17\n",
            // Signed numbers in other bases, and an id longer than a value may be.
            "planlint: 1\nid: xa\nparent: -0x1f\n",
            "planlint: 1\nid: -0o17\n",
            "planlint: 1\nid: xa\nparent: -0b1\n",
            "planlint: 1\nid: xa\nparent: 2021-06-01\n",
        ];
        for text in unsure {
            agrees(text);
            assert_eq!(scan_header(text), None, "{text:?}");
        }
        let long = format!(
            "planlint: 1\nid: {}\n",
            "x".repeat(planlint_model::decode::MAX_VALUE_CHARS + 1)
        );
        agrees(&long);
        assert_eq!(scan_header(&long), None);
    }

    #[test]
    fn the_start_of_a_file_is_enough_once_both_keys_are_seen() {
        let text = "planlint: 1\nid: xa\nparent: xb\ntitle: 某\n";
        assert_eq!(scan_header_start(text), header("xa", Some("xb")));
        // A root plan: only the whole file says it has no parent.
        assert_eq!(scan_header_start("planlint: 1\nid: xa\n"), None);
        assert_eq!(scan_header("planlint: 1\nid: xa\n"), header("xa", None));
        // What is unsure before both keys are seen stays unsure.
        assert_eq!(
            scan_header_start("{planlint: 1}\nid: xa\nparent: xb\n"),
            None
        );
    }

    #[test]
    fn the_scan_agrees_with_the_parser_on_the_seed_plans() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        let mut seen = 0;
        for region in std::fs::read_dir(seeds).into_iter().flatten().flatten() {
            for file in std::fs::read_dir(region.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let Ok(text) = std::fs::read_to_string(file.path()) else {
                    continue;
                };
                let (plan, _) = load_plan("seed.plan.yaml", &text);
                let plan = plan.expect("a seed plan parses");
                assert_eq!(
                    scan_header(&text),
                    Some(Header::of(&plan)),
                    "{:?}",
                    file.path()
                );
                seen += 1;
            }
        }
        assert!(seen >= 9, "only {seen} seed plans found");
    }

    /// The seed plans rewritten as other people and tools write YAML: each rewriting must
    /// leave the scan either agreeing with the parser or unsure, and the common ones sure.
    #[test]
    fn the_scan_agrees_with_the_parser_on_plans_written_other_ways() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        let mut texts = Vec::new();
        for region in std::fs::read_dir(seeds).into_iter().flatten().flatten() {
            for file in std::fs::read_dir(region.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                texts.extend(std::fs::read_to_string(file.path()).ok());
            }
        }
        assert!(texts.len() >= 9);
        let quote_double = |t: &str| {
            t.lines()
                .map(|l| match l.split_once(": ") {
                    Some((k @ ("id" | "parent"), v)) => format!("{k}: \"{v}\"\n"),
                    _ => format!("{l}\n"),
                })
                .collect::<String>()
        };
        let quote_single = |t: &str| {
            t.lines()
                .map(|l| match l.split_once(": ") {
                    Some((k @ ("id" | "parent"), v)) => format!("{k}: '{v}'   # {k}\n"),
                    _ => format!("{l}\n"),
                })
                .collect::<String>()
        };
        // `parent` moved to the very end, after every list.
        let parent_last = |t: &str| {
            let parent: Vec<&str> = t.lines().filter(|l| l.starts_with("parent:")).collect();
            let rest: String = t
                .lines()
                .filter(|l| !l.starts_with("parent:"))
                .map(|l| format!("{l}\n"))
                .collect();
            format!(
                "{rest}{}",
                parent.iter().map(|l| format!("{l}\n")).collect::<String>()
            )
        };
        let crlf = |t: &str| t.replace('\n', "\r\n");
        let bom_and_start = |t: &str| format!("\u{feff}---\n{t}");
        // Lists written flush with their keys, as some YAML writers do.
        let flush = |t: &str| {
            t.lines()
                .map(|l| match l.strip_prefix("  ") {
                    Some(rest) if rest.starts_with("- ") || rest.starts_with("  ") => {
                        format!("{rest}\n")
                    }
                    _ => format!("{l}\n"),
                })
                .collect::<String>()
        };
        // Top-level values anchored, and one used again by an alias, as a person reuses
        // a value.
        let anchored = |t: &str| {
            let mut out = String::new();
            for l in t.lines() {
                match l.split_once(": ") {
                    Some((k @ ("period" | "region" | "level" | "title"), v)) => {
                        out.push_str(&format!("{k}: &{k}-value {v}\n"));
                    }
                    _ => out.push_str(&format!("{l}\n")),
                }
            }
            format!("{out}x-region: *region-value\n")
        };
        type Rewrite<'a> = (&'a str, &'a dyn Fn(&str) -> String);
        let ways: [Rewrite; 7] = [
            ("double quotes", &quote_double),
            ("single quotes and comments", &quote_single),
            ("parent last", &parent_last),
            ("CRLF", &crlf),
            ("byte-order mark and ---", &bom_and_start),
            ("flush lists", &flush),
            ("anchors and aliases", &anchored),
        ];
        for (way, rewrite) in ways {
            let mut compared = 0;
            for text in &texts {
                let text = rewrite(text);
                let (plan, _) = load_plan("x.plan.yaml", &text);
                let Some(plan) = plan else { continue };
                compared += 1;
                let want = Header::of(&plan);
                match scan_header(&text) {
                    Some(got) => assert_eq!(got, want, "{way}"),
                    None => panic!("{way}: the scan should be sure of {:?}", want.id),
                }
                if let Some(start) = scan_header_start(&text) {
                    assert_eq!(start, want, "{way}, from the start");
                }
            }
            assert_eq!(
                compared,
                texts.len(),
                "{way}: some rewritten plans do not parse"
            );
        }
    }

    #[test]
    fn needed_follows_parents_and_clashes_and_keeps_the_unknown() {
        let files = vec![
            header("cn", None),       // 0: the root
            header("p1", Some("cn")), // 1: the input's parent
            header("c1", Some("p1")), // 2: the input itself, on disk
            header("c2", Some("p1")), // 3: a sibling
            header("c1", Some("p9")), // 4: a clash, whose parent is followed too
            header("p9", Some("cn")), // 5
            None,                     // 6: unknown
            header("p2", Some("cn")), // 7: another province
        ];
        let input = Header {
            id: Some("c1".into()),
            parent: Some("p1".into()),
        };
        assert_eq!(needed(&files, &[input]), vec![0, 1, 2, 4, 5, 6]);
    }
}
