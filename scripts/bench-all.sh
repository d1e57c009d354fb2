#!/usr/bin/env bash
# Every benchmark the issues name, rerun in one go on PostgreSQL with the release build, each
# printing medians and ratios against its baseline measured in the same run; the figures are
# gathered at the end. BENCHMARKS.md says what each one measures and the figures last recorded.
#
# Usage: scripts/bench-all.sh [--short]
#   default: the benchmarks at the sizes the issues name (about 15 minutes on 2 cores): every
#   subcommand of `kamlang bench` (a new one is picked up by itself), today
#     kamlang bench registry        import of 35,000 workers vs COPY; name search at 100,000
#     kamlang bench training        a cohort's results in one request; a long transcript
#     kamlang bench certificates    render+sign one certificate; a batch of 4,026 through the API
#     kamlang bench planning        every statistic at 100,000 workers / 2,000,000 credits
#   then scripts/bench-verify.sh    GET /api/v1/verify/{serial} at 64 connections vs pgbench -S
#   --short: smaller sizes (import 5,000 / search 20,000; 100 trainees; a batch of 500;
#            10,000 workers; the verification benchmark's --short), a few minutes: it checks that
#            they all run, the figures are not comparable with the targets
#
# PostgreSQL at $KAMLANG_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); scratch
# databases are created and dropped by each benchmark. Exits 1 when a benchmark fails to run or
# the verification benchmark misses its targets.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SHORT=0
while [ $# -gt 0 ]; do
    case $1 in
    --short) SHORT=1 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
    esac
    shift
done
pg_check
KAMLANG=$(kamlang_bin)
make_tmpdir TMP bench-all
export KAMLANG_BENCH_DATABASE_URL=$KAMLANG_PG_URL

# Every `kamlang bench` subcommand there is (a new one is run with its defaults), then this
# directory's verification benchmark.
mapfile -t BENCHES < <("$KAMLANG" bench --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && $1 != "help" && NF {print $1}')
declare -A SHORT_ARGS=(
    [registry]="--import-rows 5000 --search-workers 20000 --runs 3 --searches 100"
    [training]="--trainees 100 --runs 3 --transcripts 100"
    [certificates]="--trainees 500 --renders 100"
    [planning]="--workers 10000 --credits-per-worker 5 --runs 3"
)

FAILED=()
# bench NAME COMMAND...: runs it, its output to the terminal and to $TMP/NAME.log.
bench() {
    local name=$1
    shift
    echo
    echo "######## $name: $*"
    local start=$SECONDS
    set +e
    "$@" 2>&1 | tee "$TMP/$name.log"
    local rc=${PIPESTATUS[0]}
    set -e
    echo "######## $name: exit $rc after $((SECONDS - start)) s"
    [ "$rc" -eq 0 ] || FAILED+=("$name (exit $rc)")
}
for b in "${BENCHES[@]}"; do
    args=()
    if [ $SHORT = 1 ]; then
        # shellcheck disable=SC2206
        [ -n "${SHORT_ARGS[$b]:-}" ] && args=(${SHORT_ARGS[$b]}) || log "no short sizes known for bench $b: its defaults"
    fi
    bench "$b" "$KAMLANG" bench "$b" "${args[@]}"
done
VERIFY=()
[ $SHORT = 0 ] || VERIFY=(--short)
bench verify env KAMLANG_BIN="$KAMLANG" "$KAMLANG_ROOT/scripts/bench-verify.sh" "${VERIFY[@]}"
BENCHES+=(verify)

echo
echo "================ figures ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $([ $SHORT = 1 ] && echo short sizes || echo full sizes))"
for name in "${BENCHES[@]}"; do
    echo "-- $name"
    # The lines with figures: headings, medians, ratios, runs (without ANSI colours or logs).
    sed 's/\x1b\[[0-9;]*m//g' "$TMP/$name.log" | grep -E '^(==|   |kamlang: |error|Error)' | grep -vE '^\s*$' || echo "   (no figures: see above)"
done
if [ ${#FAILED[@]} -eq 0 ]; then
    result PASS "every benchmark ran (see each one's targets above)"
else
    result FAIL "${FAILED[*]}"
fi
