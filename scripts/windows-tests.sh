#!/usr/bin/env bash
# Runs the core's whole test suite as Windows code: built for x86_64-pc-windows-gnu and run
# under Debian's Wine, in a throwaway Wine prefix (so C:\users\<name>\AppData, drive letters
# and backslashes are Windows'), with the PC's clock in a zone far from WITA. Extra
# arguments go to `cargo test` (e.g. a test name).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/lib/wine/wine64 ] || need+=(wine64)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
for tool in pdftotext pdffonts pdfinfo pdftoppm; do
  command -v "$tool" >/dev/null || { need+=(poppler-utils); break; }
done
command -v qpdf >/dev/null || need+=(qpdf)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  echo "==> Installing ${need[*]} (Debian)" >&2
  $sudo_cmd apt-get update -qq >&2
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi
export PATH="$HOME/.cargo/bin:$PATH"
rustup target list --installed 2>/dev/null | grep -q x86_64-pc-windows-gnu \
  || rustup target add x86_64-pc-windows-gnu

prefix=$(mktemp -d /tmp/loket-wine.XXXXXX)
export WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
trap '/usr/lib/wine/wineserver -k >/dev/null 2>&1 || true; rm -rf "$prefix"' EXIT
# A user name with a space and a non-ASCII letter, as on many office PCs: the data folder
# and the temporary files then live under C:\users\Staf Résepsi\…
export USER="Staf Résepsi"
/usr/lib/wine/wine64 wineboot --init >/dev/null 2>&1
/usr/lib/wine/wineserver -w

# Wine 8.0 lacks bcryptprimitives.dll (see the source); Windows 10 and 11 have it.
x86_64-w64-mingw32-gcc -shared -O2 -o "$prefix/drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -ladvapi32
# The PDF tools the tests read documents with, as *.exe on Wine's PATH.
mkdir -p "$prefix/host-tools"
for tool in pdftotext pdffonts pdfinfo pdftoppm qpdf; do
  cp scripts/wine/host-tool "$prefix/host-tools/$tool.exe"
  chmod +x "$prefix/host-tools/$tool.exe"
done
export WINEPATH='Z:'$(printf '%s' "$prefix/host-tools" | tr '/' '\\')

# The printed documents are checked by Linux tools; as Windows code they must come out
# byte for byte as the Linux run wrote and checked them (tests/documents.rs).
cargo test -p loket-core --test documents

# Eight hours west of Greenwich: a date in WITA and one in the PC's zone differ for most of
# the day, so a date taken from the PC's clock instead of WITA shows.
export TZ=America/Los_Angeles
CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=/usr/lib/wine/wine64 \
  cargo test -p loket-core --target x86_64-pc-windows-gnu "$@"
