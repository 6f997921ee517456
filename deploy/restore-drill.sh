#!/usr/bin/env bash
# The restore drill: restores the latest pgBackRest backup (or the one at --target TIME, point-in-time) into a
# scratch PostgreSQL cluster on a spare port, then proves the restored data is whole: the audit trail's hash chain
# verifies (`jinguo audit verify`) and the ledger's trial balance holds (`jinguo funds verify`). Nothing of the
# running installation is touched. Run it as root on a machine with the repository reachable, monthly and after
# every upgrade; keep its output with the 等保 records.
#
#   deploy/restore-drill.sh --stanza jinguo --db jinguo [--target '2026-12-01 18:00:00+08'] [--port 5499]
set -euo pipefail
STANZA=jinguo DB=jinguo PORT=5499 TARGET=
while [ $# -gt 0 ]; do
  case "$1" in
    --stanza) STANZA=$2; shift 2 ;;
    --db) DB=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --target) TARGET=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
PG=/usr/lib/postgresql/15/bin
SCRATCH=$(mktemp -d /var/tmp/jinguo-drill.XXXXXX)
chown postgres: "$SCRATCH"
cleanup() { su postgres -c "$PG/pg_ctl -D $SCRATCH/data -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$SCRATCH"; }
trap cleanup EXIT

started=$(date +%s)
restore_opts=(--stanza="$STANZA" --pg1-path="$SCRATCH/data" --archive-mode=off)
[ -n "$TARGET" ] && restore_opts+=(--type=time "--target=$TARGET" --target-action=promote)
su postgres -c "pgbackrest ${restore_opts[*]@Q} restore"
# The restored cluster must not archive into the real repository nor wait for a standby that is not there.
cat >>"$SCRATCH/data/postgresql.auto.conf" <<CONF
port = $PORT
archive_mode = off
synchronous_standby_names = ''
listen_addresses = '127.0.0.1'
CONF
su postgres -c "$PG/pg_ctl -D $SCRATCH/data -l $SCRATCH/log -w -t 600 start"
for i in $(seq 1 120); do
  su postgres -c "psql -p $PORT -tAc 'SELECT NOT pg_is_in_recovery()'" 2>/dev/null | grep -q t && break
  sleep 1
done
restored=$(date +%s)

# The checks run as the app would, against the scratch copy (peer authentication as postgres over the socket).
export DATABASE_URL="postgres:///$DB?host=/var/run/postgresql&port=$PORT&user=postgres"
cd "$(dirname "$0")/.."
audit=0 ledger=0
su postgres -c "DATABASE_URL='$DATABASE_URL' JINGUO_KEY_FILE='${JINGUO_KEY_FILE:-/etc/jinguo/keys.json}' npx jinguo audit verify" || audit=$?
su postgres -c "DATABASE_URL='$DATABASE_URL' JINGUO_KEY_FILE='${JINGUO_KEY_FILE:-/etc/jinguo/keys.json}' npx jinguo funds verify" || ledger=$?
echo "restore drill: restored in $((restored - started)) s; audit chain $([ $audit = 0 ] && echo OK || echo FAILED); ledger $([ $ledger = 0 ] && echo OK || echo FAILED)"
[ $audit = 0 ] && [ $ledger = 0 ]
