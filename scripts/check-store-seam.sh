#!/usr/bin/env bash
# Fails when code outside the store names a database engine: the office's modules talk to
# their data only through `loket_core::store` (Connection, Row, params), so they run the
# same on SQLite and on PostgreSQL. Only src-tauri/core/src/store/ may name `rusqlite` or
# `postgres`.
set -euo pipefail
cd "$(dirname "$0")/.."
found=$(grep -rnE '\b(rusqlite|postgres|tokio_postgres|postgres_types)::|\buse (rusqlite|postgres|tokio_postgres)\b|extern crate (rusqlite|postgres)' \
  --include='*.rs' src-tauri/core/src src-tauri/src | grep -v '^src-tauri/core/src/store/' || true)
if [ -n "$found" ]; then
  echo "$found" >&2
  echo "Only src-tauri/core/src/store/ may name the database engine (see store/sql.rs)." >&2
  exit 1
fi
files=$(find src-tauri/core/src src-tauri/src -name '*.rs' -not -path '*/store/*' | wc -l)
echo "$files files outside the store, none names a database engine."
