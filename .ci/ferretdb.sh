#!/usr/bin/env bash
# Builds FerretDB 1.24.2 from the Go module proxy (cached outside the repo), starts it on
# 127.0.0.1 with SQLite storage in a temp folder, waits until it is live, exports MONGODB_URI,
# and stops it by its PID when the calling shell exits. See ARCHITECTURE.md "Stores".
FERRETDB_VERSION=v1.24.2
FERRETDB_CACHE=${FERRETDB_CACHE:-$HOME/.cache/delivery-ledger}
FERRETDB_BIN=$FERRETDB_CACHE/ferretdb-$FERRETDB_VERSION

build_ferretdb() {
  [ -x "$FERRETDB_BIN" ] && return 0
  if ! command -v go >/dev/null 2>&1; then
    echo "FerretDB: no Go toolchain; the MongoDB adapter tests will say they skipped" >&2
    return 1
  fi
  echo "FerretDB: building $FERRETDB_VERSION (cached in $FERRETDB_CACHE)"
  local work
  work=$(mktemp -d)
  # `go install` alone gives a binary that panics at start: build/version/version.txt is
  # generated in FerretDB's own repo and absent from the module. Build a copy that has it.
  (
    cd "$work" &&
      go mod init ci.invalid/ferretdb >/dev/null 2>&1 &&
      go get "github.com/FerretDB/FerretDB/cmd/ferretdb@$FERRETDB_VERSION" &&
      src=$(go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB) &&
      cp -r "$src" "$work/src" && chmod -R u+w "$work/src" &&
      echo "$FERRETDB_VERSION" >"$work/src/build/version/version.txt" &&
      go mod edit -replace "github.com/FerretDB/FerretDB=./src" &&
      CGO_ENABLED=0 go build -mod=mod -o "$work/ferretdb" github.com/FerretDB/FerretDB/cmd/ferretdb
  ) || { rm -rf "$work"; return 1; }
  mkdir -p "$FERRETDB_CACHE"
  mv "$work/ferretdb" "$FERRETDB_BIN"
  rm -rf "$work"
}

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

start_ferretdb() {
  build_ferretdb || return 0
  FERRETDB_DIR=$(mktemp -d)
  trap 'stop_ferretdb' EXIT
  local port debug_port attempt
  # A free port can be taken by another process before FerretDB binds it: a server that exits
  # before it is live is started again on new ports (three tries).
  for attempt in 1 2 3; do
    port=$(free_port)
    debug_port=$(free_port)
    "$FERRETDB_BIN" --handler=sqlite --sqlite-url="file:$FERRETDB_DIR/" \
      --listen-addr="127.0.0.1:$port" --state-dir="$FERRETDB_DIR" \
      --debug-addr="127.0.0.1:$debug_port" --telemetry=disable --log-level=warn \
      >"$FERRETDB_DIR/ferretdb.log" 2>&1 &
    FERRETDB_PID=$!
    for _ in $(seq 1 100); do
      if curl -fsS --max-time 2 "http://127.0.0.1:$debug_port/debug/livez" >/dev/null 2>&1; then
        export MONGODB_URI="mongodb://127.0.0.1:$port/"
        echo "FerretDB: live on 127.0.0.1:$port (pid $FERRETDB_PID)"
        return 0
      fi
      kill -0 "$FERRETDB_PID" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$FERRETDB_PID" 2>/dev/null; then break; fi
    echo "FerretDB: exited before it was live (attempt $attempt); log follows" >&2
    cat "$FERRETDB_DIR/ferretdb.log" >&2
  done
  echo "FerretDB: did not become live; log follows" >&2
  cat "$FERRETDB_DIR/ferretdb.log" >&2
  return 1
}

stop_ferretdb() {
  if [ -n "${FERRETDB_PID:-}" ]; then
    kill "$FERRETDB_PID" 2>/dev/null || true
    wait "$FERRETDB_PID" 2>/dev/null || true
  fi
  [ -n "${FERRETDB_DIR:-}" ] && rm -rf "$FERRETDB_DIR"
}
