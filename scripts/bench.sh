#!/usr/bin/env bash
# Benchmarks sansho (and, when the OPA bridge is present, OPA 1.20.2 on the same pack and
# input) on generated inventories. Usage: scripts/bench.sh [SYSTEMS...] (default 100 1000 10000)
#
#   BENCH_DIR       where inventories and dumps go (default target/bench; reused when present)
#   OPA_BRIDGE_DIR  the unpacked opa-golib-python-bindings wheel (see /work/shared/bench/README.md);
#                   OPA is skipped when it is missing, or for sizes above OPA_MAX (default 10000)
#   JOBS            sansho --jobs (default: sansho's default, the available cores)
#
# For each size it prints: input size on disk, sansho wall time and peak RSS for the whole
# `sansho check --format json` process (GNU time), sansho's own split (load / evaluate /
# report, from the hidden `sansho bench`), the findings count, and OPA's wall time, peak RSS
# and deny count for the same Rego and the input `sansho check --dump-input` wrote.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(100 1000 10000)
work=${BENCH_DIR:-target/bench}
as_of=2026-11-25
opa_max=${OPA_MAX:-10000}
jobs=()
[ -n "${JOBS:-}" ] && jobs=(--jobs "$JOBS")
mkdir -p "$work"
cargo build --release --quiet -p sansho
bin=target/release/sansho
export OPA_BRIDGE_DIR=${OPA_BRIDGE_DIR:-.opa-bridge}

timed() { # prints "wall_s peak_kib" of a command, its output to $1
  local out=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$out" || true
  tail -n 1 "$work/time.txt"
}

printf '%-8s %-9s %-22s %-28s %-9s %-22s %-8s %s\n' systems input_MB "sansho s / MiB" "load/eval/report ms" findings "OPA s / MiB" opa_deny "OPA/sansho"
for n in "${sizes[@]}"; do
  inv="$work/inv-$n"
  [ -d "$inv" ] || "$bin" generate --systems "$n" --seed 1 --as-of "$as_of" --output "$inv" > /dev/null
  mb=$(du -sm --apparent-size "$inv" | cut -f1)
  "$bin" check "$inv" --as-of "$as_of" --format json "${jobs[@]}" \
    --dump-input "$work/input-$n.json" --dump-data "$work/data-$n.json" > "$work/report-$n.json" || true
  findings=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['summary']['findings'])" "$work/report-$n.json")
  read -r s_wall s_kib < <(timed /dev/null "$bin" check "$inv" --as-of "$as_of" --format json "${jobs[@]}")
  split=$("$bin" bench "$inv" --as-of "$as_of" "${jobs[@]}" | awk -F': ' '/^load_ms/{l=$2} /^evaluate_ms/{e=$2} /^report_ms/{r=$2} END{printf "%s/%s/%s", l, e, r}')
  o_wall=- o_kib=- o_count=- ratio=-
  if [ -d "$OPA_BRIDGE_DIR" ] && [ "$n" -le "$opa_max" ]; then
    read -r o_wall o_kib < <(timed "$work/opa-$n.txt" python3 scripts/opa_eval.py policies "$work/data-$n.json" "$work/input-$n.json")
    o_count=$(cat "$work/opa-$n.txt")
    ratio=$(python3 -c "print(f'{$o_wall/$s_wall:.1f}x')")
    o_kib=$((o_kib / 1024))
  fi
  printf '%-8s %-9s %-22s %-28s %-9s %-22s %-8s %s\n' "$n" "$mb" "$s_wall / $((s_kib / 1024))" "$split" "$findings" "$o_wall / $o_kib" "$o_count" "$ratio"
done
