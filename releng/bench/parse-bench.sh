#!/bin/sh
# Header-only parsing: Lightbox (one JVM, warm) against dcmtk's "dcmdump +sb 7fe0,0010" over the same files.
# Compiles dicom.core and the bench with javac into a temp folder (no Tycho build needed), generates the files
# once (kept in $BENCH_DIR, default /tmp/lightbox-parse-bench), prints files/s of both and the ratio.
# Environment: FILES (default 10000), BENCH_DIR.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
FILES=${FILES:-10000}
WORK=${BENCH_DIR:-/tmp/lightbox-parse-bench}
command -v dcmdump >/dev/null || { echo "dcmdump (dcmtk) is required on PATH" >&2; exit 1; }

CLASSES=$(mktemp -d)
trap 'rm -rf "$CLASSES"' EXIT
SRC=$ROOT/bundles/org.lightbox.dicom.core/src
javac --release 17 -nowarn -d "$CLASSES" $(find "$SRC" -name '*.java') "$HERE/ParseBench.java"
(cd "$SRC" && find . -type f ! -name '*.java' -exec cp --parents {} "$CLASSES" \;)

DATA=$WORK/files-$FILES
if [ ! -f "$DATA/.complete" ]; then
    rm -rf "$DATA"
    echo "generating $FILES files in $DATA ..."
    java -cp "$CLASSES" ParseBench generate "$DATA" "$FILES"
    touch "$DATA/.complete"
fi
LIST=$WORK/list-$FILES
find "$DATA" -name '*.dcm' | sort > "$LIST"
echo "$(wc -l < "$LIST") files, $(du -sh "$DATA" | cut -f1)"

java -Xmx256m -cp "$CLASSES" ParseBench parse "$DATA" > "$CLASSES/ours.txt"
grep -v '^RESULT' "$CLASSES/ours.txt"
OURS=$(sed -n 's/^RESULT //p' "$CLASSES/ours.txt")
# for comparison with dcmdump, which also formats its output: the same parse plus our dump into memory
java -Xmx256m -cp "$CLASSES" ParseBench parse "$DATA" --dump | grep -v '^RESULT'

xargs -n 1000 dcmdump -q +sb 7fe0,0010 < "$LIST" > /dev/null # warm-up (page cache)
BEST=""
for round in 1 2 3; do
    T0=$(date +%s%N)
    xargs -n 1000 dcmdump -q +sb 7fe0,0010 < "$LIST" > /dev/null
    T1=$(date +%s%N)
    NS=$((T1 - T0))
    if [ -z "$BEST" ] || [ "$NS" -lt "$BEST" ]; then BEST=$NS; fi
done
N=$(wc -l < "$LIST")
THEIRS=$(awk -v n="$N" -v ns="$BEST" 'BEGIN { printf "%.0f", n / (ns / 1e9) }')
awk -v n="$N" -v ns="$BEST" 'BEGIN { printf "dcmdump +sb 7fe0,0010: %d files in %.3f s (best of 3): %.0f files/s\n", n, ns / 1e9, n / (ns / 1e9) }'
awk -v a="$OURS" -v b="$THEIRS" 'BEGIN { printf "ratio lightbox / dcmdump: %.1fx (goal: at least 3x)\n", a / b }'
