//! `planlint check --format sarif`: SARIF 2.1.0 for GitHub code scanning.
//!
//! The shape follows what GitHub code scanning reads, not only what the schema allows:
//!
//! - `tool.driver.rules` lists every rule that ran, plus a generic entry for each load
//!   problem or engine code that occurs (GitHub rejects a `ruleId` with no rule). Rules are
//!   sorted by id and `ruleIndex` points into that list.
//! - Paths are relative to the repository (`uriBaseId` `%SRCROOT%`), with a leading `./`
//!   dropped and characters outside a URI's safe set percent-encoded (UTF-8), so a Chinese
//!   file name is a valid URI reference. An absolute path, which only a user who named the
//!   file that way gets, is written as a `file:` URI with no `uriBaseId`; GitHub turns it
//!   into a repository path only when the upload names the checkout's root
//!   (`checkout_path` of `upload-sarif`), otherwise the alert matches no file.
//! - Regions: diagnostics carry a 1-based line and column (in characters) and a byte range,
//!   but not the text, so the end of a span cannot be computed in characters. The region is
//!   `endLine = startLine` and `endColumn = startColumn + 1` (one character) when the span
//!   is not empty, `endColumn = startColumn` for a point. A finding about the whole file
//!   (line 0) gets a location with no region.
//! - `partialFingerprints["planlintFinding/v1"]` is the SHA-256 of the plan id (the file
//!   where there is none), the code, the indicator and the English message, so an alert
//!   keeps its identity when lines move; findings with the same key in one run are told
//!   apart by a `:n` suffix in order of appearance.
//! - Exempted findings carry a `suppressions` entry (`inSource`, the plan's reason);
//!   GitHub closes such alerts.
//! - `run.properties` records the catalog hash and every rule that ran with its script's
//!   hash: which checks produced these results.
//!
//! `informationUri` is omitted: the project has no public URL yet.

use super::{described, message_with_help, repo_path, RunReport};
use crate::{Diagnostic, Lang, Location, Severity};
use serde::Serialize;
use std::collections::BTreeMap;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const FINGERPRINT_KEY: &str = "planlintFinding/v1";
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'a str,
    version: &'a str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: Vec<Invocation>,
    language: &'a str,
    results: Vec<SarifResult>,
    properties: RunProperties<'a>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'a str,
    version: &'a str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    name: String,
    short_description: Message,
    full_description: Message,
    help: Help,
    default_configuration: Configuration,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<RuleProperties>,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    /// The SHA-256 of the rule's script.
    hash: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: Vec<SarifLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    justification: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties<'a> {
    catalog_hash: &'a str,
    files: usize,
    plans: usize,
    rules: Vec<RuleProvenance<'a>>,
}

#[derive(Serialize)]
struct RuleProvenance<'a> {
    id: &'a str,
    hash: &'a str,
}

/// Renders the run as a SARIF 2.1.0 log, pretty-printed, ending with a newline.
pub fn render(report: &RunReport) -> String {
    let lang = report.lang;
    let entries = described(report);
    let rules = entries
        .iter()
        .map(|e| Rule {
            id: e.id.to_string(),
            name: pascal_case(e.id),
            short_description: Message {
                text: e.summary.clone(),
            },
            full_description: Message {
                text: first_paragraph(&e.help_markdown).unwrap_or_else(|| e.summary.clone()),
            },
            help: Help {
                text: e.help_markdown.clone(),
                markdown: e.help_markdown.clone(),
            },
            default_configuration: Configuration {
                level: level(e.severity),
            },
            properties: e.hash.map(|hash| RuleProperties {
                hash: hash.to_string(),
            }),
        })
        .collect();

    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let results = report
        .diagnostics
        .iter()
        .map(|d| {
            let key = fingerprint(d);
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            let rule_index = entries.iter().position(|e| e.id == d.code).unwrap_or(0);
            SarifResult {
                rule_id: d.code.clone(),
                rule_index,
                level: level(d.severity),
                message: Message {
                    text: message_with_help(d, lang),
                },
                locations: vec![location(&d.primary.location, None, None)],
                related_locations: d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        location(
                            &r.label.location,
                            Some(i),
                            Some(r.message.get(lang).to_string()),
                        )
                    })
                    .collect(),
                partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, format!("{key}:{n}"))]),
                suppressions: d
                    .exemption
                    .iter()
                    .map(|reason| Suppression {
                        kind: "inSource",
                        justification: reason.clone(),
                    })
                    .collect(),
            }
        })
        .collect();

    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "planlint",
                    version: report.tool_version,
                    rules,
                },
            },
            invocations: vec![Invocation {
                execution_successful: !report.could_not_check(),
            }],
            language: match lang {
                Lang::Zh => "zh-CN",
                Lang::En => "en-US",
            },
            results,
            properties: RunProperties {
                catalog_hash: report.catalog_hash,
                files: report.files,
                plans: report.plans,
                rules: report
                    .rules
                    .iter()
                    .map(|r| RuleProvenance {
                        id: &r.id,
                        hash: &r.hash,
                    })
                    .collect(),
            },
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

/// SARIF's word for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn location(at: &Location, id: Option<usize>, message: Option<String>) -> SarifLocation {
    let (path, absolute) = repo_path(&at.file);
    let artifact_location = if absolute {
        let path = if path.starts_with('/') {
            path
        } else {
            format!("/{path}")
        };
        ArtifactLocation {
            uri: format!("file://{}", encode_uri_path(&path, true)),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: encode_uri_path(&path, false),
            uri_base_id: Some(SRCROOT),
        }
    };
    let region = (at.line > 0).then(|| {
        let start_column = at.column.max(1);
        Region {
            start_line: at.line,
            start_column,
            end_line: at.line,
            end_column: if at.len > 0 {
                start_column + 1
            } else {
                start_column
            },
        }
    });
    SarifLocation {
        id,
        physical_location: PhysicalLocation {
            artifact_location,
            region,
        },
        message: message.map(|text| Message { text }),
    }
}

/// Percent-encodes a path for a URI reference (GitHub rejects a `uri` that is not a valid
/// RFC 3986 `uri-reference`): unreserved characters, `/` and sub-delimiters stay;
/// everything else (space, `%`, `#`, `?`, non-ASCII) becomes `%XX` of its UTF-8 bytes.
/// `:` is kept only in an absolute `file:` URI (`file:///C:/…`): in a relative reference a
/// colon in the first segment would be read as a scheme, so there it is encoded.
fn encode_uri_path(path: &str, keep_colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || b"-._~/!$&'()*+,;=@".contains(&b)
            || (keep_colon && b == b':');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `weaker-target` → `WeakerTarget`.
fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// The first paragraph of a Markdown text that is not a heading, joined into one line.
fn first_paragraph(markdown: &str) -> Option<String> {
    markdown
        .split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('#') && !p.starts_with("```"))
        .map(|p| p.lines().map(str::trim).collect::<Vec<_>>().join(" "))
}

/// The line-independent identity of a finding: SHA-256 over the plan id (or the file),
/// the code, the indicator and the English message, separated by NUL.
fn fingerprint(d: &Diagnostic) -> String {
    let (file, _) = repo_path(&d.primary.location.file);
    let subject = d.plan.as_deref().unwrap_or(&file);
    let indicator = d.subject.indicator.as_deref().unwrap_or("");
    crate::content_hash([subject, d.code.as_str(), indicator, d.message.en.as_str()])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::tests::{empty, sample};
    use serde_json::Value;

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render(&sample().report()));
    }

    #[test]
    fn empty_report() {
        let out = render(&empty().report());
        let log: Value = serde_json::from_str(&out).unwrap();
        let run = &log["runs"][0];
        assert_eq!(run["results"], Value::Array(vec![]));
        assert_eq!(run["invocations"][0]["executionSuccessful"], true);
        // The rules that ran are listed even when nothing was found.
        assert_eq!(run["tool"]["driver"]["rules"].as_array().unwrap().len(), 4);
        insta::assert_snapshot!(out);
    }

    #[test]
    fn deterministic() {
        let fixture = sample();
        assert_eq!(render(&fixture.report()), render(&fixture.report()));
    }

    /// The requirements GitHub code scanning adds to the schema.
    #[test]
    fn github_code_scanning_requirements() {
        let log: Value = serde_json::from_str(&render(&sample().report())).unwrap();
        assert_eq!(log["$schema"], SCHEMA);
        assert_eq!(log["version"], "2.1.0");
        let runs = log["runs"].as_array().unwrap();
        assert_eq!(runs.len(), 1);
        let run = &runs[0];
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "planlint");
        assert_eq!(driver["version"], "9.9.9");
        assert!(driver.get("informationUri").is_none());

        let rules = driver["rules"].as_array().unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted, "rules sorted by id, each once");
        for rule in rules {
            assert!(!rule["shortDescription"]["text"]
                .as_str()
                .unwrap()
                .is_empty());
            assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());
            assert!(rule["help"]["markdown"].is_string());
            let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
            assert!(["error", "warning", "note"].contains(&level));
        }
        let weaker = &rules[ids.iter().position(|id| *id == "weaker-target").unwrap()];
        assert_eq!(weaker["name"], "WeakerTarget");
        assert_eq!(weaker["properties"]["hash"], "a".repeat(64));

        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), sample().diagnostics.len());
        let mut fingerprints = Vec::new();
        for result in results {
            let rule_id = result["ruleId"].as_str().unwrap();
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(ids.get(index), Some(&rule_id), "ruleIndex points at ruleId");
            let level = result["level"].as_str().unwrap();
            assert!(["error", "warning", "note"].contains(&level));
            assert!(!result["message"]["text"].as_str().unwrap().is_empty());
            let locations = result["locations"].as_array().unwrap();
            assert_eq!(locations.len(), 1);
            let related = result["relatedLocations"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for location in locations.iter().chain(&related) {
                let physical = &location["physicalLocation"];
                let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
                assert!(!uri.starts_with('/') && !uri.starts_with("./"), "{uri}");
                assert!(!uri.contains("://"), "{uri}");
                assert_eq!(physical["artifactLocation"]["uriBaseId"], SRCROOT);
                if let Some(region) = physical.get("region") {
                    assert!(region["startLine"].as_u64().unwrap() >= 1);
                    assert!(region["startColumn"].as_u64().unwrap() >= 1);
                    assert!(region["endLine"].as_u64() >= region["startLine"].as_u64());
                    assert!(region["endColumn"].as_u64() >= region["startColumn"].as_u64());
                }
            }
            let fingerprint = result["partialFingerprints"][FINGERPRINT_KEY]
                .as_str()
                .unwrap();
            fingerprints.push(fingerprint.to_string());
        }
        let count = fingerprints.len();
        fingerprints.sort();
        fingerprints.dedup();
        assert_eq!(fingerprints.len(), count, "fingerprints unique in a run");
    }

    #[test]
    fn results_carry_what_the_diagnostics_say() {
        let log: Value = serde_json::from_str(&render(&sample().report())).unwrap();
        let run = &log["runs"][0];
        let results = run["results"].as_array().unwrap();
        let by_rule = |id: &str| results.iter().find(|r| r["ruleId"] == id).unwrap();

        // The parent's row is a related location, with its message.
        let binding = by_rule("binding-downgrade");
        let related = &binding["relatedLocations"][0];
        assert_eq!(related["id"], 0);
        assert_eq!(related["message"]["text"], "上级规划：约束性指标");
        assert_eq!(
            related["physicalLocation"]["artifactLocation"]["uri"],
            "plans/%E5%9B%BD%E5%AE%B6.plan.yaml"
        );
        // Message and help.
        assert_eq!(
            binding["message"]["text"],
            "指标“单位GDP能耗”在上级规划中是约束性的\n请改为约束性指标"
        );

        // A whole-file finding has no region.
        let io = by_rule("io-error");
        assert!(io["locations"][0]["physicalLocation"]
            .get("region")
            .is_none());
        // An exempted finding is suppressed with the plan's reason.
        let exempted = by_rule("missing-indicator");
        assert_eq!(exempted["suppressions"][0]["kind"], "inSource");
        assert_eq!(exempted["suppressions"][0]["justification"], "本市无此产业");
        assert!(by_rule("binding-downgrade").get("suppressions").is_none());
        // Info is a note.
        assert_eq!(by_rule("similar-indicator-name")["level"], "note");

        // A failed rule and a load error make the run unsuccessful.
        assert_eq!(run["invocations"][0]["executionSuccessful"], false);
        // Generic entries for codes that are not rules, in the report's language.
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let io_rule = rules.iter().find(|r| r["id"] == "io-error").unwrap();
        assert_eq!(io_rule["shortDescription"]["text"], "计划文件问题");
        assert!(io_rule.get("properties").is_none());
        let failed = rules.iter().find(|r| r["id"] == "rule-failed").unwrap();
        assert_eq!(failed["shortDescription"]["text"], "规则运行失败");
        // Provenance: the catalog and every rule that ran, with hashes.
        assert_eq!(run["properties"]["catalogHash"], "c".repeat(64));
        assert_eq!(run["properties"]["rules"].as_array().unwrap().len(), 4);
    }

    #[test]
    fn fingerprint_does_not_depend_on_lines() {
        let fixture = sample();
        let mut moved = fixture.diagnostics.clone();
        for d in &mut moved {
            if d.primary.location.line > 0 {
                d.primary.location.line += 7;
                d.primary.location.offset += 100;
            }
        }
        let a: Vec<String> = fixture.diagnostics.iter().map(fingerprint).collect();
        let b: Vec<String> = moved.iter().map(fingerprint).collect();
        assert_eq!(a, b);
    }

    #[test]
    fn paths() {
        let at = |file: &str| {
            let loc = location(&Location::file(file), None, None);
            let a = loc.physical_location.artifact_location;
            (a.uri, a.uri_base_id)
        };
        assert_eq!(at("./a/b.yaml"), ("a/b.yaml".into(), Some(SRCROOT)));
        assert_eq!(at("a b#1.yaml"), ("a%20b%231.yaml".into(), Some(SRCROOT)));
        assert_eq!(at("ab:c/e.yaml"), ("ab%3Ac/e.yaml".into(), Some(SRCROOT)));
        assert_eq!(
            at("规划/市.yaml"),
            ("%E8%A7%84%E5%88%92/%E5%B8%82.yaml".into(), Some(SRCROOT))
        );
        assert_eq!(at("/abs/x.yaml"), ("file:///abs/x.yaml".into(), None));
        assert_eq!(at(r"C:\p\x.yaml"), ("file:///C:/p/x.yaml".into(), None));
    }

    #[test]
    fn helpers() {
        assert_eq!(pascal_case("weaker-target"), "WeakerTarget");
        assert_eq!(pascal_case("io-error"), "IoError");
        assert_eq!(
            first_paragraph("# Title\n\nWhat it\ndoes.\n\n## More"),
            Some("What it does.".to_string())
        );
    }
}
