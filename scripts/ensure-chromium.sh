#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests when it is missing. Playwright's own browser
# download cannot work on our machines, so the tests drive /usr/bin/chromium.
set -euo pipefail
CHROMIUM=${KOMPETENSI_CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
echo "Chromium belum terpasang; memasang paket Debian 'chromium'..."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "Tidak dapat memasang Chromium: jalankan sebagai root atau pasang 'chromium' dengan apt-get." >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
test -x "$CHROMIUM" || { echo "Chromium tetap tidak ditemukan di $CHROMIUM." >&2; exit 1; }
