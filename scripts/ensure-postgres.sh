#!/usr/bin/env bash
# Makes a PostgreSQL server available on 127.0.0.1:5432 for the SQL store tests
# (user/password/db: pikit). Installs Debian's postgresql when missing.
# Tests read PIKIT_PG_URL; without it they use PGlite only.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null
fi
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q online; then
  pg_lsclusters -h | grep -q "^$ver main" || pg_createcluster "$ver" main >/dev/null
  pg_ctlcluster "$ver" main start
fi
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='pikit'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE pikit LOGIN SUPERUSER PASSWORD 'pikit'\""
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='pikit'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE DATABASE pikit OWNER pikit\""
echo "PostgreSQL ready: postgres://pikit:pikit@127.0.0.1:5432/pikit"
