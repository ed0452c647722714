package org.lightbox.dicom.net.dimse;

import java.io.IOException;

/** A DIMSE message (command set or its framing in PDVs) is malformed; the message says where. */
public class DimseFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public DimseFormatException(String message) {
        super(message);
    }
}
