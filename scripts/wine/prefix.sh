# Sourced: a throwaway Wine prefix for Windows code, removed on exit. Sets WINEPREFIX, WINE.
prefix=$(mktemp -d /tmp/loket-wine.XXXXXX)
export WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
WINE=/usr/lib/wine/wine64
trap '/usr/lib/wine/wineserver -k >/dev/null 2>&1 || true; rm -rf "$prefix"' EXIT
# A user name with a space and a non-ASCII letter, as on many office PCs: the data folder
# and the temporary files then live under C:\users\Staf Résepsi\…
export USER="Staf Résepsi"
"$WINE" wineboot --init >/dev/null 2>&1
# Debian's Wine 8.0 presents itself as Windows 7; Loket is for Windows 10 and 11.
"$WINE" winecfg -v win10 >/dev/null 2>&1
/usr/lib/wine/wineserver -w
# Wine 8.0 lacks bcryptprimitives.dll (see the source); Windows 10 and 11 have it.
x86_64-w64-mingw32-gcc -shared -O2 -o "$prefix/drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -ladvapi32
