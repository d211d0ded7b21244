#!/usr/bin/env bash
# Runs the core's whole test suite as Windows code: built for x86_64-pc-windows-gnu and run
# under Debian's Wine, in a throwaway Wine prefix (so C:\users\<name>\AppData, drive letters
# and backslashes are Windows'), with the PC's clock in a zone far from WITA. Extra
# arguments go to `cargo test` (e.g. a test name).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-missing.sh wine64 gcc-mingw-w64-x86-64 poppler-utils qpdf
export PATH="$HOME/.cargo/bin:$PATH"
rustup target list --installed 2>/dev/null | grep -q x86_64-pc-windows-gnu \
  || rustup target add x86_64-pc-windows-gnu

# The PC's clock eight hours west of Greenwich: a date in WITA and one in the PC's zone differ
# for most of the day, so a date taken from the PC's zone instead of WITA shows.
export TZ=America/Los_Angeles
source scripts/wine/prefix.sh
zone=$("$WINE" reg query 'HKLM\System\CurrentControlSet\Control\TimeZoneInformation' /v TimeZoneKeyName | tr -d '\r' || true)
grep -q "Pacific Standard Time" <<<"$zone" || { echo "Wine did not take the zone from TZ: $zone" >&2; exit 1; }

# A mapped network drive N: (a Wine drive of type "network"), which the data folder must
# refuse by its letter.
mkdir -p "$prefix/network-share"
ln -s "$prefix/network-share" "$prefix/dosdevices/n:"
"$WINE" reg add 'HKLM\Software\Wine\Drives' /v 'n:' /d network /f >/dev/null
/usr/lib/wine/wineserver -w
export LOKET_TEST_NETWORK_DRIVE=N:

# The printed documents are checked by Linux tools; as Windows code they must come out
# byte for byte as the Linux run wrote and checked them (tests/documents.rs).
env -u TZ cargo test --workspace --test documents

CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=$WINE \
  cargo test -p loket-core --target x86_64-pc-windows-gnu "$@"
