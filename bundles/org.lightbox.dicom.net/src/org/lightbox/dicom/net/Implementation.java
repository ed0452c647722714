package org.lightbox.dicom.net;

import org.lightbox.dicom.core.io.FileMetaInformation;

/**
 * How Lightbox names itself in A-ASSOCIATE user information (PS3.7 D.3.3.2, D.3.3.3): the same implementation
 * class UID and version name as in the meta information of the files it writes.
 */
public final class Implementation {
    public static final String CLASS_UID = FileMetaInformation.IMPLEMENTATION_CLASS_UID;
    /** At most 16 characters. */
    public static final String VERSION_NAME = FileMetaInformation.IMPLEMENTATION_VERSION_NAME;

    private Implementation() {
    }
}
