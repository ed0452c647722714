package org.lightbox.dicom.net;

import org.lightbox.dicom.net.dimse.CommandField;

/** Transfer progress of one DIMSE message's data set. */
public record MessageProgress(int messageId, CommandField commandField, String sopInstanceUid, boolean outgoing,
        long bytes, boolean complete) {
}
