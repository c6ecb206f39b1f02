#!/usr/bin/env bash
# Screenshots of the sections of a Plumbline HTML report, for the README (docs/img/):
#   bin/report-screenshots.sh plumbline-out/demo/report.html docs/img
# Each shot is the page with every other section hidden by an added style rule (the page's CSP
# admits inline styles), taken by headless Chromium at 1000 px wide. Needs chromium on PATH.
set -euo pipefail
report=${1:?usage: bin/report-screenshots.sh REPORT.html OUTDIR}
out=${2:?usage: bin/report-screenshots.sh REPORT.html OUTDIR}
chromium=${PLUMBLINE_CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# section id : screenshot height in px (what the demo's sections need)
for shot in verdict:260 leaderboard:760 pairwise:330 hallucinations:1500 queries:1100; do
  id=${shot%%:*}
  height=${shot##*:}
  page="$tmp/$id.html"
  sed "s#</head>#<style>header,nav,footer,section:not(\#$id){display:none}section{margin-top:4px}</style></head>#" \
    "$report" > "$page"
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$tmp/profile" \
    --window-size=1000,"$height" --screenshot="$out/report-$id.png" "file://$page" 2>/dev/null
  echo "wrote $out/report-$id.png"
done
