package org.lightbox.catalog;

/** A FILE_REF row as the file store's own bookkeeping needs it. */
record FileRow(long instanceKey, String path, long size) {
}
