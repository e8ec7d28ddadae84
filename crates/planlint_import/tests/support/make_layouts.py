#!/usr/bin/env python3
"""Writes the layout documents of tests/python_docx.rs with python-docx, a second producer
whose files carry the structure Word and WPS files have (styles.xml, numbering.xml, merged
cells as python-docx merges them), so the importer is not only tested on XML written by
the same hands as the reader.

usage: make_layouts.py OUT_DIR
"""
import copy
import sys
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)


def fill(table, rows):
    for r, values in enumerate(rows):
        for k, value in enumerate(values):
            if value is not None:
                table.cell(r, k).text = value


def new(title):
    d = docx.Document()
    d.add_paragraph(title)
    d.add_heading("一、发展目标", level=1)
    return d


# 1. A two-row header (指标值 over 2020年/2025年, 属性 over 约束性/预期性 ticks), merged with
# python-docx's own merge, units in the values, equal neighbouring values.
d = new("某旗卫生健康事业发展规划（2021—2025年）（征求意见稿）")
d.add_paragraph("表1 主要发展指标")
t = d.add_table(rows=5, cols=7)
t.style = "Table Grid"
fill(t, [
    ["领域", "指标名称", "指标值", None, "属性", None, "备注"],
    [None, None, "2020年", "2025年", "约束性", "预期性", None],
    ["健康水平", "人均预期寿命", "78.1岁", "78.6岁", "", "√", ""],
    [None, "孕产妇系统管理率", ">90%", ">90%", "√", "", "按常住人口"],
    ["健康服务", "每千人口床位数", "6.1张", "6.9张", "", "√", ""],
])
t.cell(0, 2).merge(t.cell(0, 3))
t.cell(0, 4).merge(t.cell(0, 5))
for k in (0, 1, 6):
    t.cell(0, k).merge(t.cell(1, k))
t.cell(2, 0).merge(t.cell(3, 0))
d.add_heading("二、主要任务", level=1)
d.save(out / "two-row-header.docx")

# 2. Headings numbered by a Word list: a new abstract list in numbering.xml, applied to
# Heading 1 and Heading 2 through w:numPr, and the built-in "List Number" on body text.
d = docx.Document()
d.add_paragraph("某市“十四五”卫生健康发展规划")
numbering = d.part.numbering_part.element
abstract = OxmlElement("w:abstractNum")
abstract.set(qn("w:abstractNumId"), "90")
for ilvl, (fmt, text) in enumerate([("chineseCountingThousand", "第%1章"), ("chineseCounting", "第%2节")]):
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), str(ilvl))
    for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
        e = OxmlElement(tag)
        e.set(qn("w:val"), val)
        lvl.append(e)
    suff = OxmlElement("w:suff")
    suff.set(qn("w:val"), "space")
    lvl.append(suff)
    abstract.append(lvl)
first_num = numbering.find(qn("w:num"))
if first_num is not None:
    first_num.addprevious(abstract)
else:
    numbering.append(abstract)
num = OxmlElement("w:num")
num.set(qn("w:numId"), "90")
ref = OxmlElement("w:abstractNumId")
ref.set(qn("w:val"), "90")
num.append(ref)
numbering.append(num)


def numbered_heading(text, level):
    p = d.add_heading(text, level=level + 1)
    ppr = p._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    numid = OxmlElement("w:numId")
    numid.set(qn("w:val"), "90")
    numpr.append(ilvl)
    numpr.append(numid)
    ppr.append(numpr)


numbered_heading("发展基础", 0)
numbered_heading("主要成就", 1)
d.add_paragraph("全市医疗卫生服务能力持续提升。")
numbered_heading("面临形势", 1)
numbered_heading("总体要求", 0)
numbered_heading("指导思想", 1)
d.add_paragraph("加强基层医疗卫生服务能力建设。", style="List Number")
d.save(out / "word-numbering.docx")

# 3. A table continued after a page break: a 续表 line, the header repeated, and the
# superscript footnote mark python-docx writes (w:vertAlign in the run).
d = new("某县“十四五”卫生健康事业发展规划")
d.add_paragraph("表1 主要发展指标")
header = ["序号", "主要指标", "单位", "2020年", "2025年", "指标性质"]
t = d.add_table(rows=3, cols=6)
t.style = "Table Grid"
fill(t, [header, ["1", "人均预期寿命", "岁", "", "78.5", "预期性"], ["2", "婴儿死亡率", "‰", "4", "<5", "预期性"]])
cell = t.cell(1, 3).paragraphs[0]
cell.add_run("77.6")
cell.add_run("1").font.superscript = True
d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
d.add_paragraph("续表1")
t = d.add_table(rows=2, cols=6)
t.style = "Table Grid"
fill(t, [header, ["3", "孕产妇死亡率", "/10万", "12", "<15", "约束性"]])
d.add_paragraph("注：1.为2019年数据。")
d.add_heading("二、主要任务", level=1)
d.save(out / "continued.docx")

# 4. A layout table: one cell holding the table's title and the indicator table.
d = new("某县“十四五”卫生健康事业发展规划")
frame = d.add_table(rows=1, cols=1)
cell = frame.cell(0, 0)
cell.paragraphs[0].text = "专栏1 主要发展指标"
inner = cell.add_table(rows=3, cols=5)
fill(inner, [
    ["序号", "指标", "基期值", "目标值", "属性"],
    ["1", "人均预期寿命（岁）", "78", "78.5", "预期性"],
    ["2", "婴儿死亡率（‰）", "4", "4", "预期性"],
])
d.add_heading("二、主要任务", level=1)
d.save(out / "layout-table.docx")
