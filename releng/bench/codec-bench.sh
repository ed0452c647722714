#!/bin/sh
# Codec throughput against dcmtk (issue 8): one multi-frame object of N (default 300) frames of 512x512 16-bit
# CT-like data; JPEG lossless decode vs dcmdjpeg, JPEG-LS decode vs dcmdjpls, JPEG lossless SV1 encode vs dcmcjpeg.
# Compiles dicom.core and dicom.imageio itself, so it does not depend on the Tycho build. Needs dcmtk on the PATH
# and about 1 GB in the temporary folder. Usage: codec-bench.sh [frames]
set -eu
cd "$(dirname "$0")/../.."
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
mkdir -p "$OUT/classes"
javac --release 17 -nowarn -d "$OUT/classes" $(find bundles/org.lightbox.dicom.core/src bundles/org.lightbox.dicom.imageio/src -name '*.java') releng/bench/CodecBench.java
(cd bundles/org.lightbox.dicom.core/src && find . -type f ! -name '*.java' -exec cp --parents {} "$OUT/classes/" \;)
java -Xmx1g -cp "$OUT/classes" CodecBench "$OUT/work" "${1:-300}"
