#!/bin/sh
# Regenerates Tag.java, UID.java and the dictionary resources of bundle org.lightbox.dicom.core from the facts
# Debian installs: dcmtk's data dictionary (package libdcmtk17) and pydicom's tables (package python3-pydicom,
# used for element names, masked notations and the UID registry). The outputs are committed; the build does
# not run this script.
set -eu
cd "$(dirname "$0")/../.."
DIC=${DICOM_DIC:-/usr/share/libdcmtk17/dicom.dic}
PYDICOM=${PYDICOM_DIR:-/usr/lib/python3/dist-packages/pydicom}
if [ ! -f "$DIC" ]; then
    echo "missing $DIC: apt-get install libdcmtk17 (or set DICOM_DIC)" >&2; exit 1
fi
if [ ! -f "$PYDICOM/_uid_dict.py" ]; then
    echo "missing $PYDICOM/_uid_dict.py: apt-get install python3-pydicom (or set PYDICOM_DIR)" >&2; exit 1
fi
exec java releng/dictgen/DictionaryGenerator.java --dic "$DIC" --pydicom "$PYDICOM" \
    --uid-supplement releng/dictgen/uid-supplement.txt --templates releng/dictgen \
    --out bundles/org.lightbox.dicom.core/src
