#!/usr/bin/env bash
# Bad input (issue 9): the cargo-fuzz targets of fuzz/ (the CSV and XLSX importers, the results
# grid, credential and QR verification), each run for a while; fails on a crash (a panic, an
# out-of-memory or an input slower than 10 s).
#
# Usage: scripts/fuzz.sh [--short] [--seconds N] [TARGET...]
#   default: 300 s per target (20 minutes)
#   --short: 30 s per target (about 2 minutes plus the first build, for CI)
#   TARGET:  import_csv, import_xlsx, results_grid, verify_credential (default: all)
#
# cargo-fuzz needs a nightly compiler; with only a stable one installed this uses
# RUSTC_BOOTSTRAP=1 (set KAMLANG_FUZZ_NIGHTLY=1 to use `cargo +nightly` instead). It installs
# cargo-fuzz with `cargo install` when missing and builds optimised (-O) with AddressSanitizer,
# debug assertions and overflow checks in our crates, and calamine as the service ships it (see
# fuzz/Cargo.toml), in $HOME/.cache/kamlang/target-fuzz.
# First every input of fuzz/regressions/TARGET/ (crashes found before) is replayed: one that
# still crashes fails the run. Then each target starts from the committed seeds
# (fuzz/seeds/TARGET) and a working corpus kept in
# $HOME/.cache/kamlang/fuzz/corpus/TARGET across runs; new crashing inputs are written to
# $HOME/.cache/kamlang/fuzz/artifacts/TARGET/ and printed (hex) with the panic. Reproduce one with
#   cd fuzz && RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=$HOME/.cache/kamlang/target-fuzz \
#     cargo fuzz run -O TARGET ARTIFACT
# and add it to fuzz/regressions/TARGET/ once understood.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SECONDS_EACH=300
TARGETS=()
while [ $# -gt 0 ]; do
    case $1 in
    --short) SECONDS_EACH=30 ;;
    --seconds) SECONDS_EACH=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) die "unknown argument $1 (see --help)" ;;
    *) TARGETS+=("$1") ;;
    esac
    shift
done
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(import_csv import_xlsx results_grid verify_credential)

export CARGO_TARGET_DIR=${KAMLANG_FUZZ_TARGET_DIR:-$HOME/.cache/kamlang/target-fuzz}
if [ "${KAMLANG_FUZZ_NIGHTLY:-0}" = 1 ]; then
    FUZZ=(cargo +nightly fuzz)
else
    export RUSTC_BOOTSTRAP=1
    FUZZ=(cargo fuzz)
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    log "installing cargo-fuzz (cargo install cargo-fuzz --locked)"
    cargo install cargo-fuzz --locked >&2
fi
need_cmd xxd
WORK=$HOME/.cache/kamlang/fuzz
cd "$KAMLANG_ROOT/fuzz"
# -O: optimised, and the profile of fuzz/Cargo.toml decides the checks (debug assertions and
# overflow checks on for our crates, off for calamine, as the service ships it).
log "building the fuzz targets (cargo fuzz build -O, overflow checks, AddressSanitizer)"
"${FUZZ[@]}" build -O >&2 || die "cargo fuzz build failed"
make_tmpdir TMP fuzz
# cargo fuzz creates fuzz/artifacts/TARGET for its default prefix even when told another one.
on_exit "find '$KAMLANG_ROOT/fuzz/artifacts' -type d -empty -delete"

SUMMARY=()
FAILED=()
# Inputs that crashed once (fuzz/regressions/TARGET/*) are replayed first, each on its own: any
# that still crashes fails the run, so that a fix is proven and stays fixed.
STILL=()
for t in "${TARGETS[@]}"; do
    for f in regressions/"$t"/*; do
        [ -f "$f" ] || continue
        set +e
        "${FUZZ[@]}" run -O "$t" "$f" -- -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$TMP/replay-" >"$TMP/replay.log" 2>&1
        rc=$?
        set -e
        if [ $rc -eq 0 ]; then
            SUMMARY+=("$(printf '   %-18s fixed  %s' "$t" "$f")")
        else
            why=$(grep -m 1 -E "panicked at|ERROR: libFuzzer|ERROR: AddressSanitizer" "$TMP/replay.log" | sed 's/^==[0-9]*== *//' || true)
            what=$(grep -m 1 -A 1 "panicked at" "$TMP/replay.log" | tail -n 1 || true)
            SUMMARY+=("$(printf '   %-18s STILL CRASHES  %s: %s %s' "$t" "$f" "$why" "$what")")
            STILL+=("$t:$(basename "$f")")
        fi
    done
done

for t in "${TARGETS[@]}"; do
    mkdir -p "$WORK/corpus/$t" "$WORK/artifacts/$t"
    find "$WORK/artifacts/$t" -type f | sort >"$TMP/$t.before"
    log "fuzzing $t for ${SECONDS_EACH}s"
    set +e
    "${FUZZ[@]}" run -O "$t" "$WORK/corpus/$t" "seeds/$t" -- \
        -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
        -artifact_prefix="$WORK/artifacts/$t/" -print_final_stats=1 >"$TMP/$t.log" 2>&1
    rc=$?
    set -e
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$TMP/$t.log" | tail -1)
    cov=$(grep -oE 'cov: [0-9]+' "$TMP/$t.log" | tail -1 | cut -d' ' -f2 || true)
    corpus=$(find "$WORK/corpus/$t" -type f | wc -l)
    if [ $rc -eq 0 ]; then
        SUMMARY+=("$(printf '   %-18s ok     %10s runs in %ss, coverage %s, corpus %s' "$t" "${runs:-?}" "$SECONDS_EACH" "${cov:-?}" "$corpus")")
    else
        SUMMARY+=("$(printf '   %-18s CRASH  after %s runs (exit %s)' "$t" "${runs:-?}" "$rc")")
        FAILED+=("$t")
        echo
        echo "---- $t: what libFuzzer printed about the crash"
        grep -E -m 1 -A 25 "panicked at|ERROR: AddressSanitizer|ERROR: libFuzzer|==ERROR|SUMMARY: " "$TMP/$t.log" || tail -n 40 "$TMP/$t.log"
        for a in $(find "$WORK/artifacts/$t" -type f | sort | comm -13 "$TMP/$t.before" -); do
            echo "---- input $a ($(stat -c %s "$a") bytes), first 512 bytes:"
            head -c 512 "$a" | xxd | head -n 32
        done
    fi
done
echo
echo "== cargo fuzz, ${SECONDS_EACH}s per target (corpus in $WORK/corpus)"
printf '%s\n' "${SUMMARY[@]}"
if [ ${#FAILED[@]} -eq 0 ] && [ ${#STILL[@]} -eq 0 ]; then
    result PASS "fuzzing: no crash in ${#TARGETS[@]} targets, no known crash reproduces"
else
    msg=
    [ ${#FAILED[@]} -eq 0 ] || msg="crash in ${FAILED[*]} (inputs in $WORK/artifacts/)"
    [ ${#STILL[@]} -eq 0 ] || msg="${msg:+$msg; }known crashes still reproduce: ${STILL[*]}"
    result FAIL "fuzzing: $msg"
fi
