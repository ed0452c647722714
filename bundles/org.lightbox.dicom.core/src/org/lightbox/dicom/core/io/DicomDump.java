package org.lightbox.dicom.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.BulkDataReference;
import org.lightbox.dicom.core.Fragments;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.dict.DataDictionary;
import org.lightbox.dicom.core.dict.UidRegistry;
import org.lightbox.dicom.core.internal.Endian;
import org.lightbox.dicom.core.internal.NumericValues;
import org.lightbox.dicom.core.internal.StringValues;

/**
 * Prints a data set the way dcmtk's {@code dcmdump} does: one line per element, nested items indented by two
 * spaces, {@code (gggg,eeee) VR value # length, VM Keyword}, strings in brackets, numbers bare, sequences and items
 * with their length form and delimiters, values longer than 70 characters shortened with "...". Bulk data left in
 * the file is printed from the few bytes the line needs.
 */
public final class DicomDump {

    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITATION = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    /** dcmdump pads the value to this width before the "#" column... */
    private static final int VALUE_WIDTH = 40;
    /** ...and shortens longer values to this many characters (unless printing all). */
    private static final int MAX_VALUE = 70;

    private final boolean uidNames;
    private final boolean printAll;
    private final DataDictionary dictionary = DataDictionary.standard();
    private final StringBuilder line = new StringBuilder(128);

    /** Like plain {@code dcmdump}: well-known UIDs shown by name, long values shortened. */
    public DicomDump() {
        this(true, false);
    }

    /**
     * @param uidNames show well-known UIDs as "=Keyword" (dcmdump's default; {@code -Un} turns it off)
     * @param printAll print long values completely (dcmdump's {@code +L})
     */
    public DicomDump(boolean uidNames, boolean printAll) {
        this.uidNames = uidNames;
        this.printAll = printAll;
    }

    /**
     * Reads {@code file} and prints it, file meta information included; with {@code noPixel} reading stops before
     * (7FE0,0010) Pixel Data. Malformed input raises {@link DicomFormatException} before anything is printed.
     */
    public void dump(Path file, boolean noPixel, Appendable out) throws IOException {
        print(DicomReader.readFile(file, noPixel ? ReadOptions.headerOnly() : ReadOptions.DEFAULT), out);
    }

    /** Prints a file as dcmdump does: the meta information section, then the data set section. */
    public void print(DicomFile file, Appendable out) throws IOException {
        out.append("\n# Dicom-File-Format\n\n# Dicom-Meta-Information-Header\n");
        Attributes meta = file.fileMetaInformation();
        if (meta == null) {
            out.append("# Used TransferSyntax: Unknown Transfer Syntax\n");
        } else {
            out.append("# Used TransferSyntax: ")
                    .append(transferSyntaxName(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)).append('\n');
            print(meta, true, out);
        }
        out.append("\n# Dicom-Data-Set\n# Used TransferSyntax: ").append(transferSyntaxName(file.transferSyntax()))
                .append('\n');
        print(file.dataset(), file.transferSyntax().explicitVR(), out);
    }

    /** Prints the elements of {@code dataset}; lengths are those of an explicit or implicit VR encoding. */
    public void print(Attributes dataset, boolean explicitVR, Appendable out) throws IOException {
        try {
            printElements(dataset, 0, explicitVR, out);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The dump of {@code dataset} (explicit VR lengths) as a string. */
    public String toString(Attributes dataset) {
        StringBuilder sb = new StringBuilder();
        try {
            print(dataset, true, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    private static String transferSyntaxName(TransferSyntax ts) {
        switch (ts.uid()) {
            case "1.2.840.10008.1.2":
                return "Little Endian Implicit";
            case "1.2.840.10008.1.2.1":
                return "Little Endian Explicit";
            case "1.2.840.10008.1.2.2":
                return "Big Endian Explicit";
            case "1.2.840.10008.1.2.1.99":
                return "Deflated Explicit VR Little Endian";
            default:
                return UidRegistry.standard().entry(ts.uid()).map(e -> e.name()).orElse(ts.uid());
        }
    }

    private void printElements(Attributes a, int level, boolean explicitVR, Appendable out) throws IOException {
        for (int i = 0, n = a.size(); i < n; i++) {
            int tag = a.tagAt(i);
            VR vr = a.vrAt(i);
            Object value = a.valueAt(i);
            if (value instanceof Sequence) {
                printSequence(a, i, (Sequence) value, level, explicitVR, out);
            } else if (value instanceof Fragments) {
                printFragments(tag, (Fragments) value, level, out);
            } else {
                printValue(a, tag, vr, value, level, explicitVR, out);
            }
        }
    }

    private void printSequence(Attributes a, int i, Sequence seq, int level, boolean explicitVR, Appendable out)
            throws IOException {
        boolean un = a.vrAt(i) == VR.UN; // CP-246: always undefined length, items implicit VR
        boolean undefined = un || seq.isUndefinedLength();
        boolean itemsExplicit = explicitVR && !un;
        line(out, level, seq.tag(), "SQ", "(Sequence with " + (undefined ? "undefined" : "explicit") + " length #="
                + seq.size() + ")", undefined ? -1 : EncodedLength.valueLength(a, i, explicitVR), 1,
                name(seq.tag()));
        for (Attributes item : seq) {
            boolean itemUndefined = item.isUndefinedLength();
            line(out, level + 1, ITEM, "na", "(Item with " + (itemUndefined ? "undefined" : "explicit")
                    + " length #=" + item.size() + ")",
                    itemUndefined ? -1 : EncodedLength.elementsLength(item, itemsExplicit), 1, "Item");
            printElements(item, level + 2, itemsExplicit, out);
            line(out, level + 1, ITEM_DELIMITATION, "na", itemUndefined ? "(ItemDelimitationItem)"
                    : "(ItemDelimitationItem for re-encoding)", 0, 0, "ItemDelimitationItem");
        }
        line(out, level, SEQUENCE_DELIMITATION, "na", undefined ? "(SequenceDelimitationItem)"
                : "(SequenceDelimitationItem for re-encod.)", 0, 0, "SequenceDelimitationItem");
    }

    private void printFragments(int tag, Fragments f, int level, Appendable out) throws IOException {
        line(out, level, tag, f.vr().name(), "(PixelSequence #=" + f.size() + ")", -1, 1, name(tag));
        for (int k = 0; k < f.size(); k++) {
            long length = f.length(k);
            String text = length == 0 ? "(no value available)"
                    : binary(prefix(f.get(k), VR.OB), VR.OB, false, length);
            line(out, level + 1, ITEM, "pi", text, length, 1, "Item");
        }
        line(out, level, SEQUENCE_DELIMITATION, "na", "(SequenceDelimitationItem)", 0, 0,
                "SequenceDelimitationItem");
    }

    private void printValue(Attributes a, int tag, VR vr, Object value, int level, boolean explicitVR,
            Appendable out) throws IOException {
        long length = EncodedLength.plainLength(value);
        String vrName = explicitVR ? vr.name() : implicitVRName(tag, vr);
        if (length == 0) {
            line(out, level, tag, vrName, "(no value available)", 0, 0, name(tag));
            return;
        }
        if (vr.isStringLike()) {
            byte[] b = (byte[]) (value instanceof byte[] ? value : prefix(value, vr));
            String s = vr.kind() == VR.Kind.TEXT ? a.specificCharacterSet().decode(b, 0, b.length, vr)
                    : StringValues.ascii(b, 0, b.length);
            s = stripTrailingPadding(s);
            int vm = s.isEmpty() ? 0 : StringValues.isMultiValued(vr) ? count(s, '\\') + 1 : 1;
            String text = "[" + s + "]";
            if (vr == VR.UI && uidNames && vm == 1) {
                text = UidRegistry.standard().entry(s).map(e -> "=" + e.keyword()).orElse(text);
            }
            if (!printAll && text.length() > MAX_VALUE) {
                text = text.substring(0, MAX_VALUE - 3) + "...";
            }
            line(out, level, tag, vrName, text, length, vm, name(tag));
            return;
        }
        VR shown = vr == VR.UN ? VR.OB : vr;
        int size = NumericValues.valueSize(shown);
        if (length % size != 0) {
            line(out, level, tag, vrName, "(invalid value)", length, 0, name(tag));
            return;
        }
        byte[] b = prefix(value, shown);
        int vm = vr.kind() == VR.Kind.BINARY ? (int) (length / size) : 1;
        line(out, level, tag, vrName, binary(b, shown, a.isBigEndian(), length), length, vm, name(tag));
    }

    /**
     * What dcmdump shows as VR when the encoding has none: "??" for unknown elements, and its pseudo VRs where the
     * dictionary allows several: "xs" (US or SS), "ox" (OB or OW), "lt" (US, SS or OW).
     */
    private String implicitVRName(int tag, VR vr) {
        if (vr == VR.UN) {
            return "??";
        }
        if (tag == 0x7FE00010) {
            return vr.name();
        }
        java.util.List<VR> vrs = dictionary.entry(tag).map(e -> e.vrs()).orElse(java.util.List.of());
        if (vrs.size() < 2) {
            return vr.name();
        }
        if (vrs.contains(VR.OW) && vrs.contains(VR.US)) {
            return "lt";
        }
        return vrs.contains(VR.OW) ? "ox" : vrs.contains(VR.SS) ? "xs" : vr.name();
    }

    private static String stripTrailingPadding(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /** The value's bytes, or for a reference only as many as one shortened line can show. */
    private byte[] prefix(Object value, VR vr) {
        if (value instanceof byte[]) {
            return (byte[]) value;
        }
        BulkDataReference ref = (BulkDataReference) value;
        int want = printAll ? (int) Math.min(ref.length(), Integer.MAX_VALUE - 8)
                : (int) Math.min(ref.length(), (MAX_VALUE / 2 + 1) * Math.max(1, NumericValues.valueSize(vr)));
        try {
            return ref.readBytes(0, want);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Binary values joined by backslashes, shortened as dcmdump does: a value is printed while the line stays
     * within 70 characters leaving room for "...", the last value may use those 3 characters.
     */
    private String binary(byte[] b, VR vr, boolean bigEndian, long length) {
        int size = NumericValues.valueSize(vr);
        long total = length / size;
        int available = b.length / size;
        StringBuilder sb = new StringBuilder(80);
        for (int k = 0; k < available; k++) {
            String v = format(b, k, vr, bigEndian);
            int newLength = sb.length() + (k > 0 ? 1 : 0) + v.length();
            boolean last = k + 1 == total;
            if (!printAll && newLength + 3 > MAX_VALUE && !(last && newLength <= MAX_VALUE)) {
                return sb.append("...").toString();
            }
            if (k > 0) {
                sb.append('\\');
            }
            sb.append(v);
        }
        if (available < total) {
            sb.append("...");
        }
        return sb.toString();
    }

    private static String format(byte[] b, int k, VR vr, boolean bigEndian) {
        switch (vr) {
            case OB:
                return hex(b[k] & 0xFF, 2);
            case OW:
                return hex(Endian.getUShort(b, k * 2, bigEndian), 4);
            case FL: case OF:
                return PrintfFloat.g(NumericValues.getDouble(b, k, vr, bigEndian), 9);
            case FD: case OD:
                return PrintfFloat.shortest(NumericValues.getDouble(b, k, vr, bigEndian));
            case AT:
                return Tag.toString((int) NumericValues.getLong(b, k, vr, bigEndian));
            case UV: case OV:
                return Long.toUnsignedString(NumericValues.getLong(b, k, vr, bigEndian));
            default:
                return Long.toString(NumericValues.getLong(b, k, vr, bigEndian));
        }
    }

    private static String hex(int v, int digits) {
        String s = Integer.toHexString(v);
        return "0000".substring(0, digits - s.length()) + s;
    }

    /** The keyword column: dcmdump's names for what the dictionary does not know. */
    private String name(int tag) {
        boolean isPrivate = Tag.isPrivate(tag);
        if ((tag & 0xFFFF) == 0) {
            if (isPrivate) {
                return "PrivateGroupLength";
            }
            String k = dictionary.keywordOf(tag);
            return k.isEmpty() ? "GenericGroupLength" : k;
        }
        if (isPrivate) {
            return Tag.isPrivateCreator(tag) ? "PrivateCreator" : "Unknown Tag & Data";
        }
        return dictionary.entry(tag)
                .map(e -> e.retired() && !e.keyword().startsWith("RETIRED_") ? "RETIRED_" + e.keyword() : e.keyword())
                .orElse("Unknown Tag & Data");
    }

    /** dcmdump pads by bytes; counting UTF-8 bytes lines our output up with {@code dcmdump +U8}. */
    private static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                n += c < 0x800 ? 1 : Character.isSurrogate(c) ? 0 : 2;
            }
        }
        return n;
    }

    private void line(Appendable out, int level, int tag, String vr, String value, long length, int vm,
            String name) throws IOException {
        StringBuilder sb = line;
        sb.setLength(0);
        for (int i = 0; i < level; i++) {
            sb.append("  ");
        }
        sb.append(Tag.toString(tag)).append(' ').append(vr).append(' ').append(value);
        for (int i = utf8Length(value); i < VALUE_WIDTH; i++) {
            sb.append(' ');
        }
        sb.append(" # ");
        String len = length < 0 ? "u/l" : Long.toString(length);
        for (int i = len.length(); i < 3; i++) {
            sb.append(' ');
        }
        sb.append(len).append(',');
        String v = Integer.toString(vm);
        if (v.length() < 2) {
            sb.append(' ');
        }
        sb.append(v).append(' ').append(name).append('\n');
        out.append(sb);
    }
}
