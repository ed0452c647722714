#!/usr/bin/env bash
# Retakes the user guide's screenshots (docs/images/*.png): builds Lightbox and runs only the DocScreenshots test
# inside the real workbench (Tycho UI harness) under Xvfb with metacity, against dcmqrscp and storescu.
# Needs what ./run-tests installs (xvfb, metacity, dcmtk, GTK 3). Extra arguments go to Maven, e.g. -o.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out="$root/docs/images"
mkdir -p "$out"
for cmd in xvfb-run metacity storescu dcmqrscp; do
  command -v "$cmd" >/dev/null || { echo "screenshots: $cmd is missing (./run-tests installs it)" >&2; exit 1; }
done
# a fresh data folder for the workbench under test: the pictures show the guide's studies only
rm -rf tests/org.lightbox.query.ui.tests/target/lightbox-home

xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
  metacity --sm-disable >/dev/null 2>&1 &
  wm=$!
  trap "kill $wm 2>/dev/null || true" EXIT
  root=$1 out=$2
  shift 2
  "$root"/build -B verify -pl "!releng/org.lightbox.site" -Dtest=DocScreenshots \
      -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoTests=false -Dlightbox.screenshots="$out" "$@"
' screenshots "$root" "$out" "$@"
ls -l "$out"/*.png
