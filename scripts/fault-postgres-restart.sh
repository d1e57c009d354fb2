#!/usr/bin/env bash
# Fault test (issue 9): PostgreSQL stopped and started again under a light load. The service must
# answer 503 while the database is down (not a 500, not a hang) and 200 again afterwards, by
# itself, without being restarted.
#
# Usage: scripts/fault-postgres-restart.sh [--short] [--outage SECONDS] [--max-wait SECONDS]
#   default: 10 s of load, a 30 s outage, 10 s after recovery (about a minute)
#   --short: 3 s, a 15 s outage, 3 s (about 30 seconds, for CI)
#   --max-wait: the longest an answer may take before it counts as a hang (default 5 s)
#
# It stops and starts the local cluster with `pg_ctlcluster --skip-systemctl-redirect 15 main
# stop -m fast` / `start` (override with KAMLANG_PG_STOP and KAMLANG_PG_START, e.g. for a
# container: "docker stop db"): every other user of that server sees the outage too. The cluster
# is started again on exit whatever happens. The load (scripts/kamlang_api.py probe) is three
# clients, one GET /readyz, one authenticated GET /api/v1/organizations and one public
# GET /api/v1/verify/{serial} (a serial that does not exist: 404 counts as up; the verification
# has connections of its own), each every 0.1 s.
# Checks: before the outage every answer is 200; while the database is down every answer is 503
# (a request that waited for the database and got it back may answer 200, in time); around the
# stop and the start only 200 or 503; every request is answered within --max-wait seconds;
# after the start all answer 200 within 60 s and keep doing so; the service's process is the
# same one throughout.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BEFORE=10
OUTAGE=30
AFTER=10
MAX_WAIT=5
while [ $# -gt 0 ]; do
    case $1 in
    --short) BEFORE=3; OUTAGE=15; AFTER=3 ;;
    --outage) OUTAGE=$2; shift ;;
    --max-wait) MAX_WAIT=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
    esac
    shift
done
PG_VERSION=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
PG_STOP=${KAMLANG_PG_STOP:-pg_ctlcluster --skip-systemctl-redirect ${PG_VERSION:-15} main stop -m fast}
PG_START=${KAMLANG_PG_START:-pg_ctlcluster --skip-systemctl-redirect ${PG_VERSION:-15} main start}

need_cmd jq
need_cmd curl
pg_check
KAMLANG=$(kamlang_bin)
make_tmpdir TMP fault-pg
scratch_db DB pgrestart
PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
# The probe asks the public verification 10 times a second: its rate limit is raised for the run.
export DATABASE_URL=$PG_BASE/$DB KAMLANG_DATA_DIR=$TMP/data KAMLANG_PUBLIC_RATE_LIMIT=0
export KAMLANG_ADMIN_EMAIL=fault-admin@kamlang.local KAMLANG_ADMIN_PASSWORD=fault-admin-password-2026

start_service "$TMP/service.log" --bind "127.0.0.1:$PORT"
PID=$SERVICE_PID
wait_http "$BASE/readyz" 180
TOKEN=$(login "$BASE" "$KAMLANG_ADMIN_EMAIL" "$KAMLANG_ADMIN_PASSWORD")

python3 "$KAMLANG_ROOT/scripts/kamlang_api.py" probe "$BASE" "$TOKEN" "$TMP/probe.jsonl" &
PROBE=$!
on_exit "kill $PROBE"
log "light load running; $BEFORE s before the outage"
sleep "$BEFORE"

now() { date +%s.%N; }
# Whatever happens from here, the cluster is started again.
on_exit "pg_admin -c 'select 1' >/dev/null 2>&1 || $PG_START"
T_STOP0=$(now)
log "stopping PostgreSQL: $PG_STOP"
$PG_STOP
T_STOP1=$(now)
log "PostgreSQL is down; waiting $OUTAGE s"
sleep "$OUTAGE"
T_START0=$(now)
log "starting PostgreSQL: $PG_START"
$PG_START
T_START1=$(now)
log "PostgreSQL is up; waiting for the service to answer 200 again"
T_RECOVERED=
for _ in $(seq 1 600); do
    r=$(curl -s -o /dev/null -m 15 -w '%{http_code}' "$BASE/readyz" || true)
    a=$(curl -s -o /dev/null -m 15 -w '%{http_code}' -H "authorization: Bearer $TOKEN" "$BASE/api/v1/organizations?limit=5" || true)
    if [ "$r" = 200 ] && [ "$a" = 200 ]; then
        T_RECOVERED=$(now)
        break
    fi
    sleep 0.1
done
[ -n "$T_RECOVERED" ] || T_RECOVERED=0
sleep "$AFTER"
kill "$PROBE" 2>/dev/null || true
wait "$PROBE" 2>/dev/null || true
ALIVE=no
kill -0 "$PID" 2>/dev/null && [ "$SERVICE_PID" = "$PID" ] && ALIVE=yes

set +e
python3 - "$TMP/probe.jsonl" "$T_STOP0" "$T_STOP1" "$T_START0" "$T_START1" "$T_RECOVERED" "$MAX_WAIT" "$ALIVE" <<'PY'
import collections, json, sys
path, stop0, stop1, start0, start1, recovered, max_wait = sys.argv[1], *map(float, sys.argv[2:8])
alive = sys.argv[8] == "yes"
rows = [json.loads(l) for l in open(path) if l.strip()]
# The verification probe asks for a serial that does not exist: its "up" answer is a 404.
for r in rows:
    if r["path"].startswith("/api/v1/verify/") and r["status"] == 404:
        r["status"] = 200
def phase(r):
    t, end = r["t"], r["t"] + r["secs"]
    if end < stop0: return "1 before"
    if t < stop1: return "2 stopping"
    if t < start0: return "3 down"
    if not recovered or t < recovered: return "4 starting"
    return "5 after"
def expected(p, r):
    if r["secs"] > max_wait: return False
    if p == "3 down":
        # 503; or 200 when the wait ended after the database was back (within max_wait).
        return r["status"] == 503 or (r["status"] == 200 and r["t"] + r["secs"] >= start0)
    return r["status"] in {"1 before": {200}, "2 stopping": {200, 503}, "4 starting": {200, 503}, "5 after": {200}}[p]
stats = collections.defaultdict(collections.Counter)
slowest = collections.defaultdict(float)
bad = []
for r in rows:
    p = phase(r)
    stats[(p, r["path"])][r["status"]] += 1
    slowest[(p, r["path"])] = max(slowest[(p, r["path"])], r["secs"])
    if not expected(p, r):
        bad.append((p, r))
print()
print(f"== PostgreSQL stopped for {start0 - stop1:.1f} s under light load")
for (p, path), c in sorted(stats.items()):
    print(f"   {p:11} {path:32} " + ", ".join(f"{s or 'no answer'}: {n}" for s, n in sorted(c.items()))
          + f"   (slowest {slowest[(p, path)]:.2f} s)")
if recovered:
    print(f"   answers 200 again {recovered - start1:.1f} s after PostgreSQL is up; the same process throughout: {'yes' if alive else 'NO'}")
else:
    print("   did NOT answer 200 again within 60 s after PostgreSQL came up")
for p, r in bad[:15]:
    print(f"   unexpected in phase {p}: {json.dumps(r)}")
if len(bad) > 15:
    print(f"   ... and {len(bad) - 15} more")
down = sum(c[503] for (p, _), c in stats.items() if p in ("2 stopping", "3 down"))
ok = not bad and recovered and alive and down > 0
print()
if ok:
    print(f"PASS: requests during the outage answered 503 ({down}) within {max_wait:g} s; 200 again {recovered - start1:.1f} s after PostgreSQL came back, without a restart")
else:
    why = []
    if bad:
        kinds = collections.Counter()
        for p, r in bad:
            if r["status"] == 0: kinds["no answer"] += 1
            elif r["status"] >= 500 and r["status"] != 503: kinds[f"a {r['status']}"] += 1
            elif r["secs"] > max_wait: kinds[f"slower than {max_wait:g} s (up to {max(x['secs'] for _, x in bad):.1f} s)"] += 1
            else: kinds[f"a {r['status']} in phase {p}"] += 1
        why.append(f"{len(bad)} unexpected answers: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    if not recovered: why.append("no recovery within 60 s")
    if not alive: why.append("the service process died")
    if not down: why.append("no 503 at all while the database was down")
    print("FAIL: " + "; ".join(why))
sys.exit(0 if ok else 1)
PY
RC=$?
set -e
if [ $RC -ne 0 ]; then
    log "service log excerpt (errors):"
    grep -iE 'error|warn' "$TMP/service.log" | tail -n 15 >&2 || true
fi
exit $RC
