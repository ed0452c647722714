#!/bin/sh
# Retrieve benchmark (issue 7), against dcmtk in the same run, on /dev/shm when there is one:
#   C-MOVE of an N-image study (default 300 CT 512x512x16) from dcmqrscp into Lightbox's node vs into storescp
#   (movescu triggers both), and C-GET of it by Lightbox's SCU into a catalog vs dcmtk's getscu.
#   Ratio = t(dcmtk) / t(lightbox); the goal is >= 1.0 for both.
#
#   releng/bench/retrieve-bench.sh [images] [rounds]      (defaults 300 and 3, after one warm-up round)
#
# Needs a JDK 17, dcmtk 3.6.7 (storescu, storescp, movescu, getscu, dcmqrscp) and the Derby 10.16 jars:
# DERBY_JARS (':'-separated) or DERBY_DIR (a folder holding them); otherwise /work/tools/derby and the local Maven
# repository are searched; an OSGi framework jar (OSGI_JAR, else /work/tools/swt or ~/.m2). Compiles what it needs into a temporary folder (no Tycho build needed).
# Set BENCH_DATA to a folder to keep the generated images between runs (default: generated anew each run).
# Sources that need OSGi annotations (DS components) are left out: the benchmark runs the node in plain Java.
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
    *) echo "retrieve-bench: no Derby jars found; set DERBY_JARS or DERBY_DIR" >&2; exit 2 ;;
esac
# the catalog looks up JDBC drivers through the OSGi framework API when it runs in OSGi: compile against one
if [ -z "${OSGI_JAR:-}" ]; then
    OSGI_JAR=$(ls /work/tools/swt/org.eclipse.osgi-*.jar 2>/dev/null | head -1)
    [ -n "$OSGI_JAR" ] || OSGI_JAR=$(find "$HOME/.m2/repository/org/eclipse/platform/org.eclipse.osgi" \
        "$HOME/.m2/repository/org/osgi" -name '*.jar' 2>/dev/null | grep -E 'org.eclipse.osgi-|osgi.core-' | head -1)
fi
[ -n "$OSGI_JAR" ] || { echo "retrieve-bench: no OSGi framework jar found; set OSGI_JAR" >&2; exit 2; }
for tool in storescu storescp movescu getscu dcmqrscp; do
    command -v "$tool" >/dev/null || { echo "retrieve-bench: dcmtk's $tool is not on PATH" >&2; exit 2; }
done

tmproot=$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp )
work=$(mktemp -d -p "$tmproot")
data=${BENCH_DATA:-$work/data}
trap 'rm -rf "$work"' EXIT INT TERM
b="$repo/bundles"
# the query bundle's own packages only (the transfer queue shares the bundle but is not needed here)
javac --release 17 -nowarn -cp "$OSGI_JAR" -d "$work/classes" \
    $(find "$b/org.lightbox.dicom.core/src" "$b/org.lightbox.dicom.net/src" "$b/org.lightbox.catalog/src" \
        -name '*.java') \
    $(find "$b/org.lightbox.storage/src" -name '*.java' -exec grep -L 'import org.osgi' {} +) \
    $(find "$b/org.lightbox.config/src" -name '*.java' ! -name BuildInfo.java) \
    $(find "$b/org.lightbox.query/src/org/lightbox/query" "$b/org.lightbox.query/src/org/lightbox/query/internal" \
        -maxdepth 1 -name '*.java') "$here/RetrieveBench.java"
(cd "$b/org.lightbox.dicom.core/src" && find . -type f ! -name '*.java' -exec cp --parents {} "$work/classes/" \;)
mkdir -p "$data"
ln -sfn "$data" "$work/bench"
export TCP_NODELAY=1
java -Xmx2g -Dderby.stream.error.file="$work/derby.log" -cp "$work/classes:$DERBY_JARS:$OSGI_JAR" RetrieveBench "$work/bench" \
    "${1:-300}" "${2:-3}"
