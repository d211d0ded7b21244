#!/usr/bin/env bash
# Runs the Windows installer (target/installer/Loket_<version>_x64-setup.exe, or the file
# given) silently under Wine, as an office's IT would with /S, and checks what it does:
# refuses without the WebView2 runtime and copies nothing; installs per user without
# administrator rights, with shortcuts and an Apps & features entry; its uninstaller removes
# the program and keeps the office's data folder.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-missing.sh wine64 gcc-mingw-w64-x86-64

version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' src-tauri/tauri.conf.json | head -1)
publisher=$(sed -n 's/^ *"publisher": *"\([^"]*\)".*/\1/p' src-tauri/tauri.conf.json | head -1)
identifier=$(sed -n 's/^ *"identifier": *"\([^"]*\)".*/\1/p' src-tauri/tauri.conf.json | head -1)
installer=$(realpath "${1:-target/installer/Loket_${version}_x64-setup.exe}")

source scripts/wine/prefix.sh
home="$prefix/drive_c/users/$USER"
programs="$home/AppData/Local/Programs/Loket"
data="$home/AppData/Local/$identifier"
uninstall_key="HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\$identifier"
webview2_key='HKCU\Software\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}'
fail() { echo "installer check: $*" >&2; exit 1; }

# 1. No WebView2 runtime (a fresh Wine prefix has none): refused, nothing copied.
status=0
"$WINE" "$installer" /S || status=$?
[ "$status" -eq 2 ] || fail "without WebView2 the silent install exited $status, not 2"
[ ! -e "$programs" ] || fail "without WebView2 files were copied to $programs"
echo "without WebView2: refused (exit 2), nothing copied"

# 2. With the runtime registered, as Windows 10 and 11 have it: installed for this user.
"$WINE" reg add "$webview2_key" /v pv /d 131.0.2903.70 /f >/dev/null
"$WINE" "$installer" /S || fail "the silent install failed ($?)"
for file in loket.exe WebView2Loader.dll uninstall.exe; do
  [ -s "$programs/$file" ] || fail "$file missing from $programs"
done
cmp -s "$programs/loket.exe" target/installer/files/loket.exe || fail "loket.exe differs from the one built"
[ -f "$home/Desktop/Loket.lnk" ] || fail "no desktop shortcut"
start_menu="$home/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Loket"
[ -f "$start_menu/Loket.lnk" ] && [ -f "$start_menu/Hapus Loket.lnk" ] || fail "no Start-menu shortcuts"
entry=$("$WINE" reg query "$uninstall_key" 2>/dev/null | tr -d '\r')
grep -q "DisplayVersion.*$version" <<<"$entry" || fail "Apps & features lacks the version: $entry"
grep -q "Publisher.*$publisher" <<<"$entry" || fail "Apps & features lacks the publisher: $entry"
echo "installed per user in AppData\\Local\\Programs\\Loket; shortcuts; Apps & features shows $version, $publisher"

# 3. The office's data (as Loket writes it) survives a silent uninstall.
mkdir -p "$data/lampiran"
printf 'basis data kantor' >"$data/loket.db"
printf 'pindaian' >"$data/lampiran/surat.pdf"
# The uninstaller copies itself to the temporary folder and runs from there: wait for every
# process in the prefix to end.
"$WINE" "$programs/uninstall.exe" /S || fail "the silent uninstall failed ($?)"
/usr/lib/wine/wineserver -w
[ ! -e "$programs" ] || fail "program files left behind: $(ls "$programs")"
[ ! -e "$home/Desktop/Loket.lnk" ] && [ ! -e "$start_menu" ] || fail "shortcuts left behind"
if "$WINE" reg query "$uninstall_key" >/dev/null 2>&1; then fail "Apps & features entry left behind"; fi
[ "$(cat "$data/loket.db")" = "basis data kantor" ] && [ -f "$data/lampiran/surat.pdf" ] \
  || fail "the uninstaller touched the data folder"
echo "uninstalled: program, shortcuts and entry gone; data folder $identifier kept"
