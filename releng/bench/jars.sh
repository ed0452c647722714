# Sourced by the benchmarks that compile the catalog and the node: finds the jars they need besides the JDK.
#   DERBY_JARS  the Derby 10.16 jars (':'-separated); or DERBY_DIR, a folder holding them; otherwise the local
#               Maven repository (where the Tycho build put them) is searched
#   OSGI_JARS   the OSGi framework (the catalog looks JDBC drivers up through it inside OSGi) and the Declarative
#               Services annotations; by default from the local Maven repository
m2="$HOME/.m2/repository"
if [ -z "${DERBY_JARS:-}" ]; then
    if [ -n "${DERBY_DIR:-}" ]; then
        DERBY_JARS=$(ls "$DERBY_DIR"/derby*.jar | tr '\n' ':')
    else
        DERBY_JARS=$(find "$m2/org/apache/derby" -name 'derby*-10.16.1.1.jar' 2>/dev/null | tr '\n' ':')
    fi
fi
case "$DERBY_JARS" in
    *derby*) ;;
    *) echo "bench: no Derby jars found: run the build once (./build -B verify) or set DERBY_JARS or DERBY_DIR" >&2
       exit 2 ;;
esac
if [ -z "${OSGI_JARS:-}" ]; then
    OSGI_JARS="$m2/org/eclipse/platform/org.eclipse.osgi/3.23.0/org.eclipse.osgi-3.23.0.jar:$m2/org/osgi/org.osgi.service.component.annotations/1.5.1/org.osgi.service.component.annotations-1.5.1.jar"
fi
for jar in $(echo "$OSGI_JARS" | tr ':' ' '); do
    [ -f "$jar" ] || { echo "bench: $jar is missing: run the build once (./build -B verify) or set OSGI_JARS" >&2; exit 2; }
done
# PG_JARS: PostgreSQL's JDBC driver (node-bench --catalog postgres); by default from the local Maven repository
if [ -z "${PG_JARS:-}" ]; then
    PG_JARS=$(find "$m2/org/postgresql/postgresql" -name 'postgresql-*.jar' 2>/dev/null | sort | tail -1)
fi
