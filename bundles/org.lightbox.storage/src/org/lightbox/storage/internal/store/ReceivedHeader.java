package org.lightbox.storage.internal.store;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;

/**
 * The few top-level values of a received data set that the storage service checks and logs: SOP class and
 * instance (against the command), study, patient name and ID (decoded with the data set's character set).
 */
public record ReceivedHeader(String sopClassUid, String sopInstanceUid, String studyUid, String patientId,
        String patientName) {

    static boolean captures(int tag) {
        return tag == Tag.SpecificCharacterSet || tag == Tag.SOPClassUID || tag == Tag.SOPInstanceUID
                || tag == Tag.PatientName || tag == Tag.PatientID || tag == Tag.StudyInstanceUID;
    }

    private static VR vrOf(int tag) {
        if (tag == Tag.SpecificCharacterSet) {
            return VR.CS;
        }
        if (tag == Tag.PatientName) {
            return VR.PN;
        }
        return tag == Tag.PatientID ? VR.LO : VR.UI;
    }

    /** Collects raw values as the copy walks past them. */
    static final class Builder {
        private final Attributes values;

        Builder(boolean bigEndian) {
            values = new Attributes(bigEndian, 8);
        }

        void put(int tag, byte[] value) {
            values.setBytes(tag, vrOf(tag), value);
        }

        ReceivedHeader build() {
            String name;
            try {
                name = values.getString(Tag.PatientName);
            } catch (RuntimeException e) {
                name = null; // an undecodable name is only missing from the log line
            }
            return new ReceivedHeader(values.getString(Tag.SOPClassUID), values.getString(Tag.SOPInstanceUID),
                    values.getString(Tag.StudyInstanceUID), values.getString(Tag.PatientID), name);
        }
    }
}
