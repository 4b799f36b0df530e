"""Evaluate the sansho pack's `deny` sets with the reference OPA (Go) engine.

Usage: python3 scripts/opa_eval.py POLICY_DIR DATA_JSON INPUT_JSON
Loads every non-test .rego below POLICY_DIR (policies/: lib and rules), DATA_JSON as data
(`sansho check --dump-data`: data.sansho.as_of, params, requirements) and INPUT_JSON as input
(`sansho check --dump-input`), evaluates every `data.sansho.rules.<area>.<rule>.deny` and prints
the number of elements: the count `sansho check` reports as findings.
OPA v1.20.2 comes from the PyPI wheel `opa-golib-python-bindings` (a C-shared build of OPA's
Go engine) used through ctypes; see /work/shared/bench/README.md. OPA_BRIDGE_DIR points at the
unpacked wheel.
"""
import ctypes, json, os, sys

bridge = os.environ.get("OPA_BRIDGE_DIR", ".opa-bridge")
sys.path.insert(0, bridge)
from opa_bindings import _native  # noqa: E402

pol_dir, data_path, input_path = sys.argv[1:4]
lib = _native.load()
handle = lib.OpaNew()


def call(fn, *args):
    ptr = fn(handle, *args)
    raw = ctypes.string_at(ptr)
    lib.OpaFreeString(ptr)
    env = json.loads(raw)
    if env.get("error"):
        sys.exit(f"opa: {env['error']}")
    return env


for dirpath, dirs, names in sorted(os.walk(pol_dir)):
    dirs.sort()
    if os.sep + "fixtures" in dirpath:
        continue
    for name in sorted(names):
        if name.endswith(".rego") and not name.endswith("_test.rego"):
            path = os.path.join(dirpath, name)
            call(lib.OpaAddPolicy, path.encode(), open(path, "rb").read())
call(lib.OpaAddData, b"", open(data_path, "rb").read())
query = b"x := [d | some a, r; d := data.sansho.rules[a][r].deny[_]]"
env = call(lib.OpaEvalQuery, query, open(input_path, "rb").read(), 0, 0)
print(len(env["result"][0]["bindings"]["x"]))
