#!/usr/bin/env bash
# Fault test (issue 9): the service killed with SIGKILL during a certificate batch, restarted; the
# batch must complete with exactly one certificate per eligible trainee and gapless serials.
#
# Usage: scripts/fault-batch-kill.sh [--short] [--trainees N] [--kill-at PERCENT]
#   default: a cohort of 4,000 eligible trainees (about 3 minutes)
#   --short: 300 trainees (about a minute, for CI)
#   --kill-at: kill once this share is committed (default: random, 15 to 45; must be 10 to 60)
#
# What it does: a scratch PostgreSQL database; the release `kamlang serve` on it; through the API
# (scripts/kamlang_api.py cohort) an organisation, N synthetic workers, NISA's accreditation, a
# qualification of 10 modules and a cohort where every trainee passed every module; then
# POST /api/v1/cohorts/{id}/certificates. When the batch's progress is between 10% and 60% the
# service gets `kill -9`; it is started again on the same database and data directory, and the
# new instance takes the batch over once the dead one's lease (15 s) has lapsed. Checks, in SQL:
# the batch finished; certificates of the cohort = distinct workers = eligible trainees; their
# serials' sequence numbers are exactly 1..n; the serial counter stands at n + 1; status indexes
# distinct; no trainee holds two certificates in force.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

TRAINEES=4000
KILL_AT=$((15 + RANDOM % 31))
while [ $# -gt 0 ]; do
    case $1 in
    --short) TRAINEES=300 ;;
    --trainees) TRAINEES=$2; shift ;;
    --kill-at) KILL_AT=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
    esac
    shift
done

need_cmd jq
need_cmd curl
pg_check
KAMLANG=$(kamlang_bin)
make_tmpdir TMP fault-batch
scratch_db DB batchkill
PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
export DATABASE_URL=$PG_BASE/$DB KAMLANG_DATA_DIR=$TMP/data
export KAMLANG_ADMIN_EMAIL=fault-admin@kamlang.local KAMLANG_ADMIN_PASSWORD=fault-admin-password-2026

log "starting the service on $BASE (database $DB)"
start_service "$TMP/service-1.log" --bind "127.0.0.1:$PORT"
wait_http "$BASE/readyz" 180
TOKEN=$(login "$BASE" "$KAMLANG_ADMIN_EMAIL" "$KAMLANG_ADMIN_PASSWORD")
log "creating a cohort of $TRAINEES eligible trainees through the API"
COHORT=$(python3 "$KAMLANG_ROOT/scripts/kamlang_api.py" cohort "$BASE" "$TOKEN" "$TRAINEES")

BATCH=$(api POST "$BASE" "/api/v1/cohorts/$COHORT/certificates" "$TOKEN" '{}' | jq -er .id)
log "batch $BATCH started; the service is killed at $KILL_AT% progress"
KILLED_AT=
for _ in $(seq 1 6000); do
    read -r ISSUED TOTAL STATE < <(pg_db "$DB" -F ' ' -c "SELECT issued, total, state FROM issuance_batches WHERE id = '$BATCH'")
    if [ "$STATE" = finished ] || [ "$STATE" = failed ]; then
        die "the batch ended ($STATE) before the kill: make it bigger (--trainees)"
    fi
    if [ "$TOTAL" -gt 0 ] && [ $((ISSUED * 100)) -ge $((TOTAL * KILL_AT)) ]; then
        kill -KILL "$SERVICE_PID"
        wait "$SERVICE_PID" 2>/dev/null || true
        KILLED_AT=$(pg_db "$DB" -c "SELECT count(*) FROM certificates WHERE cohort_id = '$COHORT'")
        break
    fi
    sleep 0.05
done
[ -n "$KILLED_AT" ] || die "the batch never reached $KILL_AT%"
PCT=$((KILLED_AT * 100 / TOTAL))
log "killed the service (kill -9) with $KILLED_AT of $TOTAL certificates committed ($PCT%)"
[ "$PCT" -ge 10 ] && [ "$PCT" -le 60 ] || die "the kill came at $PCT%, outside 10% to 60%"
read -r STATE OWNER < <(pg_db "$DB" -F ' ' -c "SELECT state, coalesce(lease_owner, '-') FROM issuance_batches WHERE id = '$BATCH'")
log "the batch is left $STATE, leased by $OWNER"

RESTART=$(date +%s.%N)
log "restarting the service on the same database and data directory"
start_service "$TMP/service-2.log" --bind "127.0.0.1:$PORT"
wait_http "$BASE/readyz" 180
TOKEN=$(login "$BASE" "$KAMLANG_ADMIN_EMAIL" "$KAMLANG_ADMIN_PASSWORD")
for _ in $(seq 1 1200); do
    PROGRESS=$(api GET "$BASE" "/api/v1/certificates/batches/$BATCH" "$TOKEN")
    STATE=$(jq -r .state <<<"$PROGRESS")
    [ "$STATE" = finished ] || [ "$STATE" = failed ] && break
    sleep 0.5
done
ELAPSED=$(awk -v a="$RESTART" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
log "the batch is $STATE $ELAPSED s after the restart: $(jq -c '{total, issued, skipped, failed}' <<<"$PROGRESS")"

read -r N WORKERS MINSEQ MAXSEQ SEQS INDEXES < <(pg_db "$DB" -F ' ' -c "
    SELECT count(*), count(DISTINCT worker_id), coalesce(min(right(serial, 6)::int), 0),
           coalesce(max(right(serial, 6)::int), 0), count(DISTINCT right(serial, 6)::int), count(DISTINCT status_index)
    FROM certificates WHERE cohort_id = '$COHORT'")
ELIGIBLE=$(pg_db "$DB" -c "SELECT count(*) FROM enrolments WHERE cohort_id = '$COHORT'")
ALL=$(pg_db "$DB" -c "SELECT count(*) FROM certificates")
NEXT=$(pg_db "$DB" -c "SELECT string_agg(next_value::text, ',') FROM serial_counters")
DOUBLE=$(pg_db "$DB" -c "SELECT count(*) FROM (SELECT worker_id FROM certificates WHERE cohort_id = '$COHORT'
    AND superseded_by_id IS NULL AND revoked_at IS NULL GROUP BY worker_id HAVING count(*) > 1) d")
echo
echo "== SIGKILL during a batch of $TRAINEES certificates"
echo "   killed at $KILLED_AT/$TOTAL ($PCT%); finished $ELAPSED s after the restart (lease 15 s)"
echo "   eligible trainees $ELIGIBLE; certificates $N (in the database: $ALL); distinct workers $WORKERS; workers with two $DOUBLE"
echo "   serial sequence numbers $MINSEQ..$MAXSEQ, $SEQS distinct; status indexes $INDEXES distinct; serial counter next $NEXT"

FAILS=()
[ "$STATE" = finished ] || FAILS+=("batch $STATE")
[ "$N" -eq "$TRAINEES" ] && [ "$ELIGIBLE" -eq "$TRAINEES" ] || FAILS+=("$N certificates for $ELIGIBLE eligible (expected $TRAINEES)")
[ "$WORKERS" -eq "$N" ] && [ "$DOUBLE" -eq 0 ] || FAILS+=("$N certificates for $WORKERS workers")
[ "$ALL" -eq "$N" ] || FAILS+=("$ALL certificates in the database, $N of the cohort")
[ "$MINSEQ" -eq 1 ] && [ "$MAXSEQ" -eq "$N" ] && [ "$SEQS" -eq "$N" ] || FAILS+=("serials $MINSEQ..$MAXSEQ ($SEQS distinct) are not 1..$N")
[ "$NEXT" = "$((N + 1))" ] || FAILS+=("serial counter at $NEXT, expected $((N + 1))")
[ "$INDEXES" -eq "$N" ] || FAILS+=("$INDEXES distinct status indexes")
if [ ${#FAILS[@]} -eq 0 ]; then
    result PASS "killed at $PCT%, the batch completed: $N certificates = $N trainees, serials 1..$N gapless"
else
    result FAIL "$(IFS=';'; echo "${FAILS[*]}")"
fi
