#!/usr/bin/env bash
# The browser the e2e tests launch: Debian's Chromium ($CHROMIUM), with every --disable-features it
# is given merged into one. Chromium keeps only the last --disable-features, and Playwright passes
# its own list: a second list of the tests' would drop Playwright's.
set -euo pipefail
features=()
args=()
for arg in "$@"; do
  case "$arg" in
    --disable-features=*) features+=("${arg#--disable-features=}") ;;
    *) args+=("$arg") ;;
  esac
done
IFS=,
exec "$CHROMIUM" "${args[@]}" ${features[@]+"--disable-features=${features[*]}"}
