#!/usr/bin/env bash
# Verification under load (issue 9): GET /api/v1/verify/{serial} with 100,000 issued certificates,
# 64 concurrent connections from wrk on the same machine, against `pgbench -S` at the same
# concurrency in the same run.
#
# Usage: scripts/bench-verify.sh [--short] [--rows N] [--duration SECONDS] [--rounds N]
#                                [--connections N]
#   default: 100,000 certificates, 3 rounds of 30 s for each side (about 5 minutes)
#   --short: 100,000 certificates, 3 rounds of 10 s (about 2.5 minutes, for CI)
#
# What it does: creates a scratch PostgreSQL database, `kamlang migrate`, starts the release
# `kamlang serve --demo` on it with KAMLANG_PUBLIC_RATE_LIMIT=0 (rate limits are configuration:
# on by default, raised for this run), issues the demo cohort's certificates through the API
# (POST /api/v1/cohorts/{id}/certificates as the demo registrar), clones the first one in SQL
# to N rows (new ids, serials PREFIX-YEAR-000100…, distinct status indexes, a distinct
# qualification_code per clone so that the index of certificates in force holds), ANALYZE.
# A second scratch database is initialised by `pgbench -i` (scale 1: 100,000 accounts). Each
# round runs wrk (2 threads, random serials) against the service for the duration, then
# `pgbench -S -c C -j 2 -T duration` (simple protocol, one indexed SELECT per transaction).
# Prints medians over the rounds: requests/s of each, their ratio (target at least 0.5), the
# service's p99 latency (target under 25 ms), errors (target 0: socket errors and non-2xx) and
# the service's resident memory (VmRSS after each round; VmHWM, the peak). As a diagnostic (not a
# baseline) it also replays with pgbench the one query a verification sends (the certificate by
# serial, joined to its replacement and its key), and measures GET /healthz (the HTTP layer
# without the database).
#
# Needs PostgreSQL at $KAMLANG_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres),
# wrk and pgbench (installed with apt-get when missing). See scripts/lib.sh for the environment.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROWS=100000
DURATION=30
ROUNDS=3
CONNECTIONS=64
while [ $# -gt 0 ]; do
    case $1 in
    --short) DURATION=10 ;;
    --rows) ROWS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
    esac
    shift
done

need_cmd wrk
need_cmd pgbench postgresql-client
need_cmd jq
need_cmd curl
pg_check
KAMLANG=$(kamlang_bin)
make_tmpdir TMP bench-verify
scratch_db DB verify
scratch_db PGB pgbench
PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
export DATABASE_URL=$PG_BASE/$DB KAMLANG_DATA_DIR=$TMP/data KAMLANG_PUBLIC_RATE_LIMIT=0
export KAMLANG_ADMIN_EMAIL=bench-admin@kamlang.local KAMLANG_ADMIN_PASSWORD=bench-admin-password-2026

log "migrating $DB"
"$KAMLANG" migrate >"$TMP/migrate.log" 2>&1 || { cat "$TMP/migrate.log" >&2; die "kamlang migrate failed"; }
log "starting kamlang serve --demo on $BASE"
start_service "$TMP/service.log" --bind "127.0.0.1:$PORT" --demo
wait_http "$BASE/readyz" 180

log "issuing the demo cohort's certificates through the API"
TOKEN=$(login "$BASE" demo-registrar@kamlang.example kamlang-demo-2026)
COHORT=$(pg_db "$DB" -c "SELECT id FROM cohorts WHERE name LIKE 'Demo VC cohort%' LIMIT 1")
[ -n "$COHORT" ] || die "no demo cohort in $DB"
BATCH=$(api POST "$BASE" "/api/v1/cohorts/$COHORT/certificates" "$TOKEN" '{}' | jq -er .id)
for _ in $(seq 1 600); do
    STATE=$(api GET "$BASE" "/api/v1/certificates/batches/$BATCH" "$TOKEN" | jq -r .state)
    [ "$STATE" = finished ] || [ "$STATE" = failed ] && break
    sleep 0.5
done
[ "$STATE" = finished ] || die "the demo batch ended $STATE"
ISSUED=$(pg_db "$DB" -c "SELECT count(*) FROM certificates")
[ "$ISSUED" -ge 1 ] || die "the demo batch issued nothing"
SERIAL=$(pg_db "$DB" -c "SELECT serial FROM certificates ORDER BY serial LIMIT 1")
curl -sf "$BASE/api/v1/verify/$SERIAL" | jq -e '.status.status == "valid"' >/dev/null ||
    die "GET /api/v1/verify/$SERIAL does not say valid"
log "the batch issued $ISSUED certificates; cloning $SERIAL to $ROWS rows"

PREFIX=${SERIAL%??????}
FIRST=100
CLONES=$((ROWS - ISSUED))
pg_db "$DB" <<SQL
INSERT INTO certificates (id, serial, provider_id, worker_id, qualification_id, qualification_code, cohort_id,
    batch_id, level, credits_ninetieths, issued_on, credential, key_name, pdf_sha256, status_index, supersedes_id,
    superseded_by_id, revoked_at, revoked_reason, revoked_by, verification_count, issued_by, created_at,
    holder_name_km, holder_name_latin, qualification_title_km, qualification_title_en, provider_name_km,
    provider_name_en, issuer_did, verification_method)
SELECT gen_random_uuid(), '$PREFIX' || lpad(($FIRST + g - 1)::text, 6, '0'), c.provider_id, c.worker_id,
    c.qualification_id, left(c.qualification_code, 24) || '~' || g, c.cohort_id, c.batch_id, c.level,
    c.credits_ninetieths, c.issued_on, c.credential, c.key_name, c.pdf_sha256, m.top + g, NULL, NULL, NULL, NULL,
    NULL, 0, c.issued_by, c.created_at, c.holder_name_km, c.holder_name_latin, c.qualification_title_km,
    c.qualification_title_en, c.provider_name_km, c.provider_name_en, c.issuer_did, c.verification_method
FROM (SELECT * FROM certificates WHERE serial = '$SERIAL') c,
     (SELECT max(status_index) AS top FROM certificates) m,
     generate_series(1, $CLONES) g;
SQL
pg_db "$DB" -c "VACUUM ANALYZE certificates"
TOTAL=$(pg_db "$DB" -c "SELECT count(*) FROM certificates")
LAST=$((FIRST + CLONES - 1))
curl -sf "$BASE/api/v1/verify/$PREFIX$(printf %06d $LAST)" | jq -e '.status.status == "valid"' >/dev/null ||
    die "a cloned certificate does not verify"
log "$TOTAL certificates; serials $PREFIX$(printf %06d $FIRST)..$PREFIX$(printf %06d $LAST)"

log "pgbench -i (scale 1: 100,000 accounts) on $PGB"
pgbench -i -q -s 1 "$PG_BASE/$PGB" >"$TMP/pgbench-init.log" 2>&1 || { cat "$TMP/pgbench-init.log" >&2; die "pgbench -i failed"; }

cat >"$TMP/verify.lua" <<'LUA'
local prefix = os.getenv("SERIAL_PREFIX")
local first = tonumber(os.getenv("SERIAL_FIRST"))
local last = tonumber(os.getenv("SERIAL_LAST"))
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function init(args)
  math.randomseed(os.time() * 1000 + tid * 7919)
end
function request()
  return wrk.format("GET", string.format("/api/v1/verify/%s%06d", prefix, math.random(first, last)))
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout))
end
LUA
export SERIAL_PREFIX=$PREFIX SERIAL_FIRST=$FIRST SERIAL_LAST=$LAST

run_wrk() { wrk -t2 -c"$CONNECTIONS" -d"${1}s" --timeout 5s -s "$TMP/verify.lua" "$BASE" 2>&1; }
run_pgbench() { pgbench -S -n -c "$CONNECTIONS" -j 2 -T "$1" "$PG_BASE/$PGB" 2>&1; }
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<" $2"; }

log "warm-up (5 s each)"
run_wrk 5 >/dev/null
run_pgbench 5 >/dev/null

SVC_RPS=() PG_TPS=() RATIOS=() P99S=() P50S=() ERRORS=() RSS=()
for r in $(seq 1 "$ROUNDS"); do
    out=$(run_wrk "$DURATION")
    line=$(grep '^RESULT' <<<"$out") || { echo "$out" >&2; die "wrk printed no result"; }
    req=$(field requests "$line")
    dur=$(field duration_us "$line")
    p99=$(field p99_us "$line")
    p50=$(field p50_us "$line")
    errs=$(($(field non2xx "$line") + $(field connect "$line") + $(field read "$line") + $(field write "$line") + $(field timeout "$line")))
    rss=$(rss_kb "$SERVICE_PID")
    rps=$(awk -v n="$req" -v d="$dur" 'BEGIN {printf "%.0f", n / (d / 1e6)}')
    pgout=$(run_pgbench "$DURATION")
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$pgout" | head -1)
    [ -n "$tps" ] || { echo "$pgout" >&2; die "pgbench printed no tps"; }
    ratio=$(awk -v a="$rps" -v b="$tps" 'BEGIN {printf "%.3f", a / b}')
    p99ms=$(awk -v u="$p99" 'BEGIN {printf "%.2f", u / 1000}')
    p50ms=$(awk -v u="$p50" 'BEGIN {printf "%.2f", u / 1000}')
    printf '   round %d: verify %s req/s (p50 %s ms, p99 %s ms, %s errors, RSS %s MiB)  pgbench -S %.0f tps  ratio %s\n' \
        "$r" "$rps" "$p50ms" "$p99ms" "$errs" "$((rss / 1024))" "$tps" "$ratio"
    SVC_RPS+=("$rps"); PG_TPS+=("$tps"); RATIOS+=("$ratio"); P99S+=("$p99ms"); P50S+=("$p50ms"); ERRORS+=("$errs"); RSS+=("$rss")
done

# Diagnostic, not a baseline: pgbench replaying the one query a verification sends (the
# certificate by serial with the serial that replaces it and its key's revocation; prepared, as
# sqlx sends it), to tell the database's share from the service's.
cat >"$TMP/endpoint.sql" <<SQL
\set n random($FIRST, $LAST)
SELECT c.id, c.serial, c.holder_name_km, c.holder_name_latin, c.qualification_title_km, c.qualification_title_en, c.provider_name_km, c.provider_name_en, c.level, c.credits_ninetieths, c.issued_on, c.pdf_sha256, c.verification_count, c.revoked_at, c.revoked_reason, c.issuer_did, c.verification_method, s.serial AS superseded_by, k.revoked_at AS key_revoked_at FROM certificates c LEFT JOIN certificates s ON s.id = c.superseded_by_id LEFT JOIN issuer_keys k ON k.provider_id = c.provider_id AND k.name = c.key_name WHERE c.serial = '$PREFIX' || lpad(:n::text, 6, '0');
SQL
replay() { pgbench -n -M prepared -c "$CONNECTIONS" -j 2 -T "$DURATION" -f "$1" "$PG_BASE/$DB" 2>&1 | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1; }
REPLAY=$(replay "$TMP/endpoint.sql")
# And the HTTP layer alone: GET /healthz (no database) at the same concurrency, 10 s.
HEALTHZ=$(wrk -t2 -c"$CONNECTIONS" -d10s "$BASE/healthz" 2>&1 | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')

TOTAL_ERRORS=0
for e in "${ERRORS[@]}"; do TOTAL_ERRORS=$((TOTAL_ERRORS + e)); done
M_RPS=$(median "${SVC_RPS[@]}")
M_TPS=$(median "${PG_TPS[@]}")
M_RATIO=$(median "${RATIOS[@]}")
M_P99=$(median "${P99S[@]}")
M_P50=$(median "${P50S[@]}")
M_RSS=$(median "${RSS[@]}")
HWM=$(hwm_kb "$SERVICE_PID")
COUNTED=$(pg_db "$DB" -c "SELECT sum(verification_count) FROM certificates")

echo
echo "== Verification under load: $TOTAL certificates, $CONNECTIONS connections, $ROUNDS rounds of ${DURATION}s"
printf '   GET /api/v1/verify/{serial}: median %s req/s, p50 %s ms, p99 %s ms (target: under 25 ms)\n' "$M_RPS" "$M_P50" "$M_P99"
printf '   pgbench -S -c %s -j 2: median %.0f tps\n' "$CONNECTIONS" "$M_TPS"
printf '   ratio service / pgbench -S: median %s (per round %s; target: at least 0.5)\n' "$M_RATIO" "${RATIOS[*]}"
printf '   errors (socket errors + non-2xx) over all rounds: %s (target: 0)\n' "$TOTAL_ERRORS"
printf '   service memory: VmRSS median %s MiB after the rounds, VmHWM (peak) %s MiB\n' "$((M_RSS / 1024))" "$((HWM / 1024))"
printf '   verifications counted in the database: %s\n' "$COUNTED"
printf '   diagnostic: pgbench replaying the endpoint'"'"'s query (prepared): %.0f verifications/s\n' "${REPLAY:-0}"
printf '   diagnostic: GET /healthz (HTTP only, no database) at %s connections: %.0f req/s\n' "$CONNECTIONS" "${HEALTHZ:-0}"

FAILS=()
awk -v r="$M_RATIO" 'BEGIN {exit !(r >= 0.5)}' || FAILS+=("ratio $M_RATIO < 0.5")
awk -v p="$M_P99" 'BEGIN {exit !(p < 25)}' || FAILS+=("p99 $M_P99 ms >= 25 ms")
[ "$TOTAL_ERRORS" -eq 0 ] || FAILS+=("$TOTAL_ERRORS errors")
if [ ${#FAILS[@]} -eq 0 ]; then
    result PASS "verification under load: ${M_RPS} req/s = ${M_RATIO} x pgbench -S, p99 ${M_P99} ms, 0 errors, RSS $((M_RSS / 1024)) MiB"
else
    result FAIL "verification under load: $(IFS=';'; echo "${FAILS[*]}")"
fi
