#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start DIR` creates it in DIR (a fresh
# folder), listening on 127.0.0.1 at a free port with a random password (as an office's
# Loket reaches its server: over TCP, signing in), and prints the connection string;
# `stop DIR` stops it. It runs as the `postgres` user when started as root (initdb refuses
# root). Installs Debian's postgresql package if it is missing. The tests' cluster does not
# wait for the disk (fsync=off); PG_FSYNC=on keeps PostgreSQL's durable default (benches).
set -euo pipefail
action="$1"
dir="$2"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ "$action" = "start" ] && [ -z "$bin" ]; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  echo "==> Installing PostgreSQL (Debian's postgresql package)" >&2
  $sudo_cmd apt-get update -qq >&2
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    postgresql postgresql-contrib >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$action" in
  start)
    # The cluster trusts whoever reaches its socket, so the folder must be ours alone: a new
    # folder, or an empty one we own (mktemp -d), never a link someone else planted.
    if [ -L "$dir" ]; then echo "$dir is a symbolic link; refusing" >&2; exit 1; fi
    if [ -e "$dir" ]; then
      if [ ! -d "$dir" ] || [ -n "$(ls -A "$dir")" ] || [ "$(stat -c %u "$dir")" != "$(id -u)" ]; then
        echo "$dir exists and is not an empty folder of ours; give a new one (mktemp -d)" >&2; exit 1
      fi
    else
      mkdir -m 700 "$dir"
    fi
    chmod 700 "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    # A password, not trust: any local user can reach a loopback port, and the tests need a
    # server that can refuse a wrong password.
    password=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
    printf '%s\n' "$password" > "$dir/pwfile"
    chmod 600 "$dir/pwfile"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir/pwfile"; fi
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 --pwfile="$dir/pwfile" \
      --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/pwfile"
    # TLS as an office server offers it: a certificate it made itself. Loket's connection
    # form requires TLS by default, so a cluster without it would fail the tests for the
    # wrong reason.
    if ! command -v openssl >/dev/null; then
      echo "openssl is needed to give the test cluster TLS (apt-get install openssl)" >&2; exit 1
    fi
    openssl req -new -x509 -days 7 -nodes -subj /CN=loket-test -keyout "$dir/server.key" \
      -out "$dir/server.crt" >/dev/null 2>&1
    chmod 600 "$dir/server.key"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir/server.key" "$dir/server.crt"; fi
    tls_options="-c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key"
    # A free port: ask the kernel for one, and try again should another program take it first.
    started=""
    for _ in 1 2 3 4 5; do
      port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
        || echo $(( 20000 + RANDOM % 40000 )))
      if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' -c unix_socket_permissions=0700 -c fsync=${PG_FSYNC:-off} -c max_connections=200 $tls_options" start >&2; then
        started=yes; break
      fi
    done
    if [ -z "$started" ]; then cat "$dir/server.log" >&2; exit 1; fi
    echo "host=127.0.0.1 port=$port user=postgres password=$password dbname=postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2 || true
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
