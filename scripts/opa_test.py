"""Run an OPA-style test suite with the reference OPA engine (Go, v1.20.2) and print the outcome
of every test as JSON lines sorted by package and name: {"package", "name", "outcome"}.

Usage: python3 scripts/opa_test.py DIR

It does what `opa test DIR` does, through the C-shared OPA library shipped in the PyPI wheel
`opa-golib-python-bindings` (see scripts/opa-compat.sh, which fetches it): every `.rego` file is a
module; every other `.json`/`.yaml`/`.yml` file is data placed under the path of its directory
relative to DIR; each rule named `test_*` is evaluated (true: pass; false or undefined: fail;
an error: error) and `todo_*` rules are skipped. sansho's own files (params.yaml, catalog*.yaml,
sansho.yaml, fixtures/) are not OPA data and are left out, as sansho leaves them out of `data`.
"""
import ctypes, json, os, re, sys

bridge = os.environ.get("OPA_BRIDGE_DIR", ".opa-bridge")
sys.path.insert(0, bridge)
from opa_bindings import _native  # noqa: E402

try:
    import yaml  # type: ignore
except ImportError:  # the data files of the suites we compare are JSON or flat YAML
    yaml = None

root = sys.argv[1].rstrip("/")
lib = _native.load()
handle = lib.OpaNew()


def call(fn, *args):
    ptr = fn(handle, *args)
    raw = ctypes.string_at(ptr)
    lib.OpaFreeString(ptr)
    return json.loads(raw)


def flat_yaml(text):
    """`key: value` lines, enough for test suites without PyYAML."""
    out = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line:
            continue
        k, v = line.split(":", 1)
        out[k.strip()] = json.loads(v.strip())
    return out


tests = []
for dirpath, dirs, names in sorted(os.walk(root)):
    dirs[:] = sorted(d for d in dirs if d != "fixtures")
    rel = os.path.relpath(dirpath, root)
    prefix = "" if rel == "." else rel.replace(os.sep, ".")
    for name in sorted(names):
        path = os.path.join(dirpath, name)
        if name.endswith(".rego"):
            text = open(path, "rb").read()
            env = call(lib.OpaAddPolicy, path.encode(), text)
            if env.get("error"):
                sys.exit(f"opa: {env['error']}")
            pkg = re.search(rb"^package\s+([\w.]+)", text, re.M).group(1).decode()
            for m in re.finditer(rb"^((?:test|todo)_\w+)", text, re.M):
                tests.append((pkg, m.group(1).decode()))
        elif name.endswith((".json", ".yaml", ".yml")) and name not in ("params.yaml", "sansho.yaml") \
                and not (name.startswith("catalog") and name.endswith(".yaml")):
            text = open(path, encoding="utf-8").read()
            doc = json.loads(text) if name.endswith(".json") else (yaml.safe_load(text) if yaml else flat_yaml(text))
            env = call(lib.OpaAddData, prefix.encode(), json.dumps(doc).encode())
            if env.get("error"):
                sys.exit(f"opa: {env['error']}")

for pkg, name in sorted(set(tests)):
    if name.startswith("todo_"):
        outcome = "skip"
    else:
        env = call(lib.OpaEvalQuery, f"x := data.{pkg}.{name}".encode(), b"{}", 0, 0)
        if env.get("error"):
            outcome = "error"
        else:
            res = env.get("result") or []
            outcome = "pass" if res and res[0]["bindings"]["x"] is True else "fail"
    print(json.dumps({"package": pkg, "name": name, "outcome": outcome}))
