package org.lightbox.dicom.core.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.zip.ZipException;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.BulkDataReference;
import org.lightbox.dicom.core.Fragments;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.dict.DataDictionary;
import org.lightbox.dicom.core.internal.Endian;
import org.lightbox.dicom.core.internal.StringValues;

/**
 * Reads DICOM data sets in every uncompressed transfer syntax (and the encapsulated ones, whose pixel data become
 * {@link Fragments}): Part 10 files (preamble, "DICM", file meta information) and bare data sets, whose transfer
 * syntax is detected from the first element. Streams the input through one buffer and decodes no value; pixel
 * data and large binary values of a file are skipped and kept as {@link BulkDataReference}s.
 * <p>
 * Malformed input raises {@link DicomFormatException} with the byte offset and tag path; lengths are checked
 * against the remaining input (or read in chunks from a stream) before anything is allocated, and every loop
 * consumes input, so no input makes the reader run out of memory or hang.
 */
public final class DicomReader implements Closeable {

    private static final System.Logger LOG = System.getLogger(DicomReader.class.getName());

    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITATION = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int FLOAT_PIXEL_DATA = 0x7FE00008;
    private static final int DOUBLE_FLOAT_PIXEL_DATA = 0x7FE00009;
    private static final int META_GROUP_LENGTH = 0x00020000;
    private static final int TRANSFER_SYNTAX_UID = 0x00020010;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private final ByteSource src;
    private final Path file;
    private final ReadOptions options;
    private DataDictionary dictionary;

    private boolean explicitVR = true;
    private boolean bigEndian;
    private TransferSyntax transferSyntax;
    private boolean metaDone;
    private Attributes fileMetaInformation;
    private boolean stopped;
    private int duplicates;
    /** True while {@link #skipRest} walks the input: values are checked and skipped, nothing is kept. */
    private boolean skipping;

    // where we are, for error messages: enclosing sequences and item indexes, the current element
    private final int[] pathTags;
    private final int[] pathItems;
    private int pathDepth;
    private int currentTag = -1;
    private long headerStart;

    /** Reads {@code file} with the default options. */
    public DicomReader(Path file) throws IOException {
        this(file, ReadOptions.DEFAULT);
    }

    public DicomReader(Path file, ReadOptions options) throws IOException {
        this.src = new ByteSource(file);
        this.file = file;
        this.options = options;
        this.pathTags = new int[options.maxDepth() + 1];
        this.pathItems = new int[options.maxDepth() + 1];
    }

    /** Reads a stream; values are read into memory (a stream has no offsets to refer to later). */
    public DicomReader(InputStream in, ReadOptions options) {
        this.src = new ByteSource(in);
        this.file = null;
        this.options = options;
        this.pathTags = new int[options.maxDepth() + 1];
        this.pathItems = new int[options.maxDepth() + 1];
    }

    /** Reads a whole Part 10 file or bare data set. */
    public static DicomFile readFile(Path file) throws IOException {
        return readFile(file, ReadOptions.DEFAULT);
    }

    public static DicomFile readFile(Path file, ReadOptions options) throws IOException {
        try (DicomReader r = new DicomReader(file, options)) {
            Attributes meta = r.readFileMetaInformation();
            Attributes dataset = r.readDataset();
            return new DicomFile(meta, dataset, r.transferSyntax());
        }
    }

    /** Reads a bare data set of known transfer syntax from a stream (a network message, say) to its end. */
    public static Attributes readDataset(InputStream in, TransferSyntax ts, ReadOptions options) throws IOException {
        DicomReader r = new DicomReader(in, options);
        r.metaDone = true;
        r.setTransferSyntax(ts);
        return r.readDataset();
    }

    /**
     * Reads the preamble and file meta information if the input has them, and returns the meta information
     * ({@code null} for a bare data set, whose transfer syntax is then detected). Called by {@link #readDataset}
     * if not called before.
     */
    public Attributes readFileMetaInformation() throws IOException {
        if (metaDone) {
            return fileMetaInformation;
        }
        metaDone = true;
        if (src.ensure(132) && isDicmAt(128)) {
            src.skip(132);
            readMetaGroup();
        } else if (src.ensure(132) && allZero(src.buf, src.pos, 128)) {
            throw fail("no \"DICM\" prefix after the 128-byte preamble", 128);
        } else {
            detectTransferSyntax();
        }
        return fileMetaInformation;
    }

    /** The transfer syntax of the data set (from the meta information, or detected); null before reading. */
    public TransferSyntax transferSyntax() {
        return transferSyntax;
    }

    /** True when the last {@link #readDataset} stopped at {@link ReadOptions#stopBeforeTag()}. */
    public boolean isStopped() {
        return stopped;
    }

    /** The input position: after {@link #readDataset} stopped, the offset of the first element not read. */
    public long position() {
        return src.position();
    }

    /** Bytes actually read from the input so far; bulk data skipped by reference is not read. */
    public long bytesRead() {
        return src.bytesRead();
    }

    /**
     * Walks the rest of the input without keeping it, to check that the data set is whole: every element header is
     * read and its value length checked against the bytes left (and its enclosing item), then the value is skipped
     * (in a file by moving the position, so pixel data are never read); sequences and encapsulated pixel data are
     * walked item by item. Call it after {@link #readDataset} stopped at the options' stop tag, or instead of it.
     * Refuses, with the same messages, what {@link #readDataset} would refuse in those bytes.
     */
    public void skipRest() throws IOException {
        readFileMetaInformation();
        skipping = true;
        try {
            readElements(new Attributes(bigEndian, 1), -1, 0, false);
        } catch (ZipException | EOFException e) { // from the inflater, as in readDataset
            throw fail("corrupt deflated data (" + (e.getMessage() == null ? "it ends early" : e.getMessage()) + ")",
                    src.position());
        } finally {
            skipping = false;
        }
        stopped = false;
    }

    /** Reads the data set (after the meta information) up to its end or the stop tag of the options. */
    public Attributes readDataset() throws IOException {
        readFileMetaInformation();
        Attributes dataset = new Attributes(bigEndian, 64);
        try {
            stopped = readElements(dataset, -1, 0, false);
        } catch (ZipException | EOFException e) { // from the inflater: the deflated data is corrupt or cut short
            throw fail("corrupt deflated data (" + (e.getMessage() == null ? "it ends early" : e.getMessage()) + ")",
                    src.position());
        }
        return dataset;
    }

    // ------------------------------------------------------------------ preamble, meta, detection

    private boolean isDicmAt(int off) {
        byte[] b = src.buf;
        int p = src.pos + off;
        return b[p] == 'D' && b[p + 1] == 'I' && b[p + 2] == 'C' && b[p + 3] == 'M';
    }

    private static boolean allZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Group 0002, always explicit VR little endian; its end is its group length, or the first other group. */
    private void readMetaGroup() throws IOException {
        explicitVR = true;
        bigEndian = false;
        Attributes meta = new Attributes(false, 10);
        long start = src.position();
        if (!src.ensure(12) || Endian.getTag(src.buf, src.pos, false) != META_GROUP_LENGTH) {
            readElements(meta, -1, 0, true);
        } else {
            readElements(meta, src.position() + 12, 0, true);
            long length = meta.getLong(META_GROUP_LENGTH, -1);
            if (length < 0) {
                throw fail("file meta information group length (0002,0000) is not a 32-bit value", start);
            }
            if (length > src.remaining()) {
                throw fail("file meta information group length " + length + " is past the end of the file", start);
            }
            readElements(meta, src.position() + length, 0, true);
        }
        if (meta.isEmpty()) {
            throw fail("no file meta information (group 0002) after \"DICM\"", start);
        }
        String uid = meta.getString(TRANSFER_SYNTAX_UID);
        if (uid == null || uid.isEmpty()) {
            throw fail("file meta information has no Transfer Syntax UID (0002,0010)", start);
        }
        fileMetaInformation = meta;
        setTransferSyntax(TransferSyntax.of(uid));
    }

    private void setTransferSyntax(TransferSyntax ts) {
        transferSyntax = ts;
        explicitVR = ts.explicitVR();
        bigEndian = ts.bigEndian();
        if (ts.deflated()) {
            src.inflateFromHere();
        }
    }

    /**
     * A bare data set: the byte order from the first group number (the smaller reading wins: 0x0008 rather than
     * 0x0800), explicit VR when two upper-case letters naming a VR follow the tag. A leading group 0002 (meta
     * information without preamble) is read as such.
     */
    private void detectTransferSyntax() throws IOException {
        if (!src.ensure(8)) {
            if (src.available() == 0 && file != null) {
                throw fail("empty file", 0);
            }
            if (src.available() > 0) {
                throw fail("truncated: " + src.available() + " bytes are not a data element", 0);
            }
            setTransferSyntax(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
            return;
        }
        byte[] b = src.buf;
        int p = src.pos;
        int groupLE = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
        int groupBE = (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
        boolean explicit = b[p + 4] >= 'A' && b[p + 4] <= 'Z' && b[p + 5] >= 'A' && b[p + 5] <= 'Z'
                && VR.ofCode((b[p + 4] & 0xFF) << 8 | (b[p + 5] & 0xFF)) != null;
        if (groupLE == 0x0002 && explicit) {
            readMetaGroup();
        } else if (groupBE < groupLE) {
            setTransferSyntax(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        } else {
            setTransferSyntax(explicit ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN
                    : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        }
    }

    // ------------------------------------------------------------------ the parser

    /**
     * Reads elements into {@code attrs} until {@code end} (a defined-length item), the item delimitation item (an
     * undefined-length item: {@code end < 0, depth > 0}), the end of input (the top level), or, in meta mode, the
     * end of group 0002. Returns true when it stopped at the stop tag.
     */
    private boolean readElements(Attributes attrs, long end, int depth, boolean meta) throws IOException {
        final boolean top = depth == 0;
        final int stopTag = top && !meta && !skipping ? options.stopBeforeTag() : ReadOptions.NO_STOP;
        while (true) {
            currentTag = -1;
            if (end >= 0 && src.position() >= end) {
                if (src.position() > end) {
                    throw fail("the last element runs past the end of its item or group at byte " + end);
                }
                return false;
            }
            headerStart = src.position();
            if (!src.ensure(8)) {
                if (top && end < 0 && src.available() == 0) {
                    return false;
                }
                throw fail("truncated: input ends inside an element header");
            }
            byte[] b = src.buf;
            int p = src.pos;
            int tag = Endian.getTag(b, p, bigEndian);
            if (meta && tag >>> 16 != 0x0002) {
                return false;
            }
            currentTag = tag;
            if (tag >>> 16 == 0xFFFE) {
                if (tag == ITEM_DELIMITATION && end < 0 && !top) {
                    src.pos = p + 8;
                    currentTag = -1;
                    return false;
                }
                throw fail("unexpected " + Tag.toString(tag) + (tag == ITEM_DELIMITATION
                        ? " outside an item of undefined length" : tag == ITEM ? " outside a sequence" : ""));
            }
            if (stopTag != ReadOptions.NO_STOP && Integer.compareUnsigned(tag, stopTag) >= 0) {
                return true;
            }
            VR vr;
            long len;
            if (explicitVR) {
                vr = VR.ofCode((b[p + 4] & 0xFF) << 8 | (b[p + 5] & 0xFF));
                if (vr == null) {
                    throw fail("unknown VR code " + vrCode(b[p + 4], b[p + 5]));
                }
                if (vr.hasLongHeader()) {
                    if (!src.ensure(12)) {
                        throw fail("truncated: input ends inside an element header");
                    }
                    len = Endian.getInt(src.buf, src.pos + 8, bigEndian) & 0xFFFFFFFFL;
                    src.pos += 12;
                } else {
                    len = Endian.getUShort(b, p + 6, bigEndian);
                    src.pos = p + 8;
                }
            } else {
                vr = implicitVR(tag);
                len = Endian.getInt(b, p + 4, bigEndian) & 0xFFFFFFFFL;
                src.pos = p + 8;
            }
            Attributes target = attrs;
            int n = attrs.size();
            if (n > 0 && Integer.compareUnsigned(tag, attrs.tagAt(n - 1)) <= 0 && attrs.contains(tag)) {
                // once per input at warning level: a damaged file can repeat a tag thousands of times
                LOG.log(duplicates++ == 0 ? Level.WARNING : Level.DEBUG, "{0}: second occurrence ignored, at byte {1}",
                        tagPath(), headerStart);
                target = new Attributes(bigEndian, 1);
            }
            readValue(target, tag, vr, len, end, depth);
        }
    }

    private void readValue(Attributes attrs, int tag, VR vr, long len, long end, int depth) throws IOException {
        if (len == UNDEFINED) {
            if (tag == PIXEL_DATA && (vr == VR.OB || vr == VR.OW || vr == VR.UN)) {
                readFragments(attrs, tag, vr, depth);
            } else if (vr == VR.SQ || vr == VR.UN) {
                readSequence(attrs, tag, vr, -1, depth);
            } else {
                throw fail("undefined length is not allowed for VR " + vr);
            }
            return;
        }
        if (end >= 0 && src.position() + len > end) {
            throw fail("value length " + len + " runs past the end of the enclosing item or group at byte " + end);
        }
        if (len > src.remaining()) {
            throw fail("value length " + len + " runs past the end of the file (" + src.remaining()
                    + " bytes left)");
        }
        if (vr == VR.SQ) {
            readSequence(attrs, tag, vr, len, depth);
            return;
        }
        boolean odd = (len & 1) != 0;
        if (odd && !options.acceptOddLengths()) {
            throw fail("odd value length " + len);
        }
        if (skipping) {
            skipValue(len);
            return;
        }
        Object value = null;
        if (len > 0) {
            // an odd value is made even, as its writer should have: what is written from it is then valid
            value = byReference(tag, vr, len) ? reference(len)
                    : odd ? StringValues.padToEven(bytes(len), vr.paddingByte()) : bytes(len);
        }
        attrs.setValue(tag, vr, value);
    }

    /** Skips a value while {@link #skipRest} walks; a stream that ends first means the value is cut short. */
    private void skipValue(long len) throws IOException {
        try {
            src.skip(len);
        } catch (EOFException e) {
            throw fail("truncated: input ends inside the value (length " + len + ")");
        }
    }

    private boolean byReference(int tag, VR vr, long len) {
        return file != null && src.sizeKnown() && options.bulkDataByReference()
                && (tag == PIXEL_DATA || tag == FLOAT_PIXEL_DATA || tag == DOUBLE_FLOAT_PIXEL_DATA
                        || vr.kind() == VR.Kind.BULK && len > options.bulkDataThreshold());
    }

    private BulkDataReference reference(long len) throws IOException {
        BulkDataReference ref = new BulkDataReference(file, src.position(), len);
        src.skip(len);
        return ref;
    }

    private byte[] bytes(long len) throws IOException {
        if (len > Integer.MAX_VALUE - 8) {
            throw fail("value of " + len + " bytes is too large to hold in memory");
        }
        try {
            return src.readBytes((int) len);
        } catch (EOFException e) {
            throw fail("truncated: input ends inside the value (length " + len + ")");
        }
    }

    private void readSequence(Attributes attrs, int tag, VR vr, long len, int depth) throws IOException {
        if (depth >= options.maxDepth()) {
            throw fail("sequences nested deeper than " + options.maxDepth() + " levels");
        }
        Sequence seq = skipping ? null : attrs.newSequence(tag, vr, 2);
        if (seq != null) {
            seq.setUndefinedLength(len == -1);
        }
        int items = 0;
        boolean outerExplicit = explicitVR;
        boolean outerBigEndian = bigEndian;
        if (vr == VR.UN) { // CP-246: a UN sequence of undefined length is encoded implicit VR little endian
            explicitVR = false;
            bigEndian = false;
        }
        long seqEnd = len < 0 ? -1 : src.position() + len;
        pathTags[pathDepth] = tag;
        pathItems[pathDepth] = -1;
        pathDepth++;
        while (seqEnd < 0 || src.position() < seqEnd) {
            currentTag = -1;
            headerStart = src.position();
            if (!src.ensure(8)) {
                throw fail("truncated: input ends inside a sequence");
            }
            int itemTag = Endian.getTag(src.buf, src.pos, bigEndian);
            long itemLen = Endian.getInt(src.buf, src.pos + 4, bigEndian) & 0xFFFFFFFFL;
            src.pos += 8;
            if (itemTag == SEQUENCE_DELIMITATION) {
                if (seqEnd < 0) {
                    break;
                }
                throw fail("sequence delimitation item in a sequence of defined length");
            }
            if (itemTag != ITEM) {
                throw fail("expected an item (fffe,e000) in the sequence, found " + Tag.toString(itemTag));
            }
            Attributes item = attrs; // while skipping: nothing is added to it
            if (seq != null) {
                item = new Attributes(bigEndian, 8);
                item.setUndefinedLength(itemLen == UNDEFINED);
                seq.add(item);
            }
            pathItems[pathDepth - 1] = items++;
            long itemEnd = -1;
            if (itemLen != UNDEFINED) {
                checkItemLength(itemLen, seqEnd, false);
                itemEnd = src.position() + itemLen;
            }
            readElements(item, itemEnd, depth + 1, false);
            if (seqEnd >= 0 && src.position() > seqEnd) {
                throw fail("item runs past the end of its sequence at byte " + seqEnd);
            }
        }
        pathDepth--;
        explicitVR = outerExplicit;
        bigEndian = outerBigEndian;
    }

    private void checkItemLength(long itemLen, long seqEnd, boolean fragment) throws DicomFormatException {
        if ((itemLen & 1) != 0 && (fragment || !options.acceptOddLengths())) {
            throw fail("odd item length " + itemLen);
        }
        if (seqEnd >= 0 && src.position() + itemLen > seqEnd) {
            throw fail("item length " + itemLen + " runs past the end of its sequence at byte " + seqEnd);
        }
        if (itemLen > src.remaining()) {
            throw fail("item length " + itemLen + " runs past the end of the file (" + src.remaining()
                    + " bytes left)");
        }
    }

    private void readFragments(Attributes attrs, int tag, VR vr, int depth) throws IOException {
        if (depth >= options.maxDepth()) {
            throw fail("sequences nested deeper than " + options.maxDepth() + " levels");
        }
        Fragments fragments = skipping ? null : attrs.newFragments(tag, vr, 2);
        int count = 0;
        pathTags[pathDepth] = tag;
        pathItems[pathDepth] = -1;
        pathDepth++;
        while (true) {
            currentTag = -1;
            headerStart = src.position();
            if (!src.ensure(8)) {
                throw fail("truncated: input ends inside encapsulated pixel data");
            }
            int itemTag = Endian.getTag(src.buf, src.pos, bigEndian);
            long itemLen = Endian.getInt(src.buf, src.pos + 4, bigEndian) & 0xFFFFFFFFL;
            src.pos += 8;
            if (itemTag == SEQUENCE_DELIMITATION) {
                break;
            }
            if (itemTag != ITEM) {
                throw fail("expected a fragment item (fffe,e000), found " + Tag.toString(itemTag));
            }
            pathItems[pathDepth - 1] = count++;
            if (itemLen == UNDEFINED) {
                throw fail("undefined length is not allowed for a pixel data fragment");
            }
            checkItemLength(itemLen, -1, true);
            // the Basic Offset Table (first item) is small and useful: read it unless it is large
            if (skipping) {
                skipValue(itemLen);
            } else if (byReference(tag, vr, itemLen) && (count > 1 || itemLen > options.bulkDataThreshold())) {
                fragments.add(reference(itemLen));
            } else {
                fragments.add(bytes(itemLen));
            }
        }
        pathDepth--;
    }

    /** The VR of an implicit-VR element: from the dictionary, with OW for "OB or OW" (PS3.5 A.1). */
    private VR implicitVR(int tag) {
        if (tag == PIXEL_DATA) {
            return VR.OW;
        }
        if (dictionary == null) {
            dictionary = DataDictionary.standard();
        }
        VR vr = dictionary.vrOf(tag);
        if (vr == VR.OB && dictionary.entry(tag).map(e -> e.vrs().contains(VR.OW)).orElse(false)) {
            return VR.OW;
        }
        return vr;
    }

    // ------------------------------------------------------------------ errors

    private static String vrCode(byte a, byte b) {
        return (a >= 0x20 && a < 0x7F && b >= 0x20 && b < 0x7F ? "\"" + (char) a + (char) b + "\" " : "")
                + String.format("(%02X %02X)", a & 0xFF, b & 0xFF);
    }

    private DicomFormatException fail(String reason) {
        return fail(reason, headerStart);
    }

    private DicomFormatException fail(String reason, long offset) {
        return new DicomFormatException(reason, offset, tagPath());
    }

    private String tagPath() {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < pathDepth; d++) {
            if (d > 0) {
                sb.append('/');
            }
            sb.append(Tag.toString(pathTags[d]));
            if (pathItems[d] >= 0) {
                sb.append('[').append(pathItems[d]).append(']');
            }
        }
        if (currentTag != -1) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(Tag.toString(currentTag));
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        src.close();
    }
}
