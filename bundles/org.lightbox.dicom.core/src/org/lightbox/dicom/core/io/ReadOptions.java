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
 * @param acceptOddLengths    accept values and sequence items of odd length (PS3.5 7.1.1 wants even ones, but some
 *                            older devices write odd ones and dcmtk reads them): a value read into memory is padded
 *                            to even length with its VR's padding byte, so whatever is written from it is valid;
 *                            the input is not changed, and a value left in the file by reference keeps its length.
 *                            Fragments of encapsulated pixel data stay even in any case. Off by default
 */
public record ReadOptions(int stopBeforeTag, boolean bulkDataByReference, int bulkDataThreshold, int maxDepth,
        boolean acceptOddLengths) {

    /** The {@code stopBeforeTag} meaning "read to the end". */
    public static final int NO_STOP = 0xFFFFFFFF;

    private static final int PIXEL_DATA = 0x7FE00010;

    /** Read everything; pixel data and values above 4 KiB by reference; at most 64 levels of sequences. */
    public static final ReadOptions DEFAULT = new ReadOptions(NO_STOP, true, 4096, 64, false);

    public ReadOptions {
        if (bulkDataThreshold < 0 || maxDepth < 1) {
            throw new IllegalArgumentException("negative threshold or depth below 1");
        }
    }

    /** Options that refuse odd lengths (the form before {@code acceptOddLengths} existed). */
    public ReadOptions(int stopBeforeTag, boolean bulkDataByReference, int bulkDataThreshold, int maxDepth) {
        this(stopBeforeTag, bulkDataByReference, bulkDataThreshold, maxDepth, false);
    }

    /** Read the header only: stop before (7FE0,0010) Pixel Data. */
    public static ReadOptions headerOnly() {
        return DEFAULT.withStopBefore(PIXEL_DATA);
    }

    public ReadOptions withStopBefore(int tag) {
        return new ReadOptions(tag, bulkDataByReference, bulkDataThreshold, maxDepth, acceptOddLengths);
    }

    public ReadOptions withBulkDataByReference(boolean byReference) {
        return new ReadOptions(stopBeforeTag, byReference, bulkDataThreshold, maxDepth, acceptOddLengths);
    }

    public ReadOptions withBulkDataThreshold(int bytes) {
        return new ReadOptions(stopBeforeTag, bulkDataByReference, bytes, maxDepth, acceptOddLengths);
    }

    public ReadOptions withMaxDepth(int depth) {
        return new ReadOptions(stopBeforeTag, bulkDataByReference, bulkDataThreshold, depth, acceptOddLengths);
    }

    public ReadOptions withAcceptOddLengths(boolean accept) {
        return new ReadOptions(stopBeforeTag, bulkDataByReference, bulkDataThreshold, maxDepth, accept);
    }
}
