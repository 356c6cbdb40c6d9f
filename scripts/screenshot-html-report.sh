#!/bin/sh
# Render an example inventory as the HTML audit report and screenshot it in headless Chromium,
# to look at the report as a reader sees it (docs/reports.md, "## html").
#
#   scripts/screenshot-html-report.sh [OUT_DIR] [EXAMPLE]
#
# OUT_DIR defaults to build/html-report, EXAMPLE to hybrid-startup. HEIGHT=6000 makes a taller
# screenshot (default 2000 px; the width is 1280). Needs Chromium (Debian: apt-get install
# chromium) and the governance command (.venv/bin/governance, else the one on PATH).
# Chromium runs with host names resolving to nothing: the report needs no network.
set -eu
cd "$(dirname "$0")/.."
out="${1:-build/html-report}"
example="${2:-hybrid-startup}"
height="${HEIGHT:-2000}"

governance=.venv/bin/governance
[ -x "$governance" ] || governance=governance
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome) || {
    echo "no Chromium found: apt-get install chromium" >&2
    exit 2
}

mkdir -p "$out"
out=$(cd "$out" && pwd)
# Exit code 1 only says the example has rejected choices: the report is still written.
status=0
"$governance" check "examples/$example" --now 2026-11-24 -o "html=$out/$example.html" || status=$?
[ "$status" -le 1 ] || exit "$status"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
if ! "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-default-apps --disable-sync --no-first-run \
    --host-resolver-rules="MAP * ~NOTFOUND" --hide-scrollbars --user-data-dir="$profile" \
    --window-size="1280,$height" --screenshot="$out/$example.png" \
    "file://$out/$example.html" 2>"$profile/stderr"; then
    cat "$profile/stderr" >&2
    exit 1
fi
echo "wrote $out/$example.html and $out/$example.png"
