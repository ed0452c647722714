package org.lightbox.dicom.core.dict;

/** One row of the UID registry (PS3.6 table A-1). */
public record UidEntry(String uid, String keyword, String name, UidType type, boolean retired) {
}
