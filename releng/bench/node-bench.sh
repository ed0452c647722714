#!/bin/sh
# Local node benchmark (issue 5), against dcmtk in the same run, everything on /dev/shm:
#   ingest: 1,000 CT images (512x512x16) over one association, node (storing + indexing) vs storescp, and over
#           4 parallel associations vs storescp --fork;
#   find:   study-level C-FIND over 10,000 studies (exact Patient ID, wildcard name, one-year date range): median
#           at the SCP, with our SCU on an open association, and findscu's round trip;
#   move:   C-MOVE of a 300-image study to storescp, node vs dcmqrscp.
#
#   releng/bench/node-bench.sh [ingest] [find] [move] [--images N] [--warm-up N] [--studies N] [--move-images N] [--find-runs N]
#                              [--catalog derby|postgres]
#   --catalog postgres gives each node process a database on a PostgreSQL server the bench starts (initdb, as the
#   postgres user when run as root); the C-FIND phase keeps its embedded Derby catalog.
#   NODE_JAVA_OPTS adds JVM options to the node process (a profiler, for example); BENCH_PERF=DIR records each
#   measured ingest run with perf record -a -g into DIR (perf report -i DIR/node4.data --sort comm,dso,sym).
#
# Needs a JDK 17, dcmtk 3.6.7 (storescu, storescp, findscu, movescu, dcmqrscp) and the jars jars.sh finds (Derby,
# OSGi; after one build they are in the local Maven repository). Compiles what it needs into a temporary folder.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

. "$here/jars.sh"
for tool in storescu storescp findscu movescu dcmqrscp; do
    command -v "$tool" >/dev/null || { echo "node-bench: dcmtk's $tool is not on PATH" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
b="$repo/bundles"
javac --release 17 -nowarn -cp "$OSGI_JARS" -d "$work/classes" \
    $(find "$b/org.lightbox.dicom.core/src" "$b/org.lightbox.dicom.net/src" "$b/org.lightbox.catalog/src" \
        "$b/org.lightbox.storage/src" -name '*.java') \
    $(find "$b/org.lightbox.config/src" -name '*.java' ! -name BuildInfo.java) "$here/NodeBench.java" "$here/BenchSupport.java" "$here/PgServer.java"
(cd "$b/org.lightbox.dicom.core/src" && find . -type f ! -name '*.java' -exec cp --parents {} "$work/classes/" \;)
export TCP_NODELAY=1
java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$work/classes:$DERBY_JARS:$OSGI_JARS:$PG_JARS" NodeBench "$@"
