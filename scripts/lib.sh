# shellcheck shell=bash
# Shared helpers of the benchmark, fault and fuzz scripts in this directory. Sourced, not run.
#
# Environment every script understands:
#   KAMLANG_PG_URL      a PostgreSQL server's maintenance database, where scratch databases are
#                       created and dropped (default postgres://postgres@127.0.0.1:5432/postgres;
#                       KAMLANG_BENCH_DATABASE_URL is read too)
#   CARGO_TARGET_DIR    where the release binary is built (default $HOME/.cache/kamlang/target)
#   KAMLANG_BIN         use this kamlang binary instead of building one
#   KAMLANG_NO_BUILD=1  do not run cargo build when the release binary already exists
#   KAMLANG_KEEP=1      keep temporary directories and service logs (for debugging)

KAMLANG_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/kamlang/target}
KAMLANG_PG_URL=${KAMLANG_PG_URL:-${KAMLANG_BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}}
PG_BASE=${KAMLANG_PG_URL%/*}

# The comment at the top of the running script.
usage() { sed -n '2,/^set -euo pipefail/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
    log "ERROR: $*"
    exit 1
}

# ---- clean-up: functions run in reverse order on exit ------------------------------------------
_CLEANUPS=()
on_exit() { _CLEANUPS+=("$*"); }
_run_cleanups() {
    local rc=$?
    set +e
    local i
    for ((i = ${#_CLEANUPS[@]} - 1; i >= 0; i--)); do
        eval "${_CLEANUPS[$i]}" >/dev/null 2>&1
    done
    return $rc
}
trap _run_cleanups EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- tools --------------------------------------------------------------------------------------
_APT_UPDATED=
# need_cmd COMMAND [DEBIAN_PACKAGE]: installs the package with apt-get when the command is missing.
need_cmd() {
    local cmd=$1 pkg=${2:-$1}
    command -v "$cmd" >/dev/null 2>&1 && return 0
    log "installing $pkg (for $cmd)"
    local sudo=
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    if [ -z "$_APT_UPDATED" ]; then
        $sudo apt-get update -qq >/dev/null || true
        _APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$pkg" >/dev/null || die "cannot install $pkg"
}

# The release binary: $KAMLANG_BIN, or built (incrementally) into $CARGO_TARGET_DIR.
kamlang_bin() {
    if [ -n "${KAMLANG_BIN:-}" ]; then
        [ -x "$KAMLANG_BIN" ] || die "KAMLANG_BIN=$KAMLANG_BIN is not executable"
        echo "$KAMLANG_BIN"
        return
    fi
    local bin=$CARGO_TARGET_DIR/release/kamlang
    if [ "${KAMLANG_NO_BUILD:-0}" = 1 ] && [ -x "$bin" ]; then
        echo "$bin"
        return
    fi
    log "building the release binary (cargo build --release -p api, target $CARGO_TARGET_DIR)"
    (cd "$KAMLANG_ROOT" && cargo build --release -p api --quiet) >&2 || die "cargo build failed"
    echo "$bin"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# make_tmpdir VAR NAME: a temporary directory (removed on exit unless KAMLANG_KEEP=1) in VAR.
make_tmpdir() {
    local d
    d=$(mktemp -d "${TMPDIR:-/tmp}/kamlang-$2.XXXXXX")
    if [ "${KAMLANG_KEEP:-0}" != 1 ]; then on_exit "rm -rf '$d'"; else log "keeping $d"; fi
    printf -v "$1" '%s' "$d"
}

# ---- PostgreSQL ---------------------------------------------------------------------------------
pg_admin() { psql "$KAMLANG_PG_URL" -v ON_ERROR_STOP=1 -qAtX "$@"; }
# pg_db NAME ARGS...: psql on a scratch database.
pg_db() {
    local db=$1
    shift
    psql "$PG_BASE/$db" -v ON_ERROR_STOP=1 -qAtX "$@"
}

pg_check() {
    need_cmd psql postgresql-client
    pg_admin -c 'select 1' >/dev/null 2>&1 || die "PostgreSQL does not answer at $KAMLANG_PG_URL (start it: pg_ctlcluster 15 main start)"
}

# scratch_db VAR PURPOSE: creates an empty database, dropped on exit; its name in VAR.
# (Not in a command substitution: the clean-up must be registered in the script's own shell.)
scratch_db() {
    local name
    name="kamlang_$2_$(date +%s)_$$_$RANDOM"
    pg_admin -c "CREATE DATABASE $name" >/dev/null
    on_exit "psql '$KAMLANG_PG_URL' -qAtX -c 'DROP DATABASE IF EXISTS $name WITH (FORCE)'"
    printf -v "$1" '%s' "$name"
}

# ---- the service --------------------------------------------------------------------------------
SERVICE_PID=
# start_service LOGFILE ARGS...: starts `kamlang serve ARGS` in the background (environment as
# set by the caller), sets SERVICE_PID; killed on exit. Waits for nothing: see wait_http.
start_service() {
    local logfile=$1
    shift
    "$KAMLANG" serve "$@" >>"$logfile" 2>&1 &
    SERVICE_PID=$!
    on_exit "kill -TERM $SERVICE_PID; sleep 1; kill -KILL $SERVICE_PID"
}

# wait_http URL [SECONDS] [STATUS]: waits until URL answers STATUS (default 200).
wait_http() {
    local url=$1 limit=${2:-120} want=${3:-200} i code
    for ((i = 0; i < limit * 4; i++)); do
        code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" || true)
        [ "$code" = "$want" ] && return 0
        if [ -n "$SERVICE_PID" ] && ! kill -0 "$SERVICE_PID" 2>/dev/null; then
            die "the service (pid $SERVICE_PID) exited while waiting for $url"
        fi
        sleep 0.25
    done
    die "$url did not answer $want within ${limit}s (last: $code)"
}

# login BASE EMAIL PASSWORD: prints an access token.
login() {
    local body
    body=$(jq -cn --arg e "$2" --arg p "$3" '{email:$e,password:$p}')
    curl -sf -m 30 -H 'content-type: application/json' -d "$body" "$1/api/v1/auth/login" | jq -er .access_token
}

# api METHOD BASE PATH TOKEN [JSON]: a JSON request; prints the body, fails on a non-2xx status.
api() {
    local method=$1 base=$2 path=$3 token=$4 data=${5:-}
    local args=(-sS -m 300 -X "$method" -H "authorization: Bearer $token" --fail-with-body)
    if [ -n "$data" ]; then args+=(-H 'content-type: application/json' --data-binary "$data"); fi
    curl "${args[@]}" "$base$path"
}

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }

# median of the numbers given as arguments
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

result() {
    # result PASS|FAIL MESSAGE
    echo
    echo "$1: $2"
    [ "$1" = PASS ]
}
