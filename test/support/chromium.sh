#!/usr/bin/env bash
# The browser the kit's browser tests launch: Debian's Chromium ($CHROMIUM, else /usr/bin/chromium)
# without the address bar's popups. Every window renders those in processes of their own (the
# AI-mode one too), a third of the browser's CPU in these tests, whose pages never type in the
# address bar. Chromium keeps only the last --disable-features, and Playwright passes its own
# list: the lists given are merged into one, with these two features added.
set -euo pipefail
features=(WebUIOmniboxPopup WebUIOmniboxAimPopup)
args=()
for arg in "$@"; do
  case "$arg" in
    --disable-features=*) features+=("${arg#--disable-features=}") ;;
    *) args+=("$arg") ;;
  esac
done
IFS=,
exec "${CHROMIUM:-/usr/bin/chromium}" "${args[@]}" "--disable-features=${features[*]}"
