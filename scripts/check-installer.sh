#!/usr/bin/env bash
# Runs the Windows installer (target/installer/Loket_<version>_x64-setup.exe, or the file
# given) silently under Wine, as an office's IT would with /S, and checks what it does:
# refuses on Windows older than 10, without the WebView2 runtime and while Loket is open,
# copying or removing nothing; installs per user (nothing written to HKLM), with shortcuts and
# an Apps & features entry, and over an earlier install; its uninstaller removes the program
# and keeps the office's data folder.
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
webview2_client='Software\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}'
webview2_user_key="HKCU\\$webview2_client"
webview2_machine_key="HKLM\\$webview2_client"
fail() { echo "installer check: $*" >&2; exit 1; }

# Nothing of the installer writes outside the user's own part of the registry and folders.
if grep -niE '^\s*(WriteReg|DeleteReg)\w*\s+(HKLM|HKEY_LOCAL_MACHINE|HKCR|HKEY_CLASSES_ROOT|SHCTX)|SetShellVarContext\s+all' \
  installer/loket.nsi; then
  fail "installer/loket.nsi writes for the whole machine: a per-user install must not"
fi

# A stand-in for a Loket still open: holds loket.exe as Windows holds a running program's
# until released.
x86_64-w64-mingw32-gcc -municode -O2 -o "$prefix/hold-open.exe" scripts/wine/hold-open.c
held="$prefix/drive_c/loket-held"
hold_open() {
  rm -f "$held"
  "$WINE" "$prefix/hold-open.exe" "$1" 'C:\loket-held' &
  for _ in $(seq 300); do [ -e "$held" ] && return 0; sleep 0.1; done
  fail "could not hold $1 open"
}
release() { rm -f "$held"; /usr/lib/wine/wineserver -w; }
# Runs a Windows program and prints its exit code.
run() { local status=0; "$WINE" "$@" >&2 || status=$?; echo "$status"; }
# 1. Windows older than 10 (what Rust's programs need): refused, nothing copied.
"$WINE" winecfg -v win81 >/dev/null 2>&1
[ "$(run "$installer" /S)" -eq 4 ] || fail "on Windows 8.1 the silent install did not exit 4"
[ ! -e "$programs" ] || fail "on Windows 8.1 files were copied"
"$WINE" winecfg -v win10 >/dev/null 2>&1
echo "on Windows 8.1: refused (exit 4), nothing copied"

# 2. No WebView2 runtime (a fresh Wine prefix has none), or only its "removed" mark: refused.
[ "$(run "$installer" /S)" -eq 5 ] || fail "without WebView2 the silent install did not exit 5"
"$WINE" reg add "$webview2_user_key" /v pv /d 0.0.0.0 /f >/dev/null
[ "$(run "$installer" /S)" -eq 5 ] || fail "with WebView2 marked removed the install did not exit 5"
[ ! -e "$programs" ] || fail "without WebView2 files were copied to $programs"
echo "without WebView2: refused (exit 5), nothing copied"

# 3. WebView2 installed for the whole machine, as Windows 10 and 11 have it (the 32-bit view,
# WOW6432Node): installed for this user.
"$WINE" reg add "$webview2_machine_key" /v pv /d 131.0.2903.70 /reg:32 /f >/dev/null
[ "$(run "$installer" /S)" -eq 0 ] || fail "the silent install failed"
for file in loket.exe WebView2Loader.dll uninstall.exe; do
  [ -s "$programs/$file" ] || fail "$file missing from $programs"
done
cmp -s "$programs/loket.exe" target/installer/files/loket.exe || fail "loket.exe differs from the one built"
desktop="$home/Desktop/Loket.lnk"
start_menu="$home/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Loket"
shortcuts_there() { [ -f "$desktop" ] && [ -f "$start_menu/Loket.lnk" ] && [ -f "$start_menu/Hapus Instalan Loket.lnk" ]; }
shortcuts_there || fail "shortcuts missing"
entry=$("$WINE" reg query "$uninstall_key" 2>/dev/null | tr -d '\r' || true)
grep -q "DisplayVersion.*$version" <<<"$entry" || fail "Apps & features lacks the version: $entry"
grep -q "Publisher.*$publisher" <<<"$entry" || fail "Apps & features lacks the publisher: $entry"
grep -q "EstimatedSize" <<<"$entry" || fail "Apps & features lacks the size: $entry"
echo "installed per user in AppData\\Local\\Programs\\Loket; shortcuts; Apps & features shows $version, $publisher"

# 4. Installing again while Loket is open: refused, the program left whole. Once closed, the
# same installer installs over it (as a newer version would): WebView2 registered in the
# machine's 64-bit view only, then for this user only.
hold_open "$programs/loket.exe"
[ "$(run "$installer" /S)" -eq 3 ] || fail "a reinstall while Loket is open did not exit 3"
release
cmp -s "$programs/loket.exe" target/installer/files/loket.exe || fail "loket.exe damaged by a refused reinstall"
"$WINE" reg delete "$webview2_machine_key" /reg:32 /f >/dev/null
"$WINE" reg add "$webview2_machine_key" /v pv /d 131.0.2903.70 /reg:64 /f >/dev/null
[ "$(run "$installer" /S)" -eq 0 ] || fail "the reinstall (WebView2 in the 64-bit view) failed"
"$WINE" reg delete "$webview2_machine_key" /reg:64 /f >/dev/null
"$WINE" reg add "$webview2_user_key" /v pv /d 131.0.2903.70 /f >/dev/null
[ "$(run "$installer" /S)" -eq 0 ] || fail "the reinstall (WebView2 per user) failed"
echo "while Loket is open: refused (exit 3), program intact; afterwards installed over it"

# 5. Uninstalling while Loket is open: refused, nothing removed. Run in place (_?=, which NSIS
# reads only unquoted, so from a batch file: the user name has a space), as IT can, so its
# exit code is seen.
printf '@echo off\r\n"%%LOCALAPPDATA%%\\Programs\\Loket\\uninstall.exe" /S _?=%%LOCALAPPDATA%%\\Programs\\Loket\r\nexit /b %%errorlevel%%\r\n' \
  >"$prefix/drive_c/uninstall-in-place.bat"
hold_open "$programs/loket.exe"
status=$(run cmd /c 'C:\uninstall-in-place.bat')
release
[ "$status" -eq 3 ] || fail "an uninstall while Loket is open did not exit 3 ($status)"
[ -s "$programs/loket.exe" ] && [ -s "$programs/uninstall.exe" ] && shortcuts_there \
  && "$WINE" reg query "$uninstall_key" >/dev/null 2>&1 \
  || fail "an uninstall while Loket is open removed something"
echo "an uninstall while Loket is open: refused (exit 3), nothing removed"

# 6. The office's data (as Loket writes it) survives a silent uninstall.
mkdir -p "$data/lampiran"
printf 'basis data kantor' >"$data/loket.db"
printf 'pindaian' >"$data/lampiran/surat.pdf"
# The uninstaller copies itself to the temporary folder and runs from there: wait for every
# process in the prefix to end.
run "$programs/uninstall.exe" /S >/dev/null
/usr/lib/wine/wineserver -w
[ ! -e "$programs" ] || fail "program files left behind: $(ls "$programs")"
[ ! -e "$desktop" ] && [ ! -e "$start_menu" ] || fail "shortcuts left behind"
if "$WINE" reg query "$uninstall_key" >/dev/null 2>&1; then fail "Apps & features entry left behind"; fi
[ "$(cat "$data/loket.db")" = "basis data kantor" ] && [ -f "$data/lampiran/surat.pdf" ] \
  || fail "the uninstaller touched the data folder"
echo "uninstalled (refused while open): program, shortcuts and entry gone; data folder $identifier kept"
