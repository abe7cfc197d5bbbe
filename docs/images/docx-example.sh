#!/usr/bin/env bash
# Regenerate docs/images/docx-page1.png and docs/images/docx-table3.png: the bundled example
# rendered as Word (govreport render --to docx), converted to PDF by LibreOffice headless and
# rasterised at 60 dpi in grey by pdftoppm — page 1 and the first page of table 三.
# Needs the Debian packages libreoffice-writer-nogui, fonts-noto-cjk and poppler-utils
# (pngquant, where installed, makes the PNGs smaller).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/govreport render examples/qingshi-2024.toml -o "$work/report.docx"
soffice "-env:UserInstallation=file://$work/profile" --headless --norestore \
    --convert-to pdf --outdir "$work" "$work/report.docx" >/dev/null 2>&1
pages=$(pdfinfo "$work/report.pdf" | sed -n 's/^Pages: *//p')
table3=$(for p in $(seq 1 "$pages"); do
    pdftotext -f "$p" -l "$p" "$work/report.pdf" - | tr -d ' \n' | grep -q '申请人情况' && echo "$p" && break
done)
for pair in "1 docx-page1" "$table3 docx-table3"; do
    set -- $pair
    pdftoppm -png -gray -r 60 -f "$1" -l "$1" -singlefile "$work/report.pdf" "$work/$2"
    if command -v pngquant >/dev/null 2>&1; then
        pngquant --quality=60-85 --speed 1 --force --output "docs/images/$2.png" "$work/$2.png"
    else
        cp "$work/$2.png" "docs/images/$2.png"
    fi
done
ls -l docs/images/docx-page1.png docs/images/docx-table3.png
