package org.lightbox.dicom.core.io;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.VR;

/** Builds the File Meta Information (group 0002, PS3.10 7.1) of a file Lightbox writes. */
public final class FileMetaInformation {

    /** Lightbox's Implementation Class UID (a UUID-derived UID, PS3.5 B.2). */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.218605908219591093912436257581043752917";
    public static final String IMPLEMENTATION_VERSION_NAME = "LIGHTBOX_1";

    private FileMetaInformation() {
    }

    /** Meta information for an instance of {@code sopClassUID} stored in {@code transferSyntaxUID}. */
    public static Attributes create(String sopClassUID, String sopInstanceUID, String transferSyntaxUID) {
        Attributes meta = new Attributes(false, 8);
        meta.setBytes(0x00020001, VR.OB, new byte[] { 0, 1 });
        meta.setString(0x00020002, VR.UI, sopClassUID);
        meta.setString(0x00020003, VR.UI, sopInstanceUID);
        meta.setString(0x00020010, VR.UI, transferSyntaxUID);
        meta.setString(0x00020012, VR.UI, IMPLEMENTATION_CLASS_UID);
        meta.setString(0x00020013, VR.SH, IMPLEMENTATION_VERSION_NAME);
        return meta;
    }
}
