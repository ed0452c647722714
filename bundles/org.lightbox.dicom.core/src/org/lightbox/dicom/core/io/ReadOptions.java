package org.lightbox.dicom.core.io;

/**
 * How {@link DicomReader} reads a data set.
 *
 * @param stopBeforeTag       stop at the first top-level element whose tag is at or above this one (compared
 *                            unsigned), leaving it unread; {@link #NO_STOP} to read everything
 * @param bulkDataByReference when reading a file, leave pixel data and large other-binary values (OB, OW, OF, OD,
 *                            OL, OV, UN) in the file as {@link org.lightbox.dicom.core.BulkDataReference}s instead
 *                            of reading them
 * @param bulkDataThreshold   other-binary values longer than this many bytes become references (pixel data
 *                            always does)
 * @param maxDepth            the deepest nesting of sequences accepted; deeper input is rejected as malformed
 */
public record ReadOptions(int stopBeforeTag, boolean bulkDataByReference, int bulkDataThreshold, int maxDepth) {

    /** The {@code stopBeforeTag} meaning "read to the end". */
    public static final int NO_STOP = 0xFFFFFFFF;

    private static final int PIXEL_DATA = 0x7FE00010;

    /** Read everything; pixel data and values above 4 KiB by reference; at most 64 levels of sequences. */
    public static final ReadOptions DEFAULT = new ReadOptions(NO_STOP, true, 4096, 64);

    public ReadOptions {
        if (bulkDataThreshold < 0 || maxDepth < 1) {
            throw new IllegalArgumentException("negative threshold or depth below 1");
        }
    }

    /** Read the header only: stop before (7FE0,0010) Pixel Data. */
    public static ReadOptions headerOnly() {
        return DEFAULT.withStopBefore(PIXEL_DATA);
    }

    public ReadOptions withStopBefore(int tag) {
        return new ReadOptions(tag, bulkDataByReference, bulkDataThreshold, maxDepth);
    }

    public ReadOptions withBulkDataByReference(boolean byReference) {
        return new ReadOptions(stopBeforeTag, byReference, bulkDataThreshold, maxDepth);
    }

    public ReadOptions withBulkDataThreshold(int bytes) {
        return new ReadOptions(stopBeforeTag, bulkDataByReference, bytes, maxDepth);
    }

    public ReadOptions withMaxDepth(int depth) {
        return new ReadOptions(stopBeforeTag, bulkDataByReference, bulkDataThreshold, depth);
    }
}
