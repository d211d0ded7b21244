#!/usr/bin/env bash
# Installs what is missing, builds Loket (release) and starts it. Extra arguments go to the
# app, e.g. scripts/run.sh --data-dir /tmp/kantor-uji
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh app
export PATH="$HOME/.cargo/bin:$PATH"
cargo run --release -p loket -- "$@"
