#!/usr/bin/env bash
# Bad input (issue 9): a property-based run of the OpenAPI document against the service with
# schemathesis (PyPI). Fails on any 5xx and on any response that breaks the document.
#
# Usage: scripts/schemathesis.sh [--short] [--max-examples N] [--seed N]
#   default: up to 100 examples per operation and phase (several minutes)
#   --short: up to 10 (about a minute, for CI)
#
# What it does: installs schemathesis (SCHEMATHESIS_VERSION, default 4.32.5) into a venv under
# $HOME/.cache/kamlang/venv; starts the release `kamlang serve --demo` over SQLite in a temporary
# directory (public rate limit off, access tokens valid 10 hours); issues the demo cohort's
# certificates so that there is something to verify; then runs
#   schemathesis run http://127.0.0.1:PORT/api/v1/openapi.json -H "Authorization: Bearer <admin>"
#     --checks not_a_server_error,response_schema_conformance
# twice: once as generated (random identifiers: mostly 404s past the validation), once with a
# config file (scripts/kamlang_api.py st-config) that pins each operation's path parameters to
# records of the demo data, so that bodies and queries reach the handlers' deeper paths.
# Reports (JUnit, NDJSON, and a pytest file reproducing each failure) are kept in
# $HOME/.cache/kamlang/schemathesis-report/<time>/; the service's log too. schemathesis runs in
# $HOME/.cache/kamlang/schemathesis-work, where it keeps its caches.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

MAX_EXAMPLES=100
SEED=${SCHEMATHESIS_SEED:-20261121}
while [ $# -gt 0 ]; do
    case $1 in
    --short) MAX_EXAMPLES=10 ;;
    --max-examples) MAX_EXAMPLES=$2; shift ;;
    --seed) SEED=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
    esac
    shift
done

need_cmd jq
need_cmd curl
VENV=$HOME/.cache/kamlang/venv
VERSION=${SCHEMATHESIS_VERSION:-4.32.5}
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "version $VERSION\$"; then
    log "installing schemathesis $VERSION into $VENV"
    python3 -m venv "$VENV" || { need_cmd false python3-venv; python3 -m venv "$VENV"; }
    "$VENV/bin/pip" install -q --upgrade pip >/dev/null
    "$VENV/bin/pip" install -q "schemathesis==$VERSION" >/dev/null
fi
KAMLANG=$(kamlang_bin)
make_tmpdir TMP schemathesis
REPORT=$HOME/.cache/kamlang/schemathesis-report/$(date +%Y%m%dT%H%M%S)
mkdir -p "$REPORT"
PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
printf 'access_token_minutes = 600\n' >"$TMP/kamlang.toml"
export KAMLANG_CONFIG=$TMP/kamlang.toml KAMLANG_DATA_DIR=$TMP/data KAMLANG_PUBLIC_RATE_LIMIT=0
unset DATABASE_URL

start_service "$REPORT/service.log" --bind "127.0.0.1:$PORT" --demo
wait_http "$BASE/readyz" 180
REGISTRAR=$(login "$BASE" demo-registrar@kamlang.example kamlang-demo-2026)
COHORT=$(python3 -c 'import sqlite3, sys, uuid; r = sqlite3.connect(sys.argv[1]).execute("SELECT id FROM cohorts LIMIT 1").fetchone(); print(uuid.UUID(bytes=r[0]))' "$TMP/data/kamlang.db")
BATCH=$(api POST "$BASE" "/api/v1/cohorts/$COHORT/certificates" "$REGISTRAR" '{}' | jq -er .id)
for _ in $(seq 1 240); do
    STATE=$(api GET "$BASE" "/api/v1/certificates/batches/$BATCH" "$REGISTRAR" | jq -r .state)
    [ "$STATE" = finished ] || [ "$STATE" = failed ] && break
    sleep 0.5
done
log "demo certificates: batch $STATE"
TOKEN=$(login "$BASE" demo-admin@kamlang.example kamlang-demo-2026)
python3 "$KAMLANG_ROOT/scripts/kamlang_api.py" st-config "$TMP/data/kamlang.db" "$TMP/pinned.toml" 2>"$TMP/ids.json"
cp "$TMP/pinned.toml" "$REPORT/pinned.toml"

# schemathesis and hypothesis keep caches in the working directory: not the repository's.
mkdir -p "$HOME/.cache/kamlang/schemathesis-work"
cd "$HOME/.cache/kamlang/schemathesis-work"

# run NAME [schemathesis global options]: one pass; its summary to the terminal.
declare -A RC
run() {
    local name=$1
    shift
    log "schemathesis pass '$name' (max $MAX_EXAMPLES examples per operation, seed $SEED)"
    set +e
    "$VENV/bin/schemathesis" "$@" run "$BASE/api/v1/openapi.json" \
        -H "Authorization: Bearer $TOKEN" \
        --checks not_a_server_error,response_schema_conformance \
        --max-examples "$MAX_EXAMPLES" --seed "$SEED" --workers 2 --request-timeout 30 \
        --report junit,ndjson,pytest --report-dir "$REPORT/$name" \
        --output-truncate false --no-color >"$REPORT/$name.txt" 2>&1
    RC[$name]=$?
    set -e
    # The failures (if any) and the summary.
    awk '/^=+ (FAILURES|ERRORS) =+$/ {p = 1} p' "$REPORT/$name.txt" | head -n 400
    [ "${RC[$name]}" -eq 0 ] || [ -s "$REPORT/$name.txt" ] || die "schemathesis did not run"
    grep -q "SUMMARY" "$REPORT/$name.txt" || { tail -n 40 "$REPORT/$name.txt"; die "schemathesis stopped early"; }
    if ! grep -q "FAILURES\|ERRORS" "$REPORT/$name.txt"; then
        sed -n '/=* SUMMARY =*/,$p' "$REPORT/$name.txt"
    fi
}
run generated
run pinned --config-file "$TMP/pinned.toml"
FIVE=$(cat "$REPORT"/*/ndjson-*.ndjson 2>/dev/null | grep -o '"status_code": *5[0-9][0-9]' | sort | uniq -c || true)
echo
echo "== schemathesis $VERSION, max $MAX_EXAMPLES examples, seed $SEED; reports in $REPORT"
echo "   pass 'generated': exit ${RC[generated]}; pass 'pinned' (ids in $REPORT/pinned.toml): exit ${RC[pinned]}"
[ -z "$FIVE" ] || echo "   5xx responses recorded: $(tr -s ' \n' ' ' <<<"$FIVE")"
if [ "${RC[generated]}" -eq 0 ] && [ "${RC[pinned]}" -eq 0 ]; then
    result PASS "schemathesis: no 5xx, every response conforms to the OpenAPI document"
else
    result FAIL "schemathesis found failures (above; reproduce with the pytest files in $REPORT/*/)"
fi
