# Shared by scripts/run.sh and scripts/test.sh: tools in a project venv, and a moto server.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
STATE="$ROOT/.local"
MOTO_VERSION=5.2.1
CARGO_LAMBDA_VERSION=1.9.2

# Installs moto (and, with "lambda", cargo-lambda) into .venv once; later runs reuse it.
ensure_tools() {
  local want_lambda=${1:-}
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
  fi
  if ! "$VENV/bin/python" -c "import moto, flask" 2>/dev/null; then
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
  fi
  if [ "$want_lambda" = lambda ] && [ ! -x "$VENV/bin/cargo-lambda" ]; then
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "cargo-lambda==$CARGO_LAMBDA_VERSION"
  fi
  export PATH="$VENV/bin:$PATH"
}

# s3s-fs, an S3 server that verifies SigV4, for the presigned-URL tests; built once into .local.
S3S_FS_VERSION=0.14.1
ensure_s3s_fs() {
  local bin="$STATE/tools/bin/s3s-fs"
  if [ ! -x "$bin" ] || ! "$bin" --version 2>/dev/null | grep -q "$S3S_FS_VERSION"; then
    cargo install s3s-fs --version "$S3S_FS_VERSION" --locked --features binary --root "$STATE/tools"
  fi
  export S3S_FS="$bin"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts moto (one request at a time, see moto_serial.py) on 127.0.0.1:$1 and waits until it answers; it is stopped when the script exits.
start_moto() {
  local port=$1
  mkdir -p "$STATE"
  "$VENV/bin/python" "$ROOT/scripts/moto_serial.py" 127.0.0.1 "$port" >"$STATE/moto-$port.log" 2>&1 &
  stop_on_exit $!
  for _ in $(seq 1 100); do
    if curl -fs "http://127.0.0.1:$port/_local/mail?limit=1" >/dev/null 2>&1; then
      export AWS_ENDPOINT_URL="http://127.0.0.1:$port"
      return 0
    fi
    if ! kill -0 "${BACKGROUND_PIDS[-1]}" 2>/dev/null; then
      cat "$STATE/moto-$port.log" >&2
      echo "moto server did not start" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "moto server did not answer on port $port" >&2
  return 1
}

# Background processes of this script, stopped when it exits.
BACKGROUND_PIDS=()
stop_on_exit() {
  BACKGROUND_PIDS+=("$1")
  trap 'kill "${BACKGROUND_PIDS[@]}" 2>/dev/null || true' EXIT
}

# Credentials the emulator accepts; never real ones.
use_emulator_credentials() {
  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
  unset AWS_PROFILE AWS_SESSION_TOKEN
}
