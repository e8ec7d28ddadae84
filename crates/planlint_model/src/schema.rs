//! The JSON Schema (draft-07) of a plan file, for editors.
//!
//! yaml-language-server (the Red Hat YAML extension of VS Code, and other editors that
//! embed it) validates and completes a `*.plan.yaml` with this schema; `docs/editor-setup.md`
//! says how to wire it up. The committed copy is `docs/plan.schema.json`.
//!
//! **Invariant:** the schema cannot drift from the decoder. Every object's keys are taken
//! from the decoder's key lists in `load.rs`, and the tests below check that each list and
//! the schema's properties are the same set, that each key the schema requires is one the
//! decoder reports as missing, that the enums are the decoder's words, and that the
//! committed copy is current.
//!
//! The schema is a little stricter than the decoder in one place: the decoder trims a
//! `nature` before reading it (`" 约束性"` passes), the schema's enum does not.

use crate::load::{
    EXEMPTION_KEYS, INDICATOR_KEYS, PERIOD_KEYS, PLAN_KEYS, PREVIOUS_INDICATOR_KEYS, PREVIOUS_KEYS,
    REQUIRED_SECTION_KEYS, REQUIREMENT_KEYS, SECTION_KEYS, TEXT_BASELINE_KEYS, TEXT_TARGET_KEYS,
};
use crate::plan::Level;
use crate::FORMAT_VERSION;
use serde_json::{json, Map, Value};

/// The spellings of `nature` that [`crate::Nature::parse`] reads, in the order an editor
/// offers them: the simplified forms plans use first, then the English words, then the
/// traditional forms.
const NATURES: [&str; 10] = [
    "约束性",
    "约束",
    "预期性",
    "预期",
    "binding",
    "expected",
    "約束性",
    "約束",
    "預期性",
    "預期",
];

/// The words `requirements.indicators` takes (the decoder's `choice` in `requirements`).
const REQUIRED_INDICATORS: [&str; 2] = ["all", "binding"];

/// The schema of a plan file, pretty-printed, ending with a newline (print it with `print!`).
///
/// The output is the same on every call and every build: objects are written with their
/// keys sorted, whatever map type serde_json was built with.
pub fn plan_schema() -> String {
    let mut text =
        serde_json::to_string_pretty(&sorted(schema())).expect("a JSON value always serializes");
    text.push('\n');
    text
}

fn schema() -> Value {
    let levels: Vec<&str> = Level::ALL.iter().map(|(name, _)| *name).collect();
    let mut root = object(
        PLAN_KEYS,
        &["planlint", "id", "title", "region", "level", "period"],
        json!({
            "planlint": doc(
                "格式版本", "Format version",
                "规划文件格式的版本，目前为 1。",
                "The version of the plan file format; `1`.",
                json!({"type": "integer", "enum": [FORMAT_VERSION]}),
            ),
            "id": doc(
                "规划标识", "Plan id",
                "规划的标识，在仓库内唯一，只能用小写字母、数字和 -，如 nm-alxa-health-14。",
                "The plan's id, unique in the repository: lowercase letters, digits and `-`, e.g. `nm-alxa-health-14`.",
                id(),
            ),
            "title": doc(
                "标题", "Title",
                "规划的标题，照原文。",
                "The plan's title as printed.",
                text(),
            ),
            "region": doc(
                "地区", "Region",
                "规划所属的行政区，如 阿拉善盟、内蒙古自治区、全国。",
                "The region the plan belongs to, e.g. 阿拉善盟, 内蒙古自治区, 全国.",
                text(),
            ),
            "level": doc(
                "层级", "Level",
                "规划的层级：national 国家，province 省·自治区，prefecture 市·盟·州，county 县·旗·区。",
                "The plan's tier: national, province (省·自治区), prefecture (市·盟·州) or county (县·旗·区).",
                json!({"type": "string", "enum": levels}),
            ),
            "period": doc(
                "规划期", "Period",
                "规划覆盖的年份，如 {start: 2021, end: 2025}。",
                "The years the plan covers, e.g. `{start: 2021, end: 2025}`.",
                reference("period"),
            ),
            "baseline_year": doc(
                "基期年份", "Baseline year",
                "基期数值所在的年份，缺省为规划期起始年的前一年；须早于规划期末。",
                "The year of the baseline column; defaults to `period.start - 1` and must be before the end of the period.",
                year(),
            ),
            "parent": doc(
                "上级规划", "Parent plan",
                "本规划所落实的上级规划的标识；根规划不写。",
                "The id of the plan this one implements; absent for a root.",
                id(),
            ),
            "issuer": doc(
                "发文机关", "Issuer",
                "发文机关，照原文。",
                "The issuing authority (发文机关) as printed.",
                text(),
            ),
            "issued": doc(
                "发文日期", "Issue date",
                "文件上的日期，格式为 YYYY-MM-DD。",
                "The date on the document, as `YYYY-MM-DD`.",
                date(),
            ),
            "source": doc(
                "来源", "Source",
                "数据的来源：文件名、文号或网址。",
                "Where the data came from: a file name, a document number or a URL.",
                text(),
            ),
            "reference": doc(
                "仅作上级参照", "Reference copy",
                "true 表示本文件只是上级规划的参照副本（供下级规划对照），不是送审规划，不单独检查。",
                "`true` when the file is a copy of a higher plan kept as the parent of others, not a submission: it is not checked itself.",
                json!({"type": "boolean"}),
            ),
            "basis": doc(
                "依据", "Basis",
                "规划引用为依据（依据、根据、贯彻落实《…》）的文件标题，不带《》。",
                "Titles the plan cites as its basis (依据 / 根据 / 贯彻落实《…》), without the 《》.",
                list(text()),
            ),
            "sections": doc(
                "章节", "Sections",
                "标题树，按原文顺序；原文未录入的写 unknown。",
                "The heading tree, in document order; `unknown` where it was not transcribed.",
                or_unknown(list(reference("section"))),
            ),
            "indicators": doc(
                "指标", "Indicators",
                "规划本期的主要指标表的各行；原文指标表未录入的写 unknown（未知，不是没有指标）。",
                "The rows of the plan's indicator table(s) for its own period; `unknown` where the table was not transcribed (unknown, not empty).",
                or_unknown(list(reference("indicator"))),
            ),
            "targets_in_text": doc(
                "正文中的目标", "Targets in the text",
                "正文（而非指标表）中写明的目标。",
                "Targets stated in the body rather than in the table.",
                list(reference("text_target")),
            ),
            "baselines_in_text": doc(
                "正文中的现状值", "Values stated in the text",
                "正文（如发展现状）中写明的某年指标值，如“2020年全县人均预期寿命达到78.2岁”；可作为指标表缺少的基期值。",
                "Values the text states for an indicator at a year (2020年全县人均预期寿命达到78.2岁): a baseline the table may lack.",
                list(reference("text_baseline")),
            ),
            "previous_period": doc(
                "上一规划期", "Previous period",
                "上一规划期（如十三五）的目标和完成情况表，单独存放，不与上级规划的目标比较。",
                "A completion table of the previous period (target and actual), kept apart so nothing compares it with a parent's targets.",
                object(
                    PREVIOUS_KEYS,
                    &["period"],
                    json!({
                        "period": doc(
                            "上一规划期的年份", "Previous period's years",
                            "上一规划期覆盖的年份，如 {start: 2016, end: 2020}。",
                            "The years the previous period covers, e.g. `{start: 2016, end: 2020}`.",
                            reference("period"),
                        ),
                        "indicators": doc(
                            "上一规划期的指标", "Previous period's indicators",
                            "上一规划期的指标行，目标旁有实际值 actual。",
                            "The previous period's indicator rows, with `actual` beside `target`.",
                            list(reference("previous_indicator")),
                        ),
                    }),
                ),
            ),
            "requirements": doc(
                "对下级规划的要求", "Requirements",
                "本规划对落实它的下级规划的要求；是仓库的规则，不是规划原文。",
                "What this plan asks of the plans that implement it: policy of the repository, not a quotation from the plan.",
                object(
                    REQUIREMENT_KEYS,
                    &[],
                    json!({
                        "sections": doc(
                            "必备章节", "Required sections",
                            "每个下级规划都须涵盖的主题；any_of 列出可接受的标题。",
                            "Topics every child must cover; `any_of` lists the accepted titles.",
                            list(reference("required_section")),
                        ),
                        "indicators": doc(
                            "必备指标", "Required indicators",
                            "下级规划须承接本规划的哪些指标：all 全部，binding 约束性指标。",
                            "Which of this plan's indicators children must carry: `all`, or only the `binding` ones.",
                            json!({"type": "string", "enum": REQUIRED_INDICATORS}),
                        ),
                    }),
                ),
            ),
            "exemptions": doc(
                "豁免", "Exemptions",
                "规划自己承认的偏离，以及它给出的理由。",
                "Deviations the plan acknowledges, with the reason it gives.",
                list(reference("exemption")),
            ),
        }),
    );
    let fields = root.as_object_mut().expect("object() builds an object");
    fields.insert(
        "$schema".into(),
        json!("http://json-schema.org/draft-07/schema#"),
    );
    fields.insert(
        "title".into(),
        json!("planlint 规划文件 / planlint plan file"),
    );
    fields.insert(
        "description".into(),
        json!(
            "一个发展规划，写成 YAML（*.plan.yaml），格式见 docs/plan-format.md；数值照原文书写。\n\
             A development plan written as YAML (*.plan.yaml), format described in docs/plan-format.md; values are written as the document prints them."
        ),
    );
    fields.insert("definitions".into(), definitions());
    root
}

/// The objects that appear more than once or inside themselves, referred to by `$ref`.
fn definitions() -> Value {
    // One description serves both kinds of row; `actual` belongs to a previous period's.
    let indicator = |keys: &[&str], actual: bool| {
        let mut properties = json!({
                "name": doc(
                    "指标名称", "Indicator name",
                    "指标名称，照原文；括号中的单位移到 unit。",
                    "The indicator's name as printed, with a unit in brackets moved to `unit`.",
                    text(),
                ),
                "unit": doc(
                    "单位", "Unit",
                    "单位，照原文：岁、‰、%、/10万、人、张、个……",
                    "The unit as printed: 岁 ‰ % /10万 人 张 个 …",
                    printed(),
                ),
                "domain": doc(
                    "领域", "Domain",
                    "指标所属的领域（领域列），照原文。",
                    "The indicator's domain (领域) as printed.",
                    text(),
                ),
                "no": doc(
                    "序号", "Row number",
                    "行的序号，照原文（整数或文本）。",
                    "The row number as printed (an integer or text).",
                    printed(),
                ),
                "baseline": doc(
                    "基期值", "Baseline",
                    "基期值，照原文；写成带引号的文本以保留原样（\">90\"、\"——\"、\"80.1%\"），也可写数字。",
                    "The baseline as printed; quote it so the printed form survives (\">90\", \"——\", \"80.1%\"); numbers are accepted too.",
                    printed(),
                ),
                "target": doc(
                    "目标值", "Target",
                    "目标值或目标表述，照原文（见 docs/targets.md）；写成带引号的文本，也可写数字。",
                    "The target value or expression as printed (see docs/targets.md); quote it; numbers are accepted too.",
                    printed(),
                ),
                "actual": doc(
                    "实际值", "Actual",
                    "上一规划期末的实际值，照原文。",
                    "The value actually reached at the end of the previous period, as printed.",
                    printed(),
                ),
                "nature": doc(
                    "指标性质", "Nature",
                    "约束性或预期性；不写时按预期性处理。",
                    "Binding (约束性) or expected (预期性); a row without it is treated as expected.",
                    json!({"type": "string", "enum": NATURES}),
                ),
                "id": doc(
                    "指标目录标识", "Catalog id",
                    "指标目录中的标识，优先于按名称匹配。",
                    "The indicator's catalog id; overrides matching by name.",
                    id(),
                ),
                "note": doc(
                    "备注", "Note",
                    "关于这一行的说明（拆分的单元格、印刷错误等）。",
                    "A remark about the row (a split cell, a printing defect).",
                    text(),
                ),
                "baseline_from": doc(
                    "基期值来源", "Where the baseline comes from",
                    "规划所述基期值的来源，不是本地统计时照原文写明（如“参照自治区平均水平”）。",
                    "Where the plan says its baseline comes from when it is not its own figure (参照自治区平均水平), as printed.",
                    text(),
                ),
                "explanation": doc(
                    "规划自身的说明", "The plan's own explanation",
                    "规划对这一指标偏离的说明（表注或正文段落），照原文；审查时供参考。",
                    "The plan's own explanation of a deviation for this indicator (a table note or a paragraph), as printed; shown to the reviewer beside a finding.",
                    text(),
                ),
        });
        let fields = properties.as_object_mut().unwrap();
        if actual {
            fields.remove("baseline_from");
            fields.remove("explanation");
        } else {
            fields.remove("actual");
        }
        object(keys, &["name"], properties)
    };
    json!({
        "period": object(
            PERIOD_KEYS,
            &["start", "end"],
            json!({
                "start": doc(
                    "起始年", "Start year",
                    "规划期的第一年。",
                    "The first year of the period.",
                    year(),
                ),
                "end": doc(
                    "结束年", "End year",
                    "规划期的最后一年，不早于起始年。",
                    "The last year of the period, not before the start.",
                    year(),
                ),
            }),
        ),
        "section": object(
            SECTION_KEYS,
            &["title"],
            json!({
                "title": doc(
                    "章节标题", "Heading",
                    "标题文字，照原文，不带编号。",
                    "The heading text as printed, without its number.",
                    text(),
                ),
                "number": doc(
                    "编号", "Number",
                    "标题的编号，照原文：第一章、一、、（一）、(一)、1.、1、、（1）。",
                    "The heading's numbering as printed: 第一章, 一、, （一）, (一), 1., 1、, （1）.",
                    printed(),
                ),
                "sections": doc(
                    "下级章节", "Sub-sections",
                    "下一级标题，按原文顺序。",
                    "The sub-headings, in document order.",
                    list(reference("section")),
                ),
            }),
        ),
        "indicator": indicator(INDICATOR_KEYS, false),
        "previous_indicator": indicator(PREVIOUS_INDICATOR_KEYS, true),
        "text_target": object(
            TEXT_TARGET_KEYS,
            &["name", "target"],
            json!({
                "name": doc(
                    "指标名称", "Indicator name",
                    "正文中所称的指标。",
                    "The indicator as the text names it.",
                    text(),
                ),
                "target": doc(
                    "目标", "Target",
                    "目标，照原文，如 8名以上。",
                    "The target as printed, e.g. 8名以上.",
                    json!({"type": ["string", "number"]}),
                ),
                "unit": doc(
                    "单位", "Unit",
                    "单位，照原文。",
                    "The unit as printed.",
                    printed(),
                ),
                "year": doc(
                    "年份", "Year",
                    "正文给出的目标年份；缺省为规划期末。",
                    "The year the text gives; defaults to `period.end`.",
                    year(),
                ),
                "section": doc(
                    "所在章节", "Section",
                    "写明这一目标的章节标题。",
                    "The title of the section where the text states it.",
                    text(),
                ),
                "scope": doc(
                    "所指地域", "Scope",
                    "原文句中目标所指的地域范围，照原文（全市、全旗、各旗市区）。",
                    "The jurisdiction the sentence names for the target, as printed (全市, 全旗, 各旗市区).",
                    text(),
                ),
                "id": doc(
                    "指标目录标识", "Catalog id",
                    "指标目录中的标识。",
                    "The indicator's catalog id.",
                    id(),
                ),
            }),
        ),
        "text_baseline": object(
            TEXT_BASELINE_KEYS,
            &["name", "value"],
            json!({
                "name": doc(
                    "指标名称", "Indicator name",
                    "正文中所称的指标。",
                    "The indicator as the text names it.",
                    text(),
                ),
                "value": doc(
                    "数值", "Value",
                    "正文写明的数值，照原文。",
                    "The value as the text prints it.",
                    printed(),
                ),
                "unit": doc(
                    "单位", "Unit",
                    "单位，照原文。",
                    "The unit as printed.",
                    printed(),
                ),
                "year": doc(
                    "年份", "Year",
                    "数值所属的年份；缺省为基期年。",
                    "The year the value is for; defaults to the baseline year.",
                    year(),
                ),
                "section": doc(
                    "所在章节", "Section",
                    "写明这一数值的章节标题。",
                    "The title of the section where the text states it.",
                    text(),
                ),
                "id": doc(
                    "指标目录标识", "Catalog id",
                    "指标目录中的标识。",
                    "The indicator's catalog id.",
                    id(),
                ),
            }),
        ),
        "required_section": object(
            REQUIRED_SECTION_KEYS,
            &["topic"],
            json!({
                "topic": doc(
                    "主题", "Topic",
                    "下级规划须涵盖的主题。",
                    "The topic every child must cover.",
                    text(),
                ),
                "any_of": doc(
                    "可接受的标题", "Accepted titles",
                    "涵盖这一主题时可接受的章节标题。",
                    "The section titles accepted as covering the topic.",
                    list(text()),
                ),
            }),
        ),
        "exemption": object(
            EXEMPTION_KEYS,
            &["rule", "reason"],
            json!({
                "rule": doc(
                    "规则", "Rule",
                    "被豁免的规则标识，如 weaker-target。",
                    "The id of the rule exempted, e.g. `weaker-target`.",
                    text(),
                ),
                "indicator": doc(
                    "指标", "Indicator",
                    "豁免所涉指标的名称或目录标识。",
                    "The indicator's name or catalog id.",
                    text(),
                ),
                "section": doc(
                    "章节主题", "Section topic",
                    "豁免所涉的章节主题。",
                    "The section topic exempted.",
                    text(),
                ),
                "reason": doc(
                    "理由", "Reason",
                    "规划自己给出的理由。",
                    "The plan's own reason.",
                    text(),
                ),
            }),
        ),
    })
}

/// An object that takes exactly `keys`, each described in `properties`.
///
/// A key with no description gets an empty schema, and a description whose key is not in
/// `keys` is kept: either way the drift test sees the difference instead of it being
/// smoothed over here.
fn object(keys: &[&str], required: &[&str], properties: Value) -> Value {
    let Value::Object(mut described) = properties else {
        unreachable!("properties are written as a JSON object");
    };
    let mut ordered = Map::new();
    for key in keys {
        let schema = described.remove(*key).unwrap_or_else(|| json!({}));
        ordered.insert((*key).to_string(), schema);
    }
    ordered.append(&mut described);
    let mut schema = json!({
        "type": "object",
        "additionalProperties": false,
        "properties": ordered,
    });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    schema
}

/// A property: a title and a description in Chinese and English, shown by completion and
/// hover, added to `schema`.
///
/// A `$ref` is wrapped in `allOf`, since draft-07 ignores the keywords beside a `$ref`.
fn doc(zh_title: &str, en_title: &str, zh: &str, en: &str, schema: Value) -> Value {
    let mut schema = if schema.get("$ref").is_some() {
        json!({"allOf": [schema]})
    } else {
        schema
    };
    schema["title"] = json!(format!("{zh_title} / {en_title}"));
    schema["description"] = json!(format!("{zh}\n{en}"));
    schema
}

fn reference(definition: &str) -> Value {
    json!({"$ref": format!("#/definitions/{definition}")})
}

/// Text (`Reader::text`): a string, never a number.
fn text() -> Value {
    json!({"type": "string"})
}

/// A value as printed (`Reader::printed`): text or a number; `null` counts as absent.
fn printed() -> Value {
    json!({"type": ["string", "number", "null"]})
}

/// A year (`Reader::year`).
fn year() -> Value {
    json!({"type": "integer", "minimum": 1949, "maximum": 2100})
}

/// A plan or catalog id (`load::id`).
fn id() -> Value {
    json!({"type": "string", "pattern": "^[a-z0-9-]+$"})
}

/// A date (`load::date`): four digits, a month 01–12 and a day 01–31.
fn date() -> Value {
    json!({
        "type": "string",
        "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
    })
}

/// A list (`Reader::list`); `null` is an empty list.
/// A list, or the word `unknown` for a part of the document that was not transcribed.
fn or_unknown(list: Value) -> Value {
    json!({"oneOf": [list, {"type": "string", "enum": ["unknown"]}]})
}

fn list(items: Value) -> Value {
    json!({"type": ["array", "null"], "items": items})
}

/// `value` with every object's keys in sorted order. serde_json's map is sorted by default
/// but keeps insertion order when some crate in the build turns on `preserve_order`; this
/// makes the output the same either way.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{load_plan, Nature};
    use std::collections::BTreeSet;

    /// Every key list of the decoder and the schema object (a JSON pointer) that uses it.
    const OBJECTS: [(&str, &[&str]); 11] = [
        ("", PLAN_KEYS),
        ("/definitions/period", PERIOD_KEYS),
        ("/definitions/section", SECTION_KEYS),
        ("/definitions/indicator", INDICATOR_KEYS),
        ("/definitions/previous_indicator", PREVIOUS_INDICATOR_KEYS),
        ("/definitions/text_target", TEXT_TARGET_KEYS),
        ("/definitions/text_baseline", TEXT_BASELINE_KEYS),
        ("/definitions/required_section", REQUIRED_SECTION_KEYS),
        ("/definitions/exemption", EXEMPTION_KEYS),
        ("/properties/previous_period", PREVIOUS_KEYS),
        ("/properties/requirements", REQUIREMENT_KEYS),
    ];

    /// A plan that writes every key of every object, one key a line. The first key of each
    /// list item is an optional one, so that every required key sits on a line of its own.
    const FULL: &str = "\
planlint: 1
id: cn-test-14
title: 测试规划
region: 全国
level: national
period:
  start: 2021
  end: 2025
baseline_year: 2020
parent: cn-root
issuer: 国务院办公厅
issued: 2022-02-10
source: test.txt
reference: false
basis:
  - 某某纲要
sections:
  - number: 一、
    title: 发展基础
    sections:
      - number: （一）
        title: 成就
indicators:
  - unit: 岁
    name: 人均预期寿命
    domain: 健康水平
    no: 1
    baseline: \"77.1\"
    target: 78.0
    nature: 预期性
    id: life-expectancy
    note: 无
    baseline_from: 参照上级平均水平
    explanation: 基数小，波动大
targets_in_text:
  - unit: 人
    name: 每万人口全科医生数
    target: 8名以上
    year: 2025
    section: 人才
    scope: 全县
    id: gp-per-10k
baselines_in_text:
  - unit: 岁
    name: 人均预期寿命
    value: 77.2
    year: 2020
    section: 发展基础
    id: life-expectancy
previous_period:
  indicators:
    - unit: 岁
      name: 居民人均预期寿命
      domain: 健康水平
      no: 1
      baseline: ~
      target: 达到或接近76岁
      actual: \"80.78\"
      nature: 约束
      id: life-expectancy
      note: 无
  period:
    start: 2016
    end: 2020
requirements:
  sections:
    - any_of: [发展目标, 规划目标]
      topic: 发展目标
  indicators: all
exemptions:
  - indicator: 婴儿死亡率
    rule: weaker-target
    section: 发展目标
    reason: 基数较低
";

    fn schema_value() -> Value {
        serde_json::from_str(&plan_schema()).unwrap()
    }

    /// The problems the decoder reports for `text`, as English messages.
    fn problems(text: &str) -> Vec<String> {
        load_plan("test.plan.yaml", text)
            .1
            .into_iter()
            .map(|d| d.message.en)
            .collect()
    }

    /// Walks a schema to the object a YAML path lands in, following `items`, `allOf` and
    /// `$ref`. `None` in the path stands for a list item.
    fn resolve<'s>(root: &'s Value, path: &[Option<&str>]) -> &'s Value {
        let mut at = follow(root, root);
        for step in path {
            at = match step {
                Some(key) => &at["properties"][*key],
                None => &at["items"],
            };
            at = follow(root, at);
        }
        at
    }

    fn follow<'s>(root: &'s Value, mut at: &'s Value) -> &'s Value {
        loop {
            if let Some(inner) = at.get("allOf").or(at.get("oneOf")) {
                at = &inner[0];
            } else if let Some(target) = at.get("$ref").and_then(Value::as_str) {
                at = root.pointer(target.trim_start_matches('#')).unwrap();
            } else {
                return at;
            }
        }
    }

    #[test]
    fn every_key_list_is_an_object_of_the_schema_and_back() {
        let schema = schema_value();
        for (pointer, keys) in OBJECTS {
            let object = schema.pointer(pointer).unwrap();
            let properties: BTreeSet<&str> = object["properties"]
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let keys: BTreeSet<&str> = keys.iter().copied().collect();
            assert_eq!(properties, keys, "the properties of `{pointer}`");
            assert_eq!(object["additionalProperties"], json!(false), "{pointer}");
        }
        // And every object in the schema is one of those.
        let mut found = Vec::new();
        objects(&schema, String::new(), &mut found);
        found.sort();
        let mut expected: Vec<String> = OBJECTS.iter().map(|(p, _)| p.to_string()).collect();
        expected.sort();
        assert_eq!(found, expected);
    }

    fn objects(value: &Value, pointer: String, found: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if map.contains_key("properties") {
                    found.push(pointer.clone());
                }
                for (key, value) in map {
                    objects(value, format!("{pointer}/{key}"), found);
                }
            }
            Value::Array(items) => {
                for (i, value) in items.iter().enumerate() {
                    objects(value, format!("{pointer}/{i}"), found);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn every_key_has_a_title_and_a_description_in_both_languages() {
        let schema = schema_value();
        for (pointer, _) in OBJECTS {
            for (key, property) in schema.pointer(pointer).unwrap()["properties"]
                .as_object()
                .unwrap()
            {
                for field in ["title", "description"] {
                    let text = property[field].as_str().unwrap_or_default();
                    let chinese = text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                    let english = text
                        .split(|c: char| !c.is_ascii_alphabetic())
                        .any(|w| w.len() > 2);
                    assert!(
                        chinese && english,
                        "{field} of `{key}` in `{pointer}`: {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_full_plan_is_clean() {
        assert_eq!(problems(FULL), Vec::<String>::new());
    }

    /// Deletes each line that holds a key (with the block under it) from [`FULL`]: the
    /// decoder must report that key missing exactly when the schema requires it there.
    #[test]
    fn the_schema_requires_what_the_decoder_requires() {
        let schema = schema_value();
        let lines: Vec<&str> = FULL.lines().collect();
        let indent = |line: &str| line.len() - line.trim_start().len();
        // The YAML path of each line, kept as a stack of (indent, step).
        let mut stack: Vec<(usize, Option<&str>)> = Vec::new();
        let mut checked = 0;
        for (i, line) in lines.iter().enumerate() {
            let depth = indent(line);
            let mut rest = line.trim_start();
            while stack.last().is_some_and(|(d, _)| *d >= depth) {
                stack.pop();
            }
            let mut depth = depth;
            let item = rest.starts_with("- ");
            if item {
                stack.push((depth, None));
                rest = &rest[2..];
                depth += 2;
            }
            let key = rest.split(':').next().unwrap();
            let path: Vec<Option<&str>> = stack.iter().map(|(_, s)| *s).collect();
            stack.push((depth, Some(key)));
            if item {
                continue;
            }
            let end = (i + 1..lines.len())
                .find(|&j| indent(lines[j]) <= indent(line))
                .unwrap_or(lines.len());
            let text: String = lines[..i]
                .iter()
                .chain(&lines[end..])
                .map(|l| format!("{l}\n"))
                .collect();
            let object = resolve(&schema, &path);
            let required = object["required"]
                .as_array()
                .is_some_and(|r| r.contains(&json!(key)));
            let missing = format!("is missing the required field `{key}`");
            let reported = problems(&text).iter().any(|p| p.contains(&missing));
            assert_eq!(reported, required, "line {}: `{line}` at {path:?}", i + 1);
            checked += 1;
        }
        assert!(checked > 40, "only {checked} lines checked");
    }

    #[test]
    fn the_enums_are_the_decoders_words() {
        let schema = schema_value();
        let level = &schema["properties"]["level"]["enum"];
        let nature = &resolve(&schema, &[Some("indicators"), None])["properties"]["nature"]["enum"];
        let required = &schema["properties"]["requirements"]["properties"]["indicators"]["enum"];
        let cases = [
            (level, "level: national", "level: "),
            (nature, "nature: 预期性", "nature: "),
            (required, "indicators: all", "indicators: "),
        ];
        for (words, line, prefix) in cases {
            let words = words.as_array().unwrap();
            assert!(!words.is_empty());
            for word in words.iter().map(|w| w.as_str().unwrap()) {
                let text = FULL.replacen(line, &format!("{prefix}{word}"), 1);
                assert_eq!(problems(&text), Vec::<String>::new(), "{prefix}{word}");
            }
            let text = FULL.replacen(line, &format!("{prefix}other"), 1);
            assert!(!problems(&text).is_empty(), "{prefix}other");
        }
        for word in NATURES {
            assert!(Nature::parse(word).is_some(), "{word}");
        }
    }

    #[test]
    fn the_output_is_deterministic() {
        assert_eq!(plan_schema(), plan_schema());
        assert!(plan_schema().ends_with("}\n"));
    }

    #[test]
    fn the_committed_schema_is_current() {
        let committed = include_str!("../../../docs/plan.schema.json");
        assert!(
            committed == plan_schema(),
            "docs/plan.schema.json is out of date; run \
             `cargo run -p planlint -- schema > docs/plan.schema.json`"
        );
    }
}
