#!/bin/sh
# Cold load of the data dictionary / UID registry (5 fresh JVMs) and steady-state lookup and decode costs.
# Compiles the dictionary sources of org.lightbox.dicom.core itself, so it does not depend on the Tycho build.
set -eu
cd "$(dirname "$0")/../.."
C=bundles/org.lightbox.dicom.core/src/org/lightbox/dicom/core
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
javac --release 17 -d "$OUT" $C/VR.java $C/Tag.java $C/UID.java $C/TransferSyntax.java $C/dict/*.java \
    $C/charset/*.java releng/bench/DictionaryBench.java
cp $C/dict/*.txt "$OUT/org/lightbox/dicom/core/dict/"
for i in 1 2 3 4 5; do
    java -cp "$OUT" DictionaryBench --cold-only
done
java -cp "$OUT" DictionaryBench
