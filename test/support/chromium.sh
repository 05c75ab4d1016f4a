#!/usr/bin/env bash
# The browser the kit's browser tests launch: Debian's Chromium ($CHROMIUM, else /usr/bin/chromium)
# without the address bar's popups, which every window renders in processes of their own (the
# AI-mode one too) for pages that never type in the address bar. Chromium keeps only the last
# --disable-features, and Playwright passes its own list: the lists given are merged into one,
# with these two features added. test/browser-wrapper.test.ts holds it to that.
set -euo pipefail
browser="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$browser" ]; then
  echo "chromium.sh: no Chromium at $browser: apt-get install chromium, or set CHROMIUM_PATH." >&2
  exit 127
fi
features=(WebUIOmniboxPopup WebUIOmniboxAimPopup)
args=()
for arg in "$@"; do
  case "$arg" in
    --disable-features=*) features+=("${arg#--disable-features=}") ;;
    *) args+=("$arg") ;;
  esac
done
IFS=,
exec "$browser" ${args[@]+"${args[@]}"} "--disable-features=${features[*]}"
