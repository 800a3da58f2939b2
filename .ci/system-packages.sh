#!/usr/bin/env bash
# Debian packages the tests need: Chromium (browser tests) with a CJK font for the page text it renders in
# screenshots (charts and the PDF slip bring their own font: assistant/ui/fonts.py), PostgreSQL (shared
# audit log test). Skips what is present.
set -uo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || need+=(fonts-wqy-microhei)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
    || echo "warning: could not install ${need[*]}; tests that need them will be skipped" >&2
fi
exit 0
