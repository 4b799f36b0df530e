#!/usr/bin/env bash
# Runs each cargo-fuzz target briefly on the stable toolchain (RUSTC_BOOTSTRAP lets cargo-fuzz
# use the sanitizer flags it needs). Needs `cargo install cargo-fuzz`.
#
#   FUZZ_SECONDS   time per target (default 30)
#   scripts/fuzz-smoke.sh [TARGET...]   (default: every target)
#
# Seeds come from the repository (examples, fixtures, policies); the growing corpus is kept in
# fuzz/corpus/<target> (not committed). A crash stops the script with the input saved under
# fuzz/artifacts/<target>/: fix it and add the input as a regression test in tests/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${FUZZ_SECONDS:-30}
if ! cargo fuzz --help > /dev/null 2>&1; then
  echo "cargo-fuzz is missing: cargo install cargo-fuzz" >&2
  exit 2
fi
export RUSTC_BOOTSTRAP=1
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(inventory_yaml inventory_json metadata waiver config)
seeds() {
  case "$1" in
    inventory_yaml) echo ../examples/hospital ../examples/clinic ../tests/fixtures/bad/alias_bomb ../tests/fixtures/bad/duplicate_key ../tests/fixtures/hostile ;;
    inventory_json) echo ../tests/fixtures/bad/json_syntax ../tests/fixtures/good/mixed ;;
    metadata) echo ../policies/rules/access/access_rights_unmanaged ../policies/rules/contract/contract_expired ../tests/fixtures/broken_policy/no_metadata ;;
    waiver) echo ../examples/hospital ../tests/fixtures/waivers ;;
    config) echo seeds/config ;;
  esac
}
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "== $t (${secs}s)"
  # shellcheck disable=SC2046
  cargo fuzz run "$t" "corpus/$t" $(seeds "$t") -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -max_len=65536 -timeout=10
done
echo "fuzz smoke passed"
