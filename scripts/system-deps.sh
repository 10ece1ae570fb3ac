#!/usr/bin/env bash
# Debian packages the app needs: Qt's system libraries, a CJK font for the UI,
# poppler for looking at PDFs; --desktop adds what a real window needs, --tests
# what the tests need beyond that (a headless browser for the district's pages).
# Safe to repeat; needs root.
set -euo pipefail
packages=(libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libdbus-1-3 fonts-wqy-microhei poppler-utils)
for flag in "$@"; do
  case "$flag" in
    --desktop)  # a real window on an X11 desktop, and printing through CUPS
      packages+=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
                 libxcb-shape0 libxcb-xkb1 libcups2) ;;
    --tests)  # the district service's pages, opened in a real headless browser
      packages+=(chromium chromium-driver) ;;
  esac
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Please install these Debian packages (as root): ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
