#!/usr/bin/env python3
"""Writes a plan repository again in the layouts other tools and people write YAML in.

planlint-bench's generator writes one plain style. Plans written by other tools look
different, and planlint must read them as fast and as exactly; this script makes a
corpus of such layouts from any repository of plan files (usually the generated one):

    cargo run --release -p planlint_bench -- generate --out /tmp/gen --scale full --seed 1
    python3 crates/planlint_bench/redump.py /tmp/gen /tmp/layouts
    cargo run --release -p planlint_bench -- load /tmp/layouts/block

It needs PyYAML. Each layout is a full copy of the repository (planlint.yaml and
truth.json included) under OUT/<layout>:

- block:   yaml.dump(plan, allow_unicode=True, sort_keys=False): block style, sequences
           not indented under their key, PyYAML's own quoting ('1.', '2022年'), long
           texts folded over lines.
- flow:    the same with default_flow_style=None: the innermost collections (table rows,
           period, short lists) as flow mappings and sequences on one line.
- ascii:   yaml.safe_dump(plan): keys sorted, every non-ASCII character escaped in
           double quotes ("\\u5A74\\u513F..."), long texts folded with `\\` escapes.
- hand:    what a person writes: `---`, comments above sections and after values, blank
           lines between rows, indented sequences, 'single' and "double" quotes chosen by
           hand, a long reason as a `>-` block (folding joins its lines with a space:
           the one place a layout's values differ from the input's).
- anchors: `hand` plus anchors and aliases: the period, and each distinct nature and unit
           of the rows, written once (`&period`, `&nature1`) and referred to after that
           (`*nature1`).

Values keep their printed form: numbers are re-emitted exactly as they were written
(`77.0` stays `77.0`), and YAML 1.1's `no`/`yes`/`on`/`off` stay texts (a plan's `no:`
is a row number), so every layout holds the same plans as the input. Writing all five
layouts of the full generated repository takes a few minutes.
"""

import argparse
import os
import re
import shutil
import sys

import yaml


class Numeral(str):
    """A number as it was written, with the YAML tag it resolved to."""

    tag = "tag:yaml.org,2002:int"


class Fraction(Numeral):
    tag = "tag:yaml.org,2002:float"


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's where PyYAML has it) with YAML 1.2's booleans and numbers
    kept as written."""


# Only true/false are booleans (as in YAML 1.2, and in planlint).
Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag != "tag:yaml.org,2002:bool"
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
Loader.add_constructor(
    "tag:yaml.org,2002:int", lambda loader, node: Numeral(node.value)
)
Loader.add_constructor(
    "tag:yaml.org,2002:float", lambda loader, node: Fraction(node.value)
)


def represent_numeral(dumper, value):
    return dumper.represent_scalar(value.tag, str(value))


class Dumper(yaml.Dumper):
    """PyYAML's Dumper; texts YAML 1.1 would read as booleans stay quoted anyway."""


class SafeDumper(yaml.SafeDumper):
    pass


class HandDumper(yaml.Dumper):
    """Indents sequences under their key, as people do."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


for dumper in (Dumper, SafeDumper, HandDumper):
    dumper.add_representer(Numeral, represent_numeral)
    dumper.add_representer(Fraction, represent_numeral)


def block(plan):
    return yaml.dump(plan, Dumper=Dumper, allow_unicode=True, sort_keys=False)


def flow(plan):
    return yaml.dump(
        plan,
        Dumper=Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=None,
    )


def ascii_(plan):
    return yaml.dump(plan, Dumper=SafeDumper)


COMMENTS = {
    "id": "# 规划标识，全库唯一",
    "period": "# 规划期",
    "parent": "# 上级规划",
    "basis": "# 编制依据",
    "sections": "# 目录（章节标题）",
    "indicators": "# 主要指标",
    "targets_in_text": "# 正文中的目标",
    "previous_period": "# 上一规划期",
    "exemptions": "# 已说明的偏差",
}


def hand(plan, anchors=False):
    """A hand-written layout; with `anchors`, repeated values written once and aliased."""
    text = yaml.dump(
        plan,
        Dumper=HandDumper,
        allow_unicode=True,
        sort_keys=False,
        width=1 << 16,
        default_flow_style=False,
    )
    out = ["---", "# 本文件由人工整理（示例布局）", ""]
    seen = {}
    period = None
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        key = re.match(r"^([a-z_]+):", line)
        if key and key.group(1) in COMMENTS:
            out.append("")
            out.append(COMMENTS[key.group(1)])
        if anchors and line == "period:" and i + 2 < len(lines):
            # `period:` and its two lines become one anchored flow mapping.
            start, end = lines[i + 1].strip(), lines[i + 2].strip()
            period = "{" + start + ", " + end + "}"
            out.append("period: &period " + period)
            i += 3
            continue
        if anchors and period and line.strip() == "period:" and i + 2 < len(lines):
            here = "{" + lines[i + 1].strip() + ", " + lines[i + 2].strip() + "}"
            if here == period:
                out.append(line + " *period")
                i += 3
                continue
        # A blank line between the rows of a table.
        if re.match(r"^  - ('no'|name): ", line) and not lines[i - 1].endswith(":"):
            out.append("")
        # Each distinct nature and unit written once, anchored, and aliased after that.
        repeated = re.match(r"^(\s*(?:- )?)(nature|unit): ([^&*#\s][^#]*)$", line)
        if anchors and repeated:
            lead, key, word = repeated.groups()
            if (key, word) in seen:
                line = f"{lead}{key}: *{seen[(key, word)]}"
            else:
                seen[(key, word)] = f"{key}{len(seen) + 1}"
                line = f"{lead}{key}: &{seen[(key, word)]} {word}"
        elif re.match(r"^\s*(- )?(unit|target): \S", line) and "#" not in line:
            line += "  # 按原文"
        note = re.match(r"^(\s*)(- )?(note|reason): (.{20,})$", line)
        if note and not note.group(4).startswith(("'", '"')):
            # A long text as a folded block scalar, split where it has a comma.
            indent = " " * (len(note.group(1)) + (2 if note.group(2) else 0) + 2)
            parts = re.split(r"(?<=，)", note.group(4))
            if len(parts) > 1 and all(p == p.strip() for p in parts):
                out.append(f"{note.group(1)}{note.group(2) or ''}{note.group(3)}: >-")
                out.extend(indent + p for p in parts)
                i += 1
                continue
        out.append(line)
        i += 1
    return "\n".join(out) + "\n"


LAYOUTS = {
    "block": block,
    "flow": flow,
    "ascii": ascii_,
    "hand": hand,
    "anchors": lambda plan: hand(plan, anchors=True),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", help="a folder of *.plan.yaml files")
    parser.add_argument("out", help="the folder to write OUT/<layout>/ into")
    parser.add_argument(
        "--layouts",
        default=",".join(LAYOUTS),
        help="comma-separated, from: " + ", ".join(LAYOUTS),
    )
    args = parser.parse_args()
    layouts = args.layouts.split(",")
    for layout in layouts:
        if layout not in LAYOUTS:
            sys.exit(f"unknown layout {layout!r}")
    count = 0
    for folder, dirs, files in os.walk(args.repo):
        dirs.sort()
        for name in sorted(files):
            source = os.path.join(folder, name)
            relative = os.path.relpath(source, args.repo)
            plan = None
            if name.endswith(".plan.yaml"):
                with open(source, encoding="utf-8") as f:
                    plan = yaml.load(f, Loader=Loader)
                count += 1
            for layout in layouts:
                target = os.path.join(args.out, layout, relative)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                if plan is None:
                    shutil.copyfile(source, target)
                else:
                    with open(target, "w", encoding="utf-8") as f:
                        f.write(LAYOUTS[layout](plan))
    print(f"{count} plans written in {len(layouts)} layouts to {args.out}")


if __name__ == "__main__":
    main()
