#!/bin/sh
# Local node benchmark (issue 5), against dcmtk in the same run, everything on /dev/shm:
#   ingest: 1,000 CT images (512x512x16) over one association, node (storing + indexing) vs storescp, and over
#           4 parallel associations vs storescp --fork;
#   find:   study-level C-FIND over 10,000 studies (exact Patient ID, wildcard name, one-year date range): median
#           at the SCP, with our SCU on an open association, and findscu's round trip;
#   move:   C-MOVE of a 300-image study to storescp, node vs dcmqrscp.
#
#   releng/bench/node-bench.sh [ingest] [find] [move] [--images N] [--warm-up N] [--studies N] [--move-images N] [--find-runs N]
#   NODE_JAVA_OPTS adds JVM options to the node process (a profiler, for example).
#
# Needs a JDK 17, dcmtk 3.6.7 (storescu, storescp, findscu, movescu, dcmqrscp) and the Derby 10.16 jars:
# DERBY_JARS (':'-separated) or DERBY_DIR (a folder holding them); otherwise /work/tools/derby and the local
# Maven repository are searched. Compiles what it needs into a temporary folder (no Tycho build needed).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

if [ -z "${DERBY_JARS:-}" ]; then
    if [ -n "${DERBY_DIR:-}" ]; then
        DERBY_JARS=$(ls "$DERBY_DIR"/derby*.jar | tr '\n' ':')
    elif [ -d /work/tools/derby ]; then
        DERBY_JARS=$(ls /work/tools/derby/derby*.jar | tr '\n' ':')
    else
        DERBY_JARS=$(find "$HOME/.m2/repository/org/apache/derby" -name 'derby*-10.16*.jar' 2>/dev/null | tr '\n' ':')
    fi
fi
case "$DERBY_JARS" in
    *derby*) ;;
    *) echo "node-bench: no Derby jars found; set DERBY_JARS or DERBY_DIR" >&2; exit 2 ;;
esac
for tool in storescu storescp findscu movescu dcmqrscp; do
    command -v "$tool" >/dev/null || { echo "node-bench: dcmtk's $tool is not on PATH" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
b="$repo/bundles"
. "$here/osgi-jars.sh"
javac --release 17 -nowarn -cp "$OSGI_JARS" -d "$work/classes" \
    $(find "$b/org.lightbox.dicom.core/src" "$b/org.lightbox.dicom.net/src" "$b/org.lightbox.catalog/src" \
        "$b/org.lightbox.storage/src" -name '*.java') \
    $(find "$b/org.lightbox.config/src" -name '*.java' ! -name BuildInfo.java) "$here/NodeBench.java"
(cd "$b/org.lightbox.dicom.core/src" && find . -type f ! -name '*.java' -exec cp --parents {} "$work/classes/" \;)
export TCP_NODELAY=1
java -Xmx2g -cp "$work/classes:$DERBY_JARS:$OSGI_JARS" NodeBench "$@"
