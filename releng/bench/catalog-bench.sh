#!/bin/sh
# Catalog query benchmark (issue 5): builds an embedded Derby catalog of 10,000 studies through Catalog.index and
# prints the median times of study-level C-FINDs (exact Patient ID, wildcard name, one-year date range).
#
#   releng/bench/catalog-bench.sh [studies] [runs]
#   releng/bench/catalog-bench.sh store [instances]   the file store's receive path per fsync policy
#
# Needs a JDK 17 and the jars jars.sh finds (Derby, OSGi; after one build they are in the local Maven repository).
# Compiles the sources it needs into a temporary folder.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

. "$here/jars.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
core="$repo/bundles/org.lightbox.dicom.core/src"
javac --release 17 -nowarn -cp "$OSGI_JARS" -d "$work/classes" \
    $(find "$core" "$repo/bundles/org.lightbox.catalog/src" -name '*.java') "$here/CatalogBench.java" \
    "$repo/bundles/org.lightbox.config/src/org/lightbox/config/LightboxHome.java"
(cd "$core" && find . -type f ! -name '*.java' -exec cp --parents {} "$work/classes/" \;)
java -Xmx512m -cp "$work/classes:$DERBY_JARS:$OSGI_JARS" CatalogBench "$@"
