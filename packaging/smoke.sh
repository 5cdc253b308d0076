#!/usr/bin/env bash
# Smoke test of a built launcher, run the way a keeper's machine would: from a scratch folder outside the
# checkout, with a clean environment (no PYTHONPATH, no virtualenv, a fresh HOME).
#
#   bash packaging/smoke.sh dist/village-archive/village-archive
#   bash packaging/smoke.sh /usr/bin/village-archive              (after dpkg -i)
#
# Runs: --version, demo, report (fonts embedded, by pdffonts), check, export + verify, station import,
# export-sheet + import-sheet of an .xlsx, and the app offscreen until its main window shows
# (VILLAGE_ARCHIVE_SMOKE_GUI, see gui/smoke.py). Exits non-zero on the first failure.
set -euo pipefail
launcher="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
work="$(mktemp -d "${TMPDIR:-/tmp}/va-smoke.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir home
run() {
  env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"
}
passed=0
step() { printf '  %-34s' "$1"; }
ok() { echo "ok${1:+ ($1)}"; passed=$((passed + 1)); }

echo "smoke: $launcher (in $work)"
step "--version";        v="$(run "$launcher" --version)"; ok "$v"
step "demo";             run "$launcher" demo --archive demo.db >/dev/null; ok
step "report";           run "$launcher" report --archive demo.db --year 2017 --out dossier.pdf >/dev/null
fonts="$(pdffonts dossier.pdf | tail -n +3)"
[ -n "$fonts" ] || { echo "no fonts in the PDF"; exit 1; }
if echo "$fonts" | awk '{ if ($(NF-4) != "yes") bad=1 } END { exit !bad }'; then
  echo "a font is not embedded:"; echo "$fonts"; exit 1
fi
ok "$(pdfinfo dossier.pdf | awk '/^Pages:/ {print $2}') pages, $(echo "$fonts" | wc -l) fonts, all embedded"
step "check";            run "$launcher" check --archive demo.db >/dev/null; ok
step "export";           run "$launcher" export --archive demo.db --year 2017 --out village.zip >/dev/null; ok
step "verify";           run "$launcher" verify village.zip >/dev/null; ok
step "station import"
run "$launcher" init --archive station.db --role station --center-name 苍城镇文体服务中心 --town 苍城镇 >/dev/null
run "$launcher" station import --archive station.db village.zip >/dev/null
run "$launcher" station overview --archive station.db --year 2017 >/dev/null; ok
step "export-sheet + import-sheet"
run "$launcher" export-sheet --archive demo.db --kind equipment --out equipment.xlsx >/dev/null
run "$launcher" init --archive fresh.db --center-name 城西村综合性文化服务中心 --town 苍城镇 --village 城西村 >/dev/null
run "$launcher" import-sheet --archive fresh.db --kind equipment equipment.xlsx >/dev/null
ok "$(run "$launcher" stats --archive fresh.db --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["equipment"])' 2>/dev/null || echo '?') equipment"
step "app offscreen"
out="$(run env VILLAGE_ARCHIVE_SMOKE_GUI=90 "$launcher" --archive demo.db 2>"$work/gui.err")" || {
  echo "failed"; cat "$work/gui.err"; exit 1; }
echo "$out" | grep -q "smoke-gui: MainWindow" || { echo "no main window: $out"; cat "$work/gui.err"; exit 1; }
ok "$(echo "$out" | grep smoke-gui | cut -c12-)"
echo "smoke: $passed passed, 0 failed"
