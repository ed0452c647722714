package org.lightbox.dicom.net;

/** Thrown by a {@link DimseService} to answer with a specific failure status and error comment. */
public class DimseStatusException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    public DimseStatusException(int status, String comment) {
        super(comment);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
