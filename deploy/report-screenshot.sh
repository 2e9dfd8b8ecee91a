#!/usr/bin/env bash
# A report as a browser draws it, and a check that it fits the window's width.
#   deploy/report-screenshot.sh REPORT.html OUT.png [WIDTH]
# Loads REPORT.html in headless Chromium WIDTH pixels wide (default 1280), writes the whole page
# as OUT.png, then checks the layout: exit 1 when the page is wider than the window (something
# runs off to the side) or a table needs its scroll bar to be read, naming each offender; exit 0
# when it fits. The check runs on a copy of the page with a few lines of script added that
# measure it (the report itself has none); --dump-dom prints what they measured.
# Chromium is Debian's `chromium` package: when no Chromium is found this installs it (apt-get,
# as root or through sudo) and says so first. Exit 2 on bad arguments or without a browser.
set -euo pipefail
PROG=report-screenshot

[ $# -ge 2 ] && [ $# -le 3 ] || { echo "usage: $0 REPORT.html OUT.png [WIDTH]" >&2; exit 2; }
REPORT="$1"
OUT="$2"
WIDTH="${3:-1280}"
[ -f "$REPORT" ] || { echo "$PROG: $REPORT: no such file; expected a report.html" >&2; exit 2; }
case "$WIDTH" in ''|*[!0-9]*) echo "$PROG: WIDTH must be a number of pixels, got $WIDTH" >&2; exit 2 ;; esac
# Chrome will not draw a screenshot taller than this; longer pages are cut at it (and said so).
MAX_HEIGHT=16000

find_browser() {
  for b in chromium chromium-browser google-chrome; do
    command -v "$b" 2>/dev/null && return 0
  done
  return 1
}

BROWSER="$(find_browser || true)"
if [ -z "$BROWSER" ]; then
  echo "$PROG: no Chromium found; installing Debian's chromium package (apt-get install chromium) ..." >&2
  command -v apt-get >/dev/null 2>&1 || { echo "$PROG: apt-get is not available: install Chromium and retry" >&2; exit 2; }
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "$PROG: need root (or sudo) to apt-get install chromium" >&2; exit 2; }
    SUDO="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! $SUDO apt-get install -y -qq chromium >/dev/null 2>&1; then
    # A fresh machine has empty package lists; refresh them once and retry.
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq chromium >/dev/null
  fi
  BROWSER="$(find_browser)" || { echo "$PROG: chromium installed but not on PATH" >&2; exit 2; }
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Headless, as root in containers (no sandbox), no GPU, scroll bars hidden so the page gets the
# window's full width; what Chromium says on stderr (D-Bus and GPU chatter) is shown only on failure.
browser() {
  if ! "$BROWSER" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
      --user-data-dir="$WORK/profile" "$@" 2>"$WORK/browser.err"; then
    cat "$WORK/browser.err" >&2
    echo "$PROG: $BROWSER failed" >&2
    exit 2
  fi
}

# The copy that measures itself: the page's and window's widths, what sticks out beyond the window
# (outside the tables' own scroll boxes), and which tables need scrolling. No reload while measured.
MEASURED="$WORK/measured.html"
sed 's|<meta http-equiv="refresh"[^>]*>||' "$REPORT" > "$MEASURED"
cat >> "$MEASURED" <<'EOF'
<script>
(function () {
  var root = document.documentElement, width = root.clientWidth, wide = [], scrolled = [];
  function name(e) {
    var section = e.closest('section');
    return e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + (section ? ' in #' + section.id : '');
  }
  function sticksOut(e) { return e.getBoundingClientRect().right > width + 1; }
  document.querySelectorAll('body *').forEach(function (e) {
    // The outermost offender only: its contents stick out with it.
    if (!e.closest('.scroll') && sticksOut(e) && !sticksOut(e.parentElement)) {
      wide.push(name(e) + ' reaches ' + Math.round(e.getBoundingClientRect().right) + ' px');
    }
  });
  document.querySelectorAll('.scroll').forEach(function (e) {
    if (e.scrollWidth > e.clientWidth + 1) {
      scrolled.push(name(e) + ' is ' + e.scrollWidth + ' px wide in ' + e.clientWidth + ' px');
    }
  });
  root.setAttribute('data-scroll-width', root.scrollWidth);
  root.setAttribute('data-client-width', width);
  root.setAttribute('data-page-height', root.scrollHeight);
  root.setAttribute('data-too-wide', wide.slice(0, 10).join('; '));
  root.setAttribute('data-scrolled', scrolled.join('; '));
})();
</script>
EOF

browser --window-size="$WIDTH,1000" --dump-dom "file://$(realpath "$MEASURED")" > "$WORK/dom.html"
attribute() {
  sed -n "s/.*<html[^>]* $1=\"\([^\"]*\)\".*/\1/p" "$WORK/dom.html" | head -n 1
}
SCROLL_WIDTH="$(attribute data-scroll-width)"
CLIENT_WIDTH="$(attribute data-client-width)"
HEIGHT="$(attribute data-page-height)"
TOO_WIDE="$(attribute data-too-wide)"
SCROLLED="$(attribute data-scrolled)"
[ -n "$SCROLL_WIDTH" ] && [ -n "$CLIENT_WIDTH" ] && [ -n "$HEIGHT" ] || {
  echo "$PROG: the page did not report its size (is $REPORT an HTML page?)" >&2; exit 2; }

SHOT_HEIGHT="$HEIGHT"
if [ "$HEIGHT" -gt "$MAX_HEIGHT" ]; then
  echo "$PROG: the page is $HEIGHT px tall; the screenshot stops at $MAX_HEIGHT px" >&2
  SHOT_HEIGHT="$MAX_HEIGHT"
fi
browser --window-size="$WIDTH,$SHOT_HEIGHT" --screenshot="$(realpath -m "$OUT")" "file://$(realpath "$REPORT")" >/dev/null
[ -s "$OUT" ] || { echo "$PROG: no screenshot was written to $OUT" >&2; exit 2; }
echo "$PROG: $OUT ($WIDTH x $SHOT_HEIGHT px)"

FAILED=0
if [ "$SCROLL_WIDTH" -gt "$CLIENT_WIDTH" ]; then
  echo "$PROG: layout: the page is $SCROLL_WIDTH px wide in a $CLIENT_WIDTH px window: ${TOO_WIDE:-?}" >&2
  FAILED=1
fi
if [ -n "$SCROLLED" ]; then
  echo "$PROG: layout: a table needs scrolling at $WIDTH px: $SCROLLED" >&2
  FAILED=1
fi
[ "$FAILED" = 0 ] && echo "$PROG: layout: fits $WIDTH px (no horizontal overflow, no table needs scrolling)"
exit "$FAILED"
