#!/usr/bin/env bash
# Make sure a PostgreSQL server (initdb + pg_ctl) is available for the store tests, which start their own
# throw-away server on loopback. Installs Debian's `postgresql` package when missing and running as root.
# Never fails the build: the tests skip with a reason when the server binaries are still missing.

find_bin() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

if dir=$(find_bin); then
    echo "ensure-postgres: found PostgreSQL server binaries in $dir"
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "ensure-postgres: PostgreSQL server binaries missing and not root: PostgreSQL tests will be skipped"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-postgres: PostgreSQL server binaries missing and no apt-get: PostgreSQL tests will be skipped"
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
wait_lock=(-o DPkg::Lock::Timeout=120)  # another apt/dpkg run may hold the lock for a while
if apt-get "${wait_lock[@]}" update -qq >/dev/null 2>&1 \
        && apt-get "${wait_lock[@]}" install -y -qq --no-install-recommends postgresql >/dev/null 2>&1 \
        && dir=$(find_bin); then
    echo "ensure-postgres: installed Debian's postgresql package; server binaries in $dir"
else
    echo "ensure-postgres: could not install Debian's postgresql package: PostgreSQL tests will be skipped"
fi
exit 0
