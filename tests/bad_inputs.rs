//! Bad input, all in one repository beside a good plan: every bad file ends in a coded
//! problem (exit status 2), in bounded time, and the good plan is still checked.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const HEAD: &str =
    "planlint: 1\ntitle: 规划\nregion: 某地\nlevel: prefecture\nperiod: {start: 2021, end: 2025}\nissuer: 某地人民政府\nissued: 2022-01-01\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// planlint on `args` in `dir`, with its address space capped at 1 GiB where `prlimit`
/// (util-linux) is there: an input that made it use more would fail the run, not pass
/// unnoticed. Without `prlimit` the run is not capped, and the test says so.
fn planlint_capped(dir: &Path, args: &[&str]) -> std::process::Output {
    let exe = env!("CARGO_BIN_EXE_planlint");
    let capped = Path::new("/usr/bin/prlimit").exists();
    let mut command = if capped {
        let mut c = Command::new("/usr/bin/prlimit");
        c.arg(format!("--as={}", 1u64 << 30)).arg(exe);
        c
    } else {
        eprintln!("not capping memory: /usr/bin/prlimit is absent");
        Command::new(exe)
    };
    command.args(args).current_dir(dir);
    // A run that hangs (a named pipe waited on) is killed, and the test fails with what it
    // printed, rather than hanging the test suite.
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (mut stdout, mut stderr) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut bytes).map(|_| bytes)
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut bytes).map(|_| bytes)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(150) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("planlint {args:?} did not end in 150 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    std::process::Output {
        status,
        stdout: out.join().unwrap().unwrap_or_default(),
        stderr: err.join().unwrap().unwrap_or_default(),
    }
}

fn plan(id: &str, extra: &str) -> Vec<u8> {
    format!("{HEAD}id: {id}\n{extra}").into_bytes()
}

/// The good plan every hostile repository holds, which must still be checked.
fn write_good_plan(d: &Path) {
    write(
        d,
        "good.plan.yaml",
        &plan(
            "good",
            "indicators:\n  - {name: 婴儿死亡率, unit: ‰, baseline: \"3.88\", target: \"<3\"}\n",
        ),
    );
}

#[test]
fn every_bad_file_is_a_coded_problem_and_the_good_plan_is_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_good_plan(d);
    write(d, "empty.plan.yaml", b"");
    write(
        d,
        "binary.plan.yaml",
        &[0u8, 159, 146, 150, 0, 1, 2, 255, 254, 10],
    );
    write(
        d,
        "gb18030.plan.yaml",
        &[b'i', b'd', b':', b' ', 0xD6, 0xD0, 0xCE, 0xC4, b'\n'],
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "planlint: 1\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    write(d, "utf16.plan.yaml", &utf16);
    write(d, "syntax.plan.yaml", b"planlint: 1\nid: [unclosed\n");
    write(d, "unknown.plan.yaml", &plan("unknown", "titel: x\n"));
    write(d, "duplicate.plan.yaml", &plan("duplicate", "id: again\n"));
    write(
        d,
        "types.plan.yaml",
        &plan("types", "baseline_year: soon\n"),
    );
    write(
        d,
        "deep.plan.yaml",
        format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000)).as_bytes(),
    );
    // Numbers at the edges of f64, and a target string of 1 MB.
    write(
        d,
        "numbers.plan.yaml",
        &plan("numbers", &format!(
            "indicators:\n  - {{name: 婴儿死亡率, unit: ‰, baseline: 1e308, target: .nan}}\n  - {{name: 孕产妇死亡率, unit: /10万, baseline: -0, target: \"-0\"}}\n  - {{name: 人均预期寿命, unit: 岁, baseline: \"77\", target: \"{}\"}}\n",
            "≥".repeat(350_000)
        )),
    );
    write(d, "self.plan.yaml", &plan("self", "parent: self\n"));
    write(d, "twin-a.plan.yaml", &plan("twin", ""));
    write(d, "twin-b.plan.yaml", &plan("twin", ""));
    // A folder named like a plan is not a plan file; a symbolic link loop is not followed.
    std::fs::create_dir_all(d.join("folder.plan.yaml")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(d, d.join("loop")).unwrap();

    // A byte-order mark before a good plan is not a problem.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(plan("bom", ""));
    write(d, "bom.plan.yaml", &bom);

    let started = Instant::now();
    let out = planlint_capped(d, &["check", "--format", "json", "--lang", "en", "."]);
    // Not a timing test: a bound far above any real run, so a hang fails.
    assert!(started.elapsed() < Duration::from_secs(120));
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["file"].as_str().unwrap().to_string(),
                x["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |file: &str, code: &str| found.iter().any(|(f, c)| f == file && c == code);
    for (file, code) in [
        ("empty.plan.yaml", "invalid-value"),
        ("binary.plan.yaml", "io-error"),
        ("gb18030.plan.yaml", "io-error"),
        ("utf16.plan.yaml", "io-error"),
        ("syntax.plan.yaml", "yaml-syntax"),
        ("unknown.plan.yaml", "unknown-field"),
        ("duplicate.plan.yaml", "duplicate-key"),
        ("types.plan.yaml", "invalid-value"),
        ("deep.plan.yaml", "yaml-syntax"),
        ("self.plan.yaml", "hierarchy-cycle"),
        ("twin-b.plan.yaml", "duplicate-id"),
    ] {
        assert!(has(file, code), "{file}: no {code} in {found:#?}");
    }
    // The edge numbers load (`.nan` is text, and unreadable as a target); the 1 MB target
    // is refused as too long, so no rule ever handles it.
    assert!(has("numbers.plan.yaml", "unreadable-target"), "{found:#?}");
    assert!(has("numbers.plan.yaml", "invalid-value"), "{found:#?}");
    assert!(!found.iter().any(|(_, c)| c == "rule-failed"), "{found:#?}");
    assert!(
        !found
            .iter()
            .any(|(f, _)| f.contains("folder") || f.contains("loop")),
        "{found:#?}"
    );
    // Nothing is reported about the good plan (nor the one with a BOM), and it was checked.
    assert!(
        !found
            .iter()
            .any(|(f, _)| f == "good.plan.yaml" || f == "bom.plan.yaml"),
        "{found:#?}"
    );
    assert!(json["summary"]["plans"].as_u64().unwrap() >= 8, "{json}");
}

/// The rest of the hostile repository: a parent cycle of three, a 100 MB plan file, and a
/// file that cannot be read at all. Each is a coded problem, the run stays small and quick,
/// and the good plan is still checked.
#[test]
fn a_cycle_of_three_a_huge_file_and_an_unreadable_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_good_plan(d);
    write(d, "a.plan.yaml", &plan("a", "parent: b\n"));
    write(d, "b.plan.yaml", &plan("b", "parent: c\n"));
    write(d, "c.plan.yaml", &plan("c", "parent: a\n"));
    // 100 MB: a valid head, then a comment that never ends. Written in pieces.
    {
        use std::io::Write;
        let mut f = std::fs::File::create(d.join("huge.plan.yaml")).unwrap();
        f.write_all(&plan("huge", "# ")).unwrap();
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..100 {
            f.write_all(&chunk).unwrap();
        }
    }
    let mut args = vec!["check", "--format", "json", "--lang", "en", "."];
    // /proc/self/mem cannot be read from its start, not even by root (who can read a file
    // whatever its permission bits): the unreadable file, named on the command line.
    #[cfg(target_os = "linux")]
    args.push("/proc/self/mem");
    let started = Instant::now();
    let out = planlint_capped(d, &args);
    assert!(started.elapsed() < Duration::from_secs(120));
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["file"].as_str().unwrap().to_string(),
                x["rule"].as_str().unwrap().to_string(),
                x["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |file: &str, code: &str| found.iter().any(|(f, c, _)| f == file && c == code);
    // Three plans of one level cannot be each other's parents: every link is reported
    // (as a level inversion, which also cuts the cycle), and none hangs the walk up.
    for file in ["a.plan.yaml", "b.plan.yaml", "c.plan.yaml"] {
        assert!(
            has(file, "hierarchy-level") || has(file, "hierarchy-cycle"),
            "{file}: {found:#?}"
        );
    }
    assert!(has("huge.plan.yaml", "io-error"), "{found:#?}");
    assert!(
        found
            .iter()
            .any(|(f, _, m)| f == "huge.plan.yaml" && m.contains("too large (100 MB)")),
        "{found:#?}"
    );
    #[cfg(target_os = "linux")]
    assert!(has("/proc/self/mem", "io-error"), "{found:#?}");
    assert!(
        !found.iter().any(|(f, _, _)| f == "good.plan.yaml"),
        "{found:#?}"
    );
}

/// Writes a rule of the repository's own: `lint/<id>/rule.yaml` and `check.rhai`.
fn write_rule(d: &Path, id: &str, script: &str) {
    write(
        d,
        &format!("lint/{id}/rule.yaml"),
        format!("id: {id}\nseverity: warning\nsummary: {{zh: 测试, en: test}}\n").as_bytes(),
    );
    write(d, &format!("lint/{id}/check.rhai"), script.as_bytes());
}

/// Hostile rules in a repository of seven plans, under the 1 GiB cap: one that sleeps, one
/// that prints a value nested 3,000 deep (which aborted the process), one that floods its
/// findings with text, one that never ends (not run after its third plan), a broken
/// rule.yaml, and two folders that look like rules but are misnamed. Each is a
/// `rule-failed`, the run ends in bounded time with status 2, and the bundled rules still
/// check the good plan.
#[test]
fn hostile_rules_fail_alone_within_their_limits() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "planlint.yaml", b"planlint: 1\nrules:\n  dirs: [lint]\n");
    write_good_plan(d);
    for i in 1..=6 {
        write(
            d,
            &format!("p{i}.plan.yaml"),
            &plan(
                &format!("p{i}"),
                "indicators:\n  - {name: 婴儿死亡率, unit: ‰, baseline: \"4\", target: \"<3\"}\n",
            ),
        );
    }
    write_rule(d, "sleeps", "sleep(60);");
    write_rule(
        d,
        "deep",
        "let a = []; for i in 0..3000 { a = [take(a)]; } let s = `${a}`;",
    );
    write_rule(
        d,
        "flood",
        "let s = \"\"; s.pad(10000, \"长\"); for i in 0..1000 { report(plan, #{zh: s, en: s}); }",
    );
    write_rule(d, "loops", "loop {}");
    write_rule(d, "broken", "report(plan, #{zh: \"x\", en: \"x\"});");
    write(d, "lint/broken/rule.yaml", b"id: [broken\n");
    write(
        d,
        "lint/misnamed/rule.yml",
        b"id: misnamed\nseverity: warning\nsummary: {zh: x, en: x}\n",
    );
    write(
        d,
        "lint/misnamed/check.rhai",
        b"report(plan, #{zh: \"x\", en: \"x\"});",
    );
    write(
        d,
        "lint/script-only/check.rhai",
        b"report(plan, #{zh: \"x\", en: \"x\"});",
    );

    let started = Instant::now();
    let out = planlint_capped(d, &["check", "--format", "json", "--lang", "en", "."]);
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    // Not a timing test: sleeping 60 s on seven plans, or running the endless rule on all
    // of them, would take minutes.
    assert!(took < Duration::from_secs(90), "{took:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let failed: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["rule"] == "rule-failed")
        .map(|x| {
            (
                x["file"].as_str().unwrap().to_string(),
                x["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |file: &str, words: &str| {
        failed
            .iter()
            .any(|(f, m)| f.ends_with(file) && m.contains(words))
    };
    for (file, words) in [
        ("lint/sleeps/check.rhai", "`sleep` is not available"),
        ("lint/deep/check.rhai", "nested deeper than 64 levels"),
        ("lint/flood/check.rhai", "too much text"),
        (
            "lint/loops/check.rhai",
            "was not run on the 4 plans after them",
        ),
        ("lint/broken/rule.yaml", "rule `broken` did not run"),
        (
            "lint/misnamed/rule.yml",
            "must be named rule.yaml, not rule.yml",
        ),
        (
            "lint/script-only/check.rhai",
            "has check.rhai but no rule.yaml",
        ),
    ] {
        assert!(has(file, words), "{file}: {words:?} not in {failed:#?}");
    }
    // The endless rule failed on three plans, then was not run.
    assert_eq!(
        failed
            .iter()
            .filter(|(f, m)| f.ends_with("lint/loops/check.rhai") && m.contains("ran out"))
            .count(),
        3,
        "{failed:#?}"
    );
    // Every plan was still checked.
    assert!(json["summary"]["plans"].as_u64().unwrap() >= 7, "{json}");
}

/// Makes a named pipe at `path` (with `mkfifo`, which every Unix has).
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Files that are not regular files, wherever planlint reads one: a named pipe as a plan,
/// a catalog and a rule's script (opening one waited for a writer forever), `/dev/zero` as
/// a plan and, through a link, as a document (read until memory ran out), and
/// `/proc/self/pagemap`, which says it is empty and holds gigabytes. Each is an `io-error`
/// at once, and the good plan is still checked.
#[cfg(target_os = "linux")]
#[test]
fn pipes_devices_and_endless_files_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "planlint.yaml",
        b"planlint: 1\nrules:\n  dirs: [lint]\ncatalogs: [fifo-catalog.yaml]\n",
    );
    write_good_plan(d);
    mkfifo(&d.join("fifo.plan.yaml"));
    mkfifo(&d.join("fifo-catalog.yaml"));
    write_rule(d, "piped", "");
    std::fs::remove_file(d.join("lint/piped/check.rhai")).unwrap();
    mkfifo(&d.join("lint/piped/check.rhai"));
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.docx")).unwrap();

    let started = Instant::now();
    let out = planlint_capped(
        d,
        &[
            "check",
            "--format",
            "json",
            "--lang",
            "en",
            ".",
            "fifo.plan.yaml",
            "/dev/zero",
            "zero.docx",
            "/proc/self/pagemap",
        ],
    );
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    // Not a timing test, but nothing here may wait or read for long.
    assert!(took < Duration::from_secs(20), "{took:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["file"].as_str().unwrap().to_string(),
                x["rule"].as_str().unwrap().to_string(),
                x["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |file: &str, words: &str| {
        found
            .iter()
            .any(|(f, c, m)| f.ends_with(file) && c == "io-error" && m.contains(words))
    };
    for (file, words) in [
        ("fifo.plan.yaml", "not a regular file (a named pipe)"),
        ("fifo-catalog.yaml", "not a regular file (a named pipe)"),
        ("lint/piped/check.rhai", "not a regular file (a named pipe)"),
        ("/dev/zero", "not a regular file (a device)"),
        ("zero.docx", "not a regular file (a device)"),
        ("/proc/self/pagemap", "holds more than 16 MB"),
    ] {
        assert!(has(file, words), "{file}: {words:?} not in {found:#?}");
    }
    assert!(
        !found.iter().any(|(f, _, _)| f == "good.plan.yaml"),
        "{found:#?}"
    );

    // Checking named plans alone (the other files' headers scanned from their first 8 KB):
    // the same, and a long plan beside them is still read for its header.
    write(
        d,
        "long.plan.yaml",
        &plan("long", &format!("parent: good\n# {}\n", "长".repeat(5_000))),
    );
    let started = Instant::now();
    let out = planlint_capped(
        d,
        &[
            "check",
            "--format",
            "json",
            "--lang",
            "en",
            "fifo.plan.yaml",
            "zero.docx",
            "good.plan.yaml",
        ],
    );
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["rule"] == "io-error")
        .map(|x| x["file"].as_str().unwrap())
        .collect();
    assert!(
        files.contains(&"fifo.plan.yaml") && files.contains(&"zero.docx"),
        "{files:?}"
    );
    assert!(json["summary"]["plans"].as_u64().unwrap() >= 1, "{json}");

    // A baseline that is a named pipe stops the check at once, as an unreadable one does.
    mkfifo(&d.join("baseline.json"));
    let started = Instant::now();
    let out = planlint_capped(
        d,
        &[
            "check",
            "--lang",
            "en",
            "--baseline",
            "baseline.json",
            "good.plan.yaml",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(started.elapsed() < Duration::from_secs(20));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("not a regular file (a named pipe)"),
        "{stdout}"
    );
}

/// A national plan as `good.plan.yaml`: checked whole without a parent (exit status 0), so
/// that a status of 2 can only be the writer's.
fn write_root_plan(d: &Path) {
    write(
        d,
        "good.plan.yaml",
        "planlint: 1\ntitle: 规划\nregion: 全国\nlevel: national\nperiod: {start: 2021, end: 2025}\nid: good\nindicators:\n  - {name: 婴儿死亡率, unit: ‰, baseline: \"3.88\", target: \"<3\"}\n".as_bytes(),
    );
}

/// The file type at `path`, not following a link.
#[cfg(unix)]
fn kind(path: &Path) -> String {
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::symlink_metadata(path).unwrap().file_type();
    let name = if kind.is_fifo() {
        "fifo"
    } else if kind.is_symlink() {
        "link"
    } else if kind.is_dir() {
        "dir"
    } else if kind.is_file() {
        "file"
    } else {
        "other"
    };
    name.to_string()
}

/// Outputs that are not regular files. `--output json=/dev/stdout` and `/dev/null` are
/// written into (they were refused: the temporary file could not be made in /dev — or, run
/// as root, /dev/null was replaced by a regular file); a named pipe is written into when
/// someone reads it and is an error at once when no one does (it was replaced by a regular
/// file, and a reader waited forever); a folder is refused. The others are untouched.
#[cfg(target_os = "linux")]
#[test]
fn outputs_that_are_not_files_are_written_into_or_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "planlint.yaml", b"planlint: 1\n");
    write_root_plan(d);
    let check = |output: &str| {
        let started = Instant::now();
        let out = planlint_capped(
            d,
            &[
                "check",
                "--lang",
                "en",
                "--format",
                "human",
                "--output",
                output,
                "good.plan.yaml",
            ],
        );
        assert!(started.elapsed() < Duration::from_secs(20), "{output}");
        out
    };

    let out = check("json=/dev/stdout");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    assert!(stdout.contains("\"diagnostics\""), "{stdout}");

    let out = check("json=/dev/null");
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");

    // A named pipe someone reads gets the output.
    mkfifo(&d.join("pipe.json"));
    let fifo = d.join("pipe.json");
    let reader = std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap());
    std::thread::sleep(Duration::from_millis(300));
    let out = check("json=pipe.json");
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    assert!(reader.join().unwrap().contains("\"diagnostics\""));
    assert_eq!(kind(&d.join("pipe.json")), "fifo");

    // A named pipe no one reads: an error at once, and the pipe is still there.
    let out = check("json=pipe.json");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no one reads"), "{stderr}");
    assert_eq!(kind(&d.join("pipe.json")), "fifo");

    std::fs::create_dir(d.join("folder.json")).unwrap();
    let out = check("json=folder.json");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is a directory"), "{stderr}");
    assert_eq!(kind(&d.join("folder.json")), "dir");

    // import -o and report -o say so before doing anything.
    let out = planlint_capped(
        d,
        &[
            "report",
            "--lang",
            "en",
            "good.plan.yaml",
            "-o",
            "folder.json",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("folder.json is a directory"), "{stderr}");
}

/// Replacing a file: its permissions are kept (a reviewer's 0600 output became 0644); a
/// symbolic link at the target is replaced, never followed; temporary files a killed run
/// left beside it are removed (they piled up), except one whose run is still going; and a
/// link planted under a leftover's name is removed, not followed.
#[cfg(unix)]
#[test]
fn a_replaced_file_keeps_its_mode_and_leftovers_are_cleaned() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "planlint.yaml", b"planlint: 1\n");
    write_root_plan(d);
    write(d, "out.json", b"old");
    std::fs::set_permissions(d.join("out.json"), std::fs::Permissions::from_mode(0o600)).unwrap();
    write(d, "victim.txt", b"keep me");
    std::os::unix::fs::symlink("victim.txt", d.join("linked.json")).unwrap();
    let dead = ".out.json.planlint-4000000000.tmp";
    let dead_random = ".out.json.planlint-4000000001-AbCdEfGhIj.tmp";
    let dead_link = ".out.json.planlint-4000000002-KlMnOpQrSt.tmp";
    let alive = format!(".out.json.planlint-{}-UvWxYzAbCd.tmp", std::process::id());
    write(d, dead, b"half");
    write(d, dead_random, b"half");
    std::os::unix::fs::symlink("victim.txt", d.join(dead_link)).unwrap();
    write(d, &alive, b"being written");
    write(d, ".other.json.planlint-4000000000.tmp", b"not ours");

    let out = planlint_capped(
        d,
        &[
            "check",
            "--output",
            "json=out.json",
            "--output",
            "sarif=linked.json",
            "good.plan.yaml",
        ],
    );
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let mode = std::fs::metadata(d.join("out.json"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    assert!(std::fs::read_to_string(d.join("out.json"))
        .unwrap()
        .contains("diagnostics"));
    assert_eq!(kind(&d.join("linked.json")), "file");
    assert_eq!(
        std::fs::read_to_string(d.join("victim.txt")).unwrap(),
        "keep me"
    );
    for gone in [dead, dead_random, dead_link] {
        assert!(std::fs::symlink_metadata(d.join(gone)).is_err(), "{gone}");
    }
    assert!(d.join(&alive).exists());
    assert!(d.join(".other.json.planlint-4000000000.tmp").exists());
    // Nothing else is left: the run's own temporary files were renamed into place.
    let mut names: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".planlint-"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [".other.json.planlint-4000000000.tmp".to_string(), alive]
    );
}

/// The characters a terminal would obey rather than show, in `text`: C0 controls but tab
/// and line feed, DEL and C1.
fn controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| (c < ' ' && c != '\n' && c != '\t') || ('\u{7f}'..='\u{9f}').contains(&c))
        .collect()
}

/// Whether every ESC in `text` starts a colour (`ESC [ … m`), which is all planlint's own
/// colours write.
fn only_colours(text: &str) -> bool {
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        let after = &rest[at + 1..];
        let Some(params) = after.strip_prefix('[') else {
            return false;
        };
        let end = params
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(params.len());
        if !params[end..].starts_with('m') {
            return false;
        }
        rest = &params[end..];
    }
    !text.contains('\u{7}') && !text.contains('\u{9b}')
}

/// The county draft .docx with `text` put at the start of its first run of text, as it is
/// (`&#27;` stays a character reference).
fn docx_with(text: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/county-draft.docx");
    let bytes = std::fs::read(fixture).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        if name == "word/document.xml" {
            let xml = String::from_utf8(content).unwrap();
            let run = xml.find("<w:t").unwrap();
            let at = run + xml[run..].find('>').unwrap() + 1;
            content = format!("{}{text}{}", &xml[..at], &xml[at..]).into_bytes();
        }
        writer.start_file(name, options).unwrap();
        writer.write_all(&content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// Text from plans never controls the terminal: ESC, BEL and a C1 CSI in a plan's title
/// and row names (YAML escapes), raw in a plan file (shown in the line a syntax error points
/// at), and in a rule's messages are shown as `<U+001B>` in human output, with or without
/// colour, and in `show` (they reached the terminal as they were: a title set, the screen
/// cleared). A .docx holding them (as character references or as they are) and a .txt
/// holding a C1 control are refused as a .txt with ESC is (they were imported). The
/// Markdown report shows the plan's links and images as text.
#[test]
fn text_from_plans_documents_and_rules_never_controls_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "planlint.yaml", b"planlint: 1\nrules:\n  dirs: [lint]\n");
    write(
        d,
        "parent.plan.yaml",
        "planlint: 1\nid: parent\ntitle: 上级规划\nregion: 某省\nlevel: province\nperiod: {start: 2021, end: 2025}\nindicators:\n  - {name: 婴儿死亡率, unit: ‰, baseline: \"5\", target: \"<5\", nature: 约束性}\n".as_bytes(),
    );
    write(
        d,
        "child.plan.yaml",
        "planlint: 1\nid: child\nparent: parent\ntitle: \"下级\\e]0;owned\\a规划[批准](https://evil.example)\"\nregion: 某市\nlevel: prefecture\nperiod: {start: 2021, end: 2025}\nindicators:\n  - {name: \"婴儿死亡率\\u009b2J\", unit: ‰, baseline: \"6\", target: \"<8\", nature: 约束性}\n  - {name: \"![](https://t.example/p.png)孕产妇\\e[2J死亡率\", unit: /10万, target: \"<20\"}\n".as_bytes(),
    );
    write(
        d,
        "raw.plan.yaml",
        b"planlint: 1\nid: raw\ntitle: \x1b]0;x\x07\n",
    );
    write_rule(
        d,
        "loud",
        r#"for row in plan.indicators { report(row, #{zh: "响\x1b]0;rule\x07\u009b", en: "loud\x1b]0;rule\x07\u009b"}); }"#,
    );

    for colour in ["never", "always"] {
        let started = Instant::now();
        let out = planlint_capped(d, &["check", "--lang", "en", "--color", colour, "."]);
        assert!(started.elapsed() < Duration::from_secs(30));
        assert_eq!(out.status.code(), Some(2)); // the raw plan is a syntax error
        let stdout = String::from_utf8(out.stdout).unwrap();
        if colour == "never" {
            assert_eq!(controls(&stdout), [], "{stdout}");
        }
        assert!(only_colours(&stdout), "{stdout:?}");
        for shown in [
            "<U+009B>2J",                          // a row name, quoted in a message
            "loud<U+001B>]0;rule<U+0007><U+009B>", // a rule's message
            "title: <U+001B>]0;x<U+0007>",         // a raw line of a plan file
        ] {
            assert!(stdout.contains(shown), "{shown} not in {stdout}");
        }
    }
    let out = planlint_capped(d, &["show", "--lang", "en", "child.plan.yaml"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(controls(&stdout), [], "{stdout}");
    assert!(stdout.contains("<U+001B>[2J"), "{stdout}");

    // The Markdown report: the title's link and the row's image are text.
    let out = planlint_capped(
        d,
        &[
            "report",
            "--lang",
            "en",
            "--format",
            "markdown",
            "child.plan.yaml",
        ],
    );
    let markdown = String::from_utf8(out.stdout).unwrap();
    assert!(
        markdown.contains("\\[批准\\](`https://evil.example)`"),
        "{markdown}"
    );
    assert!(
        markdown.contains("!\\[\\](`https://t.example/p.png)`"),
        "{markdown}"
    );
    assert!(
        !markdown.contains("[批准](") && !markdown.contains("![]("),
        "{markdown}"
    );

    // Documents: refused, saying which character and where.
    for (name, bytes, code) in [
        ("ref.docx", docx_with("&#27;]0;owned&#7;"), "U+001B"),
        ("c1.docx", docx_with("&#155;2J"), "U+009B"),
        ("raw-c1.docx", docx_with("\u{9b}2J"), "U+009B"),
        ("c1.txt", "规划\u{9b}2J\n".as_bytes().to_vec(), "U+009B"),
        ("esc.txt", b"plan \x1b]0;x\x07\n".to_vec(), "U+001B"),
    ] {
        write(d, name, &bytes);
        let out = planlint_capped(d, &["import", "--lang", "en", name]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("control character {code}")),
            "{name}: {stderr}"
        );
        assert_eq!(controls(&stderr), [], "{name}: {stderr}");
        assert!(out.stdout.is_empty(), "{name}");
    }
}
