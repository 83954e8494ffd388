#!/usr/bin/env bash
# Set up the converter on a fresh machine: system libraries (when root), then a virtual environment in .venv
# with the package and its test tools. Safe to run again; it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# System libraries: Pango (WeasyPrint's text engine), fonts for Chinese, Japanese and Korean (our packaged
# fonts cover Latin, Greek and Cyrillic only), poppler-utils (pdftotext in tests), epubcheck and a Java
# runtime (EPUB validation in tests), Chromium (the HTML edition tested in a real browser, driven by
# Playwright: Debian's build, never one Playwright downloads).
need=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || need+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b)
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so' || need+=(libharfbuzz-subset0)
# (U+4E2D is a Chinese ideograph, U+C5D4 a Hangul syllable: Droid Sans Fallback has no Hangul syllables,
# so Korean needs Nanum, 10 MB.)
fc-list ':charset=4e2d' 2>/dev/null | grep -q . || need+=(fonts-droid-fallback)
fc-list ':charset=c5d4' 2>/dev/null | grep -q . || need+=(fonts-nanum)
# Other scripts, each only where no installed font draws it: Arabic Naskh (Amiri, 2.5 MB; DejaVu's Arabic is
# a sans fallback, not a book face), Hebrew (U+05D0), Devanagari (U+0915, Lohit, 0.2 MB), Thai (U+0E01, Loma,
# 0.4 MB; Pango segments Thai words itself, with libthai).
fc-list ':lang=ar' family 2>/dev/null | grep -qiE 'amiri|naskh|scheherazade' || need+=(fonts-hosny-amiri)
fc-list ':charset=5d0' 2>/dev/null | grep -q . || need+=(fonts-dejavu-core)
fc-list ':charset=915' 2>/dev/null | grep -q . || need+=(fonts-lohit-deva)
fc-list ':charset=e01' 2>/dev/null | grep -q . || need+=(fonts-tlwg-loma-ttf)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v epubcheck >/dev/null || need+=(epubcheck)
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
# pip, without one warning of the machine's: a pip configuration (pip config debug) that lists local
# file:// package indexes as extra indexes (extra-index-url = file:///opt/pypi/simple ...) holding only some
# projects makes pip warn "Location 'file:///.../<project>/' is ignored: it is neither a file nor a
# directory" for every project missing from them, i.e. for most of our dependencies, on every install.
# Nothing is wrong with the install; every other message of pip's, and its exit status, come through.
pip_quietly() {
  local status
  { .venv/bin/python -m pip "$@" 2>&1 1>&3 3>&- \
      | { grep -v -E "^WARNING: Location 'file://[^']*' is ignored: it is neither a file nor a directory\.$" || true; } >&2
    status=${PIPESTATUS[0]}; } 3>&1
  return "$status"
}
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  pip_quietly install -q --upgrade pip >/dev/null
  pip_quietly install -q -e '.[test]'
  rm -f .venv/.installed-* && touch "$stamp"
fi
# Our modules' bytecode, written now as a wheel's install writes it: an editable install writes none, and
# where PYTHONDONTWRITEBYTECODE is set (as on our CI machines) every process would compile every module it
# imports again (about 0.2 s of CPU in each process: a fifth of a one-page conversion, 0.83-0.92 s against
# 0.98-1.13 s for the bundled example to PDF). Only what is missing or stale is compiled.
.venv/bin/python -m compileall -q converter >/dev/null
