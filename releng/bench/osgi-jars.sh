# Sourced by the benchmarks that compile catalog/storage sources: they refer to the OSGi framework API (driver
# lookup in bundles) and to the Declarative Services annotations. Both come from the local Maven repository,
# where the Tycho build put them; OSGI_JARS may name them instead.
if [ -z "${OSGI_JARS:-}" ]; then
    m2="$HOME/.m2/repository"
    OSGI_JARS="$m2/org/eclipse/platform/org.eclipse.osgi/3.23.0/org.eclipse.osgi-3.23.0.jar:$m2/org/osgi/org.osgi.service.component.annotations/1.5.1/org.osgi.service.component.annotations-1.5.1.jar"
fi
for jar in $(echo "$OSGI_JARS" | tr ':' ' '); do
    [ -f "$jar" ] || { echo "bench: $jar is missing: run the build once (./build -B verify) or set OSGI_JARS" >&2; exit 2; }
done
