#!/bin/sh
# Catalog query benchmark (issue 5): builds an embedded Derby catalog of 10,000 studies through Catalog.index and
# prints the median times of study-level C-FINDs (exact Patient ID, wildcard name, one-year date range).
#
#   releng/bench/catalog-bench.sh [studies] [runs]
#   releng/bench/catalog-bench.sh store [instances]   the file store's receive path per fsync policy
#
# Needs a JDK 17 and the Derby 10.16 jars: DERBY_JARS (':'-separated) or DERBY_DIR (a folder holding them);
# otherwise the local Maven repository is searched. Compiles the sources it needs into a temporary folder, so it
# does not depend on the Tycho build.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

if [ -z "${DERBY_JARS:-}" ]; then
    if [ -n "${DERBY_DIR:-}" ]; then
        DERBY_JARS=$(ls "$DERBY_DIR"/derby*.jar | tr '\n' ':')
    else
        DERBY_JARS=$(find "$HOME/.m2/repository/org/apache/derby" -name 'derby*-10.16*.jar' 2>/dev/null | tr '\n' ':')
    fi
fi
case "$DERBY_JARS" in
    *derby*) ;;
    *) echo "catalog-bench: no Derby jars found; set DERBY_JARS or DERBY_DIR" >&2; exit 2 ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
core="$repo/bundles/org.lightbox.dicom.core/src"
. "$here/osgi-jars.sh"
javac --release 17 -nowarn -cp "$OSGI_JARS" -d "$work/classes" \
    $(find "$core" "$repo/bundles/org.lightbox.catalog/src" -name '*.java') "$here/CatalogBench.java" \
    "$repo/bundles/org.lightbox.config/src/org/lightbox/config/LightboxHome.java"
(cd "$core" && find . -type f ! -name '*.java' -exec cp --parents {} "$work/classes/" \;)
java -Xmx512m -cp "$work/classes:$DERBY_JARS:$OSGI_JARS" CatalogBench "$@"
