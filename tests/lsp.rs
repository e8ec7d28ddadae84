//! `planlint lsp` driven as an editor drives it (JSON-RPC over standard input and output),
//! and `planlint check --watch` driven as a person does (saving files).
//!
//! Each test writes a small repository of its own: a province plan and a city plan below
//! it, the city's table with a row weaker than the province's once edited, a row downgraded
//! from binding, and a row missing.

#[path = "common.rs"]
mod common;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

const PROVINCE: &str = "\
planlint: 1
id: xs-health-14
title: 西山省“十四五”卫生健康发展规划
region: 西山省
level: province
period: {start: 2021, end: 2025}
baseline_year: 2020
indicators:
  - name: 人均预期寿命
    unit: 岁
    baseline: 77.6
    target: 78.6
    nature: 预期性
  - name: 婴儿死亡率
    unit: ‰
    baseline: 4.9
    target: <5
    nature: 约束性
  - name: 孕产妇死亡率
    unit: /10万
    baseline: 14.2
    target: <14
    nature: 约束性
";

const CITY: &str = "\
planlint: 1
id: xs-hd-health-14
title: 河东市“十四五”卫生健康发展规划
region: 河东市
level: prefecture
period: {start: 2021, end: 2025}
baseline_year: 2020
parent: xs-health-14
basis:
  - 西山省“十四五”卫生健康发展规划
indicators:
  - name: 人均预期寿命
    unit: 岁
    baseline: 77.9
    target: 79
    nature: 预期性
  - name: 婴儿死亡率
    unit: ‰
    baseline: 4.1
    target: <4.5
    nature: 预期性
";

fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("planlint.yaml"), "planlint: 1\n").unwrap();
    std::fs::create_dir_all(dir.path().join("xs/hd")).unwrap();
    std::fs::write(dir.path().join("xs/xs-health-14.plan.yaml"), PROVINCE).unwrap();
    std::fs::write(dir.path().join("xs/hd/xs-hd-health-14.plan.yaml"), CITY).unwrap();
    dir
}

fn uri(path: &Path) -> String {
    let path = std::fs::canonicalize(path).unwrap();
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An editor's end of the connection: requests out, every message in on a channel.
struct Editor {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next: i64,
    /// Notifications read while waiting for something else.
    pending: Vec<Value>,
    /// Every message from the server that was neither an answer nor diagnostics.
    others: Vec<Value>,
}

impl Editor {
    fn start(dir: &Path, cache: &Path) -> Editor {
        let mut child = common::command(dir, env!("CARGO_BIN_EXE_planlint"))
            .arg("lsp")
            .env("XDG_CACHE_HOME", cache)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let message: Value = serde_json::from_slice(&body).unwrap();
                if send.send(message).is_err() {
                    return;
                }
            }
        });
        Editor {
            child,
            stdin,
            incoming,
            next: 1,
            pending: Vec::new(),
            others: Vec::new(),
        }
    }

    fn write(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.write(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its answer.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        self.write(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self.incoming.recv_timeout(left).expect("an answer in time");
            if message.get("id") == Some(&json!(id)) {
                assert!(message.get("error").is_none(), "{method}: {message}");
                return message["result"].clone();
            }
            self.pending.push(message);
        }
    }

    /// Waits for the diagnostics of `uri`, of the text's `version` or later, that `accept`
    /// takes.
    fn diagnostics(
        &mut self,
        uri: &str,
        version: i64,
        accept: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut last = None;
        loop {
            let message = if self.pending.is_empty() {
                let left = deadline.saturating_duration_since(Instant::now());
                match self.incoming.recv_timeout(left) {
                    Ok(message) => message,
                    Err(_) => panic!("no diagnostics accepted for {uri} in time; last: {last:?}"),
                }
            } else {
                self.pending.remove(0)
            };
            if message["method"] != "textDocument/publishDiagnostics" {
                self.others.push(message.clone());
            }
            let params = &message["params"];
            if message["method"] == "textDocument/publishDiagnostics"
                && params["uri"] == uri
                && params["version"].as_i64().unwrap_or(0) >= version
            {
                let list = message["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                if accept(&list) {
                    return list;
                }
                last = Some(list);
            }
        }
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "planlint lsp exited with {status}");
                return;
            }
            assert!(Instant::now() < deadline, "planlint lsp did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn codes(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

fn has(list: &[Value], code: &str) -> bool {
    codes(list).iter().any(|c| c == code)
}

/// The UTF-16 position of byte `offset` in `text`.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": text[start..offset].encode_utf16().count()})
}

/// The byte offset of a UTF-16 position in `text`.
fn offset(text: &str, at: &Value) -> usize {
    let line = at["line"].as_u64().unwrap() as usize;
    let character = at["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, ch) in text[start..].char_indices() {
        if units >= character || ch == '\n' {
            return start + i;
        }
        units += ch.len_utf16();
    }
    text.len()
}

/// `text` with a workspace edit's edits for `uri` applied, last first.
fn apply(text: &str, edit: &Value, uri: &str) -> String {
    let mut edits: Vec<(usize, usize, String)> = edit["changes"][uri]
        .as_array()
        .expect("edits for the file")
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, new) in edits {
        out.replace_range(start..end, &new);
    }
    out
}

fn open(editor: &mut Editor, uri: &str, text: &str) {
    editor.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
}

fn change(editor: &mut Editor, uri: &str, version: i64, text: &str) {
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
    );
}

fn initialize(editor: &mut Editor, dir: &Path) {
    let result = editor.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": uri(dir),
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
            },
            "initializationOptions": {"debounceMs": 50},
        }),
    );
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(result["capabilities"]["hoverProvider"], true);
    editor.notify("initialized", json!({}));
}

#[test]
fn an_editor_sees_findings_hovers_completes_and_fixes() {
    let dir = repository();
    let cache = tempfile::tempdir().unwrap();
    let city_path = dir.path().join("xs/hd/xs-hd-health-14.plan.yaml");
    let province_path = dir.path().join("xs/xs-health-14.plan.yaml");
    let (city, province) = (uri(&city_path), uri(&province_path));
    let mut editor = Editor::start(dir.path(), cache.path());
    initialize(&mut editor, dir.path());

    // Open: the downgraded row and the missing row are found, each pointing at the
    // province's row, with the rule's documentation linked.
    open(&mut editor, &city, CITY);
    let found = editor.diagnostics(&city, 1, |l| has(l, "missing-indicator"));
    assert!(has(&found, "binding-downgrade"), "{found:?}");
    assert!(!has(&found, "weaker-target"), "{found:?}");
    let missing = found
        .iter()
        .find(|d| d["code"] == "missing-indicator")
        .unwrap();
    assert!(
        missing["message"]
            .as_str()
            .unwrap()
            .contains("孕产妇死亡率"),
        "{missing}"
    );
    let related = &missing["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], province);
    let row_line = PROVINCE
        .lines()
        .position(|l| l.contains("孕产妇死亡率"))
        .unwrap();
    assert_eq!(related["range"]["start"]["line"], row_line);
    let page = missing["codeDescription"]["href"].as_str().unwrap();
    assert!(
        page.starts_with("file://") && page.ends_with("missing-indicator.md"),
        "{page}"
    );
    let page_path = cache.path().join("planlint/rules/zh/missing-indicator.md");
    assert!(std::fs::read_to_string(page_path)
        .unwrap()
        .contains("missing-indicator"));

    // The life expectancy target is edited into a weaker one: the new finding arrives.
    let weaker = CITY.replace("target: 79", "target: 78");
    change(&mut editor, &city, 2, &weaker);
    let found = editor.diagnostics(&city, 2, |l| has(l, "weaker-target"));
    let finding = found.iter().find(|d| d["code"] == "weaker-target").unwrap();
    let target_at = weaker.find("target: 78").unwrap() + "target: ".len();
    assert_eq!(finding["range"]["start"], position(&weaker, target_at));

    // Hover on the row: the catalog, the province's row, and the derivation.
    let row_at = weaker.find("人均预期寿命").unwrap();
    let hover = editor.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": city}, "position": position(&weaker, row_at + 3)}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    for part in [
        "指标目录",
        "西山省“十四五”卫生健康发展规划",
        "78.6",
        "弱于上级",
    ] {
        assert!(text.contains(part), "hover lacks {part}: {text}");
    }
    assert!(
        text.contains("按本地基期77.9推算") || text.contains("不低于78.6"),
        "{text}"
    );

    // Go to definition: from the row to the province's row, from `parent:` to its plan.
    let definition = editor.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": city}, "position": position(&weaker, row_at + 3)}),
    );
    assert_eq!(definition["uri"], province);
    let life_line = PROVINCE
        .lines()
        .position(|l| l.contains("人均预期寿命"))
        .unwrap();
    assert_eq!(definition["range"]["start"]["line"], life_line);
    let parent_at = weaker.find("parent: ").unwrap() + 10;
    let definition = editor.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": city}, "position": position(&weaker, parent_at)}),
    );
    assert_eq!(definition["uri"], province);
    assert_eq!(definition["range"]["start"]["line"], 1);

    // Completion: an indicator name offers the province's row not carried yet first; a
    // nature offers 约束性; a new key in a row offers the row's keys.
    let name_end = weaker.find("人均预期寿命").unwrap() + "人均预期寿命".len();
    let items = editor.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": city}, "position": position(&weaker, name_end)}),
    );
    let labels: Vec<&str> = items["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    let first = items["items"]
        .as_array()
        .unwrap()
        .iter()
        .min_by_key(|i| i["sortText"].as_str().unwrap_or("~").to_string())
        .unwrap();
    assert_eq!(first["label"], "孕产妇死亡率", "{labels:?}");
    assert!(
        labels.contains(&"每千人口执业（助理）医师数") || labels.len() > 20,
        "{labels:?}"
    );
    let nature_end = weaker.rfind("nature: 预期性").unwrap() + "nature: 预期性".len();
    let items = editor.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": city}, "position": position(&weaker, nature_end)}),
    );
    let labels: Vec<&str> = items["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"约束性") && labels.contains(&"预期性"),
        "{labels:?}"
    );
    let with_key = weaker.replace("    target: <4.5\n", "    target: <4.5\n    no\n");
    change(&mut editor, &city, 3, &with_key);
    let key_end = with_key.find("    no\n").unwrap() + 6;
    let items = editor.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": city}, "position": position(&with_key, key_end)}),
    );
    let labels: Vec<&str> = items["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"note") && labels.contains(&"nature") && !labels.contains(&"basis"),
        "{labels:?}"
    );
    change(&mut editor, &city, 4, &weaker);

    // Code actions: mark the row binding, add the missing row; both findings go.
    let nature_at = weaker.rfind("nature: 预期性").unwrap();
    let actions = editor.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": city},
            "range": {"start": position(&weaker, nature_at), "end": position(&weaker, nature_at)},
            "context": {"diagnostics": []},
        }),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    let mark = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("约束性"))
        .unwrap_or_else(|| panic!("{titles:?}"));
    assert!(titles.iter().any(|t| t.contains("豁免")), "{titles:?}");
    let fixed = apply(&weaker, &mark["edit"], &city);
    change(&mut editor, &city, 5, &fixed);
    let found = editor.diagnostics(&city, 5, |l| !has(l, "binding-downgrade"));
    assert!(
        has(&found, "missing-indicator") && has(&found, "weaker-target"),
        "{found:?}"
    );

    let indicators_at = fixed.find("indicators:").unwrap();
    let actions = editor.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": city},
            "range": {"start": position(&fixed, indicators_at), "end": position(&fixed, indicators_at)},
            "context": {"diagnostics": []},
        }),
    );
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .contains("添加上级指标“孕产妇死亡率”")
        })
        .unwrap_or_else(|| panic!("{actions}"));
    let added = apply(&fixed, &add["edit"], &city);
    assert!(added.contains("  - name: \"孕产妇死亡率\"\n    unit: \"/10万\"\n    target: \"<14\"\n    nature: 约束性\n"), "{added}");
    change(&mut editor, &city, 6, &added);
    let found = editor.diagnostics(&city, 6, |l| !has(l, "missing-indicator"));
    assert!(
        has(&found, "weaker-target") && !has(&found, "binding-downgrade"),
        "{found:?}"
    );

    // The exemption action writes the rule and the indicator, and leaves the reason empty:
    // the plan then says a reason is wanted.
    let target_at = added.find("target: 78").unwrap();
    let actions = editor.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": city},
            "range": {"start": position(&added, target_at), "end": position(&added, target_at)},
            "context": {"diagnostics": []},
        }),
    );
    let exempt = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("weaker-target"))
        .unwrap_or_else(|| panic!("{actions}"));
    let exempted = apply(&added, &exempt["edit"], &city);
    assert!(
        exempted.ends_with(
            "exemptions:\n  - rule: weaker-target\n    indicator: \"人均预期寿命\"\n    reason:\n"
        ),
        "{exempted}"
    );
    change(&mut editor, &city, 7, &exempted);
    let found = editor.diagnostics(&city, 7, |l| {
        l.iter()
            .any(|d| d["message"].as_str().unwrap_or("").contains("reason"))
    });
    assert!(!found.is_empty());

    editor.stop();
}

#[test]
fn an_edit_to_the_parent_in_the_editor_rechecks_the_child() {
    let dir = repository();
    let cache = tempfile::tempdir().unwrap();
    let city_path = dir.path().join("xs/hd/xs-hd-health-14.plan.yaml");
    let province_path = dir.path().join("xs/xs-health-14.plan.yaml");
    let (city, province) = (uri(&city_path), uri(&province_path));
    let weaker = CITY.replace("target: 79", "target: 78");
    let mut editor = Editor::start(dir.path(), cache.path());
    initialize(&mut editor, dir.path());
    open(&mut editor, &city, &weaker);
    editor.diagnostics(&city, 1, |l| has(l, "weaker-target"));
    // The province, open and edited but not saved, asks less: the city is no longer weaker.
    open(&mut editor, &province, PROVINCE);
    change(
        &mut editor,
        &province,
        2,
        &PROVINCE.replace("target: 78.6", "target: 77.5"),
    );
    let found = editor.diagnostics(&city, 1, |l| !has(l, "weaker-target"));
    assert!(has(&found, "binding-downgrade"), "{found:?}");
    // Closed without saving: the disk's province counts again.
    editor.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": province}}),
    );
    editor.diagnostics(&city, 1, |l| has(l, "weaker-target"));
    // The server asked to hear of plan files changed on disk; the province saved by another
    // program, asking less, and reported: the open city is checked again.
    assert!(
        editor
            .others
            .iter()
            .any(|m| m["method"] == "client/registerCapability"
                && m["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles"),
        "{:?}",
        editor.others
    );
    std::fs::write(
        &province_path,
        PROVINCE.replace("target: 78.6", "target: 77.5"),
    )
    .unwrap();
    editor.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": province, "type": 2}]}),
    );
    editor.diagnostics(&city, 1, |l| !has(l, "weaker-target") && !l.is_empty());
    // Another YAML file of the repository is not a plan: nothing is checked or answered.
    let config = uri(&dir.path().join("planlint.yaml"));
    open(&mut editor, &config, "planlint: 1\n");
    let hover = editor.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": config}, "position": {"line": 0, "character": 1}}),
    );
    assert_eq!(hover, Value::Null);
    assert!(!editor.pending.iter().any(|m| m["params"]["uri"] == config));
    editor.stop();
}

/// Reads `planlint check --watch`'s lines on a channel.
fn watch(dir: &Path, args: &[&str]) -> (Child, Receiver<String>) {
    let mut child = common::command(dir, env!("CARGO_BIN_EXE_planlint"))
        .args(["check", "--watch"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (send, lines) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { return };
            if send.send(line).is_err() {
                return;
            }
        }
    });
    (child, lines)
}

/// The lines up to and including the next round's summary (it starts with `[`).
fn round(lines: &Receiver<String>) -> Vec<String> {
    let mut out = Vec::new();
    loop {
        let line = lines
            .recv_timeout(Duration::from_secs(60))
            .expect("a round in time");
        let end = line.starts_with('[');
        out.push(line);
        if end {
            return out;
        }
    }
}

/// Writes a file so that its stamp changes even on a coarse clock.
fn save(path: &PathBuf, text: &str) {
    let before = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    loop {
        std::fs::write(path, text).unwrap();
        let after = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        if after != before {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn watch_prints_what_each_save_changed() {
    let dir = repository();
    let city = dir.path().join("xs/hd/xs-hd-health-14.plan.yaml");
    let province = dir.path().join("xs/xs-health-14.plan.yaml");
    let (mut child, lines) = watch(dir.path(), &["xs/hd"]);
    let first = round(&lines);
    assert!(
        first.iter().any(|l| l.contains("binding-downgrade")),
        "{first:?}"
    );
    assert!(first.last().unwrap().contains("监视中"), "{first:?}");

    // A weaker target saved: one new finding, nothing gone.
    save(&city, &CITY.replace("target: 79", "target: 78"));
    let next = round(&lines);
    let new: Vec<&String> = next.iter().filter(|l| l.starts_with("+ ")).collect();
    assert_eq!(new.len(), 1, "{next:?}");
    assert!(
        new[0].contains("weaker-target") && new[0].contains("xs/hd/xs-hd-health-14.plan.yaml:"),
        "{next:?}"
    );
    assert!(!next.iter().any(|l| l.starts_with("- ")), "{next:?}");

    // A row added above the findings moves them, which is no change; the downgrade fixed
    // is one finding gone.
    let fixed = CITY
        .replace("target: 79", "target: 78")
        .replace(
            "indicators:\n",
            "indicators:\n  - {name: 每千人口床位数, unit: 张, target: 6.5}\n",
        )
        .replace(
            "target: <4.5\n    nature: 预期性",
            "target: <4.5\n    nature: 约束性",
        );
    save(&city, &fixed);
    let next = round(&lines);
    let gone: Vec<&String> = next.iter().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(gone.len(), 1, "{next:?}");
    assert!(gone[0].contains("binding-downgrade"), "{next:?}");
    assert!(!next.iter().any(|l| l.starts_with("+ ")), "{next:?}");

    // The parent saved asking less: the child, not named, is checked again.
    save(&province, &PROVINCE.replace("target: 78.6", "target: 77.5"));
    let next = round(&lines);
    assert!(
        next.iter()
            .any(|l| l.starts_with("- ") && l.contains("weaker-target")),
        "{next:?}"
    );

    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn lsp_help_is_listed() {
    let (code, out, _) = common::planlint(common::root(), &["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("lsp"), "{out}");
}
