#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store tests (tests/store.rs): a new cluster in a temp
# folder, trust auth, listening on 127.0.0.1 only, on a free port; stopped and deleted when
# the shell that started it exits. Installs Debian's `postgresql` package when the server
# binaries are missing (apt-get, with sudo when not root).
#
#   source scripts/start-test-postgres.sh          # exports ROLECALL_TEST_POSTGRES_URL until the
#                                                  # shell exits (sets that shell's EXIT trap)
#   scripts/start-test-postgres.sh CMD [ARGS...]   # runs CMD with it set, then stops the server
#                                                  # e.g. scripts/start-test-postgres.sh cargo test --test store
#
# When ROLECALL_TEST_POSTGRES_URL is already set, that server is used and nothing is started.
# POSTGRES_BIN=/path/to/bin picks the server binaries (default: PATH, then the newest
# /usr/lib/postgresql/*/bin).

# Prints the folder holding initdb, pg_ctl and postgres, or fails.
_rc_pg_bindir() {
    local dir
    for dir in "${POSTGRES_BIN:-}" "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")" \
        $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

# Installs Debian's postgresql package (server binaries under /usr/lib/postgresql/N/bin).
_rc_pg_install() {
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "start-test-postgres: PostgreSQL is not installed and neither root nor sudo is available to install it" >&2
            return 1
        fi
        sudo=(sudo)
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "start-test-postgres: PostgreSQL is not installed and apt-get is missing: install the PostgreSQL server, or set POSTGRES_BIN" >&2
        return 1
    fi
    echo "start-test-postgres: installing PostgreSQL (apt-get install postgresql)..." >&2
    ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
        ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
}

# Runs a command as the cluster's owner: `postgres` when we are root (the server refuses to
# run as root), ourselves otherwise.
_rc_pg_as_owner() {
    if [ "$(id -u)" -ne 0 ]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u postgres -- "$@"
    else
        su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
    fi
}

# Prints a TCP port on 127.0.0.1 that nothing listens on.
_rc_pg_free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
        return
    fi
    local port tries
    for tries in 1 2 3 4 5 6 7 8 9 10; do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

# Stops the server and deletes its folder (safe to call twice).
_rc_pg_stop() {
    if [ -n "${_RC_PG_DIR:-}" ] && [ -d "$_RC_PG_DIR" ]; then
        _rc_pg_as_owner "$_RC_PG_BIN/pg_ctl" -D "$_RC_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$_RC_PG_DIR"
    fi
    _RC_PG_DIR=
}

# Starts the cluster and exports ROLECALL_TEST_POSTGRES_URL.
_rc_pg_start() {
    if [ -n "${ROLECALL_TEST_POSTGRES_URL:-}" ]; then
        echo "start-test-postgres: using the server in ROLECALL_TEST_POSTGRES_URL" >&2
        return 0
    fi
    local started installed=0 port tries
    started=$(date +%s%N)
    if ! _RC_PG_BIN=$(_rc_pg_bindir); then
        _rc_pg_install || return 1
        installed=$(( ($(date +%s%N) - started) / 1000000 ))
        _RC_PG_BIN=$(_rc_pg_bindir) || {
            echo "start-test-postgres: installed postgresql but found no server binaries" >&2
            return 1
        }
    fi
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin postgres || return 1
    fi
    _RC_PG_DIR=$(mktemp -d /tmp/rolecall-pg.XXXXXX) || return 1
    trap _rc_pg_stop EXIT
    trap '_rc_pg_stop; exit 130' INT
    trap '_rc_pg_stop; exit 143' TERM
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$_RC_PG_DIR" || return 1
    fi
    if ! _rc_pg_as_owner "$_RC_PG_BIN/initdb" -D "$_RC_PG_DIR/data" -U postgres -A trust \
        -E UTF8 --locale=C --no-sync >"$_RC_PG_DIR/initdb.log" 2>&1; then
        echo "start-test-postgres: initdb failed:" >&2
        cat "$_RC_PG_DIR/initdb.log" >&2
        return 1
    fi
    # Another process may take the port between choosing and binding it: try a few.
    for tries in 1 2 3; do
        port=$(_rc_pg_free_port) || return 1
        if _rc_pg_as_owner "$_RC_PG_BIN/pg_ctl" -D "$_RC_PG_DIR/data" -l "$_RC_PG_DIR/server.log" \
            -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $port -k $_RC_PG_DIR \
            -c max_connections=200 -c fsync=off -c synchronous_commit=off \
            -c full_page_writes=off" start >/dev/null 2>&1; then
            export ROLECALL_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
            local total=$(( ($(date +%s%N) - started) / 1000000 ))
            printf 'start-test-postgres: PostgreSQL %s on 127.0.0.1:%s ready in %d.%01d s (of which installing %d.%01d s); ROLECALL_TEST_POSTGRES_URL=%s\n' \
                "$("$_RC_PG_BIN/postgres" --version | awk '{print $3}')" "$port" \
                $((total / 1000)) $((total % 1000 / 100)) $((installed / 1000)) $((installed % 1000 / 100)) \
                "$ROLECALL_TEST_POSTGRES_URL" >&2
            return 0
        fi
    done
    echo "start-test-postgres: the server did not start; its log:" >&2
    tail -n 30 "$_RC_PG_DIR/server.log" >&2
    return 1
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    # Sourced: leave the caller's shell options alone and keep the server until it exits.
    _rc_pg_start
else
    set -euo pipefail
    if [ $# -eq 0 ]; then
        echo "usage: source $0   or   $0 COMMAND [ARGS...]" >&2
        exit 2
    fi
    _rc_pg_start
    status=0
    "$@" || status=$?
    _rc_pg_stop
    exit "$status"
fi
