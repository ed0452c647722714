package org.lightbox.dicom.net;

import java.io.IOException;

/** No accepted presentation context fits a request (SOP class and transfer syntax). */
public class NoPresentationContextException extends IOException {
    private static final long serialVersionUID = 1L;

    public NoPresentationContextException(String message) {
        super(message);
    }
}
