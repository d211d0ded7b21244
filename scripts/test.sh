#!/usr/bin/env bash
# Installs what is missing and runs every check: formatting, lints, unit and integration
# tests (on SQLite, then on a throwaway PostgreSQL cluster), the end-to-end tests in the real
# window (under Xvfb), the core's tests again as Windows code (under Wine), and the Windows
# installer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PATH"
# Every crate is built once here; incremental caches would only cost disk (gigabytes).
export CARGO_INCREMENTAL=0

started=$(date +%s)
step() { printf '\n==> %s (at %d s)\n' "$*" $(( $(date +%s) - started )); }
# The build folder needs several gigabytes; say what the disk had, so a full disk is seen at once.
echo "free disk at start: $(df -h --output=avail . | tail -1 | tr -d ' ')"

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings

step "core has no Tauri"
if cargo tree -p loket-core -e normal,build --prefix none | awk '{print $1}' | grep -q '^tauri'; then
  echo "loket-core depends on tauri" >&2; exit 1
fi

step "every command runs off the window's thread"
bash scripts/check-commands.sh

step "every table written only by the module that owns it"
bash scripts/check-table-owners.sh

step "no module outside the store names the database engine"
bash scripts/check-store-seam.sh

step "unit and integration tests"
cargo test --workspace

step "the core's tests again on PostgreSQL (a throwaway cluster)"
pg_dir=$(mktemp -d /tmp/loket-pg.XXXXXX)
trap 'bash scripts/pg-cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true; rm -rf "$pg_dir"' EXIT
pg_config=$(bash scripts/pg-cluster.sh start "$pg_dir")
# --workspace, as above, so the crates are built with the same features and not again (only
# the core reads LOKET_TEST_PG).
LOKET_TEST_PG=$pg_config cargo test --workspace || { echo "--- the server's log:" >&2; tail -40 "$pg_dir/server.log" >&2; exit 1; }

step "end-to-end tests in the real window (the office-server ones on the same cluster)"
cargo build --workspace --bin loket
LOKET_E2E_PG=$pg_config cargo test --workspace --test e2e -- --ignored --test-threads=1
bash scripts/pg-cluster.sh stop "$pg_dir"

step "clippy on the Windows-only code (x86_64-pc-windows-gnu)"
cargo clippy -p loket-core -p loket --all-targets --target x86_64-pc-windows-gnu -- -D warnings

step "the core's tests as Windows code (x86_64-pc-windows-gnu under Wine)"
bash scripts/windows-tests.sh

step "the Windows installer (release loket.exe, packed by makensis, offline)"
bash scripts/windows-installer.sh
bash scripts/check-installer.sh

echo
echo "All checks passed in $(( $(date +%s) - started )) s; the build folder holds $(du -sh target | cut -f1)," \
  "$(df -h --output=avail . | tail -1 | tr -d ' ') of disk left."
