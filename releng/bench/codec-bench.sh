#!/bin/sh
# Codec throughput against dcmtk (issue 8): one multi-frame object of N (default 300) frames of 512x512 16-bit
# CT-like data; JPEG lossless decode vs dcmdjpeg, JPEG-LS decode vs dcmdjpls, JPEG lossless SV1 encode vs dcmcjpeg,
# JPEG 2000 lossless decode vs opj_decompress (when libopenjp2-tools is installed).
# The JPEG 2000 codec needs jai-imageio-core and jai-imageio-jpeg2000 1.4.0: taken from the local Maven repository
# (the Tycho build puts them there) unless JAI_JARS names them (class-path form).
# Compiles dicom.core and dicom.imageio itself, so it does not depend on the Tycho build. Needs dcmtk on the PATH
# and about 1 GB in the temporary folder. Usage: codec-bench.sh [frames]
set -eu
cd "$(dirname "$0")/../.."
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
mkdir -p "$OUT/classes"
M2=${M2_REPO:-$HOME/.m2/repository}/com/github/jai-imageio
JAI_JARS=${JAI_JARS:-$M2/jai-imageio-core/1.4.0/jai-imageio-core-1.4.0.jar:$M2/jai-imageio-jpeg2000/1.4.0/jai-imageio-jpeg2000-1.4.0.jar}
javac --release 17 -nowarn -cp "$JAI_JARS" -d "$OUT/classes" $(find bundles/org.lightbox.dicom.core/src bundles/org.lightbox.dicom.imageio/src -name '*.java') releng/bench/CodecBench.java
(cd bundles/org.lightbox.dicom.core/src && find . -type f ! -name '*.java' -exec cp --parents {} "$OUT/classes/" \;)
java -Xmx1g -cp "$OUT/classes:$JAI_JARS" CodecBench "$OUT/work" "${1:-300}"
