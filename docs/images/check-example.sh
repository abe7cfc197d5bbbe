#!/usr/bin/env bash
# Regenerate docs/images/check-example.png: `govreport check --format html` on a small county
# folder (the two example years, a copy of 2024 with another organ and a broken row total, two
# published samples), opened by headless Chromium at the broken total's finding.
# Needs the Debian packages chromium and fonts-noto-cjk, and ../shared/reference/samples.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/县"
cp examples/qingshi-2024.toml "$work/县/青石镇-2024.toml"
cp examples/qingshi-2023.toml "$work/县/青石镇-2023.toml"
cp ../shared/reference/samples/000_3d5a5a7e12036567.txt "$work/县/贾塘乡-2024.txt"
cp ../shared/reference/samples/pingtan-2023-portal-page.html "$work/县/平潭-2023.html"
sed -e 's/^total = 17 /total = 19 /' -e 's/云岭县青石镇人民政府"/云岭县白石镇人民政府"/' \
    examples/qingshi-2024.toml > "$work/县/白石镇-2024.toml"
(cd "$work" && "$OLDPWD/.venv/bin/govreport" check 县 --format html -o check.html) || true
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars "--user-data-dir=$work/profile" \
    --window-size=1280,1400 --virtual-time-budget=5000 --screenshot=docs/images/check-example.png \
    "file://$work/check.html#sort=-errors&open=report-2-finding-8" 2>/dev/null
ls -l docs/images/check-example.png
