package org.lightbox.dicom.net;

import java.io.IOException;

import org.lightbox.dicom.net.pdu.AAssociateRj;

/** The acceptor answered A-ASSOCIATE-RJ; {@link #reject()} has result, source and reason. */
public class AssociationRejectedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient AAssociateRj reject;

    public AssociationRejectedException(String association, AAssociateRj reject) {
        super(association + ": " + reject.describe());
        this.reject = reject;
    }

    public AAssociateRj reject() {
        return reject;
    }
}
