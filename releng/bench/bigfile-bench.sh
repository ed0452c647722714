#!/bin/sh
# Opening a 500 MB multi-frame file and reading its header with a 64 MB heap: reports the heap used and the bytes
# read (none of the pixel data may be read). The file is written frame by frame, also with -Xmx64m.
# Environment: FRAMES (default 1000 frames of 512x512x16 bit = 524 MB), BENCH_DIR (kept between runs).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
FRAMES=${FRAMES:-1000}
WORK=${BENCH_DIR:-/tmp/lightbox-bigfile-bench}
mkdir -p "$WORK"

CLASSES=$(mktemp -d)
trap 'rm -rf "$CLASSES"' EXIT
SRC=$ROOT/bundles/org.lightbox.dicom.core/src
javac --release 17 -nowarn -d "$CLASSES" $(find "$SRC" -name '*.java') "$HERE/BigFileBench.java"
(cd "$SRC" && find . -type f ! -name '*.java' -exec cp --parents {} "$CLASSES" \;)

FILE=$WORK/multiframe-$FRAMES.dcm
if [ ! -f "$FILE" ]; then
    echo "writing $FILE ($FRAMES frames) with -Xmx64m ..."
    java -Xmx64m -cp "$CLASSES" BigFileBench generate "$FILE" "$FRAMES"
fi
java -Xmx64m -cp "$CLASSES" BigFileBench read "$FILE"
dcmdump +sb 7fe0,0010 "$FILE" > /dev/null 2>&1 && echo "dcmdump reads the file too" || echo "WARNING: dcmdump cannot read $FILE"
