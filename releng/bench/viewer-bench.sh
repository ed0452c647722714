#!/bin/sh
# Viewer: time to the first image of a 512x512x16 CT series (300 slices) and images/s stepping through it, under
# Xvfb. Compiles dicom.core, dicom.imageio, the viewer and the bench with javac into a temp folder against the SWT
# jars (no Tycho build needed); generates the series once into $BENCH_DIR (default /tmp/lightbox-viewer-bench).
# Environment: SLICES (default 300), BENCH_DIR, SWT_JARS (folder of the SWT/JFace jars, default /work/tools/swt or
# the plugins of a built workbench product).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SLICES=${SLICES:-300}
WORK=${BENCH_DIR:-/tmp/lightbox-viewer-bench}
if [ -z "${SWT_JARS:-}" ]; then
    if [ -d /work/tools/swt ]; then
        SWT_JARS=/work/tools/swt
    else
        SWT_JARS=$(ls -d "$ROOT"/releng/org.lightbox.site/target/products/org.lightbox.workbench/linux/gtk/x86_64/plugins 2>/dev/null | head -1)
    fi
fi
CP=""
for pattern in 'org.eclipse.swt.gtk.linux.x86_64_*' 'org.eclipse.swt.gtk.linux.x86_64-*' 'org.eclipse.jface_*' 'org.eclipse.jface-*' \
        'org.eclipse.core.commands*' 'org.eclipse.equinox.common*'; do
    for j in "$SWT_JARS"/$pattern.jar; do
        [ -f "$j" ] && CP="$CP:$j"
    done
done
[ -n "$CP" ] || { echo "no SWT jars found in '$SWT_JARS' (set SWT_JARS)" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "xvfb-run is required" >&2; exit 1; }

CLASSES=$(mktemp -d)
trap 'rm -rf "$CLASSES"' EXIT
B=$ROOT/bundles
# the workbench parts of the viewer need the full Eclipse UI; the bench needs only the SWT/JFace half
javac --release 17 -nowarn -d "$CLASSES" -cp "$CP" $(find "$B/org.lightbox.dicom.core/src" "$B/org.lightbox.dicom.imageio/src" \
    "$B/org.lightbox.viewer/src" -name '*.java' ! -name 'ImageView.java' ! -name 'TagsView.java' \
    ! -name 'OpenImagesHandler.java' ! -name 'Viewer.java') "$HERE/ViewerBench.java"
(cd "$B/org.lightbox.dicom.core/src" && find . -type f ! -name '*.java' -exec cp --parents {} "$CLASSES" \;)

DATA=$WORK/ct-$SLICES
if [ ! -f "$DATA/.complete" ]; then
    rm -rf "$DATA"
    echo "generating $SLICES slices in $DATA ..."
    java -cp "$CLASSES$CP" ViewerBench generate "$DATA" "$SLICES"
    touch "$DATA/.complete"
fi
cat "$DATA"/*.dcm > /dev/null # page cache warm, as after a receive
xvfb-run -a -s "-screen 0 1280x1024x24" java -Xmx512m -cp "$CLASSES$CP" ViewerBench run "$DATA" 2>&1 | grep -v SessionManager
