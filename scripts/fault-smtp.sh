#!/usr/bin/env bash
# Fault test (issue 9): the mail server down for a while. Every email queued meanwhile must be
# delivered once it is back, and exactly once.
#
# Usage: scripts/fault-smtp.sh [--short] [--emails N] [--down SECONDS]
#   default: 20 invitations, the SMTP server down for 75 s (two failed attempts: at once and
#            after 30 s; delivered at the third, 90 s in), then 40 s more watching for repeats
#            (about 2.5 minutes)
#   --short: 5 invitations, down for 20 s (delivered at the second attempt, 30 s in), 5 s more
#            (about 45 seconds, for CI)
#
# What it does: the release `kamlang serve` on a scratch PostgreSQL database with
# KAMLANG_SMTP_URL=smtp://127.0.0.1:PORT where nothing listens yet; as the administrator it
# invites N users (POST /api/v1/users without a password: one invitation email each, queued in
# the outbox in the same transaction); the sender's attempts fail (connection refused) and are
# retried (30 s, 1 min, 2 min, …). After the outage a small SMTP server (scripts/kamlang_api.py
# smtp-sink, python3 stdlib) starts on that port. Checks: every invited address received exactly
# one message, Message-IDs all distinct, no other message, every outbox row `sent`, and every
# one of them had failed at least once before (the outage was real).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

EMAILS=20
DOWN=75
WATCH=40
while [ $# -gt 0 ]; do
    case $1 in
    --short) EMAILS=5; DOWN=20; WATCH=5 ;;
    --emails) EMAILS=$2; shift ;;
    --down) DOWN=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
    esac
    shift
done

need_cmd jq
need_cmd curl
pg_check
KAMLANG=$(kamlang_bin)
make_tmpdir TMP fault-smtp
scratch_db DB smtp
PORT=$(free_port)
SMTP_PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
export DATABASE_URL=$PG_BASE/$DB KAMLANG_DATA_DIR=$TMP/data KAMLANG_SMTP_URL=smtp://127.0.0.1:$SMTP_PORT
export KAMLANG_ADMIN_EMAIL=fault-admin@kamlang.local KAMLANG_ADMIN_PASSWORD=fault-admin-password-2026

start_service "$TMP/service.log" --bind "127.0.0.1:$PORT"
wait_http "$BASE/readyz" 180
TOKEN=$(login "$BASE" "$KAMLANG_ADMIN_EMAIL" "$KAMLANG_ADMIN_PASSWORD")
T0=$(date +%s)
log "SMTP is down (nothing on port $SMTP_PORT); inviting $EMAILS users"
for i in $(seq 1 "$EMAILS"); do
    api POST "$BASE" /api/v1/users "$TOKEN" \
        "$(jq -cn --arg e "invitee-$i@example.org" --arg n "Invitee $i" '{email:$e,display_name:$n,role:"planner",locale:"en"}')" >/dev/null
done
sleep 3
log "outbox after the first attempts: $(pg_db "$DB" -c "SELECT string_agg(status || ' x' || n || ' (attempts ' || a || ')', ', ') FROM (SELECT status, count(*) n, max(attempts) a FROM email_outbox GROUP BY status) s")"
REST=$((DOWN - ($(date +%s) - T0)))
[ "$REST" -le 0 ] || sleep "$REST"

log "starting the SMTP sink on port $SMTP_PORT after $(($(date +%s) - T0)) s down"
: >"$TMP/received.jsonl"
python3 "$KAMLANG_ROOT/scripts/kamlang_api.py" smtp-sink "$SMTP_PORT" "$TMP/received.jsonl" 2>"$TMP/sink.log" &
SINK=$!
on_exit "kill $SINK"
T_UP=$(date +%s)
for _ in $(seq 1 600); do
    [ "$(wc -l <"$TMP/received.jsonl")" -ge "$EMAILS" ] && break
    kill -0 "$SINK" 2>/dev/null || die "the SMTP sink died: $(cat "$TMP/sink.log")"
    sleep 0.5
done
T_ALL=$(date +%s)
log "$(wc -l <"$TMP/received.jsonl") messages received $((T_ALL - T_UP)) s after the sink started; watching $WATCH s more for repeats"
sleep "$WATCH"

OUTBOX=$(pg_db "$DB" -c "SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM email_outbox GROUP BY status) s")
NOT_SENT=$(pg_db "$DB" -c "SELECT count(*) FROM email_outbox WHERE status <> 'sent'")
NEVER_FAILED=$(pg_db "$DB" -c "SELECT count(*) FROM email_outbox WHERE attempts < 2")
ATTEMPTS=$(pg_db "$DB" -c "SELECT min(attempts) || '..' || max(attempts) FROM email_outbox")
set +e
python3 - "$TMP/received.jsonl" "$EMAILS" "$OUTBOX" "$NOT_SENT" "$NEVER_FAILED" "$ATTEMPTS" "$((T_UP - T0))" "$((T_ALL - T_UP))" <<'PY'
import collections, json, sys
path, n, outbox, not_sent, never_failed, attempts, down, took = sys.argv[1], int(sys.argv[2]), *sys.argv[3:]
msgs = [json.loads(l) for l in open(path) if l.strip()]
by_rcpt = collections.Counter(r.strip("<>").lower() for m in msgs for r in m["rcpt_to"])
ids = collections.Counter(m["message_id"] for m in msgs)
want = {f"invitee-{i}@example.org" for i in range(1, n + 1)}
missing = sorted(want - set(by_rcpt))
twice = sorted(r for r, c in by_rcpt.items() if c > 1)
extra = sorted(set(by_rcpt) - want)
dup_ids = sorted(i for i, c in ids.items() if c > 1 or not i)
print()
print(f"== SMTP down for {down} s with {n} invitations queued")
print(f"   received {len(msgs)} messages ({len(ids)} distinct Message-IDs) within {took} s of the server coming back")
print(f"   outbox: {outbox}; attempts per email {attempts}")
problems = []
if missing: problems.append(f"never received: {', '.join(missing)}")
if twice: problems.append(f"received more than once: {', '.join(twice)}")
if extra: problems.append(f"unexpected recipients: {', '.join(extra)}")
if dup_ids: problems.append(f"repeated or missing Message-IDs: {dup_ids}")
if int(not_sent): problems.append(f"{not_sent} outbox rows not marked sent")
if int(never_failed): problems.append(f"{never_failed} emails were delivered at the first attempt: the outage did not happen")
print()
if problems:
    print("FAIL: " + "; ".join(problems))
    sys.exit(1)
print(f"PASS: all {n} emails delivered exactly once after {down} s of SMTP outage")
PY
