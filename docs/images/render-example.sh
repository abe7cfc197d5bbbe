#!/usr/bin/env bash
# Regenerate docs/images/render-example.png: the bundled example rendered as HTML and captured
# by headless Chromium at its full height, then reduced to a palette PNG (pngquant) to stay small.
# Needs the Debian packages chromium, fonts-noto-cjk and pngquant.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chrome=(chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
        --disable-component-update --disable-sync --hide-scrollbars "--user-data-dir=$work/profile")
.venv/bin/govreport render examples/qingshi-2024.toml -o "$work/report.html"
# Measure the page height, then capture the whole page 900 px wide.
sed 's|</body>|<script>document.body.dataset.h = document.documentElement.scrollHeight</script></body>|' \
    "$work/report.html" > "$work/measure.html"
height=$("${chrome[@]}" --window-size=900,1000 --dump-dom "file://$work/measure.html" 2>/dev/null |
         sed -n 's/.*data-h="\([0-9]*\)".*/\1/p')
"${chrome[@]}" --window-size="900,$height" --screenshot="$work/page.png" "file://$work/report.html" 2>/dev/null
pngquant --quality=60-85 --speed 1 --force --output docs/images/render-example.png "$work/page.png"
ls -l docs/images/render-example.png
