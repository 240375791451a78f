#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster on loopback for tests and benchmarks.
#   scripts/pg-throwaway.sh start [dir] [port]   → prints the postgres:// URL on stdout
#   scripts/pg-throwaway.sh stop  [dir]
# The cluster lives in [dir] (default /tmp/switchyard-pg), trusts local connections only,
# and is meant to be deleted afterwards. Needs Debian's postgresql package.
set -euo pipefail

cmd=${1:-}
dir=${2:-/tmp/switchyard-pg}
port=${3:-55432}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [[ -z "$bindir" || ! -x "$bindir/pg_ctl" ]]; then
  echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  exit 1
fi

# initdb refuses to run as root: run the server as the postgres system user then.
run() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    if [[ -f "$dir/data/postmaster.pid" ]] && run "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      echo "postgres://switchyard@127.0.0.1:$port/switchyard"
      exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$dir"; fi
    run "$bindir/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1
    run "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=on -c max_connections=200 -c shared_buffers=256MB" >/dev/null
    run "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE ROLE switchyard LOGIN CREATEDB SUPERUSER" >/dev/null
    run "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE DATABASE switchyard OWNER switchyard" >/dev/null
    echo "postgres://switchyard@127.0.0.1:$port/switchyard"
    ;;
  stop)
    if [[ -d "$dir/data" ]]; then
      run "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
      rm -rf "$dir"
    fi
    ;;
  *)
    echo "usage: $0 start|stop [dir] [port]" >&2
    exit 2
    ;;
esac
