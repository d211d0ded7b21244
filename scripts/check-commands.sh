#!/usr/bin/env bash
# Fails when a Tauri command could run on the window's thread: every #[tauri::command] must
# be an `async fn` whose body hands its work to `in_background` (src-tauri/src/commands/mod.rs)
# before doing anything else.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for file in src-tauri/src/*.rs src-tauri/src/commands/*.rs; do
  awk -v file="$file" '
    /^#\[tauri::command/ { want = 1; line = FNR; next }
    want == 1 && /^\/\/\// { next }
    want == 1 {
      if ($0 !~ /^pub async fn /) { printf "%s:%d: command is not async\n", file, line; bad = 1; want = 0; next }
      want = 2
    }
    want == 2 && /\{$/ { want = 3; next }
    want == 3 && /^    let handle = app\.clone\(\);$/ { next }
    want == 3 {
      if ($0 !~ /^    in_background\(/) { printf "%s:%d: command body does not start with in_background(\n", file, line; bad = 1 }
      want = 0; count++
    }
    END { exit bad }
  ' "$file" || status=1
done
total=$(cat src-tauri/src/*.rs src-tauri/src/commands/*.rs | grep -c '^#\[tauri::command')
if [ "$status" -ne 0 ]; then
  echo "Every command must run off the window's thread (see src-tauri/src/commands/mod.rs)." >&2
  exit 1
fi
echo "$total commands, each async and run in the background."
