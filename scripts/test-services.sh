#!/usr/bin/env bash
# Make sure what the tests talk to is there: the local PostgreSQL server and Debian's Chromium.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Chromium (Debian package) for the browser tests"
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi

if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432
