#!/usr/bin/env bash
# Builds Loket's Windows installer on Linux, offline: the release loket.exe for
# x86_64-pc-windows-gnu as `cargo tauri build` builds it (the custom-protocol feature: the
# window's files inside the program, no dev server), WebView2Loader.dll beside it, packed by
# Debian's makensis with installer/loket.nsi. Writes target/installer/Loket_<version>_x64-setup.exe,
# prints its size and checks that the archive holds the program files.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-missing.sh nsis p7zip-full gcc-mingw-w64-x86-64
export PATH="$HOME/.cargo/bin:$PATH"
rustup target list --installed 2>/dev/null | grep -q x86_64-pc-windows-gnu \
  || rustup target add x86_64-pc-windows-gnu

version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' src-tauri/tauri.conf.json | head -1)
publisher=$(sed -n 's/^ *"publisher": *"\([^"]*\)".*/\1/p' src-tauri/tauri.conf.json | head -1)
cargo build --release -p loket --target x86_64-pc-windows-gnu --features custom-protocol

built=target/x86_64-pc-windows-gnu/release
stage=target/installer/files
rm -rf "$stage"
mkdir -p "$stage"
cp "$built/loket.exe" "$stage/"
# The loader the webview2-com crate ships for x64, as the build copies it beside the program:
# from the version Cargo.lock names, never another one left in the registry.
loader=$(ls "$built"/WebView2Loader.dll 2>/dev/null || true)
if [ -z "$loader" ]; then
  sys_version=$(awk '/^name = "webview2-com-sys"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  loader=$(find "${CARGO_HOME:-$HOME/.cargo}/registry/src" \
    -path "*/webview2-com-sys-$sys_version/x64/WebView2Loader.dll" 2>/dev/null | head -1 || true)
fi
[ -n "$loader" ] || { echo "WebView2Loader.dll (webview2-com-sys) not found" >&2; exit 1; }
cp "$loader" "$stage/WebView2Loader.dll"

out="target/installer/Loket_${version}_x64-setup.exe"
rm -f "$out"
makensis -V2 -INPUTCHARSET UTF8 \
  -DVERSION="$version" -DPUBLISHER="$publisher" -DSIZE_KB="$(du -sk "$stage" | cut -f1)" \
  -DSOURCE="$(pwd)/$stage" -DICON="$(pwd)/icons/icon.ico" -DOUTFILE="$(pwd)/$out" \
  installer/loket.nsi

# What the installer carries, read back from the archive itself.
listing=$(7z l "$out")
for file in loket.exe WebView2Loader.dll uninstall.exe; do
  if ! grep -q "$file" <<<"$listing"; then
    echo "$out does not hold $file" >&2
    echo "$listing" >&2
    exit 1
  fi
done
echo "$out: $(du -h "$out" | cut -f1) ($(stat -c %s "$out") bytes), holds loket.exe, WebView2Loader.dll, uninstall.exe"
