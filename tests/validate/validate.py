"""Validate SARIF files against a SARIF 2.1.0 JSON schema and JUnit XML files
against a JUnit XSD. Called by validate.sh, which installs the packages and
finds the schema files; this file holds no schema text of its own.

usage: validate.py --sarif-schema PATH --junit-schema PATH
                   [--sarif FILE]... [--junit FILE]...

Prints `valid: FILE` for each valid file, or `invalid: FILE` followed by its
errors (indented). Exits 1 if any file is invalid, 0 otherwise.
"""

import argparse
import json
import sys

MAX_ERRORS = 20  # per file; the rest are counted, not printed
JUNIT_ROOTS = ("testsuites", "testsuite")


def report(path, errors):
    if not errors:
        print(f"valid: {path}")
        return True
    print(f"invalid: {path}")
    for err in errors[:MAX_ERRORS]:
        print(f"  - {err}")
    if len(errors) > MAX_ERRORS:
        print(f"  ... and {len(errors) - MAX_ERRORS} more error(s)")
    return False


def sarif_validator(schema_path):
    import jsonschema

    with open(schema_path, encoding="utf-8") as fh:
        schema = json.load(fh)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def sarif_errors(validator, path):
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except (OSError, ValueError) as exc:
        return [f"cannot read JSON: {exc}"]
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    return [f"at {e.json_path}: {e.message}" for e in errors]


def junit_errors(schema, path):
    import xmlschema
    from xml.etree import ElementTree

    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as exc:
        return [f"cannot read XML: {exc}"]
    errors = []
    if root.tag not in JUNIT_ROOTS:
        errors.append(
            f"root element is <{root.tag}>, expected <testsuites> or <testsuite>"
        )
    for err in schema.iter_errors(path):
        line = f"line {err.sourceline}: " if getattr(err, "sourceline", None) else ""
        where = f" (at {err.path})" if err.path else ""
        errors.append(f"{line}{err.reason}{where}")
    return errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sarif-schema")
    ap.add_argument("--junit-schema")
    ap.add_argument("--sarif", action="append", default=[])
    ap.add_argument("--junit", action="append", default=[])
    args = ap.parse_args()

    ok = True
    if args.sarif:
        validator = sarif_validator(args.sarif_schema)
        for path in args.sarif:
            ok &= report(path, sarif_errors(validator, path))
    if args.junit:
        import xmlschema

        schema = xmlschema.XMLSchema10(args.junit_schema)
        for path in args.junit:
            ok &= report(path, junit_errors(schema, path))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
