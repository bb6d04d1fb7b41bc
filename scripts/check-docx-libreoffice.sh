#!/usr/bin/env bash
# Generates the sample requirements annex and converts it to PDF with LibreOffice, to prove the
# DOCX opens in a real word processor, not only in our zip test. Fails if no PDF comes out.
# Needs `libreoffice` or `soffice` on PATH (Debian: apt-get install libreoffice-writer-nogui).
set -euo pipefail

cd "$(dirname "$0")/.."
office="$(command -v libreoffice || command -v soffice || true)"
if [[ -z "$office" ]]; then
  echo "check-docx-libreoffice: neither libreoffice nor soffice is on PATH" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

npx tsx scripts/generate-sample-annex.ts "$work"

for lang in sv en; do
  # A private profile keeps parallel runs from fighting over the user's LibreOffice profile lock.
  "$office" -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work/annex-$lang.docx" >/dev/null 2>&1 || true
  pdf="$work/annex-$lang.pdf"
  if [[ ! -s "$pdf" ]] || [[ "$(head -c 5 "$pdf")" != "%PDF-" ]]; then
    echo "check-docx-libreoffice: LibreOffice did not produce $pdf" >&2
    exit 1
  fi
  echo "check-docx-libreoffice: annex-$lang.docx → annex-$lang.pdf ($(wc -c <"$pdf") bytes)"
done
