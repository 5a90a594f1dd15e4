#!/usr/bin/env bash
# Installs what the tests need beyond node_modules, when missing:
# Debian's Chromium (browser tests) and a local PostgreSQL (SQL store tests).
# Uses apt-get, so it needs root; prints what to do otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
need_apt_update=1
apt_install() {
  if [ "$(id -u)" != "0" ]; then
    echo "setup-test-env: please install $* (apt-get install -y $*) or run this as root." >&2
    return 1
  fi
  if [ $need_apt_update = 1 ]; then apt-get update -qq >/dev/null; need_apt_update=0; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "setup-test-env: installing Debian's chromium…"
  apt_install chromium
fi
bash scripts/ensure-postgres.sh
