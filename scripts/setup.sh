#!/usr/bin/env bash
# Set up the converter on a fresh machine: system libraries (when root), then a virtual environment in .venv
# with the package and its test tools. Safe to run again; it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# System libraries: Pango (WeasyPrint's text engine), fonts for Chinese, Japanese and Korean (our packaged
# fonts cover Latin, Greek and Cyrillic only), poppler-utils (pdftotext in tests), epubcheck and a Java
# runtime (EPUB validation in tests), chromium (browser tests).
need=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || need+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b)
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so' || need+=(libharfbuzz-subset0)
# (U+4E2D is a Chinese ideograph, U+C5D4 a Hangul syllable: Droid Sans Fallback has no Hangul syllables,
# so Korean needs Nanum, 10 MB.)
fc-list ':charset=4e2d' 2>/dev/null | grep -q . || need+=(fonts-droid-fallback)
fc-list ':charset=c5d4' 2>/dev/null | grep -q . || need+=(fonts-nanum)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v epubcheck >/dev/null || need+=(epubcheck)
# chromium: the browser tests open the editions' index page in it (playwright drives it; none is downloaded)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "setup: please install these system packages: ${need[*]}" >&2
  fi
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e '.[test]'
  rm -f .venv/.installed-* && touch "$stamp"
fi
