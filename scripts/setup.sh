#!/usr/bin/env bash
# Installs what a fresh Debian 12 / Ubuntu 22.04+ machine lacks to build and run Loket, and
# with "test" also what the tests need (Xvfb, WebKitWebDriver, tauri-driver, the Windows
# cross-compiler). Installs only what is missing; safe to run again.
set -euo pipefail
mode="${1:-app}"

packages=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev
  libssl-dev build-essential pkg-config curl file xdg-utils)
if [ "$mode" = "test" ]; then
  packages+=(xvfb xauth webkit2gtk-driver poppler-utils qpdf imagemagick x11-utils gcc-mingw-w64-x86-64
    wine64 nsis p7zip-full openssl)
fi

bash "$(dirname "$0")/install-missing.sh" "${packages[@]}"

# Rust: Debian's own cargo is too old for Tauri 2, so use rustup's stable toolchain.
if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "==> Installing Rust (rustup, stable)"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  export PATH="$HOME/.cargo/bin:$PATH"
fi

if [ "$mode" = "test" ]; then
  for component in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
  done
  rustup target list --installed | grep -q '^x86_64-pc-windows-gnu$' || rustup target add x86_64-pc-windows-gnu
  if ! command -v tauri-driver >/dev/null 2>&1; then
    echo "==> Installing tauri-driver"
    cargo install tauri-driver --locked
  fi
fi
