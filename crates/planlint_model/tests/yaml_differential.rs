//! The YAML fast path against serde-saphyr on every YAML file of the project (plans, rule
//! cases, catalogs, configurations, the load_plan fuzzing corpus) and on hand-made texts
//! that sit on each edge the fast path decides: where it gives a tree, it must be
//! serde-saphyr's tree, positions included (`planlint_model::fuzzing::yaml_differential`).

use planlint_model::{fuzzing::yaml_differential, yaml};
use std::path::{Path, PathBuf};

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if !matches!(name.as_ref(), "target" | ".git" | "node_modules") {
                yaml_files(&path, out);
            }
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            out.push(path);
        }
    }
}

#[test]
fn project_yaml_files_read_alike() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["seeds", "rules", "tests", "docs"] {
        yaml_files(&root.join(dir), &mut files);
    }
    if let Ok(entries) = std::fs::read_dir(root.join("fuzz/corpus/load_plan")) {
        files.extend(entries.filter_map(Result::ok).map(|e| e.path()));
    }
    files.sort();
    let (mut plans, mut fast_plans) = (0, 0);
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        yaml_differential(&text);
        let name = path.to_string_lossy();
        let plan = name.ends_with(".plan.yaml") || name.contains("/cases/");
        if plan && !path.starts_with(root.join("fuzz")) {
            plans += 1;
            if yaml::fast_paths(&text).0.is_some() {
                fast_plans += 1;
            } else {
                eprintln!("left to serde-saphyr: {}", path.display());
            }
        }
    }
    assert!(files.len() > 100, "found only {} YAML files", files.len());
    // Every plan of the project is in the subset the line reader takes.
    assert!(plans > 50, "found only {plans} plan files");
    assert_eq!(fast_plans, plans, "plans left to serde-saphyr");
}

#[test]
fn edges_read_alike() {
    let scalars = [
        "0",
        "-0",
        "+0",
        "7",
        "-7",
        "+7",
        "007",
        "-007",
        "0.5",
        "-0.5",
        "00.5",
        "5.",
        ".5",
        "-.5",
        "1e5",
        "1E+5",
        "1.5e-3",
        "-1e-3",
        "0x1F",
        "0o17",
        "0b101",
        "1_000",
        "1__0",
        "_1",
        "1_",
        "123456789012345678",
        "1234567890123456789",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "99999999999999999999",
        "1e999",
        "-1e999",
        ".inf",
        "-.inf",
        "+.inf",
        ".nan",
        ".NaN",
        "inf",
        "nan",
        "NaN",
        "infinity",
        "-inf",
        "true",
        "True",
        "TRUE",
        "tRue",
        "false",
        "yes",
        "no",
        "on",
        "off",
        "y",
        "n",
        "null",
        "Null",
        "NULL",
        "nULL",
        "~",
        "2022-02-10",
        "2021-2025",
        "1-2",
        "1+2",
        "1e+2",
        "1e-",
        "-",
        "+",
        ".",
        "..",
        "1.2.3",
        "12:30",
        "1:1.2",
        "≥80%",
        "<10",
        "3.88‰",
        "0.0",
        "-0.0",
        "1.000000000000000000001",
        "0.1234567890123456789",
        "１２",
        "12 ",
        "1 2",
        "e5",
        "E5",
        "-e5",
        "0e0",
        "٣",
        "000_f72c8ac15bbb4f6c.txt",
        "0x1g",
        "0xAB",
        "-0x1F",
        "+0o7",
        "0B1",
        "1a",
        "1.5x",
        "1_000.5",
        "1.5e_3",
        "1ee5",
        "1e5e5",
        "-.Inf",
        "+.INF",
        ".NAN",
        "1.inf",
        "Infinity",
        "-nan",
        "0.x",
        "12abc",
        "1.2.3.4",
        "3.0_0",
    ];
    for s in scalars {
        for text in [
            format!("a: {s}\n"),
            format!("- {s}\n"),
            format!("[{s}, x]\n"),
            format!("{{k: {s}}}\n"),
            format!("{s}: v\n"),
            format!("a: '{s}'\n"),
            format!("a: \"{s}\"\n"),
        ] {
            yaml_differential(&text);
        }
    }
    let documents = [
        "a: 1\n",
        "---\na: 1\n",
        "---\na: 1\n...\n",
        "a: 1\n---\nb: 2\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: !custom 1\n",
        "<<: {a: 1}\nb: 2\n",
        "a: {<<: {b: 1}}\n",
        "a:\n  - {b: 1, c: [1, 2, {d: e}]}\n  - - x\n    - y\n",
        "a: |\n  line one\n  line two\nb: >\n  folded\n  text\n",
        "a: \"esc\\u00e9\\n\"\nb: 'it''s'\n",
        "# only a comment\n",
        "a: 1 # trailing\n# between\nb: 2\n",
        "\u{feff}a: 1\n",
        "a: 1\r\nb: 规划\r\n",
        "a:\nb:\n",
        "? a\n: b\n",
        "? [a, b]\n: c\n",
        "{a: 1}: b\n",
        "a: [1, 2\n",
        "a: 1\n a: 2\n",
        "a: b: c\n",
        "- a\nb: c\n",
        "a: 1\na: 2\n",
        "\t a: 1\n",
        "a:\n\t- 1\n",
        "[",
        "]",
        "{",
        "'unterminated\n",
        "a: \"bad \\q escape\"\n",
        "a: @reserved\n",
        "a: `reserved\n",
        "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x\n",
        // Block structure, as the line reader sees it.
        "a:\n- x\n- y\n",
        "a:\n  - x\n  -\n  - y\n",
        "a:\n  - - x\n    - y\n",
        "a:\n  - k: v\n    l: [1, {m: n}]\n  - k: w\n    s:\n      - 1\n      - 2\n",
        "a:\n  - k: v\n   l: w\n",
        "a:\n  - k: v\n     l: w\n",
        "a: one\n  two\n",
        "a: one\n\n  two\nb: 1\n",
        "- x\n  y\n",
        "a: b # c\nd: e#f\ng: h #i j\n",
        "a: 'it''s' # c\nb: \"x\" y\n",
        "\"q k\": 1\n'r k': 2\n\"s\":3\n",
        "key with spaces: v\n",
        "a: {b: [c, d], e: {f: g}}\n",
        "a: {b: c,}\n",
        "a: [b, , c]\n",
        "a: {b: c, d}\n",
        "a: {b:c}\n",
        "a: {\"b\":c}\n",
        "a: {b: http://x}\n",
        "a: [x#y, z]\n",
        "a: [1, 2] x\n",
        "a: [1, 2]   # ok\n",
        "a: {b: c}\n  d: e\n",
        "a:\n  b: 1\n c: 2\n",
        "a:\n    b: 1\n  c: 2\n",
        "  a: 1\n  b: 2\n",
        "a: 1\n# trailing comment\n",
        "a: -3\nb: - 3\nc: -x\nd: --x\n",
        "a: x: y\n",
        "a: x:y\n",
        "a: ~\nb: null\nc:\nd: ''\ne: \"\"\n",
        "a: \"\\u00e9\\n\\t\\\\\\\"\\/\"\n",
        "a: \"\\x41\\e\"\n",
        "a: |\n  x\n",
        "a: >-\n  x\n",
        "a: &x 1\n",
        "a: !!str 1\n",
        "? a\n",
        "a: @x\n",
        "a: 规划, 健康\n",
        "a: [规划 二, 健康]\n",
        "数: 值\n",
        "a:\n  b:\n    c:\n      d: 1\n",
        "- a: 1\n- b: 2\n-  c: 3\n",
        "-  a\n-   b\n",
        "a: 1\n---\n",
        "a: 1\n...\n",
        "a: \"x\n  y\"\n",
        "a: [x,\n  y]\n",
        "a: x\u{85}y\n",
        // Flow collections over lines.
        "- {a: 1,\n   b: 2}\n",
        "- {a: 1\n   , b: 2}\n",
        "- {a: 1,  # c\n   b: 2}\n",
        "- {a: 1,\n b: 2}\n",
        "a: {b: 1,\nc: 2}\n",
        "a: [x,\n\n  y]\n",
        "a: [x,\n  # c\n  y]\n",
        "a: {b: 'x',\n  c: \"y\"\n  }\n",
        "a: [\n  x,\n  y\n]\n",
        "a: [\n  x,\n  y\n  ]\nb: 1\n",
        "a: [x,\n  y] z\n",
        "a: [x,\n  y]\n  b: 1\n",
        "- [x,\n  y]\n- z\n",
        "a: {b: c,\n  d: long plain\n  text}\n",
        "a: x\u{2028}y\n",
    ];
    for text in documents {
        yaml_differential(text);
    }
    let deep = |n: usize| format!("{}1{}", "[".repeat(n), "]".repeat(n));
    for n in [27, 28, 29, 31, 32, 33, 40] {
        yaml_differential(&deep(n));
    }
    // The line reader takes the layouts plans are written in, and leaves the rest.
    for taken in [
        "# c\na: 1\nb: [x, 2.5]\nc:\n  - {no: 1, name: \"人均\", t: ≥79.7}\n  - k: v\n    l: 'w'\n",
        "- {a: 1,\n   b: 2}  # c\n",
        "a:\nb: ~\nc: 2022-02-10\n",
        "---\na: 1\n",
        "a: |\n  x\n",
        "a: &x 1\nb: *x\n",
        "a: one\n  two\n",
        "a:\n- x\n",
        "a: \"\\x41\"\n",
    ] {
        assert!(yaml::fast_paths(taken).0.is_some(), "{taken:?}");
    }
    for left in [
        "a:\t1\n",
        "a: 1\r\n",
        "\u{feff}a: 1\n",
        "a: [x\n  , y]\n",
        "a: 1e5\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: !!str 1\n",
        "a: |2\n   x\n",
        "a: &x\n  b: &y 1\n",
    ] {
        assert!(yaml::fast_paths(left).0.is_none(), "{left:?}");
    }
    // The event reader takes the ordinary shapes; the unusual ones go to serde-saphyr.
    assert!(yaml::fast_paths("a: [1, 2.5, x, 2022-02-10, ~, true]\n")
        .1
        .is_some());
    assert!(yaml::fast_paths("a: &x 1\nb: *x\n").1.is_none());
    assert!(yaml::fast_paths("a: [1, 2\n").1.is_none());
    assert!(yaml::fast_paths("a: 1e5\n").1.is_none());
}

/// The forms other tools and people write, each on the edges the line reader decides:
/// block scalars (chomping, blank lines, a line that ends them, content that looks like
/// comments or keys), plain scalars folded over lines, quoted scalars over lines (escaped
/// and folded breaks, blank lines, every escape), anchors and aliases (defined twice,
/// undefined, inside an anchored node, on a key, odd names), document markers, and
/// sequences at their key's indentation. Each text with and without its last line break.
#[test]
fn other_layouts_read_alike() {
    let texts = [
        "a: |\n  x\n",
        "a: |\n  x\nb: >-\n  folded\n  text\n",
        "a: |+\n  x\n",
        "a: |+\n  x\n\n\nb: 1\n",
        "a: >+\n  x\n\nb: 1\n",
        "a: |-\n  x\n  y\n",
        "a: |2\n   x\n",
        "a: |\n    x\n  y\n",
        "a: |\n\n  x\n",
        "a: |\n  x\n   y\n  z\n",
        "a: >\n  x\n   y\n  z\n",
        "a: |\n",
        "a: |\nb: 1\n",
        "a: | # c\n  x\n",
        "a: |#c\n  x\n",
        "- |\n  x\n- >-\n  y\n",
        "- k: |\n    x\n  l: 1\n",
        "a: |\n  x\n    \n  y\n",
        "a: |\n  x\n  \n  y\n",
        "a: >\n  a\n  b\n\n  c\n\n\n  d\n",
        "a: |\n  # not a comment\n  key: value\n  - item\nb: 1\n",
        "a:\n  b: >-\n    x\n c: 1\n",
        "a: &x |\n  x\nb: *x\n",
        "a: one\n  two\n",
        "a: one\n\n  two\n",
        "a: one\n\n\n  two\n",
        "a: one\n  # c\n  two\n",
        "a: one # c\n  two\n",
        "a: one\n  two # c\nb: 1\n",
        "a: one\n  - two\n",
        "a: one\n  two: three\n",
        "a: one\n  [two]\n",
        "a: one\n  two:\n",
        "a: 1\n  2\n",
        "a: true\n  x\n",
        "a: one\n two\n",
        "- one\n two\n",
        "-  one\n   two\n",
        "a: \"x\n  y\"\n",
        "a: \"x\n y\"\n",
        "a:\n  b: \"x\n  y\"\n",
        "a:\n  b: \"x\n   y\"\n",
        "a: \"x   \n  y\"\n",
        "a: \"x\\ \n  y\"\n",
        "a: \"x\\\n  y\"\n",
        "a: \"x\\\n\n  y\"\n",
        "a: \"x\n\n  y\"\n",
        "a: \"x\n  # y\"\n",
        "a: \"x\n  # y\"\nb: 1\n",
        "a: \"x\n  y\" # c\n",
        "a: \"x\n  y\" z\n",
        "a: 'x\n  y'\n",
        "a: 'x''\n  ''y'\n",
        "a: [x, \"y\n  z\", w]\n",
        "- {a: \"x\n   y\", b: 2}\n",
        "{\"a\n  b\": 1}\n",
        "a: \"\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\\"\\/\\\\\\N\\_\\L\\P\"\n",
        "a: \"\\x41\\u00e9\\U0001F600\"\n",
        "a: \"\\ud800\"\n",
        "a: \"\\x4\"\n",
        "a: \"\\q\"\n",
        "a: \"\\U00110000\"\n",
        "a: &a 1\nb: &a 2\nc: *a\n",
        "a: *x\n",
        "a: &x [*x]\n",
        "a: &x\n  b: &y 1\n",
        "a: &x\n  b: *y\n",
        "a: &x\n- 1\n- 2\nb: *x\n",
        "a: &x\n  - 1\nb: *x\n",
        "a: &x\nb: *x\n",
        "a: &x # c\n  k: v\nb: *x\n",
        "- &x a\n- *x\n- [*x, *x]\n- {*x: 1}\n",
        "*x : 1\n",
        "a: &x.y 1\nb: *x.y\n",
        "a: &x: 1\n",
        "a: &x 1\nb: *x:\n",
        "a: &x [1, 2]\nb: [*x, *x]\n",
        "a: [&x 1,*x]\n",
        "a: [&x, 1]\n",
        "a: {&x k: v}\n",
        "a: &x 'q'\nb: *x\n",
        "a: &x \"q\n  r\"\nb: *x\n",
        "a: &x one\n  two\nb: *x\n",
        "a: &x 1e5\nb: *x\n",
        "a:\n  - &x {k: v}\n  - *x\n",
        "---\na: 1\n...\n",
        "---\na: 1\n---\nb: 2\n",
        "--- \na: 1\n",
        "---#c\na: 1\n",
        "--- a: 1\n",
        "a: 1\n...\n# c\n",
        "a: 1\n...\nb: 2\n",
        "# c\n---\na: 1\n",
        "...\na: 1\n",
        "a:\n- x\n-\n- y\n",
        "a:\n- - x\n",
        "a:\n-  x\n-  y\n",
        "a:\n- x\n  y\n",
        "a:\n- x\nb:\n- y\nc: 1\n",
        "- a:\n  - x\n  b: 1\n",
        "a:\n- b:\n  - c\n",
        "a:\n  - x\n  - y\nb:\n- z\n",
        "a:\n- x\n - y\n",
        "? a\n: b\n",
        "- {a: one two\n    three, b: 1}\n",
        "- {a: one two\n    three}\n",
        "- [one\n   two, three]\n",
        "- {a: one\n\n    two}\n",
        "- {a: one\n    # c\n    two}\n",
        "- {a: one\n    two: x}\n",
        "- {a: one\n    two #c\n    }\n",
        "- {a: one\n  two}\n",
        "a: [x,\n  y z\n  w]\n",
        "- {a: 1\n    2}\n",
        "- {a: one\n    - two}\n",
        "- {a: one\n    two\n",
    ];
    for text in texts {
        yaml_differential(text);
        yaml_differential(text.trim_end_matches('\n'));
    }
    // What PyYAML and people write is taken by the line reader.
    for taken in [
        "a: |\n  x\nb: >-\n  folded\n  text\n",
        "a: |+\n  x\n\n\nb: 1\n",
        "a: |\n  # not a comment\n  key: value\n  - item\nb: 1\n",
        "a:\n  b: >-\n    x\n  # c\n  d: 1\n",
        "a: \"\\u6CB3\\u5B81\\\n  \\u89C4\\u5212\"\n",
        "a: 'it''s\n  ok'\n",
        "a: \"x\n\n  y\"\n",
        "- a b c\n  d e f\n\n  g\n",
        "a: &x [1, 2]\nb: [*x, *x]\n",
        "a: &x\n- 1\n- 2\nb: *x\n",
        "--- # c\na:\n- x\n- y\nb: 2\n...\n",
        "- a:\n  - x\n  b: 1\n",
        "- {a: one two\n    three, b: 1}\n",
    ] {
        assert!(yaml::fast_paths(taken).0.is_some(), "{taken:?}");
    }
}

/// Plan files as PyYAML and people write them (`tests/layouts/`, written from seed plans by
/// `crates/planlint_bench/redump.py`): the line reader takes each, and gives serde-saphyr's
/// tree.
#[test]
fn plan_layouts_are_taken_by_the_line_reader() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/layouts");
    let mut files = Vec::new();
    yaml_files(&dir, &mut files);
    files.sort();
    let layouts = ["block", "flow", "ascii", "hand", "anchors"];
    for layout in layouts {
        assert!(
            files
                .iter()
                .filter(|f| f.parent().is_some_and(|p| p.ends_with(layout)))
                .count()
                >= 2,
            "{layout}: {files:?}"
        );
    }
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        yaml_differential(&text);
        assert!(
            yaml::fast_paths(&text).0.is_some(),
            "left to a slower reader: {}",
            path.display()
        );
    }
}
