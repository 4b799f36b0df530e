#!/usr/bin/env bash
# Compatibility with the reference OPA engine (v1.20.2, from the PyPI wheel
# opa-golib-python-bindings; no Go toolchain needed):
#   1. every OPA-style suite below runs under `sansho test` with the same tests found and the
#      same outcomes as OPA gives (scripts/opa_test.py does what `opa test DIR` does);
#   2. the built-in pack (policies, libraries, tests), the rule `sansho new policy` writes and the
#      custom pack of the tests compile under OPA (plain Rego v1).
# Usage: scripts/opa-compat.sh [SANSHO_BINARY]   (run from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
SANSHO=${1:-target/debug/sansho}
BRIDGE=${OPA_BRIDGE_DIR:-target/opa-bridge}
if [ ! -f "$BRIDGE/opa_bindings/libopabridge.so" ]; then
  tmp=$(mktemp -d)
  python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.14 \
    --platform manylinux_2_34_x86_64 -d "$tmp" opa-golib-python-bindings==0.4.4
  mkdir -p "$BRIDGE"
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$tmp"/*.whl "$BRIDGE"
  rm -rf "$tmp"
fi
export OPA_BRIDGE_DIR="$BRIDGE"

suites=(tests/fixtures/opa_suite)
status=0
for suite in "${suites[@]}"; do
  python3 scripts/opa_test.py "$suite" > target/opa-compat-opa.jsonl
  set +e
  "$SANSHO" test "$suite" --format json > target/opa-compat-sansho.json
  set -e
  python3 - "$suite" <<'PY' || status=1
import json, sys
suite = sys.argv[1]
opa = [json.loads(l) for l in open("target/opa-compat-opa.jsonl")]
sansho = json.load(open("target/opa-compat-sansho.json"))["tests"]
a = sorted((t["package"], t["name"], t["outcome"]) for t in opa)
b = sorted((t["package"], t["name"], t["outcome"]) for t in sansho)
if a != b:
    print(f"{suite}: sansho and OPA differ")
    for x in sorted(set(a) ^ set(b)):
        print("  OPA   " if x in a else "  sansho", x)
    sys.exit(1)
print(f"{suite}: {len(a)} tests, same outcomes as OPA "
      f"({sum(1 for t in a if t[2] == 'pass')} pass, {sum(1 for t in a if t[2] == 'fail')} fail, "
      f"{sum(1 for t in a if t[2] == 'skip')} skip)")
PY
done

skeleton=$(mktemp -d)
"$SANSHO" new policy ACME-OPS-001 --dir "$skeleton" > /dev/null
python3 - policies "$skeleton" tests/fixtures/custom_pack <<'PY' || status=1
import ctypes, json, os, sys
sys.path.insert(0, os.environ["OPA_BRIDGE_DIR"])
from opa_bindings import _native
lib = _native.load()
h = lib.OpaNew()
def call(fn, *a):
    p = fn(h, *a); raw = ctypes.string_at(p); lib.OpaFreeString(p); return json.loads(raw)
n = 0
for d, dirs, names in (w for top in sys.argv[1:] for w in sorted(os.walk(top))):
    dirs.sort()
    for name in sorted(names):
        if name.endswith(".rego"):
            path = os.path.join(d, name)
            env = call(lib.OpaAddPolicy, path.encode(), open(path, "rb").read())
            if env.get("error"):
                sys.exit(f"OPA rejects {path}: {env['error']}")
            n += 1
env = call(lib.OpaEvalQuery, b"x := count([p | some p; data.sansho.rules[p]])", b"{}", 0, 0)
if env.get("error"):
    sys.exit(f"OPA cannot compile the built-in pack: {env['error']}")
print(f"built-in pack, new-policy skeleton, custom pack: {n} Rego files compile under OPA 1.20.2")
PY
rm -rf "$skeleton"
exit $status
