#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, on a free loopback port.
#
#   eval "$(.ci/postgres.sh start)"   # prints the exports: TEST_DATABASE_URL, LINGWIRE_PG_DIR
#   .ci/postgres.sh stop              # stops the cluster in $LINGWIRE_PG_DIR and removes it
#
# The cluster lives in a temporary folder owned by the `postgres` user (initdb refuses root),
# trusts local connections, and is gone after `stop`. Works as root (runuser) or with sudo.
set -euo pipefail

bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ]; then
    echo "postgres.sh: no PostgreSQL server found under /usr/lib/postgresql (apt-get install postgresql)" >&2
    exit 1
  fi
  echo "$dir"
}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"
  else sudo -u postgres -- "$@"; fi
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  local bin dir port
  bin=$(bindir)
  dir=$(mktemp -d /tmp/lingwire-pg.XXXXXX)
  as_root chown postgres: "$dir"
  as_root chmod 700 "$dir"
  as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  port=$(free_port)
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2 || {
    cat "$dir/server.log" >&2
    exit 1
  }
  echo "export LINGWIRE_PG_DIR=$dir"
  echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
}

stop() {
  local dir=${1:-${LINGWIRE_PG_DIR:-}}
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then return 0; fi
  case "$dir" in /tmp/lingwire-pg.*) ;; *) echo "postgres.sh: refusing to remove $dir" >&2; exit 1 ;; esac
  as_postgres "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  as_root rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start|stop [dir]" >&2; exit 2 ;;
esac
