#!/bin/sh
# Retrieve benchmark (issue 7), against dcmtk in the same run, on /dev/shm when there is one:
#   C-MOVE of an N-image study (default 300 CT 512x512x16) from dcmqrscp into Lightbox's node vs into storescp
#   (movescu triggers both), and C-GET of it by Lightbox's SCU into a catalog vs dcmtk's getscu.
#   Ratio = t(dcmtk) / t(lightbox); the goal is >= 1.0 for both.
#
#   releng/bench/retrieve-bench.sh [images] [rounds]      (defaults 300 and 3, after warm-up rounds that last until the JIT settles)
#
# Needs a JDK 17, dcmtk 3.6.7 (storescu, storescp, movescu, getscu, dcmqrscp) and the jars jars.sh finds (Derby,
# OSGi; after one build they are in the local Maven repository). Compiles what it needs into a temporary folder.
# Set BENCH_DATA to a folder to keep the generated images between runs (default: generated anew each run).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

. "$here/jars.sh"
for tool in storescu storescp movescu getscu dcmqrscp; do
    command -v "$tool" >/dev/null || { echo "retrieve-bench: dcmtk's $tool is not on PATH" >&2; exit 2; }
done

tmproot=$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp )
work=$(mktemp -d -p "$tmproot")
data=${BENCH_DATA:-$work/data}
trap 'rm -rf "$work"' EXIT INT TERM
b="$repo/bundles"
# the query bundle's own packages only (the transfer queue shares the bundle but is not needed here)
javac --release 17 -nowarn -cp "$OSGI_JARS" -d "$work/classes" \
    $(find "$b/org.lightbox.dicom.core/src" "$b/org.lightbox.dicom.net/src" "$b/org.lightbox.catalog/src" \
        -name '*.java') \
    $(find "$b/org.lightbox.storage/src" -name '*.java') \
    $(find "$b/org.lightbox.config/src" -name '*.java' ! -name BuildInfo.java) \
    $(find "$b/org.lightbox.query/src/org/lightbox/query" "$b/org.lightbox.query/src/org/lightbox/query/internal" \
        -maxdepth 1 -name '*.java') "$here/RetrieveBench.java" "$here/BenchSupport.java"
(cd "$b/org.lightbox.dicom.core/src" && find . -type f ! -name '*.java' -exec cp --parents {} "$work/classes/" \;)
mkdir -p "$data"
ln -sfn "$data" "$work/bench"
export TCP_NODELAY=1
java -Xmx2g -Dderby.stream.error.file="$work/derby.log" -cp "$work/classes:$DERBY_JARS:$OSGI_JARS" RetrieveBench "$work/bench" \
    "${1:-300}" "${2:-3}"
